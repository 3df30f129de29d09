"""Cookie sessions, CSRF tokens and security headers for the web pages."""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

from starlette.types import ASGIApp, Message, Receive, Scope, Send

SESSION_COOKIE = "sp_session"
PENDING_COOKIE = "sp_pending"
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
)


def secret_key() -> bytes:
    """SAFEPOST_SECRET_KEY, or a key kept in the data directory (created on first run)."""
    configured = os.environ.get("SAFEPOST_SECRET_KEY", "").strip()
    if configured:
        return configured.encode("utf-8")
    data_dir = Path(os.environ.get("SAFEPOST_DATA_DIR", Path.home() / ".local" / "share" / "safepost"))
    data_dir.mkdir(parents=True, exist_ok=True)
    key_file = data_dir / "secret.key"
    if not key_file.exists():
        key_file.write_text(secrets.token_hex(32), encoding="utf-8")
        key_file.chmod(0o600)
    return key_file.read_text(encoding="utf-8").strip().encode("utf-8")


def csrf_token(key: bytes, session_token: str) -> str:
    """Bound to the session: a page's forms work only for the session that rendered them."""
    return hmac.new(key, b"csrf:" + session_token.encode("utf-8"), hashlib.sha256).hexdigest()


def csrf_ok(key: bytes, session_token: str, presented: str | None) -> bool:
    return bool(presented) and hmac.compare_digest(csrf_token(key, session_token), presented or "")


def sign(key: bytes, value: str) -> str:
    mac = hmac.new(key, b"pending:" + value.encode("utf-8"), hashlib.sha256).hexdigest()
    return f"{value}.{mac}"


def unsign(key: bytes, signed: str | None) -> str | None:
    if not signed or "." not in signed:
        return None
    value = signed.rsplit(".", 1)[0]
    return value if hmac.compare_digest(sign(key, value), signed) else None


class SecurityHeaders:
    """CSP, no framing, no sniffing, no referrer leaks, on every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [
                    (b"content-security-policy", CSP.encode()),
                    (b"x-frame-options", b"DENY"),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                ]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)
