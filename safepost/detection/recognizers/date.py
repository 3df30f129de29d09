"""Dates and times tied to a person: absolute, numeric, weekdays, times of day, holidays and
relative expressions ("yesterday", "last Tues", "this morning") that general scanners miss.

A year alone is not a Safe Harbor date element and is not reported.
"""

from __future__ import annotations

import re

from safepost.detection.recognizers.base import PatternSetRecognizer, compile_pattern

# Full month names match in any case; short forms must be capitalised or followed by a day,
# because "mar", "jan" and "may" are also words. "May" alone needs a capital and a cue.
_MONTH_FULL = r"january|february|march|april|june|july|august|september|october|november|december"
_MONTH_SHORT = r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec"
_MONTH_ANY = rf"(?:(?i:{_MONTH_FULL})|(?i:{_MONTH_SHORT})\.?|(?i:may))"
_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)day|Mon|Tues?|Thu(?:rs?)?|Fri"
_DAY_NUM = r"\d{1,2}(?:st|nd|rd|th)?"
_TIME = r"\d{1,2}:\d{2}\s?(?:[ap]\.?m\.?)?|\d{1,2}\s?[ap]\.?m\.?\b|noon|midnight"
_PERIOD = r"morning|morn|afternoon|evening|night|week|weekend|month|spring|summer|fall|autumn|winter|semester"
_NUMBER_WORD = r"\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|a few|several|couple(?: of)?"
_HOLIDAY = (
    r"christmas(?: eve| day)?|thanksgiving|new year'?s(?: eve| day)?|easter|halloween|hanukkah"
    r"|valentine'?s day|mother'?s day|father'?s day|labor day|memorial day|independence day"
    r"|july 4th|fourth of july|veterans day|juneteenth"
)


def _valid_numeric_date(value: str) -> bool:
    parts = re.split(r"[/-]", value)
    try:
        month, day = int(parts[0]), int(parts[1])
    except (ValueError, IndexError):
        return False
    if len(parts) == 2 and parts[1] == "10" and month <= 10:
        return False  # "9/10 pain", "10/10 would recommend" are ratings, not dates
    return 1 <= month <= 12 and 1 <= day <= 31


def _i(regex: str) -> str:
    return f"(?i:{regex})"


class PersonDateRecognizer(PatternSetRecognizer):
    LABELS = ("DATE",)
    PATTERNS = (
        compile_pattern(
            "numeric_date",
            r"(?<![\d/.$])\d{1,2}/\d{1,2}(?:/(?:\d{4}|\d{2}))?(?![\d/%])",
            "DATE",
            0.85,
            validate=_valid_numeric_date,
        ),
        compile_pattern("iso_date", r"\b\d{4}-\d{2}-\d{2}\b", "DATE", 0.9),
        compile_pattern(
            "weekday_month_day",
            rf"\b(?:(?:{_i(_WEEKDAY)})s?,?\s)?{_MONTH_ANY}\s{_DAY_NUM}\b(?:\s?[–-]\s?\d{{1,2}}\b)?"
            rf"(?:(?:,?\s(?:{_DAY_NUM})\b)*(?:,?\s(?:and|&)\s{_DAY_NUM}\b))?(?:,?\s\d{{4}})?",
            "DATE",
            0.9,
            flags=0,
        ),
        compile_pattern(
            "day_of_month",
            rf"\b{_DAY_NUM}\sof\s{_MONTH_ANY}\b(?:,?\s\d{{4}})?",
            "DATE",
            0.9,
            flags=0,
        ),
        compile_pattern(
            "month_name",
            rf"\b(?:(?i:{_MONTH_FULL})|(?:Jan|Feb|Aug|Sept?|Oct|Nov|Dec)\.?)\b",
            "DATE",
            0.75,
            flags=0,
        ),
        compile_pattern(
            "cued_short_month",
            r"\b(?:in|of|since|this|last|next|early|late|mid)\s(?P<m>May|Mar|Apr|Jun|Jul)\b",
            "DATE",
            0.75,
            group="m",
            flags=0,
        ),
        compile_pattern(
            "weekday",
            rf"\b(?:(?:this|last|next|on|every|this past|the)\s)?(?:{_i(_WEEKDAY)})s?\b"
            rf"(?:'s)?(?:\s(?:{_PERIOD}|{_TIME}))?",
            "DATE",
            0.8,
            flags=0,
        ),
        compile_pattern(
            "nth_of_month",
            r"\bthe\s\d{1,2}(?:st|nd|rd|th)\b|\bon\sthe\s(?:first|second|third)\b"
            r"(?!\s(?:time|floor|grade|percentile|century|birthday|visit|day|week|month|year))",
            "DATE",
            0.75,
        ),
        compile_pattern(
            "time_of_day",
            rf"(?<![\d:/]){_i(_TIME)}(?:\s(?:on|this|last|tomorrow|today|tonight|yesterday)\b"
            rf"(?:\s(?:{_MONTH_ANY}\s{_DAY_NUM}|{_PERIOD}))?)?",
            "DATE",
            0.7,
            flags=0,
        ),
        compile_pattern(
            "relative_day",
            rf"\b(?:(?:earlier|later|just|from)\s)?(?:yesterday|today|tonight|tomorrow|last night)\b"
            rf"(?:\s(?:{_PERIOD}))?",
            "DATE",
            0.8,
        ),
        compile_pattern(
            "relative_period",
            rf"\b(?:this|last|next|past|the same|the other|the following|the previous|that)\s"
            rf"(?:{_PERIOD}|year)\b",
            "DATE",
            0.8,
        ),
        compile_pattern(
            "ago_or_from_now",
            rf"\b(?:{_NUMBER_WORD})\s(?:days?|weeks?|months?|hours?)\s(?:ago|from now|later|earlier)\b"
            rf"|\bin\s(?:{_NUMBER_WORD})\s(?:days?|weeks?|months?)\b",
            "DATE",
            0.75,
        ),
        compile_pattern(
            "holiday",
            rf"\b(?:(?:the\s)?(?:day|week|weekend|friday|monday|saturday|night)\s(?:after|before)\s)?"
            rf"(?:{_HOLIDAY})\b",
            "DATE",
            0.75,
        ),
    )
