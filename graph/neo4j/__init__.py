"""Neo4j: the n10s-style mapping, the loader, the Cypher twins and the embedded dev server."""
