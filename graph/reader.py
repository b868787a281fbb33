"""The read service: named queries from graph.cypher.read, results as graph.views models.

Every read runs in a read transaction (`execute_read`) with a timeout, against the database the
session was opened on; values are parameters; variable-length patterns are bounded.
"""

from __future__ import annotations

from typing import Any, LiteralString

from neo4j import Session, unit_of_work

from graph.cypher import read as q
from graph.errors import InvalidInput


class InvalidParameter(InvalidInput):
    """Bad input for a named parameter; the API reports `field` in its 422."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field


class Reader:
    def __init__(self, session: Session, *, timeout: float) -> None:
        self.session = session
        self.timeout = timeout

    def _rows(self, query: LiteralString, **params: Any) -> list[dict[str, Any]]:
        @unit_of_work(timeout=self.timeout)
        def work(tx: Any) -> list[dict[str, Any]]:
            return [r.data() for r in tx.run(query, params)]

        return self.session.execute_read(work)

    def stats(self) -> dict[str, Any]:
        return self._rows(q.STATS)[0]
