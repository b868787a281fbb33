#!/usr/bin/env bash
# The whole test suite against a real, managed Neo4j (its own data folder: .geokg/test).
# pytest's session fixture starts the server when it is not running and stops it afterwards.
set -uo pipefail
cd "$(dirname "$0")/.."
export GEOKG_HOME="${GEOKG_HOME:-$PWD/.geokg/test}"
mkdir -p test-artifacts
.venv/bin/python -m pytest "$@"
rc=$?
# pytest exits 5 when it collected nothing: that is a failure for us, not a pass.
[ $rc -eq 5 ] && echo "no tests were collected" >&2
exit $rc
