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
KILLS = 4


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


def test_killed_builds_recover_to_the_clean_graph(tmp_path):
    clean = tmp_path / "clean"
    started = time.monotonic()
    assert _build(clean).wait() == 0
    duration = time.monotonic() - started
    assert not (clean / INCOMPLETE_MARKER).exists()

    killed = tmp_path / "killed"
    rng = random.Random(20261201)
    seen_incomplete = 0
    for _ in range(KILLS):  # seeded: the same moments on every run
        process = _build(killed)
        time.sleep(rng.uniform(0.4, 1.0) * duration)  # the graphs are written at the end of a build
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
        process.wait()
        if (killed / INCOMPLETE_MARKER).exists():
            seen_incomplete += 1
            checked = _kgb("validate", "--store", str(killed))
            assert checked.returncode == 1 and "incomplete" in checked.stdout + checked.stderr
            assert "run the same `kgb build` again" in checked.stderr
    assert seen_incomplete, f"none of {KILLS} kills landed while the graphs were written"
    assert _build(killed).wait() == 0
    assert not (killed / INCOMPLETE_MARKER).exists()
    _same_graphs(_graphs(killed), _graphs(clean))
