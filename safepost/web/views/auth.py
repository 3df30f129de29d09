"""Sign in with password and TOTP, first-time TOTP enrolment, sign out."""

from __future__ import annotations

import io
from typing import Annotated

import pyotp
import qrcode
import qrcode.image.svg
from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup
from sqlalchemy.orm import Session

from safepost.api.deps import db
from safepost.records.models import User
from safepost.web.security import PENDING_COOKIE, SESSION_COOKIE, sign, unsign
from safepost.web.views.common import LoginRequired, csrf_form, key, page, web_user
from safepost.workflows import auth
from safepost.workflows.errors import Unauthenticated

router = APIRouter(include_in_schema=False)


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
                sign(key(), str(user.id)),
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
    user_id = unsign(key(), request.cookies.get(PENDING_COOKIE))
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
