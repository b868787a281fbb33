"""Named read queries for graph.reader (the API's read endpoints).

Browsing-edge types come from the vocabulary (`Relation`) via `quote_name`; every value is a
parameter. Keyset pagination: each list query takes `$after` (the last row's sort key, or null)
and returns `$fetch` rows (the page size plus one, to know whether there is a next page).
"""

from __future__ import annotations

from functools import cache
from typing import LiteralString, cast

from graph.cypher import quote_name
from graph.model import OPPOSING, SUPPORTING
from graph.vocab import Relation

RELATION_TYPES: list[str] = [r.value for r in Relation]
# `AID|CONSULT|...` for patterns that may only walk browsing edges.
_BROWSING: str = "|".join(quote_name(r) for r in RELATION_TYPES)

# ------------------------------------------------------------------ projections

_ENT: LiteralString = "{.id, .name, .type, .kind, .country}"
_ART: LiteralString = (
    "{.id, .url, .title, .publisher, .agency, .published, .language, .content_hash, .origin}"
)
# When a claim happened, for ordering claims: the event date, else the start of validity,
# else the article's publication date (the timeline's `when`).
_WHEN: LiteralString = "coalesce(c.date, c.valid_from, c.published, '')"
# A claim `c` with its speaker and (at most 5) source articles, the primary one first: the
# article the claim was read from, before the ones that merely mention it (GDELT mentions).
_CLAIM: LiteralString = (
    "c {.id, .status, .attribution, .date, .valid_from, .valid_to, .context, .aux,"
    " .evidence_text, .evidence_start, .evidence_end, .confidence, .published,"
    " speaker: head([(c)-[:STATED_BY]->(sp:Entity) | sp " + _ENT + "]),"
    " sources: COLLECT { MATCH (c)-[src:SOURCE]->(sa:Article) RETURN sa " + _ART + ""
    " ORDER BY coalesce(src.primary, false) DESC, sa.id LIMIT 5 }}"
)
# An assertion `a` with subject and object, without claims.
_ASSERTION: LiteralString = (
    "a {.id, .relation, .mode, .title, .status, .first_seen, .last_seen, .valid_from,"
    " .valid_to, .claim_count, .source_count,"
    " subject: head([(a)-[:SUBJECT]->(s:Entity) | s " + _ENT + "]),"
    " object: head([(a)-[:OBJECT]->(o:Entity) | o " + _ENT + "])}"
)
# The claims about `a`, newest first, split by side: only the sort keys and the status are
# read for all of them (only claims are ABOUT an assertion: no label check). From these
# lists, a sample (the newest $claim_limit opposing claims and the newest $claim_limit others)
# is projected, so both sides of a contested fact show however many claims it has; and each
# side's voices, newest first.
_CLAIM_SIDES: LiteralString = (
    "CALL (a) { MATCH (c)-[:ABOUT]->(a)"
    " WITH c, c.status AS st ORDER BY " + _WHEN + " DESC, c.id DESC"
    " RETURN collect(CASE WHEN st IN $opposing THEN c END) AS opposing,"
    " collect(CASE WHEN NOT st IN $opposing THEN c END) AS others,"
    " collect(CASE WHEN st IN $supporting THEN c END) AS supporting }"
)
_CLAIM_SAMPLE: LiteralString = (
    "[c IN opposing[..$claim_limit] + others[..$claim_limit] | " + _CLAIM + "]"
)
# Who carries the claims of one side (`side`, newest first): the distinct `said_by` of its
# claims, newest first, at most $voice_limit; computed lazily, claim by claim, until enough
# voices are found. The same rule as graph.views.ClaimView.said_by: the speaker, unnamed
# sources, or the article (its primary source's publisher).
_VOICES: LiteralString = (
    "COLLECT { UNWIND side AS c"
    " WITH c, head([(c)-[:STATED_BY]->(sp:Entity) | sp.name]) AS speaker"
    " WITH CASE WHEN speaker IS NOT NULL THEN speaker"
    "  WHEN c.attribution = 'unnamed' THEN 'unnamed sources'"
    "  ELSE 'the article' + coalesce(' (' + head(COLLECT {"
    "   MATCH (c)-[src:SOURCE]->(ar:Article) RETURN coalesce(ar.publisher, ar.agency) AS p"
    "   ORDER BY coalesce(src.primary, false) DESC, ar.id LIMIT 1 }) + ')', '') END AS who"
    " RETURN DISTINCT who LIMIT $voice_limit }"
)
_SUPPORTED_BY: LiteralString = cast(LiteralString, _VOICES.replace("side", "supporting", 1))
_DENIED_BY: LiteralString = cast(LiteralString, _VOICES.replace("side", "opposing", 1))
# An assertion `a` as returned in lists: aggregate fields, a claim sample, both sides' voices.
# Queries run _CLAIM_SIDES after a `WITH a, ...` and return _SAMPLED_COLUMNS.
_SAMPLED_COLUMNS: LiteralString = (
    _ASSERTION
    + " AS assertion, "
    + _CLAIM_SAMPLE
    + " AS claims, "
    + _SUPPORTED_BY
    + " AS supported_by, "
    + _DENIED_BY
    + " AS denied_by"
)


def sample_params(claim_limit: int, voice_limit: int) -> dict[str, object]:
    """The parameters every query using the sampled assertion projection needs."""
    return {
        "claim_limit": claim_limit,
        "voice_limit": voice_limit,
        "opposing": sorted(s.value for s in OPPOSING),
        "supporting": sorted(s.value for s in SUPPORTING),
    }


# ------------------------------------------------------------------ entities

# Full-text candidates and exact id matches in one round trip.
ENTITY_SEARCH: LiteralString = """
CALL () {
  CALL db.index.fulltext.queryNodes('entity_names', $lucene, {limit: $candidates})
  YIELD node AS e, score
  WHERE $type IS NULL OR e.type = $type
  RETURN collect({entity: e {.id, .name, .type, .kind, .country, .aliases, .iso3},
                  score: score}) AS hits
}
CALL () {
  UNWIND $ids AS key
  MATCH (e:Entity {id: key})
  RETURN collect(e {.id, .name, .type, .kind, .country, .aliases, .iso3}) AS by_id
}
RETURN hits, by_id
"""

ENTITY_BY_ID: LiteralString = """
UNWIND $ids AS key
MATCH (e:Entity {id: key})
RETURN e {.id, .name, .type, .kind, .country, .aliases, .iso3} AS entity
"""

ENTITY_DETAIL: LiteralString = (
    """
MATCH (e:Entity {id: $id})
RETURN e {.id, .name, .type, .kind, .country, .aliases, .qid, .iso3, .demonyms,
          .description, .lat, .lon} AS entity,
       [(e)-[r:HOLDS_POSITION]->(o:Entity) | {title: r.title, status: r.status,
          valid_from: r.valid_from, valid_to: r.valid_to, first_seen: r.first_seen,
          organization: o """
    + _ENT
    + """}] AS positions,
       COUNT { (:Article)-[:MENTIONS]->(e) } AS mentioned_in
"""
)

ENTITY_RELATION_COUNTS: LiteralString = (
    """
MATCH (e:Entity {id: $id})-[r:"""
    + _BROWSING
    + """]-(:Entity)
RETURN type(r) AS relation,
       CASE WHEN startNode(r) = e THEN 'out' ELSE 'in' END AS direction,
       r.status AS status, count(*) AS count
ORDER BY relation, direction, status
"""
)

# Dates are partial ISO strings: compare them at their common precision, so "2021" is within
# since=2021-11 and until=2021-03 alike.
# The pattern names the relationship types and the direction, so Neo4j walks only those
# relationship groups of a dense node (not its SUBJECT/OBJECT/MENTIONS edges); browsing
# edges only ever join entities, so the far end's label is not checked. Only the sort key
# (first_seen; the edge's element id breaks ties) is read before the LIMIT, everything else
# for the page's rows only.
_ENTITY_RELATIONS = """
MATCH (e:Entity {id: $id})%(pattern)s(x)
WHERE ($status IS NULL OR r.status = $status)
  AND ($since IS NULL OR (r.last_seen IS NOT NULL
       AND left(r.last_seen, size($since)) >= left($since, size(r.last_seen))))
  AND ($until IS NULL OR (r.first_seen IS NOT NULL
       AND left(r.first_seen, size($until)) <= left($until, size(r.first_seen))))
WITH e, r, x, coalesce(r.first_seen, '') AS k1, elementId(r) AS k2
WHERE $after IS NULL OR k1 > $after[0] OR (k1 = $after[0] AND k2 > $after[1])
WITH e, r, x, k1, k2
ORDER BY k1, k2
LIMIT $fetch
OPTIONAL MATCH (a:Assertion {id: r.assertion})
WITH [k1, k2] AS key, CASE WHEN startNode(r) = e THEN 'out' ELSE 'in' END AS direction,
     x %(ent)s AS counterpart, a
%(sides)s
RETURN key, direction, counterpart, %(columns)s
"""


@cache
def entity_relations(relation: Relation | None, direction: str) -> LiteralString:
    """An entity's browsing edges (one relation type or all), oldest first, paginated."""
    types = quote_name(Relation(relation).value) if relation else _BROWSING
    left, right = {"out": ("-", "->"), "in": ("<-", "-"), "both": ("-", "-")}[direction]
    pattern = f"{left}[r:{types}]{right}"
    return cast(
        LiteralString,
        _ENTITY_RELATIONS
        % {"pattern": pattern, "ent": _ENT, "sides": _CLAIM_SIDES, "columns": _SAMPLED_COLUMNS},
    )


# ------------------------------------------------------------------ relations between two

# Every assertion between the two has a browsing edge between them (docs/graph-model.md);
# walking those from both ends (Expand(Into)) costs the smaller end's degree, not the hub's.
RELATIONS_BETWEEN: LiteralString = (
    """
MATCH (x:Entity {id: $a}), (y:Entity {id: $b})
MATCH (x)-[r:"""
    + _BROWSING
    + """]-(y)
WITH DISTINCT r.assertion AS id
MATCH (a:Assertion {id: id})
WITH a, coalesce(a.first_seen, '') AS k1, a.id AS k2
WHERE $after IS NULL OR k1 > $after[0] OR (k1 = $after[0] AND k2 > $after[1])
WITH a, k1, k2
ORDER BY k1, k2
LIMIT $fetch
WITH a, [k1, k2] AS key
"""
    + _CLAIM_SIDES
    + """
RETURN key, """
    + _SAMPLED_COLUMNS
    + """
"""
)

# ------------------------------------------------------------------ one assertion

ASSERTION: LiteralString = (
    """
MATCH (a:Assertion {id: $id})
"""
    + _CLAIM_SIDES
    + """
RETURN """
    + _SAMPLED_COLUMNS
    + """
"""
)

# All claims about one assertion, newest first (the order of the sample above), paginated.
ASSERTION_CLAIMS: LiteralString = (
    """
MATCH (a:Assertion {id: $id})
CALL (a) {
  MATCH (c:Claim)-[:ABOUT]->(a)
  WITH c, """
    + _WHEN
    + """ AS w
  WHERE $after IS NULL OR w < $after[0] OR (w = $after[0] AND c.id < $after[1])
  WITH c, w
  ORDER BY w DESC, c.id DESC
  LIMIT $fetch
  RETURN collect([[w, c.id], """
    + _CLAIM
    + """]) AS rows
}
RETURN a.id AS id, rows
"""
)

# ------------------------------------------------------------------ paths


# Paths are found over *distinct neighbours*, not over edges: hub countries hold thousands of
# parallel browsing edges, and enumerating edge sequences of length 3 between hubs does not finish.
# Each length collects the distinct neighbour sets once and checks adjacency with EXISTS.
_PATH_ENDS = """
MATCH (x:Entity {id: $source}), (y:Entity {id: $target})
"""
_NEIGHBOURS = "CALL ({v}) {{ MATCH ({v})-[:{b}]-(m:Entity) RETURN collect(DISTINCT m) AS {out} }}"
_PATH_BODIES = {
    1: """
WHERE EXISTS { (x)-[:%(b)s]-(y) }
WITH [x, y] AS ns
""",
    2: """
%(nx)s
UNWIND nx AS m
WITH x, y, m WHERE NOT m IN [x, y] AND EXISTS { (m)-[:%(b)s]-(y) }
WITH [x, m, y] AS ns
""",
    3: """
%(nx)s
%(ny)s
UNWIND nx AS m1
UNWIND ny AS m2
WITH x, y, m1, m2
WHERE NOT m1 IN [x, y] AND NOT m2 IN [x, y] AND m1 <> m2 AND EXISTS { (m1)-[:%(b)s]-(m2) }
WITH [x, m1, m2, y] AS ns
""",
    4: """
%(nx)s
%(ny)s
UNWIND ny AS m3
WITH x, y, nx, m3 WHERE m3 <> x
MATCH (m3)-[:%(b)s]-(m2:Entity)
WHERE NOT m2 IN [x, y, m3]
WITH DISTINCT x, y, nx, m2, m3
MATCH (m2)-[:%(b)s]-(m1:Entity)
WHERE m1 IN nx AND NOT m1 IN [y, m2, m3]
WITH DISTINCT [x, m1, m2, m3, y] AS ns
""",
}


@cache
def paths_of_length(hops: int) -> LiteralString:
    """Distinct simple entity paths of exactly `hops` browsing edges (1..4), up to $limit."""
    if not 1 <= hops <= 4:
        raise ValueError("hops must be 1..4")
    body = _PATH_BODIES[hops] % {
        "b": _BROWSING,
        "nx": _NEIGHBOURS.format(v="x", b=_BROWSING, out="nx"),
        "ny": _NEIGHBOURS.format(v="y", b=_BROWSING, out="ny"),
    }
    return cast(
        LiteralString,
        _PATH_ENDS
        + body
        + f"""WITH DISTINCT ns
LIMIT $limit
RETURN [n IN ns | n {_ENT}] AS nodes
""",
    )


PATH_EDGES: LiteralString = (
    """
UNWIND $pairs AS pair
MATCH (s:Entity {id: pair[0]}), (t:Entity {id: pair[1]})
MATCH (s)-[r:"""
    + _BROWSING
    + """]-(t)
RETURN pair, collect({relation: type(r), source: startNode(r).id, target: endNode(r).id,
        status: r.status, mode: r.mode, title: r.title, assertion: r.assertion,
        first_seen: r.first_seen}) AS edges
"""
)

# ------------------------------------------------------------------ timeline

_WHEN_TL: LiteralString = "coalesce(c.date, c.valid_from, c.published)"
_AFTER_TL: LiteralString = (
    "($after IS NULL OR when > $after[0] OR (when = $after[0] AND c.id > $after[1]))"
)
# One timeline row, for both plans below.
_TIMELINE_ROW: LiteralString = (
    """RETURN [when, c.id] AS key, when,
       CASE WHEN c.date IS NOT NULL THEN 'event'
            WHEN c.valid_from IS NOT NULL THEN 'valid_from'
            ELSE 'published' END AS when_kind, """
    + _CLAIM
    + """ AS claim, """
    + _ASSERTION
    + """ AS assertion
"""
)
# For ordinary entities: reads every claim of the entity and sorts them (cheap unless the
# entity is a hub; hubs use TIMELINE_BY_DATE).
TIMELINE: LiteralString = (
    """
MATCH (e:Entity {id: $id})<-[:SUBJECT|OBJECT]-(a:Assertion)
WITH DISTINCT a
MATCH (a)<-[:ABOUT]-(c)
WITH a, c, """
    + _WHEN_TL
    + """ AS when
WHERE when IS NOT NULL AND """
    + _AFTER_TL
    + """
WITH a, c, when
ORDER BY when, c.id
LIMIT $fetch
"""
    + _TIMELINE_ROW
)

# For hubs: their claims are a large share of all claims, so walking every claim in (date, id)
# order on the `claim_date_id` index and keeping the entity's ones finds a page after a few
# hundred index entries, where TIMELINE reads all of the entity's claims (53,000 for a hub of
# the benchmark graph). That covers dated claims. Undated claims (`when` is the start of
# validity or the article's date) come only from fact documents (a GDELT claim always has its
# event date), and a document's article MENTIONS every entity its facts name (graph.writer),
# so they are found through the articles that mention the entity. The reader picks this query
# or TIMELINE from TIMELINE_PLAN's estimate of the entity's claim count.
TIMELINE_PLAN: LiteralString = """
MATCH (e:Entity {id: $id})
CALL () { MATCH (c:Claim) RETURN count(c) AS claims }
CALL () { MATCH (a:Assertion) RETURN count(a) AS assertions }
RETURN COUNT { (e)<-[:SUBJECT|OBJECT]-() } AS degree, claims, assertions
"""

TIMELINE_BY_DATE: LiteralString = (
    """
MATCH (e:Entity {id: $id})
CALL (e) {
  MATCH (c:Claim)
  WHERE c.date >= coalesce($after[0], '') AND c.id IS NOT NULL
    AND ($after IS NULL OR c.date > $after[0] OR c.id > $after[1])
    AND EXISTS { (c)-[:ABOUT]->(:Assertion)-[:SUBJECT|OBJECT]->(e) }
  WITH c ORDER BY c.date, c.id
  LIMIT $fetch
  RETURN collect(c) AS dated
}
WITH e, dated, CASE WHEN size(dated) < $fetch THEN null ELSE last(dated).date END AS t
CALL (e, t) {
  MATCH (e)<-[:MENTIONS]-(:Article)<-[:SOURCE]-(c:Claim)
  WHERE c.date IS NULL
  WITH DISTINCT c
  WITH c, coalesce(c.valid_from, c.published) AS when
  WHERE when IS NOT NULL AND (t IS NULL OR when <= t) AND """
    + _AFTER_TL
    + """
    AND EXISTS { (c)-[:ABOUT]->(:Assertion)-[:SUBJECT|OBJECT]->(e) }
  RETURN collect(c) AS undated
}
UNWIND dated + undated AS c
WITH c, """
    + _WHEN_TL
    + """ AS when
ORDER BY when, c.id
LIMIT $fetch
MATCH (c)-[:ABOUT]->(a:Assertion)
"""
    + _TIMELINE_ROW
    + """ORDER BY when, c.id
"""
)

# ------------------------------------------------------------------ claims

CLAIMS: LiteralString = (
    """
MATCH (a:Assertion)
WHERE ($after IS NULL OR a.id > $after[0])
  AND CASE
        WHEN $status = 'contested' THEN a.status = 'contested'
        WHEN $status IS NULL THEN true
        ELSE EXISTS { (c:Claim)-[:ABOUT]->(a) WHERE c.status = $status }
      END
  AND ($entity IS NULL OR EXISTS { (a)-[:SUBJECT|OBJECT]->(:Entity {id: $entity}) })
WITH a
ORDER BY a.id
LIMIT $fetch
"""
    + _CLAIM_SIDES
    + """
RETURN [a.id] AS key, """
    + _SAMPLED_COLUMNS
    + """
"""
)

# ------------------------------------------------------------------ articles

ARTICLES: LiteralString = (
    """
MATCH (art:Article)
WHERE $after IS NULL OR art.id > $after[0]
WITH art
ORDER BY art.id
LIMIT $fetch
RETURN [art.id] AS key, art """
    + _ART
    + """ AS article, COUNT { (:Claim)-[:SOURCE]->(art) } AS claim_count
"""
)

ARTICLE: LiteralString = (
    """
MATCH (art:Article {id: $id})
RETURN art """
    + _ART
    + """ AS article, COUNT { (:Claim)-[:SOURCE]->(art) } AS claim_count,
       [(art)-[:MENTIONS]->(e:Entity) | e """
    + _ENT
    + """] AS mentions
"""
)

ARTICLE_FACTS: LiteralString = (
    """
MATCH (art:Article {id: $id})<-[:SOURCE]-(c:Claim)-[:ABOUT]->(a:Assertion)
WITH a, collect("""
    + _CLAIM
    + """) AS claims
ORDER BY coalesce(a.first_seen, ''), a.id
RETURN """
    + _ASSERTION
    + """ AS assertion, claims
"""
)

# ------------------------------------------------------------------ stats

STATS: LiteralString = """
CALL () {
  MATCH (n) UNWIND labels(n) AS label
  WITH label, count(*) AS n ORDER BY label
  RETURN collect([label, n]) AS labels
}
CALL () {
  MATCH ()-[r]->()
  WITH type(r) AS t, count(*) AS n ORDER BY t
  RETURN collect([t, n]) AS relationships
}
CALL () {
  MATCH ()-[r]->()
  WHERE type(r) IN $types
  WITH type(r) AS t, coalesce(r.status, 'unknown') AS s, count(*) AS n ORDER BY t, s
  RETURN collect([t, s, n]) AS relations
}
CALL () {
  MATCH (a:Assertion)
  WITH coalesce(a.status, 'unknown') AS s, count(*) AS n ORDER BY s
  RETURN collect([s, n]) AS assertions
}
CALL () {
  MATCH (c:Claim)
  WITH coalesce(c.status, 'unknown') AS s, count(*) AS n ORDER BY s
  RETURN collect([s, n]) AS claims
}
RETURN labels, relationships, relations, assertions, claims
"""
