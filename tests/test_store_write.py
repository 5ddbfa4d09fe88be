"""store.replace_graphs: bulk writes replace exactly the graphs named, on Oxigraph as on rdflib's memory store."""
from __future__ import annotations

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import XSD

from kg_builder import store
from kg_builder.store import close_store, compact, open_store, replace_graph, replace_graphs

EX = "https://example.org/"
A, B, KEEP = URIRef(EX + "graph/a"), URIRef(EX + "graph/b"), URIRef(EX + "graph/keep")


def content(tag: str) -> Graph:
    graph = Graph()
    node, span = URIRef(EX + tag), BNode()
    # line breaks, " ." inside literals, quotes; typed (Oxigraph reads a plain literal back as xsd:string)
    graph.add((node, URIRef(EX + "says"), Literal(f"line one .\nline two of {tag} .", datatype=XSD.string)))
    graph.add((node, URIRef(EX + "quote"), Literal('he said "no" .', lang="en")))
    graph.add((node, URIRef(EX + "when"), span))
    graph.add((span, URIRef(EX + "day"), Literal(3)))
    return graph


@pytest.fixture(params=["oxigraph", "memory"])
def dataset(request, tmp_path):
    dataset = open_store(tmp_path / "kg", request.param)
    yield dataset
    close_store(dataset)


def test_replace_graphs_writes_each_graph_exactly(dataset):
    replace_graphs(dataset, [(A, content("old-a")), (KEEP, content("keep"))])
    replace_graphs(dataset, [(A, content("a")), (B, content("b"))])
    for name, tag in ((A, "a"), (B, "b"), (KEEP, "keep")):
        assert isomorphic(Graph() + dataset.graph(name), content(tag)), name


def test_replacing_with_an_empty_graph_empties_it(dataset):
    replace_graph(dataset, A, content("a"))
    replace_graph(dataset, A, Graph())
    replace_graphs(dataset, [])
    assert len(dataset.graph(A)) == 0


def test_a_graph_given_in_pieces_replaces_the_old_content_once(dataset):
    replace_graph(dataset, A, content("old-a"))
    writer = store.GraphWriter(dataset)
    writer.add(A, content("a-1"))
    writer.add(B, content("b"))
    writer.add(A, content("a-2"))  # a later piece adds to the graph, it does not replace the first
    writer.flush()
    assert isomorphic(Graph() + dataset.graph(A), content("a-1") + content("a-2"))
    assert isomorphic(Graph() + dataset.graph(B), content("b"))


def _sst_files(location) -> set[str]:
    return {f.name for f in (location / "oxigraph").glob("*.sst")}


def _store_of_several_loads(location):
    dataset = open_store(location, "oxigraph")
    for n in range(4):  # each graph a bulk load of its own: files for RocksDB to merge
        replace_graph(dataset, URIRef(f"{EX}graph/{n}"), content(f"n{n}"))
    return dataset


def test_a_small_store_is_left_uncompacted(tmp_path):
    location = tmp_path / "kg"
    dataset = _store_of_several_loads(location)
    before = _sst_files(location)
    compact(dataset, location)
    assert _sst_files(location) == before and len(before) > 1
    close_store(dataset)


def test_a_store_over_the_threshold_or_of_unknown_size_is_compacted(tmp_path, monkeypatch):
    for given in (True, False):
        location = tmp_path / f"kg-{given}"
        dataset = _store_of_several_loads(location)
        before, quads = _sst_files(location), len(dataset)
        monkeypatch.setattr(store, "COMPACT_FROM_BYTES", 0 if given else 2**40)
        compact(dataset, location if given else None)
        assert _sst_files(location) != before and len(_sst_files(location)) < len(before)
        assert len(dataset) == quads
        close_store(dataset)


def test_the_iris_a_writer_remembers_are_bounded_and_the_graphs_exact(tmp_path, monkeypatch):
    monkeypatch.setattr(store, "IRI_TEXTS", 3)
    dataset = open_store(tmp_path / "kg", "oxigraph")
    writer = store.GraphWriter(dataset)
    for name, tag in ((A, "a"), (B, "b")):  # six IRIs and more: the memory is emptied and refilled
        writer.add(name, content(tag))
        assert 0 < len(writer._iris) <= 3
    writer.flush()
    for name, tag in ((A, "a"), (B, "b")):
        assert isomorphic(Graph() + dataset.graph(name), content(tag)), name
    close_store(dataset)


def test_an_iri_that_n_triples_cannot_hold_is_refused_even_when_remembered(tmp_path):
    dataset = open_store(tmp_path / "kg", "oxigraph")
    writer = store.GraphWriter(dataset)
    bad = Graph()
    bad.add((URIRef(EX + "a b"), URIRef(EX + "p"), Literal(1)))
    with pytest.raises(Exception, match="does not look like a valid URI"):
        writer.add(A, bad)
    close_store(dataset)
