"""No page shows another organization's data: a second organization's officer, signed in
through the web form, sees none of the demo organization's posts, authorizations or audit."""

from __future__ import annotations

import re

import httpx
import pyotp

from safepost.records import audit
from safepost.records.models import Organization
from safepost.workflows import auth
from tests.web.conftest import Site

PASSWORD = "other organization password"


def _web_login(site: Site, email: str, secret: str | None) -> httpx.Client:
    client = httpx.Client(base_url=site.url, follow_redirects=True, timeout=60)
    r = client.post("/login", data={"email": email, "password": PASSWORD})
    if secret:
        r = client.post("/enroll", data={"code": pyotp.TOTP(secret).now()})
    assert "My work" in r.text, (r.status_code, [(h.status_code, h.headers.get("location")) for h in r.history], r.url)
    return client


def _org_with_user(site: Site, org_name: str, email: str, roles: list[str]) -> str | None:
    """A new organization with one user; returns the user's TOTP secret (None without MFA)."""
    with site.sessions() as session:
        org = Organization(name=org_name, profile={"name": org_name}, created_at=audit.utcnow())
        session.add(org)
        session.flush()
        _user, secret = auth.create_user(
            session, org_id=org.id, email=email, name=org_name, password=PASSWORD, roles=roles, actor_id=None
        )
        session.commit()
    return secret


def test_second_organization_sees_nothing_of_the_first(site: Site):
    secret = _org_with_user(site, "Other Clinic", "officer@other.example", ["privacy_officer"])
    client = _web_login(site, "officer@other.example", secret)
    home = client.get("/").text
    assert "Thanksgiving" not in home and "Patient spotlight" not in home
    assert "Jordan Lee" not in client.get("/authorizations").text
    audit_page = client.get("/audit").text
    assert "post.publish" not in audit_page and "authorization.create" not in audit_page
    first_post = client.get("/posts/1")
    assert first_post.status_code == 404
    assert "Brush twice" not in first_post.text
    org_page = client.get("/org").text
    assert "Maple Grove" not in org_page


def test_forms_without_the_session_token_are_refused(site: Site):
    _org_with_user(site, "Third Clinic", "author@third.example", ["author"])
    client = _web_login(site, "author@third.example", None)
    forged = client.post("/compose", data={"text": "hello", "kind": "post", "csrf": "forged"})
    assert forged.status_code == 403
    page = client.get("/compose").text
    token = re.search(r'name="csrf" value="([0-9a-f]+)"', page)
    assert token
    cookie = client.cookies.get("sp_session")
    assert cookie
    response = client.get("/compose")
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-frame-options"] == "DENY"


def test_expired_session_returns_to_sign_in_and_profile_saves(site: Site):
    from sqlalchemy import text

    secret = _org_with_user(site, "Fourth Clinic", "admin@fourth.example", ["admin"])
    client = _web_login(site, "admin@fourth.example", secret)
    page = client.get("/org").text
    token = re.search(r'name="csrf" value="([0-9a-f]+)"', page).group(1)
    saved = client.post(
        "/org",
        data={
            "csrf": token,
            "name": "Fourth Clinic",
            "phones": "(555) 010-4444",
            "staff": "Dr. Ada Quill",
            "aliases": "",
            "addresses": "",
            "websites": "",
        },
    )
    assert "Saved." in saved.text
    checked = client.post(
        "/compose/check",
        data={"text": "Call Dr. Ada Quill at (555) 010-4444", "kind": "post"},
        headers={"X-CSRF-Token": token},
    )
    highlighted = re.search(r'id="highlighted">(.*?)</p>', checked.text, re.S).group(1)
    assert 'class="phi"' not in highlighted
    assert 'class="org"' in highlighted and 'class="staff"' in highlighted
    with site.sessions() as session:
        session.execute(text("UPDATE sessions SET expires_at = '2020-01-01 00:00:00'"))
        session.commit()
    expired = client.get("/")
    assert expired.url.path == "/login"
