"""The embedded store: Oxigraph on disk by default (reopened by later commands), or rdflib's memory store.

A store on disk is a directory: the Oxigraph database is its ``oxigraph/`` folder, beside the
pipeline's ``extractions/`` cache.

Stores are picked by rdflib plugin name (``Oxigraph`` from oxrdflib, ``Memory``); this module only
adds what the pipeline needs on top: replacing named graphs in bulk and knowing which articles a store
already holds, so an interrupted build can be finished by running it again.
"""
from __future__ import annotations

import gc
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from pyoxigraph import RdfFormat
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.plugins.serializers.nt import _quoteLiteral  # rdflib's own N-Triples literal, as serialize(format="nt")

from .errors import StoreError
from .vocab import KGB

BACKENDS = {"oxigraph": "Oxigraph", "memory": "Memory"}
DEFAULT_LOCATION = "kg"


def store_path(location: str | Path | None) -> Path:
    """The folder a store lives in: ``location``, or DEFAULT_LOCATION when none is given."""
    return Path(location or DEFAULT_LOCATION)


def open_store(location: str | Path | None = DEFAULT_LOCATION, backend: str = "oxigraph") -> Dataset:
    """Open (creating if needed) the store at ``location``; ``backend`` is "oxigraph" or "memory"."""
    if backend not in BACKENDS:
        raise StoreError(f"unknown store backend {backend!r}; choose one of {', '.join(BACKENDS)}")
    if backend == "memory":
        return Dataset(store="Memory", default_union=True)
    path = store_path(location)
    if path.exists() and not path.is_dir():
        raise StoreError(f"store location {path} is a file, not a directory; give --store a directory")
    database = path / "oxigraph"
    try:
        path.mkdir(parents=True, exist_ok=True)
        dataset = Dataset(store="Oxigraph", default_union=True)
        dataset.open(str(database), create=not database.exists())
    except OSError as err:  # pyoxigraph raises OSError when another process holds the lock
        raise StoreError(f"cannot open the store in {path}: {err}. Is another kgb command using it?") from err
    return dataset


# Present while a build writes: the graphs are written in several transactions (replace_graphs), so
# until the last one (the fused and inferred graphs) commits, the store may lack graphs or its articles
# and fused events may disagree. A rerun finishes it.
INCOMPLETE_MARKER = "BUILD-INCOMPLETE"


@contextmanager
def writing(location: str | Path | None) -> Iterator[None]:
    """Mark the store at ``location`` incomplete while the body writes it; unmarked only on success."""
    marker = store_path(location) / INCOMPLETE_MARKER
    with open(marker, "w", encoding="utf-8") as handle:
        handle.write("a kgb build started writing this store and has not finished; run it again\n")
        handle.flush()
        os.fsync(handle.fileno())
    yield
    marker.unlink()


def interrupted_build(location: str | Path | None) -> str | None:
    """A message for the user when a build of the store at ``location`` was interrupted, else None."""
    if location is None or not (Path(location) / INCOMPLETE_MARKER).exists():
        return None
    return (f"the store in {location} is incomplete: a build was interrupted while writing it, so its articles, "
            "fused events and time relations may disagree; run the same `kgb build` again to finish it")


def _oxigraph(dataset: Dataset):
    """The pyoxigraph Store behind an oxrdflib-backed Dataset, or None for other stores."""
    return getattr(dataset.store, "_inner", None) if type(dataset.store).__name__ == "OxigraphStore" else None


# Quads per Oxigraph bulk load when graphs are written: bounds the N-Quads text held at once.
WRITE_CHUNK = 20_000
# IRIs whose N-Triples text a GraphWriter keeps: predicates, classes and the events, actors and places
# of a build recur in graph after graph, and URIRef.n3 checks the IRI anew each time.
IRI_TEXTS = 100_000


def replace_graph(dataset: Dataset, name: URIRef, content: Graph) -> None:
    """Make named graph ``name`` hold exactly ``content`` (replace_graphs of one graph)."""
    replace_graphs(dataset, [(name, content)])


def replace_graphs(dataset: Dataset, graphs: Iterable[tuple[URIRef, Graph]]) -> None:
    """Make each named graph hold exactly its content (a GraphWriter given them all, then flushed)."""
    writer = GraphWriter(dataset)
    for name, content in graphs:
        writer.add(name, content)
    writer.flush()


class GraphWriter:
    """Replaces named graphs in a store, holding at most WRITE_CHUNK quads of N-Quads text at a time.

    On Oxigraph, ``add`` turns a graph into N-Quads lines triple by triple and sends them by
    Oxigraph's bulk loader in loads of about WRITE_CHUNK quads; a graph is dropped (one transaction
    for all the graphs pending) just before the first load that holds any of its content. The bulk
    loader writes sorted files beside the database instead of filling its in-memory write buffers:
    ordinary loads grew the process by about 0.9 KB a quad stored and cost more per quad as the
    store grew (1 M quads in loads of 20 k: 89 s CPU, 960 MB RSS; bulk loads 44 s, 81 MB). It is
    not transactional: until the last load the graphs are partial, which the build's incomplete
    marker (``writing``) reports until a rerun finishes. The triples of a graph that have a blank
    node go in one load together, since each load gives its blank nodes fresh identities.
    Other stores replace graph by graph in ``add``. ``flush`` writes what is still held.

    A graph may be given in pieces (``add`` again with the same name): the first piece replaces
    what the store held, later ones are added to it, so that a large graph is never whole in memory.
    """

    def __init__(self, dataset: Dataset):
        self.dataset = dataset
        self._ox = _oxigraph(dataset)
        self._to_drop: list[URIRef] = []
        self._lines: list[str] = []
        self._replaced: set[URIRef] = set()  # graphs given a first piece: their old content is (or will be) dropped
        self._iris: dict[URIRef, str] = {}  # IRI -> its N-Triples text (at most IRI_TEXTS)

    def add(self, name: URIRef, content: Graph) -> None:
        first = name not in self._replaced
        self._replaced.add(name)
        if self._ox is None:
            if first:
                self.dataset.remove_graph(self.dataset.graph(name))
            target = self.dataset.graph(name)
            target.addN((s, p, o, target) for s, p, o in content)
            return
        if first:
            self._to_drop.append(name)
        blank = []
        tail = f"<{name}> .\n"
        text = self._text
        for triple in content:
            subject, predicate, obj = triple
            line = f"{text(subject)} {text(predicate)} {text(obj)} {tail}"
            if isinstance(subject, BNode) or isinstance(obj, BNode):
                blank.append(line)
                continue
            self._lines.append(line)
            if len(self._lines) >= WRITE_CHUNK:
                self._load()
        if blank:  # all in one load, with the other graphs' lines held so far when they fit
            if self._lines and len(self._lines) + len(blank) > WRITE_CHUNK:
                self._load()
            self._lines += blank
            if len(self._lines) >= WRITE_CHUNK:
                self._load()

    def _text(self, term) -> str:
        """A term as N-Triples writes it (rdflib's own n3 and literal quoting); IRIs remembered."""
        if type(term) is URIRef:
            found = self._iris.get(term)
            if found is None:
                if len(self._iris) >= IRI_TEXTS:
                    self._iris.clear()
                found = self._iris[term] = term.n3()
            return found
        return _quoteLiteral(term) if isinstance(term, Literal) else term.n3()

    def flush(self) -> None:
        """Write every graph added and not yet written whole."""
        if self._ox is not None and (self._to_drop or self._lines):
            self._load()

    def _load(self) -> None:
        """Drop the graphs pending, then bulk-load the lines held."""
        if self._to_drop:
            self._ox.update(" ; ".join(f"DROP SILENT GRAPH <{name}>" for name in self._to_drop))
            self._to_drop = []
        if self._lines:
            self._ox.bulk_load("".join(self._lines), format=RdfFormat.N_QUADS)
            self._lines = []


# Below this size on disk a build leaves its store as written: RocksDB merges its small files itself
# (level-0 compaction), and on the devset store (1.4 MB, 24 files) the questions took as long
# uncompacted as compacted, while optimize() cost 27 ms of a 1.1 s build.
COMPACT_FROM_BYTES = 4 * 2**20


def compact(dataset: Dataset, location: str | Path | None = None) -> None:
    """Compact an Oxigraph store after a build wrote it (RocksDB compaction); other stores need none.

    A build writes one transaction per graph, which leaves the database in many small files that
    every lookup has to search: on the 1 M-quad bench store, compacting took the store from 684 MB
    to 314 MB and made decoding 20 k result rows 4.5 times faster (616 → 135 ms). Queries run on a
    compacted store; the next build compacts again. Given the store's ``location``, a
    database smaller than COMPACT_FROM_BYTES is left as it is (the files are listed, not read).
    """
    ox = _oxigraph(dataset)
    if ox is None:
        return
    if location is not None and _database_bytes(location) < COMPACT_FROM_BYTES:
        return
    ox.optimize()


def _database_bytes(location: str | Path) -> int:
    """Bytes on disk; RocksDB deletes files while it merges them, so a file gone by now counts 0."""
    total = 0
    for entry in os.scandir(Path(location) / "oxigraph"):
        try:
            if entry.is_file():
                total += entry.stat().st_size
        except FileNotFoundError:
            continue
    return total


def stored_hashes(dataset: Dataset) -> dict[str, str]:
    """article id → content hash of every article whose graph is complete in the store."""
    rows = dataset.query(
        f"SELECT ?id ?hash WHERE {{ GRAPH ?g {{ ?a a <{KGB.NewsArticle}> ; <{KGB.articleId}> ?id ;"
        f" <{KGB.contentHash}> ?hash }} }}"
    )
    return {str(r[0]): str(r[1]) for r in rows}


def graph_names(dataset: Dataset) -> list[URIRef]:
    """Names of the named graphs in the store (not rdflib's name for the default graph)."""
    return sorted(c.identifier for c in dataset.graphs()
                  if isinstance(c.identifier, URIRef) and c.identifier != DATASET_DEFAULT_GRAPH_ID)



STAT_CLASSES = {"articles": "NewsArticle", "attack reports": "AttackReport", "negotiation reports": "NegotiationReport",
                "claims": "Claim", "fused attacks": "Attack", "fused negotiations": "Negotiation",
                "actors": "Actor", "places": "Place"}


def stats(dataset: Dataset) -> dict[str, int]:
    """How much the store holds: triples, named graphs, and nodes of each main class."""
    counts = {"triples": len(dataset), "named graphs": len(graph_names(dataset))}
    ontology = _ontology_subclasses()
    for label, cls in STAT_CLASSES.items():
        kinds = " ".join(f"<{k}>" for k in ontology.get(str(KGB[cls]), {str(KGB[cls])}))
        rows = dataset.query(f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ VALUES ?k {{ {kinds} }} ?x a ?k }}")
        counts[label] = int(next(iter(rows))[0])
    return counts


def _ontology_subclasses() -> dict[str, set[str]]:
    """class IRI → itself and every subclass of it in the ontology (the store holds no ontology)."""
    from rdflib.namespace import RDFS
    from .validate import load_ontology
    ontology = load_ontology()
    return {str(c): {str(s) for s in ontology.transitive_subjects(RDFS.subClassOf, c)}
            for c in set(ontology.subjects(RDFS.subClassOf, None)) | set(ontology.objects(RDFS.subClassOf, None))}


def close_store(dataset: Dataset) -> None:
    """Close ``dataset`` so that another command (or this process) can open it again.

    pyoxigraph releases its lock only when the last reference to its store goes; query results and
    rdflib's caches can hold one in a reference cycle, so a collection runs after the close.
    """
    dataset.close()
    gc.collect()
