"""The organization profile: the names, phones, addresses and staff checks must not flag."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from safepost.api.deps import db
from safepost.detection.org import org_from_mapping
from safepost.records import audit
from safepost.records.models import Organization, User
from safepost.web.views.common import form_csrf, need, page
from safepost.workflows.errors import NotFound

router = APIRouter(include_in_schema=False)


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
    form_csrf(request, str(form.get("csrf") or ""))
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
