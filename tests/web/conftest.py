"""A real SafePost server (API and web pages) on SQLite with the demo organization, and
Debian's chromium driven by Playwright (no browser download: executable_path)."""

from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import uvicorn
from sqlalchemy.orm import Session, sessionmaker

from safepost.records.db import make_engine
from safepost.records.migrate import upgrade
from safepost.workflows.demo import seed

ROOT = Path(__file__).resolve().parent.parent.parent
SHOTS = ROOT / "build" / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@dataclass
class Site:
    url: str
    secrets: dict[str, str | None]
    sessions: sessionmaker[Session]


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    data = tmp_path_factory.mktemp("web")
    os.environ["SAFEPOST_DATA_DIR"] = str(data)  # the web secret key lives here
    db_url = f"sqlite:///{data / 'safepost.db'}"
    upgrade(db_url)
    sessions = sessionmaker(bind=make_engine(db_url), expire_on_commit=False)
    with sessions() as session:
        secrets = seed(session)
        session.commit()
    from safepost.api.app import create_app

    server = uvicorn.Server(uvicorn.Config(create_app(sessions), host="127.0.0.1", port=0, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    yield Site(f"http://127.0.0.1:{port}", secrets, sessions)
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed (.ci/run installs it)")
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()
