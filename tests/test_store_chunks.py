"""Large graphs are written to Oxigraph in bounded bulk loads, with the same content as one."""
from __future__ import annotations

from rdflib import BNode, Graph, Literal, Namespace, URIRef

from kg_builder import store as stores

EX = Namespace("https://example.org/chunk-test/")
NAME = URIRef("https://example.org/chunk-test/graph")


def content(n: int, blank: bool = False) -> Graph:
    graph = Graph()
    for i in range(n):
        subject = BNode(f"b{i % 3}") if blank else EX[f"attack/{i}"]
        graph.add((subject, EX.killed, Literal(i)))
        graph.add((subject, EX.note, Literal(f"line {i}\nsecond line\u2028third")))  # line breaks in literals
    return graph


def stored(dataset) -> set:
    return {(str(s), str(p), str(o)) for s, p, o in dataset.graph(NAME)}


def test_a_graph_larger_than_a_chunk_is_whole_and_replaces_the_old_one(tmp_path, monkeypatch):
    monkeypatch.setattr(stores, "WRITE_CHUNK", 7)
    dataset = stores.open_store(tmp_path / "kg", backend="oxigraph")
    try:
        stores.replace_graph(dataset, NAME, content(40))
        calls = []
        inner = stores._oxigraph(dataset)

        class Counting:  # the pyoxigraph Store's methods are read-only: count through a stand-in
            def __getattr__(self, attr):
                return getattr(inner, attr)

            def update(self, text):
                calls.append(("update", text))
                return inner.update(text)

            def bulk_load(self, body, **options):
                calls.append(("bulk_load", body))
                return inner.bulk_load(body, **options)
        monkeypatch.setattr(stores, "_oxigraph", lambda ds: Counting())
        smaller = content(20)
        stores.replace_graph(dataset, NAME, smaller)
        # the old graph goes first, then 40 triples come in loads of at most 7
        assert [kind for kind, _ in calls] == ["update"] + ["bulk_load"] * 6 and calls[0][1].startswith("DROP")
        assert all(body.count("\n") <= 7 for kind, body in calls[1:])
        monkeypatch.undo()
        assert stored(dataset) == {(str(s), str(p), str(o)) for s, p, o in smaller} and len(stored(dataset)) == 40
    finally:
        stores.close_store(dataset)


def test_a_graph_with_blank_nodes_is_one_load(tmp_path, monkeypatch):
    monkeypatch.setattr(stores, "WRITE_CHUNK", 2)
    dataset = stores.open_store(tmp_path / "kg", backend="oxigraph")
    try:
        stores.replace_graph(dataset, NAME, content(9, blank=True))
        subjects = {s for s, _, _ in dataset.graph(NAME)}
        assert len(subjects) == 3  # the three blank nodes kept their identity across their triples
        assert len(list(dataset.graph(NAME))) == 18
    finally:
        stores.close_store(dataset)


def test_pieces_of_one_graph_loaded_apart_are_all_kept(tmp_path, monkeypatch):
    monkeypatch.setattr(stores, "WRITE_CHUNK", 7)
    dataset = stores.open_store(tmp_path / "kg", backend="oxigraph")
    try:
        stores.replace_graph(dataset, NAME, content(3))
        first, second = Graph(), Graph()
        for i in range(20):  # more than a load each, so the second piece comes after the first was loaded
            first.add((EX[f"first/{i}"], EX.n, Literal(i)))
            second.add((EX[f"second/{i}"], EX.n, Literal(i)))
        writer = stores.GraphWriter(dataset)
        writer.add(NAME, first)
        writer.add(NAME, second)
        writer.flush()
        assert stored(dataset) == {(str(s), str(p), str(o)) for s, p, o in first + second}
    finally:
        stores.close_store(dataset)
