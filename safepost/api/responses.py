"""Responses the REST API and the web pages both send."""

from __future__ import annotations

from fastapi.responses import Response
from sqlalchemy.orm import Session

from safepost.records.models import User
from safepost.workflows import media as pictures


def clean_copy_response(session: Session, media_id: int, user: User, faces: pictures.Faces) -> Response:
    """The bytes of a clean copy, exactly as approved and published; never cached."""
    data, mime = pictures.clean_copy(pictures.get(session, media_id, user), faces)
    return Response(
        data,
        media_type=mime,
        headers={"Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff"},
    )
