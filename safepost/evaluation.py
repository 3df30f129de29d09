"""Scoring against labelled records, with the metrics of the benchmark spec
(``shared/spec/benchmark-format.md``): patient-span recall and precision by character overlap,
per-label recall, verdict recall on non-pass texts, false alarms on pass texts and the confusion
matrix. Used by ``safepost eval`` and by the benchmarks for every tool alike.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from safepost.detection.errors import InputError

VERDICTS = ("pass", "authorize", "revise", "route", "hide")


def read_jsonl(path: str | Path) -> list[dict[str, Any]]:
    """Read a JSON Lines file; a bad line is reported with its number, not skipped."""
    records = []
    file = Path(path)
    try:
        lines = file.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError:
        raise InputError(f"{file} is not UTF-8 text") from None
    except OSError as exc:
        raise InputError(f"cannot read {file}: {exc.strerror}") from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{file}:{number}: not valid JSON ({exc.msg})") from None
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise InputError(f"{file}:{number}: each line must be an object with a 'text' string")
        records.append(record)
    return records


def _overlaps(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    return int(a["start"]) < int(b["end"]) and int(b["start"]) < int(a["end"])


@dataclass
class Score:
    gold_spans: int = 0
    caught_spans: int = 0
    predicted_spans: int = 0
    correct_predicted: int = 0
    per_label_gold: Counter[str] = field(default_factory=Counter)
    per_label_caught: Counter[str] = field(default_factory=Counter)
    confusion: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    violations: int = 0
    violations_caught: int = 0
    passes: int = 0
    false_alarms: int = 0

    @property
    def recall(self) -> float:
        return self.caught_spans / self.gold_spans if self.gold_spans else 1.0

    @property
    def precision(self) -> float:
        return self.correct_predicted / self.predicted_spans if self.predicted_spans else 1.0

    @property
    def violation_recall(self) -> float:
        return self.violations_caught / self.violations if self.violations else 1.0

    @property
    def false_alarm_rate(self) -> float:
        return self.false_alarms / self.passes if self.passes else 0.0

    def label_recall(self, label: str) -> float:
        gold = self.per_label_gold[label]
        return self.per_label_caught[label] / gold if gold else 1.0

    def summary(self) -> dict[str, Any]:
        return {
            "span_recall": round(self.recall, 4),
            "span_precision": round(self.precision, 4),
            "violation_recall": round(self.violation_recall, 4),
            "false_alarm_rate": round(self.false_alarm_rate, 4),
            "patient_status_recall": round(self.label_recall("PATIENT_STATUS"), 4),
            "per_label_recall": {label: round(self.label_recall(label), 4) for label in sorted(self.per_label_gold)},
            "confusion": {gold: dict(pred) for gold, pred in sorted(self.confusion.items())},
            "counts": {
                "gold_patient_spans": self.gold_spans,
                "predicted_spans": self.predicted_spans,
                "violations": self.violations,
                "passes": self.passes,
            },
        }


def score(gold: Sequence[Mapping[str, Any]], predicted: Iterable[Mapping[str, Any]]) -> Score:
    """Score predictions (``{"id", "verdict", "spans"}``) against gold records, matched by id."""
    by_id = {str(p["id"]): p for p in predicted}
    result = Score()
    for record in gold:
        pred = by_id.get(str(record["id"]), {"verdict": "pass", "spans": []})
        gold_spans = [s for s in record.get("spans", []) if s.get("subject") == "patient"]
        pred_spans = list(pred.get("spans", []))
        for span in gold_spans:
            result.gold_spans += 1
            result.per_label_gold[span["label"]] += 1
            if any(_overlaps(span, p) for p in pred_spans):
                result.caught_spans += 1
                result.per_label_caught[span["label"]] += 1
        for p in pred_spans:
            result.predicted_spans += 1
            if any(_overlaps(p, g) for g in gold_spans):
                result.correct_predicted += 1
        gold_verdict, pred_verdict = record.get("verdict", "pass"), pred.get("verdict", "pass")
        result.confusion[gold_verdict][pred_verdict] += 1
        if gold_verdict == "pass":
            result.passes += 1
            result.false_alarms += pred_verdict != "pass"
        else:
            result.violations += 1
            result.violations_caught += pred_verdict != "pass"
    return result
