"""Cross-article fusion on the real development set, measured by its own scorer (issue 13).

Runs ../shared/realdev/fusion_score.py, imported from there at run time (never copied), on the
by-source tables of the realdev build (the session fixture ``realdev_export``). The floors are the
figures measured when fusion was last changed; raise them when fusion or extraction improves.
"""
from __future__ import annotations

import pytest

from conftest import realdev_scorer

pytestmark = pytest.mark.model  # builds 50 real passages with the spaCy model

MIN_PRECISION = 1.0  # every cross-article attack merge right (was 0.0: 3 wrong)
MAX_WRONG = 0
MIN_RECALL = 1.0  # me04–ng06 (Homs, 2017-02-25) fused once me04's attack kept its own day


@pytest.fixture(scope="module")
def measured(seeds_dir, realdev_export):
    return realdev_scorer(seeds_dir, "fusion_score").fusion(seeds_dir / "realdev" / "gold", realdev_export)


def test_no_wrong_cross_article_merge(measured):
    assert measured["wrong"] <= MAX_WRONG, measured["wrong_merges"]
    assert measured["merge_precision"] >= MIN_PRECISION, measured


def test_same_event_pairs_stay_fused(measured):
    assert measured["merge_recall"] >= MIN_RECALL, measured["missed"]
