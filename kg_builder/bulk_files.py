"""The bulk loader's files: graphs as TriG files of about FILE_QUADS lines, cut where blank nodes allow.

Virtuoso's bulk loader (kg_builder.bulk) reads each file in one transaction and scopes blank node
labels to a file; its loader threads take a file each, so files of even size share the work.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

FILE_QUADS = 50_000  # lines per file: small enough that the loader threads share the work evenly
FILE_PATTERN = "kgb-load-*.trig"  # the loader reads .trig files as TriG
STATEMENT_END = b" .\n"  # how every Turtle statement from Oxigraph (or an N-Triples line) ends


def statements(turtle: bytes) -> list[bytes]:
    """The statements of Turtle text whose literals hold no raw line break (Oxigraph writes them \\n),
    so that " .\\n" only ends a statement."""
    pieces = turtle.split(STATEMENT_END)
    return [piece + STATEMENT_END for piece in pieces[:-1]] + ([pieces[-1]] if pieces[-1].strip() else [])


def blank_node_statements(turtle: bytes) -> tuple[bytes, bytes]:
    """(statements without a blank node, statements with one) of Turtle text; a literal that merely
    holds "_:" counts as a blank node, which only keeps its statement with the others."""
    if b"_:" not in turtle:
        return turtle, b""
    loose, bound = [], []
    for statement in statements(turtle):
        (bound if b"_:" in statement else loose).append(statement)
    return b"".join(loose), b"".join(bound)


class QuadFiles:
    """A sink for graphs, one at a time, that spreads them over TriG files of about ``size`` lines (FILE_QUADS).

    Each graph comes as Turtle statements (Oxigraph's serializer writes one a subject, which Virtuoso
    parses with 10 % less CPU than the same quads as N-Quads) and goes into a file as a graph block.
    A graph of at most ``size`` lines goes whole into one file. A larger one is cut across files: a
    statement without blank nodes stands alone, so those are cut at any statement end (one loader
    thread left with a graph of 470 k quads took 8 s after the other had finished), while the
    statements with blank nodes stay together in one block, since the loader scopes blank node labels
    to a file. ``graph(name)`` takes a graph as it is written (GraphWriter), so that the files of a
    large graph reach the loader while the rest of it is still being dumped; ``graphs[path]`` lists
    the graphs with statements in each file, for loading files again; ``on_file(path)`` is called as
    each file is complete; ``close()`` finishes the last one.
    """

    def __init__(self, folder: Path, on_file: Callable[[Path], None] = lambda path: None, size: int | None = None):
        self.folder, self.on_file, self.size = folder, on_file, size or FILE_QUADS
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob(FILE_PATTERN):
            old.unlink()
        self.paths: list[Path] = []
        self.graphs: dict[Path, list[str]] = {}
        self.handle = None
        self.path: Path | None = None  # the file being written
        self.lines = 0

    def graph(self, name: str) -> GraphWriter:
        """A writer for graph ``name``'s Turtle statements (without prefixes), given in pieces."""
        return GraphWriter(self, name)

    def write_graph(self, name: str, turtle: bytes) -> None:
        """Add graph ``name``, all its triples in ``turtle`` (Turtle statements without prefixes)."""
        with self.graph(name) as out:
            out.write(turtle)

    def close(self) -> list[Path]:
        """Finish the last file; the paths of every file written, in the order they were completed."""
        if self.handle is not None:
            self._finish()
        return self.paths

    def _spread(self, name: str, turtle: bytes, lines: int) -> None:
        """Fill files with ``turtle`` (statements that stand alone), cut at the statement end nearest each file's room."""
        while lines > self.size - self.lines:
            room = self.size - self.lines
            if room > 0:
                cut = turtle.find(STATEMENT_END, max(0, len(turtle) * room // lines - len(STATEMENT_END)))
                cut = len(turtle) if cut < 0 else cut + len(STATEMENT_END)
                piece, turtle = turtle[:cut], turtle[cut:]
                taken = piece.count(b"\n")
                self._add(name, piece, taken)
                lines -= taken
            self._finish()
        if turtle:
            self._add(name, turtle, lines)

    def _add(self, name: str, turtle: bytes, lines: int) -> None:
        if self.handle is None:
            self.path = self.folder / f"kgb-load-{len(self.paths):05d}.trig"
            self.handle = open(self.path, "wb")
            self.graphs[self.path] = []
        self.handle.write(b"<" + name.encode() + b"> {\n" + turtle + b"}\n")
        self.graphs[self.path].append(name)
        self.lines += lines

    def _finish(self) -> None:
        self.handle.close()
        path = self.path
        self.handle, self.path, self.lines = None, None, 0
        self.paths.append(path)
        self.on_file(path)


class GraphWriter:
    """One graph's Turtle for QuadFiles, written in pieces (``store.dump(writer, …)`` writes 8 KB at a time).

    The text is held while it fits in a file, then goes whole into one. Once it is larger, the
    complete statements without blank nodes go into files as each ``size`` lines arrive, so that a
    graph of 470 k quads no longer leaves the loader idle for the seconds its dump takes; the
    statements with blank nodes are held to the end of the graph and go together into one block.
    """

    def __init__(self, files: QuadFiles, name: str):
        self.files, self.name = files, name
        self.pending: list[bytes] = []  # text not yet placed in a file
        self.lines = 0  # line ends in ``pending``
        self.large = False
        self.bound: list[bytes] = []  # statements with blank nodes of a large graph

    def write(self, data: bytes) -> int:
        self.pending.append(bytes(data))
        self.lines += data.count(b"\n")
        if self.lines > self.files.size:
            self.large = True
            self._place(last=False)
        return len(data)

    def flush(self) -> None:
        """Nothing to do: pyoxigraph's dump calls it when done."""

    def close(self) -> None:
        """The graph is complete: place what is held."""
        if not self.large:
            self.files._add(self.name, b"".join(self.pending), self.lines)
        else:
            self._place(last=True)
            if self.bound:
                bound = b"".join(self.bound)
                self.files._add(self.name, bound, bound.count(b"\n"))
        self.pending, self.bound = [], []
        if self.files.lines >= self.files.size:
            self.files._finish()

    def __enter__(self) -> GraphWriter:
        return self

    def __exit__(self, kind, error, trace) -> None:
        if kind is None:  # a graph whose dump failed is not written
            self.close()

    def _place(self, last: bool) -> None:
        """Put the complete statements held (every one, when ``last``) into files."""
        text = b"".join(self.pending)
        cut = len(text) if last else text.rfind(STATEMENT_END) + len(STATEMENT_END)
        if cut < len(STATEMENT_END) and not last:
            return  # no statement complete yet
        text, rest = text[:cut], text[cut:]
        self.pending, self.lines = ([rest], rest.count(b"\n")) if rest else ([], 0)
        loose, bound = blank_node_statements(text)
        if bound:
            self.bound.append(bound)
        if loose:
            self.files._spread(self.name, loose, loose.count(b"\n"))


def loaded_together(files: list[Path], graphs: dict[Path, list[str]]) -> tuple[list[Path], list[str]]:
    """The files to load again when ``files`` failed, and the graphs to delete before: every graph of a
    failed file, every file holding a line of one of those graphs, and so on (a large graph spans files)."""
    again = set(files)
    while True:
        names = {name for path in again for name in graphs[path]}
        more = {path for path, held in graphs.items() if names.intersection(held)} - again
        if not more:
            return sorted(again), sorted(names)
        again |= more
