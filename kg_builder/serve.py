"""A read-only SPARQL 1.1 Protocol endpoint over the embedded store (`kgb serve`).

Analysts point YASGUI, SPARQLWrapper or a notebook at ``http://127.0.0.1:8000/sparql`` without
loading the graph into a server first. Updates are refused (403): the store is written by
``kgb build`` alone. Every query runs in a worker thread and is abandoned after ``timeout_s``
(503), and results stop at ``max_rows`` with the header ``X-KGB-Truncated: true``, so one careless
query cannot hang the endpoint. Oxigraph-backed stores are queried through pyoxigraph directly;
other stores through rdflib. Standard library only (wsgiref).
"""
from __future__ import annotations

import csv
import io
import json
import threading
from dataclasses import dataclass
from socketserver import ThreadingMixIn
from urllib.parse import parse_qs
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server as _make_server
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox
from rdflib import Dataset
from rdflib.plugins.sparql.parser import parseUpdate

from .errors import QueryError
from .load import ox_term
from .query import check_syntax
from .store import _oxigraph

MAX_BODY = 10 * 1024 * 1024
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RESULT_TYPES = {  # media type → format, for SELECT and ASK
    "application/sparql-results+json": "json", "application/json": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
    "text/csv": "csv", "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {  # media type → format, for CONSTRUCT and DESCRIBE
    "text/turtle": "turtle", "application/turtle": "turtle", "application/x-turtle": "turtle",
    "text/n3": "turtle", "application/ld+json": "json-ld", "application/n-triples": "nt",
    "text/plain": "nt", "application/rdf+xml": "rdf-xml",
}
# the format= parameter (SPARQLWrapper sends it) in short names; xml and json depend on the query form
RESULT_NAMES = {"json": "json", "xml": "xml", "csv": "csv", "tsv": "tsv"}
GRAPH_NAMES = {"turtle": "turtle", "ttl": "turtle", "n3": "turtle", "json-ld": "json-ld", "jsonld": "json-ld",
               "json": "json-ld", "nt": "nt", "ntriples": "nt", "n-triples": "nt", "xml": "rdf-xml",
               "rdf+xml": "rdf-xml", "rdfxml": "rdf-xml"}
CONTENT_TYPES = {
    "json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8", "tsv": "text/tab-separated-values; charset=utf-8",
    "turtle": "text/turtle; charset=utf-8", "json-ld": "application/ld+json", "nt": "application/n-triples",
    "rdf-xml": "application/rdf+xml",
}
RDF_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "json-ld": ox.RdfFormat.JSON_LD, "nt": ox.RdfFormat.N_TRIPLES,
               "rdf-xml": ox.RdfFormat.RDF_XML}


class _Refusal(Exception):
    """An HTTP error answer: status line and a message for the client."""

    def __init__(self, status: str, message: str):
        super().__init__(message)
        self.status, self.message = status, message


@dataclass(frozen=True)
class _Outcome:
    """What a query gave: rows of bindings, a boolean, or triples (all pyoxigraph terms)."""

    kind: str  # "bindings" | "boolean" | "graph"
    variables: tuple[str, ...] = ()
    rows: tuple = ()
    boolean: bool = False
    truncated: bool = False


def make_app(dataset: Dataset, *, timeout_s: float = 30, max_rows: int = 10_000):
    """A WSGI application answering SPARQL queries over ``dataset`` at ``/sparql``."""
    return _Endpoint(dataset, timeout_s, max_rows)


class ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the library does not print
        pass


def make_server(dataset: Dataset, host: str = "127.0.0.1", port: int = 8000, *, timeout_s: float = 30,
                max_rows: int = 10_000) -> ThreadingWSGIServer:
    """A bound, not yet running server (``port=0`` picks a free port: see ``server.server_port``)."""
    app = make_app(dataset, timeout_s=timeout_s, max_rows=max_rows)
    return _make_server(host, port, app, server_class=ThreadingWSGIServer, handler_class=_QuietHandler)


def serve(dataset: Dataset, host: str = "127.0.0.1", port: int = 8000, *, timeout_s: float = 30,
          max_rows: int = 10_000) -> None:
    """Answer queries at http://host:port/sparql until interrupted."""
    with make_server(dataset, host, port, timeout_s=timeout_s, max_rows=max_rows) as server:
        server.serve_forever()


class _Endpoint:
    def __init__(self, dataset: Dataset, timeout_s: float, max_rows: int):
        self.dataset, self.timeout_s, self.max_rows = dataset, timeout_s, max_rows
        self.store = _oxigraph(dataset)

    def __call__(self, environ, start_response):
        headers = [("Access-Control-Allow-Origin", "*")]
        try:
            content_type, body, extra = self._answer(environ)
            status = "200 OK" if body is not None else "204 No Content"
            headers += extra
        except _Refusal as refusal:
            status, content_type, body = refusal.status, "text/plain; charset=utf-8", f"{refusal.message}\n".encode()
            if refusal.status.startswith("405"):
                headers.append(("Allow", "GET, POST, OPTIONS"))
        body = body or b""
        headers += [("Content-Type", content_type), ("Content-Length", str(len(body)))]
        start_response(status, headers)
        return [body]

    def _answer(self, environ) -> tuple[str, bytes | None, list[tuple[str, str]]]:
        if environ.get("PATH_INFO", "") != "/sparql":
            raise _Refusal("404 Not Found", "nothing here: the SPARQL endpoint is /sparql")
        method = environ["REQUEST_METHOD"]
        if method == "OPTIONS":
            return "text/plain", None, [("Allow", "GET, POST, OPTIONS"),
                                        ("Access-Control-Allow-Headers", "Content-Type, Accept")]
        if method not in ("GET", "POST"):
            raise _Refusal("405 Method Not Allowed", f"{method} is not supported: send queries by GET or POST")
        params = parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
        if method == "POST":
            self._read_post(environ, params)
        if "update" in params:
            raise _Refusal("403 Forbidden", _READ_ONLY)
        queries = params.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            raise _Refusal("400 Bad Request", "give exactly one SPARQL query: GET /sparql?query=… , or POST it "
                           "form-encoded (query=…) or as application/sparql-query")
        sparql = queries[0]
        try:
            check_syntax(sparql, "the query")
        except QueryError as err:
            raise _Refusal("403 Forbidden", _READ_ONLY) if _is_update(sparql) else _Refusal("400 Bad Request", str(err))
        outcome = self._run(sparql, params.get("default-graph-uri", []), params.get("named-graph-uri", []))
        fmt = _negotiate(outcome.kind, params.get("format", []), environ.get("HTTP_ACCEPT", ""))
        extra = [("X-KGB-Truncated", "true")] if outcome.truncated else []
        return CONTENT_TYPES[fmt], _serialize(outcome, fmt), extra

    @staticmethod
    def _read_post(environ, params: dict[str, list[str]]) -> None:
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > MAX_BODY:
            raise _Refusal("413 Payload Too Large", f"the request body is over {MAX_BODY // 1024 // 1024} MB")
        body = environ["wsgi.input"].read(length).decode("utf-8", "replace") if length else ""
        media = environ.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
        if media == "application/x-www-form-urlencoded":
            for key, values in parse_qs(body, keep_blank_values=True).items():
                params.setdefault(key, []).extend(values)
        elif media == "application/sparql-query":
            params.setdefault("query", []).append(body)
        elif media == "application/sparql-update":
            raise _Refusal("403 Forbidden", _READ_ONLY)
        else:
            raise _Refusal("415 Unsupported Media Type", f"cannot read a POST body of type {media or 'unknown'!r}: "
                           "send application/sparql-query or application/x-www-form-urlencoded")

    def _run(self, sparql: str, default_graphs: list[str], named_graphs: list[str]) -> _Outcome:
        """Evaluate in a worker thread; give up after the timeout (the worker stops at its next row)."""
        done, cancel, box = threading.Event(), threading.Event(), {}

        def work() -> None:
            # Only plain values leave this thread: pyoxigraph's result iterators must be dropped where
            # they were made, and an exception's traceback would carry them out.
            try:
                box["outcome"] = self._evaluate(sparql, default_graphs, named_graphs, cancel)
            except _Refusal as refusal:
                box["error"] = (refusal.status, refusal.message)
            except Exception as err:  # any evaluation error of either store goes back to the client
                box["error"] = ("500 Internal Server Error", f"the query failed on the store: {err}")
            finally:
                done.set()

        threading.Thread(target=work, daemon=True, name="kgb-sparql-query").start()
        if not done.wait(self.timeout_s):
            cancel.set()
            raise _Refusal("503 Service Unavailable",
                           f"the query ran longer than {self.timeout_s:g} s and was abandoned: narrow it (more specific "
                           "patterns, LIMIT) or start `kgb serve` with a longer --timeout")
        if "error" in box:
            raise _Refusal(*box["error"])
        return box["outcome"]

    def _evaluate(self, sparql: str, default_graphs: list[str], named_graphs: list[str], cancel) -> _Outcome:
        if self.store is not None:
            result = self.store.query(
                sparql, use_default_graph_as_union=not default_graphs,
                default_graph=[ox.NamedNode(g) for g in default_graphs] or None,
                named_graphs=[ox.NamedNode(g) for g in named_graphs] or None)
            if isinstance(result, ox.QueryBoolean):
                return _Outcome("boolean", boolean=bool(result))
            if isinstance(result, ox.QueryTriples):
                return self._capped("graph", (), iter(result), cancel)
            variables = tuple(v.value for v in result.variables)
            rows = (tuple(solution[i] for i in range(len(variables))) for solution in result)
            return self._capped("bindings", variables, rows, cancel)
        if default_graphs or named_graphs:
            raise _Refusal("400 Bad Request", "default-graph-uri and named-graph-uri need the Oxigraph store; "
                           "use GRAPH or FROM in the query instead")
        result = self.dataset.query(sparql)
        if result.type == "ASK":
            return _Outcome("boolean", boolean=bool(result.askAnswer))
        if result.type in ("CONSTRUCT", "DESCRIBE"):
            triples = (ox.Triple(*(ox_term(t) for t in triple)) for triple in result)
            return self._capped("graph", (), triples, cancel)
        variables = tuple(str(v) for v in result.vars)
        rows = (tuple(None if t is None else ox_term(t) for t in row) for row in result)
        return self._capped("bindings", variables, rows, cancel)

    def _capped(self, kind: str, variables: tuple[str, ...], items, cancel) -> _Outcome:
        kept = []
        for item in items:
            if cancel.is_set():
                raise _Refusal("503 Service Unavailable", "abandoned")  # nobody is waiting for it any more
            if len(kept) == self.max_rows:
                return _Outcome(kind, variables, tuple(kept), truncated=True)
            kept.append(item)
        return _Outcome(kind, variables, tuple(kept))


_READ_ONLY = ("this endpoint is read-only: SPARQL updates are refused. The store is written by `kgb build`; "
              "to change a graph, load it into a triple store (`kgb load`) and update it there")


def _is_update(sparql: str) -> bool:
    try:
        parseUpdate(sparql)
    except Exception:  # pyparsing and rdflib raise several kinds
        return False
    return True


def _negotiate(kind: str, format_param: list[str], accept: str) -> str:
    """The output format: the format= parameter first, then the Accept header, then the default."""
    by_name, by_type = (GRAPH_NAMES, GRAPH_TYPES) if kind == "graph" else (RESULT_NAMES, RESULT_TYPES)
    for value in format_param:
        value = value.strip().lower()
        if value in by_name or value in by_type:
            return by_name.get(value) or by_type[value]
    default = "turtle" if kind == "graph" else "json"
    if not accept.strip():
        return default
    ranked = []
    for position, part in enumerate(accept.split(",")):
        media, *options = [p.strip().lower() for p in part.split(";")]
        weight = next((float(o[2:]) for o in options if o.startswith("q=") and _is_number(o[2:])), 1.0)
        ranked.append((-weight, position, media))
    for weight, _, media in sorted(ranked):
        if weight == 0:
            break
        if media in by_type:
            return by_type[media]
        if media in ("*/*", "application/*", "text/*"):
            return default
    raise _Refusal("406 Not Acceptable", f"cannot answer this query as {accept!r}; choose one of "
                   f"{', '.join(sorted(by_type))}")


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _serialize(outcome: _Outcome, fmt: str) -> bytes:
    if outcome.kind == "graph":
        return ox.serialize(outcome.rows, format=RDF_FORMATS[fmt])
    return {"json": _json, "xml": _xml, "csv": _csv, "tsv": _tsv}[fmt](outcome).encode("utf-8")


def _json_term(term) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    cell = {"type": "literal", "value": term.value}
    if term.language:
        cell["xml:lang"] = term.language
    elif term.datatype.value != XSD_STRING:
        cell["datatype"] = term.datatype.value
    return cell


def _json(outcome: _Outcome) -> str:
    if outcome.kind == "boolean":
        return json.dumps({"head": {}, "boolean": outcome.boolean})
    bindings = [{var: _json_term(term) for var, term in zip(outcome.variables, row) if term is not None}
                for row in outcome.rows]
    return json.dumps({"head": {"vars": list(outcome.variables)}, "results": {"bindings": bindings}},
                      ensure_ascii=False)


def _xml_term(term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if term.language:
        return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
    if term.datatype.value != XSD_STRING:
        return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
    return f"<literal>{escape(term.value)}</literal>"


def _xml(outcome: _Outcome) -> str:
    lines = ['<?xml version="1.0" encoding="utf-8"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">']
    if outcome.kind == "boolean":
        lines += ["<head/>", f"<boolean>{str(outcome.boolean).lower()}</boolean>", "</sparql>"]
        return "\n".join(lines) + "\n"
    lines += ["<head>", *(f"<variable name={quoteattr(v)}/>" for v in outcome.variables), "</head>", "<results>"]
    for row in outcome.rows:
        cells = "".join(f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                        for v, t in zip(outcome.variables, row) if t is not None)
        lines.append(f"<result>{cells}</result>")
    lines += ["</results>", "</sparql>"]
    return "\n".join(lines) + "\n"


def _csv(outcome: _Outcome) -> str:
    if outcome.kind == "boolean":
        return f"{str(outcome.boolean).lower()}\r\n"
    out = io.StringIO()
    writer = csv.writer(out)  # SPARQL 1.1 CSV: CRLF line ends, plain values, blank nodes as _:id
    writer.writerow(outcome.variables)
    for row in outcome.rows:
        writer.writerow(["" if t is None else f"_:{t.value}" if isinstance(t, ox.BlankNode) else t.value for t in row])
    return out.getvalue()


def _tsv(outcome: _Outcome) -> str:
    if outcome.kind == "boolean":
        return f"{str(outcome.boolean).lower()}\n"
    lines = ["\t".join(f"?{v}" for v in outcome.variables)]
    lines += ["\t".join("" if t is None else str(t) for t in row) for row in outcome.rows]  # N-Triples syntax
    return "\n".join(lines) + "\n"
