"""The FastAPI application: routes, consistent error bodies and request limits."""

from __future__ import annotations

import re
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Receive, Scope, Send

from safepost import __version__
from safepost.api.routes import router
from safepost.detection.errors import SafePostError
from safepost.media.image import MAX_BYTES as MAX_IMAGE_BYTES
from safepost.records.db import session_factory
from safepost.workflows.errors import WorkflowError

MAX_BODY_BYTES = 1_000_000


def _error(status: int, code: str, message: str, details: dict[str, Any] | None = None) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message, "details": details or {}}}, status_code=status)


# Picture uploads: the image check's own limit plus room for the multipart envelope.
UPLOAD_PATHS = re.compile(r"^/(?:api/v1/media|compose|posts/\d+/edit)$")
MAX_UPLOAD_BYTES = MAX_IMAGE_BYTES * 4 + 100_000  # the web form takes up to four pictures


class BodyLimit:
    """Refuse request bodies over the limit before they are read into memory."""

    def __init__(self, app: ASGIApp, limit: int, upload_limit: int = MAX_UPLOAD_BYTES) -> None:
        self.app = app
        self.default_limit = limit
        self.upload_limit = upload_limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        limit = self.upload_limit if UPLOAD_PATHS.match(path) else self.default_limit
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None and length.isdigit() and int(length) > limit:
            response = _error(413, "too_large", f"request body over {limit:,} bytes")
            await response(scope, receive, send)
            return
        received = 0

        async def limited() -> Any:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise _TooLarge
            return message

        try:
            await self.app(scope, limited, send)
        except _TooLarge:
            response = _error(413, "too_large", f"request body over {limit:,} bytes")
            await response(scope, receive, send)


class _TooLarge(Exception):
    pass


def create_app(sessions: sessionmaker[Session] | None = None) -> FastAPI:
    app = FastAPI(
        title="SafePost API",
        version=__version__,
        description="HIPAA checks, approvals, authorizations and the audit trail for healthcare social media.",
    )
    app.state.sessions = sessions or session_factory()
    app.include_router(router)
    app.add_middleware(BodyLimit, limit=MAX_BODY_BYTES)
    from safepost.web.views import install

    install(app)

    @app.exception_handler(WorkflowError)
    async def workflow_error(_: Request, exc: WorkflowError) -> JSONResponse:
        return _error(exc.status, exc.code, exc.message, exc.details)

    @app.exception_handler(SafePostError)
    async def input_error(_: Request, exc: SafePostError) -> JSONResponse:
        return _error(422, "invalid_input", str(exc))

    @app.exception_handler(RequestValidationError)
    async def validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [
            {"where": ".".join(str(p) for p in err.get("loc", ())), "problem": err.get("msg", "")}
            for err in exc.errors()
        ]
        return _error(
            422,
            "invalid_request",
            "the request does not match the API schema",
            {"problems": problems},
        )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        return _error(exc.status_code, "http_error", str(exc.detail))

    @app.exception_handler(IntegrityError)
    async def integrity_error(_: Request, exc: IntegrityError) -> JSONResponse:
        return _error(
            409,
            "conflict",
            "the change conflicts with existing records (duplicate or concurrent edit)",
        )

    @app.exception_handler(OperationalError)
    async def busy_error(_: Request, exc: OperationalError) -> JSONResponse:
        return _error(503, "busy", "the database is busy; retry the request")

    return app
