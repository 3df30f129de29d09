"""A small CRF that tags person names in noisy social text (lower-case, slang, emoji).

spaCy's small model was trained on edited text and misses many names in tweets and comments.
This CRF is trained by scripts/train_name_model.py on WNUT-17 train and Broad Twitter Corpus
sections A, B, E and G (section H and WNUT dev are kept for evaluation) and ships as
``data/name_crf.crfsuite`` (a few MB). Features are spelling and neighbour words only, so it
adds well under a millisecond per text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pycrfsuite

MODEL_FILE = "data/name_crf.crfsuite"
# A token is tagged as part of a name when the CRF's marginal probability reaches this. It is
# set for recall on social text (WNUT-17 dev, BTC H); CRF names are corroborating evidence only,
# so a low threshold adds spans without making ordinary posts fail.
THRESHOLD = 0.02


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """61k given names from gender-guesser's shipped dictionary (a registry package), lower case.

    A feature, not a rule: the list holds common words too ("will", "grace"), and the CRF learns
    how much a match is worth from its neighbours."""
    import gender_guesser.detector

    return frozenset(gender_guesser.detector.Detector(case_sensitive=False).names)


_SHAPE_MAP = str.maketrans(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "X" * 26 + "x" * 26 + "d" * 10
)
_REPEATS = re.compile(r"(.)\1{2,}")


@lru_cache(maxsize=65536)
def _shape(word: str) -> str:
    return _REPEATS.sub(r"\1\1", word.translate(_SHAPE_MAP))


def sentence_features(words: Sequence[str]) -> list[list[str]]:
    """CRF features per word: its spelling, and the spelling of two words either side."""
    lows = [w.lower() for w in words]
    shapes = [_shape(w) for w in words]
    titles = [w.istitle() for w in words]
    names = first_names()
    given = [low in names for low in lows]
    out = []
    for i, word in enumerate(words):
        low = lows[i]
        feats = [
            "bias",
            f"w={low}",
            f"suf3={low[-3:]}",
            f"pre3={low[:3]}",
            f"shape={shapes[i]}",
            f"title={titles[i]}",
            f"upper={word.isupper()}",
            f"alpha={word.isalpha()}",
            f"first={i == 0}",
            f"given={given[i]}",
            f"given_title={given[i]}_{titles[i]}",
        ]
        for offset in (-2, -1, 1, 2):
            j = i + offset
            if 0 <= j < len(words):
                feats += [
                    f"{offset}:w={lows[j]}",
                    f"{offset}:title={titles[j]}",
                    f"{offset}:shape={shapes[j]}",
                    f"{offset}:given={given[j]}",
                ]
            else:
                feats.append(f"{offset}:edge")
        out.append(feats)
    return out


@lru_cache(maxsize=1)
def _tagger() -> pycrfsuite.Tagger | None:
    path = Path(str(resources.files("safepost.detection").joinpath(MODEL_FILE)))
    if not path.exists():
        return None
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return tagger


def person_probabilities(words: Sequence[str]) -> list[float]:
    """For each word, the CRF's probability that it is part of a person's name."""
    tagger = _tagger()
    if tagger is None or not words:
        return [0.0] * len(words)
    tagger.set(sentence_features(words))
    return [tagger.marginal("B-PER", i) + tagger.marginal("I-PER", i) for i in range(len(words))]


def person_token_flags(words: Sequence[str]) -> list[bool]:
    """For each word, whether it is part of a person's name (recall-tuned threshold)."""
    return [p >= THRESHOLD for p in person_probabilities(words)]
