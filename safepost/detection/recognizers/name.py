"""Person names: spaCy's PERSON entities plus what social text needs and NER misses:
titled names ("Mr. Dubois", "Dr. Lee"), initials ("J. Ferris", "Kaylee S.", "j.m."), names
after a relation or a greeting ("my daughter Mia", "Hi Kayla"), sign-offs ("- Bev T."),
self-introductions ("this is Greg Hollis") and lower-case names after a cue ("baby theo").
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc

from safepost.detection.models import Subject
from safepost.detection.name_model import THRESHOLD, first_names, person_probabilities
from safepost.detection.recognizers.base import (
    Candidate,
    PatternSetRecognizer,
    compile_pattern,
    doc_text,
    doc_words,
    regex_candidates,
)

_CAP = r"[A-Z][a-zA-Z'’-]+"
_NAME = rf"{_CAP}(?:\s(?:[A-Z]\.|{_CAP}))?"
_RELATION = (
    r"son|daughter|husband|wife|mom|mother|dad|father|grandpa|grandma|grandmother|grandfather"
    r"|granddaughter|grandson|baby|boy|girl|sister|brother|partner|fiance|fiancee|kid|child"
    r"|cousin|friend|nephew|niece|aunt|uncle|stepson|stepdaughter|patient|client|neighbor|bf|gf"
)
_GREETING = (
    r"hi|hey|hello|dear|thanks|thank you|congrats|congratulations|welcome|happy birthday"
    r"|proud of you|sorry|go get 'em|great job|way to go|love you|miss you|good luck|hang in there"
)
_STAFF_TITLE = r"Dr|Doctor|Nurse|Coach|Therapist|Counselor|Pastor"
_PATIENT_TITLE = r"Mr|Mrs|Ms|Miss|Mx"
# Words that follow a cue but are not names ("my son is", "baby shower").
_NOT_NAMES = frozenset(
    [
        "is",
        "was",
        "has",
        "had",
        "and",
        "or",
        "but",
        "who",
        "with",
        "from",
        "at",
        "in",
        "on",
        "to",
        "for",
        "of",
        "the",
        "a",
        "an",
        "his",
        "her",
        "their",
        "our",
        "my",
        "your",
        "its",
        "just",
        "so",
        "very",
        "too",
        "also",
        "shower",
        "steps",
        "food",
        "formula",
        "boy",
        "girl",
        "bump",
        "brother",
        "sister",
        "here",
        "there",
        "now",
        "today",
        "yesterday",
        "tomorrow",
        "again",
        "back",
        "home",
        "still",
        "all",
        "team",
        "everyone",
        "everybody",
        "guys",
        "folks",
        "friends",
        "family",
        "staff",
    ]
)


def _is_name_word(word: str) -> bool:
    return word.lower() not in _NOT_NAMES and word.isalpha() and len(word) >= 2


class NameRecognizer(PatternSetRecognizer):
    LABELS = ("NAME",)
    PATTERNS = (
        compile_pattern(
            "staff_title_name",
            rf"\b(?:{_STAFF_TITLE})\.?\s{_NAME}",
            "NAME",
            0.9,
            flags=0,
            subject=Subject.STAFF,
        ),
        compile_pattern(
            "lower_staff_title_name",
            r"\b(?:dr|nurse)\.?\s(?P<n>[a-z]{3,})\b",
            "NAME",
            0.7,
            flags=0,
            subject=Subject.STAFF,
        ),
        compile_pattern("courtesy_title_name", rf"\b(?:{_PATIENT_TITLE})\.?\s{_NAME}", "NAME", 0.9, flags=0),
        compile_pattern("initial_surname", rf"\b[A-Z]\.\s?{_CAP}", "NAME", 0.8, flags=0),
        compile_pattern(
            "first_initial",
            rf"\b(?!(?:Room|Suite|Building|Floor|Unit|Plan|Vitamin|Hepatitis|Type|Stage|Conference|Lot|Section)\b){_CAP}\s[A-Z]\.(?=\s[a-z0-9]|,|$|!|\s*$)",
            "NAME",
            0.85,
            flags=0,
        ),
        compile_pattern("initials", r"(?<![\w.])[a-zA-Z]\.\s?[a-zA-Z]\.(?![\w.])", "NAME", 0.7, flags=0),
        compile_pattern(
            "relation_name",
            rf"(?i:\b(?:my|our|his|her|their|your|the)\s(?:(?:little|baby|sweet|oldest|youngest|middle)\s)?"
            rf"(?:{_RELATION}))\s(?P<n>{_NAME})",
            "NAME",
            0.85,
            group="n",
            flags=0,
        ),
        compile_pattern(
            "lower_cue_name",
            r"\b(?:baby|big|little|lil|lil'|ol'|old man|miss|mister|sweet)\s(?P<n>[a-z]{3,12})\b",
            "NAME",
            0.5,
            group="n",
            flags=0,
            validate=_is_name_word,
        ),
        compile_pattern(
            "nickname",
            r"\b(?:we|they|i|everyone)\s(?:call|called|calls)\s(?:him|her|them)\s(?P<n>[A-Za-z][a-z]{2,12})\b",
            "NAME",
            0.7,
            group="n",
            flags=re.IGNORECASE,
        ),
        compile_pattern(
            "greeting_name",
            rf"(?i:\b(?:{_GREETING}))(?:,)?\s(?P<n>{_NAME})(?=\s*[!,.?]|\s*$|\s[-—]|\s(?:for|on|and|you)\b)",
            "NAME",
            0.8,
            group="n",
            flags=0,
        ),
        compile_pattern(
            "vocative_name",
            r"(?:,\s|^)(?P<n>[A-Z][a-z]+)(?=\s?[!?]|,\s(?:we|you|your|thank|thanks)\b)",
            "NAME",
            0.6,
            group="n",
            flags=0,
        ),
        compile_pattern(
            # A reply that opens by addressing someone: "Morgan, we're sorry ...".
            "opening_vocative",
            r"^(?P<n>[A-Z][a-z]+),\s",
            "NAME",
            0.6,
            group="n",
            flags=0,
        ),
        compile_pattern(
            "signoff",
            rf"(?:^|\s)[-—–~]\s?(?P<n>(?:the\s)?{_CAP}(?:\s(?:[A-Z]\.|{_CAP}))?)(?=[,.]|\s*$|\s*,)",
            "NAME",
            0.85,
            group="n",
            flags=0,
        ),
        compile_pattern(
            "self_introduction",
            rf"(?i:\b(?:this is|my name is|it'?s|i'?m|name'?s))\s(?P<n>{_CAP}(?:\s{_CAP})?)",
            "NAME",
            0.7,
            group="n",
            flags=0,
        ),
        compile_pattern(
            "lower_self_introduction",
            r"\b(?:this is|my name is|it'?s)\s(?P<n>[a-z]{3,12}\s[a-z]{3,12})(?=[.,])",
            "NAME",
            0.5,
            group="n",
            flags=0,
        ),
        compile_pattern(
            # Form fields on wristbands, charts, whiteboards and screens: "PATIENT: Maria Gonzalez".
            "labelled_name",
            # Forms align their fields with runs of spaces, so up to three may separate the words.
            rf"(?i:\b(?:patient|pt|name|resident|client|guardian|parent|mother|father|insured|member)\s?(?:name)?\s?:[ \t]{{0,3}})"
            rf"(?P<n>{_CAP}(?:[ \t]{{1,3}}{_CAP}){{0,2}}|[A-Z]+(?:[ \t]{{1,3}}[A-Z]+){{1,2}})",
            "NAME",
            0.9,
            group="n",
            flags=0,
        ),
        compile_pattern(
            "family_name",
            rf"\b[Tt]he\s(?P<n>{_CAP})\s(?:family|kids|boy|girl|twins|household)\b",
            "NAME",
            0.8,
            group="n",
            flags=0,
        ),
        compile_pattern(
            "possessive_of_care",
            # "Noah's heart murmur", "Jordan's cystic acne": a capitalised possessive that is not
            # sentence-initial is a person far more often than not in care talk.
            rf"(?<=[a-z,] )(?P<n>{_CAP})['’]s\b",
            "NAME",
            0.55,
            group="n",
            flags=0,
        ),
    )

    def find(self, doc: Doc) -> list[Candidate]:
        out = list(regex_candidates(doc_text(doc), self.PATTERNS))
        for ent in doc.ents:
            if ent.label_ == "PERSON":
                start, end = ent.start_char, ent.end_char
                text = ent.text
                # spaCy includes a trailing possessive; the name is the part before it.
                m = re.search(r"['’]s$", text)
                if m:
                    end -= len(m.group())
                if end > start:
                    out.append(Candidate(start, end, "NAME", 0.75, "spacy_person"))
        out.extend(_crf_names(doc))
        out.extend(_given_names(doc))
        return [c for c in out if _plausible(doc_text(doc)[c.start : c.end])]


# Given names that are rarely ordinary words: below this Zipf frequency ("amanda" 4.0, "stevie"
# 3.7) a gazetteer hit is taken as a name in any case; "will" (6.5) or "grace" (4.6) are not.
_MAX_WORD_ZIPF = 4.3


@lru_cache(maxsize=65536)
def _rare_given_name(low: str) -> bool:
    return low in first_names() and _zipf(low) < _MAX_WORD_ZIPF


@lru_cache(maxsize=65536)
def _zipf(low: str) -> float:
    from wordfreq import zipf_frequency

    return float(zipf_frequency(low, "en"))


# A capitalised word in mid-sentence that is this rare as a word is usually a name ("Sheeran");
# at the start of a sentence, where every word is capitalised, it must be rarer still.
_MAX_RARE_CAPITALIZED_ZIPF = 3.0
_MAX_SENTENCE_START_ZIPF = 2.0


def _given_names(doc: Doc) -> list[Candidate]:
    """Lower-case and all-caps given names ("shoutout to stevie", "WAS THAT ELEKTRA"), and rare
    capitalised words in mid-sentence that are not places ("so much better than Dreymond")."""
    out: list[Candidate] = []
    probs = _doc_person_probabilities(doc)
    for token in doc:
        text = token.text
        if len(text) < 3 or not token.is_alpha or token.is_stop:
            continue
        low = text.lower()
        if token.i > 0 and doc[token.i - 1].text in {"#", "@"}:
            continue  # hashtag and handle bodies are not names written in the text
        if _after_subject_pronoun(doc, token.i):
            continue
        if _rare_given_name(low) and probs[token.i] >= _GIVEN_NAME_MIN_PROB and not (text.isupper() and len(text) <= 4):
            out.append(Candidate(token.idx, token.idx + len(text), "NAME", 0.5, "given_name"))
        elif (
            text.istitle()
            and token.ent_type_ not in {"ORG", "NORP", "PRODUCT"}
            and _zipf(low) < (_MAX_SENTENCE_START_ZIPF if token.is_sent_start else _MAX_RARE_CAPITALIZED_ZIPF)
        ):
            out.append(Candidate(token.idx, token.idx + len(text), "NAME", 0.45, "given_name"))
        elif _USERNAME_SHAPE.match(text):
            # In-text usernames: "iDubbbz", "NoBiggieTV" (no '@', inner capitals).
            out.append(Candidate(token.idx, token.idx + len(text), "NAME", 0.4, "username_like"))
    return out


# A gazetteer hit counts when the CRF, which sees the neighbours, gives it at least this
# probability of being a name: "humble as stevie" passes, "someone stole my" does not.
_GIVEN_NAME_MIN_PROB = 0.002
# Inner capitals after lower case ("iDubbbz", "NoBiggieTV"), the shape of a username.
_USERNAME_SHAPE = re.compile(r"^(?:[a-z]+[A-Z]|[A-Z][a-z]+[A-Z])[A-Za-z]*$")


def _doc_person_probabilities(doc: Doc) -> list[float]:
    """The CRF's name probabilities for a Doc, computed once and shared by the name rules."""
    probs = doc.user_data.get("safepost_person_probs")
    if probs is None:
        probs = doc.user_data["safepost_person_probs"] = person_probabilities(doc_words(doc))
    return list(probs)


_SUBJECT_PRONOUNS = frozenset(
    [
        "i",
        "you",
        "he",
        "she",
        "we",
        "they",
        "it",
        "someone",
        "somebody",
        "everyone",
        "nobody",
        "who",
        "that",
        "this",
    ]
)


def _after_subject_pronoun(doc: Doc, i: int) -> bool:
    """A lower-case word right after a subject pronoun is its verb ("someone stole my")."""
    return i > 0 and doc[i].text.islower() and doc[i - 1].lower_ in _SUBJECT_PRONOUNS


def _crf_names(doc: Doc) -> list[Candidate]:
    """Runs of tokens the social-text CRF tags as a person's name."""
    flags = [p >= THRESHOLD for p in _doc_person_probabilities(doc)]
    out: list[Candidate] = []
    run: list[tuple[int, int]] = []
    for token, flag in zip(doc, flags, strict=True):
        if flag and token.is_alpha and not _after_subject_pronoun(doc, token.i):
            run.append((token.idx, token.idx + len(token.text)))
            continue
        if run:
            out.append(Candidate(run[0][0], run[-1][1], "NAME", 0.6, "crf_person"))
            run = []
    if run:
        out.append(Candidate(run[0][0], run[-1][1], "NAME", 0.6, "crf_person"))
    return out


_STOP_SPANS = re.compile(
    r"^(?:i|you|we|they|he|she|it|god|lol|omg|ok|okay|ha|haha|yes|no|hey|hi|thanks?|"
    r"happy|merry|good|great|the|team|everyone|all|so|wow|dm|pm|am|well|oh|aww|sadly|honestly|also|"
    r"plus|and|but|sorry|congrats|friends|folks|reminder|update|note|psa|tip|welcome|today|tonight|"
    r"yesterday|tomorrow|finally|remember|parents|families|seriously|again|first|sure|awesome|"
    r"absolutely|lol|wait|hmm|yep|yeah|nope|ugh|guys|please|cheers|hello|dear|ladies|folks)$",
    re.IGNORECASE,
)


def _plausible(value: str) -> bool:
    value = value.strip()
    return bool(value) and not _STOP_SPANS.match(value) and any(ch.isalpha() for ch in value)
