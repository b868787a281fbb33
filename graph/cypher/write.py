"""Write Cypher for the fact loader (graph/writer.py) and anyone re-aggregating assertions.

Every query is UNWIND-batched over parameter rows. Labels and relationship types come from
allow-lists (`EntityType`, `Relation`, `Status`) through `quote_name`; values are parameters.
"""

from __future__ import annotations

from functools import cache
from typing import LiteralString, cast

from graph.cypher import quote_name
from graph.model import EntityType, Status
from graph.vocab import Relation

ENTITY_LABELS: dict[EntityType, str] = {
    EntityType.COUNTRY: "Country",
    EntityType.ORGANIZATION: "Organization",
    EntityType.PERSON: "Person",
    EntityType.LOCATION: "Location",
}

# Stance edge of a named speaker towards an assertion, by claim status.
STANCE_TYPES: dict[Status, str] = {
    Status.ASSERTED: "ASSERTS",
    Status.REPORTED: "REPORTS",
    Status.ALLEGED: "ALLEGES",
    Status.DENIED: "DENIES",
    Status.CONFIRMED: "CONFIRMS",
    Status.RETRACTED: "RETRACTS",
    Status.INTENDED: "INTENDS",
}

# ------------------------------------------------------------------ article

ARTICLE_STATE: LiteralString = """
MATCH (a:Article {id: $id})
RETURN a.doc_hash AS doc_hash
"""

# `SET a = $props` drops properties the new version no longer has; loaded_at is the
# transaction clock so every node written by one load carries the same instant.
UPSERT_ARTICLE: LiteralString = """
MERGE (a:Article {id: $props.id})
SET a = $props, a.loaded_at = datetime.transaction()
WITH a
OPTIONAL MATCH (a)-[old:PUBLISHED_BY]->(p:Publisher)
WHERE $publisher IS NULL OR p.id <> $publisher.id
DELETE old
RETURN collect(p.id) AS dropped_publishers
"""

LINK_PUBLISHER: LiteralString = """
MATCH (a:Article {id: $id})
MERGE (p:Publisher {id: $publisher.id})
SET p.name = $publisher.name
MERGE (a)-[:PUBLISHED_BY]->(p)
"""

DROP_STALE_MENTIONS: LiteralString = """
MATCH (:Article {id: $id})-[m:MENTIONS]->(e:Entity)
WHERE NOT e.id IN $keys
DELETE m
RETURN collect(e.id) AS dropped
"""

LINK_MENTIONS: LiteralString = """
MATCH (a:Article {id: $id})
UNWIND $keys AS key
MATCH (e:Entity {id: key})
MERGE (a)-[:MENTIONS]->(e)
"""

ARTICLE_CLAIMS: LiteralString = """
MATCH (c:Claim {article: $id})
OPTIONAL MATCH (c)-[:ABOUT]->(a:Assertion)
OPTIONAL MATCH (c)-[:STATED_BY]->(s:Entity)
RETURN c.id AS id, properties(c) AS props, a.id AS assertion, s.id AS speaker
"""

ARTICLE_MENTIONS: LiteralString = """
MATCH (:Article {id: $id})-[:MENTIONS]->(e:Entity)
RETURN collect(e.id) AS keys
"""

# Claims of other articles that also cite this one (GDELT mentions): their counts change.
CITING_ASSERTIONS: LiteralString = """
MATCH (c:Claim)-[:SOURCE]->(:Article {id: $id})
WHERE c.article IS NULL OR c.article <> $id
MATCH (c)-[:ABOUT]->(a:Assertion)
RETURN collect(DISTINCT a.id) AS ids
"""

DELETE_ARTICLE_NODE: LiteralString = """
MATCH (a:Article {id: $id})
OPTIONAL MATCH (a)-[:PUBLISHED_BY]->(p:Publisher)
WITH a, collect(p.id) AS publishers
DETACH DELETE a
RETURN publishers
"""

DELETE_ORPHAN_PUBLISHERS: LiteralString = """
UNWIND $ids AS pid
MATCH (p:Publisher {id: pid})
WHERE NOT EXISTS { (p)--() }
DELETE p
RETURN count(*) AS deleted
"""

# ------------------------------------------------------------------ entities

ENTITY_STATE: LiteralString = """
UNWIND $ids AS key
MATCH (n:Entity {id: key})
RETURN n.id AS id, properties(n) AS props, labels(n) AS labels
"""

ASSERTION_STATE: LiteralString = """
UNWIND $ids AS key
MATCH (n:Assertion {id: key})
RETURN n.id AS id, properties(n) AS props, labels(n) AS labels
"""

ENTITY_TYPE_CONFLICTS: LiteralString = """
UNWIND $rows AS row
MATCH (e:Entity {id: row.id})
WHERE e.type <> row.type
RETURN row.id AS id, e.type AS existing, row.type AS given
"""


@cache
def upsert_entities(etype: EntityType) -> LiteralString:
    """MERGE entities of one type. Scalars: the latest document wins (nulls never erase);
    aliases accumulate, since every name a source used stays a way to find the entity."""
    label = quote_name(ENTITY_LABELS[etype])
    return cast(
        LiteralString,
        f"""
UNWIND $rows AS row
MERGE (e:Entity {{id: row.id}})
SET e:{label},
    e.type = row.type,
    e.name = row.name,
    e.aliases = coalesce(e.aliases, [])
        + [x IN row.aliases WHERE NOT x IN coalesce(e.aliases, []) AND x <> row.name],
    e += row.props
SET e.names_text = reduce(s = e.name, x IN e.aliases | s + ' | ' + x)
""",
    )


DELETE_ORPHAN_ENTITIES: LiteralString = """
UNWIND $ids AS key
MATCH (e:Entity {id: key})
WHERE NOT EXISTS { (e)--() }
DELETE e
RETURN count(*) AS deleted
"""

# ------------------------------------------------------------------ claims and assertions

DELETE_CLAIMS: LiteralString = """
UNWIND $ids AS cid
MATCH (c:Claim {id: cid})
DETACH DELETE c
"""

# Identity properties only: the aggregate is written by REAGGREGATE below.
MERGE_ASSERTIONS: LiteralString = """
UNWIND $rows AS row
MERGE (a:Assertion {id: row.id})
ON CREATE SET a += row.props
WITH a, row
MATCH (s:Entity {id: row.subject})
MERGE (a)-[:SUBJECT]->(s)
WITH a, row
CALL (a, row) {
  WITH * WHERE row.object IS NOT NULL
  MATCH (o:Entity {id: row.object})
  MERGE (a)-[:OBJECT]->(o)
}
"""

CREATE_CLAIMS: LiteralString = """
UNWIND $rows AS row
MATCH (a:Assertion {id: row.assertion})
MATCH (ar:Article {id: row.props.article})
CREATE (c:Claim)
SET c = row.props, c.loaded_at = datetime.transaction()
CREATE (c)-[:ABOUT]->(a)
CREATE (c)-[:SOURCE {primary: true}]->(ar)
WITH c, row
CALL (c, row) {
  WITH * WHERE row.speaker IS NOT NULL
  MATCH (s:Entity {id: row.speaker})
  CREATE (c)-[:STATED_BY]->(s)
}
"""

# ------------------------------------------------------------------ re-aggregation

# Assertions left without claims go, with their browsing edges (stance edges go with DETACH).
DELETE_UNSUPPORTED_ASSERTIONS: LiteralString = """
UNWIND $ids AS aid
MATCH (a:Assertion {id: aid})
WHERE NOT EXISTS { (:Claim)-[:ABOUT]->(a) }
OPTIONAL MATCH (s:Entity {id: a.subject})-[r]->(o:Entity {id: a.object})
WHERE r.assertion = a.id
DELETE r
WITH DISTINCT a
WITH a, a.id AS id, [k IN [a.subject, a.object] WHERE k IS NOT NULL] AS ends
DETACH DELETE a
RETURN id, ends
"""

# Status rule and dates as in docs/graph-model.md ("Aggregate status of an assertion").
REAGGREGATE: LiteralString = """
UNWIND $ids AS aid
MATCH (a:Assertion {id: aid})
MATCH (c:Claim)-[:ABOUT]->(a)
OPTIONAL MATCH (c)-[:SOURCE]->(ar:Article)
WITH a, collect(DISTINCT c) AS cs, count(DISTINCT ar) AS sources
WITH a, cs, sources,
     [c IN cs | c.status] AS st,
     [c IN cs WHERE coalesce(c.date, c.published) IS NOT NULL | coalesce(c.date, c.published)]
       AS seen,
     [c IN cs WHERE c.valid_from IS NOT NULL | c.valid_from] AS vf,
     [c IN cs WHERE c.valid_to IS NOT NULL | c.valid_to] AS vt
SET a.status = CASE
      WHEN any(s IN st WHERE s IN ['denied', 'retracted'])
       AND any(s IN st WHERE s IN ['asserted', 'reported', 'alleged', 'confirmed'])
        THEN 'contested'
      WHEN 'confirmed' IN st THEN 'confirmed'
      WHEN 'asserted' IN st THEN 'asserted'
      WHEN 'reported' IN st THEN 'reported'
      WHEN 'alleged' IN st THEN 'alleged'
      WHEN 'intended' IN st THEN 'intended'
      WHEN 'denied' IN st THEN 'denied'
      ELSE 'retracted' END,
    a.first_seen = reduce(m = null, d IN seen | CASE WHEN m IS NULL OR d < m THEN d ELSE m END),
    a.last_seen = reduce(m = null, d IN seen | CASE WHEN m IS NULL OR d > m THEN d ELSE m END),
    a.valid_from = reduce(m = null, d IN vf | CASE WHEN m IS NULL OR d < m THEN d ELSE m END),
    a.valid_to = reduce(m = null, d IN vt | CASE WHEN m IS NULL OR d > m THEN d ELSE m END),
    a.claim_count = size(cs),
    a.source_count = sources
RETURN a.relation AS relation, collect(a.id) AS ids
"""


@cache
def merge_browsing_edges(relation: Relation, create: bool = False) -> LiteralString:
    """The direct entity→entity edge of one relation type, mirroring its assertion. With
    `create`, for assertions known to have no edge yet: CREATE instead of a MERGE that scans
    every edge of that type between two hub entities."""
    rel = quote_name(Relation(relation).value)
    verb = "CREATE" if create else "MERGE"
    return cast(
        LiteralString,
        f"""
UNWIND $ids AS aid
MATCH (a:Assertion {{id: aid}})-[:SUBJECT]->(s:Entity)
MATCH (a)-[:OBJECT]->(o:Entity)
{verb} (s)-[r:{rel} {{assertion: a.id}}]->(o)
SET r.mode = a.mode, r.title = a.title, r.status = a.status,
    r.first_seen = a.first_seen, r.last_seen = a.last_seen,
    r.valid_from = a.valid_from, r.valid_to = a.valid_to,
    r.claims = a.claim_count, r.sources = a.source_count
""",
    )


# A stance edge is right when a claim with that id still says the same thing, by that speaker.
DELETE_STALE_STANCES: LiteralString = """
UNWIND $ids AS aid
MATCH (e:Entity)-[r]->(a:Assertion {id: aid})
WHERE type(r) IN $types
  AND NOT EXISTS {
    MATCH (e)<-[:STATED_BY]-(c:Claim {id: r.claim})-[:ABOUT]->(a)
    WHERE $stance[c.status] = type(r)
  }
DELETE r
"""


NAMED_STATUSES: LiteralString = """
UNWIND $ids AS aid
MATCH (c:Claim)-[:ABOUT]->(:Assertion {id: aid})
WHERE EXISTS { (c)-[:STATED_BY]->(:Entity) }
RETURN DISTINCT c.status AS status
"""


@cache
def merge_stances(status: Status) -> LiteralString:
    rel = quote_name(STANCE_TYPES[Status(status)])
    return cast(
        LiteralString,
        f"""
UNWIND $ids AS aid
MATCH (c:Claim {{status: $status}})-[:ABOUT]->(a:Assertion {{id: aid}})
MATCH (c)-[:STATED_BY]->(e:Entity)
MERGE (e)-[r:{rel} {{claim: c.id}}]->(a)
SET r.article = c.article
""",
    )
