"""The tamper-evident audit trail.

Every change appends an entry in the same transaction as the change. Each entry stores the
SHA-256 of the previous entry (``prev_hash``) and its own hash over that and its canonical
content, so editing, deleting or reordering any row breaks the chain at that row.
Retention (45 CFR 164.530(j)): entries younger than six years cannot be deleted; the
migration installs a database trigger that refuses it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from safepost.records.models import AuditEntry

GENESIS = "0" * 64
RETENTION_YEARS = 6


def utcnow() -> datetime:
    return datetime.now(UTC)


def _iso(moment: datetime) -> str:
    # SQLite returns naive datetimes and PostgreSQL aware ones: hash the UTC wall time.
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.isoformat(timespec="microseconds")


def canonical(entry: AuditEntry) -> str:
    content = {
        "seq": entry.seq,
        "org_id": entry.org_id,
        "actor_id": entry.actor_id,
        "action": entry.action,
        "entity": entry.entity,
        "entity_id": entry.entity_id,
        "before": entry.before,
        "after": entry.after,
        "at": _iso(entry.at),
    }
    return json.dumps(content, sort_keys=True, separators=(",", ":"), default=str)


def entry_hash(prev_hash: str, entry: AuditEntry) -> str:
    return hashlib.sha256((prev_hash + canonical(entry)).encode("utf-8")).hexdigest()


def append(
    session: Session,
    *,
    action: str,
    entity: str,
    entity_id: int | None,
    actor_id: int | None,
    org_id: int | None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append an entry in the caller's transaction, serialised against concurrent writers."""
    if session.get_bind().dialect.name == "postgresql":
        # One writer at a time extends the chain; released at commit or rollback.
        session.execute(text("SELECT pg_advisory_xact_lock(727001)"))
    last = session.execute(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1)).scalar_one_or_none()
    entry = AuditEntry(
        seq=(last.seq + 1) if last else 1,
        org_id=org_id,
        actor_id=actor_id,
        action=action,
        entity=entity,
        entity_id=entity_id,
        before=_jsonable(before or {}),
        after=_jsonable(after or {}),
        at=utcnow(),
        prev_hash=last.hash if last else GENESIS,
        hash="",
    )
    entry.hash = entry_hash(entry.prev_hash, entry)
    session.add(entry)
    session.flush()
    return entry


def _jsonable(data: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(json.dumps(data, default=str))
    return result


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    entries: int
    first_bad_seq: int | None = None
    first_bad_id: int | None = None
    problem: str | None = None


def verify(session: Session) -> ChainReport:
    """Walk the chain in order; name the first entry that was altered, removed or reordered."""
    prev_hash = GENESIS
    expected_seq = 1
    count = 0
    for entry in session.execute(select(AuditEntry).order_by(AuditEntry.seq, AuditEntry.id)).scalars():
        count += 1
        if entry.seq != expected_seq:
            problem = f"entry {expected_seq} is missing (next is {entry.seq}): removed or reordered"
            return ChainReport(False, count, entry.seq, entry.id, problem)
        if entry.prev_hash != prev_hash:
            return ChainReport(
                False,
                count,
                entry.seq,
                entry.id,
                "link to the previous entry is broken: an entry before it was removed, reordered or altered",
            )
        if entry_hash(entry.prev_hash, entry) != entry.hash:
            return ChainReport(False, count, entry.seq, entry.id, "content does not match its hash: altered")
        prev_hash = entry.hash
        expected_seq += 1
    return ChainReport(True, count)


def export(session: Session, start: datetime, end: datetime, org_id: int | None = None) -> dict[str, Any]:
    """Entries in [start, end) with a manifest: count, first/last hash and a SHA-256 of the lines.
    With ``org_id``, only that organization's entries (their hashes still chain globally)."""
    query = select(AuditEntry).where(AuditEntry.at >= start, AuditEntry.at < end)
    if org_id is not None:
        query = query.where(AuditEntry.org_id == org_id)
    rows = session.execute(query.order_by(AuditEntry.seq)).scalars()
    lines = [
        json.dumps(
            {
                "id": e.id,
                "canonical": json.loads(canonical(e)),
                "prev_hash": e.prev_hash,
                "hash": e.hash,
            },
            sort_keys=True,
        )
        for e in rows
    ]
    body = "\n".join(lines)
    return {
        "manifest": {
            "from": _iso(start),
            "to": _iso(end),
            "entries": len(lines),
            "sha256": hashlib.sha256(body.encode("utf-8")).hexdigest(),
            "first_hash": json.loads(lines[0])["hash"] if lines else None,
            "last_hash": json.loads(lines[-1])["hash"] if lines else None,
        },
        "entries": [json.loads(line) for line in lines],
    }


def count(session: Session) -> int:
    return int(session.execute(select(func.count(AuditEntry.id))).scalar_one())
