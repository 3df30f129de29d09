"""Loads the policy data files once per process."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml


@dataclass(frozen=True)
class Rule:
    verdict: str
    when: str
    reason: str
    citation: str


@dataclass(frozen=True)
class Policy:
    labels: dict[str, dict[str, str]]
    subjects: dict[str, str]
    organization_rules: tuple[Rule, ...]
    public_rules: tuple[Rule, ...]
    quasi_reason: str
    quasi_citation: str
    reply_templates: dict[str, str]
    fallback_phone: str

    def explain(self, label: str) -> tuple[str, str]:
        entry = self.labels.get(label, {})
        return entry.get("explanation", "identifier"), entry.get("citation", "45 CFR 164.514(b)")


def _read(name: str) -> Any:
    return yaml.safe_load(resources.files("safepost.policy").joinpath(name).read_text("utf-8"))


def _rules(items: list[dict[str, str]]) -> tuple[Rule, ...]:
    return tuple(Rule(i["verdict"], i["when"], " ".join(i["reason"].split()), i["citation"]) for i in items)


@lru_cache(maxsize=1)
def load_policy() -> Policy:
    labels = _read("labels.yaml")
    subjects = labels.pop("subjects")
    rules = _read("rules.yaml")
    templates = _read("templates.yaml")
    return Policy(
        labels=labels,
        subjects=subjects,
        organization_rules=_rules(rules["organization_rules"]),
        public_rules=_rules(rules["public_rules"]),
        quasi_reason=" ".join(rules["quasi_identifiers"]["reason"].split()),
        quasi_citation=rules["quasi_identifiers"]["citation"],
        reply_templates={k: " ".join(v.split()) for k, v in templates["reply"].items()},
        fallback_phone=templates["fallback_phone"],
    )
