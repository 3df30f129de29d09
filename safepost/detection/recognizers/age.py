"""Ages and age groups in their social-media spellings: "92-year-old", "15yo", "14 mo",
"age 7", "in her 80s", "(16)" after a name, "I'm 71", "turned 100", "a 2-month visit".
"""

from __future__ import annotations

from spacy.tokens import Doc

from safepost.detection.recognizers.base import (
    Candidate,
    PatternSetRecognizer,
    compile_pattern,
    doc_text,
    regex_candidates,
)

_UNIT = r"(?:years?|yrs?|y|months?|mos?|weeks?|wks?|days?)"
_NOT_QUANTITY = (
    r"(?!\s?(?:%|percent|am|pm|a\.m|p\.m|:|,\d|\.\d|\d|minutes|mins|hours|hrs|lbs|pounds|miles|times|x\b|k\b|/))"
)
_ORDINAL = r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|sweet sixteen|\d{1,3}(?:st|nd|rd|th)"


class AgeRecognizer(PatternSetRecognizer):
    LABELS = ("AGE",)
    PATTERNS = (
        compile_pattern(
            "n_unit_old",
            rf"\b\d{{1,3}}(?:\.\d)?[- ]?{_UNIT}[- ]?old\b",
            "AGE",
            0.95,
        ),
        compile_pattern("n_yo", r"\b\d{1,3}\s?(?:yo|y/o|y\.o\.?|yr old|yrs old|mo old|mos old)\b", "AGE", 0.95),
        compile_pattern(
            "n_mo_bare",
            r"\b(?:my|his|her|our|a|the)\s(?P<age>\d{1,2}\s?(?:mo|mos|wk|wks))\b",
            "AGE",
            0.85,
            group="age",
        ),
        compile_pattern("age_n", r"\b(?:aged?|ages)\s\d{1,3}\b\+?", "AGE", 0.9),
        compile_pattern(
            "decade",
            r"\bin\s(?:his|her|their|my|our|your|the)\s(?:early\s|mid[- ]?|late\s)?(?:\d0|[2-9]0)'?s\b",
            "AGE",
            0.85,
        ),
        compile_pattern(
            "visit_age",
            # "2-month visit", "12-month checkup", "5 yr shots": the age is in the visit's name.
            rf"\b(?P<age>\d{{1,2}}[- ]?{_UNIT})[- ](?:(?:well[- ]child|weight|well|hearing|vision)\s)?"
            r"(?:visit|check-?up|checkup|check|shots|vaccines|appointment|appt|physical|well visit)\b",
            "AGE",
            0.85,
            group="age",
        ),
        compile_pattern(
            "copula_age",
            rf"\b(?:i'?m|i am|he'?s|she'?s|he is|she is|they'?re|turned|turning|turns|will be)"
            rf"\s(?P<age>\d{{1,3}}){_NOT_QUANTITY}\b(?!\s(?:{_UNIT}|weeks|days|minutes|times|in)\b)",
            "AGE",
            0.85,
            group="age",
        ),
        compile_pattern(
            "at_age",
            rf"\bat\s(?P<age>(?:1[3-9]|[2-9]\d|1[01]\d)){_NOT_QUANTITY}\b(?!\s?(?:{_UNIT}|[ap]m)\b)",
            "AGE",
            0.7,
            group="age",
        ),
        compile_pattern(
            "bracketed_age",
            r"(?<=[A-Za-z])\s?\((?P<age>\d{1,3})\)(?!\s?\d)",
            "AGE",
            0.8,
            group="age",
        ),
        compile_pattern("ordinal_birthday", rf"\b(?:{_ORDINAL})\sbirthday\b", "AGE", 0.8),
        compile_pattern("age_plus", r"\b(?:adults|kids|children|ages?|over|under)\s\d{1,3}\+?", "AGE", 0.5),
    )

    def find(self, doc: Doc) -> list[Candidate]:
        found = list(regex_candidates(doc_text(doc), self.PATTERNS))
        found.extend(self._name_comma_age(doc))
        return found

    @staticmethod
    def _name_comma_age(doc: Doc) -> list[Candidate]:
        """ "Ray Kowalski, 63," and "Jordan, 17, says": a number set off by commas after a name."""
        out: list[Candidate] = []
        for i, token in enumerate(doc[2:-1], start=2):
            prev, comma, nxt = doc[i - 2], doc[i - 1], doc[i + 1]
            if (
                token.like_num
                and token.text.isascii()
                and token.text.isdigit()
                and 0 < int(token.text) < 120
                and comma.text == ","
                and prev.text[:1].isupper()
                and not prev.is_sent_start
                and prev.text[:1].isupper()
                and nxt.text in {",", ".", "!", "and", "says", "said", "who"}
                and prev.ent_type_ not in {"DATE", "TIME"}
            ):
                out.append(Candidate(token.idx, token.idx + len(token.text), "AGE", 0.8, "name_comma_age"))
        return out
