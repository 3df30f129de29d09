"""Train safepost/detection/data/name_crf.crfsuite from the public corpora in ../shared.

Training data: WNUT-17 train (``person``) and Broad Twitter Corpus sections A, B, E and G
(``PER``). BTC section H and WNUT-17 dev are evaluation sets and stay out. @-mentions are
labelled O here: handles are the HANDLE recognizer's job.

    .venv/bin/python scripts/train_name_model.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import pycrfsuite

from safepost.detection.name_model import MODEL_FILE, sentence_features

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data" / "external"
SOURCES = [
    (SHARED / "wnut17" / "wnut17train.conll", "person"),
    *((SHARED / "btc" / f"{s}.conll", "PER") for s in "abeg"),
]


def read(path: Path, person: str) -> list[tuple[list[str], list[str]]]:
    docs, words, tags = [], [], []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        line = line.strip()
        if not line:
            if words:
                docs.append((words, tags))
                words, tags = [], []
            continue
        parts = line.split("\t") if "\t" in line else line.split()
        word, tag = parts[0], parts[-1]
        is_mention = word.startswith("@") or (words and words[-1] == "@")
        if tag[2:] == person and not is_mention:
            tags.append(tag[:2] + "PER")
        else:
            tags.append("O")
        words.append(word)
    return docs


def main() -> None:
    trainer = pycrfsuite.Trainer(verbose=False)
    count = 0
    for path, person in SOURCES:
        if not path.exists():
            sys.exit(f"missing {path}: shared/ must sit beside the project")
        for words, tags in read(path, person):
            trainer.append(sentence_features(words), tags)
            count += 1
    trainer.set_params({"c1": 0.1, "c2": 0.05, "max_iterations": 150, "feature.possible_transitions": True})
    out = ROOT / "safepost" / "detection" / MODEL_FILE
    trainer.train(str(out))
    print(f"trained on {count} documents -> {out} ({out.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
