"""Person-name recall on real social text: WNUT-17 dev and Broad Twitter Corpus section H
(issue 2's acceptance: at least 0.80 on each). Neither set is used in training."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXTERNAL = ROOT.parent / "shared" / "data" / "external"
sys.path.insert(0, str(ROOT / "benchmarks"))

from run import PERSONISH, SafePostTool, read_conll, recall  # noqa: E402


@pytest.mark.skipif(not EXTERNAL.exists(), reason="shared/ data not beside the project")
@pytest.mark.parametrize(
    ("path", "tag"),
    [("wnut17/emerging.dev.conll", "person"), ("btc/h.conll", "PER")],
)
def test_person_name_recall(path, tag):
    docs = read_conll(EXTERNAL / path, {tag})
    records = [{"id": str(i), "text": text, "kind": "comment"} for i, (text, _) in enumerate(docs)]
    predicted = SafePostTool(phi_only=False).spans(records)
    assert recall([spans for _, spans in docs], predicted, PERSONISH) >= 0.80
