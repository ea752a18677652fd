#!/usr/bin/env bash
# Set up (scripts/setup.sh) and run the whole test suite, with lint and type checks.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$PWD/.venv/bin:$PATH"
ruff check
ruff format --check
mypy
pytest "$@"
