"""One fact (assertion) and all its claims, page by page."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from api.deps import ReaderDep
from api.routers.entities import ClaimLimit
from graph.views import CLAIM_LIMIT, AssertionView, ClaimView, Page

router = APIRouter(prefix="/assertions", tags=["relations"])

AssertionId = Annotated[
    str, Path(min_length=1, max_length=300, description="The `id` of a fact (`as:…`)")
]


@router.get("/{id}", summary="One fact: aggregate, both sides, newest claims")
def get_assertion(
    reader: ReaderDep, id: AssertionId, claim_limit: ClaimLimit = CLAIM_LIMIT
) -> AssertionView:
    """The same shape as the items of `/relations`."""
    return reader.assertion(id, claim_limit=claim_limit)


@router.get("/{id}/claims", summary="Every claim about one fact, newest first, paginated")
def assertion_claims(
    reader: ReaderDep,
    id: AssertionId,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: Annotated[str | None, Query(max_length=2000)] = None,
) -> Page[ClaimView]:
    """Each claim with its speaker, status, dates, evidence and sources; ordered by the
    event date (else the start of validity, else the article's date), newest first."""
    return reader.assertion_claims(id, limit=limit, cursor=cursor)
