"""Request and response bodies. Unknown fields are refused (``extra='forbid'``)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")
Kind = Literal["post", "reply", "staff_personal", "comment", "review", "dm"]
# The SHA-256 of a clean copy SafePost made (POST /api/v1/media returns it).
Sha256 = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ErrorBody(BaseModel):
    code: str
    message: str
    details: dict[str, Any] = Field(default_factory=dict)


class ErrorResponse(BaseModel):
    error: ErrorBody


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int
    offset: int
    limit: int


class LoginIn(Strict):
    email: str = Field(min_length=3, max_length=254)
    password: str = Field(min_length=1, max_length=1024)
    totp: str | None = Field(default=None, max_length=10)


class TokenOut(BaseModel):
    token: str
    expires_in_seconds: int


class CheckIn(Strict):
    text: str = Field(max_length=200_000)
    kind: Kind = "post"
    author: Literal["organization", "staff", "public"] | None = None
    context: str | None = Field(default=None, max_length=200_000)


class UserIn(Strict):
    email: str = Field(min_length=3, max_length=254)
    name: str = Field(min_length=1, max_length=200)
    password: str = Field(min_length=12, max_length=1024)
    roles: list[Literal["author", "marketing_reviewer", "privacy_reviewer", "privacy_officer", "admin"]]


class UserOut(BaseModel):
    id: int
    email: str
    name: str
    roles: list[str]
    active: bool
    totp_secret: str | None = Field(default=None, description="returned once, at creation, for MFA enrolment")


class ScheduleIn(Strict):
    scheduled_at: datetime | None


class PostIn(Strict):
    text: str = Field(min_length=1, max_length=20_000)
    scheduled_at: datetime | None = None
    kind: Literal["post", "reply", "staff_personal"] = "post"
    channels: list[str] = Field(default_factory=list, max_length=20)
    media_hashes: list[Sha256] = Field(default_factory=list, max_length=20)


class VersionIn(Strict):
    text: str = Field(min_length=1, max_length=20_000)
    channels: list[str] = Field(default_factory=list, max_length=20)
    media_hashes: list[Sha256] = Field(default_factory=list, max_length=20)


class ReviewIn(Strict):
    role: Literal["marketing", "privacy"]
    decision: Literal["approve", "reject"]
    version: int = Field(ge=1)
    note: str | None = Field(default=None, max_length=5000)


class PublishIn(Strict):
    text: str = Field(min_length=1, max_length=20_000)
    channel: str = Field(min_length=1, max_length=100)
    media_hashes: list[Sha256] = Field(
        default_factory=list, max_length=20, description="the approved pictures, in order; must match exactly"
    )


class TakedownIn(Strict):
    reason: str = Field(min_length=1, max_length=5000)


class LinkAuthorizationIn(Strict):
    authorization_id: int = Field(ge=1)


class MediaFindingOut(BaseModel):
    kind: Literal["text", "face"]
    label: str
    reason: str
    box: list[int] | None = Field(description="[left, top, right, bottom] in pixels of the picture")
    redacted: bool


class MediaOut(BaseModel):
    id: int
    filename: str
    width: int
    height: int
    verdict: str = Field(description="the uploaded picture's verdict; the clean copy has its findings covered")
    clean_sha256: str
    clean_url: str
    faces_kept_sha256: str | None = Field(description="a clean copy that keeps faces: attach it only with consent")
    faces_kept_url: str | None
    metadata_removed: list[str]
    findings: list[MediaFindingOut]
    detector_version: str
    created_at: datetime


class VersionMediaOut(BaseModel):
    media_id: int
    sha256: str
    faces: Literal["kept", "pixelated"]
    url: str
    width: int
    height: int
    findings: list[MediaFindingOut]


class VersionOut(BaseModel):
    number: int
    text: str
    channels: list[str]
    media: list[VersionMediaOut] = Field(default_factory=list)
    verdict: str
    detector_version: str
    created_at: datetime


class PostOut(BaseModel):
    id: int
    kind: str
    status: str
    author_id: int
    authorization_id: int | None
    flagged_reason: str | None
    takedown_reason: str | None
    scheduled_at: datetime | None
    current_version: VersionOut
    review: dict[str, Any]


class AuthorizationIn(Strict):
    patient_name: str = Field(min_length=1, max_length=200)
    description: str = Field(default="", max_length=5000)
    disclosers: str = Field(default="", max_length=2000)
    recipients: str = Field(default="", max_length=2000)
    purpose: str = Field(default="", max_length=2000)
    expires_on: date | None = None
    expiration_event: str | None = Field(default=None, max_length=2000)
    signed_by: str = Field(default="", max_length=200)
    signed_on: date | None = None
    representative_authority: str | None = Field(default=None, max_length=2000)
    states_right_to_revoke: bool = False
    states_no_conditioning: bool = False
    states_redisclosure: bool = False
    channels: list[str] = Field(default_factory=list, max_length=20)
    media: list[str] = Field(default_factory=list, max_length=20)
    form_sha256: str | None = Field(default=None, pattern=r"^[0-9a-f]{64}$")


class AuthorizationOut(BaseModel):
    id: int
    patient_name: str
    expires_on: date | None
    channels: list[str]
    revoked: bool
    valid: bool
    problems: list[str]
    post_ids: list[int]


class RevokeIn(Strict):
    reason: str = Field(min_length=1, max_length=2000)


class SweepOut(BaseModel):
    flagged_post_ids: list[int]


class AuditOut(BaseModel):
    seq: int
    action: str
    entity: str
    entity_id: int | None
    actor_id: int | None
    at: datetime
    hash: str


class VerifyOut(BaseModel):
    ok: bool
    entries: int
    first_bad_seq: int | None
    problem: str | None


class TaskOut(BaseModel):
    id: int
    kind: str
    post_id: int | None
    reason: str
    status: str
