"""Both spaCy pipelines work; an unknown one is refused clearly."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import safepost
r = safepost.check("Thanks for visiting us, Ana! Dr. Ruiz says hi.", kind="reply")
print(r.verdict.value, r.detector_version)
"""


def run(pipeline: str) -> subprocess.CompletedProcess[str]:
    env = {"SAFEPOST_PIPELINE": pipeline, "PATH": ""}
    return subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120, env=env)


def test_fast_and_accurate_pipelines_agree_on_a_clear_case():
    for pipeline in ("fast", "accurate"):
        proc = run(pipeline)
        assert proc.returncode == 0, proc.stderr
        verdict, version = proc.stdout.split()
        assert verdict == "revise"
        assert version.endswith(f"+{pipeline}")


def test_unknown_pipeline_is_refused():
    proc = run("turbo")
    assert proc.returncode != 0
    assert "SAFEPOST_PIPELINE" in proc.stderr
