"""The kgb command line: each command on a store built from our sample articles."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from rdflib import Dataset

from conftest import run_cli
from kg_builder.store import close_store, graph_names

pytestmark = pytest.mark.model  # every test here runs the spaCy model

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "data" / "articles" / "manifest.jsonl"


@pytest.fixture(scope="module")
def store(tmp_path_factory, nlp):
    """A store built once by `kgb build`, with the session's model (no second load)."""
    location = tmp_path_factory.mktemp("cli") / "kg"
    from kg_builder.pipeline import build
    dataset, _ = build([], SAMPLES, store=location, nlp=nlp)
    close_store(dataset)
    return str(location)


run = run_cli


def test_query_all_answers_every_competency_question(store, capsys):
    code, out, _ = run(capsys, "query", "--all", "--store", store)
    assert code == 0
    names = [p.stem for p in (REPO / "queries").glob("*.rq")]
    assert all(f"== {name}:" in out for name in names)


def test_query_inline_sparql_as_csv(store, capsys):
    code, out, _ = run(capsys, "query", "SELECT (COUNT(*) AS ?n) WHERE { ?a a <https://w3id.org/kg-builder/ontology#NewsArticle> }",
                       "--format", "csv", "--store", store)
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["n"] and int(rows[1][0]) == len(SAMPLES.read_text().strip().splitlines())


def test_export_attacks_table_has_the_acled_style_columns(store, capsys):
    code, out, _ = run(capsys, "export", "attacks", "--format", "csv", "--store", store)
    assert code == 0
    header = next(csv.reader(io.StringIO(out)))
    assert header[:4] == ["iri", "type", "date", "date_earliest"] and "blamed_on" in header


@pytest.mark.parametrize("fmt,parse_as", [("trig", "trig"), ("nquads", "nquads"), ("jsonld", "json-ld")])
def test_export_graph_keeps_the_named_graphs(store, tmp_path, capsys, fmt, parse_as):
    out_file = tmp_path / f"graph.{fmt}"
    code, _, _ = run(capsys, "export", "graph", "--format", fmt, "--out", str(out_file), "--store", store)
    assert code == 0
    back = Dataset()
    back.parse(out_file, format=parse_as)
    assert len(graph_names(back)) >= len(SAMPLES.read_text().strip().splitlines()) + 2


def test_export_turtle_merges_the_graphs(store, tmp_path, capsys):
    from rdflib import Graph
    out_file = tmp_path / "graph.ttl"
    assert run(capsys, "export", "graph", "--format", "turtle", "--out", str(out_file), "--store", store)[0] == 0
    assert len(Graph().parse(out_file, format="turtle")) > 100


def test_validate_and_stats(store, capsys):
    code, out, _ = run(capsys, "validate", "--store", store)
    assert (code, out.strip()) == (0, "conforms")
    code, out, _ = run(capsys, "stats", "--store", store)
    assert code == 0 and "fused attacks" in out


def test_explain_shows_sentences_and_rules(store, capsys):
    first = json.loads(SAMPLES.read_text().splitlines()[0])["id"]
    code, out, _ = run(capsys, "explain", first, "--store", store)
    assert code == 0
    assert f"article {first}" in out and "sentence:" in out and "rule:" in out


def test_a_missing_store_is_a_clean_error(tmp_path, capsys):
    code, _, err = run(capsys, "query", "--all", "--store", str(tmp_path / "nowhere"))
    assert code == 2
    assert "no store in" in err and "kgb build" in err and "Traceback" not in err


def test_a_bad_query_names_the_problem(store, capsys):
    code, _, err = run(capsys, "query", "SELECT ?x WHERE { ?x ?y }", "--store", store)
    assert code == 2 and "line" in err


def test_build_exit_code_says_whether_an_input_was_skipped(tmp_path, capsys, monkeypatch, nlp):
    monkeypatch.setattr("kg_builder.pipeline.load_model", lambda name=None: nlp)
    good = tmp_path / "in" / "good.txt"
    good.parent.mkdir()
    good.write_text("Militants fired three rockets at an army base in Kandahar province on Sunday, "
                    "wounding two soldiers, officials said.\n", encoding="utf-8")
    code, out, err = run(capsys, "build", str(good.parent), "--store", str(tmp_path / "kg"))
    assert code == 0 and "1 articles" in out and "warning:" in err  # no publication date
    (good.parent / "empty.txt").write_text("", encoding="utf-8")
    code, out, err = run(capsys, "build", str(good.parent), "--store", str(tmp_path / "kg"))
    assert code == 1 and "skipped:" in err and "empty.txt" in err


def test_eval_prints_scores_for_the_devset(capsys, monkeypatch, nlp):
    monkeypatch.setattr("kg_builder.nlp.load_model", lambda name=None: nlp)
    devset = REPO / "tests" / "devset"
    code, out, _ = run(capsys, "eval", "--gold", str(devset / "gold"), "--manifest", str(devset / "manifest.jsonl"))
    assert code == 0
    lines = {line.split()[0]: line.split() for line in out.splitlines() if line.strip()}
    for kind in ("attacks", "claims", "negotiations"):
        assert 0.0 < float(lines[kind][-1]) <= 1.0  # F1
    assert "attacks.date" in lines
