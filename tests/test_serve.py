"""`kgb serve`: the read-only SPARQL endpoint, queried over HTTP the way analysts' tools do."""
from __future__ import annotations

import csv
import io
import json
import threading
import time
from urllib.error import HTTPError
from urllib.parse import urlencode
from urllib.request import Request, urlopen

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.compare import graph_diff, isomorphic
from rdflib.namespace import RDF, RDFS, XSD
from SPARQLWrapper import CSV, JSON, JSONLD, POST, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from kg_builder.serve import make_server
from kg_builder.store import open_store

EX = Namespace("https://example.org/serve-test/")
KGB = Namespace("https://w3id.org/kg-builder/ontology#")
ATTACKS = {  # attack → (label, killed)
    EX.attack1: ("Rocket attack, Kabul", 8),
    EX.attack2: ("Bombing, Ghazni", 3),
    EX.attack3: ("Shelling, Kunduz", 12),
}
PREFIXES = f"PREFIX kgb: <{KGB}> PREFIX rdfs: <{RDFS}>\n"


def fill(dataset) -> None:
    fused = dataset.graph(URIRef("https://example.org/serve-test/graph/fused"))
    report = dataset.graph(URIRef("https://example.org/serve-test/graph/article/a1"))
    for attack, (label, killed) in ATTACKS.items():
        fused.add((attack, RDF.type, KGB.Attack))
        fused.add((attack, RDFS.label, Literal(label, lang="en")))
        report.add((EX[f"report-{attack.split('/')[-1]}"], KGB.killed, Literal(killed, datatype=XSD.integer)))
        report.add((EX[f"report-{attack.split('/')[-1]}"], KGB.reportsOn, attack))


def start(dataset, **options):
    server = make_server(dataset, "127.0.0.1", 0, **options)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, f"http://127.0.0.1:{server.server_port}/sparql"


@pytest.fixture(scope="module", params=["oxigraph", "memory"])
def endpoint(request, tmp_path_factory):
    dataset = open_store(tmp_path_factory.mktemp("store") / "kg", backend=request.param)
    fill(dataset)
    server, url = start(dataset)
    yield url
    server.shutdown()
    server.server_close()


def wrapper(url: str, query: str, fmt: str = JSON) -> SPARQLWrapper:
    client = SPARQLWrapper(url)
    client.setQuery(PREFIXES + query)
    client.setReturnFormat(fmt)
    return client


def get(url: str, headers: dict[str, str] | None = None, data: bytes | None = None):
    try:
        with urlopen(Request(url, data=data, headers=headers or {}), timeout=30) as response:
            return response.status, dict(response.headers), response.read().decode("utf-8")
    except HTTPError as err:
        return err.code, dict(err.headers), err.read().decode("utf-8")


LABELS = "SELECT ?attack ?label WHERE { ?attack a kgb:Attack ; rdfs:label ?label }"
EXPECTED = {(str(attack), label) for attack, (label, _) in ATTACKS.items()}


def test_select_as_json(endpoint):
    result = wrapper(endpoint, LABELS).query().convert()
    assert result["head"]["vars"] == ["attack", "label"]
    rows = result["results"]["bindings"]
    assert {(r["attack"]["value"], r["label"]["value"]) for r in rows} == EXPECTED
    assert {r["label"]["xml:lang"] for r in rows} == {"en"} and {r["attack"]["type"] for r in rows} == {"uri"}


def test_select_as_xml(endpoint):
    document = wrapper(endpoint, LABELS, XML).query().convert()
    rows = set()
    for result in document.getElementsByTagName("result"):
        cells = {b.getAttribute("name"): b.firstChild for b in result.getElementsByTagName("binding")}
        rows.add((cells["attack"].firstChild.data, cells["label"].firstChild.data))
        assert cells["label"].getAttribute("xml:lang") == "en"
    assert rows == EXPECTED


def test_select_as_csv_and_tsv(endpoint):
    text = wrapper(endpoint, LABELS, CSV).query().convert().decode("utf-8")
    table = list(csv.reader(io.StringIO(text)))
    assert table[0] == ["attack", "label"] and set(map(tuple, table[1:])) == EXPECTED
    status, headers, body = get(f"{endpoint}?{urlencode({'query': PREFIXES + LABELS})}",
                                {"Accept": "text/tab-separated-values"})
    lines = body.strip().split("\n")
    assert status == 200 and headers["Content-Type"].startswith("text/tab-separated-values")
    assert lines[0] == "?attack\t?label" and f'<{EX.attack1}>\t"Rocket attack, Kabul"@en' in lines


def test_typed_literals_keep_their_datatype(endpoint):
    query = "SELECT ?killed WHERE { ?r kgb:killed ?killed } ORDER BY ?killed"
    rows = wrapper(endpoint, query).query().convert()["results"]["bindings"]
    assert [r["killed"]["value"] for r in rows] == ["3", "8", "12"]
    assert {r["killed"]["datatype"] for r in rows} == {str(XSD.integer)}


def test_ask(endpoint):
    assert wrapper(endpoint, "ASK { ?a rdfs:label 'Bombing, Ghazni'@en }").query().convert()["boolean"] is True
    assert wrapper(endpoint, "ASK { ?a rdfs:label 'Bombing, Herat'@en }").query().convert()["boolean"] is False


def test_construct_as_turtle_and_json_ld(endpoint):
    query = "CONSTRUCT { ?a rdfs:label ?l } WHERE { ?a a kgb:Attack ; rdfs:label ?l }"
    expected = Graph()
    for attack, (label, _) in ATTACKS.items():
        expected.add((attack, RDFS.label, Literal(label, lang="en")))
    for fmt, parse_as in ((TURTLE, "turtle"), (JSONLD, "json-ld")):
        client = wrapper(endpoint, query, fmt)
        got = Graph().parse(data=client.query().response.read().decode("utf-8"), format=parse_as)
        _, only_got, only_expected = graph_diff(got, expected)
        assert isomorphic(got, expected), (sorted(only_got), sorted(only_expected))


def test_updates_are_refused(endpoint):
    update = PREFIXES + "INSERT DATA { <https://example.org/x> a kgb:Attack }"
    client = SPARQLWrapper(endpoint)
    client.setMethod(POST)
    client.setQuery(update)  # SPARQLWrapper sends it as update=…
    with pytest.raises(HTTPError) as error:
        client.query()
    assert error.value.code == 403 and "read-only" in error.value.read().decode()
    for data, media in ((update.encode(), "application/sparql-update"),
                        (urlencode({"query": update}).encode(), "application/x-www-form-urlencoded")):
        status, _, body = get(endpoint, {"Content-Type": media}, data)
        assert status == 403 and "read-only" in body
    assert wrapper(endpoint, "ASK { <https://example.org/x> ?p ?o }").query().convert()["boolean"] is False


def test_syntax_error_is_400_with_the_position(endpoint):
    with pytest.raises(QueryBadFormed) as error:
        wrapper(endpoint, "SELECT ?a WHERE { ?a a kgb:Attack ").query()
    assert "syntax error" in str(error.value).lower()


def test_post_as_sparql_query_and_format_parameter(endpoint):
    body = (PREFIXES + LABELS).encode()
    status, headers, text = get(f"{endpoint}?format=csv", {"Content-Type": "application/sparql-query",
                                                           "Accept": "application/sparql-results+json"}, body)
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    assert set(map(tuple, list(csv.reader(io.StringIO(text)))[1:])) == EXPECTED


def test_bad_requests_say_what_to_do(endpoint):
    assert get(endpoint)[0] == 400 and "query" in get(endpoint)[2]
    assert get(endpoint.replace("/sparql", "/elsewhere"))[0] == 404
    status, _, body = get(f"{endpoint}?{urlencode({'query': PREFIXES + LABELS})}", {"Accept": "image/png"})
    assert status == 406 and "text/csv" in body


def test_results_are_cut_at_max_rows():
    dataset = open_store(None, backend="memory")
    fill(dataset)
    server, url = start(dataset, max_rows=2)
    try:
        status, headers, body = get(f"{url}?{urlencode({'query': PREFIXES + LABELS})}")
        assert status == 200 and headers.get("X-KGB-Truncated") == "true"
        assert len(json.loads(body)["results"]["bindings"]) == 2
        status, headers, body = get(f"{url}?{urlencode({'query': PREFIXES + LABELS + ' LIMIT 2'})}")
        assert "X-KGB-Truncated" not in headers and len(json.loads(body)["results"]["bindings"]) == 2
    finally:
        server.shutdown()
        server.server_close()


def test_slow_query_times_out_with_503(tmp_path):
    dataset = open_store(tmp_path / "kg", backend="oxigraph")
    fill(dataset)  # 15 triples: five-way cross product = 759,375 rows, far more than 0.3 s of work
    server, url = start(dataset, timeout_s=0.3, max_rows=10**9)
    try:
        started = time.monotonic()
        query = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n ?o }"
        status, _, body = get(f"{url}?{urlencode({'query': query})}")
        assert status == 503 and "--timeout" in body
        assert time.monotonic() - started < 5
    finally:
        server.shutdown()
        server.server_close()
