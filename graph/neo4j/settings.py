"""The one place for Neo4j connection defaults: the embedded dev/test server's address and
credentials.  Environment variables override them (NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD,
NEO4J_DATABASE), as in Neo4j's own tools."""
from __future__ import annotations

DEFAULT_PORT = 7687
DEFAULT_URI = f"bolt://127.0.0.1:{DEFAULT_PORT}"
DEFAULT_USER = "neo4j"
DEFAULT_PASSWORD = "govkg-dev-pw"
