"""Whose is each span? The organization's own identifiers and its staff in professional roles
are not PHI; this module finds them so that they never make a text fail.
"""

from __future__ import annotations

import re

from safepost.detection.models import Subject
from safepost.detection.org import OrgProfile
from safepost.detection.recognizers.base import Candidate

# Words right before a name that put the person in a workforce role.
_ROLE_BEFORE = re.compile(
    r"(?:\b(?:our|the|my|with|by|ask for|ask|call|text|see|thank you|thanks|meet|say hello to|hi to|"
    r"shout-?out to|welcome|congrats to|grateful for)\s(?:\w+\s){0,3}?(?:ceo|president|director|manager|"
    r"nurse|np|pa|md|doctor|dentist|hygienist|therapist|counselor|clinician|provider|surgeon|"
    r"receptionist|front desk|coordinator|specialist|trainer|tech|technician|assistant|facilitator|"
    r"esthetician|pt|physical therapist|pharmacist|intern|volunteer|chaplain|social worker|team member)"
    r",?\s$)",
    re.IGNORECASE,
)
_CREDENTIAL_AFTER = re.compile(
    r"^,?\s(?:md|do|rn|bsn|np|pa-c|pa|dds|dmd|dpt|pt|atc|lcsw|lpc|lmft|rdh|phd|psyd|ma|cna|lpn|"
    r"crna|aprn|fnp|ot|slp|ccc-slp|mft)\b",
    re.IGNORECASE,
)
_STAFF_ACTION_AFTER = re.compile(
    r"^(?:'s)?\s(?:(?:at|from|in)\s(?:the\s)?front\sdesk|is\sour|will\s(?:call|be\sthrilled|reach)|"
    r"would\slike\sto|has\sbeen\swith|joined|specializes|and\sthe\s(?:night|day)\steam|says)\b",
    re.IGNORECASE,
)


def phrase_spans(text: str, phrases: tuple[str, ...]) -> list[tuple[int, int]]:
    """Case-insensitive whole-word occurrences of each phrase."""
    out: list[tuple[int, int]] = []
    for phrase in phrases:
        pattern = r"(?<![\w@#])" + re.escape(phrase).replace(r"\ ", r"\s+") + r"(?:['’]s)?(?!\w)"
        out.extend(m.span() for m in re.finditer(pattern, text, re.IGNORECASE))
    return out


def _inside(c: Candidate, spans: list[tuple[int, int]]) -> bool:
    return any(s <= c.start and c.end <= e for s, e in spans)


def _overlaps(c: Candidate, spans: list[tuple[int, int]]) -> bool:
    return any(c.start < e and s < c.end for s, e in spans)


class Attributor:
    """Assigns organization/staff subjects from the profile and the text around each span."""

    def __init__(self, text: str, org: OrgProfile | None) -> None:
        self.text = text
        self.org = org
        self.org_spans: list[tuple[int, int]] = []
        self.address_spans: list[tuple[int, int]] = []
        if org is not None:
            self.org_spans = phrase_spans(text, org.name_phrases)
            self.address_spans = phrase_spans(text, org.address_phrases)

    def subject_of(self, c: Candidate) -> Subject | None:
        value = self.text[c.start : c.end]
        org = self.org
        if org is not None:
            if c.label in {"PHONE", "FAX"} and org.owns_phone(value):
                return Subject.ORGANIZATION
            if c.label in {"URL", "EMAIL"} and org.owns_domain(value):
                return Subject.ORGANIZATION
            if c.label == "HANDLE" and _overlaps(c, self.org_spans):
                return Subject.ORGANIZATION
            if c.label in {"LOCATION", "HANDLE", "OTHER_ID"} and _inside(c, self.org_spans):
                return Subject.ORGANIZATION
            # A person's name never overlaps the organization's ("Oaks Pediatrics" in its name).
            if c.label == "NAME" and _overlaps(c, self.org_spans):
                return Subject.ORGANIZATION
            if c.label == "LOCATION" and _overlaps(c, self.address_spans):
                return Subject.ORGANIZATION
            if c.label == "NAME" and org.is_staff_name(value):
                return Subject.STAFF
        if c.label == "NAME":
            if c.subject is Subject.STAFF:
                return Subject.STAFF
            before = self.text[max(0, c.start - 60) : c.start]
            after = self.text[c.end : c.end + 40]
            if _ROLE_BEFORE.search(before) or _CREDENTIAL_AFTER.match(after) or _STAFF_ACTION_AFTER.match(after):
                return Subject.STAFF
        return c.subject

    def inside_org_name(self, c: Candidate) -> bool:
        return _inside(c, self.org_spans)
