"""Write Cypher for the GDELT bulk loader (graph/gdelt_writer.py).

Every statement is UNWIND-batched and keyed by deterministic ids (claims `gdelt:<GLOBALEVENTID>`,
articles `gdelt-url:<sha1>`), so running a batch twice changes nothing: MERGE on the unique key,
`ON CREATE` for what must not move (loaded_at, primary), plain SET only of values that are the
same on every run. Assertions are merged and re-aggregated with the fact loader's statements
(`graph.cypher.write.MERGE_ASSERTIONS`, `REAGGREGATE`, `merge_browsing_edges`), so both loaders
compute the aggregate the same way.
"""

from __future__ import annotations

from typing import LiteralString

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

MERGE_ARTICLES: LiteralString = """
UNWIND $rows AS row
MERGE (a:Article {id: row.id})
ON CREATE SET a += row.props, a.origin = 'gdelt', a.loaded_at = datetime.transaction()
WITH a, row
WHERE row.publisher IS NOT NULL
MERGE (p:Publisher {id: row.publisher.id})
ON CREATE SET p.name = row.publisher.name
MERGE (a)-[:PUBLISHED_BY]->(p)
"""

# The primary SOURCE edge is the event's SOURCEURL. A GDELT event never changes under its
# GLOBALEVENTID and a batch is all or nothing, so an existing claim is complete: its properties
# are written on creation only, which makes a re-run read-only (and three times faster).
# row.props never holds nulls (the writer drops them).
MERGE_CLAIMS: LiteralString = """
UNWIND $rows AS row
MATCH (x:Assertion {id: row.assertion})
MATCH (ar:Article {id: row.props.article})
MERGE (c:Claim {id: row.id})
ON CREATE SET c += row.props, c.loaded_at = datetime.transaction()
MERGE (c)-[:ABOUT]->(x)
MERGE (c)-[s:SOURCE]->(ar)
ON CREATE SET s.primary = true
WITH c, x WHERE c.loaded_at = datetime.transaction()
RETURN collect(DISTINCT x.id) AS created_about
"""

# Mentions: only for claims already in the graph; the rest are counted by the caller from the
# rows that come back. A mention in the event's own SOURCEURL article lands on the primary edge.
# Mention properties are written once (`fresh`), so a re-run writes nothing.
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
RETURN row.line AS line, x.id AS assertion, fresh
"""

# Exclusive locks on assertions (in the given, sorted order) before their claims are counted:
# setting and removing a property changes nothing but holds the write lock until commit.
LOCK_ASSERTIONS: LiteralString = """
UNWIND $ids AS aid
MATCH (a:Assertion {id: aid})
SET a._lock = true
REMOVE a._lock
"""

# For the benchmark's naive loader and tests: what a set of events produced.
COUNT_GDELT: LiteralString = """
MATCH (c:Claim) WHERE c.id STARTS WITH 'gdelt:'
RETURN count(c) AS claims
"""
