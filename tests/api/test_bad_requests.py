"""Malformed JSON, oversized bodies, unknown fields and wrong types get a 4xx with a clear
error body, never a 500."""

from __future__ import annotations

from tests.api.conftest import Server, make_org


def test_bad_requests_get_clear_4xx(server: Server):
    org = make_org(server, {"author": ["author"]})
    with server.client(org.tokens["author"]) as c:
        cases = {
            "malformed json": c.post(
                "/api/v1/posts", content=b"{not json", headers={"Content-Type": "application/json"}
            ),
            "unknown field": c.post("/api/v1/posts", json={"text": "hello", "surprise": 1}),
            "wrong type": c.post("/api/v1/posts", json={"text": 42}),
            "missing field": c.post("/api/v1/posts", json={}),
            "bad path param": c.get("/api/v1/posts/not-a-number"),
            "oversized body": c.post(
                "/api/v1/check", content=b"x" * 1_100_000, headers={"Content-Type": "application/json"}
            ),
            "bad page size": c.get("/api/v1/posts", params={"limit": 100000}),
            "unknown post": c.get("/api/v1/posts/999999"),
        }
    for name, response in cases.items():
        assert 400 <= response.status_code < 500, (name, response.status_code, response.text)
        body = response.json()
        assert set(body["error"]) == {"code", "message", "details"}, name
        assert body["error"]["message"], name
    assert cases["oversized body"].status_code == 413
    assert cases["unknown field"].status_code == 422
    assert "surprise" in str(cases["unknown field"].json()["error"]["details"])


def test_check_endpoint_and_pagination(server: Server):
    org = make_org(server, {"author": ["author"]})
    with server.client(org.tokens["author"]) as c:
        checked = c.post("/api/v1/check", json={"text": "Thanks for visiting us, Ana!", "kind": "reply"})
        assert checked.status_code == 200 and checked.json()["verdict"] == "revise"
        for i in range(3):
            assert c.post("/api/v1/posts", json={"text": f"Flu shots every Saturday, clinic {i}."}).status_code == 201
        page = c.get("/api/v1/posts", params={"limit": 2, "offset": 0}).json()
        rest = c.get("/api/v1/posts", params={"limit": 2, "offset": 2}).json()
    assert page["total"] == 3 and len(page["items"]) == 2 and len(rest["items"]) == 1
    assert {p["id"] for p in page["items"]}.isdisjoint({p["id"] for p in rest["items"]})
