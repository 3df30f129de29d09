"""From one parsed text to attributed findings and the facts a verdict is decided on.

Recognizers propose spans; the attributor says which belong to the organization or its staff;
then the text as a whole decides whether the remaining identifiers describe a patient. A date
in a holiday-hours post is not PHI; the same date in a reply that confirms a visit is. Making
that decision per text (rather than per span) is what lets SafePost pass ordinary posts that
general scanners flag, while catching the replies they miss.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml
from spacy.tokens import Doc

from safepost.detection.attribution import Attributor
from safepost.detection.models import Author, Kind, Subject
from safepost.detection.org import OrgProfile
from safepost.detection.recognizers.base import Candidate, SafePostRecognizer, doc_text
from safepost.detection.recognizers.health import HealthRecognizer
from safepost.detection.recognizers.name import NameRecognizer
from safepost.detection.recognizers.patient_status import PatientStatusRecognizer
from safepost.detection.recognizers.registry import all_recognizers

# Identifiers that are PHI wherever they appear: nobody posts a stranger's MRN for fun.
STRONG_IDS = frozenset(
    {
        "SSN",
        "MRN",
        "HEALTH_PLAN",
        "ACCOUNT",
        "LICENSE",
        "VEHICLE",
        "DEVICE",
        "IP",
        "BIOMETRIC",
        "OTHER_ID",
    }
)
# Rules under a strong label whose match is a description, not a number: PHI only in context.
CONTEXTUAL_ID_RULES = frozenset({"occupation", "a_certain"})
PERSON_IDS = frozenset({"NAME", "HANDLE"})
# Name rules tuned for recall (tweets, vocatives, lower-case cues): they mark spans, but alone they
# are not evidence that a text is about a patient.
WEAK_NAME_RULES = frozenset(
    {
        "crf_person",
        "given_name",
        "username_like",
        "vocative_name",
        "opening_vocative",
        "lower_cue_name",
        "possessive_of_care",
    }
)
# Age forms that describe a case ("a 52-year-old", "15yo"); "at 52" or "adults 18+" do not.
CASE_AGE_RULES = frozenset({"n_unit_old", "n_yo", "n_mo_bare", "decade", "bracketed_age", "name_comma_age"})
# Labels a member of the public can post about themselves without disclosing care details:
# a bare visit ("missed my session") or a date is routed, not hidden.
NON_DISCLOSING = frozenset({"PATIENT_STATUS", "DATE"})
CONTACT_IDS = frozenset({"PHONE", "FAX", "EMAIL", "URL"})
# Status rules that describe records or schedules: such a post needs rewriting, not consent.
RECORD_RULES = frozenset({"schedule_artifact", "record_review", "you_were_treated"})
_REVISE_POST_CUES = re.compile(
    r"\b(?:sorry|guess the|case of the|rare ?case|set the record|whiteboard|sign-?in|schedule|"
    r"monitor|jello|blur|frequent flyer|interesting case)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    label: str
    subject: Subject
    score: float
    rule: str


@dataclass
class Facts:
    """What the text as a whole says, in the terms the verdict rules use."""

    patient_context: bool = False
    status: bool = False
    named_patient: bool = False
    echoed_context: bool = False
    record_details: bool = False
    needs_response: bool = False
    complaint: bool = False
    medical_question: bool = False
    quasi_parts: list[str] = field(default_factory=list)


@dataclass
class Analysis:
    text: str
    kind: Kind
    author: Author
    spans: list[Span]
    facts: Facts

    @property
    def phi_spans(self) -> list[Span]:
        return [s for s in self.spans if s.subject.is_phi]

    @property
    def discloses(self) -> bool:
        """PHI beyond a bare mention of a visit: an identifier or a health detail."""
        phi = self.phi_spans
        status = [s for s in phi if s.label == "PATIENT_STATUS"]
        # "my discharge papers", "an intake appointment": the health word is the visit itself.
        return any(
            s.label not in NON_DISCLOSING
            and not (s.label == "HEALTH" and any(t.start <= s.start and s.end <= t.end for t in status))
            for s in phi
        )


@lru_cache(maxsize=1)
def _recognizers() -> tuple[SafePostRecognizer, ...]:
    return tuple(all_recognizers())


@lru_cache(maxsize=1)
def _intent() -> dict[str, re.Pattern[str]]:
    raw = yaml.safe_load(resources.files("safepost.detection").joinpath("data/public_intent.yaml").read_text("utf-8"))
    # Folded YAML joins lines with spaces: drop those around '|', keep the ones inside phrases.
    return {
        key: re.compile(re.sub(r"\s*\|\s*", "|", " ".join(value.split())), re.IGNORECASE) for key, value in raw.items()
    }


def _echoes(text: str, context_doc: Doc, org: OrgProfile | None) -> list[Candidate]:
    """Names and health details of the text being replied to that the reply repeats."""
    found: list[Candidate] = []
    ctx_attr = Attributor(doc_text(context_doc), org)
    words: set[tuple[str, str]] = set()
    for c in NameRecognizer().find(context_doc):
        if c.rule not in WEAK_NAME_RULES and ctx_attr.subject_of(c) is None:
            words.add((doc_text(context_doc)[c.start : c.end], "NAME"))
    for c in HealthRecognizer().find(context_doc):
        if c.rule == "health_vocabulary":
            words.add((doc_text(context_doc)[c.start : c.end], "HEALTH"))
    # A reply usually addresses a reviewer by first name only ("- Morgan P." -> "Morgan").
    for value, label in list(words):
        if label == "NAME":
            words.update((token, "NAME") for token in re.findall(r"\b[A-Z][a-z]{2,}\b", value))
    for value, label in words:
        value = re.sub(r"^(?:my|his|her|their)\s", "", value.strip(), flags=re.IGNORECASE)
        if len(value) < 3:
            continue
        for m in re.finditer(r"(?<!\w)" + re.escape(value) + r"(?!\w)", text, re.IGNORECASE):
            found.append(Candidate(m.start(), m.end(), label, 0.85, "echoes_context"))
    return found


_YOUR_BEFORE = re.compile(r"\b(?:your|ur)\s(?:[\w'’-]+\s){0,2}$", re.IGNORECASE)


def _second_person_health(text: str, raw: list[Candidate]) -> list[Candidate]:
    """ "your tretinoin", "your knee rehab": in a reply, the reader's own health detail."""
    out = []
    for c in raw:
        if c.label == "HEALTH":
            m = _YOUR_BEFORE.search(text[max(0, c.start - 30) : c.start])
            if m:
                start = c.start - len(m.group())
                out.append(Candidate(start, c.end, "PATIENT_STATUS", 0.8, "second_person_care"))
    return out


def _merge(cands: list[tuple[Candidate, Subject | None]]) -> list[tuple[Candidate, Subject | None]]:
    """Merge overlapping spans of the same label; an organization/staff subject wins."""
    by_label: dict[str, list[tuple[Candidate, Subject | None]]] = {}
    for item in sorted(cands, key=lambda x: (x[0].label, x[0].start, -x[0].end)):
        group = by_label.setdefault(item[0].label, [])
        if group and item[0].start < group[-1][0].end:
            prev, prev_subject = group[-1]
            subject = prev_subject or item[1]
            if Subject.STAFF in (prev_subject, item[1]) and item[0].label == "NAME":
                subject = Subject.STAFF
            merged = Candidate(
                prev.start,
                max(prev.end, item[0].end),
                prev.label,
                max(prev.score, item[0].score),
                prev.rule if prev.score >= item[0].score else item[0].rule,
            )
            group[-1] = (merged, subject)
        else:
            group.append(item)
    return [item for group in by_label.values() for item in group]


def _drop_names_that_are_terms(
    items: list[tuple[Candidate, Subject | None]],
) -> list[tuple[Candidate, Subject | None]]:
    """spaCy tags some procedures and drugs as PERSON ("Mohs"); a health term wins."""
    health = [c for c, _ in items if c.label == "HEALTH" and c.rule == "health_vocabulary"]
    return [
        (c, s)
        for c, s in items
        if not (
            c.label == "NAME"
            and c.rule == "spacy_person"
            and any(h.start <= c.start and c.end <= h.end for h in health)
        )
    ]


_FIRST_PERSON = re.compile(r"\b(?:i|i'm|im|i've|ive|me|my|mine)\b", re.IGNORECASE)


def _crf_agrees(c: Candidate, free: list[Candidate]) -> bool:
    """A one-word spaCy PERSON ("Color" in a checklist) counts when the social-text CRF agrees."""
    return any(o.rule == "crf_person" and o.start < c.end and c.start < o.end for o in free)


def _inside_dates(
    items: list[tuple[Candidate, Subject | None]],
) -> list[tuple[Candidate, Subject | None]]:
    """ "Tues" tagged PERSON, "May" as a place: a name or place inside a date is the date."""
    dates = [c for c, _ in items if c.label == "DATE"]
    return [
        (c, s)
        for c, s in items
        if not (c.label in {"NAME", "LOCATION"} and any(d.start <= c.start and c.end <= d.end for d in dates))
    ]


_TOPIC_AFTER = re.compile(
    r"^\s(?:first aid|awareness|month|week|day|training|trainings|class|classes|event|events|group|"
    r"program|programs|walk|fair|resources|services|education|screening day|clinic)\b",
    re.IGNORECASE,
)


def _personal_health(text: str, health: list[Candidate]) -> bool:
    """Health words about the writer or their family, not a general question about a topic."""
    cue = _intent()["personal_health_before"]
    for c in health:
        if cue.search(text[max(0, c.start - 40) : c.start].lower()):
            return True
        # The sentence holding the term is a first-person statement, not a question.
        left = max(text.rfind(mark, 0, c.start) for mark in ".!?\n")
        ends = [i for i in (text.find(mark, c.end) for mark in ".!?\n") if i >= 0]
        right = min(ends) if ends else len(text)
        sentence = text[left + 1 : right + 1]
        if (
            _FIRST_PERSON.search(sentence)
            and not sentence.rstrip().endswith("?")
            and not _TOPIC_AFTER.match(text[c.end : c.end + 25])
        ):
            return True
    return False


def analyze(
    doc: Doc,
    kind: Kind,
    author: Author,
    org: OrgProfile | None = None,
    context_doc: Doc | None = None,
) -> Analysis:
    text = doc_text(doc)
    raw: list[Candidate] = [c for r in _recognizers() for c in r.find(doc)]
    raw.extend(PatientStatusRecognizer.find_for(text, kind, author))
    if kind is Kind.REPLY and author is not Author.PUBLIC:
        raw.extend(_second_person_health(text, raw))
    echoes = _echoes(text, context_doc, org) if context_doc is not None and kind is Kind.REPLY else []
    raw.extend(echoes)

    attributor = Attributor(text, org)
    attributed = [(c, attributor.subject_of(c)) for c in raw]
    # A name or place inside the organization's own name ("Brendan" in "St. Brendan's") is it.
    attributed = [
        (
            c,
            Subject.ORGANIZATION
            if s is None and attributor.inside_org_name(c) and c.label != "PATIENT_STATUS" and c.label != "HEALTH"
            else s,
        )
        for c, s in attributed
    ]
    if org is not None:
        for start, end in attributor.org_spans:
            if not any(c.start <= start and end <= c.end and c.label == "NAME" for c, _ in attributed):
                attributed.append((Candidate(start, end, "NAME", 0.9, "org_profile"), Subject.ORGANIZATION))
    attributed = _inside_dates(_drop_names_that_are_terms(attributed))
    merged = _merge(attributed)
    facts = _facts(text, kind, author, merged, bool(echoes))
    if context_doc is not None and kind is Kind.REPLY:
        # A reply to a complaint is answered with the complaint template: the same cues that
        # mark a public complaint mark the review being answered.
        facts.complaint = bool(_intent()["complaint"].search(doc_text(context_doc)))
    spans = []
    for c, subject in sorted(merged, key=lambda x: (x[0].start, x[0].end)):
        if subject is None:
            subject = Subject.PATIENT if facts.patient_context else Subject.PUBLIC
            if c.label in STRONG_IDS and c.rule not in CONTEXTUAL_ID_RULES:
                subject = Subject.PATIENT
        spans.append(Span(c.start, c.end, c.label, subject, c.score, c.rule))
    return Analysis(text, kind, author, spans, facts)


def _facts(
    text: str,
    kind: Kind,
    author: Author,
    merged: list[tuple[Candidate, Subject | None]],
    echoed: bool,
) -> Facts:
    free = [c for c, s in merged if s is None]
    labels = {c.label for c in free}
    health = [c for c in free if c.label == "HEALTH"]
    status_rules = {c.rule for c in free if c.label == "PATIENT_STATUS"}
    facts = Facts(status=bool(status_rules), echoed_context=echoed)
    strong = any(c.label in STRONG_IDS and c.rule not in CONTEXTUAL_ID_RULES for c in free)
    # A full name found only by spaCy in a post is usually a public figure ("Tom Cruise wore
    # braces"); patients in posts appear by first name, initials, handle or title.
    person = any(
        c.label in PERSON_IDS
        and c.rule not in WEAK_NAME_RULES
        and not (c.rule == "spacy_person" and " " not in text[c.start : c.end].strip() and not _crf_agrees(c, free))
        and not (author is not Author.PUBLIC and c.rule == "spacy_person" and " " in text[c.start : c.end].strip())
        for c in free
    )
    ages = any(c.label == "AGE" and c.rule in CASE_AGE_RULES for c in free)
    if author is Author.PUBLIC:
        personal = _personal_health(text, health)
        contact = bool(labels & CONTACT_IDS)
        facts.patient_context = facts.status or strong or contact or personal or (person and bool(health))
        intent = _intent()
        facts.complaint = bool(intent["complaint"].search(text))
        asks = bool(intent["question"].search(text))
        facts.medical_question = bool(intent["medical_question"].search(text)) or (asks and bool(health))
        facts.needs_response = (
            facts.status or facts.complaint or facts.medical_question or bool(intent["care_request"].search(text))
        )
    else:
        facts.patient_context = facts.status or echoed or strong or (person and bool(health)) or (ages and bool(health))
    # Once the text is about a patient, any name or handle (weak rules too) shows who it is.
    facts.named_patient = facts.patient_context and bool(labels & PERSON_IDS)
    facts.record_details = bool(status_rules & RECORD_RULES) or strong or bool(_REVISE_POST_CUES.search(text))
    if facts.patient_context and health and not person:
        facts.quasi_parts = sorted(
            {
                "a place"
                if c.label == "LOCATION"
                else "a date"
                if c.label == "DATE"
                else "an age"
                if c.label == "AGE"
                else "a unique characteristic"
                for c in free
                if c.label in {"LOCATION", "DATE", "AGE", "OTHER_ID"}
            }
        )
    return facts
