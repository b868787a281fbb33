"""Claims by status; contested facts with both sides."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import ReaderDep
from api.routers.entities import ClaimLimit
from graph.views import CLAIM_LIMIT, AggregateStatus, AssertionView, Page

router = APIRouter(tags=["claims"])


@router.get("/claims", summary="Facts by claim status; `contested` shows both sides")
def claims(
    reader: ReaderDep,
    status: Annotated[
        AggregateStatus | None,
        Query(
            description="A claim status (facts with at least one such claim), or `contested` "
            "(facts someone asserts or reports and someone else denies or retracts)"
        ),
    ] = None,
    entity: Annotated[
        str | None, Query(min_length=1, max_length=300, description="Subject or object")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: Annotated[str | None, Query(max_length=2000)] = None,
    claim_limit: ClaimLimit = CLAIM_LIMIT,
) -> Page[AssertionView]:
    """Each fact with the newest claims of each side; `supported_by` and `denied_by` name
    both sides over all its claims."""
    return reader.claims(
        status=status, entity=entity, limit=limit, cursor=cursor, claim_limit=claim_limit
    )
