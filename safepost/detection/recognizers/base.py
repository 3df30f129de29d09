"""Shared machinery of SafePost recognizers.

Each recognizer is a small Presidio ``EntityRecognizer``: a few patterns, the context words
that raise or lower confidence, and a validator. :meth:`find` works on a spaCy ``Doc`` so one
parse serves every recognizer; :meth:`analyze` is Presidio's interface around it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from presidio_analyzer import EntityRecognizer, RecognizerResult
from spacy.tokens import Doc

from safepost.detection.models import Subject


@dataclass(frozen=True)
class Candidate:
    """A span a recognizer proposes, before subjects are attributed and overlaps resolved."""

    start: int
    end: int
    label: str
    score: float
    rule: str
    # Set when the pattern itself says whose it is ("Dr. Lee" is staff in a professional role).
    subject: Subject | None = None


@dataclass(frozen=True)
class Pattern:
    """A named regular expression; ``group`` selects the part of the match that is the span."""

    rule: str
    regex: re.Pattern[str]
    label: str
    score: float = 0.85
    group: int | str = 0
    validate: Callable[[str], bool] | None = None
    subject: Subject | None = None


def compile_pattern(
    rule: str,
    regex: str,
    label: str,
    score: float = 0.85,
    *,
    group: int | str = 0,
    flags: int = re.IGNORECASE,
    validate: Callable[[str], bool] | None = None,
    subject: Subject | None = None,
) -> Pattern:
    return Pattern(rule, re.compile(regex, flags), label, score, group, validate, subject)


class SafePostRecognizer(EntityRecognizer):
    """Base class: subclasses set ``LABELS`` and implement :meth:`find`."""

    LABELS: tuple[str, ...] = ()

    def __init__(self) -> None:
        super().__init__(
            supported_entities=list(self.LABELS),
            name=type(self).__name__,
            supported_language="en",
            version="1.0",
        )

    def load(self) -> None:  # Presidio hook; patterns are compiled at import time.
        return None

    def find(self, doc: Doc) -> list[Candidate]:
        raise NotImplementedError

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[RecognizerResult]:
        """Presidio's entry point: reuse the analyzer's spaCy Doc when it has one."""
        doc = getattr(nlp_artifacts, "tokens", None)
        if not isinstance(doc, Doc) or doc.text != text:
            from safepost.detection.nlp import get_nlp

            doc = get_nlp()(text)
        wanted = set(entities or self.LABELS)
        return [
            RecognizerResult(
                entity_type=c.label,
                start=c.start,
                end=c.end,
                score=c.score,
                recognition_metadata={
                    RecognizerResult.RECOGNIZER_NAME_KEY: type(self).__name__,
                    RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                    "rule": c.rule,
                },
            )
            for c in self.find(doc)
            if c.label in wanted
        ]


class PatternSetRecognizer(SafePostRecognizer):
    """A recognizer made only of regular-expression patterns."""

    PATTERNS: tuple[Pattern, ...] = ()

    def find(self, doc: Doc) -> list[Candidate]:
        return list(regex_candidates(doc_text(doc), self.PATTERNS))


def doc_text(doc: Doc) -> str:
    """The Doc's text, built once: spaCy re-joins every token on each ``doc.text`` access."""
    text = doc.user_data.get("safepost_text")
    if text is None:
        text = doc.user_data["safepost_text"] = doc.text
    return str(text)


def doc_words(doc: Doc) -> list[str]:
    """The Doc's token texts, built once (each Token object costs a Python allocation)."""
    words = doc.user_data.get("safepost_words")
    if words is None:
        words = doc.user_data["safepost_words"] = [t.text for t in doc]
    return list(words)


def regex_candidates(text: str, patterns: Iterable[Pattern]) -> Iterable[Candidate]:
    for pattern in patterns:
        for match in pattern.regex.finditer(text):
            start, end = match.span(pattern.group)
            if start < 0 or end <= start:
                continue
            value = text[start:end]
            if pattern.validate is not None and not pattern.validate(value):
                continue
            yield Candidate(start, end, pattern.label, pattern.score, pattern.rule, pattern.subject)


def window(text: str, start: int, end: int, before: int = 40, after: int = 0) -> str:
    """Lower-cased text around a span, for context-word checks."""
    return text[max(0, start - before) : end + after].lower()
