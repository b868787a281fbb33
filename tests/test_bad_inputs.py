"""The bad-input corpus (tests/bad_inputs/manifest.yaml) through the real loaders and the API.

Each case must: fail with an error that names the problem and its place (the manifest's
`expect` substrings), write nothing for its unit (graph checksum, element ids included,
unchanged), and not stop the good units of the same run from loading.
"""

from __future__ import annotations

import io
import json
import os
import random
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from fastapi.testclient import TestClient
from neo4j import Driver
from pydantic import SecretStr

from api.app import create_app
from graph import writer
from graph.errors import InvalidInput
from graph.gdelt_writer import load_gdelt
from graph.model import FactDocument
from graph.settings import Settings
from loaders.factdocs import load_files, read_document
from tests.conftest import GDELT_DIR, REPO, wipe
from tests.graph_checksum import graph_checksum

pytestmark = pytest.mark.neo4j

HERE = REPO / "tests" / "bad_inputs"
MANIFEST = yaml.safe_load((HERE / "manifest.yaml").read_text(encoding="utf-8"))["cases"]
GOOD = sorted((HERE / "good").iterdir())
FOUNDING_DOC = REPO / "samples" / "facts" / "2021-11-11-moscow-mali-wagner.yaml"
EVENTS_SAMPLE = GDELT_DIR / "20250820163000.export.sample.CSV"
API_KEY = "bad-inputs-test-key-0123456789"


# ------------------------------------------------------------------ files built at test time


def _huge_title(p: Path) -> None:
    p.write_text(f"article:\n  id: bad-huge-title\n  title: {'x' * 2_000_000}\n", encoding="utf-8")


def _too_many_entities(p: Path) -> None:
    ents = [{"id": f"p{i}", "type": "person", "name": f"Person {i}"} for i in range(5001)]
    doc = {"article": {"id": "bad-many-entities", "title": "t"}, "entities": ents, "facts": []}
    p.write_text(json.dumps(doc), encoding="utf-8")


def _deep_json(p: Path) -> None:
    p.write_text('{"article": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")


def _deep_yaml(p: Path) -> None:
    p.write_text("article: " + "[" * 20_000 + "]" * 20_000 + "\n", encoding="utf-8")


def _gigantic(p: Path) -> None:
    p.write_text("A title\n\n" + "Some words of an article. " * 250_000, encoding="utf-8")


def _random_binary(p: Path) -> None:
    p.write_bytes(random.Random(7).randbytes(300_000))


def _deep_article(p: Path) -> None:
    p.write_text('{"title": "t", "text": ' + "[" * 100_000 + "]" * 100_000 + "}")


def _truncated_zip(p: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("20250820163000.export.CSV", EVENTS_SAMPLE.read_bytes())
    data = buf.getvalue()
    p.write_bytes(data[: len(data) // 2])


def _huge_body(p: Path) -> None:
    doc = {"article": {"id": "bad-api-huge", "title": "x" * 2_100_000}}
    p.write_text(json.dumps(doc), encoding="utf-8")


def _deep_body(p: Path) -> None:
    p.write_text('{"article": ' + "[" * 100_000 + "]" * 100_000 + "}")


GENERATORS: dict[str, Callable[[Path], None]] = {
    "huge-title.yaml": _huge_title,
    "too-many-entities.json": _too_many_entities,
    "deep-nesting.json": _deep_json,
    "deep-nesting.yaml": _deep_yaml,
    "gigantic.txt": _gigantic,
    "random-binary.txt": _random_binary,
    "deep-article.json": _deep_article,
    "truncated.export.CSV.zip": _truncated_zip,
    "facts-huge-body.json": _huge_body,
    "facts-deep-body.json": _deep_body,
}


@pytest.fixture(scope="session")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("generated")
    for name, make in GENERATORS.items():
        make(d / name)
    return d


def case_path(case: dict[str, Any], generated: Path) -> Path:
    f = case["file"]
    return generated / f.removeprefix("generated/") if f.startswith("generated/") else HERE / f


def _ids(kind: str) -> list[Any]:
    return [pytest.param(c, id=c["file"]) for c in MANIFEST if c["kind"].startswith(kind)]


def assert_names(message: str, case: dict[str, Any]) -> None:
    missing = [s for s in case["expect"] if s not in message]
    assert not missing, f"error for {case['file']} lacks {missing}:\n{message}"


# ------------------------------------------------------------------ the corpus itself


def test_manifest_covers_every_file_and_enough_cases() -> None:
    listed = {c["file"] for c in MANIFEST}
    on_disk = {
        str(p.relative_to(HERE))
        for p in HERE.rglob("*")
        if p.is_file() and p.parent.name in ("facts", "articles", "gdelt", "api")
    }
    assert on_disk - listed == set(), "files in tests/bad_inputs/ missing from the manifest"
    assert {f for f in listed if not f.startswith("generated/")} <= on_disk
    assert {f.removeprefix("generated/") for f in listed if f.startswith("generated/")} == set(
        GENERATORS
    )
    assert len(MANIFEST) >= 40
    kinds = {c["kind"] for c in MANIFEST}
    assert kinds >= {"factdoc", "article", "gdelt_events", "gdelt_mentions", "api_facts"}
    # no committed file is big: the large ones are generated
    assert max(p.stat().st_size for p in HERE.rglob("*") if p.is_file()) < 100_000


# ------------------------------------------------------------------ a non-empty graph to protect


@pytest.fixture(scope="module")
def base(driver: Driver, settings: Settings) -> Driver:
    """The founding article and the good units loaded: a bad input must not disturb them."""
    wipe(driver, settings.neo4j_database)
    for p in [FOUNDING_DOC, *GOOD]:
        writer.load_document(driver, settings.neo4j_database, read_document(p))
    return driver


def _article_count(driver: Driver, database: str, article_id: str) -> int:
    recs, _, _ = driver.execute_query(
        "MATCH (a:Article {id: $id}) RETURN count(a) AS n", id=article_id, database_=database
    )
    return int(recs[0]["n"])


# ------------------------------------------------------------------ fact documents


@pytest.mark.parametrize("case", _ids("factdoc"))
def test_fact_document(
    case: dict[str, Any], base: Driver, settings: Settings, generated: Path
) -> None:
    db = settings.neo4j_database
    path = case_path(case, generated)
    before = graph_checksum(base, db)
    summary = load_files(base, db, [path])
    assert summary.loaded == 0 and len(summary.failed) == 1
    failure = summary.failed[0]
    assert failure.path == str(path)
    # the message the CLI prints: "<path>: <problem>" per problem
    assert_names("\n".join(f"{failure.path}: {p}" for p in failure.problems), case)
    assert graph_checksum(base, db) == before, f"{case['file']} changed the graph"
    if "article" in case:
        assert _article_count(base, db, case["article"]) == 0


def test_bad_and_good_documents_in_one_cli_run(
    base: Driver, settings: Settings, generated: Path
) -> None:
    """`geokg load` over the whole corpus plus good documents: every bad file is reported by
    name, exit code 1, and the good documents (new ones, placed after bad ones) still load."""
    db = settings.neo4j_database
    wipe(base, db)
    bad = [case_path(c, generated) for c in MANIFEST if c["kind"] == "factdoc"]
    # the good units go last, so a crash on any bad file would keep them out
    env = {**os.environ, "COLUMNS": "250"}
    proc = subprocess.run(
        [str(Path(sys.executable).parent / "geokg"), "load", *map(str, bad), *map(str, GOOD)],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=300,
    )
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    assert "Traceback" not in out
    for p in bad:
        assert p.name in out, f"{p.name} not reported"
    for g in GOOD:
        aid = read_document(g).article.id
        assert _article_count(base, db, aid) == 1, f"good document {g.name} did not load"
    bad_ids = [c["article"] for c in MANIFEST if c["kind"] == "factdoc" and "article" in c]
    recs, _, _ = base.execute_query(
        "MATCH (a:Article) WHERE a.id IN $ids RETURN collect(a.id) AS ids",
        ids=bad_ids,
        database_=db,
    )
    assert recs[0]["ids"] == []
    # restore the module's baseline for the tests that follow
    writer.load_document(base, db, read_document(FOUNDING_DOC))


def test_strict_stops_at_the_first_bad_document(base: Driver, settings: Settings) -> None:
    db = settings.neo4j_database
    first_bad = HERE / "facts" / "dangling-object.yaml"
    before = graph_checksum(base, db)
    summary = load_files(base, db, [first_bad, *GOOD], strict=True)
    assert summary.stopped and len(summary.failed) == 1 and summary.files == 1
    assert graph_checksum(base, db) == before


def test_failed_update_leaves_the_old_version(base: Driver, settings: Settings) -> None:
    """A broken new version of an article already in the graph: the old version stays whole."""
    db = settings.neo4j_database
    good = read_document(GOOD[0])
    writer.load_document(base, db, good)
    before = graph_checksum(base, db)
    broken = good.model_dump(mode="json")
    broken["entities"].append({"id": "atl", "type": "country", "name": "Atlantis Freedonia"})
    broken["facts"].append({"id": "zz", "subject": "atl", "relation": "AGREE"})
    with pytest.raises(InvalidInput, match=r"entities\[\d+\] \(atl\)"):
        writer.load_document(base, db, FactDocument.model_validate(broken))
    assert graph_checksum(base, db) == before


# ------------------------------------------------------------------ raw articles


@pytest.mark.parametrize("case", _ids("article"))
def test_article(case: dict[str, Any], base: Driver, settings: Settings, generated: Path) -> None:
    from loaders.extract.article import ArticleError, read_article

    path = case_path(case, generated)
    before = graph_checksum(base, settings.neo4j_database)
    with pytest.raises(ArticleError) as err:
        read_article(path)
    assert_names(str(err.value), case)
    assert graph_checksum(base, settings.neo4j_database) == before


# ------------------------------------------------------------------ GDELT


def _without_line(path: Path, line: int, out: Path) -> Path:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    del lines[line - 1]
    out.write_text("".join(lines), encoding="utf-8")
    return out


def _gdelt(driver: Driver, db: str, path: Path, kind: str) -> Any:
    if kind == "gdelt_mentions":
        return load_gdelt(driver, db, [], [path])
    return load_gdelt(driver, db, [path])


@pytest.mark.parametrize("case", _ids("gdelt"))
def test_gdelt(
    case: dict[str, Any], base: Driver, settings: Settings, generated: Path, tmp_path: Path
) -> None:
    db = settings.neo4j_database
    path = case_path(case, generated)
    if "line" not in case:
        # a damaged file: refused as a whole, by name, before anything is written
        before = graph_checksum(base, db)
        stats = _gdelt(base, db, path, case["kind"])
        assert [p for p, _ in stats.failed_files] == [str(path)]
        assert_names(stats.failed_files[0][1], case)
        assert graph_checksum(base, db) == before
        return
    # A bad row among good ones: load the good rows alone first, then the whole file. The
    # second load must change nothing (the good rows are already there, the bad one is never
    # written), and report the bad row by line with its reason.
    good_only = _without_line(path, case["line"], tmp_path / path.name)
    first = _gdelt(base, db, good_only, case["kind"])
    assert not first.malformed
    before = graph_checksum(base, db)
    stats = _gdelt(base, db, path, case["kind"])
    assert graph_checksum(base, db) == before, "the bad row (or a re-load) changed the graph"
    assert [(p, n) for p, n, _ in stats.malformed] == [(str(path), case["line"])]
    _, line, reason = stats.malformed[0]
    # the CLI prints "malformed <path>:<line>: <reason>"
    assert_names(f"{path}:{line}: {reason}", case)
    if case["kind"] == "gdelt_events":
        assert stats.loaded == first.loaded > 0, "the good rows of the file must still load"
    else:
        assert stats.mention_rows == first.mention_rows > 0


def test_gdelt_damaged_file_does_not_stop_the_good_files(
    base: Driver, settings: Settings, generated: Path, tmp_path: Path
) -> None:
    """One run over a damaged zip and a good file: the good file must still load, whatever
    the order the files come in."""
    db = settings.neo4j_database
    wipe(base, db)
    good = tmp_path / "20250820163000.export.CSV"
    good.write_bytes(EVENTS_SAMPLE.read_bytes()[:20_000].rsplit(b"\n", 1)[0] + b"\n")
    bad = HERE / "gdelt" / "not-a-zip.export.CSV.zip"
    # through the CLI: the damaged file is named, the exit code says something failed
    proc = subprocess.run(
        [str(Path(sys.executable).parent / "geokg"), "load-gdelt", str(bad), str(good)],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "250"},
        cwd=REPO,
        timeout=300,
    )
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    assert "not-a-zip.export.CSV.zip" in out and "not a readable zip file" in out, out
    assert "Traceback" not in out
    recs, _, _ = base.execute_query(
        "MATCH (c:Claim) WHERE c.id STARTS WITH 'gdelt:' RETURN count(c) AS n", database_=db
    )
    n = int(recs[0]["n"])
    wipe(base, db)
    writer.load_document(base, db, read_document(FOUNDING_DOC))
    assert n > 0, "a damaged file earlier in the run kept the good file from loading"


# ------------------------------------------------------------------ API bodies


@pytest.fixture(scope="module")
def client(base: Driver, settings: Settings) -> Iterator[TestClient]:
    s = settings.model_copy(update={"api_keys": [SecretStr(API_KEY)]})
    with TestClient(create_app(s), raise_server_exceptions=False) as c:
        yield c


@pytest.mark.parametrize("case", _ids("api"))
def test_api_body(
    case: dict[str, Any], client: TestClient, base: Driver, settings: Settings, generated: Path
) -> None:
    db = settings.neo4j_database
    body = case_path(case, generated).read_bytes()
    url = "/cypher" if case["kind"] == "api_cypher" else "/facts"
    before = graph_checksum(base, db)
    r = client.post(
        url, content=body, headers={"X-API-Key": API_KEY, "Content-Type": "application/json"}
    )
    assert r.status_code == case["status"], r.text[:500]
    assert r.headers["content-type"].startswith("application/json")
    assert_names(r.text, case)
    assert "Traceback" not in r.text
    assert graph_checksum(base, db) == before
