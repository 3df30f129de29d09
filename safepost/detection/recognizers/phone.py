"""Phone and fax numbers, found and validated by Google's ``phonenumbers``."""

from __future__ import annotations

import re

import phonenumbers
from spacy.tokens import Doc

from safepost.detection.recognizers.base import Candidate, SafePostRecognizer, doc_text

_FAX_CONTEXT = re.compile(r"\bfax(?:ed|ing)?\b|\bf:\s*$", re.IGNORECASE)
# Three-digit service numbers (911, 988, 211) are public and never a person's number.
_SERVICE_NUMBERS = re.compile(r"(?<![\d-])(?:911|988|211|311|411|811)(?![\d-])")


class PhoneFaxRecognizer(SafePostRecognizer):
    LABELS = ("PHONE", "FAX")

    def __init__(self, region: str = "US") -> None:
        super().__init__()
        self.region = region

    def find(self, doc: Doc) -> list[Candidate]:
        text = doc_text(doc)
        out: list[Candidate] = []
        for match in phonenumbers.PhoneNumberMatcher(text, self.region, leniency=phonenumbers.Leniency.POSSIBLE):
            before = text[max(0, match.start - 60) : match.start]
            label = "FAX" if _FAX_CONTEXT.search(before) else "PHONE"
            score = 0.95 if phonenumbers.is_valid_number(match.number) else 0.7
            out.append(Candidate(match.start, match.end, label, score, "phonenumbers"))
        for service in _SERVICE_NUMBERS.finditer(text):
            if re.search(r"\b(?:call|text|dial)\b[^.]{0,20}$", text[: service.start()], re.IGNORECASE):
                out.append(Candidate(service.start(), service.end(), "PHONE", 0.5, "service_number"))
        return out
