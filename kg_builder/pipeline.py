"""The whole build in one visible place: articles → spaCy → extraction → fusion → RDF → store.

    read_articles → nlp.parse → extract → fuse → article_graph / fused_graph (+ links) / inferred_graph → store

A store on disk is a directory: ``oxigraph/`` holds the graph and ``extractions/`` one JSON file per
article (its text, metadata and what was extracted). Fusion needs every article the store holds, so
a later build that adds articles re-fuses the cached extractions without parsing them again; an
extraction made by another version of the code, data files or model is redone from its cached text.
Graphs are written in bulk loads of bounded size (article graphs, then graph/fused and graph/inferred
made in pieces of a few hundred events, never whole in memory); a build that is interrupted
leaves the store marked incomplete, and running it again finishes the job.
"""
from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset

from . import store as stores
from .extract import extract
from .fuse import Fusion, fuse
from .gazetteer import DATA_DIR, load as load_gazetteer
from .ingest import ReadOptions, read_articles
from .link import KnowledgeBase, OfflineKB, link_graph
from .nlp import load_model, model_description, parse
from .derive import ClaimFacts, inferred_graphs, shown_in_fusion
from .rdf import FUSED_GRAPH, INFERRED_GRAPH, article_graph, article_graph_iri, fused_graphs
from .types import Article, Extraction, Problem, from_json, to_json
from .vocab import GRAPH, KGB

PACKAGE_DIR = Path(__file__).resolve().parent
WIKIDATA_GRAPH = GRAPH["wikidata"]
# Characters to parse before a second spaCy process pays off: each Doc it sends back costs ~20 ms
# to deserialize (measured on 90-word reports, where one process was faster).
PARALLEL_FROM_CHARS = 500_000
LARGE_INPUT = 500  # fused events beyond which time:before/after are limited to nearby pairs
NEARBY_DAYS = 30

Progress = Callable[[int, int], None]  # (articles parsed so far, articles to parse)


@dataclass(frozen=True)
class BuildSummary:
    """What a build did, and every problem met on the way."""

    articles: int  # articles in the store after the build
    parsed: int  # articles parsed in this build
    reused: int  # articles whose cached extraction was still valid
    attacks: int  # fused attacks
    negotiations: int  # fused negotiations
    claims: int
    model: str
    problems: tuple[Problem, ...] = field(default=())

    @property
    def failed(self) -> bool:
        """True when an input was skipped (warnings such as a missing date do not count)."""
        return any(p.skipped for p in self.problems)


def content_hash(article: Article) -> str:
    """sha256 of the text and the metadata that changes its reading (a new date moves its dates)."""
    meta = json.dumps([article.id, str(article.published), article.source, article.url])
    return hashlib.sha256((meta + "\n" + article.text).encode("utf-8")).hexdigest()


def code_fingerprint(model: str) -> str:
    """Changes whenever the extractor's code, its data files or the spaCy model change."""
    digest = hashlib.sha256(model.encode("utf-8"))
    files = sorted(PACKAGE_DIR.glob("*.py")) + sorted(p for p in DATA_DIR.rglob("*") if p.is_file())
    for path in files:
        digest.update(path.name.encode("utf-8"))
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def extract_articles(articles: Sequence[Article], nlp, n_process: int | None = None,
                     progress: Progress | None = None) -> tuple[list[Extraction], list[Problem]]:
    """Parse and extract ``articles``; one that fails becomes a Problem and the rest go on."""
    if n_process is None:
        large = sum(len(a.text) for a in articles) >= PARALLEL_FROM_CHARS
        n_process = min(2, os.cpu_count() or 1) if large else 1
    extractions, problems = [], []
    docs = parse(nlp, (a.text for a in articles), n_process=n_process)
    for done, (article, doc) in enumerate(zip(articles, docs), 1):
        try:
            extractions.append(extract(doc, article))
        except Exception as err:  # one article's bug must not lose the batch; say which and why
            problems.append(Problem(article.origin or article.id,
                                    f"extraction failed ({type(err).__name__}: {err}); the article was "
                                    "skipped, please report it with this file"))
        if progress:
            progress(done, len(articles))
    return extractions, problems


class ExtractionCache:
    """One JSON file per article under ``folder``; absent folder (memory store) means no cache."""

    def __init__(self, folder: Path | None):
        self.folder = folder

    def load(self) -> dict[str, dict]:
        """article id → {"hash", "fingerprint", "extraction"} for every readable cache file."""
        if self.folder is None or not self.folder.is_dir():
            return {}
        records = {}
        for path in sorted(self.folder.glob("*.json")):
            try:
                record = json.loads(path.read_text(encoding="utf-8"))
                records[record["extraction"]["article"]["id"]] = record
            except (ValueError, KeyError, TypeError):
                continue  # a damaged cache file only costs a re-parse
        return records

    def save(self, extraction: Extraction, digest: str, fingerprint: str) -> None:
        if self.folder is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        name = hashlib.sha256(extraction.article.id.encode("utf-8")).hexdigest()[:24]
        record = {"hash": digest, "fingerprint": fingerprint, "extraction": to_json(extraction)}
        temporary = self.folder / f".{name}.tmp"
        temporary.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
        temporary.replace(self.folder / f"{name}.json")  # atomic: never half a file


def open_build_store(location: str | Path | None, backend: str = "oxigraph") -> tuple[Dataset, ExtractionCache]:
    """The store and its extraction cache (none for the memory backend)."""
    dataset = stores.open_store(location, backend)
    folder = None if backend == "memory" else stores.store_path(location) / "extractions"
    return dataset, ExtractionCache(folder)


def build(paths: Iterable[str | Path] = (), manifest: str | Path | None = None, *,
          store: str | Path | None = stores.DEFAULT_LOCATION, backend: str = "oxigraph",
          dataset: Dataset | None = None, model: str | None = None, nlp=None, n_process: int | None = None,
          kb: KnowledgeBase | None = None, enrich_from: KnowledgeBase | None = None,
          progress: Progress | None = None, read: ReadOptions = ReadOptions(),
          scheduler: str | None = None, write_progress: Progress | None = None) -> tuple[Dataset, BuildSummary]:
    """Build the graph of every article under ``paths`` and in ``manifest`` into the store.

    ``dataset`` (an open store) replaces ``store``/``backend``; ``nlp`` replaces loading ``model``.
    Links go to Wikidata through ``kb`` (default: the checked offline items in data/wikidata);
    ``enrich_from`` adds the graph of Wikidata facts the articles lack (``kgb build --enrich``);
    ``read`` bounds what reading may do (article size, manifest paths outside their folder);
    ``scheduler`` (``tcp://host:8786`` or ``local:N``) extracts on a Dask cluster (distributed.py).
    ``progress`` counts the articles parsed, ``write_progress`` the graphs written (write_graphs).
    Raises KGBError only when nothing can be done (no model, store locked); bad articles are in
    the summary's problems.
    """
    articles, problems = read_articles(paths, manifest, read)
    own_store = dataset is None
    if own_store:
        dataset, cache = open_build_store(store, backend)
    else:
        cache = ExtractionCache(None)
    with _extractor(nlp, model, scheduler, n_process) as extractor:
        extractions, fresh, reused, failed = _extract_new(articles, cache, extractor, progress)
    problems += failed

    with stores.writing(store) if own_store and backend != "memory" else nullcontext():
        fusion = write_graphs(dataset, extractions, kb=kb, enrich_from=enrich_from, progress=write_progress)
        stores.compact(dataset, stores.store_path(store) if own_store else None)  # queries read a compacted store (store.compact)
    categories = [event.category for event in fusion.events]
    summary = BuildSummary(
        articles=len(extractions), parsed=len(fresh), reused=reused, model=extractor.model_description,
        attacks=categories.count("attack"), negotiations=categories.count("negotiation"),
        claims=sum(len(e.claims) for e in extractions), problems=tuple(problems))
    return dataset, summary


def _extract_new(articles: Sequence[Article], cache: ExtractionCache, extractor, progress: Progress | None
                 ) -> tuple[list[Extraction], list[Extraction], int, list[Problem]]:
    """Every extraction of the store after this build (sorted by id), the fresh ones, the count reused."""
    fingerprint = code_fingerprint(extractor.model_description)
    cached = cache.load()
    hashes = {a.id: content_hash(a) for a in articles}
    valid = {aid: from_json(Extraction, r["extraction"]) for aid, r in cached.items()
             if r.get("fingerprint") == fingerprint and (aid not in hashes or r.get("hash") == hashes[aid])}
    # Articles only in the cache stay in the store; redo them from their own text when stale.
    stale = [from_json(Article, r["extraction"]["article"]) for aid, r in cached.items()
             if aid not in hashes and aid not in valid]
    todo = [a for a in articles if a.id not in valid] + stale
    fresh, failed = extractor.extract(todo, progress)
    for extraction in fresh:
        hashes.setdefault(extraction.article.id, content_hash(extraction.article))
        cache.save(extraction, hashes[extraction.article.id], fingerprint)
    extractions = sorted([*valid.values(), *fresh], key=lambda e: e.article.id)
    return extractions, fresh, len(valid), failed


class LocalExtractor:
    """Extraction in this process (and spaCy's own worker processes for large inputs)."""

    def __init__(self, nlp, n_process: int | None = None):
        self.nlp, self.n_process = nlp, n_process
        self.model_description = model_description(nlp)

    def extract(self, articles: Sequence[Article], progress: Progress | None = None):
        return extract_articles(articles, self.nlp, self.n_process, progress)


@contextmanager
def _extractor(nlp, model: str | None, scheduler: str | None, n_process: int | None):
    if scheduler is None or nlp is not None:
        yield LocalExtractor(nlp or load_model(model), n_process)
        return
    from .distributed import ClusterExtractor, connect  # only --scheduler needs Dask
    with connect(scheduler) as client:
        yield ClusterExtractor(client, model)


def write_graphs(dataset: Dataset, extractions: Sequence[Extraction], *, kb: KnowledgeBase | None = None,
                 enrich_from: KnowledgeBase | None = None, progress: Progress | None = None) -> Fusion:
    """Fuse ``extractions`` and write their article graphs, then the fused, inferred (and Wikidata) graphs.

    graph/inferred holds the Allen relations (rdf.allen_graph) and the facts kg_builder.derive
    derives for the questions (what they show of each event, the event-level relations, kgb:within,
    and from the article graphs who claimed, denied and was blamed, sources and tolls). ``progress(done, total)``
    counts the graphs made: one per article, then the fused (with its links) and the inferred one.
    Every graph goes through one store.GraphWriter, in bulk loads of about store.WRITE_CHUNK quads;
    graph/fused and graph/inferred are made and written in pieces of about rdf.EVENTS_PER_GRAPH
    events (rdf.fused_graphs, derive.inferred_graphs, ClaimFacts.graphs), and what linking and the
    inferred facts read of graph/fused is read back from the store: a build holds the extractions,
    their fusion and compact per-attack claim facts (ClaimFacts), never graph/fused or graph/inferred
    whole (20 k synthetic articles: peak RSS 1007 -> 564 MB, 355 -> 346 MB at 1 k; bench/run.py
    --write-sizes).
    """
    gazetteer = load_gazetteer()
    gazetteer.add_places(p for e in extractions for p in e.places)  # world places read in another process
    fusion = fuse(extractions, gazetteer)
    total = len(extractions) + 2
    claims = ClaimFacts()
    writer = stores.GraphWriter(dataset)  # holds at most a bulk load of N-Quads text
    for done, extraction in enumerate(extractions, start=1):
        graph = article_graph(extraction, fusion, content_hash(extraction.article))
        claims.add(graph)
        writer.add(article_graph_iri(extraction.article.id), graph)
        if progress:
            progress(done, total)
    for piece in fused_graphs(fusion, extractions, gazetteer):
        writer.add(FUSED_GRAPH, piece)
    writer.flush()
    fused = dataset.graph(FUSED_GRAPH)  # the store's view: linking and the inferred facts read it there
    writer.add(FUSED_GRAPH, link_graph(fused, kb if kb is not None else OfflineKB.from_file()))
    if progress:
        progress(total - 1, total)
    gap = NEARBY_DAYS if len(fusion.events) > LARGE_INPUT else None
    for piece in inferred_graphs(shown_in_fusion(fusion), fused.subject_objects(KGB.containedIn), gap):
        writer.add(INFERRED_GRAPH, piece)
    for piece in claims.graphs(fused):
        writer.add(INFERRED_GRAPH, piece)
    writer.flush()
    if progress:
        progress(total, total)
    if enrich_from is not None:
        from .enrich import enrich  # only --enrich needs it
        stores.replace_graph(dataset, WIKIDATA_GRAPH, enrich(dataset, enrich_from))
    return fusion
