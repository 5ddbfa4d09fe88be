"""The bulk loader's files: cut only where blank nodes allow, TriG from Oxigraph's Turtle serializer."""
from __future__ import annotations

import re
import threading
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Dataset, Literal, Namespace, URIRef

from kg_builder import bulk, bulk_files
from kg_builder.bulk import BulkTarget
from kg_builder.bulk_files import QuadFiles
from kg_builder.errors import EndpointError
from kg_builder import load as load_module
from kg_builder.load import _sizes as load_module_sizes
from kg_builder.load import _turtle, _write_graphs, load
from kg_builder.store import _oxigraph, close_store, open_store

EX = Namespace("https://example.org/bulk-test/")


def graph_text(name: str, lines: int, blank: bool = False) -> bytes:
    subject = "_:b1" if blank else f"<{EX}report/{name}>"
    return "".join(f'{subject} <{EX}figure> "{i:04d}" .\n' for i in range(lines)).encode()


def read_quads(path) -> list:
    return list(ox.parse(path=str(path), format=ox.RdfFormat.TRIG))


def write_files(texts, folder, on_file=lambda path: None, size=None):
    """Feed the graphs ``texts`` (name → Turtle) to QuadFiles a graph at a time, as _write_graphs does."""
    sink = QuadFiles(folder, on_file, size)
    for name, text in texts.items():
        sink.write_graph(f"{EX}graph/{name}", text)
    return sink.close(), sink.graphs


def texts(**sizes) -> dict[str, bytes]:
    return {name: graph_text(name, lines) for name, lines in sizes.items()}


def graphs_per_file(files) -> dict[str, int]:
    """Graph name (last segment) → in how many of ``files`` it has lines."""
    where: dict[str, set] = {}
    for path in files:
        for quad in read_quads(path):
            where.setdefault(quad.graph_name.value.rsplit("/", 1)[1], set()).add(path)
    return {name: len(paths) for name, paths in where.items()}


def test_graphs_smaller_than_a_file_stay_whole_and_files_end_when_full(tmp_path):
    handed = []
    files, _ = write_files(texts(a=3, b=8, c=6, d=6), tmp_path, handed.append, size=10)
    assert handed == files
    assert graphs_per_file(files) == {"a": 1, "b": 1, "c": 1, "d": 1}
    assert [len(read_quads(path)) for path in files] == [11, 12]


def test_a_graph_larger_than_a_file_is_cut_at_statement_ends_across_files(tmp_path):
    """One loader thread alone with a huge graph would finish long after the others."""
    written = texts(small=4, large=45, after=1)
    files, graphs = write_files(written, tmp_path, size=10)
    quads = [quad for path in files for quad in read_quads(path)]
    assert len(quads) == len(set(quads)) == 50  # every statement once, whole
    assert graphs_per_file(files)["large"] == len(files) == 5
    assert all(len(read_quads(path)) <= 10 for path in files)
    assert graphs[files[0]] == [f"{EX}graph/small", f"{EX}graph/large"]


def test_the_blank_node_statements_of_a_large_graph_stay_in_one_file(tmp_path):
    mixed = graph_text("mixed", 20) + graph_text("mixed", 15, blank=True) + graph_text("mixed", 20)
    files, _ = write_files({"before": graph_text("before", 4), "mixed": mixed}, tmp_path, size=10)
    holding = [path for path in files if b"_:" in path.read_bytes()]
    assert len(holding) == 1 and path_blank_lines(holding[0]) == 15
    assert graphs_per_file(files)["mixed"] > 1 and sum(len(read_quads(path)) for path in files) == 59


def path_blank_lines(path) -> int:
    return sum(line.startswith(b"_:") for line in path.read_bytes().splitlines())


def test_a_statement_goes_with_the_blank_node_statements_when_any_of_its_lines_has_one():
    text = (f'<{EX}a> <{EX}n> "1" ;\n\t<{EX}time> _:t .\n<{EX}b> <{EX}n> "2" ,\n\t"3" .\n'
            f'_:t <{EX}day> "Friday" .\n<{EX}c> <{EX}says> "x _:y" .\n').encode()
    loose, bound = bulk_files.blank_node_statements(text)
    assert loose == f'<{EX}b> <{EX}n> "2" ,\n\t"3" .\n'.encode()
    assert len(bulk_files.statements(bound)) == 3  # the literal that looks like a label only keeps its statement there
    assert bulk_files.blank_node_statements(graph_text("plain", 3)) == (graph_text("plain", 3), b"")


def pieces(text: bytes, size: int) -> list[bytes]:
    """``text`` cut every ``size`` bytes, wherever that falls (as pyoxigraph's dump writes 8 KB at a time)."""
    return [text[i:i + size] for i in range(0, len(text), size)]


def test_a_large_graph_written_in_pieces_reaches_the_loader_before_its_end(tmp_path):
    """The loader starts on a large graph's first files while the rest of it is still being dumped."""
    handed, sink = [], None

    def on_file(path):
        handed.append((path, len(sink.paths)))
    sink = QuadFiles(tmp_path, on_file, size=10)
    text = graph_text("large", 45)
    with sink.graph(f"{EX}graph/large") as out:
        for piece in pieces(text, 7):  # cuts fall inside statements, and between " ." and the line end
            out.write(piece)
        during = len(handed)
    files = sink.close()
    assert during >= 3 and len(files) == 5
    assert sorted(q.object.value for path in files for q in read_quads(path)) == [f"{i:04d}" for i in range(45)]


def test_a_graph_that_fits_a_file_written_in_pieces_stays_whole_and_waits_for_its_end(tmp_path):
    handed = []
    sink = QuadFiles(tmp_path, handed.append, size=10)
    sink.write_graph(f"{EX}graph/first", graph_text("first", 4))
    with sink.graph(f"{EX}graph/fits") as out:
        for piece in pieces(graph_text("fits", 10), 5):
            out.write(piece)
        assert handed == []  # nothing placed before the graph is complete
    files = sink.close()
    assert handed == files and graphs_per_file(files) == {"first": 1, "fits": 1} and len(read_quads(files[0])) == 14


def test_the_blank_node_statements_of_a_graph_written_in_pieces_stay_in_one_file(tmp_path):
    mixed = graph_text("mixed", 20) + graph_text("mixed", 15, blank=True) + graph_text("mixed", 20)
    sink = QuadFiles(tmp_path, size=10)
    with sink.graph(f"{EX}graph/mixed") as out:
        for piece in pieces(mixed, 11):
            out.write(piece)
    files = sink.close()
    holding = [path for path in files if b"_:" in path.read_bytes()]
    assert len(holding) == 1 and path_blank_lines(holding[0]) == 15
    assert len(files) > 2 and sum(len(read_quads(path)) for path in files) == 55


def test_an_oxigraph_graph_larger_than_a_file_is_written_while_it_is_dumped(tmp_path, monkeypatch):
    """_write_graphs hands Oxigraph's serializer the sink: files are complete before the dump returns."""
    stored = open_store(tmp_path / "kg", backend="oxigraph")
    name = URIRef(f"{EX}graph/large")
    stored.graph(name).addN((EX[f"report/{i}"], EX.figure, Literal(i), stored.graph(name)) for i in range(5000))
    dumping, handed = [False], []
    dump = _oxigraph(stored).dump

    def watched_dump(*args, **kwargs):
        dumping[0] = True
        try:
            return dump(*args, **kwargs)
        finally:
            dumping[0] = False
    monkeypatch.setattr(load_module, "_oxigraph", lambda dataset: type("S", (), {"dump": staticmethod(watched_dump)})())
    try:
        sink = QuadFiles(tmp_path / "files", lambda path: handed.append(dumping[0]), size=1000)
        _write_graphs(stored, [str(name)], sink)
        files = sink.close()
        assert len(files) == 5 and handed[:4] == [True] * 4
        assert len({q for path in files for q in read_quads(path)}) == 5000
    finally:
        close_store(stored)


def test_an_error_handing_over_a_file_during_a_dump_is_raised_as_it_was(tmp_path):
    stored = open_store(tmp_path / "kg", backend="oxigraph")
    name = URIRef(f"{EX}graph/large")
    stored.graph(name).addN((EX[f"report/{i}"], EX.figure, Literal(i), stored.graph(name)) for i in range(50))

    def refuse(path):
        raise EndpointError("the server refused the file")
    try:
        with pytest.raises(EndpointError, match="refused"):
            _write_graphs(stored, [str(name)], QuadFiles(tmp_path / "files", refuse, size=10))
    finally:
        close_store(stored)


def test_files_to_load_again_are_every_file_holding_part_of_a_failed_files_graphs(tmp_path):
    files, graphs = write_files(texts(a=5, b=12, c=3, d=12, e=4), tmp_path, size=5)
    assert len(files) == 7 and graphs[files[3]] == [f"{EX}graph/b", f"{EX}graph/c"]
    again, names = bulk_files.loaded_together([files[1]], graphs)
    assert again == files[1:4]  # b's three files; the third also holds c, which is whole there
    assert names == [f"{EX}graph/b", f"{EX}graph/c"]


def stat(script: str) -> str:
    """What file_stat answers for the file the script names, as a server that reads our folder would."""
    path = Path(re.search(r"file_stat[(]'([^']+)'", script).group(1))
    return f"size {path.stat().st_size}\n"


def test_a_file_the_loader_deadlocked_on_is_loaded_again_after_deleting_its_graphs(tmp_path, monkeypatch):
    scripts, checks, deleted = [], [], []

    def server(isql, target, script, what, tolerate=None):
        scripts.append(script)
        if "file_stat" in script:
            return stat(script)
        if bulk.READ_NAMES_NAME + "(" in script:
            deleted.append((tmp_path / "kgb-load" / bulk.OLD_GRAPHS_FILE).read_text().split())
        if "'failed'" in script:
            checks.append(script)
            first = tmp_path / "kgb-load" / "kgb-load-00001.trig"
            return f"SQL> failed  {first}   40001 SR...: Transaction deadlock\n" if len(checks) == 1 else ""
        return "counted 0\n" if "counted" in script else ""

    class Loaders:
        def __init__(self, isql, target):
            self.running = []

        def top_up(self):
            pass

        def wait(self):
            pass
    monkeypatch.setattr(bulk, "_run", server)
    monkeypatch.setattr(bulk, "_Loaders", Loaders)
    monkeypatch.setattr(bulk, "isql_command", lambda: "isql-vt")
    monkeypatch.setattr(bulk_files, "FILE_QUADS", 5)

    def write(sink):
        for name in ("a", "b", "c"):
            sink.write_graph(f"{EX}graph/{name}", graph_text(name, 5))
    bulk.bulk_load(BulkTarget(tmp_path), [], write)
    assert deleted == [[f"{EX}graph/b"]]
    assert sum("kgb-load-00001.trig', 'urn" in script for script in scripts) == 2  # listed again
    assert any("checkpoint" in script for script in scripts)


def test_the_clients_work_while_loading_comes_after_the_last_file_is_listed_with_loaders_running(tmp_path, monkeypatch):
    """The local counts are taken while the server loads the last files, not before the first is written."""
    events = []

    def server(isql, target, script, what, tolerate=None):
        if "ld_add" in script:
            events.append("listed")
        if "file_stat" in script:
            return stat(script)
        return "counted 0\n" if "counted" in script else ""

    class Loaders:
        def __init__(self, isql, target):
            self.running = []

        def top_up(self):
            events.append("loaders")

        def wait(self):
            events.append("waited")
    monkeypatch.setattr(bulk, "_run", server)
    monkeypatch.setattr(bulk, "_Loaders", Loaders)
    monkeypatch.setattr(bulk, "isql_command", lambda: "isql-vt")

    def write(sink):
        for name in ("a", "b"):
            sink.write_graph(f"{EX}graph/{name}", graph_text(name, 5))
    bulk.bulk_load(BulkTarget(tmp_path), [], write, while_loading=lambda: events.append("counted"))
    assert events.index("counted") > max(i for i, event in enumerate(events) if event == "listed")
    assert events[events.index("counted") - 1] == "loaders" and events[events.index("counted") + 1] == "waited"


def quiet_loaders(monkeypatch, server):
    """bulk_load against ``server`` (a stand-in for _run) with loaders that do nothing."""
    monkeypatch.setattr(bulk, "_run", server)
    monkeypatch.setattr(bulk, "_Loaders", lambda isql, target: type("L", (), {"running": [], "wait": lambda s: None,
                                                                              "top_up": lambda s: None})())
    monkeypatch.setattr(bulk, "isql_command", lambda: "isql-vt")


def test_the_dump_goes_on_while_a_file_is_listed_for_the_loader(tmp_path, monkeypatch):
    events, release = [], threading.Event()

    def server(isql, target, script, what, tolerate=None):
        if "ld_add" in script:
            release.wait(5)  # a slow isql
            events.append("listed")
        return stat(script) if "file_stat" in script else ""
    quiet_loaders(monkeypatch, server)
    monkeypatch.setattr(bulk_files, "FILE_QUADS", 5)

    def write(sink):
        for name in ("a", "b", "c"):
            sink.write_graph(f"{EX}graph/{name}", graph_text(name, 5))
        events.append("written")
        release.set()
    bulk.bulk_load(BulkTarget(tmp_path), [], write)
    assert events == ["written", "listed", "listed", "listed"]


def test_a_file_the_server_would_not_list_fails_the_load(tmp_path, monkeypatch):
    def server(isql, target, script, what, tolerate=None):
        if "ld_add" in script and "00001" in script:
            raise EndpointError("isql failed while listing kgb-load-00001.trig")
        return stat(script) if "file_stat" in script else ""
    quiet_loaders(monkeypatch, server)
    monkeypatch.setattr(bulk_files, "FILE_QUADS", 5)

    def write(sink):
        for name in ("a", "b", "c"):
            sink.write_graph(f"{EX}graph/{name}", graph_text(name, 5))
    with pytest.raises(EndpointError, match="listing kgb-load-00001"):
        bulk.bulk_load(BulkTarget(tmp_path), [], write)


def test_a_bulk_load_counts_the_store_once_its_files_are_handed_over(tmp_path, monkeypatch):
    """load() gives bulk_load the local count as work for the loaders' last files; the report still has the counts."""
    dataset = Dataset(default_union=True)
    for name, size in (("a", 3), ("b", 2)):
        graph = dataset.graph(URIRef(f"{EX}graph/{name}"))
        for i in range(size):
            graph.add((EX[f"report/{name}/{i}"], EX.figure, Literal(i)))
    order = []

    def bulk_load(target, old, write, progress=None, while_loading=lambda: None):
        write(QuadFiles(tmp_path / "files", lambda path: order.append("file")))
        order.append("written")
        while_loading()
    monkeypatch.setattr(load_module, "bulk_load", bulk_load)
    monkeypatch.setattr(load_module, "_sizes", lambda *args: order.append("counted") or load_module_sizes(*args))
    monkeypatch.setattr(load_module._Remote, "counts", lambda self: {f"{EX}graph/a": 3, f"{EX}graph/b": 2})
    report = load(dataset, "http://127.0.0.1:9/sparql-auth", bulk=BulkTarget(tmp_path))
    assert order == ["written", "counted"]
    assert sorted((g.name.rsplit("/", 1)[1], g.triples, g.verified) for g in report.graphs) == [("a", 3, True),
                                                                                               ("b", 2, True)]


def test_a_file_rejected_for_another_reason_is_reported(tmp_path, monkeypatch):
    def server(isql, target, script, what, tolerate=None):
        if "file_stat" in script:
            return stat(script)
        if "'failed'" in script:
            return f"failed  {tmp_path / 'kgb-load' / 'kgb-load-00000.trig'}   37000 SP029: TURTLE RDF loader\n"
        return ""
    monkeypatch.setattr(bulk, "_run", server)
    monkeypatch.setattr(bulk, "_Loaders", lambda isql, target: type("L", (), {"running": [], "wait": lambda s: None,
                                                                              "top_up": lambda s: None})())
    monkeypatch.setattr(bulk, "isql_command", lambda: "isql-vt")
    with pytest.raises(EndpointError, match="kgb-load-00000.trig: 37000"):
        bulk.bulk_load(BulkTarget(tmp_path), [], lambda sink: sink.write_graph(f"{EX}graph/x", graph_text("x", 3)))


def test_rewriting_files_removes_the_previous_run(tmp_path):
    write_files(texts(a=30), tmp_path, size=10)
    files, _ = write_files(texts(b=5), tmp_path, size=10)
    assert sorted(tmp_path.glob(bulk_files.FILE_PATTERN)) == files


def test_turtle_is_the_same_from_oxigraph_and_from_a_memory_store(tmp_path):
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
        def triples(text: bytes) -> set:
            return {(t.subject if not isinstance(t.subject, ox.BlankNode) else "_", t.predicate,
                     t.object if not isinstance(t.object, ox.BlankNode) else "_")
                    for t in ox.parse(text, format=ox.RdfFormat.TURTLE)}
        from_oxigraph, from_memory = _turtle(stored, str(name)), _turtle(memory, str(name))
        assert triples(from_oxigraph) == triples(from_memory) and len(triples(from_memory)) == 3
        # the literal's " .\n" is written escaped, so only statement ends split the text
        assert len(bulk_files.statements(from_oxigraph)) == 2 and len(bulk_files.statements(from_memory)) == 3
    finally:
        close_store(stored)


@pytest.mark.server
def test_bulk_load_of_graphs_larger_than_a_file_counts_back(virtuoso, monkeypatch):
    virtuoso.clear()
    monkeypatch.setattr(bulk_files, "FILE_QUADS", 40)  # several files, the large graph cut across them
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
        bulk.bulk_load(BulkTarget(tmp_path), [], lambda sink: sink.write_graph(f"{EX}graph/x", graph_text("x", 3)))
    assert not list((tmp_path / "kgb-load").glob(bulk_files.FILE_PATTERN))
    assert not any("ld_add" in script or "rdf_loader_run" in script for script in scripts)  # nothing listed


def test_all_graphs_of_a_store_or_some_of_them_are_written_whole(tmp_path):
    """All graphs come from one dump of the store, some graphs from a dump each: the same lines either way."""
    stored = open_store(tmp_path / "kg", backend="oxigraph")
    names = [URIRef(f"{EX}graph/{n}") for n in ("a", "b")]
    for name in names:
        stored.graph(name).add((EX.report, EX.figure, Literal(str(name))))
        stored.graph(name).add((BNode(), EX.figure, Literal(1)))

    def written(graphs) -> list:
        sink = QuadFiles(tmp_path / "files")
        _write_graphs(stored, [str(n) for n in graphs], sink)
        return [q for path in sink.close() for q in read_quads(path)]
    try:
        everything = written(names)
        assert len(everything) == 4 and {q.graph_name.value for q in everything} == {str(n) for n in names}
        part = written(names[:1])
        assert len(part) == 2 and {q.graph_name.value for q in part} == {str(names[0])}
    finally:
        close_store(stored)
