"""Cypher for the graph views (GET /graph): a capped subgraph over the browsing edges."""

from __future__ import annotations

from collections.abc import Sequence
from typing import LiteralString, cast

from graph.cypher import quote_name
from graph.vocab import Relation

MAX_DEPTH = 3

ENTITY: LiteralString = """
MATCH (c:Entity {id: $id})
RETURN c {.id, .name, .type, .iso3, .kind, .country, .aliases, labels: labels(c)} AS entity
"""

# Partial ISO dates compare as text; a coarser date ("2021") matches any finer bound inside it
# ("2021-11"), hence the STARTS WITH halves. Undated edges drop out when a bound is given.
_EDGE_OK = """($status IS NULL OR r.status = $status)
  AND ($since IS NULL OR coalesce(r.last_seen, r.first_seen) >= $since
       OR $since STARTS WITH coalesce(r.last_seen, r.first_seen))
  AND ($until IS NULL OR coalesce(r.first_seen, r.last_seen) <= $until
       OR coalesce(r.first_seen, r.last_seen) STARTS WITH $until)"""
# Depth 1 is a plain expansion, which stops at the LIMIT; a variable-length one loads all of a
# hub's edges first (7,900 for USA).
_EDGES_DEPTH_1 = """
MATCH (c:Entity {id: $id})
MATCH (c)-[r:__TYPES__]-(:Entity)
WHERE __OK__
WITH DISTINCT r
LIMIT $limit
"""
_EDGES_DEPTH_N = """
MATCH (c:Entity {id: $id})
MATCH p = (c)-[rels:__TYPES__*1..__DEPTH__]-(:Entity)
WHERE all(r IN rels WHERE __OK__)
UNWIND rels AS r
WITH DISTINCT r
LIMIT $limit
"""
_EDGES_TAIL = """
WITH r, startNode(r) AS s, endNode(r) AS o
RETURN elementId(r) AS id, type(r) AS relation, properties(r) AS props,
       s {.id, .name, .type, .iso3, .kind, .country, .aliases, labels: labels(s)} AS source,
       o {.id, .name, .type, .iso3, .kind, .country, .aliases, labels: labels(o)} AS target,
       COLLECT {
         MATCH (cl:Claim)-[:ABOUT]->(:Assertion {id: r.assertion})
         WITH cl ORDER BY cl.date, cl.id LIMIT $claims_cap
         OPTIONAL MATCH (cl)-[:STATED_BY]->(sp:Entity)
         WITH cl, sp, COLLECT {
           MATCH (cl)-[src:SOURCE]->(ar:Article)
           RETURN ar ORDER BY coalesce(src.primary, false) DESC, ar.id LIMIT 1
         } AS ars
         WITH cl, sp, head(ars) AS ar
         RETURN {claim: cl.id, status: cl.status, attribution: cl.attribution,
                 speaker: sp.name, speaker_id: sp.id, date: cl.date, text: cl.evidence_text,
                 start: cl.evidence_start, end: cl.evidence_end, article: ar.id,
                 article_title: ar.title, url: ar.url, publisher: ar.publisher,
                 published: ar.published}
       } AS claims
ORDER BY relation, source.id, target.id
"""


def edges_query(depth: int, relations: Sequence[Relation]) -> LiteralString:
    """The edge query for a depth and relation types; both come from allow-lists."""
    if not 1 <= depth <= MAX_DEPTH:
        raise ValueError(f"depth must be 1..{MAX_DEPTH}")
    types = "|".join(quote_name(Relation(r).value) for r in relations)
    head = _EDGES_DEPTH_1 if depth == 1 else _EDGES_DEPTH_N
    text = (head + _EDGES_TAIL).replace("__OK__", _EDGE_OK)
    text = text.replace("__TYPES__", types).replace("__DEPTH__", str(int(depth)))
    return cast(LiteralString, text)
