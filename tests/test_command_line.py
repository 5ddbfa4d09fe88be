"""Command-line conventions: --version, --quiet/--verbose, --out on every command that writes, every
SPARQL query form, quiet exit when the reader of a pipe goes away, a warning for unreadable files."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph

from conftest import run_cli
from kg_builder import __version__, cli
from kg_builder.ingest import read_articles
from kg_builder.store import close_store, open_store

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "data" / "cq_fixture.trig"
KGB = "https://w3id.org/kg-builder/ontology#"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    location = tmp_path_factory.mktemp("cmdline") / "kg"
    dataset = open_store(location, "oxigraph")
    dataset.parse(FIXTURE, format="trig")
    close_store(dataset)
    return str(location)


run = run_cli


def test_version(capsys):
    with pytest.raises(SystemExit) as stop:
        cli.main(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out.strip() == f"kgb {__version__}"


def test_ask_answers_true_or_false(store, capsys):
    assert run(capsys, "query", f"ASK {{ ?a a <{KGB}SuicideBombing> }}", "--store", store)[:2] == (0, "true\n")
    assert run(capsys, "query", f"ASK {{ ?a a <{KGB}Nothing> }}", "--store", store)[:2] == (0, "false\n")
    code, out, _ = run(capsys, "query", f"ASK {{ ?a a <{KGB}SuicideBombing> }}", "--format", "json", "--store", store)
    assert out.strip() == '{"head": {}, "boolean": true}'


@pytest.mark.parametrize("fmt,parse_as", [(None, "turtle"), ("turtle", "turtle"), ("nt", "nt")])
def test_construct_writes_a_graph(store, capsys, fmt, parse_as):
    query = (f"CONSTRUCT {{ ?a a <{KGB}Attack> }} WHERE {{ ?a a <{KGB}SuicideBombing> }}")
    argv = ["query", query, "--store", store] + (["--format", fmt] if fmt else [])
    code, out, _ = run(capsys, *argv)
    graph = Graph().parse(data=out, format=parse_as)
    assert code == 0 and len(graph) >= 2
    assert set(graph.predicates()) == {Graph().namespace_manager.expand_curie("rdf:type")}


def test_describe_writes_what_the_store_says_of_a_node(store, capsys):
    code, out, _ = run(capsys, "query", "DESCRIBE <https://w3id.org/kg-builder/id/attack/khost-2018-11-23>",
                       "--format", "nt", "--store", store)
    graph = Graph().parse(data=out, format="nt")
    assert code == 0 and any("Khost" in str(o) for o in graph.objects())
    assert "XMLSchema#string" not in out


def test_a_graph_format_for_a_select_is_refused(store, capsys):
    code, _, err = run(capsys, "query", "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "--format", "nt", "--store", store)
    assert code == 2 and "CONSTRUCT" in err


@pytest.mark.parametrize("argv", [["queries"], ["stats"], ["query", "--all"], ["validate"],
                                  ["export", "claims"], ["export", "graph", "--format", "nt"]])
def test_out_writes_the_results_to_a_file_and_nothing_to_stdout(store, capsys, tmp_path, argv):
    target = tmp_path / "result"
    code, out, _ = run(capsys, *argv, "--store", store, "--out", str(target))
    assert code == 0 and out == ""
    written = target.read_text(encoding="utf-8")
    code, out, _ = run(capsys, *argv, "--store", store)
    assert written == out and written


def test_out_into_a_missing_folder_is_a_clean_error(store, capsys, tmp_path):
    code, _, err = run(capsys, "stats", "--store", store, "--out", str(tmp_path / "no" / "file"))
    assert code == 2 and "--out" in err and "Traceback" not in err


def test_a_closed_pipe_ends_the_command_quietly(store):
    command = [sys.executable, "-m", "kg_builder.cli", "query", "--all", "--store", store]
    env = dict(os.environ, PYTHONPATH=str(REPO))
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env) as process:
        process.stdout.close()  # the reader has gone before the first line
        err = process.stderr.read().decode()
        code = process.wait(timeout=120)
    assert "Traceback" not in err and "BrokenPipe" not in err, err
    assert code == 141


def test_a_folder_reports_the_files_no_reader_takes(tmp_path):
    folder = tmp_path / "in"
    (folder / ".git").mkdir(parents=True)
    (folder / ".git" / "config").write_text("[core]\n")
    (folder / "page.html").write_text("<html><body>Talks resumed.</body></html>")
    (folder / "README.md").write_text("Articles for the test.\n")
    (folder / "report.txt").write_text("Gunmen stormed a hotel in the capital on Monday, police said.\n")
    articles, problems = read_articles([folder])
    assert [a.id for a in articles] == ["report"]
    unread = [p for p in problems if "no reader" in p.message]
    assert [Path(p.where).name for p in unread] == ["page.html"]
    assert ".txt" in unread[0].message and ".jsonl" in unread[0].message and not unread[0].skipped


def test_quiet_hides_warnings_only_when_asked_twice(tmp_path, capsys, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "page.html").write_text("<html></html>")
    import spacy
    monkeypatch.setattr("kg_builder.pipeline.load_model", lambda name=None: spacy.blank("en"))  # nothing to parse
    for flags, shown in ((), True), (("-q",), True), (("-qq",), False):
        code, out, err = run(capsys, "build", str(folder), "--store", str(tmp_path / "kg"), *flags)
        assert code == 1 and "0 articles" in out  # nothing was read: not a success
        assert ("page.html" in err) == shown, (flags, err)


def test_quiet_may_come_before_the_command(tmp_path, capsys, monkeypatch):
    import spacy
    monkeypatch.setattr("kg_builder.pipeline.load_model", lambda name=None: spacy.blank("en"))
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "page.pdf").write_bytes(b"%PDF-1.4")
    code, _, err = run(capsys, "-qq", "build", str(folder), "--store", str(tmp_path / "kg"))
    assert code == 1 and "page.pdf" not in err


def test_no_competency_question_is_an_error_not_an_empty_list(capsys, monkeypatch, tmp_path):
    monkeypatch.setattr("kg_builder.query.QUERIES_DIR", tmp_path)
    code, out, err = run(capsys, "queries")
    assert code == 2 and out == "" and "no competency questions" in err


def test_build_shows_the_writing_phase(tmp_path, monkeypatch):
    from kg_builder.pipeline import write_graphs
    from kg_builder.store import open_store
    calls = []
    dataset = open_store(None, "memory")
    write_graphs(dataset, [], progress=lambda done, total: calls.append((done, total)))
    assert calls == [(1, 2), (2, 2)]  # the fused graph, then the inferred one
