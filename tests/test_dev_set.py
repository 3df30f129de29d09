"""Regression floor on the development set (shared/data/dev), scored with the spec's metrics.

The floors are the figures this version reaches, so a change that loses quality fails here;
the issue's targets (0.95 recall, 0.85 precision, ...) are tracked in BENCHMARKS.md.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from safepost.evaluation import read_jsonl, score
from safepost.verdict.check import check_batch

DEV = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "dev" / "social-dev.jsonl"


@pytest.mark.skipif(not DEV.exists(), reason="shared/ data not beside the project")
def test_dev_set_quality_floor():
    gold = read_jsonl(DEV)
    results = check_batch(gold)
    predictions = [
        {
            "id": g["id"],
            "verdict": r.verdict.value,
            "spans": [{"start": f.start, "end": f.end, "label": f.label} for f in r.phi_findings],
        }
        for g, r in zip(gold, results, strict=True)
    ]
    s = score(gold, predictions)
    assert s.recall >= 0.955
    assert s.precision >= 0.88
    assert s.violation_recall >= 0.99
    assert s.false_alarm_rate <= 0.05
    assert s.label_recall("PATIENT_STATUS") >= 0.96
