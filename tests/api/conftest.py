"""A real SafePost API server (uvicorn on a free port) over a freshly migrated database, once
per database kind: SQLite (a temporary file) and PostgreSQL (127.0.0.1:5432, database test)."""

from __future__ import annotations

import os
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pyotp
import pytest
import uvicorn
from sqlalchemy.orm import Session, sessionmaker

from safepost.api.app import create_app
from safepost.records import audit
from safepost.records.db import make_engine
from safepost.records.migrate import downgrade, upgrade
from safepost.records.models import Organization
from safepost.workflows import auth

PG_URL = os.environ.get("SAFEPOST_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")
PASSWORD = "correct horse battery staple"


def _pg_available() -> bool:
    try:
        with make_engine(PG_URL).connect():
            return True
    except Exception:
        return False


@dataclass
class Server:
    url: str
    db_url: str
    sessions: sessionmaker[Session]

    def client(self, token: str | None = None) -> httpx.Client:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=60)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    if request.param == "postgresql":
        if not _pg_available():
            pytest.fail("PostgreSQL is not reachable at 127.0.0.1:5432 (.ci/run starts it)")
        db_url = PG_URL
        downgrade(db_url)
    else:
        db_url = f"sqlite:///{Path(tmp_path_factory.mktemp('db')) / 'safepost.db'}"
    upgrade(db_url)
    sessions = sessionmaker(bind=make_engine(db_url), expire_on_commit=False)
    config = uvicorn.Config(create_app(sessions), host="127.0.0.1", port=0, log_level="warning")
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not uv.started:
        if time.monotonic() > deadline:
            raise RuntimeError("API server did not start")
        time.sleep(0.05)
    port = uv.servers[0].sockets[0].getsockname()[1]
    yield Server(f"http://127.0.0.1:{port}", db_url, sessions)
    uv.should_exit = True
    thread.join(timeout=10)
    if request.param == "postgresql":
        downgrade(db_url)


@dataclass
class Org:
    id: int
    tokens: dict[str, str]
    user_ids: dict[str, int]


def make_org(server: Server, roles: dict[str, list[str]]) -> Org:
    """An organization with one user per entry of ``roles``, each signed in through the API."""
    suffix = uuid.uuid4().hex[:8]
    secrets: dict[str, str | None] = {}
    ids: dict[str, int] = {}
    with server.sessions() as session:
        org = Organization(
            name=f"Org {suffix}",
            profile={"name": f"Org {suffix}", "phones": ["(555) 010-2000"]},
            created_at=audit.utcnow(),
        )
        session.add(org)
        session.flush()
        for key, user_roles in roles.items():
            user, secret = auth.create_user(
                session,
                org_id=org.id,
                email=f"{key}-{suffix}@example.com",
                name=key,
                password=PASSWORD,
                roles=user_roles,
                actor_id=None,
            )
            secrets[key], ids[key] = secret, user.id
        session.commit()
        org_id = org.id
    tokens = {}
    with server.client() as client:
        for key in roles:
            body = {"email": f"{key}-{suffix}@example.com", "password": PASSWORD}
            if secrets[key]:
                body["totp"] = pyotp.TOTP(secrets[key]).now()
            response = client.post("/api/v1/auth/login", json=body)
            assert response.status_code == 200, response.text
            tokens[key] = response.json()["token"]
    return Org(org_id, tokens, ids)


STANDARD_ROLES = {
    "author": ["author"],
    "marketing": ["marketing_reviewer"],
    "privacy": ["privacy_reviewer"],
    "officer": ["privacy_officer"],
    "admin": ["admin"],
    "nobody": [],
}
