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


AIRPORT = ("kabul-airport-2021-08-26-frontline", "kabul-airport-2021-08-27-globaldesk")


def test_the_two_kabul_airport_reports_give_one_attack_with_both_sources_figures_and_the_claim(dataset):
    """Issue 13: the 26 August report and the 27 August update (its toll raised to about 170, its correction
    of a second blast that never happened) are one attack, each source's figures on it, the claim on it."""
    from kg_builder.export import export_table

    rows = [r for r in export_table(dataset, "attacks", by_source=True).records() if r["source"] in AIRPORT]
    assert len({r["iri"] for r in rows}) == 1, rows  # no phantom second blast, no second node
    assert sorted(r["source"] for r in rows) == sorted(AIRPORT)  # each report reports it once
    attack = rows[0]["iri"]
    assert {r["place"] for r in rows} == {"Kabul"} and {r["date"] for r in rows} == {"2021-08-26"}
    figures = {row["source"]: (row["killed"], row["injured"])
               for row in run_query(dataset, "figures-by-source").records() if row["attack"] == attack}
    assert figures == {AIRPORT[0]: ("73", "143"), AIRPORT[1]: ("170", "200")}
    ranges = {(row["killed_min"], row["killed_max"], row["injured_min"], row["injured_max"])
              for row in run_query(dataset, "figures-by-source").records() if row["attack"] == attack}
    assert ranges == {("73", "170", "143", "200")}  # the fused range shows the raised toll
    claims = [c for c in export_table(dataset, "claims").records() if c["source"] in AIRPORT]
    claimed = {(c["source"], c["attack"]) for c in claims
               if c["stance"] == "claims_responsibility" and c["claimant"] == "Islamic State"}
    assert claimed == {(AIRPORT[0], attack), (AIRPORT[1], attack)}
    assert {c["attack"] for c in claims} == {attack}  # no claim left on an attack that did not happen
