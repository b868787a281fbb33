"""Liveness and readiness."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool

from api.deps import RuntimeDep

router = APIRouter(tags=["health"])


@router.get("/health", summary="Is the API up, and can it reach Neo4j?")
async def health(runtime: RuntimeDep) -> dict[str, object]:
    """Always 200 while the process runs; `neo4j` says whether the graph is reachable."""

    def probe() -> bool:
        if not runtime.try_connect():
            return False
        try:
            runtime.connect().verify_connectivity()
        except Exception:
            return False
        return True

    return {"status": "ok", "neo4j": await run_in_threadpool(probe)}
