"""``kgb``: a thin command line over the library; each command calls one function and prints.

Errors the user can fix (KGBError) are printed as one clean message with exit code 2; a build that
skipped an input exits with 1 after building everything else.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .errors import KGBError, StoreError
from .store import DEFAULT_LOCATION, close_store

MEMORY = "memory"


def _open(args, backend: str | None = None):
    from .store import open_store
    if args.store == MEMORY:
        raise StoreError("--store memory lives only as long as one command; build and query in one "
                         "process through the library, or give a directory")
    if not (Path(args.store) / "oxigraph").is_dir():
        raise StoreError(f"no store in {args.store}: build one first with `kgb build … --store {args.store}`")
    dataset = open_store(args.store, backend or "oxigraph")
    args.opened.append(dataset)  # closed by main(), which releases the store's lock
    return dataset


class _Bar:
    """A one-line progress bar on a terminal's stderr; silent in CI and pipes."""

    def __init__(self, what: str):
        self.what, self.on, self.started = what, sys.stderr.isatty(), time.monotonic()

    def __call__(self, done: int, total: int) -> None:
        if not self.on or not total:
            return
        width = 30
        filled = width * done // total
        rate = done / max(time.monotonic() - self.started, 1e-6)
        sys.stderr.write(f"\r{self.what} [{'#' * filled}{'.' * (width - filled)}] {done}/{total} ({rate:,.1f}/s)")
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()


def cmd_build(args) -> int:
    from .link import FallbackKB, OfflineKB, WikidataKB
    from .pipeline import build
    if not args.paths and not args.manifest:
        raise KGBError("nothing to build: give article files or folders, or --manifest FILE.jsonl")
    kb = OfflineKB.from_file()
    if args.wikidata:
        cache = None if args.store == MEMORY else Path(args.store) / "wikidata-cache"
        kb = FallbackKB(WikidataKB(args.wikidata, cache_dir=cache), kb)
    backend = MEMORY if args.store == MEMORY else "oxigraph"
    dataset, summary = build(args.paths, args.manifest, store=args.store, backend=backend, model=args.model,
                       n_process=args.processes, kb=kb, enrich_from=kb if args.enrich else None,
                       progress=_Bar("parsing"))
    args.opened.append(dataset)
    for problem in summary.problems:
        level = "skipped" if problem.skipped else "warning"
        print(f"{level}: {problem.where}: {problem.message}", file=sys.stderr)
    if getattr(kb, "degraded", None):
        print(f"warning: Wikidata endpoint unusable ({kb.degraded}); linked with the offline items", file=sys.stderr)
    skipped = sum(p.skipped for p in summary.problems)
    where = "memory" if backend == MEMORY else args.store
    print(f"built {where}: {summary.articles} articles ({summary.parsed} parsed, {summary.reused} unchanged), "
          f"{summary.attacks} attacks, {summary.negotiations} negotiations, {summary.claims} claims; "
          f"{skipped} inputs skipped; model {summary.model}")
    return 1 if summary.failed else 0


def cmd_query(args) -> int:
    from .query import competency_queries, format_result, run_query
    if not args.all and not args.query:
        raise KGBError("give a query (a name from `kgb queries`, a .rq file or SPARQL text), or --all")
    dataset = _open(args)
    if args.all:
        for name, _, description in competency_queries():
            print(f"== {name}: {description}")
            print(format_result(run_query(dataset, name), args.format))
            print()
        return 0
    print(format_result(run_query(dataset, args.query), args.format))
    return 0


def cmd_queries(args) -> int:
    from .query import competency_queries
    for name, _, description in competency_queries():
        print(f"{name:<40} {description}")
    return 0


def cmd_export(args) -> int:
    from .export import GRAPH_FORMATS, export_table, write_graph, write_table
    dataset = _open(args)
    if args.what == "graph":
        fmt = args.format or "trig"
        if fmt not in GRAPH_FORMATS:
            raise KGBError(f"the graph is written as {', '.join(GRAPH_FORMATS)}, not {fmt!r}")
        if args.out:
            with open(args.out, "wb") as out:
                write_graph(dataset, fmt, out, args.graph)
        else:
            write_graph(dataset, fmt, sys.stdout.buffer, args.graph)
        return 0
    result = export_table(dataset, args.what, by_source=args.by_source)
    if args.out:
        with open(args.out, "w", encoding="utf-8", newline="") as out:
            write_table(result, args.format or "csv", out)
    else:
        write_table(result, args.format or "csv", sys.stdout)
    return 0


def cmd_validate(args) -> int:
    from .validate import validate
    report = validate(_open(args), inference=args.inference)
    print("conforms" if report.conforms else report.describe())
    return 0 if report.conforms else 1


def cmd_stats(args) -> int:
    from .store import graph_names, stats
    dataset = _open(args)
    for name, count in stats(dataset).items():
        print(f"{name:<22}{count:>10,}")
    if args.graphs:
        for name in graph_names(dataset):
            print(name)
    return 0


def _extractions(args):
    """Extractions of the given inputs (parsed now), or of every article the store holds."""
    from .pipeline import ExtractionCache, extract_articles
    from .ingest import read_articles
    from .nlp import load_model
    from .types import Extraction, from_json
    if args.paths or args.manifest:
        articles, problems = read_articles(args.paths, args.manifest)
        for problem in problems:
            print(f"{'skipped' if problem.skipped else 'warning'}: {problem.where}: {problem.message}", file=sys.stderr)
        extractions, failed = extract_articles(articles, load_model(args.model), progress=_Bar("parsing"))
        for problem in failed:
            print(f"skipped: {problem.where}: {problem.message}", file=sys.stderr)
        return extractions
    records = ExtractionCache(Path(args.store) / "extractions").load()
    if not records:
        raise StoreError(f"no articles in the store {args.store}: build it first, or give articles to read")
    return [from_json(Extraction, r["extraction"]) for r in records.values()]


def cmd_eval(args) -> int:
    from .evaluate import evaluate, format_report, rows_from_extraction
    from .gazetteer import load as load_gazetteer
    predicted = {e.article.id: rows_from_extraction(e) for e in _extractions(args)}
    result = evaluate(predicted, Path(args.gold), load_gazetteer().canonical_actor)
    print(format_report(result, details=args.details))
    return 0


def cmd_explain(args) -> int:
    from .explain import explain
    from .fuse import fuse
    extractions = _extractions(args)
    wanted = [e for e in extractions if e.article.id == args.article] or \
        [e for e in extractions if e.article.id.startswith(args.article)]
    if not wanted:
        known = ", ".join(sorted(e.article.id for e in extractions)[:20])
        raise KGBError(f"no article {args.article!r} here; articles are: {known}")
    fusion = fuse(extractions)
    print("\n\n".join(explain(e, fusion) for e in wanted))
    return 0


def cmd_load(args) -> int:
    from .load import load
    dataset = _open(args)
    state = None if args.no_resume else Path(args.store) / "load-state.json"
    bulk = None
    if args.bulk_dir:
        from .bulk import BulkTarget
        bulk = BulkTarget(Path(args.bulk_dir), args.sql, args.user or "dba", args.password or "dba", args.streams)
    report = load(dataset, args.endpoint, graph_store=args.graph_store, user=args.user, password=args.password,
                  graphs=args.graph or None, progress=_Bar("triples"), state_file=state, streams=args.streams,
                  bulk=bulk)
    for item in report.graphs:
        print(f"{'ok' if item.verified else 'MISMATCH'} {item.name}: {item.triples} triples ({item.method})")
    if report.skipped:
        print(f"{len(report.skipped)} graphs already loaded and unchanged")
    bad = [g.name for g in report.graphs if not g.verified]
    if bad:
        print(f"count mismatch after loading {len(bad)} graphs; run the command again", file=sys.stderr)
    return 1 if bad else 0


def cmd_serve(args) -> int:
    from .serve import serve
    dataset = _open(args)
    print(f"SPARQL endpoint on http://{args.host}:{args.port}/sparql (read-only; Ctrl-C stops it)", file=sys.stderr)
    try:
        serve(dataset, args.host, args.port, timeout_s=args.timeout, max_rows=args.max_rows)
    except KeyboardInterrupt:
        pass
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="kgb", description="Build and query a temporal knowledge graph of "
                                  "attacks, claims and negotiations from news articles.")
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, handler, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(handler=handler)
        sub.add_argument("--store", default=DEFAULT_LOCATION,
                         help=f"store directory (default {DEFAULT_LOCATION}/); `memory` for a throw-away store")
        return sub

    def inputs(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("paths", nargs="*", help="article files (.txt, .jsonl) or folders")
        sub.add_argument("--manifest", help="JSON Lines: id, published, source, url, and text or path")
        sub.add_argument("--model", help="spaCy model to use (default: the best English one installed)")

    sub = command("build", cmd_build, "read articles and build (or extend) the graph in the store")
    inputs(sub)
    sub.add_argument("--processes", type=int, help="spaCy processes (default: 2 for large inputs)")
    sub.add_argument("--enrich", action="store_true", help="add Wikidata facts the articles lack (graph/wikidata)")
    sub.add_argument("--wikidata", metavar="ENDPOINT", help="link through this SPARQL endpoint "
                     "(e.g. https://query.wikidata.org/sparql) instead of the offline items")

    sub = command("query", cmd_query, "run a competency question, a .rq file or SPARQL text")
    sub.add_argument("query", nargs="?", help="query name (see `kgb queries`), .rq file or SPARQL text")
    sub.add_argument("--all", action="store_true", help="run every competency question")
    sub.add_argument("--format", choices=("table", "csv", "json"), default="table")

    command("queries", cmd_queries, "list the competency questions")

    sub = command("export", cmd_export, "write the attacks/claims/negotiations tables or the whole graph")
    sub.add_argument("what", choices=("attacks", "claims", "negotiations", "graph"))
    sub.add_argument("--format", help="csv or json for tables; turtle, nt, nquads, trig or jsonld for the graph")
    sub.add_argument("--by-source", action="store_true", help="one row per event and source article")
    sub.add_argument("--graph", help="only this named graph (graph export)")
    sub.add_argument("--out", help="file to write (default: standard output)")

    sub = command("validate", cmd_validate, "check the store against the SHACL shapes and checks")
    sub.add_argument("--inference", choices=("none", "rdfs"), default="none")

    sub = command("stats", cmd_stats, "count what the store holds")
    sub.add_argument("--graphs", action="store_true", help="also list the named graphs")

    sub = command("eval", cmd_eval, "score extraction against gold annotations (../shared/gold/README.md)")
    inputs(sub)
    sub.add_argument("--gold", required=True, help="folder of gold JSON files")
    sub.add_argument("--details", action="store_true", help="list every miss, false item and field error")

    sub = command("explain", cmd_explain, "show what was extracted from an article, from which sentence and why")
    sub.add_argument("article", help="article id (or its beginning)")
    inputs(sub)

    sub = command("load", cmd_load, "load the store's named graphs into a SPARQL server")
    sub.add_argument("--endpoint", required=True, help="SPARQL (update) endpoint, e.g. http://localhost:8890/sparql-auth")
    sub.add_argument("--graph-store", help="Graph Store Protocol URL (default: guessed for Virtuoso)")
    sub.add_argument("--user")
    sub.add_argument("--password")
    sub.add_argument("--graph", action="append", help="only this named graph (repeatable)")
    sub.add_argument("--no-resume", action="store_true", help="reload graphs already loaded and unchanged")
    sub.add_argument("--streams", type=int, default=4, help="graphs sent at once (or bulk loader threads)")
    sub.add_argument("--bulk-dir", help="Virtuoso only: a folder the server can read (in its DirsAllowed); "
                     "graphs go there as N-Quads files for its bulk loader, much faster than HTTP")
    sub.add_argument("--sql", default="127.0.0.1:1111", help="with --bulk-dir: Virtuoso's SQL port, host:port")

    sub = command("serve", cmd_serve, "a read-only SPARQL 1.1 endpoint over the store")
    sub.add_argument("--host", default="127.0.0.1")
    sub.add_argument("--port", type=int, default=8000)
    sub.add_argument("--timeout", type=float, default=30, help="seconds per query")
    sub.add_argument("--max-rows", type=int, default=10_000)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    args.opened = []
    try:
        return args.handler(args)
    except KGBError as err:
        print(f"kgb {args.command}: {err}", file=sys.stderr)
        return 2
    finally:
        for dataset in args.opened:
            close_store(dataset)


if __name__ == "__main__":
    sys.exit(main())
