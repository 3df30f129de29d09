"""Health plan beneficiary and member numbers, including Medicare MBIs (Presidio's pattern)."""

from __future__ import annotations

from presidio_analyzer.predefined_recognizers.country_specific.us.us_mbi_recognizer import (
    UsMbiRecognizer,
)

from safepost.detection.recognizers.base import PatternSetRecognizer, compile_pattern
from safepost.detection.recognizers.keyed import keyed_pattern

_INSURERS = (
    r"anthem|aetna|cigna|humana|united(?:healthcare)?|uhc|bcbs|blue cross(?: blue shield)?|kaiser"
    r"|tricare|medicaid|medicare|medi-cal|delta dental|ambetter|molina|centene|wellcare|oscar"
    r"|insurance|plan|subscriber|member|policy|group|beneficiary"
)

# Presidio ships the CMS MBI format (11 characters, letters excluding S, L, O, I, B, Z); reuse it.
_MBI_PATTERNS = tuple(
    compile_pattern(f"mbi_{i}", p.regex, "HEALTH_PLAN", 0.85, flags=0) for i, p in enumerate(UsMbiRecognizer.PATTERNS)
)


class HealthPlanRecognizer(PatternSetRecognizer):
    LABELS = ("HEALTH_PLAN",)
    PATTERNS = (
        keyed_pattern(
            "member_id_keyword",
            rf"(?:{_INSURERS})(?:\s(?:member|subscriber|policy|insurance|beneficiary|group))?"
            r"\s?(?:id|#|number|no\.?|card)",
            "HEALTH_PLAN",
        ),
        *_MBI_PATTERNS,
    )
