"""Every competency question gives the same answer on the seed graph wherever it is stored: rdflib's
memory store, the embedded Oxigraph, Virtuoso (loaded by kgb load) and our own endpoint (kgb serve)."""
from __future__ import annotations

import pytest
from SPARQLWrapper import JSON, POST, SPARQLWrapper

from cq_expected import normalize
from kg_builder.load import load
from kg_builder.query import competency_queries, load_query, run_query
from kg_builder.serve import Endpoint
from kg_builder.store import close_store, graph_names, open_store, replace_graph

pytestmark = pytest.mark.model  # every test here runs the spaCy model

QUESTIONS = [name for name, _, _ in competency_queries()]


def answer_set(rows) -> set[tuple]:
    return {tuple(normalize(cell) for cell in row) for row in rows}


def remote_rows(url: str, sparql: str) -> set[tuple]:
    client = SPARQLWrapper(url)
    client.setMethod(POST)
    client.setQuery(sparql)
    client.setReturnFormat(JSON)
    data = client.query().convert()
    names = data["head"]["vars"]
    return answer_set([tuple(b.get(v, {}).get("value") for v in names) for b in data["results"]["bindings"]])


@pytest.fixture(scope="module")
def stores(seed_build, tmp_path_factory):
    """The seed graph in memory (as built) and copied into an Oxigraph store on disk."""
    memory, _ = seed_build
    oxigraph = open_store(tmp_path_factory.mktemp("agree") / "kg", "oxigraph")
    for name in graph_names(memory):
        replace_graph(oxigraph, name, memory.graph(name))
    yield memory, oxigraph
    close_store(oxigraph)


@pytest.fixture(scope="module")
def expected(stores):
    memory, _ = stores
    return {name: answer_set(run_query(memory, name).rows) for name in QUESTIONS}


def test_the_seed_answers_are_not_all_empty(expected):
    assert sum(1 for rows in expected.values() if rows) >= len(QUESTIONS) - 1


@pytest.mark.parametrize("name", QUESTIONS)
def test_oxigraph_agrees_with_memory(stores, expected, name):
    _, oxigraph = stores
    assert answer_set(run_query(oxigraph, name).rows) == expected[name]


def test_kgb_serve_agrees(stores, expected, tmp_path):
    memory, _ = stores
    location = tmp_path / "kg"
    served = open_store(location, "oxigraph")
    for name in graph_names(memory):
        replace_graph(served, name, memory.graph(name))
    close_store(served)
    with Endpoint(location, port=0) as endpoint:
        for name in QUESTIONS:
            assert remote_rows(endpoint.url, load_query(name)) == expected[name], name


@pytest.mark.server
def test_virtuoso_agrees_after_kgb_load(stores, expected, virtuoso):
    memory, _ = stores
    virtuoso.clear()
    report = load(memory, virtuoso.update_url, user=virtuoso.user, password=virtuoso.password)
    assert all(g.verified for g in report.graphs) and len(report.graphs) == len(graph_names(memory))
    differing = [name for name in QUESTIONS if remote_rows(virtuoso.sparql_url, load_query(name)) != expected[name]]
    assert differing == []
