"""The web pages. Every page needs a signed-in user with the right role; every POST needs the
session's CSRF token. Pages call the same workflows as the REST API."""

from __future__ import annotations

from importlib import resources

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from safepost.web.views import audit, auth, authorizations, compose, home, org, posts
from safepost.web.views.common import LoginRequired, page
from safepost.workflows.errors import Unauthenticated, WorkflowError

ROUTERS = (auth.router, home.router, compose.router, posts.router, authorizations.router, audit.router, org.router)


def install(app: FastAPI) -> None:
    """Add the web pages, static assets and their error pages to the FastAPI app."""
    from fastapi.staticfiles import StaticFiles

    from safepost.web.security import SecurityHeaders

    for router in ROUTERS:
        app.include_router(router)
    app.mount("/static", StaticFiles(directory=str(resources.files("safepost.web").joinpath("static"))), name="static")
    app.add_middleware(SecurityHeaders)

    @app.exception_handler(LoginRequired)
    async def to_login(request: Request, exc: LoginRequired) -> Response:
        if request.headers.get("hx-request"):
            return Response(status_code=401, headers={"HX-Redirect": "/login"})
        return RedirectResponse("/login", status_code=303)

    @app.exception_handler(WorkflowError)
    async def workflow_error(request: Request, exc: WorkflowError) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse(
                {"error": {"code": exc.code, "message": exc.message, "details": exc.details}}, status_code=exc.status
            )
        if isinstance(exc, Unauthenticated):
            return RedirectResponse("/login", status_code=303)
        return page(request, "error.html", status=exc.status, message=exc.message, details=exc.details)
