"""Patient authorizations (45 CFR 164.508): core elements, required statements, validity,
revocation, and the sweep that flags published posts relying on an invalid authorization."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from safepost.records import audit
from safepost.records.models import Authorization, Post, Task

# Each element with the rule that requires it; a defective authorization is not valid
# (164.508(b)(2)).
ELEMENTS: tuple[tuple[str, str], ...] = (
    ("description", "a specific description of the information (164.508(c)(1)(i))"),
    ("disclosers", "who may use or disclose it (164.508(c)(1)(ii))"),
    ("recipients", "to whom it may be disclosed (164.508(c)(1)(iii))"),
    ("purpose", "the purpose of the disclosure (164.508(c)(1)(iv))"),
    ("expiration", "an expiration date or event (164.508(c)(1)(v))"),
    ("signature", "the signature and date (164.508(c)(1)(vi))"),
    ("states_right_to_revoke", "the statement of the right to revoke (164.508(c)(2)(i))"),
    (
        "states_no_conditioning",
        "the statement that treatment is not conditioned on it (164.508(c)(2)(ii))",
    ),
    (
        "states_redisclosure",
        "the statement that information may be redisclosed (164.508(c)(2)(iii))",
    ),
)


def missing_elements(a: Authorization) -> list[str]:
    present = {
        "description": bool(a.description.strip()),
        "disclosers": bool(a.disclosers.strip()),
        "recipients": bool(a.recipients.strip()),
        "purpose": bool(a.purpose.strip()),
        "expiration": a.expires_on is not None or bool((a.expiration_event or "").strip()),
        "signature": bool(a.signed_by.strip()) and a.signed_on is not None,
        "states_right_to_revoke": a.states_right_to_revoke,
        "states_no_conditioning": a.states_no_conditioning,
        "states_redisclosure": a.states_redisclosure,
    }
    missing = [text for key, text in ELEMENTS if not present[key]]
    signer, patient = a.signed_by.strip().lower(), a.patient_name.strip().lower()
    if signer and signer != patient and not (a.representative_authority or "").strip():
        missing.append("the representative's authority to act for the patient (164.508(c)(1)(vi))")
    return missing


@dataclass(frozen=True)
class Validity:
    valid: bool
    reasons: list[str]


# Words in an authorization's list of media that cover a photograph of the person.
PICTURE_WORDS = ("photo", "picture", "image", "portrait")


def validity(a: Authorization, today: date, channel: str | None = None, *, pictures: bool = False) -> Validity:
    """Whether the authorization may be relied on today (for a channel; for pictures of the
    person when ``pictures``: an authorization that lists its media must name photos)."""
    reasons = [f"missing {m}" for m in missing_elements(a)]
    if a.revoked_at is not None:
        reasons.append("revoked")
    if a.expires_on is not None and a.expires_on < today:
        reasons.append(f"expired on {a.expires_on.isoformat()}")
    if channel and a.channels and channel not in a.channels:
        reasons.append(f"does not cover the channel {channel!r}")
    if pictures and a.media and not any(word in m.lower() for m in a.media for word in PICTURE_WORDS):
        reasons.append(f"does not cover photos of the person (it covers: {', '.join(a.media)})")
    return Validity(not reasons, reasons)


def snapshot(a: Authorization) -> dict[str, Any]:
    return {
        "id": a.id,
        "patient": "[recorded]",
        "expires_on": a.expires_on,
        "revoked": a.revoked_at is not None,
        "channels": a.channels,
        "form_sha256": a.form_sha256,
    }


def register(session: Session, a: Authorization, actor_id: int) -> Authorization:
    """Record a new authorization and its audit entry (the patient's name stays out of the log)."""
    session.add(a)
    session.flush()
    audit.append(
        session,
        action="authorization.create",
        entity="authorization",
        entity_id=a.id,
        actor_id=actor_id,
        org_id=a.org_id,
        after=snapshot(a),
    )
    return a


def revoke(session: Session, a: Authorization, reason: str, actor_id: int) -> None:
    before = snapshot(a)
    a.revoked_at = audit.utcnow()
    a.revoke_reason = reason
    audit.append(
        session,
        action="authorization.revoke",
        entity="authorization",
        entity_id=a.id,
        actor_id=actor_id,
        org_id=a.org_id,
        before=before,
        after=snapshot(a),
    )


def sweep(session: Session, org_id: int, today: date, actor_id: int | None) -> list[int]:
    """Flag every published post whose authorization is no longer valid and open one takedown
    task for it. Safe to run repeatedly: a post already flagged with an open task is skipped."""
    flagged: list[int] = []
    posts = session.execute(
        select(Post).where(Post.org_id == org_id, Post.status == "published", Post.authorization_id.is_not(None))
    ).scalars()
    for post in posts:
        auth = session.get(Authorization, post.authorization_id)
        if auth is None:
            continue
        check = validity(auth, today)
        if check.valid:
            continue
        open_task = session.execute(
            select(Task).where(Task.post_id == post.id, Task.kind == "takedown", Task.status == "open")
        ).scalar_one_or_none()
        if open_task is not None:
            continue
        post.flagged_reason = "authorization " + ", ".join(check.reasons)
        task = Task(
            org_id=org_id,
            kind="takedown",
            post_id=post.id,
            reason=post.flagged_reason,
            created_at=audit.utcnow(),
        )
        session.add(task)
        session.flush()
        audit.append(
            session,
            action="post.flag",
            entity="post",
            entity_id=post.id,
            actor_id=actor_id,
            org_id=org_id,
            after={"flagged_reason": post.flagged_reason, "task_id": task.id},
        )
        flagged.append(post.id)
    return flagged
