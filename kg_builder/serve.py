"""`kgb serve`: the Oxigraph server (PyPI ``oxigraph``, the same engine as our store) over a snapshot.

Measured against the endpoint we used to keep here (a wsgiref server, 353 lines), the maintained
server gives users more: a YASGUI query page at ``/`` that works offline (its scripts are served
from the binary), a SPARQL service description on a GET without a query, every result format
(JSON, XML, CSV, TSV; Turtle, N-Triples, RDF/XML… for graphs), the Graph Store Protocol for reads,
and a timeout that stops most queries (ours answered 503 and let the query burn CPU on); the few
plans Oxigraph does not cancel in time are ended by replacing the server process (``_overdue``).

The server opens a checkpoint of the store, not the store: a RocksDB checkpoint is made of hard
links, costs next to nothing, and leaves the store free, so ``kgb query``, ``export`` and an
incremental ``build`` keep working while the endpoint runs. The endpoint answers from the
checkpoint taken when it started; ``reload()`` (SIGHUP to ``kgb serve``) takes a new one.

The server listens on a private loopback port; the public one is the front's (serve_front.py), which
refuses SERVICE, honours FROM / FROM NAMED and bounds hostile connections, things the server cannot
be told. Reloading starts a server on the new snapshot before the old one stops, so the public port
never stops answering.
"""
from __future__ import annotations

import math
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pyoxigraph

from .errors import KGBError, StoreError
from .serve_front import STALL_S, Front
from .store import DEFAULT_LOCATION

START_TIMEOUT_S = 30
LOOPBACK = "127.0.0.1"  # where the Oxigraph server listens: only the front talks to it
SNAPSHOTS = "serve-snapshots"  # inside the store directory: hard links need the same file system


def oxigraph_binary() -> str:
    """The ``oxigraph`` server program: beside this Python's scripts, else on PATH."""
    beside = Path(sys.executable).with_name("oxigraph")
    found = str(beside) if beside.is_file() else shutil.which("oxigraph")
    if not found:
        raise KGBError("the Oxigraph server is not installed: `pip install oxigraph` "
                       f"(the same 0.x line as pyoxigraph {pyoxigraph.__version__})")
    return found


def snapshot(location: str | Path) -> Path:
    """A checkpoint of the store in ``location`` (a kgb store directory), in a new folder inside it."""
    location = Path(location)
    if not (location / "oxigraph").is_dir():
        raise StoreError(f"no store in {location}: build one first with `kgb build … --store {location}`")
    try:
        store = pyoxigraph.Store(str(location / "oxigraph"))
    except OSError as err:
        raise StoreError(f"cannot open the store in {location} to take a snapshot: {err}. "
                         "Is a `kgb build` writing it? Start (or reload) the endpoint when it is done.") from err
    (location / SNAPSHOTS).mkdir(exist_ok=True)
    _remove_orphans(location / SNAPSHOTS)
    target = Path(tempfile.mkdtemp(prefix=f"snapshot-{os.getpid()}-", dir=location / SNAPSHOTS)) / "oxigraph"
    try:
        store.backup(str(target))
    except BaseException:
        shutil.rmtree(target.parent, ignore_errors=True)
        raise
    finally:
        del store  # releases the store's lock at once
    return target


def _remove_orphans(folder: Path) -> None:
    """Delete the snapshots of endpoints whose process is gone (killed before it could clean up)."""
    for entry in folder.glob("snapshot-*"):
        pid = entry.name.split("-")[1]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(entry, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


class _Server:
    """One Oxigraph server process over one snapshot, on a free loopback port."""

    def __init__(self, location: Path, timeout_s: float, cors: bool, shared: Path | None = None):
        with socket.socket() as probe:
            probe.bind((LOOPBACK, 0))
            self.port = probe.getsockname()[1]
        binary = oxigraph_binary()
        self.snapshot = shared or snapshot(location)
        self.owns_snapshot = shared is None  # a server started on another's snapshot takes it over
        command = [binary, "serve-read-only", "--location", str(self.snapshot),
                   "--bind", f"{LOOPBACK}:{self.port}", "--timeout-s", str(max(1, math.ceil(timeout_s)))]
        if cors:
            command.append("--cors")
        self._log = tempfile.TemporaryFile()
        self.process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=self._log, stderr=self._log)
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self._log.seek(0)
                said = self._log.read().decode("utf-8", "replace").strip()
                self.stop()
                raise KGBError(f"the Oxigraph server stopped at start on {LOOPBACK}:{self.port}: {said[-500:]}")
            try:
                with socket.create_connection((LOOPBACK, self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise KGBError(f"the Oxigraph server did not answer on {LOOPBACK}:{self.port} within {START_TIMEOUT_S} s")

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.owns_snapshot:
            shutil.rmtree(self.snapshot.parent, ignore_errors=True)
        self._log.close()


class Endpoint:
    """A running endpoint over a snapshot; ``url`` is its SPARQL endpoint (port 0: any free one).

    ``allow_service`` lets queries call other endpoints (SERVICE); ``stall_s`` bounds how long a
    connection may stall (serve_front.STALL_S); ``timeout_s`` is the time a query may run.
    """

    def __init__(self, location: str | Path = DEFAULT_LOCATION, host: str = "127.0.0.1", port: int = 8000, *,
                 timeout_s: float = 30, cors: bool = False, allow_service: bool = False, stall_s: float = STALL_S):
        self.location, self.host = Path(location), host
        self.timeout_s, self.cors = timeout_s, cors
        self._server: _Server | None = None
        self._retiring: list[_Server] = []  # servers left with a runaway query, stopped after a grace period
        self._lock = threading.Lock()
        self._front = Front(host, port, allow_service=allow_service, cors=cors, timeout_s=timeout_s, stall_s=stall_s,
                            on_overdue=self._overdue)
        self.port = self._front.port
        try:
            self.reload()
        except BaseException:
            self._front.close()
            raise

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/sparql"

    @property
    def page(self) -> str:
        """The query page (YASGUI) for people."""
        return f"http://{self.host}:{self.port}/"

    @property
    def process(self) -> subprocess.Popen:
        """The Oxigraph server now answering."""
        return self._server.process

    @property
    def snapshot(self) -> Path | None:
        return self._server.snapshot if self._server else None

    def reload(self) -> None:
        """Answer from a new snapshot of the store (after a build); the old server stops once the new one runs."""
        with self._lock:
            old, self._server = self._server, _Server(self.location, self.timeout_s, self.cors)
            self._front.upstream = self._server.url
        if old is not None:
            old.stop()

    def _overdue(self, upstream: str) -> None:
        """A query on ``upstream`` outran the timeout, which Oxigraph does not enforce on every plan (a
        cross product counted by COUNT runs on): answer from a new server on the same snapshot and stop
        the old one once every other query on it has had its time (timeout + stall)."""
        with self._lock:
            old = self._server
            if old is None or old.url != upstream or self._front.closed:
                return  # already replaced (several overdue queries at once), or stopping
            self._server = _Server(self.location, self.timeout_s, self.cors, shared=old.snapshot)
            old.owns_snapshot = False
            self._front.upstream = self._server.url
            self._retiring.append(old)
        timer = threading.Timer(self.timeout_s + self._front.stall_s, self._retire, args=(old,))
        timer.daemon = True
        timer.start()

    def _retire(self, server: _Server) -> None:
        with self._lock:
            if server not in self._retiring:
                return
            self._retiring.remove(server)
        server.stop()

    def wait(self) -> int:
        """Block until the server exits; its exit code."""
        return self.process.wait()

    def stop(self) -> None:
        self._front.close()
        with self._lock:
            servers, self._retiring = self._retiring + [self._server] * (self._server is not None), []
            self._server = None
        for server in servers:
            server.stop()

    def __enter__(self) -> "Endpoint":
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
