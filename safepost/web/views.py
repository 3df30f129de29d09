"""The web pages. Every page needs a signed-in user with the right role; every POST needs the
session's CSRF token. Pages call the same workflows as the REST API."""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from importlib import resources
from typing import Annotated, Any, Literal

import pyotp
import qrcode
import qrcode.image.svg
import yaml
from fastapi import APIRouter, Depends, FastAPI, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import Session

from safepost.api.deps import db
from safepost.detection.models import CheckResult
from safepost.detection.org import org_from_mapping
from safepost.records import audit
from safepost.records.models import AuditEntry, Authorization, Organization, Post, Task, User
from safepost.verdict import check
from safepost.web import pictures as web_pictures
from safepost.web.render import environment, result_context, side_by_side
from safepost.web.security import PENDING_COOKIE, SESSION_COOKIE, csrf_ok, csrf_token, secret_key, sign, unsign
from safepost.workflows import auth, posts
from safepost.workflows import authorizations as authz
from safepost.workflows import media as pictures
from safepost.workflows.errors import Forbidden, NotFound, Unauthenticated, WorkflowError

router = APIRouter(include_in_schema=False)
templates = environment()
REVIEW_ROLE_OF = {"marketing_reviewer": "marketing", "privacy_reviewer": "privacy", "privacy_officer": "privacy"}


class LoginRequired(Exception):
    pass


@lru_cache(maxsize=1)
def _key() -> bytes:
    return secret_key()


@lru_cache(maxsize=1)
def checklist() -> list[dict[str, str]]:
    raw = resources.files("safepost.policy").joinpath("checklist.yaml").read_text("utf-8")
    items: list[dict[str, str]] = yaml.safe_load(raw)["items"]
    return items


def page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    user: User | None = getattr(request.state, "user", None)
    token = request.cookies.get(SESSION_COOKIE, "")
    body = templates.get_template(name).render(
        request=request,
        user=user,
        csrf=csrf_token(_key(), token) if user else "",
        roles=set(user.roles) if user else set(),
        can=lambda *wanted: bool(user and set(wanted) & set(user.roles)),
        **context,
    )
    return HTMLResponse(body, status_code=status)


def web_user(request: Request, session: Session = Depends(db)) -> User:
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        raise LoginRequired
    try:
        user = auth.user_for_token(session, token)
    except Unauthenticated:
        raise LoginRequired from None
    request.state.user = user
    return user


def need(*roles: str) -> Callable[[User], User]:
    def check_roles(user: User = Depends(web_user)) -> User:
        if roles and not set(roles) & set(user.roles):
            raise Forbidden(f"this page needs one of the roles: {', '.join(roles)}")
        return user

    return check_roles


ANY = ("author", "marketing_reviewer", "privacy_reviewer", "privacy_officer", "admin")
Csrf = Annotated[str, Form(alias="csrf")]


def _form_csrf(request: Request, csrf: str | None) -> None:
    token = request.cookies.get(SESSION_COOKIE, "")
    if not csrf_ok(_key(), token, csrf):
        raise Forbidden("the form expired or came from another site: reload the page and try again")


def csrf_form(request: Request, csrf: Annotated[str | None, Form()] = None, _user: User = Depends(web_user)) -> None:
    """Plain form posts carry the token in a field; htmx posts carry it in a header."""
    header = request.headers.get("x-csrf-token")
    _form_csrf(request, header if header else csrf)


def htmx_csrf(request: Request, _user: User = Depends(web_user)) -> None:
    _form_csrf(request, request.headers.get("x-csrf-token"))


# ---------------------------------------------------------------- sign in


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request) -> HTMLResponse:
    return page(request, "login.html")


@router.post("/login")
def login_submit(
    request: Request,
    email: Annotated[str, Form()],
    password: Annotated[str, Form()],
    code: Annotated[str, Form()] = "",
    session: Session = Depends(db),
) -> Response:
    try:
        user = auth.check_password(session, email, password)
        if user.totp_secret and not user.mfa_enrolled:
            response = RedirectResponse("/enroll", status_code=303)
            response.set_cookie(
                PENDING_COOKIE,
                sign(_key(), str(user.id)),
                httponly=True,
                samesite="strict",
                max_age=600,
                secure=request.url.scheme == "https",
            )
            return response
        auth.check_totp(session, user, code)
    except Unauthenticated as exc:
        return page(request, "login.html", status=401, error=exc.message, email=email)
    return _signed_in(request, session, user)


def _signed_in(request: Request, session: Session, user: User) -> Response:
    token = auth.start_session(session, user)
    response = RedirectResponse("/", status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        token,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        max_age=int(auth.SESSION_LIFETIME.total_seconds()),
    )
    response.delete_cookie(PENDING_COOKIE)
    return response


def _pending_user(request: Request, session: Session) -> User:
    user_id = unsign(_key(), request.cookies.get(PENDING_COOKIE))
    user = session.get(User, int(user_id)) if user_id and user_id.isdigit() else None
    if user is None or not user.active or not user.totp_secret:
        raise LoginRequired
    return user


def _qr_svg(uri: str) -> Markup:
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    return Markup(buffer.getvalue().decode("utf-8"))


@router.get("/enroll", response_class=HTMLResponse)
def enroll_page(request: Request, session: Session = Depends(db)) -> HTMLResponse:
    user = _pending_user(request, session)
    uri = pyotp.TOTP(user.totp_secret or "").provisioning_uri(name=user.email, issuer_name="SafePost")
    return page(request, "enroll.html", qr=_qr_svg(uri), secret=user.totp_secret)


@router.post("/enroll")
def enroll_submit(request: Request, code: Annotated[str, Form()], session: Session = Depends(db)) -> Response:
    user = _pending_user(request, session)
    try:
        auth.confirm_enrollment(session, user, code)
    except Unauthenticated as exc:
        uri = pyotp.TOTP(user.totp_secret or "").provisioning_uri(name=user.email, issuer_name="SafePost")
        return page(request, "enroll.html", status=401, error=exc.message, qr=_qr_svg(uri), secret=user.totp_secret)
    return _signed_in(request, session, user)


@router.post("/logout")
def logout(
    request: Request, _: None = Depends(csrf_form), user: User = Depends(web_user), session: Session = Depends(db)
) -> Response:
    auth.logout(session, request.cookies.get(SESSION_COOKIE, ""))
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response


# ---------------------------------------------------------------- my work


@router.get("/", response_class=HTMLResponse)
def my_work(request: Request, user: User = Depends(need(*ANY)), session: Session = Depends(db)) -> HTMLResponse:
    org_posts = list(session.execute(select(Post).where(Post.org_id == user.org_id).order_by(Post.id.desc())).scalars())
    my_roles = {REVIEW_ROLE_OF[r] for r in user.roles if r in REVIEW_ROLE_OF}
    to_review = [
        p
        for p in org_posts
        if p.status == "in_review"
        and p.author_id != user.id
        and any(posts.review_state(session, p)[r] is None for r in my_roles)
    ]
    to_fix = [p for p in org_posts if p.status == "rejected" and p.author_id == user.id]
    to_publish = (
        [p for p in org_posts if p.status == "approved"]
        if {"marketing_reviewer", "privacy_officer", "admin"} & set(user.roles)
        else []
    )
    soon = date.today() + timedelta(days=30)
    expiring = [
        a
        for a in session.execute(select(Authorization).where(Authorization.org_id == user.org_id)).scalars()
        if a.revoked_at is None and a.expires_on is not None and date.today() <= a.expires_on <= soon
    ]
    tasks = list(session.execute(select(Task).where(Task.org_id == user.org_id, Task.status == "open")).scalars())
    return page(
        request,
        "mywork.html",
        to_review=to_review,
        to_fix=to_fix,
        to_publish=to_publish,
        expiring=expiring,
        tasks=tasks,
        posts=org_posts[:20],
        current=posts.current_version,
    )


# ---------------------------------------------------------------- compose and check


@router.get("/compose", response_class=HTMLResponse)
def compose(request: Request, user: User = Depends(need("author", "admin"))) -> HTMLResponse:
    return page(request, "compose.html", checklist=checklist())


@router.post("/compose/check", response_class=HTMLResponse)
def compose_check(
    request: Request,
    _: None = Depends(htmx_csrf),
    text: Annotated[str, Form()] = "",
    kind: Annotated[str, Form()] = "post",
    context: Annotated[str, Form()] = "",
    user: User = Depends(need(*ANY)),
    session: Session = Depends(db),
) -> HTMLResponse:
    if not text.strip():
        return page(request, "_check.html", empty=True)
    result = check(text[:20_000], kind=kind, context=context or None, org=posts.org_profile(session, user.org_id))
    return page(request, "_check.html", **result_context(result, text[:20_000]))


@router.post("/compose")
def compose_submit(
    request: Request,
    _: None = Depends(csrf_form),
    text: Annotated[str, Form()] = "",
    kind: Annotated[str, Form()] = "post",
    channel: Annotated[str, Form()] = "instagram",
    ticked: Annotated[list[str] | None, Form()] = None,
    images: Annotated[list[UploadFile] | None, File()] = None,
    keep_faces: Annotated[bool, Form()] = False,
    user: User = Depends(need("author", "admin")),
    session: Session = Depends(db),
) -> Response:
    missing = [i["label"] for i in checklist() if i["id"] not in set(ticked or [])]
    if not text.strip() or missing:
        error = (
            "Write the text first." if not text.strip() else "Tick every item of the checklist: " + "; ".join(missing)
        )
        return page(
            request,
            "compose.html",
            status=422,
            checklist=checklist(),
            error=error,
            text=text,
            kind=kind,
            ticked=set(ticked or []),
        )
    try:
        media = web_pictures.upload_all(session, user, images or [], keep_faces)
    except WorkflowError as exc:
        session.rollback()
        return page(
            request,
            "compose.html",
            status=exc.status,
            checklist=checklist(),
            error=exc.message + " Choose the pictures again.",
            text=text,
            kind=kind,
            ticked=set(ticked or []),
        )
    post = posts.create(
        session, user, text, kind if kind in {"post", "reply", "staff_personal"} else "post", [channel], media
    )
    return RedirectResponse(f"/posts/{post.id}", status_code=303)


@router.get("/media/{media_id}/image")
def media_image(
    media_id: int,
    faces: Literal["pixelated", "kept"] = "pixelated",
    user: User = Depends(need(*ANY)),
    session: Session = Depends(db),
) -> Response:
    """A clean copy, exactly the bytes reviewers approve and the post publishes."""
    data, mime = pictures.clean_copy(pictures.get(session, media_id, user), faces)
    return Response(
        data,
        media_type=mime,
        headers={"Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff"},
    )


# ---------------------------------------------------------------- posts and approvals


def _post(session: Session, post_id: int, user: User) -> Post:
    return posts.get_post(session, post_id, user)


@router.get("/posts/{post_id}", response_class=HTMLResponse)
def post_page(
    request: Request, post_id: int, user: User = Depends(need(*ANY)), session: Session = Depends(db)
) -> HTMLResponse:
    post = _post(session, post_id, user)
    version = posts.current_version(post)
    previous = post.versions[-2] if len(post.versions) > 1 else None
    # The result stored with the version is the record reviewers approve; no need to re-run it.
    result = CheckResult.model_validate(version.check_result)
    reviews = posts.approvals(session, version)
    reviewers = {u.id: u.name for u in session.execute(select(User).where(User.org_id == user.org_id)).scalars()}
    auths = [a for a in session.execute(select(Authorization).where(Authorization.org_id == user.org_id)).scalars()]
    linked = session.get(Authorization, post.authorization_id) if post.authorization_id else None
    return page(
        request,
        "post.html",
        post=post,
        version=version,
        previous=previous,
        diff=side_by_side(previous.text, version.text) if previous else None,
        state=posts.review_state(session, post),
        reviews=reviews,
        reviewers=reviewers,
        my_review_roles=sorted({REVIEW_ROLE_OF[r] for r in user.roles if r in REVIEW_ROLE_OF}),
        authorizations=auths,
        linked=linked,
        linked_validity=authz.validity(linked, date.today()) if linked else None,
        pictures=web_pictures.overlays(session, post.org_id, version.media_hashes),
        **result_context(result, version.text),
    )


def _back(post_id: int) -> RedirectResponse:
    return RedirectResponse(f"/posts/{post_id}", status_code=303)


@router.post("/posts/{post_id}/review")
def post_review(
    post_id: int,
    role: Annotated[str, Form()],
    decision: Annotated[str, Form()],
    version: Annotated[int, Form()],
    note: Annotated[str, Form()] = "",
    _: None = Depends(csrf_form),
    user: User = Depends(need("marketing_reviewer", "privacy_reviewer", "privacy_officer", "admin")),
    session: Session = Depends(db),
) -> Response:
    post = posts.get_post(session, post_id, user, lock=True)
    posts.review(session, post, user, role, decision, note or None, version)
    return _back(post_id)


@router.post("/posts/{post_id}/edit")
def post_edit(
    post_id: int,
    text: Annotated[str, Form()],
    _: None = Depends(csrf_form),
    user: User = Depends(need("author", "admin")),
    session: Session = Depends(db),
) -> Response:
    post = posts.get_post(session, post_id, user, lock=True)
    version = posts.current_version(post)
    posts.edit(session, post, user, text, version.channels, version.media_hashes)
    return _back(post_id)


@router.post("/posts/{post_id}/publish")
def post_publish(
    post_id: int,
    channel: Annotated[str, Form()],
    _: None = Depends(csrf_form),
    user: User = Depends(need("marketing_reviewer", "privacy_officer", "admin")),
    session: Session = Depends(db),
) -> Response:
    post = posts.get_post(session, post_id, user, lock=True)
    version = posts.current_version(post)
    # The page publishes what it shows: the approved text and the approved clean copies.
    posts.publish(session, post, user, version.text, channel, date.today(), version.media_hashes)
    return _back(post_id)


@router.post("/posts/{post_id}/link")
def post_link(
    post_id: int,
    authorization_id: Annotated[int, Form()],
    _: None = Depends(csrf_form),
    user: User = Depends(need("privacy_reviewer", "privacy_officer", "admin")),
    session: Session = Depends(db),
) -> Response:
    post = posts.get_post(session, post_id, user, lock=True)
    found = session.get(Authorization, authorization_id)
    if found is None:
        raise NotFound("authorization not found")
    posts.link_authorization(session, post, found, user)
    return _back(post_id)


@router.post("/posts/{post_id}/takedown")
def post_takedown(
    post_id: int,
    reason: Annotated[str, Form()],
    _: None = Depends(csrf_form),
    user: User = Depends(need("marketing_reviewer", "privacy_officer", "admin")),
    session: Session = Depends(db),
) -> Response:
    post = posts.get_post(session, post_id, user, lock=True)
    posts.takedown(session, post, user, reason)
    return _back(post_id)


@router.get("/approvals", response_class=HTMLResponse)
def approvals_page(
    request: Request,
    user: User = Depends(need("marketing_reviewer", "privacy_reviewer", "privacy_officer", "admin")),
    session: Session = Depends(db),
) -> HTMLResponse:
    queue = list(
        session.execute(
            select(Post)
            .where(Post.org_id == user.org_id, Post.status.in_(["in_review", "approved", "rejected"]))
            .order_by(Post.id)
        ).scalars()
    )
    return page(
        request, "approvals.html", queue=[(p, posts.current_version(p), posts.review_state(session, p)) for p in queue]
    )


# ---------------------------------------------------------------- authorizations

FIELDS = (
    "patient_name",
    "description",
    "disclosers",
    "recipients",
    "purpose",
    "expiration_event",
    "signed_by",
    "representative_authority",
)
FLAGS = ("states_right_to_revoke", "states_no_conditioning", "states_redisclosure")


def _authorization_from_form(form: dict[str, Any], user: User) -> Authorization:
    def day(name: str) -> date | None:
        try:
            return date.fromisoformat(form.get(name) or "")
        except ValueError:
            return None

    return Authorization(
        org_id=user.org_id,
        created_by=user.id,
        created_at=audit.utcnow(),
        expires_on=day("expires_on"),
        signed_on=day("signed_on"),
        channels=[
            c for c in ("instagram", "facebook", "x", "tiktok", "linkedin", "youtube") if form.get(f"channel_{c}")
        ],
        **{f: (form.get(f) or "").strip() for f in FIELDS},
        **{f: bool(form.get(f)) for f in FLAGS},
    )


@router.get("/authorizations", response_class=HTMLResponse)
def authorizations_page(
    request: Request,
    user: User = Depends(need("marketing_reviewer", "privacy_reviewer", "privacy_officer", "admin")),
    session: Session = Depends(db),
) -> HTMLResponse:
    rows = []
    for a in session.execute(
        select(Authorization).where(Authorization.org_id == user.org_id).order_by(Authorization.id)
    ).scalars():
        relying = list(session.execute(select(Post).where(Post.authorization_id == a.id)).scalars())
        rows.append((a, authz.validity(a, date.today()), relying))
    return page(request, "authorizations.html", rows=rows)


@router.get("/authorizations/new", response_class=HTMLResponse)
def authorization_new(
    request: Request, user: User = Depends(need("privacy_reviewer", "privacy_officer", "admin"))
) -> HTMLResponse:
    return page(request, "authorization_new.html", missing=[text for _, text in authz.ELEMENTS])


@router.post("/authorizations/missing", response_class=HTMLResponse)
async def authorization_missing(
    request: Request,
    _: None = Depends(htmx_csrf),
    user: User = Depends(need("privacy_reviewer", "privacy_officer", "admin")),
) -> HTMLResponse:
    form = dict((await request.form()).items())
    return page(request, "_missing.html", missing=authz.missing_elements(_authorization_from_form(form, user)))


@router.post("/authorizations")
async def authorization_create(
    request: Request,
    user: User = Depends(need("privacy_reviewer", "privacy_officer", "admin")),
    session: Session = Depends(db),
) -> Response:
    form = await request.form()
    _form_csrf(request, str(form.get("csrf") or ""))
    values = {k: v for k, v in form.items() if isinstance(v, str)}
    if not (values.get("patient_name") or "").strip():
        return page(
            request,
            "authorization_new.html",
            status=422,
            error="Enter the patient's name.",
            missing=authz.missing_elements(_authorization_from_form(values, user)),
        )
    a = _authorization_from_form(values, user)
    upload = form.get("signed_form")
    if isinstance(upload, UploadFile) or hasattr(upload, "read"):
        data = await upload.read()  # type: ignore[union-attr]
        if data:
            a.form_sha256 = hashlib.sha256(data).hexdigest()
    authz.register(session, a, user.id)
    return RedirectResponse("/authorizations", status_code=303)


@router.post("/authorizations/{auth_id}/revoke")
def authorization_revoke(
    auth_id: int,
    reason: Annotated[str, Form()],
    _: None = Depends(csrf_form),
    user: User = Depends(need("privacy_officer", "admin")),
    session: Session = Depends(db),
) -> Response:
    a = session.get(Authorization, auth_id)
    if a is None or a.org_id != user.org_id:
        raise NotFound("authorization not found")
    if not reason.strip():
        raise WorkflowError("a revocation needs a reason")
    authz.revoke(session, a, reason, user.id)
    authz.sweep(session, user.org_id, date.today(), user.id)
    return RedirectResponse("/authorizations", status_code=303)


# ---------------------------------------------------------------- audit


@router.get("/audit", response_class=HTMLResponse)
def audit_page(
    request: Request,
    action: str = "",
    entity: str = "",
    user: User = Depends(need("privacy_officer", "admin")),
    session: Session = Depends(db),
) -> HTMLResponse:
    query = select(AuditEntry).where(AuditEntry.org_id == user.org_id)
    if action:
        query = query.where(AuditEntry.action.contains(action))
    if entity:
        query = query.where(AuditEntry.entity == entity)
    entries = list(session.execute(query.order_by(AuditEntry.seq.desc()).limit(200)).scalars())
    names = {u.id: u.name for u in session.execute(select(User).where(User.org_id == user.org_id)).scalars()}
    return page(request, "audit.html", entries=entries, action=action, entity=entity, names=names)


@router.post("/audit/verify", response_class=HTMLResponse)
def audit_verify(
    request: Request,
    _: None = Depends(htmx_csrf),
    user: User = Depends(need("privacy_officer", "admin")),
    session: Session = Depends(db),
) -> HTMLResponse:
    return page(request, "_verify.html", report=audit.verify(session))


@router.get("/audit/export.json")
def audit_export(
    user: User = Depends(need("privacy_officer", "admin")), session: Session = Depends(db)
) -> JSONResponse:
    end = datetime.now(UTC) + timedelta(days=1)
    exported = audit.export(session, end - timedelta(days=366 * 6 + 1), end, org_id=user.org_id)
    return JSONResponse(
        json.loads(json.dumps(exported, default=str)),
        headers={"Content-Disposition": 'attachment; filename="safepost-audit.json"'},
    )


# ---------------------------------------------------------------- organization profile


@router.get("/org", response_class=HTMLResponse)
def org_page(
    request: Request, user: User = Depends(need("admin", "privacy_officer")), session: Session = Depends(db)
) -> HTMLResponse:
    org = session.get(Organization, user.org_id)
    profile = (org.profile if org else {}) or {}
    return page(request, "org.html", profile=profile, org=org)


@router.post("/org")
async def org_save(request: Request, user: User = Depends(need("admin")), session: Session = Depends(db)) -> Response:
    form = await request.form()
    _form_csrf(request, str(form.get("csrf") or ""))
    org = session.get(Organization, user.org_id)
    if org is None:
        raise NotFound("organization not found")

    def lines(field: str) -> list[str]:
        return [line.strip() for line in str(form.get(field) or "").splitlines() if line.strip()]

    name = str(form.get("name") or org.name).strip()
    profile: dict[str, Any] = {
        "name": name,
        "aliases": lines("aliases"),
        "phones": lines("phones"),
        "addresses": lines("addresses"),
        "websites": lines("websites"),
        "staff": lines("staff"),
    }
    try:
        org_from_mapping(profile)
    except ValueError as exc:
        return page(request, "org.html", status=422, profile=profile, org=org, error=str(exc))
    before = org.profile
    org.profile, org.name = profile, name
    audit.append(
        session,
        action="org.profile",
        entity="organization",
        entity_id=org.id,
        actor_id=user.id,
        org_id=org.id,
        before=before,
        after=profile,
    )
    return RedirectResponse("/org?saved=1", status_code=303)


def install(app: FastAPI) -> None:
    """Add the web pages, static assets and their error pages to the FastAPI app."""
    from fastapi.staticfiles import StaticFiles

    from safepost.web.security import SecurityHeaders

    app.include_router(router)
    app.mount("/static", StaticFiles(directory=str(resources.files("safepost.web").joinpath("static"))), name="static")
    app.add_middleware(SecurityHeaders)

    @app.exception_handler(LoginRequired)
    async def to_login(request: Request, exc: LoginRequired) -> Response:
        if request.headers.get("hx-request"):
            return Response(status_code=401, headers={"HX-Redirect": "/login"})
        return RedirectResponse("/login", status_code=303)

    @app.exception_handler(WorkflowError)
    async def workflow_error(request: Request, exc: WorkflowError) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse(
                {"error": {"code": exc.code, "message": exc.message, "details": exc.details}}, status_code=exc.status
            )
        if isinstance(exc, Unauthenticated):
            return RedirectResponse("/login", status_code=303)
        return page(request, "error.html", status=exc.status, message=exc.message, details=exc.details)
