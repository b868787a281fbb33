"""Write Cypher for the GDELT bulk loader (graph/gdelt_writer.py).

Every statement is UNWIND-batched and keyed by deterministic ids (claims `gdelt:<GLOBALEVENTID>`,
articles `gdelt-url:<sha1>`). A batch first reads which of its claims, articles and assertions
already exist (`EXISTING`) and then writes only what is new, so running a batch twice reads
and writes nothing the second time. Assertions that gained a claim or a source get the label
`:AggregatePending`; their aggregate (status, dates, counts, browsing edge) is recomputed later,
in bulk, with the fact loader's statements (`graph.cypher.write.REAGGREGATE`,
`merge_browsing_edges`), so both loaders compute it the same way (docs/gdelt.md, "Aggregates").
"""

from __future__ import annotations

from typing import LiteralString, cast

# The label of assertions whose aggregate lags their claims. Not in an allow-list on purpose:
# it is the loader's own bookkeeping, never a relation or entity type.
PENDING_LABEL = "AggregatePending"

# Which claims and articles of a batch are already in the graph (index seeks, nothing written).
EXISTING: LiteralString = """
CALL () { UNWIND $claims AS id MATCH (c:Claim {id: id}) RETURN collect(id) AS claims }
CALL () { UNWIND $articles AS id MATCH (a:Article {id: id}) RETURN collect(id) AS articles }
RETURN claims, articles
"""

# Entities are created from the gazetteer but never renamed by GDELT: ON CREATE only, so a
# richer record written by the fact loader stays as it is and nothing is locked for writing
# when the entity already exists.
MERGE_COUNTRIES: LiteralString = """
UNWIND $rows AS row
MERGE (e:Entity {id: row.id})
ON CREATE SET e:Country, e.type = 'country', e.name = row.name, e.aliases = row.aliases,
              e.names_text = row.names_text, e += row.props
"""

MERGE_ORGANIZATIONS: LiteralString = """
UNWIND $rows AS row
MERGE (e:Entity {id: row.id})
ON CREATE SET e:Organization, e.type = 'organization', e.name = row.name,
              e.aliases = row.aliases, e.names_text = row.names_text, e += row.props
WITH e, row
MATCH (c:Entity {id: row.props.country})
MERGE (e)-[r:AFFILIATED_WITH]->(c)
ON CREATE SET r.source = 'cameo-actor-code'
"""

MERGE_PUBLISHERS: LiteralString = """
UNWIND $rows AS row
MERGE (p:Publisher {id: row.id})
ON CREATE SET p.name = row.name
"""

# Only articles EXISTING did not find. Still MERGE: a parallel loader may create the same
# article between the read and this write (MERGE on the unique key then waits and matches);
# the publisher edge goes with the creation (the batch's publishers are merged just before).
MERGE_ARTICLES: LiteralString = """
UNWIND $rows AS row
MERGE (a:Article {id: row.id})
ON CREATE SET a += row.props, a.origin = 'gdelt', a.loaded_at = datetime.transaction()
WITH a, row
WHERE row.publisher IS NOT NULL AND a.loaded_at = datetime.transaction()
MATCH (p:Publisher {id: row.publisher})
CREATE (a)-[:PUBLISHED_BY]->(p)
"""

# Every assertion that gains a claim in this batch, sorted by id (so parallel loaders take the
# locks in the same order). Setting the label takes the assertion's write lock, which the bulk
# re-aggregation also takes before counting: no claim is committed unseen and unmarked.
# Identity properties and SUBJECT/OBJECT edges are written once, when the assertion is new
# (checked after the lock, so a parallel loader's new assertion is not linked twice; the check
# is a degree lookup).
MERGE_ASSERTIONS: LiteralString = """
UNWIND $rows AS row
MERGE (a:Assertion {id: row.id})
ON CREATE SET a += row.props
SET a:AggregatePending
WITH a, row
WHERE NOT EXISTS { (a)-[:SUBJECT]->() }
MATCH (s:Entity {id: row.subject})
MATCH (o:Entity {id: row.object})
CREATE (a)-[:SUBJECT]->(s)
CREATE (a)-[:OBJECT]->(o)
"""

# The properties of a GDELT claim, in the order of the writer's claim rows (lists, not maps:
# no key is sent or looked up per row, and the statement below names every key once); the
# row's last item is the assertion id. Besides
# these, every claim gets status 'reported', attribution 'article', source 'gdelt', loaded_at.
# A null (an empty GDELT field) sets nothing.
CLAIM_FIELDS: tuple[str, ...] = (
    "id",
    "date",
    "published",
    "article",
    "context",
    "cameo",
    "cameo_base",
    "cameo_root",
    "is_root_event",
    "quad_class",
    "goldstein",
    "avg_tone",
    "num_mentions",
    "num_sources",
    "num_articles",
    "date_added",
    "location_name",
    "location_type",
    "location_fips",
    "location_country",
    "location_adm1",
    "location_lat",
    "location_lon",
    "location_feature_id",
    *(
        f"actor{i}_{k}"
        for i in (1, 2)
        for k in ("code", "name", "country", "types", "known_group", "ethnic", "religion")
    ),
)


def _create_claims() -> LiteralString:
    # Built from the constant tuple above (code, never input), like the browsing-edge statements.
    props = ",\n  ".join(f"{k}: r[{i}]" for i, k in enumerate(CLAIM_FIELDS))
    article = CLAIM_FIELDS.index("article")
    return cast(
        LiteralString,
        f"""
UNWIND $rows AS r
MATCH (x:Assertion {{id: r[{len(CLAIM_FIELDS)}]}})
MATCH (ar:Article {{id: r[{article}]}})
CREATE (c:Claim {{
  {props},
  status: 'reported', attribution: 'article', source: 'gdelt',
  loaded_at: datetime.transaction()}})
CREATE (c)-[:ABOUT]->(x)
CREATE (c)-[:SOURCE {{primary: true}}]->(ar)
""",
    )


# Only claims EXISTING did not find: CREATE, not MERGE (the claim's unique constraint still
# guards against a parallel loader of the same file; the writer retries the batch). A GDELT event
# never changes under its GLOBALEVENTID, so an existing claim is complete and left alone.
CREATE_CLAIMS: LiteralString = _create_claims()

# Mentions: only for claims already in the graph; the rest are counted by the caller from the
# rows that come back. A mention in the event's own SOURCEURL article lands on the primary edge.
# Mention properties are written once (`fresh`), so a re-run writes nothing; an assertion that
# gained a source is marked for re-aggregation.
MERGE_MENTIONS: LiteralString = """
UNWIND $rows AS row
MATCH (c:Claim {id: row.claim})
MERGE (a:Article {id: row.article.id})
ON CREATE SET a += row.article.props, a.origin = 'gdelt', a.loaded_at = datetime.transaction()
MERGE (c)-[s:SOURCE]->(a)
ON CREATE SET s.primary = false
WITH c, a, s, row, s.mention_time IS NULL AS fresh
FOREACH (_ IN CASE WHEN fresh THEN [1] ELSE [] END | SET s += row.edge)
WITH c, a, row, fresh
CALL (a, row) {
  WITH * WHERE row.publisher IS NOT NULL
  MERGE (p:Publisher {id: row.publisher.id})
  ON CREATE SET p.name = row.publisher.name
  MERGE (a)-[:PUBLISHED_BY]->(p)
}
MATCH (c)-[:ABOUT]->(x:Assertion)
FOREACH (_ IN CASE WHEN fresh THEN [1] ELSE [] END | SET x:AggregatePending)
RETURN row.line AS line, x.id AS assertion, fresh
"""

# ------------------------------------------------------------------ bulk re-aggregation

PENDING_ASSERTIONS: LiteralString = """
MATCH (a:Assertion:AggregatePending)
RETURN a.id AS id ORDER BY id
"""

# First statement of a re-aggregation transaction, in sorted id order: removing the label takes
# each assertion's write lock before its claims are counted, so a batch adding a claim is either
# committed (and counted) or waits and marks the assertion again afterwards.
# Returns the assertions never aggregated before: they have no browsing edge yet.
CLAIM_PENDING: LiteralString = """
UNWIND $ids AS aid
MATCH (a:Assertion {id: aid})
REMOVE a:AggregatePending
WITH a WHERE a.claim_count IS NULL
RETURN collect(a.id) AS fresh
"""


# For the benchmark's naive loader and tests: what a set of events produced.
COUNT_GDELT: LiteralString = """
MATCH (c:Claim) WHERE c.id STARTS WITH 'gdelt:'
RETURN count(c) AS claims
"""

COUNT_PENDING: LiteralString = """
MATCH (a:Assertion:AggregatePending)
RETURN count(a) AS pending
"""
