"""Occupations and roles ("a retired rancher", "a certain Cardinals QB", "the town's pastor"):
unique characteristics that identify a patient together with a health detail, place or time.

They are weaker than a number or a name: a meet-the-team post names occupations too, so they
only become PHI in a text that is already about a patient.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from safepost.detection.recognizers.base import Pattern, PatternSetRecognizer, compile_pattern


@lru_cache(maxsize=1)
def occupations() -> tuple[str, ...]:
    text = resources.files("safepost.detection").joinpath("data/occupations.txt").read_text("utf-8")
    return tuple(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


def _patterns() -> tuple[Pattern, ...]:
    words = "|".join(re.escape(o) for o in sorted(occupations(), key=len, reverse=True))
    return (
        compile_pattern(
            "occupation",
            rf"\b(?:(?:a|the|our|your|my|this|that)\s)?(?:(?:retired|former|local|certain|young|"
            rf"old|head|assistant|veteran)\s)?(?:[A-Z][\w'’-]+\s)?(?:{words})s?\b",
            "OTHER_ID",
            0.6,
        ),
        compile_pattern(
            "a_certain",
            r"\ba\scertain\s(?:[A-Z][\w'’-]+\s)?[\w'’-]+(?:\s[\w'’-]+)?",
            "OTHER_ID",
            0.7,
        ),
    )


class OccupationRecognizer(PatternSetRecognizer):
    LABELS = ("OTHER_ID",)
    PATTERNS = _patterns()
