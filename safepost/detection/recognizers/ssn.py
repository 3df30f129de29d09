"""Social Security numbers, full or partial, validated with Presidio's SSN rules."""

from __future__ import annotations

from presidio_analyzer.predefined_recognizers.country_specific.us.us_ssn_recognizer import (
    UsSsnRecognizer,
)

from safepost.detection.recognizers.base import PatternSetRecognizer, compile_pattern

_PRESIDIO_SSN = UsSsnRecognizer()


def _valid_ssn(value: str) -> bool:
    # Presidio rejects all-same digits, 000/666/9xx areas and known sample numbers.
    return not _PRESIDIO_SSN.invalidate_result(value)


class SsnRecognizer(PatternSetRecognizer):
    LABELS = ("SSN",)
    PATTERNS = (
        compile_pattern(
            "ssn_dashed",
            r"(?<![\d-])\d{3}[- .]\d{2}[- .]\d{4}(?![\d-])",
            "SSN",
            0.85,
            validate=_valid_ssn,
        ),
        compile_pattern(
            "ssn_keyword",
            r"\b(?:ssn|social security(?: number| no| #)?|social)\b\D{0,25}?(?P<ssn>\d{9}|\d{3}-\d{2}-\d{4}|\d{4})\b",
            "SSN",
            0.9,
            group="ssn",
        ),
        compile_pattern(
            "ssn_last_four",
            r"\blast (?:4|four)(?: digits)?(?: of)?(?: my| his| her| the)? (?:ssn|social)\b"
            r"\D{0,12}?(?P<ssn>\d{4})\b",
            "SSN",
            0.9,
            group="ssn",
        ),
    )
