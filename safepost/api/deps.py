"""Request dependencies: a database session per request and the signed-in user with roles."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from safepost.records.models import User
from safepost.workflows import auth
from safepost.workflows.errors import Forbidden, Unauthenticated

_bearer = HTTPBearer(auto_error=False)


def db(request: Request) -> Iterator[Session]:
    session: Session = request.app.state.sessions()
    try:
        yield session
        session.commit()
    except Exception:
        session.rollback()
        raise
    finally:
        session.close()


def bearer_token(credentials: HTTPAuthorizationCredentials | None = Depends(_bearer)) -> str:
    if credentials is None:
        raise Unauthenticated("sign in first: send 'Authorization: Bearer <token>'")
    return credentials.credentials


def current_user(
    credentials: HTTPAuthorizationCredentials | None = Depends(_bearer),
    session: Session = Depends(db),
) -> User:
    if credentials is None:
        raise Unauthenticated("sign in first: send 'Authorization: Bearer <token>'")
    return auth.user_for_token(session, credentials.credentials)


def require(*roles: str) -> Callable[[User], User]:
    """A dependency that lets through only users holding one of ``roles``."""

    def check(user: User = Depends(current_user)) -> User:
        if not set(roles) & set(user.roles):
            raise Forbidden(f"needs one of the roles: {', '.join(roles)}")
        return user

    check.required_roles = roles  # type: ignore[attr-defined]
    return check


ANY_ROLE = ("author", "marketing_reviewer", "privacy_reviewer", "privacy_officer", "admin")
REVIEWERS = ("marketing_reviewer", "privacy_reviewer", "privacy_officer", "admin")
OFFICERS = ("privacy_officer", "admin")
