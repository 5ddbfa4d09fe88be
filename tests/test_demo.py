"""The demo (`make demo`) on our own sample reports answers the headline questions with real rows."""
from __future__ import annotations

import pytest

from kg_builder.query import run_query

pytestmark = pytest.mark.model


@pytest.fixture()
def dataset(demo_dataset):
    return demo_dataset


def test_attacks_during_the_doha_talks(dataset):
    during = run_query(dataset, "attacks-during-doha-talks").records()
    days = {r["date"] for r in during}
    assert {"2020-10-24", "2020-11-02", "2020-11-21"} <= days
    assert "2020-09-09" not in days  # the bombing three days before the talks opened
    possibly = {r["date"] for r in run_query(dataset, "attacks-possibly-during-doha-talks").records()}
    assert days <= possibly and all(possibly)  # no undated phantom attack
    near = {r["date"] for r in run_query(dataset, "attacks-near-negotiation-events").records()}
    assert "2020-09-09" in near


def test_contested_attacks_and_two_outlets_disagreeing(dataset):
    contested = run_query(dataset, "contested-attacks").records()
    assert contested and all(r["claimed_by"] == "Islamic State" and "Taliban" in r["denied_by"] for r in contested)
    by_source = run_query(dataset, "figures-by-source").records()
    tolls: dict[str, set] = {}
    for row in by_source:
        tolls.setdefault(row["attack"], set()).add((row["source"], row["killed"]))
    assert any(len({k for _, k in figures}) > 1 for figures in tolls.values())
