"""``kgb``: a thin command line over the library; each command calls one function and prints.

Results go to standard output (or the file of ``--out``); messages go through ``logging`` to standard
error: warnings always, progress and notes unless ``--quiet``, details with ``--verbose``. Errors the
user can fix (KGBError) are printed as one clean message with exit code 2; a build that skipped an
input exits with 1 after building everything else.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import sys
from pathlib import Path

from . import __version__
from .errors import KGBError, StoreError
from .ingest import MAX_ARTICLE_CHARS
from .store import DEFAULT_LOCATION, close_store, interrupted_build

MEMORY = "memory"
GRAPH_OUT = {"turtle": "turtle", "nt": "nt"}  # --format of a CONSTRUCT or DESCRIBE → rdflib serializer
log = logging.getLogger("kgb")


def _open(args, backend: str | None = None):
    from .store import open_store
    if args.store == MEMORY:
        raise StoreError("--store memory lives only as long as one command; build and query in one "
                         "process through the library, or give a directory")
    if not (Path(args.store) / "oxigraph").is_dir():
        raise StoreError(f"no store in {args.store}: build one first with `kgb build … --store {args.store}`")
    dataset = open_store(args.store, backend or "oxigraph")
    args.opened.append(dataset)  # closed by main(), which releases the store's lock
    args.incomplete = interrupted_build(args.store)
    if args.incomplete:
        log.warning(f"warning: {args.incomplete}")
    return dataset


class _Bar:
    """Progress with the time left (tqdm) on a terminal's stderr; silent with --quiet, in CI and pipes."""

    def __init__(self, what: str, unit: str = "it"):
        self.what, self.unit, self.bar = what, unit, None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            from tqdm import tqdm
            quiet = not log.isEnabledFor(logging.INFO)
            self.bar = tqdm(total=total, desc=self.what, unit=self.unit, unit_scale=True, leave=False,
                            disable=True if quiet else None, file=sys.stderr)
        self.bar.total = total
        self.bar.update(done - self.bar.n)
        if done >= total:
            self.bar.close()


def _problems(problems) -> None:
    for problem in problems:
        log.warning(f"{'skipped' if problem.skipped else 'warning'}: {problem.where}: {problem.message}")


def _read_options(args):
    from .ingest import ReadOptions
    return ReadOptions(max_chars=args.max_chars, allow_outside=args.allow_outside_paths)


class _Queries:
    """Progress of online linking on a terminal's stderr: queries sent and answered from the cache."""

    def __init__(self, endpoint: str):
        self.endpoint, self.on = endpoint, sys.stderr.isatty()

    def __call__(self, sent: int, cached: int) -> None:
        if self.on:
            sys.stderr.write(f"\rlinking through {self.endpoint}: {sent} queries sent, {cached} from the cache")
            sys.stderr.flush()


def cmd_build(args) -> int:
    from .link import AugmentedKB, OfflineKB, WikidataKB
    from .pipeline import build
    if not args.paths and not args.manifest:
        raise KGBError("nothing to build: give article files or folders, or --manifest FILE.jsonl")
    if args.wikidata_interval < 0:
        raise KGBError(f"--wikidata-interval {args.wikidata_interval} is negative; give seconds between queries, e.g. 1")
    kb = OfflineKB.from_file()
    online = None
    if args.wikidata:
        cache = None if args.store == MEMORY else Path(args.store) / "wikidata-cache"
        online = WikidataKB(args.wikidata, cache_dir=cache, min_interval_s=args.wikidata_interval,
                            progress=_Queries(args.wikidata))
        kb = AugmentedKB(online, kb)
    backend = MEMORY if args.store == MEMORY else "oxigraph"
    dataset, summary = build(args.paths, args.manifest, store=args.store, backend=backend, model=args.model,
                       n_process=args.processes, kb=kb, enrich_from=kb if args.enrich else None,
                       progress=_Bar("parsing", "article"), read=_read_options(args), scheduler=args.scheduler,
                       write_progress=_Bar("writing", "graph"))
    args.opened.append(dataset)
    _problems(summary.problems)
    if getattr(kb, "degraded", None):
        log.warning(f"warning: Wikidata endpoint unusable ({kb.degraded}); linked with the offline items")
    elif online is not None:
        log.info(f"linked through {online.endpoint} (after the offline items): {online.requests} queries sent, "
                 f"{online.cached} answered from the cache")
    skipped = sum(p.skipped for p in summary.problems)
    where = "memory" if backend == MEMORY else args.store
    print(f"built {where}: {summary.articles} articles ({summary.parsed} parsed, {summary.reused} unchanged), "
          f"{summary.attacks} attacks, {summary.negotiations} negotiations, {summary.claims} claims; "
          f"{skipped} inputs skipped; model {summary.model}")
    if not summary.articles:
        log.error("kgb build: no article read from the inputs given; see the warnings above")
        return 1
    return 1 if summary.failed else 0


def cmd_query(args) -> int:
    from .query import QueryResult, competency_queries, format_result, is_select, query_text, run_sparql
    if not args.all and not args.query:
        raise KGBError("give a query (a name from `kgb queries`, a .rq file or SPARQL text), or --all")
    dataset = _open(args)
    if args.all:
        if args.format in GRAPH_OUT:
            raise KGBError(f"--format {args.format} is for CONSTRUCT and DESCRIBE; the competency questions are SELECTs")
        for name, _, description in competency_queries():
            print(f"== {name}: {description}")
            print(query_text(dataset, name, args.format or "table"))
            print()
        return 0
    if args.format in ("csv", "json") and is_select(args.query):  # the store's own serializer where it has one
        print(query_text(dataset, args.query, args.format))
        return 0
    result = run_sparql(dataset, args.query)
    if isinstance(result, bool):  # ASK
        print(json.dumps({"head": {}, "boolean": result}) if args.format == "json" else str(result).lower())
    elif isinstance(result, QueryResult):  # SELECT
        if args.format in GRAPH_OUT:
            raise KGBError(f"--format {args.format} is for CONSTRUCT and DESCRIBE; a SELECT is table, csv or json")
        print(format_result(result, args.format or "table"))
    else:  # CONSTRUCT, DESCRIBE
        from .export import merged_graph
        fmt = args.format if args.format in GRAPH_OUT else "turtle"
        sys.stdout.flush()
        sys.stdout.buffer.write(merged_graph(result).serialize(format=GRAPH_OUT[fmt], encoding="utf-8"))
    return 0


def cmd_queries(args) -> int:
    from .query import QUERIES_DIR, competency_queries
    questions = competency_queries()
    if not questions:
        raise KGBError(f"no competency questions in {QUERIES_DIR}: reinstall kg-builder or restore queries/*.rq")
    for name, _, description in questions:
        print(f"{name:<40} {description}")
    return 0


def cmd_export(args) -> int:
    from .export import GRAPH_FORMATS, export_table, write_graph, write_table
    dataset = _open(args)
    if args.what == "acled":
        return _export_acled(dataset, args)
    if args.what == "graph":
        fmt = args.format or "trig"
        if fmt not in GRAPH_FORMATS:
            raise KGBError(f"the graph is written as {', '.join(GRAPH_FORMATS)}, not {fmt!r}")
        sys.stdout.flush()
        write_graph(dataset, fmt, sys.stdout.buffer, args.graph)
        return 0
    write_table(export_table(dataset, args.what, by_source=args.by_source), args.format or "csv", sys.stdout)
    return 0


def _export_acled(dataset, args) -> int:
    from .acled import FORMATS, acled_table, write_acled
    fmt = args.format or "csv"
    if fmt not in FORMATS:
        raise KGBError(f"the ACLED table is written as {', '.join(FORMATS)}, not {fmt!r}")
    rows = acled_table(dataset)
    if fmt == "xlsx":  # a binary stream: standard output's, or that of the --out file main() opened
        sys.stdout.flush()
        write_acled(rows, fmt, sys.stdout.buffer)
    else:
        write_acled(rows, fmt, sys.stdout)
    return 0


def cmd_timeline(args) -> int:
    from .timeline import draw
    dataset = _open(args)
    out = Path(args.pictures) if args.pictures else Path(args.store) / "timeline"
    png, html = draw(dataset, out, place=args.place, actor=args.actor, since=args.since, until=args.until,
                     labels=args.labels)
    print(f"timeline written: {png} (picture), {html} (interactive, opens offline)")
    return 0


def _date(text: str):
    from datetime import date
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date; write it as YYYY-MM-DD") from None


def cmd_validate(args) -> int:
    from .validate import read_export, validate, validate_file
    data = None if args.file else _open(args)
    report = validate_file(args.file, inference=args.inference) if args.file else validate(data, inference=args.inference)
    print("conforms" if report.conforms else report.describe())
    ok = report.conforms
    if args.reason:
        from .reason import reason
        verdict = reason(read_export(args.file) if args.file else data)
        print(verdict.describe())
        ok = ok and verdict.consistent and not verdict.unsatisfiable
    if getattr(args, "incomplete", None):
        print(f"does not conform: {args.incomplete}")
        ok = False
    return 0 if ok else 1


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
        articles, problems = read_articles(args.paths, args.manifest, _read_options(args))
        _problems(problems)
        extractions, failed = extract_articles(articles, load_model(args.model), progress=_Bar("parsing", "article"))
        _problems(failed)
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
    from dataclasses import replace

    from .load import STREAMS, credentials, load
    dataset = _open(args)
    state = None if args.no_resume else Path(args.store) / "load-state.json"
    user, password = credentials(args.update or args.endpoint, args.user, args.password)
    bulk = None
    if args.bulk_dir:
        from .bulk import BulkTarget
        bulk = BulkTarget(Path(args.bulk_dir), args.sql, user or "dba", password or "dba")
        bulk = replace(bulk, streams=args.streams) if args.streams else bulk
    report = load(dataset, args.endpoint, update=args.update, graph_store=args.graph_store, user=user,
                  password=password, graphs=args.graph or None, delete=not args.no_delete,
                  progress=_Bar("loading", "triple"), state_file=state, streams=args.streams or STREAMS, bulk=bulk)
    for item in report.graphs:
        print(f"{'ok' if item.verified else 'MISMATCH'} {item.name}: {item.triples} triples ({item.method})")
    if report.skipped:
        print(f"{len(report.skipped)} graphs already loaded and unchanged")
    for name in report.deleted:
        print(f"deleted {name}: no longer in the store")
    bad = [g.name for g in report.graphs if not g.verified]
    if bad:
        log.error(f"count mismatch after loading {len(bad)} graphs; run the command again")
    return 1 if bad else 0


def cmd_serve(args) -> int:
    import signal
    import time
    from .serve import Endpoint
    if args.store == MEMORY:
        raise StoreError("kgb serve needs a store directory built by `kgb build`, not --store memory")
    reloads = []
    signal.signal(signal.SIGHUP, lambda *_: reloads.append(True))
    signal.signal(signal.SIGINT, signal.default_int_handler)  # also when started in the background
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # `kill` stops it cleanly, snapshot removed
    endpoint = Endpoint(args.store, args.host, args.port, timeout_s=args.timeout, cors=args.cors,
                        allow_service=args.allow_service)
    if interrupted_build(args.store):
        log.warning(f"warning: {interrupted_build(args.store)}")
    log.info(f"SPARQL endpoint on {endpoint.url}, query page on {endpoint.page}; it answers from a snapshot of "
             f"{args.store} (`kill -HUP {os.getpid()}` takes a new one after a build; Ctrl-C stops it)")
    try:
        while endpoint.process.poll() is None:
            if reloads:
                reloads.clear()
                try:
                    endpoint.reload()
                    log.info(f"reloaded: answering from a new snapshot of {args.store}")
                except KGBError as err:  # the old snapshot keeps answering
                    log.error(f"not reloaded, still answering from the old snapshot: {err}")
            time.sleep(0.2)
        log.error(f"the Oxigraph server stopped (exit {endpoint.process.returncode})")
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        endpoint.stop()


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="kgb", description="Build and query a temporal knowledge graph of "
                                  "attacks, claims and negotiations from news articles.")
    top.add_argument("--version", action="version", version=f"kgb {__version__}")
    top.add_argument("-q", "--quiet", dest="top_quiet", action="count", default=0, help=argparse.SUPPRESS)
    top.add_argument("-v", "--verbose", dest="top_verbose", action="count", default=0, help=argparse.SUPPRESS)
    loudness = argparse.ArgumentParser(add_help=False)
    group = loudness.add_mutually_exclusive_group()
    group.add_argument("-q", "--quiet", action="count", default=0,
                       help="no progress or notes (-qq: errors only)")
    group.add_argument("-v", "--verbose", action="count", default=0, help="also say what each step does")
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, handler, help_text: str, writes: bool = True) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text, parents=[loudness])
        sub.set_defaults(handler=handler, out=None)
        if writes:
            sub.add_argument("--out", "-o", metavar="FILE", help="write the results to FILE (default: standard output)")
        sub.add_argument("--store", default=DEFAULT_LOCATION,
                         help=f"store directory (default {DEFAULT_LOCATION}/); `memory` for a throw-away store")
        return sub

    def inputs(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("paths", nargs="*", help="article files (.txt, .jsonl) or folders")
        sub.add_argument("--manifest", help="JSON Lines: id, published, source, url, and text or path")
        sub.add_argument("--model", help="spaCy model to use (default: the best English one installed)")
        sub.add_argument("--max-chars", type=int, default=MAX_ARTICLE_CHARS, metavar="N",
                         help=f"read at most N characters of an article (default {MAX_ARTICLE_CHARS:,}); "
                              "a longer one is cut at a paragraph break, with a warning")
        sub.add_argument("--allow-outside-paths", action="store_true",
                         help="let manifest paths point outside the manifest's folder")

    sub = command("build", cmd_build, "read articles and build (or extend) the graph in the store", writes=False)
    inputs(sub)
    sub.add_argument("--processes", type=int, help="spaCy processes (default: 2 for large inputs)")
    sub.add_argument("--scheduler", metavar="ADDRESS", help="extract on a Dask cluster: tcp://host:8786, or "
                     "local:N for N worker processes here (needs kg-builder[dask])")
    sub.add_argument("--enrich", action="store_true", help="add Wikidata facts the articles lack (graph/wikidata)")
    sub.add_argument("--wikidata", metavar="ENDPOINT", help="also link through this SPARQL endpoint "
                     "(e.g. https://query.wikidata.org/sparql) what the offline items leave unlinked")
    sub.add_argument("--wikidata-interval", type=float, default=1.0, metavar="SECONDS",
                     help="seconds between queries to the endpoint (default 1; WDQS asks for modest rates)")

    sub = command("query", cmd_query, "run a competency question, a .rq file or SPARQL text")
    sub.add_argument("query", nargs="?", help="query name (see `kgb queries`), .rq file or SPARQL text")
    sub.add_argument("--all", action="store_true", help="run every competency question")
    sub.add_argument("--format", choices=("table", "csv", "json", *GRAPH_OUT), default=None,
                     help="table, csv or json for SELECT and ASK (default table); turtle (default) or nt "
                     "for CONSTRUCT and DESCRIBE")

    command("queries", cmd_queries, "list the competency questions")

    sub = command("export", cmd_export, "write the attacks/claims/negotiations tables, the ACLED table or the whole graph")
    sub.add_argument("what", choices=("attacks", "claims", "negotiations", "acled", "graph"))
    sub.add_argument("--format", help="csv or json for tables; csv or xlsx for acled; "
                     "turtle, nt, nquads, trig or jsonld for the graph")
    sub.add_argument("--by-source", action="store_true", help="one row per event and source article")
    sub.add_argument("--graph", help="only this named graph (graph export)")

    sub = command("timeline", cmd_timeline, "draw attacks against negotiation periods (PNG and interactive HTML)",
                  writes=False)  # its own --out below names the pictures
    sub.add_argument("--out", dest="pictures", help="file name without suffix for the .png and .html "
                     "(default STORE/timeline)")  # not args.out, which main() sends standard output to
    sub.add_argument("--place", help="only attacks in this place or a place inside it (e.g. Kabul, Afghanistan)")
    sub.add_argument("--actor", help="only attacks this actor claimed, denied, was blamed for or is named for")
    sub.add_argument("--since", type=_date, help="from this day (YYYY-MM-DD)")
    sub.add_argument("--until", type=_date, help="up to this day (YYYY-MM-DD)")
    sub.add_argument("--labels", type=int, default=3, help="label the N deadliest attacks (default 3)")

    sub = command("validate", cmd_validate, "check the store against the SHACL shapes and checks")
    sub.add_argument("--inference", choices=("none", "rdfs"), default="none")
    sub.add_argument("--file", help="check this exported file (.ttl, .nt, .nq, .trig, .jsonld) as written, "
                     "instead of the store")
    sub.add_argument("--reason", action="store_true", help="also run the OWL reasoner HermiT (needs Java)")

    sub = command("stats", cmd_stats, "count what the store holds")
    sub.add_argument("--graphs", action="store_true", help="also list the named graphs")

    sub = command("eval", cmd_eval, "score extraction against gold annotations (../shared/gold/README.md)")
    inputs(sub)
    sub.add_argument("--gold", required=True, help="folder of gold JSON files")
    sub.add_argument("--details", action="store_true", help="list every miss, false item and field error")

    sub = command("explain", cmd_explain, "show what was extracted from an article, from which sentence and why")
    sub.add_argument("article", help="article id (or its beginning)")
    inputs(sub)

    sub = command("load", cmd_load, "make a SPARQL server hold the store's named graphs (a sync)")
    sub.add_argument("--endpoint", required=True, help="SPARQL endpoint, for queries and, without --update, "
                     "updates (Virtuoso: http://localhost:8890/sparql-auth)")
    sub.add_argument("--update", metavar="URL", help="SPARQL Update URL when the server has its own "
                     "(Oxigraph: http://HOST:7878/update; Fuseki: http://HOST:3030/DS/update)")
    sub.add_argument("--graph-store", metavar="URL", help="Graph Store Protocol URL (Oxigraph: /store; Fuseki: "
                     "/DS/data; default: guessed for Virtuoso, else SPARQL Update alone)")
    sub.add_argument("--user")
    sub.add_argument("--password", help="better: set $KGB_PASSWORD or a ~/.netrc entry for the host")
    sub.add_argument("--graph", action="append", help="only this named graph (repeatable; deletes nothing)")
    sub.add_argument("--no-delete", action="store_true", help="keep server graphs the store no longer has")
    sub.add_argument("--no-resume", action="store_true", help="reload graphs already loaded and unchanged")
    sub.add_argument("--streams", type=int, help="graphs sent at once (default 4), or with --bulk-dir bulk loader "
                     "threads (default cores / 2.5, Virtuoso's advice)")
    sub.add_argument("--bulk-dir", help="Virtuoso only: a folder the server can read (in its DirsAllowed); "
                     "graphs go there as TriG files for its bulk loader, much faster than HTTP")
    sub.add_argument("--sql", default="127.0.0.1:1111", help="with --bulk-dir: Virtuoso's SQL port, host:port")

    sub = command("serve", cmd_serve, "a read-only SPARQL 1.1 endpoint over the store", writes=False)
    sub.add_argument("--host", default="127.0.0.1")
    sub.add_argument("--port", type=int, default=8000)
    sub.add_argument("--timeout", type=float, default=30, help="seconds per query; a longer query is stopped "
                     "(whole seconds)")
    sub.add_argument("--cors", action="store_true", help="allow cross-origin requests from any web page "
                     "(off by default)")
    sub.add_argument("--allow-service", action="store_true", help="run federated queries (SERVICE), which make "
                     "the server send requests to the hosts they name (refused by default)")
    return top


class _Stderr(logging.StreamHandler):
    """Writes to whatever sys.stderr is when a record comes (tests and callers replace it)."""

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, _):
        pass


def _configure_logging(args) -> None:
    args.quiet += args.top_quiet  # `kgb -q build …` and `kgb build -q …` alike
    args.verbose += args.top_verbose
    level = logging.DEBUG if args.verbose else {0: logging.INFO, 1: logging.WARNING}.get(args.quiet, logging.ERROR)
    handler = _Stderr()
    handler.setFormatter(logging.Formatter("%(message)s"))
    root = logging.getLogger()
    for old in [h for h in root.handlers if isinstance(h, _Stderr)]:
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(logging.WARNING)  # other libraries' chatter stays out unless it is a warning
    log.setLevel(level)
    logging.getLogger("kg_builder").setLevel(level)


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    args.opened = []
    _configure_logging(args)
    try:
        with contextlib.ExitStack() as stack:
            if args.out:
                try:
                    out = stack.enter_context(open(args.out, "w", encoding="utf-8", newline=""))
                except OSError as err:
                    raise KGBError(f"cannot write --out {args.out}: {err.strerror}; give a file in a folder that exists") from err
                stack.enter_context(contextlib.redirect_stdout(out))
            code = args.handler(args)
            sys.stdout.flush()
            return code
    except KGBError as err:
        print(f"kgb {args.command}: {err}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # the reader (head, less) went away: stop quietly, as Unix tools do (Python docs, signal notes)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
    finally:
        for dataset in args.opened:
            close_store(dataset)


if __name__ == "__main__":
    sys.exit(main())
