"""Constraints and indexes. Every statement is idempotent (IF NOT EXISTS)."""

from typing import LiteralString

STATEMENTS: tuple[LiteralString, ...] = (
    "CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT country_iso3 IF NOT EXISTS FOR (n:Country) REQUIRE n.iso3 IS UNIQUE",
    "CREATE CONSTRAINT article_id IF NOT EXISTS FOR (n:Article) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT publisher_id IF NOT EXISTS FOR (n:Publisher) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT assertion_id IF NOT EXISTS FOR (n:Assertion) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT claim_id IF NOT EXISTS FOR (n:Claim) REQUIRE n.id IS UNIQUE",
    "CREATE INDEX entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name)",
    "CREATE INDEX entity_type IF NOT EXISTS FOR (n:Entity) ON (n.type)",
    "CREATE INDEX article_url IF NOT EXISTS FOR (n:Article) ON (n.url)",
    "CREATE INDEX article_published IF NOT EXISTS FOR (n:Article) ON (n.published)",
    "CREATE INDEX assertion_relation IF NOT EXISTS FOR (n:Assertion) ON (n.relation)",
    "CREATE INDEX assertion_status IF NOT EXISTS FOR (n:Assertion) ON (n.status)",
    "CREATE INDEX assertion_subject IF NOT EXISTS FOR (n:Assertion) ON (n.subject)",
    "CREATE INDEX assertion_object IF NOT EXISTS FOR (n:Assertion) ON (n.object)",
    "CREATE INDEX claim_status IF NOT EXISTS FOR (n:Claim) ON (n.status)",
    "CREATE INDEX claim_date IF NOT EXISTS FOR (n:Claim) ON (n.date)",
    # Claims in (date, id) order: a hub's timeline without reading all its claims (graph.reader)
    "CREATE INDEX claim_date_id IF NOT EXISTS FOR (n:Claim) ON (n.date, n.id)",
    "CREATE INDEX claim_article IF NOT EXISTS FOR (n:Claim) ON (n.article)",
    "CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (n:Entity) ON EACH [n.names_text]"
    " OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding'}}",
)

AWAIT: LiteralString = "CALL db.awaitIndexes(300)"
