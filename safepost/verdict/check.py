"""The public check: one text or many, to a typed :class:`CheckResult`."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from safepost.detection.analysis import analyze
from safepost.detection.inputs import clean_text, parse_author, parse_kind
from safepost.detection.models import CheckResult, Kind
from safepost.detection.nlp import get_nlp, pipeline_name
from safepost.detection.org import OrgProfile, coerce_org
from safepost.policy import load_policy
from safepost.verdict.decide import decide, findings, redact, rewrite

DETECTOR_VERSION = "safepost-detect/0.2.0+en_core_web_sm-3.8.0"

OrgLike = OrgProfile | Mapping[str, Any] | str | Path | None


def check(
    text: str,
    kind: str = "post",
    author: str | None = None,
    context: str | None = None,
    org: OrgLike = None,
) -> CheckResult:
    """Check one text. ``kind`` and ``author`` take the benchmark spec's values; ``context`` is
    the text being replied to; ``org`` is an :class:`OrgProfile`, a mapping or a YAML path."""
    return next(iter(check_batch([{"text": text, "kind": kind, "author": author, "context": context, "org": org}])))


def check_record(record: Mapping[str, Any], org: OrgLike = None) -> CheckResult:
    """Check one benchmark-format record (its own ``org`` wins over the one given)."""
    return check_batch([record], org=org)[0]


def check_batch(records: Iterable[Mapping[str, Any]], org: OrgLike = None, batch_size: int = 64) -> list[CheckResult]:
    """Check many records (mappings with text, kind, author, context, org) with one batched
    spaCy pass; much faster than calling :func:`check` in a loop."""
    return list(iter_check_batch(records, org=org, batch_size=batch_size))


def iter_check_batch(
    records: Iterable[Mapping[str, Any]], org: OrgLike = None, batch_size: int = 64
) -> Iterator[CheckResult]:
    default_org = coerce_org(org)  # type: ignore[arg-type]
    policy = load_policy()
    nlp = get_nlp()
    prepared = []
    for record in records:
        kind = parse_kind(record.get("kind", "post"))
        author = parse_author(record.get("author"), kind)
        text = clean_text(record.get("text"))
        context = record.get("context")
        context_text = clean_text(context) if context else None
        record_org = coerce_org(record["org"]) if record.get("org") else default_org
        prepared.append((text, kind, author, context_text, record_org))
    docs = nlp.pipe((p[0] for p in prepared), batch_size=batch_size)
    contexts = [p[3] for p in prepared if p[3] is not None and p[1] is Kind.REPLY]
    context_docs = iter(nlp.pipe(contexts, batch_size=batch_size))
    for (text, kind, author, context_text, record_org), doc in zip(prepared, docs, strict=True):
        context_doc = next(context_docs) if context_text is not None and kind is Kind.REPLY else None
        analysis = analyze(doc, kind, author, record_org, context_doc)
        verdict, reasons = decide(analysis, policy)
        found = findings(analysis, policy)
        redacted = redact(text, found)
        yield CheckResult(
            verdict=verdict,
            kind=kind,
            author=author,
            findings=found,
            reasons=reasons,
            redacted_text=redacted,
            suggested_rewrite=rewrite(analysis, verdict, policy, record_org, redacted),
            detector_version=f"{DETECTOR_VERSION}+{pipeline_name()}",
        )
