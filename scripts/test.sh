#!/usr/bin/env bash
# Runs the whole suite: starts the Neo4j server for the integration tests and stops it after.
# The server's port comes from NEO4J_URI (default 7687), its home from GOVKG_NEO4J_HOME; the tests
# get its password as every client does (graph/neo4j/settings.py default_password: NEO4J_PASSWORD,
# else the password file `govkg neo4j start` generates in the home).
set -uo pipefail
cd "$(dirname "$0")/.."
GOVKG=.venv/bin/govkg
port=${NEO4J_URI:-bolt://127.0.0.1:7687}
port=${port##*:}
port=${port%%/*}
[[ "$port" =~ ^[0-9]+$ ]] || port=7687
started=0
if command -v java >/dev/null 2>&1 && $GOVKG neo4j --help >/dev/null 2>&1; then
  if $GOVKG neo4j start --port "$port"; then started=1; else echo "test.sh: Neo4j did not start" >&2; fi
fi
cleanup() { [ "$started" = 1 ] && $GOVKG neo4j stop || true; }
trap cleanup EXIT
.venv/bin/python -m pytest -q "$@"
