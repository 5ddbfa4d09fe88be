"""Benchmarks (`make bench`; not part of `make test`): every figure of issue 14 in one run, saved as JSON.

1. spaCy alone (``nlp.pipe`` of the bare model) against the whole ``kgb build`` pipeline (throughput
   ratio, wall and CPU, median of five paired runs; the cold first build apart; CPU per stage), on the devset
   and, when ../shared/realdev is beside the repository, on its real news (see ``bench_nlp``);
2. ``kgb build`` on synthetic reports of our own (bench/synthetic.py) at several corpus sizes, each
   in a fresh process: seconds per 1 k articles and peak RSS, to see whether both stay flat; then
   write_graphs alone on synthetic extractions (no spaCy), CPU per 1 k articles by stage, to show
   what grows;
3. a store of ``--triples`` quads written by the build's own graph code from synthetic extractions
   (article graphs, graph/fused, graph/inferred), compacted as a build leaves it, and the median latency of every competency
   question on it through the library (kg_builder.query.query_text, CSV by the store's own serializer), against the budget
   50 ms + 0.05 ms per row at 1 M quads (500 ms + 0.05 ms per row at 10 M);
4. ``kgb load`` of that store into a private Virtuoso, by the bulk loader (a fresh load, then
   reloads with 2 and 1 loader threads) and by the Graph Store Protocol, in triples/s with the
   client's and the server's CPU seconds, and the questions' median latency there (CSV results);
5. long articles (``--long-sizes``, default 10 k / 100 k / 1 M characters of generated wire-style text
   of our own): parse, place finding and the whole extraction, in seconds, to show that time grows
   linearly with article length (issue 18).

``--large`` is the issue's large run: 10 M quads and corpora up to 20 k articles. Results go to
bench/results/<UTC time>.json so that runs can be compared.
"""
from __future__ import annotations

import argparse
import csv
import gc
import inspect
import io
import json
import os
import platform
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
DEFAULT_ARTICLES = REPO / "tests" / "devset" / "manifest.jsonl"
RESULTS = REPO / "bench" / "results"
REALDEV = REPO.parent / "shared" / "realdev" / "articles.jsonl"  # real news, beside the repository when present
QUADS_PER_ARTICLE = 87  # write_graphs of synthetic extractions: 87.1, 86.2, 87.2 quads per article at 1 k, 5 k, 20 k (--write-sizes)


def words(docs) -> int:
    return sum(sum(1 for token in doc if not token.is_space) for doc in docs)


def timed(run) -> tuple[object, float, float]:
    """(result, wall seconds, CPU seconds of this process) of ``run()``."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = run()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def bench_nlp(paths: list[Path], manifest: Path | None, n_process: int, store_dir: Path, repeat: int = 5,
              model: str | None = None) -> dict:
    """Words/s of the bare model and of the whole ``kgb build`` on the same articles, and where a build's time goes.

    How it is measured: the spaCy model (bare, and ours with its components) is loaded before any
    timing, and each is warmed on one document. The first build of the process is reported apart
    ("cold": it also loads the language identifier, the world gazetteer and the Wikidata items once
    per process). Then the bare ``nlp.pipe`` and a warm ``kgb build`` into a fresh store are run in
    ``repeat`` pairs, one after the other. Times are wall-clock and CPU seconds of this one process
    (``n_process`` 1: no second core is used; with more, the CPU figure leaves out the workers). The
    ratio is the build's throughput over the bare model's: the median over the pairs of each pair's
    ratio, since the two runs of a pair meet the same load on a shared machine (the fastest run of
    each, the figure before, moved by 0.6 to 0.9 from run to run on the devset). "Bare" is the model as shipped
    (spacy.load of the same package: every pipe it has, none disabled, none of ours); both models' objects
    are frozen out of the garbage collector before timing (gc.freeze, as kgb's load_model does for its
    own), so neither run pays for walking them. The breakdown times the
    build's stages one by one (kg_builder.nlp.parse, extract, write_graphs) on the same articles,
    ``repeat`` times, each stage's median kept.
    """
    from kg_builder.ingest import read_articles

    articles, problems = read_articles(paths, manifest)
    if not articles:
        print(f"  no articles read ({len(problems)} problems); skipping the NLP benchmark")
        return {}
    import spacy

    from kg_builder.extract import extract
    from kg_builder.nlp import MODEL_PREFERENCE, load_model, parse
    from kg_builder.pipeline import build, open_build_store, write_graphs
    from kg_builder.store import close_store

    nlp = load_model(model)  # loaded before timing, as the bare model is: only the work is compared
    bare = spacy.load(model or next(name for name in MODEL_PREFERENCE if spacy.util.is_package(name)))
    gc.collect()  # load_model froze its own objects (nlp._freeze_loaded); the bare model's too, so that
    gc.freeze()   # neither run pays for walking the other's objects in a full collection
    texts = [article.text for article in articles]
    words(bare.pipe(texts[:1]))  # warm-up: the first document pays for lazy initialisation
    words(nlp.pipe(texts[:1]))

    def one_build(name: str):
        dataset, summary = build(paths, manifest, store=store_dir / name, nlp=nlp, n_process=n_process)
        close_store(dataset)
        return summary

    _, cold_wall, cold_cpu = timed(lambda: one_build("cold"))
    bare_runs, build_runs = [], []
    for n in range(repeat):
        count, wall, cpu = timed(lambda: words(bare.pipe(texts, n_process=n_process)))
        bare_runs.append((wall, cpu))
        _, wall, cpu = timed(lambda: one_build(f"warm-{n}"))
        build_runs.append((wall, cpu))
    stage_runs = []  # each run parses anew: what extraction memoizes per Doc (figures.casualties) starts empty
    for n in range(repeat):
        docs, parse_wall, parse_cpu = timed(lambda: list(parse(nlp, texts, n_process=n_process)))
        extractions, extract_wall, extract_cpu = timed(lambda: [extract(d, a) for d, a in zip(docs, articles)])
        dataset, _ = open_build_store(store_dir / f"stages-{n}")
        _, write_wall, write_cpu = timed(lambda: write_graphs(dataset, extractions))
        close_store(dataset)
        stage_runs.append(((parse_wall, parse_cpu), (extract_wall, extract_cpu), (write_wall, write_cpu)))
    (parse_wall, parse_cpu), (extract_wall, extract_cpu), (write_wall, write_cpu) = (
        (statistics.median(run[k][0] for run in stage_runs), statistics.median(run[k][1] for run in stage_runs))
        for k in range(3))

    bare_wall, bare_cpu = statistics.median(w for w, _ in bare_runs), statistics.median(c for _, c in bare_runs)
    build_wall, build_cpu = statistics.median(w for w, _ in build_runs), statistics.median(c for _, c in build_runs)
    ratios = [bare[0] / build[0] for bare, build in zip(bare_runs, build_runs)]
    cpu_ratios = [bare[1] / build[1] for bare, build in zip(bare_runs, build_runs)]
    ratio, ratio_cpu = statistics.median(ratios), statistics.median(cpu_ratios)
    result = {
        "articles": len(texts), "words": count, "n_process": n_process, "repeat": repeat,
        "model": bare.meta.get("name"), "model_version": bare.meta.get("version"),
        "measured": "`repeat` pairs (bare run, then build); ratios: median of the pairs' ratios; seconds: medians; "
                    "model loaded and warmed before timing; the cold first build is separate; CPU = this process only",
        "bare_seconds": bare_wall, "build_seconds": build_wall,
        "bare_words_per_s": count / bare_wall, "build_words_per_s": count / build_wall,
        "throughput_ratio": ratio, "ratio_build_over_bare": 1 / ratio,
        "bare_cpu_seconds": bare_cpu, "build_cpu_seconds": build_cpu, "throughput_ratio_cpu": ratio_cpu,
        "throughput_ratio_fastest": min(w for w, _ in bare_runs) / min(w for w, _ in build_runs),
        "throughput_ratio_cpu_fastest": min(c for _, c in bare_runs) / min(c for _, c in build_runs),
        "cold_build_seconds": cold_wall, "cold_build_cpu_seconds": cold_cpu,
        "runs": {"bare": bare_runs, "build": build_runs, "ratios": ratios, "cpu_ratios": cpu_ratios},
        "stages_cpu_seconds": {"parse": parse_cpu, "extract": extract_cpu, "write_graphs": write_cpu,
                               "rest_of_build": build_cpu - parse_cpu - extract_cpu - write_cpu},
        "stages_seconds": {"parse": parse_wall, "extract": extract_wall, "write_graphs": write_wall},
    }
    print(f"  {len(texts)} articles, {count:,} words; bare {bare.meta['name']} nlp.pipe {count / bare_wall:,.0f} words/s, "
          f"kgb build {count / build_wall:,.0f} words/s: ratio {ratio:.2f} wall, {ratio_cpu:.2f} CPU (median of "
          f"{repeat} pairs, CPU {min(cpu_ratios):.2f}-{max(cpu_ratios):.2f}; cold first build {cold_wall:.2f} s)")
    stages = result["stages_cpu_seconds"]
    print("  CPU s: bare {:.3f}, build {:.3f} = parse {:.3f} + extract {:.3f} + write_graphs {:.3f} + rest {:.3f}".format(
        bare_cpu, build_cpu, stages["parse"], stages["extract"], stages["write_graphs"], stages["rest_of_build"]))
    return result


def build_child(count: int, folder: Path) -> None:
    """(In a fresh process) build ``count`` synthetic reports; print seconds and peak RSS as JSON."""
    from bench import synthetic
    from kg_builder.pipeline import build
    from kg_builder.store import close_store

    folder.mkdir(parents=True, exist_ok=True)
    manifest = folder / "manifest.jsonl"
    with manifest.open("w", encoding="utf-8") as out:
        for article in synthetic.articles(count):
            out.write(json.dumps({"id": article.id, "text": article.text, "published": article.published.isoformat(),
                                  "source": article.source, "url": article.url}) + "\n")
    from kg_builder.nlp import load_model
    nlp = load_model()
    started, cpu = time.perf_counter(), time.process_time()
    dataset, summary = build([], manifest, store=folder / "kg", nlp=nlp)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    close_store(dataset)
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"articles": summary.articles, "seconds": seconds, "seconds_per_1k": seconds / count * 1000,
                      "cpu_s_per_1k": cpu / count * 1000,  # this process only: spaCy's workers, when any, apart
                      "peak_rss_mb": peak_kb / 1024, "problems": len(summary.problems)}))


def _child_row(flag: str, count: int, folder: Path, what: str) -> dict | None:
    """Run this script as a child (``flag count folder``), so its peak RSS is its own; its last line is a JSON row."""
    done = subprocess.run([sys.executable, __file__, flag, str(count), str(folder)], capture_output=True, text=True)
    if done.returncode != 0:
        print(f"  {what} of {count} failed: {done.stderr.strip()[-500:]}")
        return None
    return json.loads(done.stdout.strip().splitlines()[-1])


def bench_build(sizes: list[int], work: Path) -> list[dict]:
    rows = []
    for count in sizes:
        row = _child_row("--build-child", count, work / f"build-{count}", "the build of synthetic articles")
        if row is None:
            continue
        rows.append(row)
        print(f"  kgb build {count:>6,} synthetic articles: {row['seconds']:7.1f} s = {row['seconds_per_1k']:6.1f} s "
              f"per 1 k ({row['cpu_s_per_1k']:.1f} s CPU), peak RSS {row['peak_rss_mb']:,.0f} MB")
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        print(f"  per-article cost x{last['seconds_per_1k'] / first['seconds_per_1k']:.2f}, peak RSS "
              f"x{last['peak_rss_mb'] / first['peak_rss_mb']:.2f} from {first['articles']:,} to {last['articles']:,}"
              " articles (target: within 1.2)")
    return rows


WRITE_STAGES = ("fuse", "article_graph", "fused_graphs", "link_graph", "inferred_graphs")


def write_child(count: int, folder: Path) -> None:
    """(In a fresh process) write_graphs of ``count`` synthetic extractions into an Oxigraph store on
    disk, with the CPU seconds of each stage (and of the store writes) and the peak RSS, as JSON."""
    from bench import synthetic
    from kg_builder import pipeline
    from kg_builder import store as stores

    cpu: dict[str, float] = {}

    def add_cpu(label: str, started: float) -> None:
        cpu[label] = cpu.get(label, 0.0) + time.process_time() - started

    def pieces(label: str, generator):
        """A generator's pieces, the time of making each one counted (not the time the caller spends on it)."""
        while True:
            started = time.process_time()
            try:
                piece = next(generator)
            except StopIteration:
                add_cpu(label, started)
                return
            add_cpu(label, started)
            yield piece

    def timed(module, name: str, label: str) -> None:
        original = getattr(module, name)

        def wrapper(*args, **kwargs):
            started = time.process_time()
            try:
                result = original(*args, **kwargs)
            finally:
                add_cpu(label, started)
            return pieces(label, result) if inspect.isgenerator(result) else result
        setattr(module, name, wrapper)
    for name in WRITE_STAGES:
        timed(pipeline, name, name)
    timed(pipeline.ClaimFacts, "graphs", "claim_facts")
    for name in ("add", "flush"):  # the store writes: every graph goes through a GraphWriter
        timed(stores.GraphWriter, name, "store writes")
    extractions = synthetic.extractions(count)
    dataset = stores.open_store(folder / "kg", backend="oxigraph")
    baseline_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started, wall = time.process_time(), time.perf_counter()
    pipeline.write_graphs(dataset, extractions)
    total = time.process_time() - started
    wall = time.perf_counter() - wall
    quads = len(stores._oxigraph(dataset))
    stores.close_store(dataset)
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"articles": count, "quads": quads, "quads_per_article": quads / count, "cpu_s": total, "wall_s": wall,
                      "cpu_s_per_1k": total / count * 1000, "stages_cpu_s_per_1k": {k: v / count * 1000
                                                                                   for k, v in cpu.items()},
                      "peak_rss_mb": peak_kb / 1024, "rss_before_write_mb": baseline_kb / 1024}))


def bench_write_scaling(sizes: list[int], work: Path) -> list[dict]:
    """write_graphs alone (no spaCy) on synthetic extractions: CPU per 1 k articles by stage, peak RSS."""
    rows = []
    for count in sizes:
        row = _child_row("--write-child", count, work / f"write-{count}", "write_graphs of synthetic extractions")
        if row is None:
            continue
        rows.append(row)
        stages = ", ".join(f"{k} {v:.2f}" for k, v in sorted(row["stages_cpu_s_per_1k"].items(), key=lambda kv: -kv[1]))
        print(f"  write_graphs {count:>6,}: {row['cpu_s_per_1k']:6.2f} s CPU per 1 k ({stages}); peak RSS "
              f"{row['peak_rss_mb']:,.0f} MB; {row['quads_per_article']:.1f} quads per article")
    return rows


def generate(location: Path, target: int):
    """An Oxigraph store of about ``target`` quads written by the build's own graph code.

    Synthetic extractions (bench/synthetic.py) go through pipeline.write_graphs: article graphs,
    graph/fused with links, graph/inferred with the Allen relations and derived facts, exactly
    what ``kgb build`` writes for the same extractions.
    """
    from bench import synthetic
    from kg_builder.pipeline import write_graphs
    from kg_builder.store import open_store

    from kg_builder.store import compact

    articles = max(10, target // QUADS_PER_ARTICLE)
    dataset = open_store(location, backend="oxigraph")
    write_graphs(dataset, synthetic.extractions(articles))
    compact(dataset)  # as kgb build leaves its store (kg_builder.store.compact)
    return dataset, articles


def median_ms(run, repeat: int, clock=time.perf_counter) -> float:
    """Median milliseconds of ``repeat`` runs; ``clock=time.process_time`` gives this process's CPU
    time, which other work on a shared machine disturbs less than the wall clock."""
    times = []
    for _ in range(repeat):
        started = clock()
        run()
        times.append(clock() - started)
    return statistics.median(times) * 1000


def budget_ms(rows: int, quads: int) -> float:
    return (50 if quads <= 2_000_000 else 500) + 0.05 * rows


def bench_queries(dataset, label: str, repeat: int, quads: int) -> dict:
    """Median ms of every question through query_text as CSV (what `kgb query --format csv` does)."""
    from kg_builder.query import competency_queries, query_text, run_query

    print(f"  {label}: median of {repeat} runs, wall clock (and CPU) (budget {'50' if quads <= 2_000_000 else '500'} ms"
          " + 0.05 ms/row)")
    results = {}
    for name, _, _ in competency_queries():
        rows = len(run_query(dataset, name).rows)
        ms = median_ms(lambda: query_text(dataset, name, "csv"), repeat)
        cpu_ms = median_ms(lambda: query_text(dataset, name, "csv"), repeat, clock=time.process_time)
        budget = budget_ms(rows, quads)
        results[name] = {"ms": ms, "cpu_ms": cpu_ms, "rows": rows, "budget_ms": budget, "within_budget": ms <= budget}
        print(f"    {name:42s} {ms:9.1f} ms ({cpu_ms:7.1f} CPU) {rows:7d} rows  budget {budget:8.1f} ms  "
              f"{'ok' if ms <= budget else 'OVER'}")
    return results


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _process_cpu_s(pid: int) -> float:
    """CPU seconds (user + system) a process has used so far, from /proc (0 where there is none)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def _server_pid(folder: Path) -> int:
    try:
        text = (folder / "db" / "virtuoso.lck").read_text()
        return int(text.split("VIRT_PID=", 1)[1].split()[0])
    except (OSError, IndexError, ValueError):
        return 0


def bench_load(dataset, base: str, folder: Path, sql: int, gsp_graphs: int) -> dict:
    """``kgb load`` by each method: triples/s, and the CPU the client and the server spent.

    The bulk loader runs three times (a fresh load, then reloads that must replace, not duplicate,
    with Virtuoso's advice of cores / 2.5 loader threads, at least one, and with 2); the
    Graph Store Protocol replaces the first ``gsp_graphs`` graphs again (0: all; at a few hundred
    triples/s on small graphs, all of 1 M quads would take most of an hour). The load average at the start says how much of
    the 2 cores other work took.
    """
    from dataclasses import replace

    from kg_builder.bulk import LOADERS, BulkTarget
    from kg_builder.load import STREAMS, load
    from kg_builder.store import graph_names

    server = _server_pid(folder)
    (folder / "bulk").mkdir(exist_ok=True)
    bulk = BulkTarget(folder / "bulk", f"127.0.0.1:{sql}", "dba", "dba", streams=LOADERS)
    methods = {f"bulk loader, {LOADERS} loader(s)": {"bulk": bulk}, "bulk loader, reload": {"bulk": bulk},
               "bulk loader, reload, 2 loaders": {"bulk": replace(bulk, streams=2)},
               f"Graph Store Protocol, {STREAMS} streams": {"streams": STREAMS}}
    if gsp_graphs:
        methods[f"Graph Store Protocol, {STREAMS} streams"]["graphs"] = [str(g) for g in graph_names(dataset)][:gsp_graphs]
    results = {}
    for method, options in methods.items():
        load_average = os.getloadavg()[0]
        client, server_before = time.process_time(), _process_cpu_s(server)
        report = load(dataset, f"{base}/sparql-auth", user="dba", password="dba", **options)
        triples = sum(g.triples for g in report.graphs)
        verified = all(g.verified for g in report.graphs)
        row = {"triples": triples, "graphs": len(report.graphs), "seconds": report.seconds,
               "triples_per_s": triples / report.seconds, "verified": verified,
               "client_cpu_s": time.process_time() - client, "server_cpu_s": _process_cpu_s(server) - server_before,
               "load_average_at_start": load_average}
        results[method] = row
        print(f"  kgb load ({method}): {triples:,} triples in {len(report.graphs):,} graphs, {report.seconds:.1f} s"
              f" = {triples / report.seconds:,.0f} triples/s, all verified: {verified} (CPU: client "
              f"{row['client_cpu_s']:.1f} s, server {row['server_cpu_s']:.1f} s; load average {load_average:.1f} "
              f"on {os.cpu_count()} cores at start)")
    return results


def bench_virtuoso_queries(base: str, repeat: int, quads: int) -> dict:
    """Median ms of every question on Virtuoso's /sparql, answered as CSV like the embedded figure.

    CSV, not JSON: Virtuoso's JSON results are about five times larger (11 MB for figures-by-source's
    10 k rows at 1 M quads, against 2 MB) and took 2.6 s against 1.0 s, so JSON measured the format.
    """
    from urllib.parse import urlencode
    from urllib.request import Request, urlopen

    from kg_builder.query import competency_queries

    def answer(text: str) -> bytes:
        request = Request(f"{base}/sparql", data=urlencode({"query": text}).encode(), headers={"Accept": "text/csv"})
        with urlopen(request, timeout=600) as response:
            return response.read()

    print(f"  Virtuoso queries: median of {repeat} runs, CSV results")
    results = {}
    for name, path, _ in competency_queries():
        text = path.read_text(encoding="utf-8")
        rows = len(list(csv.reader(io.StringIO(answer(text).decode("utf-8"))))) - 1  # less the header
        ms = median_ms(lambda: answer(text), repeat)
        budget = budget_ms(rows, quads)
        results[name] = {"ms": ms, "rows": rows, "budget_ms": budget, "within_budget": ms <= budget}
        print(f"    {name:42s} {ms:9.1f} ms {rows:7d} rows  budget {budget:8.1f} ms  {'ok' if ms <= budget else 'OVER'}")
    return results


def bench_virtuoso(dataset, folder: Path, repeat: int, quads: int, gsp_graphs: int = 0) -> dict:
    script = REPO / "scripts" / "virtuoso.sh"
    http, sql = free_port(), free_port()
    started = subprocess.run([str(script), "start", str(folder), str(http), str(sql)], capture_output=True, text=True)
    if started.returncode != 0:
        print(f"  Virtuoso did not start ({started.stderr.strip()}); run scripts/virtuoso.sh install")
        return {}
    result: dict = {"load": {}, "queries": {}}
    try:
        base = f"http://127.0.0.1:{http}"
        result["load"] = bench_load(dataset, base, folder, sql, gsp_graphs)
        result["queries"] = bench_virtuoso_queries(base, repeat, quads)
    finally:
        subprocess.run([str(script), "stop", str(folder)], capture_output=True)
    return result


# Our own wire-style paragraphs, repeated with rotating places and figures to make one long article.
LONG_PARAGRAPHS = (
    "Gunmen stormed a police post in the northern town of {town} on {day}, killing {n} officers, "
    "provincial officials said. The attackers fled towards the hills after a gunfight that lasted two hours.",
    "A roadside bomb struck a minibus near {town} in {province} province, killing {n} passengers. "
    "No group said it carried out the bombing, but officials blamed the insurgents.",
    "Talks between the two sides resumed in {venue} on {day}, a week after the delegations walked out "
    "in protest at an air strike in {town} that killed {n} people.",
    "Residents of the {quarter} neighbourhood of {town} said the blasts shook their houses. "
    "Hospital staff said {n} of the wounded were in a critical state.",
)
LONG_FILLERS = {
    "town": ("Kunduz", "Charsadda", "Jolo", "Kerman", "Homs", "Aden", "Kidal", "Mogadishu"),
    "province": ("Nangarhar", "Helmand", "Borno", "Sulu"),
    "venue": ("Doha", "Geneva", "Kuwait", "Jeddah"),
    "quarter": ("Karte Se", "Shahr-e Naw", "Old City"),
    "day": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday"),
}


def long_text(chars: int) -> str:
    """About ``chars`` characters of our own paragraphs, places and figures rotating."""
    parts, total, n = [], 0, 0
    while total < chars:
        template = LONG_PARAGRAPHS[n % len(LONG_PARAGRAPHS)]
        values = {k: v[(n // len(LONG_PARAGRAPHS) + n) % len(v)] for k, v in LONG_FILLERS.items()}
        paragraph = template.format(n=3 + n % 40, **values)
        parts.append(paragraph)
        total += len(paragraph) + 2
        n += 1
    return "\n\n".join(parts)


def bench_long(sizes: list[int]) -> None:
    """Seconds to parse, to find places and to extract one article of each size."""
    from kg_builder import world
    from kg_builder.attacks import find_mentions
    from kg_builder.extract import extract
    from kg_builder.gazetteer import load as load_gazetteer
    from kg_builder.nlp import load_model, parse
    from kg_builder.places import PlaceFinder
    from kg_builder.types import Article

    nlp = load_model()
    gazetteer = load_gazetteer()
    list(parse(nlp, [long_text(2_000)]))  # warm-up, and the world gazetteer loaded before timing
    world.load()
    print(f"  {'chars':>10} {'parse s':>9} {'places s':>9} {'extract s':>10} {'extract µs/char':>16}")
    for size in sizes:
        text = long_text(size)
        started = time.perf_counter()
        doc = next(parse(nlp, [text]))
        parsed = time.perf_counter() - started
        triggers = [(m.token, sent) for sent in doc.sents for m in find_mentions(doc, sent)]
        started = time.perf_counter()  # place finding alone (finding the triggers is not timed here)
        finder = PlaceFinder(doc, gazetteer)
        for token, sent in triggers:
            finder.place_of(token, sent)
        placed = time.perf_counter() - started
        started = time.perf_counter()
        extract(doc, Article("long", text))
        extracted = time.perf_counter() - started
        print(f"  {len(text):>10,} {parsed:>9.2f} {placed:>9.2f} {extracted:>10.2f} {extracted / len(text) * 1e6:>16.2f}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=Path, default=DEFAULT_ARTICLES,
                        help="a manifest (.jsonl) or a folder of .txt articles (default: the 50-report devset)")
    parser.add_argument("--n-process", type=int, default=1)
    parser.add_argument("--model", help="spaCy pipeline (name or path) for the NLP figures (default: the best installed)")
    parser.add_argument("--triples", type=int, help="size of the generated store (default 1 M, 10 M with --large)")
    parser.add_argument("--corpus", type=int, action="append",
                        help="synthetic corpus sizes to build (repeatable; default 1000 and 2000, with --large "
                             "1000, 5000, 20000)")
    parser.add_argument("--large", action="store_true", help="the issue's large run: 10 M quads, corpora to 20 k")
    parser.add_argument("--store", type=Path, help="reuse (or keep) the generated store in this folder")
    parser.add_argument("--repeat", type=int, default=5, help="runs per query; the median is shown")
    parser.add_argument("--long-sizes", default="10000,100000,1000000",
                        help="characters of each generated long article (comma-separated)")
    parser.add_argument("--skip", choices=("nlp", "build", "long", "queries", "virtuoso"), action="append", default=[])
    parser.add_argument("--build-child", nargs=2, metavar=("COUNT", "DIR"), help=argparse.SUPPRESS)
    parser.add_argument("--gsp-graphs", type=int, default=2000,
                        help="graphs to send by the Graph Store Protocol (its triples/s; 0: every graph)")
    parser.add_argument("--write-child", nargs=2, metavar=("COUNT", "DIR"), help=argparse.SUPPRESS)
    parser.add_argument("--write-sizes", help="corpus sizes for write_graphs alone (comma-separated; default "
                        "1000,2000,4000,8000, with --large to 20000)")
    args = parser.parse_args(argv)
    if args.build_child:
        build_child(int(args.build_child[0]), Path(args.build_child[1]))
        return
    if args.write_child:
        write_child(int(args.write_child[0]), Path(args.write_child[1]))
        return
    if "long" not in args.skip:
        print("Long articles (time should grow linearly with length)")
        bench_long([int(n) for n in args.long_sizes.split(",") if n.strip()])
    quads_target = args.triples or (10_000_000 if args.large else 1_000_000)
    sizes = args.corpus or ([1000, 5000, 20000] if args.large else [1000, 2000])
    results: dict = {"started": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                     "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
                     "arguments": {k: str(v) for k, v in vars(args).items()}}
    with tempfile.TemporaryDirectory(prefix="kgb-bench-") as temporary:
        work = Path(temporary)
        if "nlp" not in args.skip:
            print("NLP throughput")
            manifest = args.articles if args.articles.suffix == ".jsonl" else None
            results["nlp"] = bench_nlp([] if manifest else [args.articles], manifest, args.n_process, work / "nlp",
                                       model=args.model)
            if REALDEV.is_file() and args.articles == DEFAULT_ARTICLES:
                print("NLP throughput on real news (../shared/realdev)")
                results["nlp_realdev"] = bench_nlp([], REALDEV, args.n_process, work / "nlp-realdev", model=args.model)
        if "build" not in args.skip:
            print("kgb build on synthetic reports")
            results["build"] = bench_build(sizes, work)
            print("write_graphs alone on synthetic extractions (what grows with the corpus)")
            write_sizes = args.write_sizes or ("1000,2000,5000,10000,20000" if args.large else "1000,2000,4000,8000")
            results["write"] = bench_write_scaling([int(n) for n in write_sizes.split(",") if n.strip()], work)
        if not ("queries" in args.skip and "virtuoso" in args.skip):
            from kg_builder.store import _oxigraph, close_store, open_store

            location = args.store or work / "generated"
            started = time.perf_counter()
            if args.store and (location / "oxigraph").exists():
                dataset, articles = open_store(location), None
            else:
                dataset, articles = generate(location, quads_target)
            quads = len(_oxigraph(dataset))
            results["store"] = {"quads": quads, "synthetic_articles": articles,
                                "seconds": time.perf_counter() - started}
            print(f"Generated store: {quads:,} quads" + (f" from {articles:,} synthetic reports" if articles else
                  f" (reused {location})") + f" in {time.perf_counter() - started:.1f} s")
            if "queries" not in args.skip:
                results["oxigraph"] = bench_queries(dataset, "embedded Oxigraph", args.repeat, quads)
            if "virtuoso" not in args.skip:
                print("Virtuoso")
                results["virtuoso"] = bench_virtuoso(dataset, work / "virtuoso", args.repeat, quads, args.gsp_graphs)
            close_store(dataset)
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"{results['started'].replace(':', '')}.json"
    out.write_text(json.dumps(results, indent=1), encoding="utf-8")
    print(f"Results: {out}")


if __name__ == "__main__":
    main()
