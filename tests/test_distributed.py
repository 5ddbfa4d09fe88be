"""Extraction on a Dask cluster gives the graph of a single-process build, even when a worker dies."""
from __future__ import annotations

import os
import signal

import pytest
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from kg_builder.errors import KGBError
from kg_builder.ingest import read_articles
from kg_builder.pipeline import build, extract_articles
from kg_builder.store import close_store
from kg_builder.types import Article, to_json

pytest.importorskip("distributed")
from kg_builder.distributed import ClusterExtractor, batches, connect  # noqa: E402


def _articles(*lengths: int) -> list[Article]:
    return [Article(id=f"a{i}", text="x" * n) for i, n in enumerate(lengths)]


def test_batches_keep_order_and_bound_their_size():
    groups = list(batches(_articles(30, 30, 50, 100, 10), max_chars=60))
    assert [[a.id for a in g] for g in groups] == [["a0", "a1"], ["a2"], ["a3"], ["a4"]]


@pytest.mark.parametrize("address", ["local:0", "local:two"])
def test_a_bad_local_address_says_what_to_give(address):
    with pytest.raises(KGBError, match="local:N"):
        with connect(address):
            pass


@pytest.fixture(scope="module")
def corpus(seeds_dir):
    articles, problems = read_articles([seeds_dir / "seeds.jsonl", seeds_dir / "realdev" / "articles.jsonl"])
    assert not [p for p in problems if p.skipped]
    return articles


def _same_datasets(a, b) -> None:
    graphs = lambda d: {g.identifier: g for g in d.graphs() if len(g)}
    ga, gb = graphs(a), graphs(b)
    assert sorted(ga) == sorted(gb)
    for name in ga:
        if not isomorphic(ga[name], gb[name]):
            _, only_a, only_b = graph_diff(to_isomorphic(ga[name]), to_isomorphic(gb[name]))
            pytest.fail(f"{name}:\n-{only_a.serialize(format='nt')}\n+{only_b.serialize(format='nt')}")


@pytest.mark.model
def test_a_local_cluster_builds_the_same_graph(corpus, seeds_dir, nlp, tmp_path):
    paths = [seeds_dir / "seeds.jsonl", seeds_dir / "realdev" / "articles.jsonl"]
    single, _ = build(paths, store=tmp_path / "single", nlp=nlp)
    clustered, summary = build(paths, store=tmp_path / "kg", scheduler="local:2")
    assert summary.parsed == len(corpus) and not summary.failed
    _same_datasets(single, clustered)
    close_store(clustered)
    again, summary = build(paths, store=tmp_path / "kg", scheduler="local:2")  # the cache still works
    close_store(again)
    assert summary.parsed == 0 and summary.reused == len(corpus)


@pytest.mark.model
def test_a_worker_killed_mid_build_loses_nothing(corpus, nlp):
    expected, _ = extract_articles(corpus, nlp, n_process=1)
    with connect("local:2") as client:
        extractor = ClusterExtractor(client, batch_chars=8_000)
        killed = []

        def kill_one_worker(done: int, total: int) -> None:
            if not killed and done < total:
                pid = next(iter(client.run(os.getpid).values()))
                os.kill(pid, signal.SIGKILL)  # its nanny starts a new one; its tasks are rescheduled
                killed.append(pid)

        found, problems = extractor.extract(corpus, progress=kill_one_worker)
    assert killed and not problems
    assert [to_json(e) for e in found] == [to_json(e) for e in expected]
