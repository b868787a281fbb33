"""The founding article (../shared/seeds/, read only): the facts issue 3 lists, with their
statuses, speakers and exact offsets. Skipped when the shared folder is absent."""

from __future__ import annotations

import json

import pytest
import yaml

from graph.model import FactDocument, Relation, Status
from loaders.extract import get_extractor
from loaders.extract.article import read_article
from loaders.extract.evaluate import Report, compare
from loaders.extract.pipeline import to_json
from tests.conftest import REPO, SEED_ARTICLE

pytestmark = pytest.mark.skipif(not SEED_ARTICLE.exists(), reason="shared seed article absent")


@pytest.fixture(scope="module")
def doc() -> FactDocument:
    return get_extractor().extract(read_article(SEED_ARTICLE))


def _find(doc: FactDocument, s: str, r: Relation, o: str | None, status: Status | None = None):
    return [
        f
        for f in doc.facts
        if f.subject == s
        and f.relation is r
        and f.object == o
        and (status is None or f.status is status)
    ]


def test_article_metadata(doc: FactDocument) -> None:
    a = doc.article
    assert a.publisher == "The Moscow Times"
    assert a.agency == "AFP"
    assert a.published == "2021-11-11"
    assert a.url and a.url.startswith("https://www.themoscowtimes.com/2021/11/11/")


def test_every_evidence_offset_is_exact(doc: FactDocument) -> None:
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    assert doc.facts
    for f in doc.facts:
        assert f.evidence is not None and f.evidence.start is not None
        assert text[f.evidence.start : f.evidence.end] == f.evidence.text


def test_russia_aids_mali_per_lavrov(doc: FactDocument) -> None:
    (aid,) = _find(doc, "RUS", Relation.AID, "MLI", Status.ASSERTED)
    assert aid.mode == "military"
    assert aid.attributed_to == "sergei-lavrov"
    assert aid.date == "2021-11-11"
    assert "weapons and ammunition" in aid.evidence.text  # type: ignore[union-attr]


def test_cooperation_support_and_talks(doc: FactDocument) -> None:
    assert _find(doc, "RUS", Relation.COOPERATE, "MLI")
    assert _find(doc, "RUS", Relation.SUPPORT, "MLI")
    # persons act for their states: Lavrov (Russia) and Diop (Mali) held talks in Moscow
    assert _find(doc, "RUS", Relation.CONSULT, "MLI")


def test_wagner_deal_reported_and_denied(doc: FactDocument) -> None:
    (rep,) = _find(doc, "MLI", Relation.AGREE, "wagner-group", Status.REPORTED)
    assert rep.attribution.value == "unnamed"  # type: ignore[union-attr]
    (den,) = _find(doc, "MLI", Relation.AGREE, "wagner-group", Status.DENIED)
    assert den.attributed_to == "abdoulaye-diop"


def test_wagner_links_to_russia_asserted_and_denied(doc: FactDocument) -> None:
    assert _find(doc, "wagner-group", Relation.AFFILIATED_WITH, "RUS", Status.ASSERTED)
    (den,) = _find(doc, "wagner-group", Relation.AFFILIATED_WITH, "RUS", Status.DENIED)
    assert den.attributed_to == "RUS"
    (putin,) = _find(doc, "wagner-group", Relation.AFFILIATED_WITH, "vladimir-putin")
    assert putin.status is Status.ALLEGED
    assert _find(doc, "wagner-group", Relation.OPERATES_IN, "UKR", Status.ALLEGED)
    assert _find(doc, "wagner-group", Relation.ASSAULT, None, Status.ALLEGED)


def test_france_closing_bases_is_intent_and_present_since_2013(doc: FactDocument) -> None:
    (ret,) = _find(doc, "FRA", Relation.RETREAT, "MLI")
    assert ret.status is Status.INTENDED and ret.mode == "withdraw"
    (ops,) = _find(doc, "FRA", Relation.OPERATES_IN, "MLI")
    assert ops.valid_from == "2013"


def test_mali_rejects_outside_pressure_per_diop(doc: FactDocument) -> None:
    (rej,) = _find(doc, "MLI", Relation.REJECT, None)
    assert rej.attributed_to == "abdoulaye-diop"


def test_positions(doc: FactDocument) -> None:
    pos = {
        (f.subject, f.object, f.title) for f in doc.facts if f.relation is Relation.HOLDS_POSITION
    }
    assert ("sergei-lavrov", "RUS", "foreign minister") in pos
    assert ("abdoulaye-diop", "MLI", "foreign minister") in pos
    assert ("vladimir-putin", "RUS", "president") in pos


def test_agrees_with_the_hand_written_fact_document(doc: FactDocument) -> None:
    """Against samples/facts (issue 3's document for this article): F1 on triples and status
    accuracy, pinned at the measured values (0.857 and 0.95 when written)."""
    path = REPO / "samples" / "facts" / "2021-11-11-moscow-mali-wagner.yaml"
    if not path.exists():
        pytest.skip("hand-written fact document absent")
    gold = FactDocument.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    r = Report()
    compare(gold, doc, r)
    assert r.overall.f1 >= 0.82
    assert r.status_accuracy >= 0.9


def test_deterministic_bytes() -> None:
    a = to_json(get_extractor().extract(read_article(SEED_ARTICLE)))
    b = to_json(get_extractor().extract(read_article(SEED_ARTICLE)))
    assert a == b
    assert FactDocument.model_validate(json.loads(a))  # what `geokg load` reads
