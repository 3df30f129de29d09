"""Words that create or confirm that a person is, was or will be a patient.

This is the most common violation on healthcare social media (the OCR review-reply cases), and
general PII scanners have no notion of it. The grammar lives in ``data/patient_status.yaml``:
slot vocabularies (care nouns, arrival verbs, second-person forms) combined into patterns, each
scoped to who writes the text, so the same words are judged by who says them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml
from spacy.tokens import Doc

from safepost.detection.models import Author, Kind
from safepost.detection.recognizers.base import Candidate, SafePostRecognizer, doc_text


@dataclass(frozen=True)
class StatusPattern:
    name: str
    regex: re.Pattern[str]
    authors: frozenset[str]
    kinds: frozenset[str] | None
    explanation: str


def _expand(template: str, slots: dict[str, str]) -> str:
    def slot(match: re.Match[str]) -> str:
        return f"(?:{slots[match.group(1)]})"

    return re.sub(r"\{([A-Z]+)\}", slot, template)


@lru_cache(maxsize=1)
def load_status_patterns() -> tuple[StatusPattern, ...]:
    raw = yaml.safe_load(resources.files("safepost.detection").joinpath("data/patient_status.yaml").read_text("utf-8"))
    # Folded YAML puts spaces around the '|' at line breaks; multi-word terms keep theirs.
    slots = {k: re.sub(r"\s*\|\s*", "|", " ".join(str(v).split())) for k, v in raw["slots"].items()}
    out = []
    for item in raw["patterns"]:
        out.append(
            StatusPattern(
                name=item["name"],
                regex=re.compile(_expand(item["regex"], slots), re.IGNORECASE),
                authors=frozenset(item["authors"]),
                kinds=frozenset(item["kinds"]) if item.get("kinds") else None,
                explanation=item["explanation"],
            )
        )
    return tuple(out)


class PatientStatusRecognizer(SafePostRecognizer):
    LABELS = ("PATIENT_STATUS",)

    def __init__(self, kind: Kind | None = None, author: Author | None = None) -> None:
        super().__init__()
        self.kind = kind
        self.author = author

    def find(self, doc: Doc) -> list[Candidate]:
        return self.find_for(doc_text(doc), self.kind, self.author)

    @staticmethod
    def find_for(text: str, kind: Kind | None, author: Author | None) -> list[Candidate]:
        out: list[Candidate] = []
        for pattern in load_status_patterns():
            if author is not None and author.value not in pattern.authors:
                continue
            if kind is not None and pattern.kinds is not None and kind.value not in pattern.kinds:
                continue
            for match in pattern.regex.finditer(text):
                if match.end() > match.start():
                    out.append(Candidate(match.start(), match.end(), "PATIENT_STATUS", 0.8, pattern.name))
        return out


def status_explanation(rule: str) -> str:
    for pattern in load_status_patterns():
        if pattern.name == rule:
            return pattern.explanation
    return "confirms that someone is a patient"
