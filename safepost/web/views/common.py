"""What every page shares: templates, the signed-in user, role checks and CSRF tokens."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from importlib import resources
from typing import Annotated, Any

import yaml
from fastapi import Depends, Form, Request
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session

from safepost.api.deps import db
from safepost.records.models import User
from safepost.web.render import environment
from safepost.web.security import SESSION_COOKIE, csrf_ok, csrf_token, secret_key
from safepost.workflows import auth
from safepost.workflows.errors import Forbidden, Unauthenticated

templates = environment()
REVIEW_ROLE_OF = {"marketing_reviewer": "marketing", "privacy_reviewer": "privacy", "privacy_officer": "privacy"}


class LoginRequired(Exception):
    pass


@lru_cache(maxsize=1)
def key() -> bytes:
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
        csrf=csrf_token(key(), token) if user else "",
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


def form_csrf(request: Request, csrf: str | None) -> None:
    token = request.cookies.get(SESSION_COOKIE, "")
    if not csrf_ok(key(), token, csrf):
        raise Forbidden("the form expired or came from another site: reload the page and try again")


def csrf_form(request: Request, csrf: Annotated[str | None, Form()] = None, _user: User = Depends(web_user)) -> None:
    """Plain form posts carry the token in a field; htmx posts carry it in a header."""
    header = request.headers.get("x-csrf-token")
    form_csrf(request, header if header else csrf)


def htmx_csrf(request: Request, _user: User = Depends(web_user)) -> None:
    form_csrf(request, request.headers.get("x-csrf-token"))
