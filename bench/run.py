"""Benchmarks (`make bench`; not part of `make test`): where the time goes, in numbers to compare.

1. spaCy alone (``nlp.pipe`` of the bare model) against the whole ``kgb build`` pipeline, in words/s;
2. median latency of every competency question (queries/*.rq) on the embedded store: the store the
   pipeline built, and a generated store of ``--triples`` attack-report-shaped triples;
3. loading that generated store into a private Virtuoso (``kgb load``), in triples/s, and the same
   queries' median latency there.

Articles: ``--articles`` is a manifest (.jsonl) or a folder of .txt files; default tests/devset.
The generated graph repeats tests/data/cq_fixture.trig (the model's shape, hand-written facts)
with fresh article, report, claim and attack IRIs per copy and their dates moved a week per copy;
negotiations, places and actors are shared, as in a growing archive of reports on one conflict.
"""
from __future__ import annotations

import argparse
import datetime as dt
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
DEFAULT_ARTICLES = REPO / "tests" / "devset" / "manifest.jsonl"


def words(docs) -> int:
    return sum(sum(1 for token in doc if not token.is_space) for doc in docs)


def bench_nlp(paths: list[Path], manifest: Path | None, n_process: int, store_dir: Path) -> Path | None:
    """Print words/s of the bare model and of the pipeline; the store the pipeline built, if any."""
    from kg_builder.ingest import read_articles

    articles, problems = read_articles(paths, manifest)
    if not articles:
        print(f"  no articles read ({len(problems)} problems); skipping the NLP benchmark")
        return None
    import spacy

    from kg_builder.nlp import MODEL_PREFERENCE

    from kg_builder.nlp import load_model
    from kg_builder.pipeline import build
    from kg_builder.store import close_store, stats

    nlp = load_model()  # loaded before timing, as the bare model is: only the work is compared
    bare = spacy.load(next(name for name in MODEL_PREFERENCE if spacy.util.is_package(name)))
    texts = [article.text for article in articles]
    words(bare.pipe(texts[:1]))  # warm-up: the first document pays for lazy initialisation
    words(nlp.pipe(texts[:1]))
    started = time.perf_counter()
    count = words(bare.pipe(texts, n_process=n_process))
    bare_seconds = time.perf_counter() - started
    print(f"  bare {bare.meta['name']} nlp.pipe: {len(texts)} articles, {count} words in {bare_seconds:.1f} s "
          f"= {len(texts) / bare_seconds:,.1f} articles/s, {count / bare_seconds:,.0f} words/s (n_process={n_process})")
    started = time.perf_counter()
    dataset, summary = build(paths, manifest, store=store_dir / "built", nlp=nlp, n_process=n_process)
    seconds = time.perf_counter() - started
    triples = stats(dataset)["triples"]
    close_store(dataset)
    print(f"  kgb build pipeline: {summary.articles} articles, {count} words in {seconds:.1f} s "
          f"= {summary.articles / seconds:,.1f} articles/s, {count / seconds:,.0f} words/s, {triples} triples")
    print(f"  ratio build / bare nlp.pipe: {bare_seconds / seconds:.2f}")
    return store_dir / "built"


QUADS_PER_ARTICLE = 80  # measured on the synthetic archive (article graph + its share of fused/inferred)


def generate(location: Path, target: int):
    """An Oxigraph store of about ``target`` quads written by the build's own graph code.

    Synthetic extractions (bench/synthetic.py) go through pipeline.write_graphs: article graphs,
    graph/fused with links, graph/inferred with the Allen relations and derived facts, exactly
    what ``kgb build`` writes for the same extractions.
    """
    from bench import synthetic
    from kg_builder.pipeline import write_graphs
    from kg_builder.store import open_store

    articles = max(10, target // QUADS_PER_ARTICLE)
    dataset = open_store(location, backend="oxigraph")
    write_graphs(dataset, synthetic.extractions(articles))
    return dataset, articles


def median_ms(run, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def bench_queries(dataset, label: str, repeat: int) -> None:
    from kg_builder.query import competency_queries, run_query

    print(f"  {label}: median of {repeat} runs")
    for name, _, _ in competency_queries():
        rows = len(run_query(dataset, name).rows)
        print(f"    {name:42s} {median_ms(lambda: run_query(dataset, name), repeat):9.1f} ms  {rows} rows")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def bench_virtuoso(dataset, folder: Path, repeat: int) -> None:
    from SPARQLWrapper import JSON, SPARQLWrapper

    from kg_builder.load import load
    from kg_builder.query import competency_queries

    script = REPO / "scripts" / "virtuoso.sh"
    http, sql = free_port(), free_port()
    started = subprocess.run([str(script), "start", str(folder), str(http), str(sql)], capture_output=True, text=True)
    if started.returncode != 0:
        print(f"  Virtuoso did not start ({started.stderr.strip()}); run scripts/virtuoso.sh install")
        return
    try:
        base = f"http://127.0.0.1:{http}"
        report = load(dataset, f"{base}/sparql-auth", user="dba", password="dba")
        triples = sum(g.triples for g in report.graphs)
        print(f"  kgb load (Graph Store Protocol): {triples:,} triples in {len(report.graphs)} graphs, "
              f"{report.seconds:.1f} s = {triples / report.seconds:,.0f} triples/s, "
              f"all verified: {all(g.verified for g in report.graphs)}")
        print(f"  Virtuoso queries: median of {repeat} runs")
        for name, path, _ in competency_queries():
            client = SPARQLWrapper(f"{base}/sparql")
            client.setQuery(path.read_text(encoding="utf-8"))
            client.setReturnFormat(JSON)
            client.setTimeout(600)
            rows = len(client.query().convert()["results"]["bindings"])
            print(f"    {name:42s} {median_ms(lambda: client.query().convert(), repeat):9.1f} ms  {rows} rows")
    finally:
        subprocess.run([str(script), "stop", str(folder)], capture_output=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=Path, default=DEFAULT_ARTICLES,
                        help="a manifest (.jsonl) or a folder of .txt articles (default: the 50-report devset)")
    parser.add_argument("--n-process", type=int, default=1)
    parser.add_argument("--triples", type=int, default=1_000_000, help="size of the generated store")
    parser.add_argument("--repeat", type=int, default=5, help="runs per query; the median is shown")
    parser.add_argument("--skip", choices=("nlp", "queries", "virtuoso"), action="append", default=[])
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kgb-bench-") as temporary:
        work = Path(temporary)
        built = None
        if "nlp" not in args.skip:
            print("NLP throughput")
            if not args.articles.exists():
                print(f"  {args.articles} does not exist; give --articles (a manifest or a folder of .txt)")
            else:
                manifest = args.articles if args.articles.suffix == ".jsonl" else None
                paths = [] if manifest else [args.articles]
                built = bench_nlp(paths, manifest, args.n_process, work)
        if "queries" not in args.skip and built is not None:
            from kg_builder.store import open_store

            print("Queries on the store the pipeline built")
            bench_queries(open_store(built), "embedded Oxigraph", args.repeat)
        if "queries" in args.skip and "virtuoso" in args.skip:
            return
        from kg_builder.store import _oxigraph

        started = time.perf_counter()
        dataset, copies = generate(work / "generated", args.triples)
        print(f"Generated store: {len(_oxigraph(dataset)):,} quads from {copies:,} synthetic reports "
              f"in {time.perf_counter() - started:.1f} s")
        if "queries" not in args.skip:
            bench_queries(dataset, "embedded Oxigraph, generated store", args.repeat)
        if "virtuoso" not in args.skip:
            print("Virtuoso")
            bench_virtuoso(dataset, work / "virtuoso", args.repeat)


if __name__ == "__main__":
    main()
