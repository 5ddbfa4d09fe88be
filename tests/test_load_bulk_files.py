"""The bulk loader's files: graphs cut only where blank nodes allow, N-Quads from Oxigraph's serializer."""
from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import BNode, Dataset, Literal, Namespace, URIRef

from kg_builder import bulk
from kg_builder.bulk import BulkTarget, has_blank_nodes, split_lines, write_files
from kg_builder.errors import EndpointError
from kg_builder.load import _nquads, load
from kg_builder.store import close_store, open_store

EX = Namespace("https://example.org/bulk-test/")


def graph_text(name: str, lines: int, blank: bool = False) -> bytes:
    subject = "_:b1" if blank else f"<{EX}report/{name}>"
    return "".join(f'{subject} <{EX}figure> "{i}" <{EX}graph/{name}> .\n' for i in range(lines)).encode()


def read_quads(path) -> list:
    return list(ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS))


def test_split_lines_cuts_only_at_line_ends():
    data = graph_text("a", 10)
    pieces = split_lines(data, 4)
    assert [p.count(b"\n") for p in pieces] == [4, 4, 2]
    assert [p.count(b"\n") for p in split_lines(data, 4, first=1)] == [1, 4, 4, 1]
    assert b"".join(pieces) == data


def test_a_large_graph_without_blank_nodes_is_spread_over_files(tmp_path):
    handed = []
    files = write_files([graph_text("small", 3), graph_text("large", 25)], tmp_path, handed.append, size=10)
    assert handed == files
    sizes = [len(read_quads(path)) for path in files]
    assert sum(sizes) == 28 and max(sizes) <= 10 and len(files) == 3


def test_a_graph_with_blank_nodes_stays_in_one_file(tmp_path):
    files = write_files([graph_text("before", 4), graph_text("blank", 25, blank=True), graph_text("after", 4)],
                        tmp_path, size=10)
    holding = [path for path in files if any(isinstance(q.subject, ox.BlankNode) for q in read_quads(path))]
    assert len(holding) == 1 and len(read_quads(holding[0])) == 25  # alone: the graphs around it are elsewhere
    assert sum(len(read_quads(path)) for path in files) == 33


def test_blank_node_check_errs_on_the_safe_side():
    assert has_blank_nodes(b'_:x <p> "o" <g> .\n')
    assert has_blank_nodes(b'<s> <p> _:x <g> .\n')
    assert has_blank_nodes(b'<s> <p> "a label _:like this" <g> .\n')  # a false alarm only keeps a graph whole
    assert not has_blank_nodes(b'<s> <p> "http://a.b/_:c" <g> .\n')


def test_rewriting_files_removes_the_previous_run(tmp_path):
    write_files([graph_text("a", 30)], tmp_path, size=10)
    files = write_files([graph_text("b", 5)], tmp_path, size=10)
    assert sorted(tmp_path.glob(bulk.FILE_PATTERN)) == files


def test_nquads_are_the_same_from_oxigraph_and_from_a_memory_store(tmp_path):
    name = URIRef(f"{EX}graph/one")
    memory = Dataset(default_union=True)
    graph = memory.graph(name)
    time = BNode()
    graph.add((EX.attack, EX.time, time))
    graph.add((time, EX.label, Literal('said "at least 3" .\nthen left', lang="en")))
    graph.add((EX.attack, EX.killed, Literal(3)))
    stored = open_store(tmp_path / "kg", backend="oxigraph")
    stored.graph(name).addN((s, p, o, stored.graph(name)) for s, p, o in graph)
    try:
        def quads(text: bytes) -> set:
            return {(q.subject if not isinstance(q.subject, ox.BlankNode) else "_", q.predicate,
                     q.object if not isinstance(q.object, ox.BlankNode) else "_", q.graph_name)
                    for q in ox.parse(text, format=ox.RdfFormat.N_QUADS)}
        from_oxigraph, from_memory = _nquads(stored, str(name)), _nquads(memory, str(name))
        assert from_oxigraph.count(b"\n") == 3
        assert quads(from_oxigraph) == quads(from_memory)
        assert all(q.graph_name == ox.NamedNode(str(name)) for q in ox.parse(from_oxigraph, format=ox.RdfFormat.N_QUADS))
    finally:
        close_store(stored)


@pytest.mark.server
def test_bulk_load_of_graphs_larger_than_a_file_counts_back(virtuoso, monkeypatch):
    virtuoso.clear()
    monkeypatch.setattr(bulk, "FILE_QUADS", 40)  # several files, the large graph cut across them
    dataset = Dataset(default_union=True)
    for name, size in (("large", 130), ("small", 7)):
        graph = dataset.graph(URIRef(f"{EX}graph/{name}"))
        for i in range(size):
            graph.add((EX[f"report/{name}/{i}"], EX.figure, Literal(i)))
    target = BulkTarget(virtuoso.folder, virtuoso.sql, virtuoso.user, virtuoso.password, streams=2)
    for _ in range(2):  # the second run replaces the first: no duplicates
        report = load(dataset, virtuoso.update_url, user=virtuoso.user, password=virtuoso.password, bulk=target)
        assert sorted((g.triples, g.verified) for g in report.graphs) == [(7, True), (130, True)]
    virtuoso.clear()


def test_files_the_server_does_not_see_are_named_and_removed(tmp_path, monkeypatch):
    """A server on another machine (or in a container) reads another filesystem: file_stat finds nothing."""
    scripts = []

    def server_without_the_file(isql, target, script, what, tolerate=None):
        scripts.append(script)
        return "size  0\n" if "file_stat" in script else ""
    monkeypatch.setattr(bulk, "_run", server_without_the_file)
    monkeypatch.setattr(bulk, "isql_command", lambda: "isql-vt")
    with pytest.raises(EndpointError, match="cannot read the files written to .*DirsAllowed"):
        bulk.bulk_load(BulkTarget(tmp_path), [], [graph_text("x", 3)])
    assert not list((tmp_path / "kgb-load").glob("*.nq"))
    assert not any("ld_add" in script or "rdf_loader_run" in script for script in scripts)  # nothing listed
