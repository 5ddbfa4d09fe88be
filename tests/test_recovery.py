"""A build killed at any moment (kill -9) leaves a store that says it is incomplete, and running the
same build again gives exactly the graph of a build that was never interrupted."""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from kg_builder.store import INCOMPLETE_MARKER

pytestmark = pytest.mark.model

MANIFEST = Path(__file__).parent / "devset" / "manifest.jsonl"
KILLS = 3  # kills that land while a build writes its graphs
ATTEMPTS = 10


def _kgb(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg_builder.cli", *args], capture_output=True, text=True, **kwargs)


def _build(store: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "kg_builder.cli", "build", "--manifest", str(MANIFEST),
                             "--store", str(store)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _graphs(store: Path) -> dict[str, Graph]:
    done = _kgb("export", "graph", "--format", "nquads", "--store", str(store))
    assert done.returncode == 0, done.stderr
    dataset = Dataset()
    dataset.parse(data=done.stdout, format="nquads")
    return {str(g.identifier): g for g in dataset.graphs() if len(g)}


def _same_graphs(a: dict[str, Graph], b: dict[str, Graph]) -> None:
    assert sorted(a) == sorted(b)
    for name in a:  # time instants are blank nodes: compare each graph up to their names
        if not isomorphic(a[name], b[name]):
            _, only_a, only_b = graph_diff(to_isomorphic(a[name]), to_isomorphic(b[name]))
            pytest.fail(f"{name} differs:\n-{only_a.serialize(format='nt')}\n+{only_b.serialize(format='nt')}")


def _kill_while_writing(store: Path, rng: random.Random, timeout_s: float = 120) -> bool:
    """Start a build, SIGKILL it a random moment after it starts writing; True if it was still running."""
    process = _build(store)
    marker, deadline = store / INCOMPLETE_MARKER, time.monotonic() + timeout_s
    while process.poll() is None and not marker.exists() and time.monotonic() < deadline:
        time.sleep(0.001)
    time.sleep(rng.uniform(0, 0.05))
    running = process.poll() is None
    if running:
        os.kill(process.pid, signal.SIGKILL)
    process.wait()
    return running


def test_killed_builds_recover_to_the_clean_graph(tmp_path):
    clean = tmp_path / "clean"
    assert _build(clean).wait() == 0
    assert not (clean / INCOMPLETE_MARKER).exists()

    killed = tmp_path / "killed"
    rng = random.Random(20261201)  # seeded: the same moments on every run
    process = _build(killed)  # one kill before anything is written: the model is still loading
    time.sleep(0.2)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    landed = 0
    for _ in range(ATTEMPTS):
        if landed == KILLS:
            break
        if _kill_while_writing(killed, rng):
            landed += 1
            assert (killed / INCOMPLETE_MARKER).exists()
            checked = _kgb("validate", "--store", str(killed))
            assert checked.returncode == 1 and "incomplete" in checked.stdout
            assert "run the same `kgb build` again" in checked.stderr
    assert landed, f"none of {ATTEMPTS} builds was still writing when killed"
    assert _build(killed).wait() == 0
    assert not (killed / INCOMPLETE_MARKER).exists()
    _same_graphs(_graphs(killed), _graphs(clean))
