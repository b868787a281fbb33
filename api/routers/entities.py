"""Entities: search, detail, relations, timeline."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query

from api.deps import ReaderDep
from graph.model import EntityType
from graph.views import (
    CLAIM_LIMIT,
    MAX_CLAIM_LIMIT,
    AggregateStatus,
    EntityHit,
    EntityView,
    Page,
    RelationView,
    TimelineEntry,
)
from graph.vocab import Relation

router = APIRouter(prefix="/entities", tags=["entities"])

EntityRef = Annotated[
    str,
    Path(
        min_length=1,
        max_length=300,
        description="Graph id (`RUS`, `wagner-group`), ISO3 in any case, or a unique name/alias",
        examples=["RUS"],
    ),
]
DateParam = Annotated[
    str | None,
    Query(
        pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$",
        description="Partial ISO date: YYYY, YYYY-MM or YYYY-MM-DD",
        examples=["2021"],
    ),
]
Cursor = Annotated[
    str | None, Query(max_length=2000, description="`next_cursor` of the previous page")
]
ClaimLimit = Annotated[
    int,
    Query(
        ge=0,
        le=MAX_CLAIM_LIMIT,
        description="Claims shown per side of each fact (newest first); "
        "all of them: GET /assertions/{id}/claims",
    ),
]


@router.get("", summary="Search entities by name or alias")
def search_entities(
    reader: ReaderDep,
    q: Annotated[
        str,
        Query(
            min_length=1,
            max_length=200,
            description="Name or alias; case, accents and small misspellings do not matter",
            examples=["moscow"],
        ),
    ],
    type: Annotated[EntityType | None, Query(description="Only this entity type")] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
) -> list[EntityHit]:
    """Exact name, alias or id matches come first, then full-text relevance (fuzzy)."""
    return reader.search_entities(q, type=type, limit=limit)


@router.get("/{id}", summary="One entity: aliases, positions held, relation counts")
def get_entity(reader: ReaderDep, id: EntityRef) -> EntityView:
    return reader.entity(id)


@router.get("/{id}/relations", summary="An entity's relations, paginated")
def entity_relations(
    reader: ReaderDep,
    id: EntityRef,
    relation: Annotated[Relation | None, Query(description="Only this relation type")] = None,
    direction: Annotated[
        Literal["out", "in", "both"], Query(description="out: the entity is the subject")
    ] = "both",
    status: Annotated[AggregateStatus | None, Query(description="Aggregate status")] = None,
    since: DateParam = None,
    until: DateParam = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: Cursor = None,
    claim_limit: ClaimLimit = CLAIM_LIMIT,
) -> Page[RelationView]:
    """Oldest first: counterpart, aggregate status and dates, claim and source counts, who
    stands on each side, and the newest claims of each side (speaker, dates, evidence,
    sources). `since`/`until` compare at the precision both dates share."""
    return reader.entity_relations(
        id,
        relation=relation,
        direction=direction,
        status=status,
        since=since,
        until=until,
        limit=limit,
        cursor=cursor,
        claim_limit=claim_limit,
    )


@router.get("/{id}/timeline", summary="An entity's dated facts in order")
def entity_timeline(
    reader: ReaderDep,
    id: EntityRef,
    limit: Annotated[int, Query(ge=1, le=200)] = 100,
    cursor: Cursor = None,
) -> Page[TimelineEntry]:
    """Each claim about a fact the entity takes part in, ordered by its date (the event date,
    else the start of validity, else the article's publication date; see `when_kind`)."""
    return reader.timeline(id, limit=limit, cursor=cursor)
