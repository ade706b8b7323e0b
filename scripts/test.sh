#!/usr/bin/env bash
# Runs the whole suite: starts the Neo4j server for the integration tests and stops it after.
set -uo pipefail
cd "$(dirname "$0")/.."
GOVKG=.venv/bin/govkg
started=0
if command -v java >/dev/null 2>&1 && $GOVKG neo4j --help >/dev/null 2>&1; then
  if $GOVKG neo4j start; then started=1; else echo "test.sh: Neo4j did not start" >&2; fi
fi
cleanup() { [ "$started" = 1 ] && $GOVKG neo4j stop || true; }
trap cleanup EXIT
.venv/bin/python -m pytest -q "$@"
