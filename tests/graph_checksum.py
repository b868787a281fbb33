"""A checksum of everything in a database: nodes, relationships, properties, indexes, constraints.

Used to prove that refused requests (guarded Cypher, failed loads) left the graph untouched.
Element ids are included, so a node deleted and re-created identically still changes the sum.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any, LiteralString

from neo4j import Driver

NODES: LiteralString = (
    "MATCH (n) RETURN elementId(n) AS id, labels(n) AS labels, properties(n) AS props"
)
RELS: LiteralString = (
    "MATCH (a)-[r]->(b) RETURN elementId(r) AS id, type(r) AS type, elementId(a) AS start, "
    "elementId(b) AS end, properties(r) AS props"
)
INDEXES: LiteralString = "SHOW INDEXES YIELD name, type, labelsOrTypes, properties, options"
CONSTRAINTS: LiteralString = "SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties"


def _canon(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _canon(v) for k, v in sorted(value.items())}
    if isinstance(value, list | tuple):
        return [_canon(v) for v in value]
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return f"{type(value).__name__}:{value}"  # temporal and spatial values


def graph_checksum(driver: Driver, database: str, *, include_schema: bool = True) -> str:
    """SHA-256 over a canonical dump of the database (order-independent)."""
    h = hashlib.sha256()
    queries = [NODES, RELS] + ([INDEXES, CONSTRAINTS] if include_schema else [])
    for query in queries:
        records, _, _ = driver.execute_query(query, database_=database, routing_="r")
        lines = sorted(json.dumps(_canon(r.data()), sort_keys=True) for r in records)
        h.update(query.encode())
        for line in lines:
            h.update(line.encode())
            h.update(b"\n")
    return h.hexdigest()
