"""A checksum of the graph's *content*, independent of element ids and load times.

`tests/graph_checksum.py` (H5b) hashes element ids too: right for "this request touched nothing",
wrong for "a re-load after a crash equals a clean load", where the nodes are legitimately new
objects. Here a node is named by its labels and `id` key, a relationship by its type, its ends'
names and its properties. Excluded, because they legitimately differ between two loads of the
same data: `loaded_at` (the transaction time of the write, on Article and Claim nodes).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any, LiteralString

from neo4j import Driver

# Properties that record *when* something was written, not *what*: differ on every load.
LOAD_TIME_PROPS = frozenset({"loaded_at"})

NODES: LiteralString = "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props"
RELS: LiteralString = (
    "MATCH (a)-[r]->(b) RETURN type(r) AS type, labels(a) AS al, a.id AS a, "
    "labels(b) AS bl, b.id AS b, properties(r) AS props"
)
COUNTS: LiteralString = (
    "CALL () { MATCH (n) RETURN count(n) AS nodes } "
    "CALL () { MATCH ()-[r]->() RETURN count(r) AS rels } RETURN nodes, rels"
)


def _canon(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            str(k): _canon(v) for k, v in sorted(value.items()) if str(k) not in LOAD_TIME_PROPS
        }
    if isinstance(value, list | tuple):
        return [_canon(v) for v in value]
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return f"{type(value).__name__}:{value}"


def _lines(driver: Driver, database: str) -> list[str]:
    out: list[str] = []
    for query, kind in ((NODES, "n"), (RELS, "r")):
        records, _, _ = driver.execute_query(query, database_=database, routing_="r")
        for rec in records:
            d = rec.data()
            for k in ("labels", "al", "bl"):
                if k in d:
                    d[k] = sorted(d[k])
            out.append(kind + json.dumps(_canon(d), sort_keys=True, ensure_ascii=False))
    return sorted(out)


def content_checksum(driver: Driver, database: str) -> str:
    """SHA-256 over every node and relationship with its properties, minus load times."""
    h = hashlib.sha256()
    for line in _lines(driver, database):
        h.update(line.encode())
        h.update(b"\n")
    return h.hexdigest()


def content_diff(driver: Driver, database: str, other: list[str]) -> list[str]:
    """Lines in one state but not the other: for readable assertion messages."""
    mine = _lines(driver, database)
    a, b = set(mine), set(other)
    return [f"- {x}" for x in sorted(b - a)][:10] + [f"+ {x}" for x in sorted(a - b)][:10]


def content_lines(driver: Driver, database: str) -> list[str]:
    return _lines(driver, database)


def counts(driver: Driver, database: str) -> tuple[int, int]:
    records, _, _ = driver.execute_query(COUNTS, database_=database, routing_="r")
    return int(records[0]["nodes"]), int(records[0]["rels"])
