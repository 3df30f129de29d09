"""Vehicle identifiers: licence plates and VINs."""

from __future__ import annotations

import re

from safepost.detection.recognizers.base import PatternSetRecognizer, compile_pattern
from safepost.detection.recognizers.keyed import keyed_pattern

_VEHICLES = (
    r"car|truck|van|suv|jeep|camaro|mustang|corvette|civic|accord|camry|corolla|tesla|prius"
    r"|f-?150|silverado|motorcycle|bike|vehicle|minivan|sedan|pickup|ride"
)


def _valid_vin(value: str) -> bool:
    return bool(re.search(r"\d", value)) and bool(re.search(r"[A-Z]", value))


class VehicleRecognizer(PatternSetRecognizer):
    LABELS = ("VEHICLE",)
    PATTERNS = (
        keyed_pattern("plate_keyword", r"plates?|licen[cs]e plate|tag|vin", "VEHICLE"),
        # "your purple Camaro (ABC-1234)": a code in brackets right after a vehicle word.
        compile_pattern(
            "vehicle_code_in_brackets",
            rf"\b(?:{_VEHICLES})\b[^()\n]{{0,12}}\((?P<plate>[A-Z0-9]{{2,4}}[- ]?[A-Z0-9]{{2,4}})\)",
            "VEHICLE",
            0.85,
            group="plate",
        ),
        compile_pattern("vin", r"\b[A-HJ-NPR-Z0-9]{17}\b", "VEHICLE", 0.8, flags=0, validate=_valid_vin),
    )
