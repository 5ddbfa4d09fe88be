"""Validate a built graph: SHACL shapes (ontology/shapes.ttl) and the quality-check queries.

The graph is a union of named graphs (one per article, plus graph/fused …) whose nodes point
across graphs, so both the shapes and the checks are evaluated over one merged graph: every named
graph's triples plus the ontology, which supplies the rdfs:subClassOf that sh:class, sh:targetClass
and the checks' ``a/rdfs:subClassOf*`` follow. Each check in ``queries/checks/*.rq`` is a SELECT
whose rows are violations (ODK style); its header comment says what a row means.

Inference is "none" by default: with the ontology merged in, SHACL already follows subclasses, and
RDFS entailment adds nothing the shapes test. Measured on this machine, pyshacl took 1.3 s ("none")
against 4.1 s ("rdfs") on 4 k triples and 5.0 s against 17.6 s on 20 k; the checks together take
about 1.2 s on 4 k and 3 s on 20 k triples (the term check scans every triple).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pyshacl
from rdflib import Dataset, Graph, Literal, Namespace
from rdflib.namespace import RDF, SH

from .errors import KGBError, QueryError
from .export import merged_graph
from .resources import ontology_dir, queries_dir
from .vocab import KGB, TIME

PROV = Namespace("http://www.w3.org/ns/prov#")
ONTOLOGY_FILE = ontology_dir() / "kgb.ttl"
SHAPES_FILE = ontology_dir() / "shapes.ttl"
CHECKS_DIR = queries_dir() / "checks"
INFERENCE = ("none", "rdfs")

Row = tuple[str, ...]


@dataclass(frozen=True)
class ValidationReport:
    """What is wrong with a graph: SHACL results and the rows of every failed check.

    ``shacl_results`` rows are (focus node, property path, message); ``check_failures`` maps the
    name of each check that returned rows (file name without ``.rq``) to those rows.
    """

    conforms: bool
    shacl_results: tuple[tuple[str, str, str], ...] = ()
    check_failures: dict[str, list[Row]] = field(default_factory=dict)

    def describe(self) -> str:
        """One line per problem, naming the offending node, for error messages and the CLI."""
        lines = [
            f"{focus} {path}: {message}" if path else f"{focus}: {message}"
            for focus, path, message in self.shacl_results
        ]
        for name, rows in sorted(self.check_failures.items()):
            lines.extend(f"check {name}: " + " ".join(value for value in row if value) for row in rows)
        return "\n".join(lines) if lines else "conforms"


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as err:
        raise KGBError(
            f"cannot read {path}: {err}. It is one of kg-builder's own files (see kg_builder/resources.py);"
            " reinstall the package or restore the file in your checkout."
        ) from err


def load_ontology() -> Graph:
    """The kg-builder ontology (ontology/kgb.ttl) as a new graph."""
    return Graph().parse(data=_read(ONTOLOGY_FILE), format="turtle")


def load_shapes() -> Graph:
    """The SHACL shapes (ontology/shapes.ttl) as a new graph."""
    return Graph().parse(data=_read(SHAPES_FILE), format="turtle")


def load_checks() -> dict[str, str]:
    """Check name (file name without ``.rq``) → SPARQL text, for every ``queries/checks/*.rq``."""
    paths = sorted(CHECKS_DIR.glob("*.rq"))
    if not paths:
        raise KGBError(f"no quality checks found in {CHECKS_DIR}; expected queries/checks/*.rq")
    return {path.stem: _read(path) for path in paths}


def run_checks(graph: Graph) -> dict[str, list[Row]]:
    """Every check's rows (empty when it passes) on ``graph``, which must already hold the ontology."""
    results: dict[str, list[Row]] = {}
    for name, text in load_checks().items():
        try:
            rows = graph.query(text)
        except Exception as err:  # rdflib raises pyparsing and evaluation errors of many kinds
            raise QueryError(f"quality check queries/checks/{name}.rq failed: {err}") from err
        results[name] = [tuple("" if value is None else str(value) for value in row) for row in rows]
    return results


def _shacl_rows(results: Graph, names: Graph) -> tuple[tuple[str, str, str], ...]:
    """(focus, path, message) of each sh:ValidationResult, sorted so reports compare equal."""
    rows = set()
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        value = results.value(result, SH.value)
        message = "; ".join(sorted(str(m) for m in results.objects(result, SH.resultMessage)))
        if value is not None:
            shown = value.n3(names.namespace_manager) if not isinstance(value, Literal) else repr(str(value))
            message = f"{message} (value {shown})"
        path_text = path.n3(names.namespace_manager) if path is not None else ""
        rows.add((str(focus), path_text, message))
    return tuple(sorted(rows))


def validate(data: Graph, inference: str = "none") -> ValidationReport:
    """Check ``data`` (an rdflib Dataset, ConjunctiveGraph or Graph) against the shapes and checks,
    in the form every export writes it (kg_builder.export.merged_graph), so that a store that
    conforms gives files that conform under pyshacl run on its own.

    ``inference`` is passed to pyshacl ("none" or "rdfs"). Raises QueryError when a check cannot run.
    """
    return _validate_merged(merged_graph(data), inference)


def validate_file(path: str | Path, inference: str = "none") -> ValidationReport:
    """Check an exported file (any format of FILE_FORMATS) exactly as it is written."""
    data = read_export(path)
    merged = Graph()
    triples = ((s, p, o) for s, p, o, _ in data.quads()) if isinstance(data, Dataset) else iter(data)
    merged.addN((s, p, o, merged) for s, p, o in triples)
    return _validate_merged(merged, inference)


def _validate_merged(merged: Graph, inference: str) -> ValidationReport:
    if inference not in INFERENCE:
        raise KGBError(f"unknown inference {inference!r}; choose one of {', '.join(INFERENCE)}")
    ontology = load_ontology()
    for prefix, namespace in (("kgb", KGB._NS), ("prov", PROV), ("time", TIME)):
        merged.bind(prefix, namespace)
    conforms, results, _ = pyshacl.validate(
        merged,
        shacl_graph=load_shapes(),
        ont_graph=ontology,
        inference=inference,
        abort_on_first=False,
        allow_warnings=False,
    )
    shacl_rows = _shacl_rows(results, merged)
    merged += ontology
    failures = {name: rows for name, rows in run_checks(merged).items() if rows}
    return ValidationReport(
        conforms=bool(conforms) and not failures,
        shacl_results=shacl_rows,
        check_failures=failures,
    )


# Formats an export can be read back in: suffix → (rdflib parser, holds named graphs)
FILE_FORMATS = {".ttl": ("turtle", False), ".nt": ("nt", False), ".nq": ("nquads", True),
                ".trig": ("trig", True), ".jsonld": ("json-ld", True), ".json": ("json-ld", True)}


def read_export(path: str | Path) -> Graph:
    """The graph a file exported by ``kgb export graph`` holds, read as pyshacl would read it."""
    path = Path(path)
    if path.suffix.lower() not in FILE_FORMATS:
        raise KGBError(f"cannot tell the RDF format of {path}: name it {', '.join(FILE_FORMATS)}")
    parser, quads = FILE_FORMATS[path.suffix.lower()]
    try:
        return (Dataset() if quads else Graph()).parse(path, format=parser)
    except OSError as err:
        raise KGBError(f"cannot read {path}: {err}") from err
    except Exception as err:  # rdflib's parsers raise many kinds of syntax errors
        raise KGBError(f"{path} is not valid {parser}: {err}") from err
