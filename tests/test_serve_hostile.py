"""`kgb serve` and `kgb query` under hostile but fair use (issue 18, Endpoint): federated queries that
would make the server call other hosts, FROM / FROM NAMED, queries past the timeout, bursts of
clients, stalled connections and malformed requests. Every listener is on 127.0.0.1, every loop is
bounded and every test stops by itself."""
from __future__ import annotations

import http.client
import http.server
import json
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

import pyoxigraph
import pytest
from pyparsing import ParseResults
from rdflib import Literal, URIRef
from rdflib.namespace import RDFS
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.parserutils import CompValue

from kg_builder.query import run_sparql
from kg_builder.sparql_scan import has_dataset_clause, has_service
from kg_builder.store import close_store, open_store

from test_serve import ATTACKS, FUSED, KGB, fill

REPORT = URIRef("https://example.org/serve-test/graph/article/a1")
COUNT = "SELECT (COUNT(*) AS ?n) {dataset} WHERE {{ {pattern} }}"


def fill_uneven(dataset) -> None:
    """test_serve's graphs, the report graph one triple larger, so that counts tell the graphs apart."""
    fill(dataset)
    dataset.graph(REPORT).add((REPORT, RDFS.label, Literal("Wire report one", lang="en")))


# --- a listener that records whether anything called it -------------------------------------------

class Listener:
    """An HTTP server on 127.0.0.1 that answers every request with one empty SPARQL result and counts them."""

    def __init__(self):
        calls = self.calls = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                calls.append(self.path)
                body = b'{"head":{"vars":["x"]},"results":{"bindings":[]}}'
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_POST = do_GET

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/sparql"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def listener():
    server = Listener()
    yield server
    server.close()


# --- which queries name graphs or call other endpoints ---------------------------------------------

SERVICE_QUERIES = {  # query → whether it calls another endpoint; {url} is the listener
    "SELECT * WHERE { SERVICE <{url}> { ?s ?p ?o } }": True,
    "select * { service silent <{url}> { ?s ?p ?o } }": True,
    "SELECT * { BIND(1 AS ?x) FILTER(?x<2) SERVICE<{url}>{ ?s ?p ?o } }": True,  # '<' as less-than
    "PREFIX service: <{url}#> SELECT * { BIND(service:x AS ?s) }": False,
    "SELECT * { BIND('''a service\nSERVICE <{url}> {{}}''' AS ?s) }": False,
    "SELECT ?service { BIND(<{url}#SERVICE> AS ?service) } # SERVICE <{url}> { }": False,
    "PREFIX ex: <https://example.org/> SELECT * { BIND(ex:o.SERVICE AS ?x) }": False,  # one prefixed name
    "SELECT * { ?s ?p \"x\"@service . _:service ?p ?o }": False,
}
DATASET_QUERIES = {
    "SELECT * FROM <urn:g> WHERE { ?s ?p ?o }": True,
    "select * from named <urn:g> { graph ?g { ?s ?p ?o } }": True,
    "PREFIX ex: <urn:> ASK FROM<urn:a>FROM NAMED ex:b { ?s ?p ?o }": True,
    "CONSTRUCT { ?s ?p ?o } \\u0046ROM <urn:g> WHERE { ?s ?p ?o }": True,
    "SELECT ?from { ?from <urn:from> 'from' } # FROM <urn:g>": False,
    "PREFIX from: <urn:> SELECT * { ?s from:named ?o }": False,
    "SELECT * { { SELECT ?s WHERE { ?s ?p ?o } } }": False,
}


def _parse_tree_has(node, name: str) -> bool:
    if isinstance(node, CompValue):
        return node.name == name or any(_parse_tree_has(value, name) for value in node.values())
    if isinstance(node, (list, tuple, ParseResults)):
        return any(_parse_tree_has(item, name) for item in node)
    return False


@pytest.mark.parametrize("query, expected", DATASET_QUERIES.items())
def test_a_dataset_clause_is_found_where_rdflibs_parser_finds_one(query, expected):
    parsed = parseQuery(query)  # rdflib's full parser: too slow to run on every query, right as a referee
    assert _parse_tree_has(parsed, "DatasetClause") is expected
    assert has_dataset_clause(query) is expected


def test_codepoint_escapes_cannot_hide_service():
    # the grammar undoes \\u escapes before parsing; Oxigraph rejects this text, others run it
    assert has_service("SELECT * { \\u0053ERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
    assert has_service("SELECT * { \\U00000053ervice <http://127.0.0.1:9/> { ?s ?p ?o } }")
    assert not has_service("SELECT * { ?s ?p '\\u0053ERVICE' }")


@pytest.mark.parametrize("query, expected", SERVICE_QUERIES.items())
def test_service_is_found_exactly_when_oxigraph_would_call_out(query, expected, listener):
    query = query.replace("{url}", listener.url)
    try:  # the embedded engine runs SERVICE too: whether it calls the listener is the truth
        list(pyoxigraph.Store().query(query))
    except (RuntimeError, OSError):
        pass
    assert bool(listener.calls) is expected
    assert has_service(query) is expected


# --- FROM / FROM NAMED in `kgb query` --------------------------------------------------------------

def _count(result) -> int:
    return int(result.rows[0][0])


@pytest.mark.parametrize("backend", ["oxigraph", "memory"])
def test_kgb_query_honours_from_and_from_named(backend, tmp_path):
    dataset = open_store(tmp_path / "kg" if backend == "oxigraph" else None, backend)
    fill_uneven(dataset)
    fused, report = len(dataset.graph(FUSED)), len(dataset.graph(REPORT))
    assert 0 < fused != report and len(dataset) == fused + report  # the union, and two graphs that differ

    def ask(dataset_clause: str, pattern: str = "?s ?p ?o") -> int:
        return _count(run_sparql(dataset, COUNT.format(dataset=dataset_clause, pattern=pattern)))

    try:
        assert ask("") == fused + report
        assert ask(f"FROM <{FUSED}>") == fused
        assert ask(f"FROM <{FUSED}> FROM <{REPORT}>") == fused + report
        assert ask(f"FROM NAMED <{REPORT}>") == 0  # FROM NAMED alone: an empty default graph
        assert ask(f"FROM NAMED <{REPORT}>", "GRAPH ?g { ?s ?p ?o }") == report
        assert ask(f"FROM <{FUSED}> FROM NAMED <{REPORT}>", "GRAPH ?g { ?s ?p ?o }") == report
        assert run_sparql(dataset, f"ASK FROM <{REPORT}> {{ ?a a <{KGB.Attack}> }}") is False
        assert run_sparql(dataset, f"ASK FROM <{FUSED}> {{ ?a a <{KGB.Attack}> }}") is True
    finally:
        close_store(dataset)
