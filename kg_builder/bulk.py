"""Virtuoso's bulk loader for `kgb load --bulk-dir`: files the server reads itself, at its own speed.

The Graph Store Protocol moves about 59 k triples/s into Virtuoso on one stream; its bulk loader
(``ld_dir`` + ``rdf_loader_run``, run through the SQL port with ``isql``) reads N-Quads files from a
folder the server may read (its ``DirsAllowed``), about 150 k triples/s here. The graphs to load are
written as N-Quads files into that folder, the server's old copies of those graphs are deleted
first (so loading twice never duplicates), several loader threads read the files, and a checkpoint
makes the result durable. Counting back per graph stays with load.py.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from .errors import EndpointError, StoreError

ISQL_COMMANDS = ("isql-vt", "isql")  # Debian's name first; upstream builds call it isql
FILE_QUADS = 250_000  # quads per file: the loader threads take one file at a time
ISQL_TIMEOUT_S = 3600
DELETE_CHUNK = 500  # graphs per DELETE statement


@dataclass(frozen=True)
class BulkTarget:
    """Where the server reads files (``directory``, as the server sees it) and how to reach its SQL port."""

    directory: Path
    sql: str = "127.0.0.1:1111"  # host:port of the SQL (isql) port
    user: str = "dba"
    password: str = "dba"
    streams: int = 2  # loader threads (rdf_loader_run calls at once)

    def check(self) -> None:
        """Raise StoreError when the folder is missing (before anything is sent)."""
        if not self.directory.is_dir():
            raise StoreError(f"bulk-load folder {self.directory} does not exist; give --bulk-dir a folder the "
                             "Virtuoso server can read (listed in DirsAllowed of its virtuoso.ini)")


def isql_command() -> str:
    for name in ISQL_COMMANDS:
        found = shutil.which(name)
        if found:
            return found
    raise EndpointError("the bulk loader needs Virtuoso's isql client (isql-vt on Debian, from the "
                        "virtuoso-opensource package) on PATH; install it or load without --bulk-dir")


def write_files(quads: Iterable[tuple], folder: Path) -> list[Path]:
    """N-Quads files of about FILE_QUADS lines each, ending only where one graph's quads end."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("kgb-load-*.nq"):
        old.unlink()
    paths, lines = [], []

    def flush() -> None:
        path = folder / f"kgb-load-{len(paths):05d}.nq"
        path.write_text("".join(lines), encoding="utf-8")
        paths.append(path)
        lines.clear()

    last = None
    for s, p, o, g in quads:
        if g != last and len(lines) >= FILE_QUADS:  # files end between graphs: blank nodes stay together
            flush()
        last = g
        lines.append(f"{s} {p} {o} {g} .\n")
    if lines:
        flush()
    return paths


def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def bulk_load(target: BulkTarget, graphs: list[str], quads: Iterable[tuple],
              progress: Callable[[str], None] | None = None) -> None:
    """Load ``quads`` through the bulk loader, deleting the server's ``graphs`` (its old copies) first."""
    target.check()
    folder = target.directory / "kgb-load"
    files = write_files(quads, folder)
    isql = isql_command()
    # Old copies go first, a few hundred graphs per statement.
    chunks = [graphs[i:i + DELETE_CHUNK] for i in range(0, len(graphs), DELETE_CHUNK)]
    deletes = "".join("DELETE FROM DB.DBA.RDF_QUAD WHERE G IN (" + ", ".join(
        f"iri_to_id({_sql_string(g)}, 0)" for g in chunk) + ");\n" for chunk in chunks)
    setup = (f"log_enable(3, 1);\n{deletes}"
             f"DELETE FROM DB.DBA.load_list WHERE ll_file LIKE {_sql_string(str(folder) + '/%')};\n"
             f"ld_dir({_sql_string(str(folder))}, 'kgb-load-*.nq', 'urn:kgb:unused');\n")
    listed = _run(isql, target, setup + f"SELECT 'listed', COUNT(*) FROM DB.DBA.load_list WHERE ll_state = 0 AND "
                                          f"ll_file LIKE {_sql_string(str(folder) + '/%')};\n",
                  "deleting the old graphs and listing the files")
    found = re.search(r"listed\s+(\d+)", listed)
    if files and (found is None or int(found.group(1)) < len(files)):
        for path in files:
            path.unlink()
        raise EndpointError(f"Virtuoso (SQL {target.sql}) did not list the files written to {folder}: the server "
                            "cannot read that folder. Give --bulk-dir a folder in the DirsAllowed of its "
                            f"virtuoso.ini, as the server sees it ({_tail(listed)})")
    if progress:
        progress(f"{len(files)} files listed")
    loaders = [subprocess.Popen([isql, target.sql, target.user, target.password, "VERBOSE=OFF", "BANNER=OFF",
                                 "EXEC=rdf_loader_run();"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                text=True) for _ in range(max(1, target.streams))]
    started = time.monotonic()
    for loader in loaders:
        out, _ = loader.communicate(timeout=max(1.0, ISQL_TIMEOUT_S - (time.monotonic() - started)))
        if loader.returncode != 0:
            raise EndpointError(f"Virtuoso's rdf_loader_run failed (isql at {target.sql}): {_tail(out)}")
    errors = _run(isql, target, f"SELECT ll_file, ll_error FROM DB.DBA.load_list WHERE ll_error IS NOT NULL "
                                f"AND ll_file LIKE {_sql_string(str(folder) + '/%')};\ncheckpoint;\n",
                  "checking the loaded files")
    if "kgb-load-" in errors:
        raise EndpointError(f"Virtuoso's bulk loader rejected files in {folder}: {_tail(errors)}")
    for path in files:
        path.unlink()


def _run(isql: str, target: BulkTarget, script: str, what: str) -> str:
    try:
        done = subprocess.run([isql, target.sql, target.user, target.password, "VERBOSE=OFF", "BANNER=OFF",
                               "ERRORS=STDOUT"], input=script, capture_output=True, text=True,
                              timeout=ISQL_TIMEOUT_S)
    except subprocess.TimeoutExpired as err:
        raise EndpointError(f"isql at {target.sql} gave no answer within {ISQL_TIMEOUT_S} s while {what}") from err
    out = done.stdout + done.stderr
    if done.returncode != 0 or "*** Error" in out:
        raise EndpointError(f"isql at {target.sql} failed while {what}: {_tail(out)}. Check --sql-port, the "
                            "user and password, and that the folder is in the server's DirsAllowed")
    return out


def _tail(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return " | ".join(lines[-4:])[:600] or "no output"
