"""Versioned routes: /api/v1/... Every route but login and health declares its roles."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, Query, Response, UploadFile
from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from safepost.api import schemas as s
from safepost.api.deps import ANY_ROLE, OFFICERS, REVIEWERS, bearer_token, db, require
from safepost.api.responses import clean_copy_response
from safepost.detection.models import CheckResult
from safepost.media.image import MAX_BYTES
from safepost.records import audit
from safepost.records.models import AuditEntry, Authorization, Media, Post, Task, User
from safepost.verdict import check
from safepost.workflows import auth, posts
from safepost.workflows import authorizations as authz
from safepost.workflows import media as pictures
from safepost.workflows.errors import NotFound
from safepost.workflows.org import org_profile

router = APIRouter(prefix="/api/v1")
Offset = Annotated[int, Query(ge=0, le=1_000_000)]
Limit = Annotated[int, Query(ge=1, le=200)]


def _paginate(session: Session, query: Select[Any], offset: int, limit: int) -> tuple[int, list[Any]]:
    """The total count of ``query`` and one page of its rows."""
    total = session.execute(select(func.count()).select_from(query.order_by(None).subquery())).scalar_one()
    return int(total), list(session.execute(query.offset(offset).limit(limit)).scalars())


def today() -> date:
    return datetime.now(UTC).date()


@router.get("/health", tags=["system"])
def health() -> dict[str, str]:
    return {"status": "ok"}


@router.post("/auth/login", response_model=s.TokenOut, tags=["auth"])
def login(body: s.LoginIn, session: Session = Depends(db)) -> s.TokenOut:
    token = auth.login(session, body.email, body.password, body.totp)
    return s.TokenOut(token=token, expires_in_seconds=int(auth.SESSION_LIFETIME.total_seconds()))


@router.post("/auth/logout", status_code=204, tags=["auth"])
def logout(
    user: User = Depends(require(*ANY_ROLE)),
    token: str = Depends(bearer_token),
    session: Session = Depends(db),
) -> None:
    auth.logout(session, token)


@router.get("/me", response_model=s.UserOut, tags=["auth"])
def me(user: User = Depends(require(*ANY_ROLE))) -> s.UserOut:
    return s.UserOut(id=user.id, email=user.email, name=user.name, roles=user.roles, active=user.active)


@router.post("/check", response_model=CheckResult, tags=["check"])
def run_check(body: s.CheckIn, user: User = Depends(require(*ANY_ROLE)), session: Session = Depends(db)) -> CheckResult:
    return check(
        body.text,
        kind=body.kind,
        author=body.author,
        context=body.context,
        org=org_profile(session, user.org_id),
    )


@router.get("/users", response_model=s.Page[s.UserOut], tags=["users"])
def list_users(
    offset: Offset = 0,
    limit: Limit = 50,
    user: User = Depends(require("admin")),
    session: Session = Depends(db),
) -> s.Page[s.UserOut]:
    query = select(User).where(User.org_id == user.org_id)
    total, rows = _paginate(session, query.order_by(User.id), offset, limit)
    items = [s.UserOut(id=u.id, email=u.email, name=u.name, roles=u.roles, active=u.active) for u in rows]
    return s.Page(items=items, total=total, offset=offset, limit=limit)


@router.post("/users", response_model=s.UserOut, status_code=201, tags=["users"])
def create_user(body: s.UserIn, user: User = Depends(require("admin")), session: Session = Depends(db)) -> s.UserOut:
    created, secret = auth.create_user(
        session,
        org_id=user.org_id,
        email=body.email,
        name=body.name,
        password=body.password,
        roles=list(body.roles),
        actor_id=user.id,
    )
    return s.UserOut(
        id=created.id,
        email=created.email,
        name=created.name,
        roles=created.roles,
        active=created.active,
        totp_secret=secret,
    )


@router.post("/users/{user_id}/deactivate", response_model=s.UserOut, tags=["users"])
def deactivate_user(user_id: int, user: User = Depends(require("admin")), session: Session = Depends(db)) -> s.UserOut:
    target = session.get(User, user_id)
    if target is None or target.org_id != user.org_id:
        raise NotFound(f"user {user_id} not found")
    auth.deactivate(session, target, user.id)
    return s.UserOut(id=target.id, email=target.email, name=target.name, roles=target.roles, active=target.active)


def _media_findings(media: Media) -> list[s.MediaFindingOut]:
    return [s.MediaFindingOut.model_validate(f) for f in media.findings]


def _media_url(media: Media, faces: pictures.Faces) -> str:
    return f"/api/v1/media/{media.id}/image?faces={faces}"


def _media_out(media: Media) -> s.MediaOut:
    return s.MediaOut(
        id=media.id,
        filename=media.filename,
        width=media.width,
        height=media.height,
        verdict=media.verdict,
        clean_sha256=media.clean_sha256,
        clean_url=_media_url(media, pictures.FACES_PIXELATED),
        faces_kept_sha256=media.faces_kept_sha256,
        faces_kept_url=_media_url(media, pictures.FACES_KEPT) if media.faces_kept_sha256 else None,
        metadata_removed=media.metadata_found,
        findings=_media_findings(media),
        detector_version=media.detector_version,
        created_at=media.created_at,
    )


def _post_out(session: Session, post: Post) -> s.PostOut:
    v = posts.current_version(post)
    attached = pictures.resolve(session, post.org_id, v.media_hashes)
    return s.PostOut(
        id=post.id,
        kind=post.kind,
        status=post.status,
        author_id=post.author_id,
        authorization_id=post.authorization_id,
        flagged_reason=post.flagged_reason,
        takedown_reason=post.takedown_reason,
        scheduled_at=post.scheduled_at,
        review=posts.review_state(session, post),
        current_version=s.VersionOut(
            number=v.number,
            text=v.text,
            channels=v.channels,
            media=[
                s.VersionMediaOut(
                    media_id=a.media.id,
                    sha256=a.sha256,
                    faces=a.faces,
                    url=_media_url(a.media, a.faces),
                    width=a.media.width,
                    height=a.media.height,
                    findings=_media_findings(a.media),
                )
                for a in attached
            ],
            verdict=v.verdict,
            detector_version=v.detector_version,
            created_at=v.created_at,
        ),
    )


@router.get("/posts", response_model=s.Page[s.PostOut], tags=["posts"])
def list_posts(
    offset: Offset = 0,
    limit: Limit = 50,
    user: User = Depends(require(*ANY_ROLE)),
    session: Session = Depends(db),
) -> s.Page[s.PostOut]:
    query = select(Post).where(Post.org_id == user.org_id)
    total, rows = _paginate(session, query.order_by(Post.id.desc()), offset, limit)
    return s.Page(items=[_post_out(session, p) for p in rows], total=total, offset=offset, limit=limit)


@router.post("/posts", response_model=s.PostOut, status_code=201, tags=["posts"])
def create_post(
    body: s.PostIn, user: User = Depends(require("author", "admin")), session: Session = Depends(db)
) -> s.PostOut:
    post = posts.create(session, user, body.text, body.kind, body.channels, body.media_hashes)
    if body.scheduled_at is not None:
        posts.schedule(session, post, user, body.scheduled_at)
    return _post_out(session, post)


@router.post("/posts/{post_id}/schedule", response_model=s.PostOut, tags=["posts"])
def schedule_post(
    post_id: int,
    body: s.ScheduleIn,
    user: User = Depends(require("author", "marketing_reviewer", "admin")),
    session: Session = Depends(db),
) -> s.PostOut:
    post = posts.get_post(session, post_id, user, lock=True)
    posts.schedule(session, post, user, body.scheduled_at)
    return _post_out(session, post)


@router.get("/posts/{post_id}", response_model=s.PostOut, tags=["posts"])
def get_post(post_id: int, user: User = Depends(require(*ANY_ROLE)), session: Session = Depends(db)) -> s.PostOut:
    return _post_out(session, posts.get_post(session, post_id, user))


@router.post("/posts/{post_id}/versions", response_model=s.PostOut, tags=["posts"])
def edit_post(
    post_id: int,
    body: s.VersionIn,
    user: User = Depends(require("author", "admin")),
    session: Session = Depends(db),
) -> s.PostOut:
    post = posts.get_post(session, post_id, user, lock=True)
    posts.edit(session, post, user, body.text, body.channels, body.media_hashes)
    return _post_out(session, post)


@router.post("/posts/{post_id}/reviews", response_model=s.PostOut, tags=["posts"])
def review_post(
    post_id: int,
    body: s.ReviewIn,
    user: User = Depends(require(*REVIEWERS)),
    session: Session = Depends(db),
) -> s.PostOut:
    post = posts.get_post(session, post_id, user, lock=True)
    posts.review(session, post, user, body.role, body.decision, body.note, body.version)
    return _post_out(session, post)


@router.post("/posts/{post_id}/publish", response_model=s.PostOut, tags=["posts"])
def publish_post(
    post_id: int,
    body: s.PublishIn,
    user: User = Depends(require("marketing_reviewer", "privacy_officer", "admin")),
    session: Session = Depends(db),
) -> s.PostOut:
    post = posts.get_post(session, post_id, user, lock=True)
    posts.publish(session, post, user, body.text, body.channel, today(), body.media_hashes)
    return _post_out(session, post)


@router.post("/posts/{post_id}/takedown", response_model=s.PostOut, tags=["posts"])
def takedown_post(
    post_id: int,
    body: s.TakedownIn,
    user: User = Depends(require(*OFFICERS, "marketing_reviewer")),
    session: Session = Depends(db),
) -> s.PostOut:
    post = posts.get_post(session, post_id, user, lock=True)
    posts.takedown(session, post, user, body.reason)
    return _post_out(session, post)


@router.post("/posts/{post_id}/authorization", response_model=s.PostOut, tags=["posts"])
def link_authorization(
    post_id: int,
    body: s.LinkAuthorizationIn,
    user: User = Depends(require(*OFFICERS, "privacy_reviewer")),
    session: Session = Depends(db),
) -> s.PostOut:
    post = posts.get_post(session, post_id, user, lock=True)
    found = session.get(Authorization, body.authorization_id)
    if found is None:
        raise NotFound("authorization not found")
    posts.link_authorization(session, post, found, user)
    return _post_out(session, post)


@router.post("/media", response_model=s.MediaOut, status_code=201, tags=["media"])
def upload_media(
    file: Annotated[UploadFile, File(description="JPEG, PNG, WebP, HEIC or GIF, up to 40 MB")],
    user: User = Depends(require("author", "admin")),
    session: Session = Depends(db),
) -> s.MediaOut:
    """Check a picture (metadata, text in the picture, faces) and keep its clean copies.

    Attach a returned sha256 to a post version: ``clean_sha256`` (faces pixelated) or, for a
    post with the person's authorization, ``faces_kept_sha256``."""
    data = file.file.read(MAX_BYTES + 1)
    media = pictures.upload(session, user, data, file.filename or "")
    return _media_out(media)


@router.get("/media/{media_id}", response_model=s.MediaOut, tags=["media"])
def get_media(media_id: int, user: User = Depends(require(*ANY_ROLE)), session: Session = Depends(db)) -> s.MediaOut:
    return _media_out(pictures.get(session, media_id, user))


@router.get(
    "/media/{media_id}/image",
    tags=["media"],
    response_class=Response,
    responses={200: {"content": {"image/png": {}, "image/jpeg": {}}, "description": "a clean copy"}},
)
def get_media_image(
    media_id: int,
    faces: Literal["pixelated", "kept"] = "pixelated",
    user: User = Depends(require(*ANY_ROLE)),
    session: Session = Depends(db),
) -> Response:
    """The bytes of a clean copy, exactly as approved and published."""
    return clean_copy_response(session, media_id, user, faces)


def _auth_out(session: Session, a: Authorization) -> s.AuthorizationOut:
    check_auth = authz.validity(a, today())
    post_ids = list(session.execute(select(Post.id).where(Post.authorization_id == a.id)).scalars())
    return s.AuthorizationOut(
        id=a.id,
        patient_name=a.patient_name,
        expires_on=a.expires_on,
        channels=a.channels,
        revoked=a.revoked_at is not None,
        valid=check_auth.valid,
        problems=check_auth.reasons,
        post_ids=post_ids,
    )


def _get_auth(session: Session, auth_id: int, user: User) -> Authorization:
    found = session.get(Authorization, auth_id)
    if found is None or found.org_id != user.org_id:
        raise NotFound(f"authorization {auth_id} not found")
    return found


@router.get("/authorizations", response_model=s.Page[s.AuthorizationOut], tags=["authorizations"])
def list_authorizations(
    offset: Offset = 0,
    limit: Limit = 50,
    user: User = Depends(require(*REVIEWERS)),
    session: Session = Depends(db),
) -> s.Page[s.AuthorizationOut]:
    query = select(Authorization).where(Authorization.org_id == user.org_id)
    total, rows = _paginate(session, query.order_by(Authorization.id), offset, limit)
    return s.Page(items=[_auth_out(session, a) for a in rows], total=total, offset=offset, limit=limit)


@router.post("/authorizations", response_model=s.AuthorizationOut, status_code=201, tags=["authorizations"])
def create_authorization(
    body: s.AuthorizationIn,
    user: User = Depends(require(*OFFICERS, "privacy_reviewer")),
    session: Session = Depends(db),
) -> s.AuthorizationOut:
    a = authz.register(
        session,
        Authorization(org_id=user.org_id, created_by=user.id, created_at=audit.utcnow(), **body.model_dump()),
        user.id,
    )
    return _auth_out(session, a)


@router.get("/authorizations/{auth_id}", response_model=s.AuthorizationOut, tags=["authorizations"])
def get_authorization(
    auth_id: int, user: User = Depends(require(*REVIEWERS)), session: Session = Depends(db)
) -> s.AuthorizationOut:
    return _auth_out(session, _get_auth(session, auth_id, user))


@router.post("/authorizations/{auth_id}/revoke", response_model=s.AuthorizationOut, tags=["authorizations"])
def revoke_authorization(
    auth_id: int,
    body: s.RevokeIn,
    user: User = Depends(require(*OFFICERS)),
    session: Session = Depends(db),
) -> s.AuthorizationOut:
    a = _get_auth(session, auth_id, user)
    authz.revoke(session, a, body.reason, user.id)
    authz.sweep(session, user.org_id, today(), user.id)
    return _auth_out(session, a)


@router.post("/authorizations/sweep", response_model=s.SweepOut, tags=["authorizations"])
def sweep(user: User = Depends(require(*OFFICERS)), session: Session = Depends(db)) -> s.SweepOut:
    return s.SweepOut(flagged_post_ids=authz.sweep(session, user.org_id, today(), user.id))


@router.get("/tasks", response_model=s.Page[s.TaskOut], tags=["tasks"])
def list_tasks(
    offset: Offset = 0,
    limit: Limit = 50,
    user: User = Depends(require(*REVIEWERS)),
    session: Session = Depends(db),
) -> s.Page[s.TaskOut]:
    query = select(Task).where(Task.org_id == user.org_id)
    total, rows = _paginate(session, query.order_by(Task.id), offset, limit)
    items = [s.TaskOut(id=t.id, kind=t.kind, post_id=t.post_id, reason=t.reason, status=t.status) for t in rows]
    return s.Page(items=items, total=total, offset=offset, limit=limit)


@router.get("/audit", response_model=s.Page[s.AuditOut], tags=["audit"])
def list_audit(
    offset: Offset = 0,
    limit: Limit = 50,
    user: User = Depends(require(*OFFICERS)),
    session: Session = Depends(db),
) -> s.Page[s.AuditOut]:
    query = select(AuditEntry).where(AuditEntry.org_id == user.org_id)
    total, rows = _paginate(session, query.order_by(AuditEntry.seq.desc()), offset, limit)
    items = [
        s.AuditOut(
            seq=e.seq,
            action=e.action,
            entity=e.entity,
            entity_id=e.entity_id,
            actor_id=e.actor_id,
            at=e.at,
            hash=e.hash,
        )
        for e in rows
    ]
    return s.Page(items=items, total=total, offset=offset, limit=limit)


@router.get("/audit/verify", response_model=s.VerifyOut, tags=["audit"])
def verify_audit(user: User = Depends(require(*OFFICERS)), session: Session = Depends(db)) -> s.VerifyOut:
    report = audit.verify(session)
    return s.VerifyOut(
        ok=report.ok,
        entries=report.entries,
        first_bad_seq=report.first_bad_seq,
        problem=report.problem,
    )


@router.get("/audit/export", tags=["audit"])
def export_audit(
    start: datetime,
    end: datetime,
    user: User = Depends(require(*OFFICERS)),
    session: Session = Depends(db),
) -> dict[str, Any]:
    return audit.export(session, start, end, org_id=user.org_id)
