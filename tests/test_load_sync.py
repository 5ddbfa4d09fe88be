"""`kgb load` as a sync, against the Oxigraph server from PyPI (separate query, update and Graph Store
URLs) and Virtuoso (one endpoint): graphs the store dropped leave the server, other graphs stay;
passwords come from the environment or a netrc file."""
from __future__ import annotations

import subprocess
import time
from urllib.request import urlopen

import pytest
from rdflib import Dataset, Namespace, URIRef
from rdflib.namespace import RDF
from SPARQLWrapper import JSON, POST, SPARQLWrapper

from kg_builder.load import credentials, load
from kg_builder.serve import oxigraph_binary

EX = Namespace("https://example.org/sync-test/")
PREFIX = "https://example.org/sync-test/graph/"
GRAPHS = [URIRef(f"{PREFIX}{name}") for name in ("a", "b", "c")]
FOREIGN = "https://example.org/someone-else/graph"


def dataset(*graphs: URIRef) -> Dataset:
    data = Dataset(default_union=True)
    for size, name in enumerate(graphs, start=1):
        for i in range(5 * size):
            data.graph(name).add((EX[f"{name.rsplit('/', 1)[1]}/{i}"], RDF.type, EX.AttackReport))
    return data


class Server:
    """URLs of one server and a way to count its graphs."""

    def __init__(self, query: str, update: str, graph_store: str | None, user=None, password=None):
        self.query, self.update, self.graph_store = query, update, graph_store
        self.user, self.password = user, password

    def _client(self, text: str, url: str) -> SPARQLWrapper:
        client = SPARQLWrapper(url, updateEndpoint=url)
        client.setMethod(POST)
        client.setQuery(text)
        if self.user:
            from SPARQLWrapper import DIGEST
            client.setHTTPAuth(DIGEST)
            client.setCredentials(self.user, self.password)
        return client

    def counts(self, prefix: str = "https://example.org/") -> dict[str, int]:
        client = self._client("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
                              f"FILTER(STRSTARTS(STR(?g), '{prefix}')) }} GROUP BY ?g", self.query)
        client.setReturnFormat(JSON)
        rows = client.query().convert()["results"]["bindings"]
        return {row["g"]["value"]: int(row["n"]["value"]) for row in rows}

    def put(self, graph: str, triple: str) -> None:
        self._client(f"INSERT DATA {{ GRAPH <{graph}> {{ {triple} }} }}", self.update).query()

    def clear(self) -> None:
        for graph in self.counts():
            self._client(f"DROP SILENT GRAPH <{graph}>", self.update).query()

    def load(self, data: Dataset, **options):
        return load(data, self.query, update=self.update, graph_store=self.graph_store, user=self.user,
                    password=self.password, graph_prefix=PREFIX, **options)


@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory):
    """`oxigraph serve` (read-write) on a free port: /query, /update and /store are three URLs."""
    import socket
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([oxigraph_binary(), "serve", "--location", str(tmp_path_factory.mktemp("oxi")),
                                "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urlopen(f"{base}/query?query=ASK%7B%7D", timeout=1).read()
            break
        except OSError:
            time.sleep(0.1)
    yield Server(f"{base}/query", f"{base}/update", f"{base}/store")
    process.terminate()
    process.wait(timeout=30)


@pytest.fixture(params=["oxigraph", pytest.param("virtuoso", marks=pytest.mark.server)])
def server(request):
    if request.param == "oxigraph":
        found = request.getfixturevalue("oxigraph_server")
    else:
        virtuoso = request.getfixturevalue("virtuoso")
        found = Server(virtuoso.update_url, virtuoso.update_url, None, virtuoso.user, virtuoso.password)
    found.clear()
    yield found
    found.clear()


def test_each_url_does_its_part(server):
    report = server.load(dataset(*GRAPHS))
    assert all(g.verified for g in report.graphs) and report.deleted == ()
    assert server.counts() == {str(GRAPHS[0]): 5, str(GRAPHS[1]): 10, str(GRAPHS[2]): 15}
    assert {g.method for g in report.graphs} == {"gsp"}  # Virtuoso's Graph Store URL is guessed


def test_a_graph_the_store_dropped_leaves_the_server(server):
    server.load(dataset(*GRAPHS))
    server.put(FOREIGN, "<https://example.org/x> <https://example.org/p> 1")
    report = server.load(dataset(GRAPHS[0], GRAPHS[2]))
    assert report.deleted == (str(GRAPHS[1]),)
    # the graph outside the store's namespace is someone else's: it stays
    assert server.counts() == {str(GRAPHS[0]): 5, str(GRAPHS[2]): 10, FOREIGN: 1}


def test_no_delete_keeps_them(server):
    server.load(dataset(*GRAPHS))
    report = server.load(dataset(GRAPHS[0]), delete=False)
    assert report.deleted == ()
    assert set(server.counts()) == {str(g) for g in GRAPHS}


def test_loading_chosen_graphs_deletes_nothing(server):
    server.load(dataset(*GRAPHS))
    report = server.load(dataset(GRAPHS[0], GRAPHS[1]), graphs=[str(GRAPHS[0])])
    assert report.deleted == () and set(server.counts()) == {str(g) for g in GRAPHS}


def test_sync_updates_the_resume_state(oxigraph_server, tmp_path):
    import json
    oxigraph_server.clear()
    state = tmp_path / "load-state.json"
    oxigraph_server.load(dataset(*GRAPHS), state_file=state)
    oxigraph_server.load(dataset(GRAPHS[0]), state_file=state)
    assert set(json.loads(state.read_text())[oxigraph_server.query]) == {str(GRAPHS[0])}


# --- credentials ----------------------------------------------------------------------------------

def test_password_from_the_environment():
    assert credentials("http://db.example:8890/sparql-auth", "dba", environ={"KGB_PASSWORD": "s3cret"}) == ("dba", "s3cret")


def test_password_and_login_from_netrc(tmp_path):
    rc = tmp_path / "netrc"
    rc.write_text("machine db.example login loader password from-netrc\n")
    rc.chmod(0o600)
    url = "http://db.example:8890/sparql-auth"
    assert credentials(url, environ={}, netrc_file=rc) == ("loader", "from-netrc")
    assert credentials(url, "loader", environ={}, netrc_file=rc) == ("loader", "from-netrc")
    # another account's entry is not used for this one
    assert credentials(url, "dba", environ={}, netrc_file=rc) == ("dba", None)
    # given on the command line or in the environment, the password wins
    assert credentials(url, "loader", "typed", environ={}, netrc_file=rc) == ("loader", "typed")
    assert credentials(url, environ={"KGB_PASSWORD": "env"}, netrc_file=rc) == (None, "env")
    assert credentials("http://other.example/sparql", environ={}, netrc_file=rc) == (None, None)
