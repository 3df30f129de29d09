"""Compose and check: the live check, the checklist, pictures, submitting for approval."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from safepost.api.deps import db
from safepost.records.models import User
from safepost.verdict import check
from safepost.web import pictures as web_pictures
from safepost.web.render import result_context
from safepost.web.views.common import ANY, checklist, csrf_form, htmx_csrf, need, page
from safepost.workflows import posts
from safepost.workflows.errors import WorkflowError
from safepost.workflows.org import org_profile

router = APIRouter(include_in_schema=False)


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
    result = check(text[:20_000], kind=kind, context=context or None, org=org_profile(session, user.org_id))
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
