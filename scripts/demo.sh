#!/usr/bin/env bash
# Set up (scripts/setup.sh), then synthesize the example apps with the real CDK CLI:
# the compliant ones pass, their noncompliant twins fail with FSBP violations.
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh || exit 1
export PATH="$PWD/.venv/bin:$PATH" CDK_DISABLE_VERSION_CHECK=1
cdk=tools/cdk-cli/node_modules/.bin/cdk
status=0
run() {  # run <expected exit code> <app command>
  local expected=$1 app=$2 out rc
  out=$(mktemp -d)
  echo "=== cdk synth --app \"$app\"   (expect exit $expected)"
  "$cdk" synth --app "$app" --output "$out" --quiet --no-notices >"$out.log" 2>&1
  rc=$?
  # FSBP findings: the header line and the resources under it (CDK's other plugins omitted).
  awk '/^(ERROR|WARNING) \[/ { print; show = 1; next }
       show && /^   / && !/^   (Suggested fix|Acknowledge)/ { print; next }
       { show = 0 }
       /Synthesis finished/ { print }' "$out.log" | grep . || echo "(no FSBP findings)"
  echo "=== exit code $rc"
  [ "$rc" = "$expected" ] || status=1
  echo
}
for app in examples/controls*.py; do
  module=$(basename "$app" .py)
  for pair in "compliant 0" "noncompliant 1"; do
    set -- $pair
    run "$2" "python -m examples.$module $1"
  done
done
if [ -f examples/service_app.py ]; then
  for pair in "compliant 0" "noncompliant 1"; do
    set -- $pair
    run "$2" "python examples/service_app.py $1"
  done
fi
[ $status = 0 ] && echo "demo: every app ended as expected" || echo "demo: an app did not end as expected"
exit $status
