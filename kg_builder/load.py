"""Copy the named graphs of a store into a remote triple store (Virtuoso, Fuseki, GraphDB…).

Each graph goes up with the SPARQL 1.1 Graph Store HTTP Protocol: the first batch is a PUT, which
replaces whatever the server held under that name, so loading twice never duplicates; later batches
are POSTs. Servers without a graph store endpoint (404/405/501) get ``DROP SILENT GRAPH`` and
``INSERT DATA`` batches instead, about twenty times slower on Virtuoso. Triples that share a blank
node always travel in the same batch, because every request gives its blank nodes fresh identities.

A state file makes an interrupted load resumable: graphs already loaded, unchanged since and still
holding the same number of triples on the server are skipped.

A load is a sync: graphs on the server under the store's graph namespace that the store no longer
holds (an article removed, a graph renamed) are dropped, so the server answers as the store does;
``delete=False`` keeps them. Servers with separate query, update and Graph Store URLs (the Oxigraph
server's /query, /update and /store; Fuseki's /ds/query, /ds/update and /ds/data) take each URL.
"""
from __future__ import annotations

import hashlib
import json
import netrc
import os
import re
import socket
import threading
import time
from base64 import b64encode
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode, urlsplit
from urllib.request import (HTTPDigestAuthHandler, HTTPPasswordMgrWithDefaultRealm, Request, parse_http_list,
                            parse_keqv_list, urlopen)

import pyoxigraph as ox
from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from SPARQLWrapper import DIGEST, JSON, POST, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import EndPointNotFound, SPARQLWrapperException, Unauthorized

from .bulk import BulkTarget, bulk_load
from .errors import EndpointError, StoreError
from .store import _oxigraph, graph_names
from .vocab import GRAPH

# Virtuoso 7.2 fails on INSERT DATA of 5,000 triples (parser memory) and on an INSERT template of
# 2,000 (generated SQL too long); it rejects blank nodes in INSERT DATA, so those need a template.
UPDATE_BATCH = 2_000
STATE_SAVE_S = 2.0  # the state file is rewritten at most this often while graphs go up
STREAMS = 4  # graphs sent at once: Virtuoso parses one request per thread, and requests are small
TEMPLATE_BATCH = 500
HTTP_TIMEOUT_S = 600
_NO_GSP = (404, 405, 501)
PASSWORD_VARIABLE = "KGB_PASSWORD"


@dataclass(frozen=True)
class GraphLoad:
    """One graph sent: its name, local triple count, whether the server's count matched, and how."""

    name: str
    triples: int
    verified: bool
    method: str  # "gsp" (Graph Store Protocol) or "update" (SPARQL Update)


@dataclass(frozen=True)
class LoadReport:
    graphs: tuple[GraphLoad, ...]
    skipped: tuple[str, ...]  # graphs the state file showed as loaded and unchanged
    seconds: float
    deleted: tuple[str, ...] = ()  # graphs dropped from the server because the store no longer has them


class _NoGraphStore(Exception):
    """The graph store URL does not implement the protocol: fall back to SPARQL Update."""


def load(dataset: Dataset, endpoint: str, *, update: str | None = None, graph_store: str | None = None,
         user: str | None = None, password: str | None = None, graphs: Iterable[str] | None = None,
         delete: bool = True, graph_prefix: str = str(GRAPH), batch_triples: int = 50_000,
         progress: Callable[[int, int], None] | None = None, state_file: str | Path | None = None,
         streams: int = STREAMS, bulk: BulkTarget | None = None) -> LoadReport:
    """Make the server hold the named graphs of ``dataset`` (all, or those in ``graphs``) as the store does.

    ``endpoint`` answers SPARQL queries, ``update`` (default: ``endpoint``) SPARQL updates
    (Virtuoso: ``http://host:8890/sparql-auth`` for both); ``graph_store`` is the Graph Store
    Protocol URL, taken as the sibling ``sparql-graph-crud-auth`` when ``update`` is Virtuoso's
    ``sparql-auth``. Graphs go up ``streams`` at a time; with ``bulk`` (a folder the server reads
    and its SQL port) Virtuoso's bulk loader reads them from files instead (kg_builder.bulk).
    Unless ``delete`` is false or ``graphs`` picks some, server graphs whose name starts with
    ``graph_prefix`` that the store lacks are dropped. ``progress(done, total)`` is called with
    triple counts; every graph is counted back on the server (one query for all of them).
    """
    started = time.monotonic()
    if bulk is not None:
        bulk.check()
    update = update or endpoint
    remote = _Remote(endpoint, update, graph_store or _virtuoso_graph_store(update), user, password)
    names = _selected(dataset, graphs)
    sizes: dict[str, int] = {} if bulk is not None else _sizes(dataset, names)
    state = _State(Path(state_file), endpoint) if state_file else None
    todo, skipped = [], []
    before = remote.counts() if state or bulk is not None else {}
    for name in names:
        digest = _digest(dataset, name) if state else ""
        if state and state.done(name, digest, before.get(name, 0)):
            skipped.append(name)
        else:
            todo.append((name, digest))
    methods: dict[str, str] = {}
    if bulk is not None and todo:
        old = [name for name, _ in todo if name in before]  # only graphs the server holds need deleting
        # The local counts (1.3 s of CPU at 1.2 M quads) are only needed to verify: they are taken
        # while the server loads the last files, instead of before the first file could be written.
        bulk_load(bulk, old, partial(_write_graphs, dataset, [name for name, _ in todo]),
                  while_loading=lambda: sizes.update(_sizes(dataset, names)))
        methods = {name: "bulk" for name, _ in todo}
        if progress:
            total = sum(sizes[name] for name, _ in todo)
            progress(total, total)
    elif todo:
        total = sum(sizes[name] for name, _ in todo)
        done, digests = [0], dict(todo)

        def send(name: str) -> None:
            sent = [0]

            def step(n: int) -> None:
                done[0] += n - sent[0]
                sent[0] = n
                if progress:
                    progress(done[0], total)
            methods[name] = remote.replace(name, partial(_triples, dataset, name), batch_triples, step)
            if state:  # sent: a later run skips it if the server still holds exactly this many triples
                state.record(name, digests[name], sizes[name], sizes[name])
                state.save(every_s=STATE_SAVE_S)

        remote.check_credentials(todo[0][0])
        with ThreadPoolExecutor(max_workers=max(1, streams)) as pool:
            list(pool.map(send, [name for name, _ in todo]))  # list(): an error in any stream is raised here
    syncing = delete and graphs is None
    after = remote.counts() if todo or syncing else {}
    loaded = []
    for name, digest in todo:
        count = after.get(name, 0)
        loaded.append(GraphLoad(name, sizes[name], count == sizes[name], methods[name]))
        if state and count == sizes[name]:
            state.record(name, digest, sizes[name], count)
        elif state:
            state.forget(name)  # counted wrong: loaded again next time
    deleted = []
    if syncing:  # the count query listed every graph the server holds
        for name in sorted({name for name in after if name.startswith(graph_prefix)} - set(names)):
            remote.drop(name)
            deleted.append(name)
            if state:
                state.forget(name)
    if state:
        state.save()
    return LoadReport(tuple(loaded), tuple(skipped), time.monotonic() - started, tuple(deleted))


def credentials(url: str, user: str | None = None, password: str | None = None, *,
                environ: dict[str, str] | None = None, netrc_file: str | Path | None = None
                ) -> tuple[str | None, str | None]:
    """(user, password) for ``url``: as given, else the password from $KGB_PASSWORD, else the
    ~/.netrc entry (or ``netrc_file``) for the URL's host, whose login also stands in for a missing user."""
    environ = os.environ if environ is None else environ
    if password is None and environ.get(PASSWORD_VARIABLE):
        password = environ[PASSWORD_VARIABLE]
    if password is None:
        path = Path(netrc_file) if netrc_file else Path(environ.get("NETRC") or Path.home() / ".netrc")
        host = urlsplit(url).hostname or ""
        if path.is_file():
            try:
                entry = netrc.netrc(str(path)).authenticators(host)
            except (netrc.NetrcParseError, OSError) as err:
                raise EndpointError(f"cannot read {path}: {err}; fix the file or give --password") from err
            if entry and (user is None or entry[0] == user):
                user, password = entry[0], entry[2]
    return user, password


def _virtuoso_graph_store(endpoint: str) -> str | None:
    return endpoint[: -len("sparql-auth")] + "sparql-graph-crud-auth" if endpoint.endswith("/sparql-auth") else None


def _selected(dataset: Dataset, graphs: Iterable[str] | None) -> list[str]:
    present = [str(name) for name in graph_names(dataset) if name != DATASET_DEFAULT_GRAPH_ID]
    if graphs is None:
        return present
    wanted = [str(name) for name in graphs]
    missing = [name for name in wanted if name not in present]
    if missing:
        raise StoreError(f"graph <{missing[0]}> is not in the store; it holds {len(present)} graphs, "
                         f"e.g. {', '.join(f'<{n}>' for n in present[:3]) or 'none'}")
    return wanted


def _sizes(dataset: Dataset, names: list[str]) -> dict[str, int]:
    store = _oxigraph(dataset)
    if store is None:
        return {name: len(dataset.graph(URIRef(name))) for name in names}
    counts = {str(row["g"].value): int(row["n"].value)
              for row in store.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")}
    return {name: counts.get(name, 0) for name in names}


def ox_term(term):
    """The pyoxigraph form of an rdflib term (whose str() is its N-Triples form)."""
    try:
        return _convert(term)
    except ValueError as err:  # pyoxigraph checks IRIs and language tags that rdflib lets through
        raise StoreError(f"{term!r} in the store is not valid RDF: {err}") from err


def _convert(term):
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)) if term.datatype else None)
    raise StoreError(f"cannot send {term!r} to a SPARQL endpoint: not an IRI, blank node or literal")


def _triples(dataset: Dataset, name: str) -> Iterator[tuple]:
    """The graph's triples as pyoxigraph terms, whose str() is their N-Triples form."""
    store = _oxigraph(dataset)
    if store is not None:
        for quad in store.quads_for_pattern(None, None, None, ox.NamedNode(name)):
            yield quad.subject, quad.predicate, quad.object
        return
    for s, p, o in dataset.graph(URIRef(name)):
        yield ox_term(s), ox_term(p), ox_term(o)


def _turtle(dataset: Dataset, name: str) -> bytes:
    """The graph as Turtle statements without prefixes, by Oxigraph's own serializer where the store is
    Oxigraph's (one statement a subject), else as N-Triples lines (which are Turtle statements too)."""
    store = _oxigraph(dataset)
    if store is None:
        return "".join(f"{s} {p} {o} .\n" for s, p, o in _triples(dataset, name)).encode()
    return store.dump(format=ox.RdfFormat.TURTLE, from_graph=ox.NamedNode(name))


def _write_graphs(dataset: Dataset, names: list[str], out) -> None:
    """Write graphs ``names`` into ``out`` (kg_builder.bulk_files.QuadFiles), one graph at a time.

    Oxigraph's serializer writes into the sink as it goes, so the loader starts on the first files
    of a large graph while the rest is dumped (a graph of 470 k quads took 16 s of the dump's 48, the
    loader idle meanwhile). One dump of the whole store instead costs the same CPU, measured on the
    1 M-quad bench store: reading Oxigraph is the cost either way.
    """
    store = _oxigraph(dataset)
    for name in names:
        if store is None:
            out.write_graph(name, _turtle(dataset, name))
        else:
            with out.graph(name) as graph:
                store.dump(graph, format=ox.RdfFormat.TURTLE, from_graph=ox.NamedNode(name))


def _digest(dataset: Dataset, name: str) -> str:
    """Order-independent fingerprint of the graph (the sum of its triples' hashes).

    Blank nodes count as one: a rebuild in a memory store relabels them all, which must not make
    every graph look changed; what a blank node says is still part of the fingerprint.
    """
    total = 0
    for triple in _triples(dataset, name):
        line = " ".join("_:" if isinstance(term, ox.BlankNode) else str(term) for term in triple)
        total += int.from_bytes(hashlib.blake2b(line.encode(), digest_size=16).digest(), "big")
    return f"{total % (1 << 128):032x}"


def _batches(triples: Iterable[tuple], size: int, blank_size: int) -> Iterator[tuple[list[str], bool]]:
    """(N-Triples lines, whether they hold blank nodes) in batches of about ``size``, or ``blank_size``
    for lines with blank nodes; triples joined by a blank node are never split."""
    parent: dict[str, str] = {}

    def root(node: str) -> str:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    batch, linked = [], []
    for s, p, o in triples:
        line = f"{s} {p} {o} .\n"
        blanks = [t.value for t in (s, o) if isinstance(t, ox.BlankNode)]
        if not blanks:
            batch.append(line)
            if len(batch) >= size:
                yield batch, False
                batch = []
            continue
        for other in blanks[1:]:
            parent[root(other)] = root(blanks[0])
        linked.append((blanks[0], line))
    groups = defaultdict(list)
    for node, line in linked:
        groups[root(node)].append(line)
    if batch:
        yield batch, False
    batch = []
    for group in groups.values():
        batch.extend(group)
        if len(batch) >= blank_size:
            yield batch, True
            batch = []
    if batch:
        yield batch, True


class _Remote:
    """The server: a SPARQL endpoint for queries and updates, maybe a Graph Store Protocol URL."""

    def __init__(self, endpoint: str, update: str, graph_store: str | None, user: str | None, password: str | None):
        self.endpoint, self.update, self.graph_store = endpoint, update, graph_store
        self.user, self.password = user, password
        passwords = HTTPPasswordMgrWithDefaultRealm()
        if user is not None:
            passwords.add_password(None, graph_store or update, user, password or "")
        self.digest = HTTPDigestAuthHandler(passwords)
        self.credentials_checked = False

    def replace(self, name: str, triples: Callable[[], Iterable[tuple]], size: int,
                step: Callable[[int], None]) -> str:
        """Make graph ``name`` on the server hold exactly ``triples()``; the method used."""
        if self.graph_store:
            try:
                return self._replace_gsp(name, triples(), size, step)
            except _NoGraphStore:
                self.graph_store = None  # the protocol is missing: use updates for this and later graphs
        self._update(name, f"DROP SILENT GRAPH <{name}>")
        sent = 0
        for batch, blank in _batches(triples(), min(size, UPDATE_BATCH), min(size, TEMPLATE_BATCH)):
            data = f"GRAPH <{name}> {{\n{''.join(batch)}}}"
            self._update(name, f"INSERT {{ {data} }} WHERE {{ }}" if blank else f"INSERT DATA {{ {data} }}")
            sent += len(batch)
            step(sent)
        return "update"

    def check_credentials(self, name: str) -> None:
        """Ask once, before any stream starts, so a wrong password does not look like a broken connection."""
        if self.graph_store and not self.credentials_checked:
            try:
                self._send(name, self.graph_store, "HEAD", None)
            except _NoGraphStore:
                self.graph_store = None  # the protocol is missing: SPARQL Update for every graph
            self.credentials_checked = True

    def _replace_gsp(self, name: str, triples: Iterable[tuple], size: int, step: Callable[[int], None]) -> str:
        self.check_credentials(name)
        # PUT alone would replace, but Virtuoso 7.2 took 68 s to replace 60,000 triples that way,
        # against 4 s to DROP 120,000 and PUT them again.
        self._update(name, f"DROP SILENT GRAPH <{name}>")
        url = f"{self.graph_store}?{urlencode({'graph': name})}"
        sent, method = 0, "PUT"
        for batch, _ in _batches(triples, size, size):
            self._send(name, url, method, "".join(batch).encode())
            sent, method = sent + len(batch), "POST"
            step(sent)
        return "gsp"

    def _send(self, name: str, url: str, method: str, body: bytes | None) -> None:
        request = Request(url, data=body, method=method, headers={"Content-Type": "application/n-triples"})
        try:
            self._authorize(request)
            with urlopen(request, timeout=HTTP_TIMEOUT_S) as response:
                response.read()
        except HTTPError as err:
            if err.code in _NO_GSP and method in ("HEAD", "PUT"):
                raise _NoGraphStore from err
            raise self._http_error(name, self.graph_store, err.code, _server_message(err)) from err
        except (URLError, OSError) as err:
            raise self._unreachable(name, self.graph_store, err) from err

    def _authorize(self, request: Request) -> None:
        """Add credentials before the body goes out.

        urllib would send the body, read the 401 and send it again; Virtuoso answers a large PUT's
        401 and closes the connection before reading it, so the upload dies with a broken pipe. A
        body-less HEAD fetches the challenge instead.
        """
        if self.user is None:
            return
        try:
            with urlopen(Request(self.graph_store, method="HEAD"), timeout=HTTP_TIMEOUT_S):
                return  # the server asks for no credentials
        except HTTPError as err:
            challenge = err.headers.get("WWW-Authenticate", "") if err.code == 401 else ""
        scheme, _, rest = challenge.partition(" ")
        if scheme.lower() == "digest":
            fields = self.digest.get_authorization(request, parse_keqv_list(parse_http_list(rest)))
            authorization = f"Digest {fields}"
        elif scheme.lower() == "basic":
            authorization = "Basic " + b64encode(f"{self.user}:{self.password or ''}".encode()).decode()
        else:
            return
        request.add_unredirected_header("Authorization", authorization)

    def _wrapper(self, text: str) -> SPARQLWrapper:
        wrapper = SPARQLWrapper(self.endpoint, updateEndpoint=self.update)
        wrapper.setMethod(POST)
        wrapper.setTimeout(HTTP_TIMEOUT_S)
        if self.user is not None:
            wrapper.setHTTPAuth(DIGEST)
            wrapper.setCredentials(self.user, self.password or "")
        wrapper.setQuery(text)
        return wrapper

    def _update(self, name: str, text: str) -> None:
        self._run(name, self._wrapper(text))

    def drop(self, name: str) -> None:
        self._update(name, f"DROP SILENT GRAPH <{name}>")

    def counts(self) -> dict[str, int]:
        """graph name → how many triples the server holds in it, for every graph (one query)."""
        wrapper = self._wrapper("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
        wrapper.setReturnFormat(JSON)
        bindings = self._run("(all graphs)", wrapper).convert()["results"]["bindings"]
        return {row["g"]["value"]: int(row["n"]["value"]) for row in bindings}

    def _run(self, name: str, wrapper: SPARQLWrapper):
        try:
            return wrapper.query()
        except Unauthorized as err:
            raise self._http_error(name, self.endpoint, 401, "") from err
        except EndPointNotFound as err:
            raise EndpointError(f"{self.endpoint} has no SPARQL endpoint (HTTP 404) while loading graph <{name}>: "
                                "check the URL (Virtuoso: http://HOST:8890/sparql-auth)") from err
        except SPARQLWrapperException as err:
            raise self._http_error(name, self.endpoint, 400, _wrapper_message(err)) from err
        except (URLError, OSError) as err:
            raise self._unreachable(name, self.endpoint, err) from err

    def _http_error(self, name: str, url: str, code: int, message: str) -> EndpointError:
        if code in (401, 403):
            who = f"user {self.user!r}" if self.user is not None else "anonymous requests"
            return EndpointError(
                f"{url} refused {who} (HTTP {code}) while loading graph <{name}>: give the right --user and "
                "--password (Virtuoso's are dba/dba until changed) for an account allowed to update "
                "(Virtuoso: the SPARQL_UPDATE role)")
        return EndpointError(f"{url} rejected graph <{name}> (HTTP {code}): {message or 'no reason given'}. "
                             "Check the server log; validate the store with `kgb validate`")

    @staticmethod
    def _unreachable(name: str, url: str, err: Exception) -> EndpointError:
        reason = getattr(err, "reason", err)
        if isinstance(reason, socket.timeout):
            reason = f"no answer within {HTTP_TIMEOUT_S} s"
        return EndpointError(f"cannot reach {url} while loading graph <{name}>: {reason}. Is the server running "
                             "and the URL right? (a local Virtuoso: scripts/virtuoso.sh start DIR)")


def _server_message(err: HTTPError) -> str:
    """The reason a server gave, without its HTML wrapping."""
    try:
        body = err.read().decode("utf-8", "replace")
    except OSError:
        return str(err.reason)
    text = re.sub(r"<title>.*?</title>|<h1>.*?</h1>|<[^>]+>", " ", body, flags=re.S | re.I)
    return re.sub(r"\s+", " ", text).strip()[:500] or str(err.reason)


def _wrapper_message(err: SPARQLWrapperException) -> str:
    """The first line of the server's answer inside a SPARQLWrapper error (which quotes it as bytes)."""
    found = re.search(r"Response:\s*b?(['\"])(.*?)(?:\\n|\1\s*$)", str(err), re.S)
    text = found.group(2).replace("\\'", "'") if found else str(err)
    return re.sub(r"\s+", " ", text).strip()[:500]


class _State:
    """The state file: for each endpoint, the graphs loaded with their fingerprint and server count."""

    def __init__(self, path: Path, endpoint: str):
        self.path, self.endpoint = path, endpoint
        try:
            self.data = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        except (OSError, ValueError) as err:
            raise StoreError(f"cannot read the load state file {path}: {err}; delete it to load every graph "
                             "again") from err
        self.graphs = self.data.setdefault(endpoint, {})
        self.lock, self.saved = threading.Lock(), 0.0

    def done(self, name: str, digest: str, remote_count: int) -> bool:
        entry = self.graphs.get(name)
        return bool(entry) and entry["digest"] == digest and entry["remote"] == remote_count

    def record(self, name: str, digest: str, triples: int, remote_count: int) -> None:
        with self.lock:
            self.graphs[name] = {"digest": digest, "triples": triples, "remote": remote_count}

    def forget(self, name: str) -> None:
        with self.lock:
            self.graphs.pop(name, None)

    def save(self, every_s: float = 0.0) -> None:
        """Write the file (atomically); with ``every_s``, only if the last write is that old."""
        with self.lock:
            if every_s and time.monotonic() - self.saved < every_s:
                return
            self.saved = time.monotonic()
            self._write()

    def _write(self) -> None:
        temporary = self.path.with_name(self.path.name + ".tmp")
        try:
            temporary.write_text(json.dumps(self.data, indent=1, sort_keys=True), encoding="utf-8")
            temporary.replace(self.path)
        except OSError as err:
            raise StoreError(f"cannot write the load state file {self.path}: {err}") from err
