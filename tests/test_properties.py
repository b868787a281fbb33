"""Property-based tests of the fact loader on generated, valid fact documents (Hypothesis).

For a generated set of documents that share entities (so their facts meet on the same
assertions and browsing edges):

- loading twice equals loading once (and the second load writes nothing at all);
- the order the documents are loaded in does not change the graph;
- deleting an article and loading it again gives the graph back;
- loading a changed version of an article and then the original again gives the graph back.

Graphs are compared with `tests/content_checksum.py`: every node, relationship and property,
element ids and `loaded_at` (the write's transaction time) excluded, since those legitimately
differ between two loads of the same data. The "load twice" property uses the strict checksum
(`tests/graph_checksum.py`, element ids and load times included): a re-load must touch nothing.

Entities are drawn from one catalogue, so every document declares a given entity the same way:
the writer's documented rule for entity scalars is "the latest document wins" (aliases
accumulate), so documents that disagree about an entity's name legitimately depend on order.
"""

from __future__ import annotations

import random
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from neo4j import Driver

from graph import writer
from graph.model import FactDocument
from graph.settings import Settings
from graph.vocab import RELATIONS, Relation
from tests.conftest import wipe
from tests.content_checksum import content_checksum, content_lines
from tests.graph_checksum import graph_checksum

pytestmark = pytest.mark.neo4j

# (id, declaration): fixed per id, so documents agree about every entity they share.
CATALOGUE: dict[str, dict[str, Any]] = {
    "mali": {"type": "country", "name": "Mali", "iso3": "MLI"},
    "france": {"type": "country", "name": "France", "iso3": "FRA"},
    "russia": {"type": "country", "name": "Russia", "iso3": "RUS", "aliases": ["Moscow"]},
    "burkina": {"type": "country", "name": "Burkina Faso", "iso3": "BFA"},
    "wagner": {
        "type": "organization",
        "name": "Wagner Group",
        "kind": "private_military_company",
        "aliases": ["Wagner"],
    },
    "ecowas": {
        "type": "organization",
        "name": "ECOWAS",
        "kind": "intergovernmental_organization",
    },
    "goita": {"type": "person", "name": "Assimi Goita", "country": "MLI"},
    "spokesman": {"type": "person", "name": "A Government Spokesman"},
    "gao": {"type": "location", "name": "Gao", "country": "MLI", "lat": 16.27, "lon": -0.04},
}
# Relations without subject/object type rules, so any catalogue pair is valid.
FREE_RELATIONS = [r for r, i in RELATIONS.items() if not i.subject_types and not i.object_types]
PERSONS = [k for k, v in CATALOGUE.items() if v["type"] == "person"]
STATUSES = ["asserted", "reported", "alleged", "denied", "confirmed", "retracted", "intended"]

dates = st.one_of(
    st.none(),
    st.builds(
        lambda y, m, d: f"{y}-{m:02d}-{d:02d}",
        st.integers(2015, 2024),
        st.integers(1, 12),
        st.integers(1, 28),
    ),
    st.integers(2015, 2024).map(str),
)


@st.composite
def facts(draw: st.DrawFn) -> dict[str, Any]:
    rel: Relation = draw(st.sampled_from(FREE_RELATIONS))
    info = RELATIONS[rel]
    subject = draw(st.sampled_from(sorted(CATALOGUE)))
    obj = draw(st.sampled_from(sorted(CATALOGUE)))
    f: dict[str, Any] = {"subject": subject, "relation": str(rel)}
    if info.requires_object or draw(st.booleans()):
        f["object"] = obj
    if info.modes and draw(st.booleans()):
        f["mode"] = draw(st.sampled_from(sorted(info.modes)))
    f["status"] = draw(st.sampled_from(STATUSES))
    if draw(st.booleans()):
        f["attributed_to"] = draw(st.sampled_from(PERSONS))
    if (d := draw(dates)) is not None:
        f["date"] = d
    f["confidence"] = draw(st.sampled_from([0.5, 0.8, 1.0]))
    if draw(st.booleans()):
        f["evidence"] = {"text": draw(st.text("abcdefgh ", min_size=1, max_size=30)).strip() or "x"}
    return f


@st.composite
def documents(draw: st.DrawFn, article_id: str) -> FactDocument:
    fs = draw(st.lists(facts(), min_size=1, max_size=6))
    used = {f[k] for f in fs for k in ("subject", "object", "attributed_to") if k in f}
    extra = draw(st.sets(st.sampled_from(sorted(CATALOGUE)), max_size=2))
    ents = [{"id": k, **CATALOGUE[k]} for k in sorted(used | extra)]
    for n, f in enumerate(fs):
        f["id"] = f"f{n}"
    article: dict[str, Any] = {"id": article_id, "title": f"Generated {article_id}"}
    if draw(st.booleans()):
        article["published"] = draw(dates.filter(lambda d: d is not None))
    if draw(st.booleans()):
        article["publisher"] = draw(st.sampled_from(["Wire A", "Wire B"]))
    return FactDocument.model_validate({"article": article, "entities": ents, "facts": fs})


@st.composite
def corpora(draw: st.DrawFn) -> list[FactDocument]:
    n = draw(st.integers(2, 4))
    return [draw(documents(f"prop-{i}")) for i in range(n)]


PROPS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,  # the same examples in CI every run
)


def load_all(driver: Driver, db: str, docs: list[FactDocument]) -> list[str]:
    return [writer.load_document(driver, db, d).status for d in docs]


def assert_same(driver: Driver, db: str, expected: str, expected_lines: list[str]) -> None:
    got = content_checksum(driver, db)
    if got != expected:
        now = set(content_lines(driver, db))
        was = set(expected_lines)
        diff = [f"- {x}" for x in sorted(was - now)][:8] + [f"+ {x}" for x in sorted(now - was)]
        pytest.fail("graph differs from a clean load:\n" + "\n".join(diff[:16]))


@PROPS
@given(docs=corpora(), seed=st.integers(0, 10_000))
def test_load_is_idempotent_and_order_free(
    driver: Driver, settings: Settings, docs: list[FactDocument], seed: int
) -> None:
    db = settings.neo4j_database
    wipe(driver, db)
    assert load_all(driver, db, docs) == ["created"] * len(docs)
    clean, clean_lines = content_checksum(driver, db), content_lines(driver, db)
    strict = graph_checksum(driver, db)

    # load twice == load once, and the second load writes nothing (element ids, load times)
    assert load_all(driver, db, docs) == ["unchanged"] * len(docs)
    assert graph_checksum(driver, db) == strict

    # another order, from an empty graph
    shuffled = docs[:]
    random.Random(seed).shuffle(shuffled)
    shuffled.reverse()
    wipe(driver, db)
    load_all(driver, db, shuffled)
    assert_same(driver, db, clean, clean_lines)


@PROPS
@given(docs=corpora(), which=st.integers(0, 3), change=documents("prop-0"))
def test_delete_reload_and_replace_restore(
    driver: Driver,
    settings: Settings,
    docs: list[FactDocument],
    which: int,
    change: FactDocument,
) -> None:
    db = settings.neo4j_database
    wipe(driver, db)
    load_all(driver, db, docs)
    clean, clean_lines = content_checksum(driver, db), content_lines(driver, db)
    victim = docs[which % len(docs)]

    # delete then reload == load
    r = writer.delete_article(driver, db, victim.article.id)
    assert r.status == "deleted"
    assert content_checksum(driver, db) != clean
    assert writer.load_document(driver, db, victim).status == "created"
    assert_same(driver, db, clean, clean_lines)

    # a changed version of the article, then the original again == load
    changed = change.model_copy(update={"article": victim.article})
    writer.load_document(driver, db, changed)
    writer.load_document(driver, db, victim)
    assert_same(driver, db, clean, clean_lines)
