"""Editing, deleting or reordering any audit row directly in the database is detected by
``safepost audit verify``, which names the row."""

from __future__ import annotations

import os
import subprocess
import sys

from sqlalchemy import text

from tests.api.conftest import STANDARD_ROLES, Server, make_org


def _verify(server: Server) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SAFEPOST_DATABASE_URL": server.db_url}
    return subprocess.run(
        [sys.executable, "-m", "safepost.cli", "audit", "verify"], capture_output=True, text=True, timeout=120, env=env
    )


def _seqs(server: Server) -> list[int]:
    with server.sessions() as s:
        return list(s.execute(text("SELECT seq FROM audit_log ORDER BY seq")).scalars())


def _sql(server: Server, *statements: str) -> None:
    with server.sessions() as s:
        for statement in statements:
            s.execute(text(statement))
        s.commit()


def _drop_retention(server: Server) -> str:
    return "DROP TRIGGER IF EXISTS audit_retention" + (
        " ON audit_log" if server.db_url.startswith("postgresql") else ""
    )


def test_tampering_is_detected_and_named(server: Server):
    make_org(server, STANDARD_ROLES)  # creates users and logins: a few entries
    assert _verify(server).returncode == 0
    seqs = _seqs(server)
    target = seqs[len(seqs) // 2]

    # Deleting is refused by the retention trigger (six years, 45 CFR 164.530(j)).
    with server.sessions() as s:
        try:
            s.execute(text(f"DELETE FROM audit_log WHERE seq = {target}"))
            s.commit()
            refused = False
        except Exception:
            s.rollback()
            refused = True
    assert refused

    # Edit one row's content.
    _sql(server, f"UPDATE audit_log SET action = 'user.nothing_to_see' WHERE seq = {target}")
    proc = _verify(server)
    assert proc.returncode == 1 and f"entry {target}" in proc.stdout and "altered" in proc.stdout


def test_removed_and_reordered_rows_are_detected(server: Server):
    make_org(server, STANDARD_ROLES)
    seqs = _seqs(server)
    last, before_last = seqs[-1], seqs[-2]
    # Reorder: swap the two last rows' positions in the chain.
    _sql(
        server,
        f"UPDATE audit_log SET seq = -1 WHERE seq = {last}",
        f"UPDATE audit_log SET seq = {last} WHERE seq = {before_last}",
        f"UPDATE audit_log SET seq = {before_last} WHERE seq = -1",
    )
    proc = _verify(server)
    assert proc.returncode == 1
    assert "broken at entry" in proc.stdout
    # Remove (after dropping the retention trigger, as an attacker with DBA rights would).
    _sql(server, _drop_retention(server), f"DELETE FROM audit_log WHERE seq = {seqs[1]}")
    proc = _verify(server)
    assert proc.returncode == 1 and f"entry {seqs[1]}" in proc.stdout and "missing" in proc.stdout
