"""Health information: conditions, procedures, treatments, medications, test results and kinds
of visit, from the generated vocabulary in ``data/health_terms.txt`` (MeSH diseases, MedlinePlus
drugs and a lay-term list; see scripts/build_health_vocab.py), plus the phrasings around them
("diagnosed with ...", "post-op ...", doses, hashtags).

Lookup is by token n-grams in a frozen set: one pass over the Doc, no per-term regex, so the
120k-term vocabulary costs nothing per text beyond the tokens themselves.
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

MAX_NGRAM = 6


@lru_cache(maxsize=1)
def health_terms() -> frozenset[str]:
    text = resources.files("safepost.detection").joinpath("data/health_terms.txt").read_text("utf-8")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


@lru_cache(maxsize=1)
def _hashtag_terms() -> frozenset[str]:
    """Terms as they are written inside a hashtag: no spaces or hyphens ("hipreplacement")."""
    return frozenset(re.sub(r"[\s-]", "", t) for t in health_terms() if len(t) >= 4)


_DOSE = re.compile(r"^\s?(?:\d+(?:\.\d+)?\s?(?:mg|mcg|ml|g|units?|%|iu)\b)", re.IGNORECASE)
_MODIFIER = re.compile(
    r"(?:\b(?:stage|grade|type|class)\s\d[a-c]?\s|\b(?:severe|mild|chronic|acute|recurrent|bad|"
    r"early|late|post-?op|pre-?op|my|his|her|their)\s)$",
    re.IGNORECASE,
)


class HealthRecognizer(PatternSetRecognizer):
    LABELS = ("HEALTH",)
    PATTERNS = (
        compile_pattern(
            "diagnosed_with",
            r"\b(?:diagnosed|dx'?d|diagnosis of|suffering|struggling|struggles|battling|living|dealing|"
            r"recovering|treated|hospitali[sz]ed|admitted)\s(?:with|from|for)\s(?:the\s)?(?:[\w'-]+\s){0,3}?[\w'-]+",
            "HEALTH",
            0.8,
        ),
        compile_pattern(
            "injury_event",
            r"\b(?:fell|tore|torn|sprained|broke|broken|fractured|dislocated|twisted|hurt|injured|"
            r"re-?injured|cut|burned|sliced)\s(?:and\s\w+\s)?(?:his|her|my|their|your|a)\s[\w-]+",
            "HEALTH",
            0.75,
        ),
        compile_pattern(
            "post_op",
            r"\b(?:post-?op|pre-?op|post-?surgical|s/p)\s(?:[\w-]+\s)?[\w-]+",
            "HEALTH",
            0.85,
        ),
        compile_pattern(
            "protocol_or_rehab",
            r"\b[\w-]+\s(?:protocol|rehab|therapy|surgery|replacement|reconstruction|repair|fusion|"
            r"transplant|infection|injury|fracture|biopsy)\b",
            "HEALTH",
            0.6,
        ),
        compile_pattern(
            "fever_reading",
            r"\b(?:a\s)?(?:fever|temp|temperature)\sof\s\d{2,3}(?:\.\d)?|\b\d{2,3}(?:\.\d)?\s?(?:°\s?f?\s)?fever\b",
            "HEALTH",
            0.85,
        ),
        compile_pattern(
            "birth_weight",
            r"\b\d{1,2}\s?(?:lbs?|pounds)\s?\d{1,2}\s?(?:oz|ounces)\b|\bborn\sat\s\d{2}\sweeks\b",
            "HEALTH",
            0.85,
        ),
        compile_pattern(
            "sobriety",
            r"\b(?:\d+|one|two|three|a)\s(?:years?|months?|days?)\s(?:sober|clean)\b|\bclean\sfrom\s\w+",
            "HEALTH",
            0.85,
        ),
    )

    def find(self, doc: Doc) -> list[Candidate]:
        out = list(regex_candidates(doc_text(doc), self.PATTERNS))
        out.extend(self._lexicon(doc))
        out.extend(self._hashtags(doc_text(doc)))
        return out

    def _lexicon(self, doc: Doc) -> list[Candidate]:
        terms = health_terms()
        lowered = [w.lower() for w in doc_words(doc)]
        out: list[Candidate] = []
        i = 0
        n = len(doc)
        while i < n:
            match_len = 0
            for size in range(min(MAX_NGRAM, n - i), 0, -1):
                if " ".join(lowered[i : i + size]) in terms:
                    match_len = size
                    break
            if match_len:
                span = doc[i : i + match_len]
                start, end = span.start_char, span.end_char
                # Keep a dose ("tretinoin 0.05%") or a stage ("stage 3 breast cancer") with the term.
                dose = _DOSE.match(doc_text(doc)[end : end + 12])
                if dose:
                    end += len(dose.group())
                modifier = _MODIFIER.search(doc_text(doc)[max(0, start - 14) : start])
                if modifier:
                    start -= len(modifier.group())
                out.append(Candidate(start, end, "HEALTH", 0.8, "health_vocabulary"))
                i += match_len
            else:
                i += 1
        return out

    def _hashtags(self, text: str) -> list[Candidate]:
        """#kneereplacement, #teenmentalhealth: a hashtag that contains a health term."""
        out: list[Candidate] = []
        words = _hashtag_terms()
        for match in re.finditer(r"#(\w{3,40})", text):
            body = match.group(1).lower()
            hit = body in words or any(
                body[a:b] in words for a in range(len(body)) for b in range(a + 5, min(len(body), a + 20) + 1)
            )
            if hit or re.search(r"mentalhealth|recovery|sober|cancer|surgery|rehab|therapy", body):
                out.append(Candidate(match.start(), match.end(), "HEALTH", 0.6, "health_hashtag"))
        return out
