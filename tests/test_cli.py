"""The CLI as a user runs it: a real subprocess, real files, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "safepost.cli", *args], input=stdin, capture_output=True, timeout=120)


def test_check_reply_exit_one_and_json():
    proc = run(
        "check",
        str(EXAMPLES / "reply.txt"),
        "--kind",
        "reply",
        "--context",
        str(EXAMPLES / "review.txt"),
        "--org",
        str(EXAMPLES / "org.yaml"),
        "--json",
    )
    assert proc.returncode == 1, proc.stderr
    result = json.loads(proc.stdout)
    assert result["verdict"] == "revise"
    assert any(f["label"] == "PHONE" and f["subject"] == "organization" for f in result["findings"])


def test_check_pass_exit_zero_from_stdin():
    proc = run("check", "-", stdin=b"Brush twice a day and floss!")
    assert proc.returncode == 0
    assert b"PASS" in proc.stdout


def test_bad_inputs_exit_two_without_traceback(tmp_path):
    bad_org = tmp_path / "org.yaml"
    bad_org.write_text("name: [unclosed\n")
    cases = [
        run("check", "-", stdin=b"\xff\xfe not utf-8"),
        run("check", "-", "--org", str(bad_org), stdin=b"hi"),
        run("check", "-", "--kind", "tweet", stdin=b"hi"),
        run("check", str(tmp_path / "missing.txt")),
    ]
    for proc in cases:
        assert proc.returncode == 2
        assert b"Traceback" not in proc.stderr
        assert b"error:" in proc.stderr


def test_batch_writes_one_line_per_record(tmp_path):
    records = tmp_path / "in.jsonl"
    records.write_text(
        json.dumps({"id": "a", "kind": "reply", "text": "Thanks for visiting us, Ana!"})
        + "\n"
        + json.dumps({"id": "b", "kind": "post", "text": "Flu shots every Saturday in October."})
        + "\n"
    )
    out = tmp_path / "out.jsonl"
    proc = run("check", "--batch", str(records), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert [line["id"] for line in lines] == ["a", "b"]
    assert lines[0]["verdict"] == "revise" and lines[0]["spans"]
    assert set(lines[0]["spans"][0]) == {"start", "end", "label", "subject"}
    assert lines[1] == {"id": "b", "verdict": "pass", "spans": []}


def test_batch_reports_the_bad_line(tmp_path):
    records = tmp_path / "in.jsonl"
    records.write_text('{"id": "a", "text": "ok"}\n{not json\n')
    proc = run("check", "--batch", str(records))
    assert proc.returncode == 2
    assert b":2:" in proc.stderr
