"""Email addresses."""

from __future__ import annotations

from safepost.detection.recognizers.base import PatternSetRecognizer, compile_pattern


class EmailAddressRecognizer(PatternSetRecognizer):
    LABELS = ("EMAIL",)
    PATTERNS = (
        compile_pattern(
            "email_address",
            r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b",
            "EMAIL",
            0.95,
        ),
    )
