"""POST /cypher: read-only Cypher for power users; every check lives in graph.guard."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import DriverDep, SettingsDep
from graph.guard import CypherRequest, CypherResult, run_guarded

router = APIRouter(tags=["cypher"])


@router.post(
    "/cypher",
    summary="Run a read-only Cypher query (guarded)",
    description=(
        "Runs one read-only statement in a READ transaction with a server-side timeout "
        "(`cypher_timeout`) and a row cap (`cypher_row_cap`; `truncated` says when it cut). "
        "Refused with **403** when the query could write, change the schema, administer the "
        "server, load CSV, run `CALL {...} IN TRANSACTIONS`, switch database with `USE`, or call "
        "a procedure outside the allow-list; **422** when Neo4j cannot parse it; **504** on "
        "timeout. See docs/browser.md for the rules."
    ),
    responses={
        403: {"description": "Refused: not a read-only query under the guard's rules"},
        504: {"description": "The query ran longer than cypher_timeout"},
    },
)
def cypher(body: CypherRequest, driver: DriverDep, settings: SettingsDep) -> CypherResult:
    return run_guarded(
        driver,
        settings.neo4j_database,
        body.query,
        body.params,
        timeout=settings.cypher_timeout,
        row_cap=settings.cypher_row_cap,
    )
