"""Posts, versions and the two-person rule.

Every version is checked with SafePost's check and stored with the detector's version; its
pictures must be clean copies SafePost made (workflows/media.py), and a picture that keeps a
face makes the version need an authorization. A marketing approval and a privacy approval on
the same version are required; the author never approves; any edit makes a new version and
voids earlier approvals. Publishing requires the published text to be byte-identical to the
approved version, the pictures to be the approved clean copies (by SHA-256), and the verdict
to be ``pass``, or ``authorize`` with a valid authorization covering the channel.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from safepost.records import audit
from safepost.records.models import Approval, Authorization, Post, PostVersion, User
from safepost.verdict import check
from safepost.workflows import media as pictures
from safepost.workflows.authorizations import validity
from safepost.workflows.errors import Forbidden, Invalid, NotFound, WorkflowError
from safepost.workflows.org import org_profile

# An approval older than this no longer counts: the context of a post (news, a patient's
# situation, an authorization) changes, so a stale approval must be given again.
APPROVAL_MAX_AGE = timedelta(days=30)
REVIEW_ROLES = {
    "marketing": {"marketing_reviewer"},
    "privacy": {"privacy_reviewer", "privacy_officer"},
}
PUBLISH_ROLES = {"marketing_reviewer", "privacy_officer", "admin"}


def _new_version(
    session: Session, post: Post, text: str, channels: list[str], media: list[str], user: User
) -> PostVersion:
    result = check(text, kind=post.kind, org=org_profile(session, post.org_id))
    attached = pictures.resolve(session, post.org_id, media)
    verdict = result.verdict.value
    # A picture that keeps a face features that person: the post needs their authorization.
    # Text PHI in pictures is already covered in every clean copy, so it changes nothing here.
    if verdict == "pass" and any(a.faces == pictures.FACES_KEPT for a in attached):
        verdict = "authorize"
    number = (max((v.number for v in post.versions), default=0)) + 1
    version = PostVersion(
        post_id=post.id,
        number=number,
        text=text,
        channels=channels,
        media_hashes=list(media),
        verdict=verdict,
        check_result=result.model_dump(mode="json"),
        detector_version=result.detector_version,
        created_by=user.id,
        created_at=audit.utcnow(),
    )
    session.add(version)
    session.flush()
    session.refresh(post)
    return version


def current_version(post: Post) -> PostVersion:
    if not post.versions:
        raise NotFound("post has no versions")
    return post.versions[-1]


def get_post(session: Session, post_id: int, user: User, *, lock: bool = False) -> Post:
    query = select(Post).where(Post.id == post_id, Post.org_id == user.org_id)
    if lock:
        query = query.with_for_update()
    post = session.execute(query).scalar_one_or_none()
    if post is None:
        raise NotFound(f"post {post_id} not found")
    return post


def create(session: Session, user: User, text: str, kind: str, channels: list[str], media: list[str]) -> Post:
    post = Post(
        org_id=user.org_id,
        author_id=user.id,
        kind=kind,
        status="in_review",
        created_at=audit.utcnow(),
    )
    session.add(post)
    session.flush()
    version = _new_version(session, post, text, channels, media, user)
    audit.append(
        session,
        action="post.create",
        entity="post",
        entity_id=post.id,
        actor_id=user.id,
        org_id=user.org_id,
        after={"version": version.number, "verdict": version.verdict},
    )
    return post


def edit(session: Session, post: Post, user: User, text: str, channels: list[str], media: list[str]) -> PostVersion:
    if post.status in {"published", "taken_down"}:
        raise WorkflowError(f"a {post.status} post cannot be edited; take it down and start a new post")
    before = {"version": current_version(post).number, "status": post.status}
    voided = session.execute(  # type: ignore[attr-defined]
        update(Approval)
        .where(Approval.version_id.in_([v.id for v in post.versions]), Approval.voided.is_(False))
        .values(voided=True)
    ).rowcount
    version = _new_version(session, post, text, channels, media, user)
    post.status = "in_review"
    audit.append(
        session,
        action="post.edit",
        entity="post",
        entity_id=post.id,
        actor_id=user.id,
        org_id=post.org_id,
        before=before,
        after={"version": version.number, "verdict": version.verdict, "approvals_voided": voided},
    )
    return version


def _fresh(approval: Approval) -> bool:
    now = audit.utcnow()
    return approval.at.replace(tzinfo=now.tzinfo) > now - APPROVAL_MAX_AGE


def approvals(session: Session, version: PostVersion) -> list[Approval]:
    """The current, non-voided reviews of a version; approvals past their age are dropped."""
    return [a for a in _all_reviews(session, version) if a.decision == "reject" or _fresh(a)]


def _all_reviews(session: Session, version: PostVersion) -> list[Approval]:
    return list(
        session.execute(
            select(Approval).where(Approval.version_id == version.id, Approval.voided.is_(False)).order_by(Approval.id)
        ).scalars()
    )


def review_state(session: Session, post: Post) -> dict[str, Any]:
    version = current_version(post)
    current = approvals(session, version)
    state = {role: next((a.decision for a in current if a.role == role), None) for role in REVIEW_ROLES}
    return {"version": version.number, **state}


def review(
    session: Session,
    post: Post,
    user: User,
    role: str,
    decision: str,
    note: str | None,
    version_number: int,
) -> Approval:
    if role not in REVIEW_ROLES:
        raise Invalid(f"role must be one of {sorted(REVIEW_ROLES)}")
    if not REVIEW_ROLES[role] & set(user.roles):
        raise Forbidden(f"only {' or '.join(sorted(REVIEW_ROLES[role]))} may give the {role} review")
    if user.id == post.author_id:
        raise Forbidden("the author of a post cannot review it")
    if decision == "reject" and not (note or "").strip():
        raise Invalid("a rejection needs a note saying what to change")
    version = current_version(post)
    if version.number != version_number:
        raise WorkflowError(
            f"version {version_number} is not current (current is {version.number}); review the new text"
        )
    if post.status not in {"in_review", "approved", "rejected"}:
        raise WorkflowError(f"a {post.status} post cannot be reviewed")
    if any(a.reviewer_id == user.id for a in approvals(session, version)):
        raise WorkflowError("one person gives one review per version (two-person rule)")
    approval = Approval(
        version_id=version.id,
        reviewer_id=user.id,
        role=role,
        decision=decision,
        note=note,
        at=audit.utcnow(),
    )
    session.add(approval)
    session.flush()
    state = review_state(session, post)
    post.status = (
        "rejected"
        if "reject" in state.values()
        else ("approved" if state["marketing"] == "approve" and state["privacy"] == "approve" else "in_review")
    )
    audit.append(
        session,
        action=f"post.{decision}",
        entity="post",
        entity_id=post.id,
        actor_id=user.id,
        org_id=post.org_id,
        after={"role": role, "version": version.number, "status": post.status, "note": note},
    )
    return approval


def schedule(session: Session, post: Post, user: User, when: datetime | None) -> None:
    before = {"scheduled_at": post.scheduled_at}
    post.scheduled_at = when
    audit.append(
        session,
        action="post.schedule",
        entity="post",
        entity_id=post.id,
        actor_id=user.id,
        org_id=post.org_id,
        before=before,
        after={"scheduled_at": when},
    )


def publish(
    session: Session,
    post: Post,
    user: User,
    text: str,
    channel: str,
    today: date,
    media: Sequence[str] = (),
) -> Post:
    """Mark published. The caller must have loaded ``post`` with a row lock (``lock=True``).

    ``text`` and ``media`` (the SHA-256 of each picture, in order) must be exactly what was approved."""
    if not PUBLISH_ROLES & set(user.roles):
        raise Forbidden("publishing needs a marketing reviewer, privacy officer or admin")
    if post.status == "published":
        raise WorkflowError("already published")
    version = current_version(post)
    state = review_state(session, post)
    if not (state["marketing"] == "approve" and state["privacy"] == "approve"):
        raise WorkflowError(
            "needs a marketing approval and a privacy approval of the current version, "
            f"each less than {APPROVAL_MAX_AGE.days} days old",
            {"review": state},
        )
    if text.encode("utf-8") != version.text.encode("utf-8"):
        raise WorkflowError("the text to publish differs from the approved version; publish exactly the approved text")
    if list(media) != list(version.media_hashes):
        raise WorkflowError(
            "the pictures to publish differ from the approved clean copies; publish exactly the approved pictures",
            {"approved": version.media_hashes},
        )
    if version.channels and channel not in version.channels:
        raise WorkflowError(f"channel {channel!r} was not approved (approved: {version.channels})")
    if version.verdict == "authorize":
        auth = session.get(Authorization, post.authorization_id) if post.authorization_id else None
        if auth is None or auth.org_id != post.org_id:
            raise WorkflowError("this post features a patient: link a valid authorization before publishing")
        faces = any(
            a.faces == pictures.FACES_KEPT for a in pictures.resolve(session, post.org_id, version.media_hashes)
        )
        check_auth = validity(auth, today, channel, pictures=faces)
        if not check_auth.valid:
            raise WorkflowError("the linked authorization is not valid", {"reasons": check_auth.reasons})
    elif version.verdict != "pass":
        raise WorkflowError(
            f"the check verdict is {version.verdict!r}; only pass, or authorize with an authorization, may be published"
        )
    post.status = "published"
    post.published_at = audit.utcnow()
    post.published_version_id = version.id
    audit.append(
        session,
        action="post.publish",
        entity="post",
        entity_id=post.id,
        actor_id=user.id,
        org_id=post.org_id,
        after={"version": version.number, "channel": channel},
    )
    return post


def takedown(session: Session, post: Post, user: User, reason: str) -> Post:
    if not reason.strip():
        raise Invalid("a takedown needs a reason")
    if post.status != "published":
        raise WorkflowError("only a published post can be taken down")
    post.status = "taken_down"
    post.takedown_reason = reason
    audit.append(
        session,
        action="post.takedown",
        entity="post",
        entity_id=post.id,
        actor_id=user.id,
        org_id=post.org_id,
        after={"reason": reason},
    )
    return post


def link_authorization(session: Session, post: Post, auth: Authorization, user: User) -> None:
    if auth.org_id != post.org_id:
        raise NotFound("authorization not found")
    before = {"authorization_id": post.authorization_id}
    post.authorization_id = auth.id
    audit.append(
        session,
        action="post.link_authorization",
        entity="post",
        entity_id=post.id,
        actor_id=user.id,
        org_id=post.org_id,
        before=before,
        after={"authorization_id": auth.id},
    )
