"""Workflow invariants through the HTTP API, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, timedelta

from tests.api.conftest import STANDARD_ROLES, Server, make_org

SAFE_TEXT = "Brush twice a day and floss once! Questions? Call (555) 010-2000."
STORY_TEXT = "Patient spotlight: Jordan finished braces this month! Thank you for letting us share your smile journey."


def _create(server: Server, token: str, text: str, channels: list[str] | None = None) -> dict:
    with server.client(token) as c:
        r = c.post("/api/v1/posts", json={"text": text, "channels": channels or ["instagram"]})
    assert r.status_code == 201, r.text
    return r.json()


def _review(server: Server, token: str, post_id: int, role: str, version: int = 1, decision: str = "approve"):
    with server.client(token) as c:
        return c.post(
            f"/api/v1/posts/{post_id}/reviews",
            json={
                "role": role,
                "decision": decision,
                "version": version,
                "note": "fix it" if decision == "reject" else None,
            },
        )


def _approve_both(server: Server, org, post_id: int, version: int = 1) -> None:
    assert _review(server, org.tokens["marketing"], post_id, "marketing", version).status_code == 200
    assert _review(server, org.tokens["privacy"], post_id, "privacy", version).status_code == 200


def test_author_cannot_approve_own_post(server: Server):
    org = make_org(server, {"author": ["author", "marketing_reviewer"], "privacy": ["privacy_reviewer"]})
    post = _create(server, org.tokens["author"], SAFE_TEXT)
    r = _review(server, org.tokens["author"], post["id"], "marketing")
    assert r.status_code == 403
    assert r.json()["error"]["code"] == "forbidden"


def test_edit_voids_approvals_and_publish_needs_both(server: Server):
    org = make_org(server, STANDARD_ROLES)
    post = _create(server, org.tokens["author"], SAFE_TEXT)
    _approve_both(server, org, post["id"])
    with server.client(org.tokens["author"]) as c:
        edited = c.post(
            f"/api/v1/posts/{post['id']}/versions",
            json={"text": SAFE_TEXT + " 🦷", "channels": ["instagram"]},
        )
    assert edited.status_code == 200
    assert edited.json()["review"] == {"version": 2, "marketing": None, "privacy": None}
    with server.client(org.tokens["marketing"]) as c:
        r = c.post(
            f"/api/v1/posts/{post['id']}/publish",
            json={"text": SAFE_TEXT + " 🦷", "channel": "instagram"},
        )
    assert r.status_code == 409 and "approval" in r.json()["error"]["message"]
    # An approval of the old version is refused; the new version needs fresh reviews.
    assert _review(server, org.tokens["marketing"], post["id"], "marketing", version=1).status_code == 409


def test_publish_refuses_changed_text_then_accepts_exact_text(server: Server):
    org = make_org(server, STANDARD_ROLES)
    post = _create(server, org.tokens["author"], SAFE_TEXT)
    _approve_both(server, org, post["id"])
    with server.client(org.tokens["marketing"]) as c:
        changed = c.post(
            f"/api/v1/posts/{post['id']}/publish",
            json={"text": SAFE_TEXT + " ", "channel": "instagram"},
        )
        assert changed.status_code == 409 and "differs" in changed.json()["error"]["message"]
        ok = c.post(f"/api/v1/posts/{post['id']}/publish", json={"text": SAFE_TEXT, "channel": "instagram"})
    assert ok.status_code == 200 and ok.json()["status"] == "published"


def test_authorize_verdict_needs_a_valid_authorization(server: Server):
    org = make_org(server, STANDARD_ROLES)
    post = _create(server, org.tokens["author"], STORY_TEXT)
    assert post["current_version"]["verdict"] == "authorize"
    _approve_both(server, org, post["id"])
    with server.client(org.tokens["marketing"]) as c:
        r = c.post(f"/api/v1/posts/{post['id']}/publish", json={"text": STORY_TEXT, "channel": "instagram"})
    assert r.status_code == 409 and "authorization" in r.json()["error"]["message"]
    with server.client(org.tokens["officer"]) as c:
        incomplete = c.post("/api/v1/authorizations", json={"patient_name": "Jordan Lee", "purpose": "marketing"})
        assert incomplete.status_code == 201
        assert not incomplete.json()["valid"]
        assert any("164.508(c)(1)(i)" in p for p in incomplete.json()["problems"])
        c.post(
            f"/api/v1/posts/{post['id']}/authorization",
            json={"authorization_id": incomplete.json()["id"]},
        )
    with server.client(org.tokens["marketing"]) as c:
        r = c.post(f"/api/v1/posts/{post['id']}/publish", json={"text": STORY_TEXT, "channel": "instagram"})
    assert r.status_code == 409 and r.json()["error"]["details"]["reasons"]


def _valid_authorization(server: Server, token: str) -> int:
    body = {
        "patient_name": "Jordan Lee",
        "description": "photos and first name",
        "disclosers": "the practice",
        "recipients": "the public",
        "purpose": "marketing",
        "expires_on": (date.today() + timedelta(days=90)).isoformat(),
        "signed_by": "Jordan Lee",
        "signed_on": date.today().isoformat(),
        "states_right_to_revoke": True,
        "states_no_conditioning": True,
        "states_redisclosure": True,
        "channels": ["instagram"],
    }
    with server.client(token) as c:
        r = c.post("/api/v1/authorizations", json=body)
    assert r.status_code == 201 and r.json()["valid"], r.text
    return int(r.json()["id"])


def test_revoking_an_authorization_flags_its_published_post(server: Server):
    org = make_org(server, STANDARD_ROLES)
    auth_id = _valid_authorization(server, org.tokens["officer"])
    post = _create(server, org.tokens["author"], STORY_TEXT)
    with server.client(org.tokens["officer"]) as c:
        assert (
            c.post(f"/api/v1/posts/{post['id']}/authorization", json={"authorization_id": auth_id}).status_code == 200
        )
    _approve_both(server, org, post["id"])
    with server.client(org.tokens["marketing"]) as c:
        assert (
            c.post(
                f"/api/v1/posts/{post['id']}/publish",
                json={"text": STORY_TEXT, "channel": "instagram"},
            ).status_code
            == 200
        )
    with server.client(org.tokens["officer"]) as c:
        revoked = c.post(f"/api/v1/authorizations/{auth_id}/revoke", json={"reason": "patient withdrew consent"})
        assert revoked.status_code == 200 and not revoked.json()["valid"]
        again = c.post("/api/v1/authorizations/sweep")
        assert again.json() == {"flagged_post_ids": []}  # safe to repeat
        flagged = c.get(f"/api/v1/posts/{post['id']}").json()
        tasks = c.get("/api/v1/tasks").json()["items"]
        verify = c.get("/api/v1/audit/verify").json()
    assert "revoked" in flagged["flagged_reason"]
    assert [t["post_id"] for t in tasks if t["kind"] == "takedown"] == [post["id"]]
    assert verify["ok"], verify


def test_deactivation_ends_sessions_and_lockout_after_failures(server: Server):
    org = make_org(server, STANDARD_ROLES)
    with server.client(org.tokens["admin"]) as c:
        assert c.post(f"/api/v1/users/{org.user_ids['author']}/deactivate").status_code == 200
    with server.client(org.tokens["author"]) as c:
        assert c.get("/api/v1/me").status_code == 401
    with server.client() as c:
        me = c.get("/api/v1/me", headers={"Authorization": f"Bearer {org.tokens['nobody']}"})
        assert me.status_code == 403
        email = f"officer-{_suffix(server, org)}@example.com"
        for _ in range(5):
            assert (
                c.post("/api/v1/auth/login", json={"email": email, "password": "wrong password!!"}).status_code == 401
            )
        locked = c.post("/api/v1/auth/login", json={"email": email, "password": "correct horse battery staple"})
    assert locked.status_code == 401


def _suffix(server: Server, org) -> str:
    from safepost.records.models import User

    with server.sessions() as session:
        return session.get(User, org.user_ids["officer"]).email.split("-", 1)[1].split("@")[0]


def test_organizations_do_not_see_each_others_records(server: Server):
    a = make_org(server, STANDARD_ROLES)
    b = make_org(server, STANDARD_ROLES)
    post = _create(server, a.tokens["author"], SAFE_TEXT)
    with server.client(b.tokens["officer"]) as c:
        assert c.get(f"/api/v1/posts/{post['id']}").status_code == 404
        assert post["id"] not in [p["id"] for p in c.get("/api/v1/posts").json()["items"]]
        assert all(
            e["entity_id"] != post["id"] or e["entity"] != "post" for e in c.get("/api/v1/audit").json()["items"]
        )


def test_stale_approvals_no_longer_count(server: Server):
    from sqlalchemy import text

    org = make_org(server, STANDARD_ROLES)
    post = _create(server, org.tokens["author"], SAFE_TEXT)
    _approve_both(server, org, post["id"])
    with server.sessions() as s:
        s.execute(
            text(
                "UPDATE approvals SET at = :old WHERE version_id IN (SELECT id FROM post_versions WHERE post_id = :p)"
            ),
            {"old": "2020-01-01 00:00:00", "p": post["id"]},
        )
        s.commit()
    with server.client(org.tokens["marketing"]) as c:
        r = c.post(f"/api/v1/posts/{post['id']}/publish", json={"text": SAFE_TEXT, "channel": "instagram"})
    assert r.status_code == 409 and "days old" in r.json()["error"]["message"]


def test_schedule_and_takedown_with_reason(server: Server):
    org = make_org(server, STANDARD_ROLES)
    with server.client(org.tokens["author"]) as c:
        post = c.post(
            "/api/v1/posts", json={"text": SAFE_TEXT, "channels": ["instagram"], "scheduled_at": "2030-05-01T09:00:00Z"}
        ).json()
    assert post["scheduled_at"].startswith("2030-05-01")
    _approve_both(server, org, post["id"])
    with server.client(org.tokens["marketing"]) as c:
        assert (
            c.post(f"/api/v1/posts/{post['id']}/publish", json={"text": SAFE_TEXT, "channel": "instagram"}).status_code
            == 200
        )
    with server.client(org.tokens["officer"]) as c:
        assert c.post(f"/api/v1/posts/{post['id']}/takedown", json={"reason": ""}).status_code == 422
        down = c.post(f"/api/v1/posts/{post['id']}/takedown", json={"reason": "clinic hours changed"})
    assert down.status_code == 200 and down.json()["status"] == "taken_down"
    assert down.json()["takedown_reason"] == "clinic hours changed"
