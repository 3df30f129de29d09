"""My work: what waits for the signed-in person, and recent posts."""

from __future__ import annotations

from datetime import date, timedelta

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import select
from sqlalchemy.orm import Session

from safepost.api.deps import db
from safepost.records.models import Authorization, Post, Task, User
from safepost.web.views.common import ANY, REVIEW_ROLE_OF, need, page
from safepost.workflows import posts

router = APIRouter(include_in_schema=False)


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
