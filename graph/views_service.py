"""Graph views: a capped subgraph around one entity, as nodes and edges for drawing."""

from __future__ import annotations

from typing import Any

from neo4j import ManagedTransaction, Session, unit_of_work
from pydantic import BaseModel, Field

from graph.cypher import views as q
from graph.errors import NotFound
from graph.model import check_partial_date
from graph.reader import InvalidParameter, Reader
from graph.vocab import Relation

DEFAULT_LIMIT = 150
MAX_LIMIT = 500
# Evidence per edge: the oldest claims; the rest are at GET /assertions/{id}/claims.
CLAIMS_PER_EDGE = 5


class ViewNode(BaseModel):
    id: str
    label: str = Field(description="What to print on the node: the entity's name")
    name: str | None = None
    type: str | None = Field(default=None, description="country, organization, person, location")
    labels: list[str] = Field(default_factory=list)
    iso3: str | None = None
    kind: str | None = None
    country: str | None = None
    aliases: list[str] = Field(default_factory=list)
    center: bool = False


class EdgeEvidence(BaseModel):
    claim: str
    status: str | None = None
    attribution: str | None = None
    speaker: str | None = None
    speaker_id: str | None = None
    date: str | None = None
    text: str | None = None
    start: int | None = None
    end: int | None = None
    article: str | None = None
    article_title: str | None = None
    url: str | None = None
    publisher: str | None = None
    published: str | None = None


class ViewEdge(BaseModel):
    id: str = Field(description="Neo4j elementId of the browsing edge")
    source: str
    target: str
    relation: str
    status: str | None = None
    mode: str | None = None
    title: str | None = None
    first_seen: str | None = None
    last_seen: str | None = None
    valid_from: str | None = None
    valid_to: str | None = None
    claims: int | None = Field(default=None, description="Number of claims behind the edge")
    sources: int | None = Field(default=None, description="Number of distinct articles")
    assertion: str | None = None
    evidence: list[EdgeEvidence] = Field(default_factory=list)


class GraphView(BaseModel):
    entity: str
    depth: int
    limit: int
    nodes: list[ViewNode]
    edges: list[ViewEdge]
    truncated: bool = Field(description="True when more edges matched than `limit`")


def _node(d: dict[str, Any], center: bool = False) -> ViewNode:
    name = d.get("name")
    return ViewNode(
        id=d["id"],
        label=name or d["id"],
        name=name,
        type=d.get("type"),
        labels=sorted(x for x in d.get("labels") or [] if x != "Entity"),
        iso3=d.get("iso3"),
        kind=d.get("kind"),
        country=d.get("country"),
        aliases=d.get("aliases") or [],
        center=center,
    )


def _date(value: str | None, field: str) -> str | None:
    try:
        return check_partial_date(value)
    except ValueError as e:
        raise InvalidParameter(field, str(e)) from None


def subgraph(
    session: Session,
    entity: str,
    *,
    depth: int = 1,
    relation: Relation | None = None,
    status: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = DEFAULT_LIMIT,
    timeout: float = 30.0,
) -> GraphView:
    """Browsing edges within `depth` hops of `entity` (an entity key), with their evidence."""
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidParameter("limit", f"must be 1..{MAX_LIMIT}")
    if not 1 <= depth <= q.MAX_DEPTH:
        raise InvalidParameter("depth", f"must be 1..{q.MAX_DEPTH}")
    since, until = _date(since, "since"), _date(until, "until")
    relations = [relation] if relation else list(Relation)
    query = q.edges_query(depth, relations)
    params = {
        "id": entity,
        "status": status,
        "since": since,
        "until": until,
        "limit": limit + 1,
        "claims_cap": CLAIMS_PER_EDGE,
    }

    @unit_of_work(timeout=timeout)
    def work(tx: ManagedTransaction) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
        center = tx.run(q.ENTITY, id=entity).single()
        rows = [dict(r.items()) for r in tx.run(query, params)]
        return (center["entity"] if center else None), rows

    center, rows = session.execute_read(work)
    if center is None:
        raise NotFound(f"entity: no entity {entity!r}")
    truncated = len(rows) > limit
    rows = rows[:limit]
    nodes: dict[str, ViewNode] = {center["id"]: _node(center, center=True)}
    edges: list[ViewEdge] = []
    for row in rows:
        for end in (row["source"], row["target"]):
            nodes.setdefault(end["id"], _node(end))
        props = row["props"]
        edges.append(
            ViewEdge(
                id=row["id"],
                source=row["source"]["id"],
                target=row["target"]["id"],
                relation=row["relation"],
                status=props.get("status"),
                mode=props.get("mode"),
                title=props.get("title"),
                first_seen=props.get("first_seen"),
                last_seen=props.get("last_seen"),
                valid_from=props.get("valid_from"),
                valid_to=props.get("valid_to"),
                claims=props.get("claims"),
                sources=props.get("sources"),
                assertion=props.get("assertion"),
                evidence=[EdgeEvidence(**c) for c in row["claims"]],
            )
        )
    return GraphView(
        entity=center["id"],
        depth=depth,
        limit=limit,
        nodes=list(nodes.values()),
        edges=edges,
        truncated=truncated,
    )


def subgraph_of(reader: Reader, ref: str, **kw: Any) -> GraphView:
    """`subgraph` of an entity reference: tried as an id first (no resolution query for the
    usual case), resolved as a name or lower-case ISO3 only when no entity has that id."""
    key = ref.strip()
    try:
        return subgraph(reader.session, key, timeout=reader.timeout, **kw)
    except NotFound:
        resolved = reader.resolve(ref, field="entity")
        if resolved == key:
            raise
        return subgraph(reader.session, resolved, timeout=reader.timeout, **kw)
