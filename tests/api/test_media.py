"""Pictures on posts through the HTTP API, on SQLite and PostgreSQL: upload checks the picture
and keeps only clean copies; a version can carry only those; approval and publishing are of
those exact bytes; a kept face needs a valid authorization."""

from __future__ import annotations

import hashlib
import io

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from tests.api.conftest import STANDARD_ROLES, Server, make_org
from tests.api.test_workflow import SAFE_TEXT, _approve_both, _valid_authorization


def _whiteboard_jpeg() -> bytes:
    image = Image.new("RGB", (900, 260), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=38)
    draw.text((30, 40), "PATIENT: Maria Gonzalez", fill="black", font=font)
    draw.text((30, 150), "Welcome to our new lobby", fill="black", font=font)
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (40.0, 26.0, 46.0), 3: "W", 4: (79.0, 58.0, 56.0)}
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, quality=90)
    return out.getvalue()


def _face_png() -> bytes:
    data = pytest.importorskip("skimage.data")
    out = io.BytesIO()
    Image.fromarray(data.astronaut()).save(out, "PNG")
    return out.getvalue()


def _upload(server: Server, token: str, data: bytes, name: str = "board.jpg") -> dict:
    with server.client(token) as c:
        r = c.post("/api/v1/media", files={"file": (name, data, "image/jpeg")})
    assert r.status_code == 201, r.text
    return r.json()


def test_upload_keeps_clean_copy_and_boxes_but_not_the_text(server: Server):
    org = make_org(server, STANDARD_ROLES)
    original = _whiteboard_jpeg()
    media = _upload(server, org.tokens["author"], original)
    assert media["verdict"] == "revise"
    assert "GPS" in media["metadata_removed"]
    texts = [f for f in media["findings"] if f["kind"] == "text"]
    assert len(texts) == 1 and "NAME" in texts[0]["label"]
    left, top, right, bottom = texts[0]["box"]
    assert top < 60 < bottom < 150 and left < 60  # the patient line, not the lobby line
    with server.client(org.tokens["privacy"]) as c:
        image = c.get(media["clean_url"])
        listed = c.get(f"/api/v1/media/{media['id']}")
    assert image.status_code == 200 and image.headers["content-type"] == "image/jpeg"
    assert hashlib.sha256(image.content).hexdigest() == media["clean_sha256"] != hashlib.sha256(original).hexdigest()
    pixels = np.asarray(Image.open(io.BytesIO(image.content)).convert("L"))
    assert pixels[top + 3 : bottom - 3, left + 3 : right - 3].max() < 40  # covered with a solid fill
    assert "Maria" not in str(listed.json())  # what the picture said is never stored or returned
    # Another organization cannot see it.
    other = make_org(server, {"author": ["author"]})
    with server.client(other.tokens["author"]) as c:
        assert c.get(f"/api/v1/media/{media['id']}").status_code == 404
        assert c.get(media["clean_url"]).status_code == 404


def test_only_checked_clean_copies_can_be_attached_and_published(server: Server):
    org = make_org(server, STANDARD_ROLES)
    original = _whiteboard_jpeg()
    media = _upload(server, org.tokens["author"], original)
    with server.client(org.tokens["author"]) as c:
        raw = c.post(
            "/api/v1/posts",
            json={"text": SAFE_TEXT, "channels": ["instagram"], "media_hashes": [hashlib.sha256(original).hexdigest()]},
        )
        assert raw.status_code == 422 and "clean copies" in raw.json()["error"]["message"]
        post = c.post(
            "/api/v1/posts",
            json={"text": SAFE_TEXT, "channels": ["instagram"], "media_hashes": [media["clean_sha256"]]},
        )
    assert post.status_code == 201, post.text
    body = post.json()
    assert body["current_version"]["verdict"] == "pass"  # the PHI in the picture is covered in the clean copy
    shown = body["current_version"]["media"]
    assert [m["sha256"] for m in shown] == [media["clean_sha256"]] and shown[0]["findings"][0]["box"]
    _approve_both(server, org, body["id"])
    with server.client(org.tokens["marketing"]) as c:
        missing = c.post(f"/api/v1/posts/{body['id']}/publish", json={"text": SAFE_TEXT, "channel": "instagram"})
        assert missing.status_code == 409 and "pictures" in missing.json()["error"]["message"]
        published = c.post(
            f"/api/v1/posts/{body['id']}/publish",
            json={"text": SAFE_TEXT, "channel": "instagram", "media_hashes": [media["clean_sha256"]]},
        )
    assert published.status_code == 200 and published.json()["status"] == "published"


def test_a_kept_face_needs_a_valid_authorization(server: Server):
    org = make_org(server, STANDARD_ROLES)
    media = _upload(server, org.tokens["author"], _face_png(), "smile.png")
    assert media["verdict"] == "authorize" and media["faces_kept_sha256"]
    assert any(f["kind"] == "face" for f in media["findings"])
    with server.client(org.tokens["author"]) as c:
        pixelated = c.post(
            "/api/v1/posts",
            json={"text": SAFE_TEXT, "channels": ["instagram"], "media_hashes": [media["clean_sha256"]]},
        ).json()
        kept = c.post(
            "/api/v1/posts",
            json={"text": SAFE_TEXT, "channels": ["instagram"], "media_hashes": [media["faces_kept_sha256"]]},
        ).json()
    assert pixelated["current_version"]["verdict"] == "pass"
    assert kept["current_version"]["verdict"] == "authorize"
    assert kept["current_version"]["media"][0]["faces"] == "kept"
    _approve_both(server, org, kept["id"])
    publish = {"text": SAFE_TEXT, "channel": "instagram", "media_hashes": [media["faces_kept_sha256"]]}
    with server.client(org.tokens["marketing"]) as c:
        refused = c.post(f"/api/v1/posts/{kept['id']}/publish", json=publish)
    assert refused.status_code == 409 and "authorization" in refused.json()["error"]["message"]
    auth_id = _valid_authorization(server, org.tokens["officer"])
    with server.client(org.tokens["officer"]) as c:
        linked = c.post(f"/api/v1/posts/{kept['id']}/authorization", json={"authorization_id": auth_id})
        assert linked.status_code == 200
    with server.client(org.tokens["marketing"]) as c:
        assert c.post(f"/api/v1/posts/{kept['id']}/publish", json=publish).status_code == 200


@pytest.mark.parametrize(
    ("data", "message"),
    [(b"", "empty"), (b"GIF89a but not really", "not an image"), (b"\xff\xd8\xff\xe0" + b"\x00" * 40, "image")],
)
def test_bad_uploads_get_clear_errors_and_store_nothing(server: Server, data: bytes, message: str):
    org = make_org(server, {"author": ["author"], "officer": ["privacy_officer"]})
    with server.client(org.tokens["author"]) as c:
        r = c.post("/api/v1/media", files={"file": ("x.jpg", data, "image/jpeg")})
        assert r.status_code == 422 and message in r.json()["error"]["message"], r.text
        assert c.get("/api/v1/health").status_code == 200  # the server is still up
    with server.client(org.tokens["officer"]) as c:
        actions = [e["action"] for e in c.get("/api/v1/audit").json()["items"]]
    assert "media.upload" not in actions


def test_uploads_need_an_authoring_role(server: Server):
    org = make_org(server, {"nobody": [], "privacy": ["privacy_reviewer"]})
    for key in ("nobody", "privacy"):
        with server.client(org.tokens[key]) as c:
            r = c.post("/api/v1/media", files={"file": ("b.jpg", _whiteboard_jpeg(), "image/jpeg")})
        assert r.status_code == 403


def test_prune_removes_only_old_unattached_uploads(server: Server):
    from datetime import timedelta

    from sqlalchemy import update

    from safepost.records import audit
    from safepost.records.models import Media
    from safepost.workflows.media import prune

    org = make_org(server, STANDARD_ROLES)
    attached = _upload(server, org.tokens["author"], _whiteboard_jpeg(), "used.jpg")
    unused = _upload(server, org.tokens["author"], _face_png(), "unused.png")
    fresh = _upload(server, org.tokens["author"], _face_png(), "fresh.png")
    with server.client(org.tokens["author"]) as c:
        body = {"text": SAFE_TEXT, "channels": ["instagram"], "media_hashes": [attached["clean_sha256"]]}
        assert c.post("/api/v1/posts", json=body).status_code == 201
    with server.sessions() as session:
        session.execute(
            update(Media)
            .where(Media.id.in_([attached["id"], unused["id"]]))
            .values(created_at=audit.utcnow() - timedelta(days=40))
        )
        removed = prune(session, timedelta(days=30))
        session.commit()
    assert unused["id"] in removed and attached["id"] not in removed and fresh["id"] not in removed
    with server.client(org.tokens["officer"]) as c:
        assert c.get(f"/api/v1/media/{unused['id']}").status_code == 404
        assert c.get(f"/api/v1/media/{attached['id']}").status_code == 200
        assert c.get(f"/api/v1/media/{fresh['id']}").status_code == 200
        actions = [e["action"] for e in c.get("/api/v1/audit").json()["items"]]
    assert "media.prune" in actions
