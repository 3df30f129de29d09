"""Schemathesis fuzzes every operation of the OpenAPI document, signed in as a user holding
every role (so requests get past the role checks): no input may produce a 500."""

from __future__ import annotations

from pathlib import Path

import pyotp
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from sqlalchemy.orm import sessionmaker

from safepost.api.app import create_app
from safepost.records import audit
from safepost.records.db import make_engine
from safepost.records.migrate import upgrade
from safepost.records.models import ROLES, Organization
from safepost.workflows import auth

TOKEN: dict[str, str] = {}


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory):
    db_url = f"sqlite:///{Path(tmp_path_factory.mktemp('fuzz')) / 'fuzz.db'}"
    upgrade(db_url)
    sessions = sessionmaker(bind=make_engine(db_url), expire_on_commit=False)
    with sessions() as session:
        org = Organization(name="Fuzz Clinic", profile={"name": "Fuzz Clinic"}, created_at=audit.utcnow())
        session.add(org)
        session.flush()
        password = "fuzzing password 123"
        _user, secret = auth.create_user(
            session,
            org_id=org.id,
            email="fuzz@example.com",
            name="Fuzz",
            password=password,
            roles=list(ROLES),
            actor_id=None,
        )
        session.commit()
        TOKEN["value"] = auth.login(session, "fuzz@example.com", password, pyotp.TOTP(secret or "").now())
        session.commit()
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(sessions))


def test_no_server_errors(api_schema):
    # schemathesis' pytest plugin does not run under pytest 9; drive Hypothesis per operation.
    headers = {"Authorization": f"Bearer {TOKEN['value']}"}
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 20
    for operation in operations:

        @settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        @given(case=operation.as_strategy())
        def fuzz(case):
            case.call_and_validate(headers=headers, checks=[not_a_server_error])

        fuzz()
