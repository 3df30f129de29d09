"""Users, passwords (argon2), TOTP MFA, sessions and lockout (45 CFR 164.308(a)(5)(ii)(C))."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import VerificationError
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from safepost.records import audit
from safepost.records.models import ROLES, ApiSession, LoginAttempt, User
from safepost.workflows.errors import Invalid, Unauthenticated

SESSION_LIFETIME = timedelta(hours=8)
MAX_FAILED_LOGINS = 5
LOCKOUT = timedelta(minutes=15)
# Reviewers, officers and admins can approve or change records: MFA is required for them.
MFA_ROLES = frozenset({"marketing_reviewer", "privacy_reviewer", "privacy_officer", "admin"})
_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    if len(password) < 12:
        raise Invalid("passwords need at least 12 characters")
    return _hasher.hash(password)


def create_user(
    session: Session,
    *,
    org_id: int,
    email: str,
    name: str,
    password: str,
    roles: list[str],
    actor_id: int | None,
) -> tuple[User, str | None]:
    """Create a user; returns the user and, for MFA roles, the TOTP secret to enrol."""
    unknown = sorted(set(roles) - set(ROLES))
    if unknown:
        raise Invalid(f"unknown roles {unknown}; roles are {list(ROLES)}")
    secret = pyotp.random_base32() if set(roles) & MFA_ROLES else None
    user = User(
        org_id=org_id,
        email=email.strip().lower(),
        name=name,
        password_hash=hash_password(password),
        roles=sorted(set(roles)),
        totp_secret=secret,
        created_at=audit.utcnow(),
    )
    session.add(user)
    session.flush()
    audit.append(
        session,
        action="user.create",
        entity="user",
        entity_id=user.id,
        actor_id=actor_id,
        org_id=org_id,
        after={"email": user.email, "roles": user.roles, "mfa": secret is not None},
    )
    return user, secret


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def check_password(session: Session, email: str, password: str) -> User:
    """First sign-in step. Failures are recorded and count towards the lockout; the message
    never says which part was wrong."""
    email = email.strip().lower()
    user = session.execute(select(User).where(User.email == email)).scalar_one_or_none()
    now = audit.utcnow()
    if user is None or not user.active:
        raise _fail(session, email, user, "unknown_or_inactive")
    if user.locked_until is not None and user.locked_until.replace(tzinfo=now.tzinfo) > now:
        raise _fail(session, email, user, "locked")
    try:
        _hasher.verify(user.password_hash, password)
    except VerificationError:
        raise _fail(session, email, user, "password") from None
    return user


def check_totp(session: Session, user: User, code: str | None) -> None:
    """Second step, for users with MFA: the current code from their authenticator."""
    if user.totp_secret and not (code and pyotp.TOTP(user.totp_secret).verify(code.strip(), valid_window=1)):
        raise _fail(session, user.email, user, "totp")


def confirm_enrollment(session: Session, user: User, code: str | None) -> None:
    check_totp(session, user, code)
    user.mfa_enrolled = True
    audit.append(
        session, action="user.mfa_enrolled", entity="user", entity_id=user.id, actor_id=user.id, org_id=user.org_id
    )


def start_session(session: Session, user: User) -> str:
    now = audit.utcnow()
    user.failed_logins = 0
    user.locked_until = None
    token = secrets.token_urlsafe(32)
    session.add(
        ApiSession(user_id=user.id, token_hash=_token_hash(token), created_at=now, expires_at=now + SESSION_LIFETIME)
    )
    session.add(LoginAttempt(email=user.email, user_id=user.id, success=True, reason="ok", at=now))
    audit.append(session, action="user.login", entity="user", entity_id=user.id, actor_id=user.id, org_id=user.org_id)
    return token


def _fail(session: Session, email: str, user: User | None, reason: str) -> Unauthenticated:
    now = audit.utcnow()
    session.add(LoginAttempt(email=email, user_id=user.id if user else None, success=False, reason=reason, at=now))
    if user is not None and reason in {"password", "totp"}:
        user.failed_logins += 1
        if user.failed_logins >= MAX_FAILED_LOGINS:
            user.locked_until = now + LOCKOUT
            audit.append(
                session,
                action="user.locked",
                entity="user",
                entity_id=user.id,
                actor_id=None,
                org_id=user.org_id,
                after={"failed_logins": user.failed_logins},
            )
    session.commit()
    return Unauthenticated("sign-in failed: check your email, password and code")


def login(session: Session, email: str, password: str, totp: str | None) -> str:
    """Check credentials and MFA; returns a bearer token."""
    user = check_password(session, email, password)
    check_totp(session, user, totp)
    return start_session(session, user)


def user_for_token(session: Session, token: str) -> User:
    row = session.execute(
        select(ApiSession).where(ApiSession.token_hash == _token_hash(token), ApiSession.revoked.is_(False))
    ).scalar_one_or_none()
    now = audit.utcnow()
    if row is None or row.expires_at.replace(tzinfo=now.tzinfo) <= now:
        raise Unauthenticated("session expired or unknown: sign in again")
    user = session.get(User, row.user_id)
    if user is None or not user.active:
        raise Unauthenticated("account is deactivated")
    return user


def logout(session: Session, token: str) -> None:
    session.execute(update(ApiSession).where(ApiSession.token_hash == _token_hash(token)).values(revoked=True))


def deactivate(session: Session, user: User, actor_id: int) -> None:
    """Deactivate a user and end every one of their sessions at once."""
    user.active = False
    session.execute(update(ApiSession).where(ApiSession.user_id == user.id).values(revoked=True))
    audit.append(
        session,
        action="user.deactivate",
        entity="user",
        entity_id=user.id,
        actor_id=actor_id,
        org_id=user.org_id,
        before={"active": True},
        after={"active": False},
    )
