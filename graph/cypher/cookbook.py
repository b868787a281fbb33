"""Cypher cookbook: the questions docs/fact-documents.md answers, as the tests run them.

Each query is a named constant with its parameters listed in `EXAMPLES`; the documentation
shows these exact strings, and tests/test_founding_article.py runs them on the founding article.
"""

from __future__ import annotations

from typing import Any, LiteralString

# What does one country give another, who said so, and when? (claim layer)
AID_FROM_TO: LiteralString = """
MATCH (:Country {iso3: $giver})<-[:SUBJECT]-(a:Assertion {relation: 'AID'})
      -[:OBJECT]->(:Country {iso3: $receiver})
MATCH (c:Claim)-[:ABOUT]->(a)
MATCH (c)-[:SOURCE]->(ar:Article)
OPTIONAL MATCH (c)-[:STATED_BY]->(speaker:Entity)
RETURN a.mode AS mode, c.status AS status, speaker.name AS said_by, c.date AS date,
       c.evidence_text AS evidence, ar.title AS article, ar.published AS published
ORDER BY date, said_by
"""

# Which claims about an entity are contested, who stands behind them and who denies them?
CONTESTED_ABOUT: LiteralString = """
MATCH (a:Assertion {status: 'contested'})-[:SUBJECT|OBJECT]->(:Entity {id: $entity})
MATCH (a)-[:SUBJECT]->(s:Entity)
OPTIONAL MATCH (a)-[:OBJECT]->(o:Entity)
MATCH (c:Claim)-[:ABOUT]->(a)
OPTIONAL MATCH (c)-[:STATED_BY]->(speaker:Entity)
WITH a, s, o, c,
     coalesce(speaker.name,
              CASE c.attribution WHEN 'unnamed' THEN 'unnamed reports' ELSE 'the article' END)
       AS who
RETURN s.name AS subject, a.relation AS relation, o.name AS object, a.status AS status,
       collect(DISTINCT CASE WHEN NOT c.status IN ['denied', 'retracted']
                             THEN who + ' (' + c.status + ')' END) AS claimed_by,
       collect(DISTINCT CASE WHEN c.status IN ['denied', 'retracted'] THEN who END) AS denied_by
ORDER BY relation, object
"""

# What does one country do in or to another, and since when? (browsing edges)
RELATIONS_BETWEEN: LiteralString = """
MATCH (s:Entity {id: $subject})-[r]->(o:Entity {id: $object})
WHERE r.assertion IS NOT NULL
MATCH (a:Assertion {id: r.assertion})<-[:ABOUT]-(c:Claim)
RETURN type(r) AS relation, r.mode AS mode, r.status AS status, r.valid_from AS since,
       r.first_seen AS first_seen, collect(c.evidence_text) AS evidence
ORDER BY relation
"""

# The path from one entity to another through a third, with the status of each step.
PATH_VIA: LiteralString = """
MATCH p = (:Entity {id: $start})-[r1]-(:Entity {id: $via})-[r2]-(:Entity {id: $end})
WHERE r1.assertion IS NOT NULL AND r2.assertion IS NOT NULL
RETURN [r IN relationships(p) |
        {from: startNode(r).name, relation: type(r), to: endNode(r).name, status: r.status}]
       AS steps
ORDER BY steps[0].relation, steps[1].relation
"""

# Every fact of an article with its evidence sentence and offsets.
FACTS_WITH_EVIDENCE: LiteralString = """
MATCH (c:Claim {article: $article})-[:ABOUT]->(a:Assertion)-[:SUBJECT]->(s:Entity)
OPTIONAL MATCH (a)-[:OBJECT]->(o:Entity)
RETURN c.id AS claim, s.name AS subject, a.relation AS relation, a.mode AS mode,
       o.name AS object, c.status AS status, c.evidence_text AS evidence,
       c.evidence_start AS start, c.evidence_end AS end
ORDER BY start, claim
"""

# The browsing edge, exactly as the issue asks for it.
RUSSIA_AID_MALI_EDGE: LiteralString = (
    "MATCH (:Country {iso3:'RUS'})-[r:AID]->(:Country {iso3:'MLI'}) RETURN r"
)

# name -> (query, parameters used in the docs and tests)
EXAMPLES: dict[str, tuple[LiteralString, dict[str, Any]]] = {
    "What does Russia provide to Mali, who said so and when?": (
        AID_FROM_TO,
        {"giver": "RUS", "receiver": "MLI"},
    ),
    "Which claims about Wagner are contested, alleged by whom, denied by whom?": (
        CONTESTED_ABOUT,
        {"entity": "wagner-group"},
    ),
    "What is France doing in Mali, and since when?": (
        RELATIONS_BETWEEN,
        {"subject": "FRA", "object": "MLI"},
    ),
    "The path Russia – Wagner – Mali, with the status of each step": (
        PATH_VIA,
        {"start": "RUS", "via": "wagner-group", "end": "MLI"},
    ),
    "Every fact of the founding article with its evidence": (
        FACTS_WITH_EVIDENCE,
        {"article": "moscowtimes-2021-11-11-mali-wagner"},
    ),
    "The browsing edge Russia -AID-> Mali": (RUSSIA_AID_MALI_EDGE, {}),
}
