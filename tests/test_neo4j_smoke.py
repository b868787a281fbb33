"""The suite talks to a real Neo4j: these tests fail if it does not."""

from neo4j import Driver

from graph.settings import Settings


def test_real_server_answers(driver: Driver, settings: Settings) -> None:
    records, _, _ = driver.execute_query(
        "CALL dbms.components() YIELD name, versions, edition RETURN name, versions, edition",
        database_=settings.neo4j_database,
    )
    assert records[0]["name"] == "Neo4j Kernel"
    assert records[0]["versions"][0].startswith("5.26")


def test_schema_is_applied(driver: Driver, settings: Settings) -> None:
    records, _, _ = driver.execute_query(
        "SHOW CONSTRAINTS YIELD name RETURN collect(name) AS n", database_=settings.neo4j_database
    )
    assert {"entity_id", "claim_id", "assertion_id", "article_id"} <= set(records[0]["n"])


def test_clean_db_is_empty(clean_db: Driver, settings: Settings) -> None:
    clean_db.execute_query("CREATE (:Scratch {x: 1})", database_=settings.neo4j_database)
    records, _, _ = clean_db.execute_query(
        "MATCH (n:Scratch) RETURN count(n) AS c", database_=settings.neo4j_database
    )
    assert records[0]["c"] == 1
