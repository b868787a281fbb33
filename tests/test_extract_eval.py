"""Extraction quality on the development set, pinned so that a regression fails."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.model import FactDocument
from loaders.extract import get_extractor
from loaders.extract.evaluate import Report, compare, evaluate

DEVSET = Path(__file__).resolve().parent / "devset"
# Measured with `geokg eval tests/devset/gold` (docs/extraction.md); the pin sits a little below
# so that unrelated dev-set growth does not fail the suite, and rises as extraction improves.
PINNED_F1 = 0.83
PINNED_STATUS = 0.95
PINNED_ATTRIBUTION = 0.91
TARGET_F1 = 0.80


@pytest.mark.skipif(not (DEVSET / "gold").exists(), reason="development set absent")
def test_devset_scores_do_not_regress() -> None:
    r = evaluate(DEVSET / "gold", DEVSET / "articles", get_extractor())
    assert not r.errors
    assert r.articles >= 40
    assert r.overall.f1 >= PINNED_F1, f"F1 {r.overall.f1:.3f} fell below the pin {PINNED_F1}"
    assert r.status_accuracy >= PINNED_STATUS
    assert r.attribution_accuracy >= PINNED_ATTRIBUTION
    if PINNED_F1 >= TARGET_F1:  # once reached, the target itself is the floor
        assert r.overall.f1 >= TARGET_F1


def test_scoring_rules() -> None:
    """Matching is on canonical (subject, relation, object); status compared on matches."""
    gold = FactDocument.model_validate(
        {
            "article": {"id": "a", "title": "t"},
            "entities": [
                {"id": "russia", "type": "country", "name": "Russia"},
                {"id": "mali", "type": "country", "name": "Mali", "iso3": "MLI"},
            ],
            "facts": [
                {"subject": "russia", "relation": "AID", "object": "mali", "status": "reported"},
                {"subject": "mali", "relation": "REJECT"},
            ],
        }
    )
    pred = FactDocument.model_validate(
        {
            "article": {"id": "a", "title": "t"},
            "entities": [
                {"id": "RUS", "type": "country", "name": "Russian Federation", "iso3": "RUS"},
                {"id": "MLI", "type": "country", "name": "Mali", "iso3": "MLI"},
            ],
            "facts": [
                {"subject": "RUS", "relation": "AID", "object": "MLI", "status": "asserted"},
                {"subject": "RUS", "relation": "SUPPORT", "object": "MLI"},
            ],
        }
    )
    r = Report()
    compare(gold, pred, r)
    assert (r.overall.tp, r.overall.fp, r.overall.fn) == (1, 1, 1)
    assert r.overall.f1 == pytest.approx(0.5)
    assert (r.status_ok, r.status_n) == (0, 1)
    assert (r.attribution_ok, r.attribution_n) == (1, 1)
