"""Routes between two entities over the browsing edges."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import ReaderDep
from graph.reader import MAX_HOPS
from graph.views import PathView

router = APIRouter(tags=["relations"])


@router.get("/paths", summary="Shortest routes between two entities")
def paths(
    reader: ReaderDep,
    source: Annotated[str, Query(alias="from", min_length=1, max_length=300, examples=["RUS"])],
    target: Annotated[str, Query(alias="to", min_length=1, max_length=300, examples=["MLI"])],
    max_hops: Annotated[int, Query(ge=1, le=MAX_HOPS)] = 3,
    limit: Annotated[int, Query(ge=1, le=50, description="Most routes returned")] = 10,
) -> list[PathView]:
    """Simple paths of 1..`max_hops` edges, shortest first; each hop lists every relation
    linking its two entities with its aggregate status."""
    return reader.paths(source, target, max_hops=max_hops, limit=limit)
