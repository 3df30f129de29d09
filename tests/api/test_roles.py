"""Every endpoint in the OpenAPI document refuses a caller without a session (401) and a
signed-in user without the route's role (403). A new endpoint without a role check fails here."""

from __future__ import annotations

import re

from tests.api.conftest import Server, make_org

# The only routes a caller may use without a role.
PUBLIC = {("GET", "/api/v1/health"), ("POST", "/api/v1/auth/login")}


def _operations(server: Server) -> list[tuple[str, str]]:
    with server.client() as c:
        spec = c.get("/openapi.json").json()
    return [(method.upper(), path) for path, ops in spec["paths"].items() for method in ops]


def _call(client, method: str, path: str):
    url = re.sub(r"\{[^}]+\}", "1", path)
    params = {"start": "2020-01-01T00:00:00Z", "end": "2030-01-01T00:00:00Z"} if path.endswith("/export") else None
    return client.request(method, url, json={} if method in {"POST", "PUT", "PATCH"} else None, params=params)


def test_every_endpoint_needs_a_session(server: Server):
    operations = _operations(server)
    assert len(operations) >= 20
    with server.client() as c:
        for method, path in operations:
            if (method, path) in PUBLIC:
                continue
            response = _call(c, method, path)
            assert response.status_code == 401, (method, path, response.status_code, response.text)


def test_every_endpoint_refuses_a_user_without_roles(server: Server):
    org = make_org(server, {"nobody": []})
    with server.client(org.tokens["nobody"]) as c:
        for method, path in _operations(server):
            if (method, path) in PUBLIC:
                continue
            response = _call(c, method, path)
            assert response.status_code == 403, (method, path, response.status_code, response.text)
            assert response.json()["error"]["code"] == "forbidden"


def test_authors_cannot_reach_officer_endpoints(server: Server):
    org = make_org(server, {"author": ["author"]})
    with server.client(org.tokens["author"]) as c:
        for path in ("/api/v1/audit", "/api/v1/audit/verify", "/api/v1/users", "/api/v1/authorizations"):
            assert c.get(path).status_code == 403, path
