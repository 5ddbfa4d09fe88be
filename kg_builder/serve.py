"""`kgb serve`: the Oxigraph server (PyPI ``oxigraph``, the same engine as our store) over a snapshot.

Measured against the endpoint we used to keep here (a wsgiref server, 353 lines), the maintained
server gives users more: a YASGUI query page at ``/`` that works offline (its scripts are served
from the binary), a SPARQL service description on a GET without a query, every result format
(JSON, XML, CSV, TSV; Turtle, N-Triples, RDF/XML… for graphs), the Graph Store Protocol for reads,
and a timeout that really stops a query still computing (ours answered 503 and let the query burn
CPU on). Measured limits of Oxigraph 0.5: the cancellation comes inside a 200 answer whose body ends
with "The SPARQL operation has been cancelled", and a SELECT already streaming rows is not cut at the
timeout but stops when its client disconnects (oxigraph/oxigraph#1874), and some joins never look at
the deadline (a four-way cross product of 721 triples still ran after 120 s with --timeout-s 1).
So ``watch()`` (called by ``kgb serve`` twice a second) also follows the server's threads in /proc:
one that has been busy for ``timeout_s`` plus a grace period is a query nobody can stop any more,
and the server is restarted on a fresh snapshot (a moment of downtime; the other queries in flight
fail and can be sent again). Without /proc (not Linux) there is no watchdog.

The server opens a checkpoint of the store, not the store: a RocksDB checkpoint is made of hard
links, costs next to nothing, and leaves the store free, so ``kgb query``, ``export`` and an
incremental ``build`` keep working while the endpoint runs. The endpoint answers from the
checkpoint taken when it started; ``reload()`` (SIGHUP to ``kgb serve``) takes a new one.
"""
from __future__ import annotations

import math
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph

from .errors import KGBError, StoreError
from .store import DEFAULT_LOCATION

START_TIMEOUT_S = 30
GRACE_S = 2.0  # a thread busy this much longer than the timeout is a runaway query
BUSY_TICKS = 2  # CPU (1/100 s) a thread gains between two watch() calls while it computes; idle ones gain 0
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
    (location / SNAPSHOTS).mkdir(exist_ok=True)
    _remove_orphans(location / SNAPSHOTS)
    target = Path(tempfile.mkdtemp(prefix=f"snapshot-{os.getpid()}-", dir=location / SNAPSHOTS)) / "oxigraph"
    try:
        store = pyoxigraph.Store(str(location / "oxigraph"))
    except OSError as err:
        raise StoreError(f"cannot open the store in {location} to take a snapshot: {err}. "
                         "Is a `kgb build` writing it? Start the endpoint when it is done.") from err
    try:
        store.backup(str(target))
    finally:
        del store  # releases the store's lock at once
    return target


def _thread_ticks(pid: int) -> dict[int, int] | None:
    """CPU time (1/100 s) of each thread of process ``pid``; None where /proc cannot tell."""
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return None
    ticks = {}
    for task in tasks:
        try:
            fields = (task / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the thread ended
        ticks[int(task.name)] = int(fields[11]) + int(fields[12])
    return ticks


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


class Endpoint:
    """A running Oxigraph server over a snapshot; ``url`` is its SPARQL endpoint (port 0: any free one)."""

    def __init__(self, location: str | Path = DEFAULT_LOCATION, host: str = "127.0.0.1", port: int = 8000, *,
                 timeout_s: float = 30, cors: bool = False):
        self.location, self.host, self.port = Path(location), host, port
        self.timeout_s, self.cors = timeout_s, cors
        self.process: subprocess.Popen | None = None
        self.snapshot: Path | None = None
        self.restarts = 0  # by watch(), for runaway queries
        self._start()

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/sparql"

    @property
    def page(self) -> str:
        """The query page (YASGUI) for people."""
        return f"http://{self.host}:{self.port}/"

    def _start(self) -> None:
        with socket.socket() as probe:  # a port 0 becomes any free one, kept across reloads
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind((self.host, self.port))
            except OSError as err:
                raise KGBError(f"cannot serve on {self.host}:{self.port}: {err.strerror}; "
                               "choose another with --port") from err
            self.port = probe.getsockname()[1]
        self.snapshot = snapshot(self.location)
        command = [oxigraph_binary(), "serve-read-only", "--location", str(self.snapshot),
                   "--bind", f"{self.host}:{self.port}", "--union-default-graph",
                   "--timeout-s", str(max(1, math.ceil(self.timeout_s)))]
        if self.cors:
            command.append("--cors")
        self._log = tempfile.TemporaryFile()
        self.process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=self._log, stderr=self._log)
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self._log.seek(0)
                said = self._log.read().decode("utf-8", "replace").strip()
                self._discard()
                raise KGBError(f"the Oxigraph server stopped at start on {self.host}:{self.port}: {said[-500:]}"
                               " (is the port in use? choose another with --port)")
            try:
                with socket.create_connection((self.host, self.port), timeout=0.5):
                    self._threads: dict[int, tuple[int, float | None]] = {}
                    self._watched = time.monotonic()
                    return
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise KGBError(f"the Oxigraph server did not answer on {self.host}:{self.port} within {START_TIMEOUT_S} s")

    def watch(self) -> bool:
        """Restart the server when a thread has been computing past the timeout; True if it did."""
        now = time.monotonic()
        ticks = _thread_ticks(self.process.pid)
        if ticks is None:
            return False
        for tid, total in ticks.items():
            seen, busy_since = self._threads.get(tid, (total, None))
            busy_since = (busy_since or self._watched) if total - seen >= BUSY_TICKS else None
            self._threads[tid] = (total, busy_since)
            if busy_since is not None and now - busy_since > self.timeout_s + GRACE_S:
                self.restarts += 1
                self.reload()
                return True
        self._watched = now
        return False

    def reload(self) -> None:
        """Answer from a new snapshot of the store (after a build); the endpoint is down for a moment."""
        self.stop()
        self._start()

    def wait(self) -> int:
        """Block until the server exits; its exit code."""
        return self.process.wait()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._discard()

    def _discard(self) -> None:
        if self.snapshot is not None:
            shutil.rmtree(self.snapshot.parent, ignore_errors=True)
            self.snapshot = None
        if getattr(self, "_log", None) is not None:
            self._log.close()
            self._log = None

    def __enter__(self) -> "Endpoint":
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
