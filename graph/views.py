"""Response shapes of the read API, built from graph.model by inheritance and composition.

One model per shape: an entity in a list is an EntitySummary everywhere, a claim is a ClaimView
everywhere, an assertion with its claims is an AssertionView everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, computed_field

from graph.model import Article, Attribution, EntityType, Evidence, FactDocument, Status
from graph.vocab import Relation
from graph.writer import LoadResult


class AggregateStatus(StrEnum):
    """An assertion's status over all its claims (docs/graph-model.md): a claim status, or
    `contested` when someone denies or retracts what someone else asserts or reports."""

    CONTESTED = "contested"
    CONFIRMED = Status.CONFIRMED.value
    ASSERTED = Status.ASSERTED.value
    REPORTED = Status.REPORTED.value
    ALLEGED = Status.ALLEGED.value
    INTENDED = Status.INTENDED.value
    DENIED = Status.DENIED.value
    RETRACTED = Status.RETRACTED.value


# Claims shown per side of a fact in lists, by default and at most; voices per side at most.
CLAIM_LIMIT = 3
MAX_CLAIM_LIMIT = 50
VOICE_LIMIT = 10


class View(BaseModel):
    # Graph nodes carry more properties than a view shows; ignore the rest.
    model_config = ConfigDict(extra="ignore")


class EntitySummary(View):
    id: str = Field(description="Graph key: ISO3 for countries, a slug or QID otherwise")
    name: str
    type: EntityType
    kind: str | None = Field(default=None, description="Organisation kind")
    country: str | None = Field(default=None, description="ISO3 of its state")


class EntityHit(EntitySummary):
    """A search result: why it matched and how well."""

    aliases: list[str] = Field(default_factory=list)
    matched: str = Field(description="The name or alias that matched best")
    exact: bool = Field(description="The query equals a name, alias or id (case/accents aside)")
    score: float = Field(description="Full-text relevance (higher is better)")


class Position(View):
    """A HOLDS_POSITION edge: a post the entity holds (or held) in an organisation or state."""

    title: str | None
    organization: EntitySummary
    status: AggregateStatus | None = None
    valid_from: str | None = None
    valid_to: str | None = None
    first_seen: str | None = None


class RelationCount(View):
    relation: Relation
    direction: Literal["out", "in"]
    status: AggregateStatus | None
    count: int


class EntityView(EntitySummary):
    aliases: list[str] = Field(default_factory=list)
    qid: str | None = None
    iso3: str | None = None
    demonyms: list[str] = Field(default_factory=list)
    description: str | None = None
    lat: float | None = None
    lon: float | None = None
    positions: list[Position] = Field(default_factory=list)
    relation_counts: list[RelationCount] = Field(default_factory=list)
    mentioned_in: int = Field(0, description="Articles that mention the entity")


class ArticleRef(Article):
    """An article as a source. Titles are optional here: GDELT-only articles have none."""

    model_config = ConfigDict(extra="ignore")
    title: str | None = None  # type: ignore[assignment]
    origin: str | None = Field(default=None, description="document, extraction or gdelt")


class ClaimView(View):
    """One source's claim about an assertion: who says it, how, when, on what evidence."""

    id: str
    status: Status
    attribution: Attribution | None = None
    speaker: EntitySummary | None = Field(default=None, description="Named speaker, if any")
    date: str | None = None
    valid_from: str | None = None
    valid_to: str | None = None
    context: list[str] = Field(default_factory=list)
    aux: str | None = None
    evidence: Evidence | None = None
    confidence: float | None = None
    published: str | None = Field(default=None, description="Its article's publication date")
    sources: list[ArticleRef] = Field(
        default_factory=list,
        description="Up to 5 source articles; the primary one (the claim's own article) first",
    )

    @computed_field  # type: ignore[prop-decorator]
    @property
    def said_by(self) -> str:
        """Who carries the claim, in words: the speaker, unnamed sources, or the article
        (its primary source's publisher)."""
        if self.speaker is not None:
            return self.speaker.name
        if self.attribution is Attribution.UNNAMED:
            return "unnamed sources"
        src = self.sources[0] if self.sources else None
        if src is not None and (src.publisher or src.agency):
            return f"the article ({src.publisher or src.agency})"
        return "the article"


class AssertionView(View):
    """A fact (subject, relation, object, mode): its aggregate over all its claims, who stands
    on each side, and a sample of the claims themselves.

    `claims` holds the newest claims on each side (at most `claim_limit` denying or retracting
    ones and `claim_limit` others, newest first), so a contested fact shows both sides however
    many claims it has; `claim_count` counts them all and `GET /assertions/{id}/claims` pages
    through all of them. Under an article (`GET /articles/{id}`) `claims` are that article's
    claims, all of them."""

    id: str
    relation: Relation
    mode: str | None = None
    title: str | None = None
    subject: EntitySummary
    object: EntitySummary | None = None
    status: AggregateStatus
    first_seen: str | None = None
    last_seen: str | None = None
    valid_from: str | None = None
    valid_to: str | None = None
    claim_count: int = 0
    source_count: int = 0
    claims: list[ClaimView] = Field(default_factory=list)
    supported_by: list[str] = Field(
        default_factory=list,
        description="Who asserts, reports, alleges or confirms it (`said_by` of those claims), "
        f"over all its claims, in order of their first claim; at most {VOICE_LIMIT}",
    )
    denied_by: list[str] = Field(
        default_factory=list,
        description=f"Who denies or retracts it, likewise; at most {VOICE_LIMIT}",
    )


def claim_when(c: ClaimView) -> str:
    """The date claims are ordered by: the event date, else the start of validity, else the
    article's publication date ("" when none is known)."""
    return c.date or c.valid_from or c.published or ""


def voices(claims: Iterable[ClaimView], side: set[Status]) -> list[str]:
    """`said_by` of the claims with a status on `side`, in order of their first claim (the
    reader computes the same in Cypher when the claims are not all at hand)."""
    ordered = sorted((c for c in claims if c.status in side), key=lambda c: (claim_when(c), c.id))
    return list(dict.fromkeys(c.said_by for c in ordered))[:VOICE_LIMIT]


class RelationView(AssertionView):
    """An assertion seen from one entity: which way it points and who is on the other end."""

    direction: Literal["out", "in"]
    counterpart: EntitySummary


class PathEdge(View):
    """One browsing edge along a path."""

    relation: Relation
    source: str
    target: str
    status: AggregateStatus | None = None
    mode: str | None = None
    title: str | None = None
    assertion: str | None = None
    first_seen: str | None = None


class PathHop(View):
    """A step between two consecutive entities of a path, with every edge that links them."""

    source: str
    target: str
    edges: list[PathEdge]


class PathView(View):
    length: int
    nodes: list[EntitySummary]
    hops: list[PathHop]


class TimelineEntry(ClaimView):
    """A dated claim in an entity's timeline, with the fact it is about."""

    when: str = Field(description="The date the entry is ordered by")
    when_kind: Literal["event", "valid_from", "published"] = Field(
        description="event: the fact's own date; published: only the article's date is known"
    )
    assertion: str
    relation: Relation
    mode: str | None = None
    title: str | None = None
    subject: EntitySummary
    object: EntitySummary | None = None
    assertion_status: AggregateStatus


class ArticleSummary(ArticleRef):
    claim_count: int = 0


class ArticleView(ArticleSummary):
    """An article with the facts it supports (each with this article's claims only)."""

    facts: list[AssertionView] = Field(default_factory=list)
    mentions: list[EntitySummary] = Field(default_factory=list)


class Stats(View):
    labels: dict[str, int]
    relationships: dict[str, int] = Field(description="All relationship types")
    relations: dict[str, dict[str, int]] = Field(
        description="Browsing edges: relation type -> aggregate status -> count"
    )
    assertions_by_status: dict[str, int]
    claims_by_status: dict[str, int]


T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    """A page of results; pass `next_cursor` back as `cursor` for the next one."""

    items: list[T]
    limit: int
    next_cursor: str | None = None


class IngestResult(View):
    """What `POST /articles` extracted from an article and what loading it did."""

    document: FactDocument
    result: LoadResult
