"""Nothing downloads at import or run time: the check runs with every socket refused."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import socket
def refuse(*args, **kwargs):
    raise OSError("network disabled by test")
socket.socket.connect = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
import safepost
result = safepost.check("Thanks for visiting us, Ana! See you Tuesday.", kind="reply")
assert result.verdict == "revise", result.verdict
print("offline-ok")
"""


def test_check_runs_with_network_refused():
    proc = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, timeout=120, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "offline-ok" in proc.stdout
