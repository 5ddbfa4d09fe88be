"""Competency questions on the hand-made graph of the seed articles' facts, on Oxigraph and rdflib.

tests/data/cq_fixture.trig holds the gold facts in the shape of ontology/MODEL.md; every query in
queries/ must give the README's answer on it (cq_expected.check) and, since the fixture is fixed,
exactly the rows listed in FIXTURE_ROWS. The same check runs on the graph built from the seeds.
"""
from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from rdflib import Dataset, Literal
from rdflib.namespace import RDF, RDFS

from cq_expected import A002, check, expected_answers, row_keys
from kg_builder.derive import derived_from_graph
from kg_builder.errors import QueryError
from kg_builder import temporal
from kg_builder.rdf import FUSED_GRAPH, INFERRED_GRAPH, add_time
from kg_builder.query import (
    QUERIES_DIR,
    QueryResult,
    available_queries,
    competency_queries,
    format_result,
    is_select,
    load_query,
    query_text,
    run_query,
    to_sparql_json,
)
from kg_builder.store import _oxigraph, compact, open_store
from kg_builder.validate import load_ontology, validate
from kg_builder.types import TimeValue
from kg_builder.vocab import DATA, KGB

FIXTURE = Path(__file__).parent / "data" / "cq_fixture.trig"

# What the fixture holds beyond the README's required rows (optional items it includes).
FIXTURE_EXTRA = {
    # the sixth round ended by 2019-05-30 in the fixture, so the car bombing of the 31st is out; the
    # fixture has no node for 001's series as a whole, only its parts
    "attacks-possibly-during-doha-talks":
        expected_answers()["attacks-possibly-during-doha-talks"].optional - {("2019-05-31", "Kabul"), ("2019-01-10", None)},
    "negotiations-timeline": {(None, "2020-02-29", "2020-02-29")},
    "kabul-attacks-timeline": {("2020", "Kabul")},
}


def fixture_dataset(backend: str, tmp_path: Path) -> Dataset:
    """The fixture loaded into a store of ``backend`` ("memory" or "oxigraph")."""
    dataset = open_store(tmp_path / "kg", backend)
    dataset.parse(FIXTURE, format="trig")
    # graph/inferred as the build derives it from the fused facts (the fixture holds the facts only)
    inferred = derived_from_graph(dataset)
    target = dataset.graph(INFERRED_GRAPH)
    for triple in inferred:
        target.add(triple)
    return dataset


@pytest.fixture(scope="module", params=["memory", "oxigraph"])
def store(request, tmp_path_factory):
    dataset = fixture_dataset(request.param, tmp_path_factory.mktemp(request.param))
    yield dataset
    dataset.close()


def test_fixture_follows_the_model():
    dataset = Dataset(default_union=True)
    dataset.parse(FIXTURE, format="trig")
    report = validate(dataset)
    assert report.conforms, report.describe()


def test_every_readme_question_has_a_query():
    names = {name for name, _, _ in competency_queries()}
    assert set(expected_answers()) <= names


@pytest.mark.parametrize("name", sorted(expected_answers()))
def test_competency_query_on_fixture(store, name):
    result = run_query(store, name)
    assert check(name, result) == []
    expected = expected_answers()[name]
    assert row_keys(result, expected.columns) == set(expected.required) | set(FIXTURE_EXTRA.get(name, ()))


def test_certainly_during_is_within_possibly_during(store):
    certain = run_query(store, "attacks-during-doha-talks")
    possible = run_query(store, "attacks-possibly-during-doha-talks")
    pairs = lambda r: set(zip(r.column("attack"), r.column("negotiation")))  # noqa: E731
    assert pairs(certain) < pairs(possible)


def test_sixth_round_is_only_possibly_during(store):
    # The round ended on or before 2019-05-30: the attack of the 30th may have been during it,
    # the car bombing of the 31st cannot.
    rows = run_query(store, "attacks-possibly-during-doha-talks").records()
    round_dates = {r["date"] for r in rows if r["negotiation_label"].startswith("Sixth round")}
    assert "2019-05-30" in round_dates and "2019-05-31" not in round_dates
    certain = run_query(store, "attacks-during-doha-talks").records()
    assert not any(r["negotiation_label"].startswith("Sixth round") for r in certain)


def _spans_dataset(backend: str, tmp_path: Path, attacks: dict, talks: dict) -> Dataset:
    """A store of attacks and negotiations with the given times (None: no time), the negotiations in
    Doha but "geneva", and graph/inferred as the build derives it."""
    dataset = open_store(tmp_path / "kg", backend)
    fused = dataset.graph(FUSED_GRAPH)
    for name, country in (("doha", "qatar"), ("geneva", "switzerland")):
        place = DATA[f"place/{name}"]
        fused.add((place, RDF.type, KGB.Place))
        fused.add((place, RDFS.label, Literal(name.capitalize())))
        fused.add((place, KGB.containedIn, DATA[f"place/{country}"]))
    for category, cls, events in (("attack", KGB.Bombing, attacks), ("negotiation", KGB.Talks, talks)):
        for name, time in events.items():
            node = DATA[f"{category}/{name}"]
            fused.add((node, RDF.type, cls))
            fused.add((node, RDFS.label, Literal(name)))
            if category == "negotiation":
                fused.add((node, KGB.place, DATA["place/geneva" if name == "geneva" else "place/doha"]))
            if time is not None:
                fused.add((node, KGB.time, add_time(fused, node, time)))
    target = dataset.graph(INFERRED_GRAPH)
    for triple in derived_from_graph(dataset):
        target.add(triple)
    return dataset


@pytest.mark.parametrize("backend", ["memory", "oxigraph"])
def test_possibly_during_is_every_pair_the_bounds_allow_open_spans_included(backend, tmp_path):
    """The question's rows are exactly the pairs temporal.possibly_during allows (or with an untimed
    event), whether the build states them (closed spans) or the question compares day numbers (open)."""
    def span(first: str, last: str) -> TimeValue:
        return TimeValue("", "day", date.fromisoformat(first), date.fromisoformat(first), date.fromisoformat(last),
                         date.fromisoformat(last))

    talks = {"held": span("2020-03-01", "2020-03-10"), "geneva": span("2020-01-01", "2021-12-31"),
             "going-on": TimeValue("", "day", date(2020, 9, 12), date(2020, 9, 12), date(2020, 11, 21), None),
             "ended-by-may": TimeValue("", "unknown", None, None, None, date(2019, 5, 30)), "undated": None}
    attacks = {"before-all": span("2019-01-05", "2019-01-05"), "in-march": span("2020-03-05", "2020-03-05"),
               "march-month": TimeValue("", "month", date(2020, 3, 1), date(2020, 3, 31), date(2020, 3, 1),
                                        date(2020, 3, 31)),
               "next-year": span("2021-06-01", "2021-06-01"),
               "after-june-2019": TimeValue("", "unknown", date(2019, 6, 1), None, None, None),
               "before-april-2019": TimeValue("", "unknown", None, None, None, date(2019, 3, 31)), "undated": None}
    dataset = _spans_dataset(backend, tmp_path, attacks, talks)
    rows = run_query(dataset, "attacks-possibly-during-doha-talks").records()
    got = {(r["label"], r["negotiation_label"]) for r in rows}
    expected = {(a, n) for a, at in attacks.items() for n, nt in talks.items() if n != "geneva"
                and (at is None or nt is None or temporal.possibly_during(at, nt))}
    assert got == expected
    assert ("next-year", "going-on") in got and ("before-all", "going-on") not in got  # open end, by day numbers
    assert ("before-april-2019", "ended-by-may") in got and ("next-year", "ended-by-may") not in got
    assert ("in-march", "held") in got and ("next-year", "held") not in got  # closed: as the build states it
    dataset.close()


def test_rocket_attack_is_during_talks_and_pompeo_meeting(store):
    rows = run_query(store, "attacks-during-doha-talks").records()
    labels = {r["negotiation_label"] for r in rows if r["date"] == "2020-11-21"}
    assert labels == {"Afghan government–Taliban peace talks in Doha",
                      "Pompeo meeting with Afghan and Taliban negotiators in Doha"}


def test_near_events_give_day_distances(store):
    rows = run_query(store, "attacks-near-negotiation-events").records()
    assert {(r["date"], r["days_from_start"]) for r in rows} == {
        ("2019-05-30", "2"), ("2019-05-31", "3"), ("2020-11-21", "0")}


def test_timelines_are_in_time_order(store):
    kabul = run_query(store, "kabul-attacks-timeline").column("earliest")
    assert kabul == sorted(kabul)
    negotiations = run_query(store, "negotiations-timeline")
    dates = negotiations.column("sort_date")
    assert dates == sorted(dates)
    assert negotiations.column("place")[0] == "Abu Dhabi"


def test_claimed_by_islamic_state_keeps_each_stated_figure(store):
    rows = {r["date"]: r for r in run_query(store, "claimed-by-islamic-state").records()}
    assert set(rows["2020-11-21"]["killed_as_stated"].split("|")) == {"8", "at least 8"}


def test_attack_and_negotiation_classes_match_the_ontology():
    """The VALUES lists that stand in for rdfs:subClassOf* (the store holds no ontology)."""
    ontology = load_ontology()

    def subclasses(top):
        return {str(c).split("#")[1] for c in ontology.transitive_subjects(RDFS.subClassOf, top)}

    attack, negotiation = subclasses(KGB.Attack), subclasses(KGB.Negotiation)
    for path in [*QUERIES_DIR.glob("*.rq"), *QUERIES_DIR.glob("export/*.rq")]:
        for listed in re.findall(r"VALUES \?\w+ \{([^}]*)\}", path.read_text(encoding="utf-8")):
            names = set(re.findall(r"kgb:(\w+)", listed))
            if names & attack:
                assert names == attack, path.name
            if names & negotiation:
                assert names == negotiation, path.name


def test_query_headers_state_question_and_semantics():
    for name, path, question in competency_queries():
        assert question.endswith("?"), f"{path}: first comment line should be the question"
        header = "\n".join(line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("#"))
        assert "enrichment" in header and "Dataset:" in header, path.name


# --- the query module ------------------------------------------------------------------------------

def test_load_query_by_name_path_and_text(tmp_path):
    by_name = load_query("contested-attacks")
    assert by_name == (QUERIES_DIR / "contested-attacks.rq").read_text(encoding="utf-8")
    path = tmp_path / "mine.rq"
    path.write_text("SELECT * WHERE { ?s ?p ?o }", encoding="utf-8")
    assert load_query(str(path)) == "SELECT * WHERE { ?s ?p ?o }"
    assert load_query("ASK { ?s ?p ?o }") == "ASK { ?s ?p ?o }"
    assert load_query("export/attacks").startswith("# Export")
    assert "export/attacks" in available_queries() and "contested-attacks" in available_queries()


def test_unknown_query_name_lists_the_available_ones():
    with pytest.raises(QueryError) as err:
        load_query("contested-atacks")
    message = str(err.value)
    assert "'contested-atacks'" in message and "queries/contested-atacks.rq" in message
    assert "contested-attacks" in message and "kabul-attacks-timeline" in message


def test_quality_checks_are_not_competency_queries():
    with pytest.raises(QueryError, match="unknown query"):
        load_query("checks/time-span-bounds")
    assert not any(name.startswith("checks") for name in available_queries())


def test_missing_query_file_is_named(tmp_path):
    with pytest.raises(QueryError, match=re.escape(str(tmp_path / "nope.rq"))):
        load_query(str(tmp_path / "nope.rq"))


def test_syntax_error_names_query_line_and_column(tmp_path):
    path = tmp_path / "broken.rq"
    path.write_text("# a broken query\nSELECT ?s WHERE {\n  ?s ?p ?o ) .\n}\n", encoding="utf-8")
    dataset = Dataset(default_union=True)
    with pytest.raises(QueryError) as err:
        run_query(dataset, str(path))
    message = str(err.value)
    assert message.startswith(f"SPARQL syntax error in {path} at line 3, column 12:"), message
    assert message.endswith("  ?s ?p ?o ) .\n             ^")
    with pytest.raises(QueryError, match="syntax error in inline query at line 1"):
        run_query(dataset, "SELECT ?s WHERE { ?s ?p }")
    with pytest.raises(QueryError, match="syntax error in my-query: Unknown namespace prefix : b"):
        run_query(dataset, "SELECT ?s WHERE { ?s b:p ?o }", name="my-query")


def test_non_select_query_is_refused():
    with pytest.raises(QueryError, match="ASK query"):
        run_query(Dataset(default_union=True), "ASK { ?s ?p ?o }")


def test_result_values_are_strings_or_none(store):
    result = run_query(store, "figures-by-source")
    assert isinstance(result, QueryResult)
    assert result.variables[:4] == ("attack", "label", "date", "place")
    row = {r["source"]: r for r in result.records()}
    assert row[A002]["killed"] == "8" and row[A002]["injured_qualifier"] == "more than"
    assert all(value is None or isinstance(value, str) for r in result.rows for value in r)
    assert any(value is None for r in result.rows for value in r)  # 004's exact figures


def test_format_result_table_csv_json(store):
    result = run_query(store, "figures-by-source")
    table = format_result(result, "table")
    assert table.splitlines()[0].split()[:3] == ["attack", "label", "date"]
    assert table.rstrip().endswith("(2 rows)")
    csv_text = format_result(result, "csv")
    assert csv_text.splitlines()[0].startswith("attack,label,date,place,source")
    assert len(csv_text.splitlines()) == 3
    data = json.loads(format_result(result, "json"))
    assert data["head"]["vars"] == list(result.variables)
    bindings = data["results"]["bindings"]
    assert len(bindings) == 2
    first = bindings[0]
    assert first["attack"]["type"] == "uri"
    assert first["killed"] == {"type": "literal", "value": "8",
                               "datatype": "http://www.w3.org/2001/XMLSchema#integer"}
    assert first["source"] == {"type": "literal", "value": first["source"]["value"]}
    exact = next(b for b in bindings if b["source"]["value"] != A002)
    assert "killed_qualifier" not in exact  # unbound cells are left out
    with pytest.raises(QueryError, match="choose one of table, csv, json"):
        format_result(result, "xml")


@pytest.mark.parametrize("name", [name for name, _, _ in competency_queries()])
def test_query_text_gives_run_querys_rows_in_each_format(store, name):
    """CSV and JSON from the store's own serializer (Oxigraph) or format_result (memory) hold the same rows."""
    import csv
    import io
    result = run_query(store, name)
    rows = list(csv.reader(io.StringIO(query_text(store, name, "csv"), newline="")))
    assert tuple(rows[0]) == result.variables
    assert rows[1:] == [["" if v is None else v for v in row] for row in result.rows]
    native = json.loads(query_text(store, name, "json"))
    ours = to_sparql_json(result)
    assert native["head"] == ours["head"]
    def cells(bindings):
        return sorted(json.dumps(b, sort_keys=True) for b in bindings)
    assert cells(native["results"]["bindings"]) == cells(ours["results"]["bindings"])


def test_query_text_refuses_a_non_select_and_an_unknown_format(store):
    assert is_select("contested-attacks") and not is_select("ASK { ?s ?p ?o }")
    with pytest.raises(QueryError, match="only SELECT"):
        query_text(store, "ASK { ?s ?p ?o }", "csv")
    with pytest.raises(QueryError, match="choose one of table, csv, json"):
        query_text(store, "contested-attacks", "xml")


def test_compact_keeps_every_quad(tmp_path):
    dataset = fixture_dataset("oxigraph", tmp_path)
    before = len(_oxigraph(dataset))
    answers = run_query(dataset, "kabul-attacks-timeline")
    compact(dataset)
    assert len(_oxigraph(dataset)) == before > 0
    assert run_query(dataset, "kabul-attacks-timeline") == answers
    dataset.close()
