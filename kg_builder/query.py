"""Run the competency questions (queries/*.rq) and ad-hoc SPARQL over a store, as plain rows.

A query is named by a file in queries/ ("contested-attacks", "export/attacks"), a path to a .rq
file, or given inline. Results come back as a frozen QueryResult of strings so that the CLI, the
export and the tests handle every store (Oxigraph, rdflib's memory store, a SPARQL endpoint) alike;
the rdflib terms are kept beside them for the SPARQL 1.1 JSON results format.

``query_text`` gives a SELECT's result as text; on Oxigraph it runs the query on pyoxigraph itself
and writes CSV and JSON with the store's own serializers (SPARQL 1.1 Query Results CSV, with CRLF
line ends, and JSON), as ``kgb serve`` answers: turning every cell into an rdflib term first costs
about 12 µs a cell, more than the store needs to find and decode it.

Syntax is checked with Oxigraph's parser on an empty in-memory store before the query runs (a few
milliseconds, where rdflib's parser takes about a second on our longer queries); only when that
fails does rdflib's parser locate the error, since it points at the offending token.
"""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph
import rdflib.plugins.sparql
from pyparsing import ParseException
from rdflib import BNode, Literal, URIRef
from rdflib.graph import Graph
from rdflib.namespace import XSD
from rdflib.plugins.sparql import prepareQuery

from .errors import QueryError
from .resources import queries_dir
from .sparql_scan import has_dataset_clause
from .store import _oxigraph

QUERIES_DIR = queries_dir()
FORMATS = ("table", "csv", "json")
_NATIVE_FORMATS = {"csv": pyoxigraph.QueryResultsFormat.CSV, "json": pyoxigraph.QueryResultsFormat.JSON}
_SPARQL_START = ("select", "prefix", "base", "ask", "construct", "describe", "#")


@dataclass(frozen=True)
class QueryResult:
    """The rows of a SELECT: one string (or None when unbound) per variable.

    ``terms`` holds the same cells as rdflib terms, for output formats that need the kind of each
    value (IRI, literal and its datatype); it is empty for results built from plain strings.
    """

    variables: tuple[str, ...]
    rows: tuple[tuple[str | None, ...], ...]
    terms: tuple[tuple[object, ...], ...] = field(default=(), compare=False, repr=False)

    def column(self, name: str) -> list[str | None]:
        """The values of one variable, in row order."""
        if name not in self.variables:
            raise QueryError(f"no column {name!r} in the result; columns are {', '.join(self.variables)}")
        index = self.variables.index(name)
        return [row[index] for row in self.rows]

    def records(self) -> list[dict[str, str | None]]:
        """The rows as dictionaries keyed by variable name."""
        return [dict(zip(self.variables, row)) for row in self.rows]


def available_queries() -> list[str]:
    """Names of the queries in queries/ (sub-folders as "export/attacks"), quality checks excluded."""
    return sorted(
        path.relative_to(QUERIES_DIR).with_suffix("").as_posix()
        for path in QUERIES_DIR.rglob("*.rq")
        if path.parent.name != "checks"
    )


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as err:
        raise QueryError(f"cannot read query file {path}: {err}") from err


def _looks_like_sparql(text: str) -> bool:
    stripped = text.lstrip().lower()
    return "{" in text or stripped.startswith(_SPARQL_START)


def resolve_query(query: str) -> tuple[str, str]:
    """(name for messages, SPARQL text) of a query name, a .rq path, or inline SPARQL."""
    if not query.strip():
        raise QueryError("empty query: give a query name, a .rq file or SPARQL text")
    if _looks_like_sparql(query):
        return "inline query", query
    path = Path(query)
    if path.suffix == ".rq":
        if not path.is_file():
            raise QueryError(f"query file {path} does not exist")
        return str(path), _read(path)
    named = QUERIES_DIR / f"{query}.rq"
    if named.is_file() and "checks" not in Path(query).parts:
        return query, _read(named)
    raise QueryError(
        f"unknown query {query!r}: there is no queries/{query}.rq. "
        f"Available: {', '.join(available_queries())}; or give a path to a .rq file or SPARQL text."
    )


def load_query(query: str) -> str:
    """The SPARQL text of a query name from queries/, a path to a .rq file, or inline SPARQL."""
    return resolve_query(query)[1]


def competency_queries() -> list[tuple[str, Path, str]]:
    """(name, path, question) of every competency question queries/*.rq; question = first comment line."""
    entries = []
    for path in sorted(QUERIES_DIR.glob("*.rq")):
        first = next((line for line in _read(path).splitlines() if line.startswith("#")), "")
        entries.append((path.stem, path, first.lstrip("#").strip()))
    return entries


def check_syntax(sparql: str, name: str = "inline query") -> None:
    """Raise QueryError naming the query, line and column when ``sparql`` is not valid SPARQL 1.1."""
    try:
        pyoxigraph.Store().query(sparql)  # parsed at once; solutions are only computed when read
    except SyntaxError as err:
        raise QueryError(_syntax_message(sparql, name, str(err))) from err
    except (OSError, RuntimeError, ValueError):
        pass  # not a syntax error: the real store reports it when the query runs


def is_select(query: str) -> bool:
    """Whether ``query`` (anything load_query accepts) is a SELECT; parsed by Oxigraph on an empty store."""
    try:
        return isinstance(pyoxigraph.Store().query(load_query(query)), pyoxigraph.QuerySolutions)
    except (SyntaxError, OSError, RuntimeError, ValueError):
        return False  # the store that runs it reports what is wrong


def _syntax_message(sparql: str, name: str, oxigraph_error: str) -> str:
    """Where and why ``sparql`` does not parse, with the line and a caret under the column.

    Oxigraph's parser is fast but reports the furthest point it tried ("error at 5:1" past the
    end for a stray bracket), so on this error path rdflib's parser (about 1 s) locates it.
    """
    position = re.match(r"error at (\d+):(\d+): (.*)", oxigraph_error, re.S)
    line, column = (int(position[1]), int(position[2])) if position else (0, 0)
    detail = position[3] if position else oxigraph_error
    try:
        prepareQuery(sparql)
    except ParseException as err:
        line, column = err.lineno, err.col
        detail = re.sub(r"\s*\(at char \d+\), \(line:\d+, col:\d+\)$", "", str(err))
    except Exception as err:  # rdflib raises a bare Exception for an unknown prefix
        detail = str(err)
        line = 0
    lines = sparql.splitlines()
    if not 0 < line <= len(lines):
        return f"SPARQL syntax error in {name}: {detail}"
    return (f"SPARQL syntax error in {name} at line {line}, column {column}: {detail}"
            f"\n  {lines[line - 1]}\n  {' ' * (column - 1)}^")


def _text(term: object) -> str | None:
    if term is None:
        return None
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def _execute(dataset: Graph, query: str, name: str | None):
    label, sparql = resolve_query(query)
    label = name or label
    check_syntax(sparql, label)
    try:
        if has_dataset_clause(sparql) and type(dataset.store).__name__ == "OxigraphStore":
            # oxrdflib passes the union default graph (or a graph's name) to pyoxigraph, which puts
            # it in place of the query's FROM / FROM NAMED; given no graph, the query's own hold
            return label, dataset.store.query(sparql, dict(dataset.namespaces()), {}, None)
        # rdflib's own engine (the memory store) would fetch each FROM IRI from the web; FROM picks graphs of the store
        rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False
        return label, dataset.query(sparql)
    except Exception as err:  # stores raise many kinds of evaluation errors
        raise QueryError(f"{label} failed on the store: {err}") from err


def _rows(result) -> QueryResult:
    variables = tuple(str(v) for v in result.vars)
    terms = tuple(tuple(row) for row in result)
    rows = tuple(tuple(_text(term) for term in row) for row in terms)
    return QueryResult(variables, rows, terms)


def run_query(dataset: Graph, query: str, *, name: str | None = None) -> QueryResult:
    """Run a SELECT query on ``dataset`` (a Dataset whose default graph is the union, or any Graph).

    ``query`` is anything load_query accepts; ``name`` overrides how error messages call it.
    """
    label, result = _execute(dataset, query, name)
    if result.type != "SELECT":
        raise QueryError(f"{label} is a {result.type} query; only SELECT queries give rows")
    return _rows(result)


def run_sparql(dataset: Graph, query: str, *, name: str | None = None) -> QueryResult | bool | Graph:
    """Run a query of any form: SELECT gives a QueryResult, ASK a bool, CONSTRUCT and DESCRIBE a Graph."""
    _, result = _execute(dataset, query, name)
    if result.type == "SELECT":
        return _rows(result)
    if result.type == "ASK":
        return bool(result.askAnswer)
    graph = Graph()
    for prefix, namespace in dataset.namespace_manager.namespaces():
        graph.bind(prefix, namespace, override=False)
    graph += result.graph
    return graph


def _json_term(term: object, text: str) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": text}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    cell = {"type": "literal", "value": text}
    if isinstance(term, Literal):
        if term.language:
            cell["xml:lang"] = term.language
        elif term.datatype is not None and term.datatype != XSD.string:
            cell["datatype"] = str(term.datatype)
    return cell


def to_sparql_json(result: QueryResult) -> dict:
    """The result in the SPARQL 1.1 Query Results JSON format; unbound cells are left out."""
    bindings = []
    for index, row in enumerate(result.rows):
        terms = result.terms[index] if result.terms else (None,) * len(row)
        bindings.append(
            {var: _json_term(term, text) for var, text, term in zip(result.variables, row, terms) if text is not None}
        )
    return {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}


def _table(result: QueryResult) -> str:
    cells = [list(result.variables)] + [["" if v is None else v for v in row] for row in result.rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(result.variables))]
    lines = ["  ".join(value.ljust(width) for value, width in zip(row, widths)).rstrip() for row in cells]
    lines.insert(1, "  ".join("-" * width for width in widths))
    lines.append(f"({len(result.rows)} row{'s' if len(result.rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


def format_result(result: QueryResult, fmt: str = "table") -> str:
    """The result as text: "table" (aligned columns), "csv" (header row; unbound = empty) or "json"."""
    if fmt == "table":
        return _table(result)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(result.variables)
        writer.writerows(["" if v is None else v for v in row] for row in result.rows)
        return out.getvalue()
    if fmt == "json":
        return json.dumps(to_sparql_json(result), ensure_ascii=False, indent=2) + "\n"
    raise QueryError(f"unknown output format {fmt!r}; choose one of {', '.join(FORMATS)}")


def query_text(dataset: Graph, query: str, fmt: str = "table", *, name: str | None = None) -> str:
    """The rows of a SELECT as text in ``fmt`` ("table", "csv" or "json"), as ``kgb query`` prints them.

    On an Oxigraph store, CSV and JSON come from the store's own serializers (the union of the named
    graphs as the default graph unless the query has FROM clauses, as run_query); elsewhere, and
    for "table", from format_result.
    """
    if fmt not in FORMATS:
        raise QueryError(f"unknown output format {fmt!r}; choose one of {', '.join(FORMATS)}")
    ox = _oxigraph(dataset) if fmt in _NATIVE_FORMATS else None
    if ox is None:
        return format_result(run_query(dataset, query, name=name), fmt)
    label, sparql = resolve_query(query)
    label = name or label
    check_syntax(sparql, label)
    try:
        result = ox.query(sparql, prefixes={p: str(n) for p, n in dataset.namespaces()},
                          use_default_graph_as_union=not has_dataset_clause(sparql))
        if not isinstance(result, pyoxigraph.QuerySolutions):
            raise QueryError(f"{label} is not a SELECT query; only SELECT queries give rows")
        return result.serialize(format=_NATIVE_FORMATS[fmt]).decode("utf-8")
    except (OSError, RuntimeError, ValueError) as err:
        raise QueryError(f"{label} failed on the store: {err}") from err
