"""Everything between two entities."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import ReaderDep
from api.routers.entities import ClaimLimit
from graph.views import CLAIM_LIMIT, AssertionView, Page

router = APIRouter(tags=["relations"])

Ref = Annotated[str, Query(min_length=1, max_length=300, examples=["RUS"])]


@router.get("/relations", summary="All facts between two entities, both directions")
def relations_between(
    reader: ReaderDep,
    a: Ref,
    b: Ref,
    limit: Annotated[int, Query(ge=1, le=200)] = 100,
    cursor: Annotated[str | None, Query(max_length=2000)] = None,
    claim_limit: ClaimLimit = CLAIM_LIMIT,
) -> Page[AssertionView]:
    """Each fact with who asserts, reports or denies it, and its newest claims on each side:
    when, on what evidence, from which articles. `a`/`b` take ids, ISO3 codes or unique
    names."""
    return reader.relations_between(a, b, limit=limit, cursor=cursor, claim_limit=claim_limit)
