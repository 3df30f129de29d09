"""Occupations and roles ("a retired rancher", "a certain Cardinals QB", "the town's pastor"):
unique characteristics that identify a patient together with a health detail, place or time.

They are weaker than a number or a name: a meet-the-team post names occupations too, so they
only become PHI in a text that is already about a patient.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc

from safepost.detection.recognizers.base import (
    Candidate,
    PatternSetRecognizer,
    compile_pattern,
    doc_text,
    doc_words,
    regex_candidates,
)

# Words before an occupation that belong to the description: "a retired", "our local", "Browns".
_LEFT = re.compile(
    r"(?:\b(?:a|the|our|your|my|this|that)\s)?(?:(?:retired|former|local|certain|young|old|head|"
    r"assistant|veteran)\s)?(?:[A-Z][\w'’-]+\s)?$"
)


@lru_cache(maxsize=1)
def occupations() -> frozenset[str]:
    text = resources.files("safepost.detection").joinpath("data/occupations.txt").read_text("utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


class OccupationRecognizer(PatternSetRecognizer):
    LABELS = ("OTHER_ID",)
    PATTERNS = (
        compile_pattern(
            "a_certain",
            r"\ba\scertain\s(?:[A-Z][\w'’-]+\s)?[\w'’-]+(?:\s[\w'’-]+)?",
            "OTHER_ID",
            0.7,
        ),
    )

    def find(self, doc: Doc) -> list[Candidate]:
        text = doc_text(doc)
        out = list(regex_candidates(text, self.PATTERNS))
        # Token lookup (one or two words, plural allowed) instead of a 90-way regex alternation.
        roles = occupations()
        words = [w.lower() for w in doc_words(doc)]
        for i in range(len(words)):
            for size in (2, 1):
                if i + size > len(words):
                    continue
                phrase = " ".join(words[i : i + size])
                if phrase in roles or (phrase.endswith("s") and phrase[:-1] in roles):
                    start = doc[i].idx
                    end = doc[i + size - 1].idx + len(doc[i + size - 1].text)
                    left = _LEFT.search(text[max(0, start - 40) : start])
                    if left:
                        start -= len(left.group())
                    out.append(Candidate(start, end, "OTHER_ID", 0.6, "occupation"))
                    break
        return out
