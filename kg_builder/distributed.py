"""Extraction on a Dask cluster, for corpora one machine cannot read in time.

Only reading is distributed: each worker loads the spaCy model once (a worker plugin), extracts
batches of articles with the same ``extract_articles`` as a single-process build and sends the
extractions back; the driver then fuses, links and writes exactly as ``pipeline.build`` does, so a
cluster build and a local one give the same graph. Dask reschedules the tasks of a worker that
dies; a batch that kills workers again and again is reported article by article, never lost
silently, and one bad article fails only itself (as in the single-process path).

``dask[distributed]`` is an optional dependency (``pip install kg-builder[dask]``).
"""
from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

from .errors import KGBError
from .types import Article, Extraction, Problem

try:
    from distributed import WorkerPlugin
except ImportError:  # an optional dependency: connect() says how to install it
    WorkerPlugin = object

LOCAL_PREFIX = "local:"
BATCH_CHARS = 40_000  # ~10 reports: a few seconds of work per task, small enough to rebalance
PLUGIN_NAME = "kgb-model"
_MODELS: dict[str | None, object] = {}  # per worker process: model name asked for → loaded pipeline

Progress = Callable[[int, int], None]


def _worker_model(name: str | None):
    if name not in _MODELS:
        from .nlp import load_model
        _MODELS[name] = load_model(name)
    return _MODELS[name]


class ModelPlugin(WorkerPlugin):
    """Loads the model when a worker starts (and restarts), so no task pays for it."""

    name = PLUGIN_NAME

    def __init__(self, model: str | None):
        self.model = model

    def setup(self, worker) -> None:
        _worker_model(self.model)


def _describe(model: str | None) -> str:
    from .nlp import model_description
    return model_description(_worker_model(model))


def _extract_batch(articles: list[Article], model: str | None) -> tuple[list[Extraction], list[Problem]]:
    from .pipeline import extract_articles
    return extract_articles(articles, _worker_model(model), n_process=1)


def batches(articles: Sequence[Article], max_chars: int = BATCH_CHARS) -> Iterator[list[Article]]:
    """Consecutive groups of articles of at most ``max_chars`` characters (an article longer alone)."""
    batch, size = [], 0
    for article in articles:
        if batch and size + len(article.text) > max_chars:
            yield batch
            batch, size = [], 0
        batch.append(article)
        size += len(article.text)
    if batch:
        yield batch


@contextmanager
def connect(scheduler: str):
    """A ``distributed.Client`` for ``tcp://host:port`` (an existing cluster) or ``local:N`` (N workers here)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as err:
        raise KGBError("--scheduler needs Dask: pip install 'kg-builder[dask]'") from err
    if scheduler.startswith(LOCAL_PREFIX):
        count = scheduler[len(LOCAL_PREFIX):]
        if not count.isdigit() or int(count) < 1:
            raise KGBError(f"scheduler {scheduler!r}: give local:N with N ≥ 1 workers, e.g. local:2")
        cluster = LocalCluster(n_workers=int(count), threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=40)
        try:
            with Client(cluster) as client:
                yield client
        finally:
            cluster.close()
        return
    try:
        client = Client(scheduler, timeout=30)
    except (OSError, TimeoutError) as err:
        raise KGBError(f"cannot reach the Dask scheduler at {scheduler} ({err}); start it with "
                       "`dask scheduler` and workers with `dask worker ADDRESS`, or use local:N") from err
    with client:
        yield client


class ClusterExtractor:
    """Extracts articles on the workers of ``client``; each worker holds the model ``model``."""

    def __init__(self, client, model: str | None = None, batch_chars: int = BATCH_CHARS):
        self.client, self.model, self.batch_chars = client, model, batch_chars
        client.register_plugin(ModelPlugin(model), name=PLUGIN_NAME)
        descriptions = set(client.run(_describe, model).values())
        if len(descriptions) != 1:
            raise KGBError(f"the Dask workers run different models ({', '.join(sorted(descriptions))}); "
                           "install the same spaCy model on every worker")
        self.model_description = descriptions.pop()

    def extract(self, articles: Sequence[Article], progress: Progress | None = None
                ) -> tuple[list[Extraction], list[Problem]]:
        """Extractions in the order of ``articles``, and a Problem for each article that failed."""
        from distributed import as_completed
        groups = list(batches(articles, self.batch_chars))
        futures = {self.client.submit(_extract_batch, group, self.model, pure=False, retries=1): group
                   for group in groups}
        results: dict[str, Extraction] = {}
        problems: list[Problem] = []
        done = 0
        for future in as_completed(futures):
            group = futures[future]
            try:
                extractions, failed = future.result()
            except Exception as err:  # the batch killed its workers or the cluster went away
                extractions, failed = [], [_lost(article, err) for article in group]
            results.update((e.article.id, e) for e in extractions)
            problems += failed
            done += len(group)
            if progress:
                progress(done, len(articles))
        return [results[a.id] for a in articles if a.id in results], problems


def _lost(article: Article, err: Exception) -> Problem:
    return Problem(article.origin or article.id,
                   f"extraction on the cluster failed ({type(err).__name__}: {err}); the article was skipped. "
                   "If workers died, give them more memory or cut the article (--max-chars), and rebuild")
