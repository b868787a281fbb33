"""The fact loader against the real Neo4j: idempotency, replacement, deletion, atomicity."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import yaml
from neo4j import Driver
from typer.testing import CliRunner

from graph.errors import InvalidInput, NotFound
from graph.model import FactDocument
from graph.settings import Settings
from graph.writer import delete_article, load_document, reaggregate
from loaders.factdocs import DocumentError, expand_paths, load_paths, read_document

REPO = Path(__file__).resolve().parent.parent
FOUNDING = REPO / "samples" / "facts" / "2021-11-11-moscow-mali-wagner.yaml"
EXAMPLES = REPO / "samples" / "examples"

pytestmark = pytest.mark.neo4j


# ------------------------------------------------------------------ helpers


def dump(driver: Driver, *, drop: tuple[str, ...] = ()) -> tuple[list[str], list[str]]:
    """Every node and relationship with all its properties, keyed by business ids."""
    nodes, _, _ = driver.execute_query(
        "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props"
    )
    rels, _, _ = driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b, properties(r) AS props"
    )

    def clean(p: dict[str, Any]) -> str:
        return repr(sorted((k, v) for k, v in p.items() if k not in drop))

    n = sorted(f"{sorted(r['labels'])} {clean(r['props'])}" for r in nodes)
    e = sorted(f"{r['a']} -{r['t']}-> {r['b']} {clean(r['props'])}" for r in rels)
    return n, e


def counts(driver: Driver) -> tuple[int, int]:
    n = driver.execute_query("MATCH (n) RETURN count(n) AS c").records[0]["c"]
    r = driver.execute_query("MATCH ()-[r]->() RETURN count(r) AS c").records[0]["c"]
    return n, r


def base_doc(article_id: str = "test-a", **article: Any) -> dict[str, Any]:
    return {
        "article": {
            "id": article_id,
            "title": f"Test article {article_id}",
            "publisher": "Test Wire",
            "published": "2021-11-11",
            **article,
        },
        "entities": [
            {"id": "ru", "type": "country", "name": "Russia", "iso3": "RUS"},
            {"id": "ml", "type": "country", "name": "Mali", "iso3": "MLI"},
            {"id": "lavrov", "type": "person", "name": "Sergei Lavrov"},
            {"id": "diop", "type": "person", "name": "Abdoulaye Diop"},
        ],
        "facts": [
            {
                "id": "aid",
                "subject": "ru",
                "relation": "AID",
                "object": "ml",
                "mode": "military",
                "attributed_to": "lavrov",
                "date": "2021-11-11",
                "evidence": {"text": "Russia supplies arms to Mali."},
            },
            {
                "id": "talks",
                "subject": "diop",
                "relation": "CONSULT",
                "object": "lavrov",
                "mode": "visit",
                "date": "2021-11-11",
            },
        ],
    }


def load(driver: Driver, settings: Settings, data: dict[str, Any]):
    return load_document(driver, settings.neo4j_database, FactDocument.model_validate(data))


def one(driver: Driver, query: str, **params: Any) -> Any:
    recs = driver.execute_query(query, params).records
    return recs[0][0] if recs else None


# ------------------------------------------------------------------ idempotency


def test_loading_twice_changes_nothing(clean_db: Driver, settings: Settings) -> None:
    db = settings.neo4j_database
    first = load_paths(clean_db, db, [FOUNDING, EXAMPLES])
    assert first.ok and len(first.created) == 3
    before, before_counts = dump(clean_db), counts(clean_db)

    second = load_paths(clean_db, db, [FOUNDING, EXAMPLES])
    assert second.ok and second.loaded == 0 and len(second.unchanged) == 3
    assert second.claims_created == second.entities_created == second.entities_updated == 0
    # every property, loaded_at included, is untouched
    assert counts(clean_db) == before_counts
    assert dump(clean_db) == before


def test_changed_document_replaces_its_facts(clean_db: Driver, settings: Settings) -> None:
    v1 = base_doc()
    v1["entities"].append({"id": "fr", "type": "country", "name": "France", "iso3": "FRA"})
    v1["facts"].append(
        {"id": "accuse", "subject": "fr", "relation": "ACCUSE", "object": "ru", "mode": "allege"}
    )
    r1 = load(clean_db, settings, v1)
    assert (r1.status, r1.claims_created, r1.assertions_created) == ("created", 3, 3)
    aid_loaded_at = one(clean_db, "MATCH (c:Claim {id: 'test-a#aid'}) RETURN c.loaded_at")

    v2 = copy.deepcopy(base_doc())
    v2["facts"][1]["date"] = "2021-11-10"  # changed
    v2["facts"].append(
        {"id": "support", "subject": "ru", "relation": "SUPPORT", "object": "ml"}
    )  # new; "accuse" and France are gone
    r2 = load(clean_db, settings, v2)
    assert r2.status == "updated"
    assert (r2.claims_created, r2.claims_updated, r2.claims_deleted, r2.claims_unchanged) == (
        1,
        1,
        1,
        1,
    )
    assert r2.assertions_deleted == 1 and r2.assertions_created == 1
    assert r2.entities_deleted == 1  # France: nothing else holds it

    claims = {r["id"] for r in clean_db.execute_query("MATCH (c:Claim) RETURN c.id AS id").records}
    assert claims == {"test-a#aid", "test-a#talks", "test-a#support"}
    assert one(clean_db, "MATCH (a:Assertion {relation: 'ACCUSE'}) RETURN count(a)") == 0
    assert one(clean_db, "MATCH ()-[r:ACCUSE]->() RETURN count(r)") == 0
    assert one(clean_db, "MATCH (c:Country {iso3: 'FRA'}) RETURN count(c)") == 0
    assert one(clean_db, "MATCH (c:Claim {id: 'test-a#talks'}) RETURN c.date") == "2021-11-10"
    assert one(clean_db, "MATCH ()-[r:CONSULT]->() RETURN r.first_seen") == "2021-11-10"
    assert one(clean_db, "MATCH (:Country {iso3:'RUS'})-[r:SUPPORT]->() RETURN r.status") == (
        "asserted"
    )
    # the claim that did not change was not rewritten
    assert one(clean_db, "MATCH (c:Claim {id: 'test-a#aid'}) RETURN c.loaded_at") == aid_loaded_at


def test_reloading_an_earlier_version_restores_the_same_graph(
    clean_db: Driver, settings: Settings
) -> None:
    v1 = base_doc()
    v2 = base_doc()
    v2["facts"][0]["status"] = "denied"
    v2["facts"][0]["attributed_to"] = "diop"
    del v2["facts"][1]
    load(clean_db, settings, v1)
    expected = dump(clean_db, drop=("loaded_at",))
    load(clean_db, settings, v2)
    assert one(clean_db, "MATCH ()-[r:AID]->() RETURN r.status") == "denied"
    assert one(clean_db, "MATCH (:Person {id:'abdoulaye-diop'})-[r:DENIES]->() RETURN count(r)")
    assert dump(clean_db, drop=("loaded_at",)) != expected
    load(clean_db, settings, v1)
    assert dump(clean_db, drop=("loaded_at",)) == expected


# ------------------------------------------------------------------ corroboration and delete


def test_fact_supported_by_another_article_survives(clean_db: Driver, settings: Settings) -> None:
    a, b = base_doc("test-a"), base_doc("test-b", published="2021-11-12")
    b["facts"][0]["date"] = None
    load(clean_db, settings, a)
    load(clean_db, settings, b)
    edge = "MATCH (:Country {iso3:'RUS'})-[r:AID]->(:Country {iso3:'MLI'}) RETURN r"
    r = one(clean_db, edge)
    assert (r["claims"], r["sources"], r["first_seen"], r["last_seen"]) == (
        2,
        2,
        "2021-11-11",
        "2021-11-12",
    )
    assert one(clean_db, "MATCH (a:Assertion {relation:'AID'}) RETURN count(a)") == 1

    a2 = base_doc("test-a")
    del a2["facts"][0]  # article A no longer says it; B still does
    load(clean_db, settings, a2)
    r = one(clean_db, edge)
    assert (r["claims"], r["sources"], r["first_seen"]) == (1, 1, "2021-11-12")
    assert one(clean_db, "MATCH (c:Claim {article:'test-a'}) RETURN count(c)") == 1

    delete_article(clean_db, settings.neo4j_database, "test-b")
    assert one(clean_db, edge) is None
    assert one(clean_db, "MATCH (a:Assertion {relation:'AID'}) RETURN count(a)") == 0


def test_delete_article_removes_only_what_it_alone_supported(
    clean_db: Driver, settings: Settings
) -> None:
    db = settings.neo4j_database
    load_paths(clean_db, db, [EXAMPLES])
    only_examples = dump(clean_db)
    load_paths(clean_db, db, [FOUNDING])

    result = delete_article(clean_db, db, "moscowtimes-2021-11-11-mali-wagner")
    assert result.claims_deleted == 28 and result.assertions_deleted > 0
    assert result.entities_deleted > 0  # Wagner, Diop, France... nothing else holds them
    assert dump(clean_db) == only_examples
    with pytest.raises(NotFound):
        delete_article(clean_db, db, "moscowtimes-2021-11-11-mali-wagner")


def test_deleting_a_cited_article_recounts_the_claims_citing_it(
    clean_db: Driver, settings: Settings
) -> None:
    db = settings.neo4j_database
    b = base_doc("test-b")
    b["facts"].append({"id": "support", "subject": "ru", "relation": "SUPPORT", "object": "ml"})
    load(clean_db, settings, base_doc("test-a"))
    load(clean_db, settings, b)
    # B's claim also cites A, as GDELT mentions do; only B's claims are about SUPPORT
    clean_db.execute_query(
        "MATCH (c:Claim {id: 'test-b#support'}), (a:Article {id: 'test-a'}) "
        "CREATE (c)-[:SOURCE {primary: false}]->(a)"
    )
    aid = one(clean_db, "MATCH (a:Assertion {relation: 'SUPPORT'}) RETURN a.id")
    reaggregate(clean_db, db, [aid])
    support = "MATCH ()-[r:SUPPORT]->() RETURN [r.claims, r.sources]"
    assert one(clean_db, support) == [1, 2]
    delete_article(clean_db, db, "test-a")
    assert one(clean_db, support) == [1, 1]


# ------------------------------------------------------------------ invalid documents


def _write(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def test_invalid_document_writes_nothing_and_names_the_problem(
    clean_db: Driver, settings: Settings, tmp_path: Path
) -> None:
    good = _write(tmp_path / "a-good.yaml", base_doc("test-good"))
    bad_data = base_doc("test-bad")
    bad_data["facts"][1]["relation"] = "HELP"
    bad_data["facts"][0]["evidence"] = {"text": "x", "start": 9, "end": 3}
    bad = _write(tmp_path / "b-bad.yaml", bad_data)

    summary = load_paths(clean_db, settings.neo4j_database, [tmp_path])
    assert summary.created == ["test-good"]
    assert [f.path for f in summary.failed] == [str(bad)]
    problems = summary.failed[0].problems
    assert any(
        "facts[1] (id 'talks').relation" in p and "'HELP'" in p and p.startswith("line ")
        for p in problems
    )
    assert any("facts[0] (id 'aid').evidence" in p and "end (3)" in p for p in problems)
    articles = clean_db.execute_query("MATCH (a:Article) RETURN a.id AS id").records
    assert [r["id"] for r in articles] == ["test-good"]
    assert good.exists()


def test_strict_stops_at_first_error(clean_db: Driver, settings: Settings, tmp_path: Path) -> None:
    bad = base_doc("test-bad")
    bad["facts"][0]["subject"] = "nobody"
    _write(tmp_path / "a-bad.yaml", bad)
    _write(tmp_path / "b-good.yaml", base_doc("test-good"))
    summary = load_paths(clean_db, settings.neo4j_database, [tmp_path], strict=True)
    assert summary.stopped and summary.loaded == 0 and len(summary.failed) == 1
    assert "facts[0] (aid).subject: 'nobody' is not an entity id" in summary.failed[0].problems[0]
    assert counts(clean_db) == (0, 0)


def test_document_failing_at_write_time_leaves_the_graph_untouched(
    clean_db: Driver, settings: Settings, tmp_path: Path
) -> None:
    load(clean_db, settings, base_doc("test-a"))
    before = dump(clean_db)

    # Valid on its own, but the graph already holds `sergei-lavrov` as a person: the conflict
    # is found inside the transaction, after the article and other rows were written.
    clash = base_doc("test-b")
    clash["entities"][2] = {"id": "sergei-lavrov", "type": "organization", "name": "Lavrov Fund"}
    clash["facts"][0]["attributed_to"] = "sergei-lavrov"
    clash["facts"][1]["object"] = "sergei-lavrov"
    with pytest.raises(InvalidInput, match=r"sergei-lavrov.*person in the graph"):
        load(clean_db, settings, clash)
    assert dump(clean_db) == before

    # A country no gazetteer entry matches: reported with the entity, nothing written.
    atlantis = base_doc("test-c")
    atlantis["entities"][1] = {"id": "ml", "type": "country", "name": "Atlantis"}
    path = _write(tmp_path / "atlantis.yaml", atlantis)
    summary = load_paths(clean_db, settings.neo4j_database, [path])
    assert summary.loaded == 0
    assert "entities[1] (ml)" in summary.failed[0].problems[0]
    assert "Atlantis" in summary.failed[0].problems[0]
    assert dump(clean_db) == before


# ------------------------------------------------------------------ identity


def test_moscow_and_russian_federation_are_one_node(clean_db: Driver, settings: Settings) -> None:
    summary = load_paths(clean_db, settings.neo4j_database, [EXAMPLES])
    assert summary.ok and summary.loaded == 2
    rows = clean_db.execute_query(
        "MATCH (c:Country) WHERE c.iso3 = 'RUS' OR 'Moscow' IN c.aliases "
        "OR 'Russian Federation' IN c.aliases RETURN c.id AS id, c.aliases AS aliases"
    ).records
    assert len(rows) == 1 and rows[0]["id"] == "RUS"
    assert {"Moscow", "Russian Federation"} <= set(rows[0]["aliases"])
    mentions = one(
        clean_db, "MATCH (a:Article)-[:MENTIONS]->(:Country {iso3:'RUS'}) RETURN count(a)"
    )
    assert mentions == 2


# ------------------------------------------------------------------ aggregate status


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        (["asserted"], "asserted"),
        (["reported", "denied"], "contested"),
        (["alleged", "retracted"], "contested"),
        (["intended", "denied"], "intended"),  # an intent is not a claim of fact
        (["denied", "retracted"], "denied"),
        (["alleged", "reported"], "reported"),
        (["confirmed", "asserted"], "confirmed"),
        (["intended"], "intended"),
    ],
)
def test_aggregate_status(
    clean_db: Driver, settings: Settings, statuses: list[str], expected: str
) -> None:
    doc = base_doc()
    fact = doc["facts"][0]
    doc["facts"] = [{**fact, "id": f"f{i}", "status": s} for i, s in enumerate(statuses)]
    load(clean_db, settings, doc)
    assert one(clean_db, "MATCH (a:Assertion) RETURN a.status") == expected
    assert one(clean_db, "MATCH ()-[r:AID]->() RETURN r.status") == expected
    assert one(clean_db, "MATCH (a:Assertion) RETURN a.claim_count") == len(statuses)


def test_reaggregate_by_id_follows_the_claims(clean_db: Driver, settings: Settings) -> None:
    """The entry point other loaders use after changing claims themselves."""
    doc = base_doc()
    doc["facts"].append({**doc["facts"][0], "id": "denial", "status": "denied"})
    doc["facts"][-1]["attributed_to"] = "diop"
    load(clean_db, settings, doc)
    aid = one(clean_db, "MATCH (a:Assertion {relation: 'AID'}) RETURN a.id")
    assert one(clean_db, "MATCH ()-[r:AID]->() RETURN r.status") == "contested"

    clean_db.execute_query("MATCH (c:Claim {id: 'test-a#denial'}) DETACH DELETE c")
    result = reaggregate(clean_db, settings.neo4j_database, [aid])
    assert result.updated == [aid] and result.deleted == []
    assert one(clean_db, "MATCH ()-[r:AID]->() RETURN [r.status, r.claims]") == ["asserted", 1]
    assert one(clean_db, "MATCH ()-[r:DENIES]->() RETURN count(r)") == 0
    assert one(clean_db, "MATCH ()-[r:ASSERTS]->() RETURN count(r)") == 1

    clean_db.execute_query("MATCH (c:Claim {id: 'test-a#aid'}) DETACH DELETE c")
    result = reaggregate(clean_db, settings.neo4j_database, [aid])
    assert result.deleted == [aid] and result.released_entities == {"RUS", "MLI"}
    assert one(clean_db, "MATCH ()-[r:AID]->() RETURN count(r)") == 0
    assert one(clean_db, "MATCH ()-[r:ASSERTS]->() RETURN count(r)") == 0


# ------------------------------------------------------------------ files and CLI


def test_read_document_reports_json_and_yaml_syntax(tmp_path: Path) -> None:
    p = tmp_path / "broken.json"
    p.write_text('{"article": {"id": "x",}}')
    with pytest.raises(DocumentError) as e:
        read_document(p)
    assert str(p) in str(e.value) and "line 1: invalid JSON" in str(e.value)
    y = tmp_path / "broken.yaml"
    y.write_text("article:\n  id: [unclosed\n")
    with pytest.raises(DocumentError, match="invalid YAML"):
        read_document(y)
    with pytest.raises(InvalidInput, match="no such file"):
        expand_paths([tmp_path / "missing.yaml"])
    assert expand_paths([str(EXAMPLES / "*.json")]) == [
        EXAMPLES / "example-russian-federation.json"
    ]


@pytest.fixture
def cli(clean_db: Driver, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    """The CLI on the test session's driver (driver_scope would close the shared one)."""
    import cli.data_cmd as data_cmd

    @contextmanager
    def scope() -> Iterator[Driver]:
        yield clean_db

    monkeypatch.setattr(data_cmd, "driver_scope", scope)
    return CliRunner()


def test_cli_load_delete_and_export(cli: CliRunner, clean_db: Driver, tmp_path: Path) -> None:
    from cli.main import app

    ok = cli.invoke(app, ["load", str(FOUNDING), str(EXAMPLES)])
    assert ok.exit_code == 0, ok.output
    assert "articles" in ok.stdout and "31 facts in 3 documents" in ok.stdout
    assert one(clean_db, "MATCH (a:Article) RETURN count(a)") == 3

    bad = base_doc("test-bad")
    bad["facts"][0]["mode"] = "militray"
    path = _write(tmp_path / "bad.yaml", bad)
    failed = cli.invoke(app, ["load", str(path), str(FOUNDING)])
    assert failed.exit_code == 1
    assert f"{path}: line" in failed.output and "militray" in failed.output
    strict = cli.invoke(app, ["load", "--strict", str(path)])
    assert strict.exit_code == 1

    gone = cli.invoke(app, ["delete", "article", "example-moscow-alias"])
    assert gone.exit_code == 0, gone.output
    assert one(clean_db, "MATCH (a:Article) RETURN count(a)") == 2
    missing = cli.invoke(app, ["delete", "article", "no-such-article"])
    assert missing.exit_code == 1 and "no-such-article" in missing.output

    out = tmp_path / "schema.json"
    exported = cli.invoke(app, ["schema", "export", "-o", str(out)])
    assert exported.exit_code == 0, exported.output
    schema = json.loads(out.read_text())
    assert "AID" in schema["$defs"]["Relation"]["enum"]
    assert schema["$defs"]["RelationInfo"]["AID"]["quad"] == "material_cooperation"
    assert set(schema["properties"]) >= {"article", "entities", "facts"}
