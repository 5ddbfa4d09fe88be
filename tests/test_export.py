"""Export tables (kg_builder.export) on the fixture graph of the seed articles' facts."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from rdflib import Dataset, Literal

from cq_expected import A000, A002, A004
from kg_builder.errors import QueryError
from kg_builder.export import COLUMNS, export_table, write_table
from kg_builder.query import QueryResult
from kg_builder.store import open_store
from kg_builder.vocab import DATA, GRAPH, KGB
from rdflib.namespace import RDFS

FIXTURE = Path(__file__).parent / "data" / "cq_fixture.trig"
ROCKETS = str(DATA["attack/kabul-rockets-2020-11-21"])
ACADEMY = str(DATA["attack/academy-2019-05-30"])


def memory_fixture() -> Dataset:
    dataset = Dataset(default_union=True)
    dataset.parse(FIXTURE, format="trig")
    return dataset


@pytest.fixture(scope="module", params=["memory", "oxigraph"])
def store(request, tmp_path_factory):
    dataset = open_store(tmp_path_factory.mktemp(request.param) / "kg", request.param)
    dataset.parse(FIXTURE, format="trig")
    yield dataset
    dataset.close()


def by_key(result: QueryResult, *keys: str) -> dict:
    records = result.records()
    index = {tuple(r[k] for k in keys): r for r in records}
    assert len(index) == len(records), "rows are not unique on " + ", ".join(keys)
    return index if len(keys) > 1 else {k[0]: r for k, r in index.items()}


@pytest.mark.parametrize("what", ["attacks", "claims", "negotiations"])
def test_columns_are_exact(store, what):
    assert export_table(store, what).variables == COLUMNS[what]
    assert export_table(store, what, by_source=True).variables == COLUMNS[what]


def test_attacks_one_row_per_fused_attack(store):
    rows = by_key(export_table(store, "attacks"), "iri")
    assert len(rows) == 14
    rockets = rows[ROCKETS]
    assert rockets["type"] == "RocketAttack"
    assert (rockets["date"], rockets["date_earliest"], rockets["date_latest"]) == ("2020-11-21",) * 3
    assert (rockets["place"], rockets["place_qid"], rockets["country"]) == ("Kabul", "Q5838", "Afghanistan")
    assert (rockets["killed"], rockets["killed_qualifier"]) == ("8", "at least")
    assert (rockets["injured"], rockets["injured_qualifier"]) == ("24|31", "more than")
    assert rockets["claimed_by"] == "Islamic State"
    assert rockets["denied_by"] == "Taliban"
    assert rockets["blamed_on"] == "Taliban"
    assert rockets["source"] == f"{A002}|{A004}"
    assert rockets["targets"].split("|") == sorted(rockets["targets"].split("|"))
    assert len(rockets["targets"].split("|")) == 6


def test_attack_dates_at_known_precision(store):
    dates = {r["iri"].rsplit("/", 1)[1]: r["date"] for r in export_table(store, "attacks").records()}
    assert dates["inauguration-2020-03"] == "2020-03"
    assert dates["kabul-kidnapping-2020"] == "2020"
    assert dates["khost-2018-11-23"] == "2018-11-23"


def test_attack_without_place_has_no_place_qid(store):
    # The Wikidata links of other places must not leak into an attack with no kgb:place.
    academy = by_key(export_table(store, "attacks"), "iri")[ACADEMY]
    assert academy["place"] is None and academy["place_qid"] is None
    assert academy["country"] == "Afghanistan"
    assert academy["claimed_by"] == "Islamic State" and academy["blamed_on"] is None


def test_narrated_perpetrator_counts_as_blame(store):
    rows = by_key(export_table(store, "attacks"), "iri")
    assert rows[str(DATA["attack/inauguration-2020-03"])]["blamed_on"] == "Islamic State"


def test_attacks_by_source(store):
    rows = by_key(export_table(store, "attacks", by_source=True), "iri", "source")
    assert len(rows) == 15
    first, second = rows[(ROCKETS, A002)], rows[(ROCKETS, A004)]
    assert [first[c] for c in ("killed", "killed_qualifier", "injured", "injured_qualifier")] == \
        ["8", "at least", "24", "more than"]
    assert [second[c] for c in ("killed", "killed_qualifier", "injured", "injured_qualifier")] == \
        ["8", None, "31", None]
    # claims count for the article that reports them
    assert (first["claimed_by"], first["denied_by"], first["blamed_on"]) == ("Islamic State", "Taliban", None)
    assert (second["claimed_by"], second["denied_by"], second["blamed_on"]) == (None, "Taliban", "Taliban")
    assert first["targets"] == "Kabul University area|heart of Kabul|shopping area"


def test_claims(store):
    rows = by_key(export_table(store, "claims"), "iri")
    assert len(rows) == 11
    stances = {r["stance"] for r in rows.values()}
    assert stances == {"claims_responsibility", "denies_responsibility", "attributes_to", "casualty_claim"}
    attribution = rows[str(DATA[f"claim/{A004}/1"])]
    assert (attribution["stance"], attribution["claimant"], attribution["speaker"]) == \
        ("attributes_to", "Afghan Ministry of Interior", "Tariq Arian")
    assert (attribution["target_actor"], attribution["attack"], attribution["source"]) == ("Taliban", ROCKETS, A004)
    casualty = rows[str(DATA[f"claim/{A000}/2"])]
    assert (casualty["stance"], casualty["killed"], casualty["target_actor"]) == ("casualty_claim", "10", None)
    assert casualty["evidence"]


def test_negotiations(store):
    rows = {r["iri"].rsplit("/", 1)[1]: r for r in export_table(store, "negotiations").records()}
    assert len(rows) == 6
    talks = rows["doha-talks-2020"]
    assert (talks["place"], talks["begin"], talks["end"]) == ("Doha", "2020-09", ">=2020-11-21")
    assert talks["participants"] == "Afghan government|Taliban"
    assert talks["source"] == f"{A002}|{A004}"
    sixth = rows["doha-round-6"]
    assert (sixth["begin"], sixth["end"], sixth["round"]) == (None, "<=2019-05-30", "6")
    assert (rows["moscow-2019-05"]["begin"], rows["moscow-2019-05"]["end"]) == ("2019-05-28", None)
    assert rows["us-taliban-agreement-2020"]["place"] is None


def test_negotiations_by_source(store):
    rows = by_key(export_table(store, "negotiations", by_source=True), "iri", "source")
    agreement = str(DATA["negotiation/us-taliban-agreement-2020"])
    assert rows[(agreement, A004)]["begin"] == "2020-02"
    assert rows[(agreement, A002)]["begin"] == "2020-02-29"
    talks = str(DATA["negotiation/doha-talks-2020"])
    assert (rows[(talks, A002)]["begin"], rows[(talks, A002)]["end"]) == (None, ">=2020-11-21")


def test_rows_sharing_a_key_are_merged():
    dataset = memory_fixture()
    dataset.graph(GRAPH["fused"]).add((DATA["place/kabul"], RDFS.label, Literal("Kabul city")))
    rows = by_key(export_table(dataset, "attacks"), "iri")
    assert len(rows) == 14
    assert rows[ROCKETS]["place"] == "Kabul|Kabul city"


def test_evidence_with_a_bar_is_not_split():
    dataset = memory_fixture()
    claim = DATA[f"claim/{A002}/2"]
    graph = dataset.graph(GRAPH[f"article/{A002}"])
    graph.remove((claim, KGB.evidence, None))
    graph.add((claim, KGB.evidence, Literal("zeta | alpha")))
    rows = by_key(export_table(dataset, "claims"), "iri")
    assert rows[str(claim)]["evidence"] == "zeta | alpha"


def test_write_table_csv_and_json():
    result = QueryResult(("iri", "killed", "source"), (("x:1", "8", None), ("x:2", None, "a|b")))
    out = io.StringIO()
    write_table(result, "csv", out)
    assert list(csv.reader(io.StringIO(out.getvalue()))) == [
        ["iri", "killed", "source"], ["x:1", "8", ""], ["x:2", "", "a|b"]]
    out = io.StringIO()
    write_table(result, "json", out)
    assert json.loads(out.getvalue()) == [
        {"iri": "x:1", "killed": "8", "source": None}, {"iri": "x:2", "killed": None, "source": "a|b"}]


def test_unknown_table_and_format_are_refused():
    with pytest.raises(QueryError, match="unknown export table 'events'; choose one of attacks, claims, negotiations"):
        export_table(Dataset(default_union=True), "events")
    with pytest.raises(QueryError, match="unknown table format 'xlsx'; choose one of csv, json"):
        write_table(QueryResult(("a",), ()), "xlsx", io.StringIO())


def test_exporting_a_graph_the_store_lacks_is_refused_and_writes_nothing(store):
    from kg_builder.export import merged_graph
    from kg_builder.store import graph_names
    before = graph_names(store)
    with pytest.raises(QueryError, match="no triples in the graph <urn:nothing>"):
        merged_graph(store, "urn:nothing")
    assert graph_names(store) == before
    fused = str(GRAPH["fused"])
    assert len(merged_graph(store, fused)) == len(store.graph(GRAPH["fused"]))
