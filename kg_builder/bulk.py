"""Virtuoso's bulk loader for `kgb load --bulk-dir`: files the server reads itself, at its own speed.

The Graph Store Protocol moves about 59 k triples/s into Virtuoso on one stream; its bulk loader
(``ld_add`` + ``rdf_loader_run``, run through the SQL port with ``isql``) reads TriG files from a
folder the server may read (its ``DirsAllowed``). The server's old copies of the graphs are deleted
(so loading twice never duplicates) while the graphs are written into that folder as TriG files
(kg_builder.bulk_files); each file is handed to the loader as soon as it is complete, a large
graph's too while the rest of it is dumped, so the server parses while the next file is written.
Up to ``streams`` loader threads take one file each. A checkpoint makes the result durable.
Counting back per graph stays with load.py.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from .bulk_files import FILE_PATTERN, QuadFiles, loaded_together
from .errors import EndpointError, StoreError

ISQL_COMMANDS = ("isql-vt", "isql")  # Debian's name first; upstream builds call it isql
ISQL_TIMEOUT_S = 3600
OLD_GRAPHS = "DB.DBA.KGB_LOAD_OLD_GRAPHS"  # the graphs to delete before loading (a work table)
OLD_GRAPHS_FILE = "kgb-old-graphs.txt"  # their names, one a line, read into the table by READ_NAMES
READ_NAMES_NAME = "DB.DBA.KGB_LOAD_READ_OLD_GRAPHS"
READ_NAMES = rf"""CREATE PROCEDURE {READ_NAMES_NAME} (in path varchar)
{{
  declare names any;
  declare i int;
  names := split_and_decode (file_to_string (path), 0, '\0\0\n');
  delete from {OLD_GRAPHS};
  for (i := 0; i < length (names); i := i + 1)
    {{
      if (length (names[i]))
        insert soft {OLD_GRAPHS} (G) values (iri_to_id (names[i]));
    }}
}}
;
"""
DEADLOCK = "40001"  # the SQL state of the loader's "Transaction deadlock"
RETRIES = 3


# Virtuoso's advice: cores / 2.5 loader threads (at least one); on 2 cores one loader beat two here
# (bench/results/2026-12-02T1452*: reload 117 k against 104 k triples/s), the client needing the other core
LOADERS = max(1, round((os.cpu_count() or 2) / 2.5))


@dataclass(frozen=True)
class BulkTarget:
    """Where the server reads files (``directory``, as the server sees it) and how to reach its SQL port."""

    directory: Path
    sql: str = "127.0.0.1:1111"  # host:port of the SQL (isql) port
    user: str = "dba"
    password: str = "dba"
    streams: int = LOADERS  # loader threads (rdf_loader_run calls at once)

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


def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


class _Loaders:
    """Up to ``streams`` isql processes running rdf_loader_run; each takes listed files until none is left."""

    def __init__(self, isql: str, target: BulkTarget):
        self.isql, self.target = isql, target
        self.running: list[subprocess.Popen] = []
        self.started = time.monotonic()

    def top_up(self) -> None:
        """Start loaders until ``streams`` run (a loader that found no file has exited)."""
        for loader in [p for p in self.running if p.poll() is not None]:
            self._finish(loader)
        while len(self.running) < max(1, self.target.streams):
            self.running.append(subprocess.Popen(
                [self.isql, self.target.sql, self.target.user, self.target.password, "VERBOSE=OFF", "BANNER=OFF",
                 "EXEC=rdf_loader_run();"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True))

    def wait(self) -> None:
        for loader in list(self.running):
            self._finish(loader)

    def _finish(self, loader: subprocess.Popen) -> None:
        try:
            out, _ = loader.communicate(timeout=max(1.0, ISQL_TIMEOUT_S - (time.monotonic() - self.started)))
        except subprocess.TimeoutExpired as err:
            loader.kill()
            raise EndpointError(f"Virtuoso's rdf_loader_run (isql at {self.target.sql}) gave no answer within "
                                f"{ISQL_TIMEOUT_S} s") from err
        finally:
            self.running.remove(loader)
        if loader.returncode != 0:
            raise EndpointError(f"Virtuoso's rdf_loader_run failed (isql at {self.target.sql}): {_tail(out)}")


def bulk_load(target: BulkTarget, old_graphs: list[str], write: Callable[[QuadFiles], None],
              progress: Callable[[str], None] | None = None,
              while_loading: Callable[[], None] = lambda: None) -> None:
    """Load the graphs that ``write(sink)`` writes into its sink through the bulk loader, deleting
    the server's ``old_graphs`` (its old copies) first; ``while_loading()`` is the client's work
    done once every file is handed over, while the server loads the last of them.

    The server deletes while the files are written (3.8 s for 1.2 M quads is server work the writing
    need not wait for); the loaders start once it has finished. Each file is listed for the loader
    in a thread of its own (an isql process each, 50 ms on a busy machine), so that the dump goes on.
    """
    target.check()
    folder = target.directory / "kgb-load"
    isql = isql_command()
    in_folder = _sql_string(str(folder) + "/%")
    loaders = _Loaders(isql, target)
    written, listing = [], []
    with ThreadPoolExecutor(max_workers=1) as background, ThreadPoolExecutor(max_workers=1) as lister:
        deleting = background.submit(_delete_graphs, isql, target, old_graphs)

        def list_file(path: Path) -> None:
            _run(isql, target, f"ld_add({_sql_string(str(path))}, 'urn:kgb:unused');\n", f"listing {path.name}")
            if deleting.done():
                deleting.result()  # its error, if any, before a loader starts
                loaders.top_up()

        def hand_over(path: Path) -> None:
            written.append(path)
            if len(written) == 1:
                _check_readable(isql, target, path)  # before anything is listed
            for listed in listing:
                if listed.done():
                    listed.result()  # an earlier file's error, raised in the dump
            listing.append(lister.submit(list_file, path))
            if progress:
                progress(f"{len(written)} files handed to the loader")

        try:
            _run(isql, target, f"DELETE FROM DB.DBA.load_list WHERE ll_file LIKE {in_folder};\n",
                 "clearing the loader's list")
            sink = QuadFiles(folder, hand_over)
            write(sink)
            files = sink.close()
            for listed in listing:
                listed.result()
            deleting.result()
            loaders.top_up()  # the last files may have been listed while the delete still ran
            while_loading()
            _finish_loading(isql, target, loaders, in_folder)
            for _ in range(RETRIES):
                failed = _failed_files(isql, target, in_folder)
                if not failed or any(DEADLOCK not in error for error in failed.values()):
                    break
                # Loaders inserting the same new IRIs at once may deadlock; the loader then skips the rest of
                # the file. Delete the file's graphs and load again, alone, every file that holds part of them.
                again, graphs = loaded_together([Path(path) for path in failed], sink.graphs)
                _delete_graphs(isql, target, graphs)
                paths = [_sql_string(str(path)) for path in again]
                _run(isql, target, f"DELETE FROM DB.DBA.load_list WHERE ll_file IN ({', '.join(paths)});\n"
                                   + "".join(f"ld_add({path}, 'urn:kgb:unused');\n" for path in paths),
                     "listing the files again")
                _finish_loading(isql, target, _Loaders(isql, replace(target, streams=1)), in_folder)
        finally:
            lister.shutdown(cancel_futures=True)  # no listing runs on while the loaders are stopped
            for loader in list(loaders.running):
                loader.kill()
                loaders.running.remove(loader)
    failed = _failed_files(isql, target, in_folder)
    if failed:
        raise EndpointError(f"Virtuoso's bulk loader rejected files in {folder}: "
                            + "; ".join(f"{Path(path).name}: {error}" for path, error in failed.items())[:600])
    _run(isql, target, "checkpoint;\n", "making the load durable")
    for path in files:
        path.unlink()


def _finish_loading(isql: str, target: BulkTarget, loaders: _Loaders, in_folder: str) -> None:
    """Wait for the loaders; a loader may have looked for work just before the last files were listed."""
    loaders.wait()
    while _count(isql, target, f"ll_state = 0 AND ll_file LIKE {in_folder}"):
        loaders.top_up()
        loaders.wait()


def _failed_files(isql: str, target: BulkTarget, in_folder: str) -> dict[str, str]:
    """File → the loader's error, for the files of this load it failed on."""
    out = _run(isql, target, f"SELECT 'failed', ll_file, ll_error FROM DB.DBA.load_list WHERE ll_error IS NOT NULL "
                             f"AND ll_file LIKE {in_folder};\n", "checking the loaded files")
    found = re.findall(r"\bfailed\s+(\S+)\s+(.*)$", out, re.M)
    return {path: error.strip() for path, error in found}


def _delete_graphs(isql: str, target: BulkTarget, graphs: list[str]) -> None:
    """Delete every quad of ``graphs`` from the server in one pass over its quads.

    ``DELETE … WHERE G IN (list)`` scans every quad once per statement, and one ``G = …`` per graph
    costs about 25 ms a graph (both measured: a reload of 1 M quads in 11 k graphs took 5 minutes);
    the names go into a table instead, and one statement deletes what joins it. The server reads the
    names from a file (READ_NAMES): one INSERT statement per name through isql took 5 s for 11 k
    graphs, more than the delete itself; the file, 0.1 s.
    """
    if not graphs:
        return
    names = target.directory / "kgb-load" / OLD_GRAPHS_FILE
    names.parent.mkdir(parents=True, exist_ok=True)
    names.write_text("".join(f"{name}\n" for name in graphs), encoding="utf-8")
    _check_readable(isql, target, names)
    _run(isql, target, f"CREATE TABLE {OLD_GRAPHS} (G IRI_ID_8 PRIMARY KEY);\n", "preparing the delete",
         tolerate="already exists")
    # The DELETE is compiled once the table is full (inside the procedure, compiled on an empty table, its
    # plan took 90 s where this one takes 2); not logged (log_enable 2), as rdf_loader_run's own inserts:
    # the load's final checkpoint makes both durable.
    _run(isql, target, f"{READ_NAMES}{READ_NAMES_NAME}({_sql_string(str(names))});\nlog_enable(2, 1);\n"
                       f"DELETE FROM DB.DBA.RDF_QUAD WHERE G IN (SELECT G FROM {OLD_GRAPHS});\n"
                       f"DELETE FROM {OLD_GRAPHS};\n", "deleting the old graphs")
    names.unlink()


def _check_readable(isql: str, target: BulkTarget, path: Path) -> None:
    """Raise EndpointError (and remove the file) when the server cannot read ``path`` (file_stat obeys DirsAllowed)."""
    try:
        out = _run(isql, target, f"SELECT 'size', file_stat({_sql_string(str(path))}, 1);\n", f"reading {path}")
        found = re.search(r"size\s+(\d+)", out)
        problem = None if found and int(found.group(1)) == path.stat().st_size else "it sees no such file"
    except EndpointError as err:
        problem = str(err)
    if problem:
        path.unlink()
        raise EndpointError(f"Virtuoso (SQL {target.sql}) cannot read the files written to {path.parent} "
                            f"({problem[:300]}). Give --bulk-dir a folder in the DirsAllowed of its virtuoso.ini, "
                            "as the server sees it (the same filesystem)")


def _count(isql: str, target: BulkTarget, where: str) -> int:
    out = _run(isql, target, f"SELECT 'counted', COUNT(*) FROM DB.DBA.load_list WHERE {where};\n",
               "reading the loader's list")
    found = re.search(r"counted\s+(\d+)", out)
    return int(found.group(1)) if found else 0


def _run(isql: str, target: BulkTarget, script: str, what: str, tolerate: str | None = None) -> str:
    try:
        done = subprocess.run([isql, target.sql, target.user, target.password, "VERBOSE=OFF", "BANNER=OFF",
                               "ERRORS=STDOUT"], input=script, capture_output=True, text=True,
                              timeout=ISQL_TIMEOUT_S)
    except subprocess.TimeoutExpired as err:
        raise EndpointError(f"isql at {target.sql} gave no answer within {ISQL_TIMEOUT_S} s while {what}") from err
    out = done.stdout + done.stderr
    if done.returncode != 0 or ("*** Error" in out and not (tolerate and tolerate in out)):
        raise EndpointError(f"isql at {target.sql} failed while {what}: {_tail(out)}. Check --sql-port, the "
                            "user and password, and that the folder is in the server's DirsAllowed")
    return out


def _tail(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return " | ".join(lines[-4:])[:600] or "no output"
