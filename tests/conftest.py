"""Shared fixtures: a private Virtuoso server for the tests marked ``server``, and the seed articles.

Both are skipped with the reason (and the command that fixes it) on a developer's machine that lacks
them, and fail in CI (``CI`` set), where a skipped integration test would hide a broken set-up.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode
from urllib.request import HTTPDigestAuthHandler, HTTPPasswordMgrWithDefaultRealm, Request, build_opener

import pytest
from SPARQLWrapper import DIGEST, JSON, POST, SPARQLWrapper

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "scripts" / "virtuoso.sh"
START_TIMEOUT_S = 180


def _missing(reason: str) -> None:
    """Skip the test, or fail it in CI where every integration test must run."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set, so this is an error, not a skip)", pytrace=False)
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Virtuoso:
    """A running Virtuoso: its endpoints, the dba account, and helpers to put and drop test data."""

    base_url: str
    folder: Path | None = None  # the server's own folder (in its DirsAllowed: the bulk loader reads there)
    sql: str | None = None  # host:port of its SQL port
    user: str = "dba"
    password: str = "dba"
    system_graphs: frozenset[str] = field(default=frozenset())

    @property
    def sparql_url(self) -> str:
        return f"{self.base_url}/sparql"

    @property
    def update_url(self) -> str:
        return f"{self.base_url}/sparql-auth"

    @property
    def graph_store_url(self) -> str:
        return f"{self.base_url}/sparql-graph-crud-auth"

    def put_turtle(self, graph_iri: str, turtle_text: str) -> None:
        """Replace named graph ``graph_iri`` with the Turtle text (Graph Store Protocol PUT)."""
        passwords = HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(None, self.graph_store_url, self.user, self.password)
        request = Request(f"{self.graph_store_url}?{urlencode({'graph': graph_iri})}", method="PUT",
                          data=turtle_text.encode("utf-8"), headers={"Content-Type": "text/turtle"})
        with build_opener(HTTPDigestAuthHandler(passwords)).open(request, timeout=60) as response:
            response.read()

    def graphs(self) -> set[str]:
        """Names of the graphs that hold triples."""
        rows = self._request("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }").convert()
        return {row["g"]["value"] for row in rows["results"]["bindings"]}

    def update(self, sparql: str) -> None:
        self._request(sparql)

    def clear(self) -> None:
        """Drop every graph added since the server started (Virtuoso's own graphs stay)."""
        for graph in self.graphs() - self.system_graphs:
            self.update(f"DROP SILENT GRAPH <{graph}>")

    def _request(self, sparql: str):
        wrapper = SPARQLWrapper(self.update_url)
        wrapper.setHTTPAuth(DIGEST)
        wrapper.setCredentials(self.user, self.password)
        wrapper.setMethod(POST)
        wrapper.setReturnFormat(JSON)
        wrapper.setQuery(sparql)
        return wrapper.query()


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory):
    """A Virtuoso of our own on free localhost ports, in a temporary folder, for the whole session."""
    if shutil.which("virtuoso-t") is None:
        _missing("Virtuoso is not installed: run `scripts/virtuoso.sh install` (Debian/Ubuntu) to run the "
                 "server tests")
    folder = tmp_path_factory.mktemp("virtuoso")
    http, sql = _free_port(), _free_port()
    started = subprocess.run([str(SCRIPT), "start", str(folder), str(http), str(sql)], capture_output=True,
                             text=True, timeout=START_TIMEOUT_S)
    try:
        if started.returncode != 0:
            log = folder / "db" / "virtuoso.log"
            tail = "\n".join(log.read_text(errors="replace").splitlines()[-20:]) if log.exists() else ""
            pytest.fail(f"scripts/virtuoso.sh start failed:\n{started.stdout}{started.stderr}\n{tail}", pytrace=False)
        server = Virtuoso(f"http://127.0.0.1:{http}", folder, f"127.0.0.1:{sql}")
        server.system_graphs = frozenset(server.graphs())
        yield server
    finally:
        subprocess.run([str(SCRIPT), "stop", str(folder)], capture_output=True, timeout=120)


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The shared folder beside the repository (seeds/, seeds.jsonl, gold/); never copied into it."""
    shared = REPO.parent / "shared"
    if not (shared / "seeds").is_dir():
        _missing(f"the seed articles are not in {shared / 'seeds'}: put the shared folder beside the repository")
    return shared


@pytest.fixture(scope="session")
def nlp():
    """The spaCy pipeline the builder uses, loaded once for the session."""
    from kg_builder.nlp import load_model
    return load_model()


@pytest.fixture(scope="session")
def seed_build(seeds_dir, nlp):
    """(dataset, summary) of the seed articles built into a memory store."""
    from kg_builder.pipeline import build
    return build([], seeds_dir / "seeds.jsonl", backend="memory", nlp=nlp)


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory, nlp) -> str:
    """A store (directory) built from our own sample reports in data/articles, for the analysts' outputs."""
    from kg_builder.pipeline import build
    from kg_builder.store import close_store
    location = tmp_path_factory.mktemp("demo") / "kg"
    dataset, _ = build([], REPO / "data" / "articles" / "manifest.jsonl", store=location, nlp=nlp)
    close_store(dataset)
    return str(location)


@pytest.fixture(scope="session")
def chromium() -> str:
    """The headless browser (Debian `chromium`, installed for CI by the project's scripts)."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        _missing("chromium is not installed: `apt-get install -y chromium` to run the browser tests")
    return found


@pytest.fixture()
def demo_dataset(demo_store):
    """The demo store opened for one test (and closed after it, releasing its lock)."""
    from kg_builder.store import close_store, open_store
    opened = open_store(demo_store)
    yield opened
    close_store(opened)


@pytest.fixture(scope="session")
def realdev_export(seeds_dir, nlp, tmp_path_factory) -> Path:
    """A folder with the by-source tables (attacks.csv, claims.csv, negotiations.csv) of the real
    development set (../shared/realdev), built into an Oxigraph store and exported as `kgb export
    … --by-source --format csv` writes them: what ../shared/realdev/score.py reads."""
    from kg_builder.export import export_table, write_table
    from kg_builder.pipeline import build
    from kg_builder.store import close_store
    realdev = seeds_dir / "realdev"
    if not (realdev / "articles.jsonl").is_file():
        _missing(f"the real development set is not in {realdev}: put the shared folder beside the repository")
    out = tmp_path_factory.mktemp("realdev")
    dataset, summary = build([], realdev / "articles.jsonl", store=out / "store", nlp=nlp)
    try:
        assert not summary.failed, [f"{p.where}: {p.message}" for p in summary.problems if p.skipped]
        for table in ("attacks", "claims", "negotiations"):
            with open(out / f"{table}.csv", "w", encoding="utf-8", newline="") as handle:
                write_table(export_table(dataset, table, by_source=True), "csv", handle)
    finally:
        close_store(dataset)
    return out


def realdev_scorer(seeds_dir: Path, name: str):
    """A reference scorer of ../shared/realdev (score.py, fusion_score.py), imported from there at run
    time, never copied into the repository."""
    import importlib.util
    path = seeds_dir / "realdev" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"realdev_{name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_cli(capsys, *argv) -> tuple[int, str, str]:
    """``kgb ARGV`` through cli.main in this process: (exit code, standard output, standard error)."""
    from kg_builder import cli
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err
