"""Identifiers recognised by the keyword that introduces them ("MRN 00482913", "member id ...").

Record, plan, account, licence, device and room numbers have no checksum or fixed shape across
institutions, so the keyword is the evidence; the value must contain a digit and be short enough
to be a code. Each family's keywords live in its own recognizer module.
"""

from __future__ import annotations

import re

from safepost.detection.recognizers.base import Pattern, compile_pattern

# A code: optional '#', letters/digits/dashes with at least one digit, e.g. SB-0093341, AZH 7730194.
ID_VALUE = r"(?:#\s?|no\.?\s?|number\s?|:\s?)?(?P<id>(?=[A-Z0-9 -]{0,6}\d)[A-Z]{0,4}[- ]?\d[\dA-Z-]{2,}(?<!-))"


def keyed_pattern(rule: str, keywords: str, label: str, score: float = 0.9, gap: str = r"[\s:#(]{0,4}") -> Pattern:
    """``keywords`` followed by up to a few separators (or a short phrase) and an ID value."""
    regex = rf"\b(?:{keywords})\b(?:\s(?:is|was|are|of|number|no\.?|id|#|shows|reads|says)){{0,2}}{gap}{ID_VALUE}"
    return compile_pattern(rule, regex, label, score, group="id", flags=re.IGNORECASE)


def whole_match_pattern(rule: str, regex: str, label: str, score: float = 0.85) -> Pattern:
    return compile_pattern(rule, regex, label, score)
