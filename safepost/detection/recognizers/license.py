"""Certificate and licence numbers: driver's licences, professional licences, DEA and NPI."""

from __future__ import annotations

from presidio_analyzer.predefined_recognizers.country_specific.us.us_npi_recognizer import (
    UsNpiRecognizer,
)

from safepost.detection.recognizers.base import PatternSetRecognizer, compile_pattern
from safepost.detection.recognizers.keyed import keyed_pattern

_NPI = UsNpiRecognizer()


def _valid_npi(value: str) -> bool:
    # Presidio's NPI validator applies the Luhn check with the 80840 prefix.
    return bool(_NPI.validate_result(value)) and not _NPI.invalidate_result(value)


class LicenseRecognizer(PatternSetRecognizer):
    LABELS = ("LICENSE",)
    PATTERNS = (
        keyed_pattern(
            "license_keyword",
            r"driver'?s licen[cs]e|drivers licen[cs]e|licen[cs]e|lic|dl|certificate|cert|dea"
            r"|permit|passport",
            "LICENSE",
        ),
        compile_pattern(
            "npi_keyword",
            r"\bnpi\b\D{0,6}(?P<npi>\d{10})\b",
            "LICENSE",
            0.9,
            group="npi",
            validate=_valid_npi,
        ),
    )
