"""Pictures on the web pages: the clean copies, and the boxes of what was covered drawn over them."""

from __future__ import annotations

from typing import Any

from fastapi import UploadFile
from sqlalchemy.orm import Session

from safepost.media.image import MAX_BYTES
from safepost.records.models import User
from safepost.workflows import media as pictures
from safepost.workflows.errors import Invalid

MAX_PICTURES = 4  # per submit of the compose form; the API takes pictures one at a time


def upload_all(session: Session, user: User, files: list[UploadFile], keep_faces: bool) -> list[str]:
    """Check each chosen picture and return the SHA-256 of the copy to attach."""
    chosen = [f for f in files if f.filename]  # a form with no file chosen still sends an empty part
    if len(chosen) > MAX_PICTURES:
        raise Invalid(f"attach at most {MAX_PICTURES} pictures at a time")
    hashes = []
    for file in chosen:
        try:
            media = pictures.upload(session, user, file.file.read(MAX_BYTES + 1), file.filename or "")
        except Invalid as exc:
            raise Invalid(f"{file.filename}: {exc.message}") from None
        hashes.append(media.faces_kept_sha256 if keep_faces and media.faces_kept_sha256 else media.clean_sha256)
    return hashes


def overlays(session: Session, org_id: int, hashes: list[str]) -> list[dict[str, Any]]:
    """What the post page draws: each attached clean copy with the boxes of what was covered."""
    shown = []
    for attached in pictures.resolve(session, org_id, hashes):
        media = attached.media
        boxes = [
            {
                "kind": f["kind"],
                "label": f["label"],
                "reason": f["reason"]
                if f["kind"] == "text" or attached.faces != pictures.FACES_KEPT
                else "a face identifies the person: kept, so the post needs their authorization",
                "x": f["box"][0],
                "y": f["box"][1],
                "width": f["box"][2] - f["box"][0],
                "height": f["box"][3] - f["box"][1],
            }
            for f in media.findings
            if f.get("box")
        ]
        shown.append(
            {
                "id": media.id,
                "url": f"/media/{media.id}/image?faces={attached.faces}",
                "faces": attached.faces,
                "width": media.width,
                "height": media.height,
                "filename": media.filename,
                "sha256": attached.sha256,
                "metadata_removed": media.metadata_found,
                "boxes": boxes,
            }
        )
    return shown
