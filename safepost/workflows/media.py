"""Pictures for posts: checked once at upload, attached to a version by the SHA-256 of a clean copy.

A version can only carry pictures SafePost made: the clean copy (text PHI covered, faces
pixelated, metadata gone) or, when faces were found, the copy that keeps faces, which makes the
version need a valid authorization like any post that features a patient. Reviewers approve
those exact bytes, and publishing must name the same hashes (posts.publish).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Literal

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from safepost.media.image import IMAGE_DETECTOR_VERSION, ImageCheckResult, ImageError, check_image
from safepost.records import audit
from safepost.records.models import Media, Post, PostVersion, User
from safepost.workflows.errors import Invalid, NotFound
from safepost.workflows.org import org_profile

Faces = Literal["kept", "pixelated"]
FACES_KEPT: Faces = "kept"
FACES_PIXELATED: Faces = "pixelated"


@dataclass(frozen=True)
class Attached:
    """One picture on a version: which upload, which of its clean copies."""

    media: Media
    sha256: str
    faces: Faces


def _findings(result: ImageCheckResult) -> list[dict[str, Any]]:
    # The text read from the picture is PHI: only where it was and why are kept.
    return [
        {
            "kind": f.kind,
            "label": f.label,
            "reason": f.reason,
            "box": [f.box.left, f.box.top, f.box.right, f.box.bottom] if f.box else None,
            "redacted": f.redacted,
        }
        for f in result.findings
        if f.kind != "metadata"
    ]


def upload(session: Session, user: User, data: bytes, filename: str = "") -> Media:
    """Check a picture and keep its clean copies; the uploaded bytes are not stored."""
    try:
        result = check_image(data, org=org_profile(session, user.org_id), with_faces_copy=True)
    except ImageError as exc:
        raise Invalid(str(exc)) from None
    faces_kept = result.faces_kept_image
    media = Media(
        org_id=user.org_id,
        uploaded_by=user.id,
        filename=filename[:200],
        original_sha256=hashlib.sha256(data).hexdigest(),
        clean_sha256=hashlib.sha256(result.clean_image).hexdigest(),
        clean_format=result.clean_format,
        clean_image=result.clean_image,
        faces_kept_sha256=hashlib.sha256(faces_kept).hexdigest() if faces_kept else None,
        faces_kept_image=faces_kept,
        width=result.size[0],
        height=result.size[1],
        verdict=result.verdict.value,
        findings=_findings(result),
        metadata_found=sorted(result.metadata),
        detector_version=IMAGE_DETECTOR_VERSION,
        created_at=audit.utcnow(),
    )
    session.add(media)
    session.flush()
    kinds = [f["kind"] for f in media.findings]
    audit.append(
        session,
        action="media.upload",
        entity="media",
        entity_id=media.id,
        actor_id=user.id,
        org_id=user.org_id,
        after={
            "original_sha256": media.original_sha256,
            "clean_sha256": media.clean_sha256,
            "faces_kept_sha256": media.faces_kept_sha256,
            "verdict": media.verdict,
            "text_covered": kinds.count("text"),
            "faces": kinds.count("face"),
            "metadata_removed": media.metadata_found,
        },
    )
    return media


def get(session: Session, media_id: int, user: User) -> Media:
    media = session.get(Media, media_id)
    if media is None or media.org_id != user.org_id:
        raise NotFound(f"media {media_id} not found")
    return media


def clean_copy(media: Media, faces: Faces) -> tuple[bytes, str]:
    """The bytes and MIME type of one of a picture's clean copies."""
    data = media.faces_kept_image if faces == FACES_KEPT else media.clean_image
    if data is None:
        raise NotFound("no faces were found in this picture, so it has no copy that keeps them")
    return data, f"image/{media.clean_format.lower()}"


def resolve(session: Session, org_id: int, hashes: Sequence[str]) -> list[Attached]:
    """The pictures a version names, in order; any hash that is not a clean copy is refused."""
    if len(set(hashes)) != len(hashes):
        raise Invalid("the same picture is attached twice")
    if not hashes:
        return []
    rows = session.execute(
        select(Media).where(
            Media.org_id == org_id,
            or_(Media.clean_sha256.in_(hashes), Media.faces_kept_sha256.in_(hashes)),
        )
    ).scalars()
    by_hash: dict[str, Attached] = {}
    for media in rows:
        by_hash.setdefault(media.clean_sha256, Attached(media, media.clean_sha256, FACES_PIXELATED))
        if media.faces_kept_sha256:
            by_hash.setdefault(media.faces_kept_sha256, Attached(media, media.faces_kept_sha256, FACES_KEPT))
    unknown = [h for h in hashes if h not in by_hash]
    if unknown:
        raise Invalid(
            "only clean copies SafePost made can be attached: upload the picture (POST /api/v1/media) "
            "and attach the sha256 it returns",
            {"unknown": [h[:64] for h in unknown]},
        )
    return [by_hash[h] for h in hashes]


def prune(session: Session, older_than: timedelta, actor_id: int | None = None) -> list[int]:
    """Delete pictures uploaded longer ago than ``older_than`` that no post version uses.

    Attached pictures stay for as long as their posts: they are the record of what was approved
    and published. Returns the ids removed; each organization's audit log says how many.
    """
    cutoff = audit.utcnow() - older_than
    # Versions name pictures by hash within their organization (see resolve).
    used = {
        (org_id, h)
        for org_id, hashes in session.execute(select(Post.org_id, PostVersion.media_hashes).join(PostVersion.post))
        for h in hashes
    }
    stale = [
        (media_id, org_id)
        for media_id, org_id, clean, kept in session.execute(
            select(Media.id, Media.org_id, Media.clean_sha256, Media.faces_kept_sha256).where(Media.created_at < cutoff)
        )
        if (org_id, clean) not in used and (org_id, kept) not in used
    ]
    if not stale:
        return []
    session.execute(delete(Media).where(Media.id.in_([media_id for media_id, _ in stale])))
    for org_id in sorted({org for _, org in stale}):
        removed = [media_id for media_id, org in stale if org == org_id]
        audit.append(
            session,
            action="media.prune",
            entity="media",
            entity_id=None,
            actor_id=actor_id,
            org_id=org_id,
            after={"removed": removed, "older_than_days": older_than.days},
        )
    return [media_id for media_id, _ in stale]
