"""Two reviewers approving and two publishers publishing the same post at the same moment on
PostgreSQL: exactly one publish succeeds and the audit chain stays valid."""

from __future__ import annotations

import threading

import pytest

from tests.api.conftest import STANDARD_ROLES, Server, make_org

TEXT = "Flu shots every Saturday in October. Questions? (555) 010-2000."


def _together(*calls):
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(i, call):
        barrier.wait()
        results[i] = call()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return results


def test_simultaneous_approvals_and_publishes(server: Server):
    if not server.db_url.startswith("postgresql"):
        pytest.skip("the concurrency guarantee is tested on PostgreSQL; SQLite serialises writers")
    org = make_org(server, {**STANDARD_ROLES, "marketing2": ["marketing_reviewer"]})
    with server.client(org.tokens["author"]) as c:
        post = c.post("/api/v1/posts", json={"text": TEXT, "channels": ["instagram"]}).json()
    pid = post["id"]

    def review(token, role):
        with server.client(token) as c:
            return c.post(f"/api/v1/posts/{pid}/reviews", json={"role": role, "decision": "approve", "version": 1})

    approvals = _together(
        lambda: review(org.tokens["marketing"], "marketing"), lambda: review(org.tokens["privacy"], "privacy")
    )
    assert [r.status_code for r in approvals] == [200, 200]

    def publish(token):
        with server.client(token) as c:
            return c.post(f"/api/v1/posts/{pid}/publish", json={"text": TEXT, "channel": "instagram"})

    results = _together(lambda: publish(org.tokens["marketing"]), lambda: publish(org.tokens["marketing2"]))
    assert sorted(r.status_code for r in results) == [200, 409]
    with server.client(org.tokens["officer"]) as c:
        audit_rows = c.get("/api/v1/audit", params={"limit": 200}).json()["items"]
        assert c.get("/api/v1/audit/verify").json()["ok"]
    assert sum(1 for e in audit_rows if e["action"] == "post.publish" and e["entity_id"] == pid) == 1
