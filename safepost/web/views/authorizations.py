"""Patient authorizations (45 CFR 164.508): list, create with live validation, revoke."""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from safepost.api.deps import db
from safepost.records import audit
from safepost.records.models import Authorization, Post, User
from safepost.web.views.common import csrf_form, form_csrf, htmx_csrf, need, page
from safepost.workflows import authorizations as authz
from safepost.workflows.errors import NotFound, WorkflowError

router = APIRouter(include_in_schema=False)


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
    form_csrf(request, str(form.get("csrf") or ""))
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
