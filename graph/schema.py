"""Schema as code: `geokg schema apply` and every start-up run this."""

from __future__ import annotations

from neo4j import Driver

from graph.cypher import schema as q


def apply(driver: Driver, database: str) -> int:
    """Create missing constraints and indexes and wait for them; returns statements run."""
    with driver.session(database=database) as session:
        for stmt in q.STATEMENTS:
            session.run(stmt).consume()
        session.run(q.AWAIT).consume()
    return len(q.STATEMENTS)
