"""The records of a compliance program: people, posts and their versions, approvals,
authorizations (45 CFR 164.508), tasks and the audit log."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, deferred, mapped_column, relationship

ROLES = ("author", "marketing_reviewer", "privacy_reviewer", "privacy_officer", "admin")


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        dict[str, Any]: JSON,
        list[str]: JSON,
        list[dict[str, Any]]: JSON,
    }


class Organization(Base):
    __tablename__ = "organizations"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    profile: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class User(Base):
    __tablename__ = "users"
    __table_args__ = (UniqueConstraint("email"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    email: Mapped[str] = mapped_column(String(254))
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(200))
    roles: Mapped[list[str]] = mapped_column(default=list)
    totp_secret: Mapped[str | None] = mapped_column(String(64), default=None)
    mfa_enrolled: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ApiSession(Base):
    """A signed-in session; only the SHA-256 of its bearer token is stored."""

    __tablename__ = "sessions"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)


class LoginAttempt(Base):
    __tablename__ = "login_attempts"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    success: Mapped[bool] = mapped_column(Boolean)
    reason: Mapped[str] = mapped_column(String(60))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Post(Base):
    __tablename__ = "posts"
    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    kind: Mapped[str] = mapped_column(String(20), default="post")
    status: Mapped[str] = mapped_column(String(20), default="draft")
    authorization_id: Mapped[int | None] = mapped_column(ForeignKey("authorizations.id"), default=None)
    scheduled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    published_version_id: Mapped[int | None] = mapped_column(Integer, default=None)
    flagged_reason: Mapped[str | None] = mapped_column(Text, default=None)
    takedown_reason: Mapped[str | None] = mapped_column(Text, default=None)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    versions: Mapped[list[PostVersion]] = relationship(
        back_populates="post", order_by="PostVersion.number", cascade="all"
    )


class PostVersion(Base):
    __tablename__ = "post_versions"
    __table_args__ = (UniqueConstraint("post_id", "number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id"))
    number: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    channels: Mapped[list[str]] = mapped_column(default=list)
    media_hashes: Mapped[list[str]] = mapped_column(default=list)
    verdict: Mapped[str] = mapped_column(String(20))
    check_result: Mapped[dict[str, Any]] = mapped_column(default=dict)
    detector_version: Mapped[str] = mapped_column(String(100))
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    post: Mapped[Post] = relationship(back_populates="versions")


class Media(Base):
    """A picture checked for a post: the clean copies SafePost made, and what it found.

    The uploaded file itself is not kept (it may carry GPS, names on wristbands, faces); only
    its SHA-256, as evidence of what was checked. ``clean_image`` has text PHI covered, faces
    pixelated and no metadata; ``faces_kept_image`` (only when faces were found) is the same
    but with faces, for a post with a valid authorization. Findings keep kind, label, reason
    and box, never the text read from the picture.
    """

    __tablename__ = "media"
    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    uploaded_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    filename: Mapped[str] = mapped_column(String(200), default="")
    original_sha256: Mapped[str] = mapped_column(String(64))
    clean_sha256: Mapped[str] = mapped_column(String(64), index=True)
    clean_format: Mapped[str] = mapped_column(String(10))
    clean_image: Mapped[bytes] = deferred(mapped_column(LargeBinary, nullable=False))
    faces_kept_sha256: Mapped[str | None] = mapped_column(String(64), default=None, index=True)
    faces_kept_image: Mapped[bytes | None] = deferred(mapped_column(LargeBinary, default=None))
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    verdict: Mapped[str] = mapped_column(String(20))
    findings: Mapped[list[dict[str, Any]]] = mapped_column(default=list)
    metadata_found: Mapped[list[str]] = mapped_column(default=list)
    detector_version: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Approval(Base):
    __tablename__ = "approvals"
    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("post_versions.id"))
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    role: Mapped[str] = mapped_column(String(20))  # marketing | privacy
    decision: Mapped[str] = mapped_column(String(10))  # approve | reject
    note: Mapped[str | None] = mapped_column(Text, default=None)
    voided: Mapped[bool] = mapped_column(Boolean, default=False)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Authorization(Base):
    """A patient's authorization (45 CFR 164.508(c)); validity is derived, never stored."""

    __tablename__ = "authorizations"
    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    patient_name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    disclosers: Mapped[str] = mapped_column(Text, default="")
    recipients: Mapped[str] = mapped_column(Text, default="")
    purpose: Mapped[str] = mapped_column(Text, default="")
    expires_on: Mapped[date | None] = mapped_column(Date, default=None)
    expiration_event: Mapped[str | None] = mapped_column(Text, default=None)
    signed_by: Mapped[str] = mapped_column(String(200), default="")
    signed_on: Mapped[date | None] = mapped_column(Date, default=None)
    representative_authority: Mapped[str | None] = mapped_column(Text, default=None)
    states_right_to_revoke: Mapped[bool] = mapped_column(Boolean, default=False)
    states_no_conditioning: Mapped[bool] = mapped_column(Boolean, default=False)
    states_redisclosure: Mapped[bool] = mapped_column(Boolean, default=False)
    channels: Mapped[list[str]] = mapped_column(default=list)
    media: Mapped[list[str]] = mapped_column(default=list)
    form_sha256: Mapped[str | None] = mapped_column(String(64), default=None)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    revoke_reason: Mapped[str | None] = mapped_column(Text, default=None)
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Task(Base):
    __tablename__ = "tasks"
    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    kind: Mapped[str] = mapped_column(String(30))
    post_id: Mapped[int | None] = mapped_column(ForeignKey("posts.id"), default=None)
    reason: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="open")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class AuditEntry(Base):
    """One append-only audit record; ``hash`` covers ``prev_hash`` and the canonical content."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, unique=True)
    org_id: Mapped[int | None] = mapped_column(Integer, default=None)
    actor_id: Mapped[int | None] = mapped_column(Integer, default=None)
    action: Mapped[str] = mapped_column(String(60))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int | None] = mapped_column(Integer, default=None)
    before: Mapped[dict[str, Any]] = mapped_column(default=dict)
    after: Mapped[dict[str, Any]] = mapped_column(default=dict)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
