"""The audit trail: filter, verify the chain, export."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, JSONResponse
from sqlalchemy import select
from sqlalchemy.orm import Session

from safepost.api.deps import db
from safepost.records import audit
from safepost.records.models import AuditEntry, User
from safepost.web.views.common import htmx_csrf, need, page

router = APIRouter(include_in_schema=False)


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
