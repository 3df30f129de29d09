"""Jinja2 templates and the helpers pages use: highlighted findings and version diffs."""

from __future__ import annotations

import difflib
import re
from importlib import resources
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from safepost.detection.analysis import WEAK_NAME_RULES
from safepost.detection.models import CheckResult, Finding

_CLASSES = {"patient": "phi", "unknown": "phi", "staff": "staff", "organization": "org", "public": "public"}


def _worth_showing(f: Finding) -> bool:
    # The recall-tuned name guesses ("Brush" opening a sentence) only corroborate other
    # evidence; when they end up public they change nothing, and marking them is noise.
    return not (f.subject.value == "public" and f.rule in WEAK_NAME_RULES)


def highlight(text: str, findings: list[Finding]) -> Markup:
    """The text with each finding wrapped in <mark>; PHI wins where spans overlap."""
    chosen: list[Finding] = []
    ordered = sorted(
        filter(_worth_showing, findings),
        key=lambda f: (not f.is_phi, f.label == "PATIENT_STATUS", f.start, -(f.end - f.start)),
    )
    for f in ordered:
        if all(f.end <= c.start or f.start >= c.end for c in chosen):
            chosen.append(f)
    out, last = [], 0
    for f in sorted(chosen, key=lambda f: f.start):
        out.append(escape(text[last : f.start]))
        title = f"{f.label} ({f.subject.value}): {f.explanation}. {f.citation}"
        out.append(
            Markup('<mark class="{}" title="{}" data-label="{}">{}</mark>').format(
                _CLASSES.get(f.subject.value, "phi"), title, f.label, text[f.start : f.end]
            )
        )
        last = f.end
    out.append(escape(text[last:]))
    return Markup("").join(out)


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text) if s]


def side_by_side(old: str, new: str) -> Markup:
    """Two versions side by side, one sentence per row, changes marked."""
    table = difflib.HtmlDiff(wrapcolumn=48).make_table(
        _sentences(old), _sentences(new), "previous version", "this version"
    )
    return Markup(table)


def environment() -> Environment:
    path = str(resources.files("safepost.web").joinpath("templates"))
    env = Environment(loader=FileSystemLoader(path), autoescape=select_autoescape(["html"]))
    env.globals["highlight"] = highlight
    return env


def result_context(result: CheckResult, text: str) -> dict[str, Any]:
    return {
        "result": result,
        "highlighted": highlight(text, result.findings),
        "phi": [f for f in result.findings if f.is_phi],
    }
