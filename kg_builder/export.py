"""Flat tables of attacks, claims and negotiations for analysts' tools (spreadsheets, pandas, ACLED-style workflows).

Every table is a SPARQL query over the store (queries/export/*.rq, runnable as is on any of our
stores); this module only tidies what SPARQL leaves unordered: multi-valued cells ("|"-joined by
GROUP_CONCAT, whose order no engine guarantees) are sorted, and rows that share a key (an attack
whose place has two labels, an article with two reports on one attack) are merged into one.
"""
from __future__ import annotations

import csv
import json
from itertools import chain
from pathlib import Path
from typing import BinaryIO, TextIO

from rdflib import Dataset, Literal, URIRef
from rdflib.graph import ConjunctiveGraph, Graph
from rdflib.namespace import XSD

from .errors import QueryError
from .query import QUERIES_DIR, QueryResult, run_query
from .vocab import KGB

EXPORT_DIR = QUERIES_DIR / "export"
TABLES = ("attacks", "claims", "negotiations")
WRITE_FORMATS = ("csv", "json")
SEPARATOR = "|"

COLUMNS = {
    "attacks": ("iri", "type", "date", "date_earliest", "date_latest", "place", "place_qid", "country",
                "killed", "killed_qualifier", "injured", "injured_qualifier", "targets", "claimed_by",
                "denied_by", "blamed_on", "source"),
    "claims": ("iri", "stance", "claimant", "speaker", "attack", "target_actor", "killed", "source", "evidence"),
    "negotiations": ("iri", "label", "place", "participants", "mediators", "begin", "end", "round", "source"),
}
# The columns that identify a row: rows sharing them are merged.
KEYS = {"attacks": ("iri",), "claims": ("iri",), "negotiations": ("iri",)}
BY_SOURCE_KEYS = {"attacks": ("iri", "source"), "claims": ("iri",), "negotiations": ("iri", "source")}
NUMERIC = {"killed", "injured", "round"}
# Columns whose cells are "|"-joined lists; other cells are whole values (evidence may hold a "|").
MULTI_VALUED = {"place_qid", "killed", "killed_qualifier", "injured", "injured_qualifier", "targets",
                "claimed_by", "denied_by", "blamed_on", "source", "target_actor", "participants", "mediators"}


def _query_file(what: str, by_source: bool) -> Path:
    # Claims belong to one article each, so the claims table is already per source.
    name = f"{what}-by-source" if by_source and what != "claims" else what
    return EXPORT_DIR / f"{name}.rq"


def _sort_key(column: str):
    if column in NUMERIC:
        return lambda value: (0, int(value), "") if value.isdigit() else (1, 0, value)
    return lambda value: (0, 0, value)


def _merge_cell(column: str, values: list[str | None]) -> str | None:
    """The distinct values of the cells (list cells split first), sorted and "|"-joined."""
    if column in MULTI_VALUED:
        parts = {part for value in values if value for part in value.split(SEPARATOR) if part}
    else:
        parts = {value for value in values if value}
    if not parts:
        return None
    return SEPARATOR.join(sorted(parts, key=_sort_key(column)))


def _tidy(result: QueryResult, keys: tuple[str, ...]) -> QueryResult:
    """Merge rows sharing ``keys`` and sort multi-valued cells, keeping the query's row order."""
    key_index = [result.variables.index(key) for key in keys]
    groups: dict[tuple, list[tuple[str | None, ...]]] = {}
    for row in result.rows:
        groups.setdefault(tuple(row[i] for i in key_index), []).append(row)
    rows = tuple(
        tuple(_merge_cell(column, [row[i] for row in members]) for i, column in enumerate(result.variables))
        for members in groups.values()
    )
    return QueryResult(result.variables, rows)


def export_table(dataset: Graph, what: str, by_source: bool = False) -> QueryResult:
    """The ``what`` table ("attacks", "claims" or "negotiations") of the graph in ``dataset``.

    Without ``by_source`` there is one row per fused attack or negotiation (figures the sources
    disagree on are "|"-joined); with it, one row per event and source article, as that article
    states it. Claims are always one row per claim, each from one article.
    """
    if what not in TABLES:
        raise QueryError(f"unknown export table {what!r}; choose one of {', '.join(TABLES)}")
    path = _query_file(what, by_source)
    result = run_query(dataset, str(path), name=f"queries/export/{path.name}")
    if result.variables != COLUMNS[what]:
        raise QueryError(
            f"queries/export/{path.name} returns columns {', '.join(result.variables)};"
            f" the {what} table needs exactly {', '.join(COLUMNS[what])}"
        )
    return _tidy(result, (BY_SOURCE_KEYS if by_source else KEYS)[what])


def write_table(result: QueryResult, fmt: str, out: TextIO) -> None:
    """Write ``result`` to ``out``: "csv" (header row, empty cell = unknown) or "json" (a list of
    objects, one per row, column → value or null)."""
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(result.variables)
        writer.writerows(["" if value is None else value for value in row] for row in result.rows)
    elif fmt == "json":
        json.dump(result.records(), out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        raise QueryError(f"unknown table format {fmt!r}; choose one of {', '.join(WRITE_FORMATS)}")


# --- whole-graph serializations -----------------------------------------------------------------

# Format name → (rdflib serializer, keeps named graphs)
GRAPH_FORMATS = {"turtle": ("turtle", False), "nt": ("nt", False), "nquads": ("nquads", True),
                 "trig": ("trig", True), "jsonld": ("json-ld", True)}


def _plain(term):
    """RDF 1.1 makes "x" and "x"^^xsd:string one literal. Oxigraph hands back the second, which rdflib
    (and so pyshacl's sh:in) tells apart from the first that the shapes list: write the first."""
    return Literal(str(term)) if isinstance(term, Literal) and term.datatype == XSD.string else term


def merged_graph(data: Graph, graph: str | None = None) -> Graph:
    """A new graph of the triples every export writes: those of every named graph of ``data`` (an
    rdflib Dataset, ConjunctiveGraph or Graph), or of the one named ``graph``, with simple literals."""
    merged = Graph(identifier=URIRef(graph)) if graph is not None else Graph()
    for prefix, namespace in data.namespace_manager.namespaces():
        merged.bind(prefix, namespace, override=False)
    merged.bind("kgb", KGB._NS)
    if graph is not None:  # read the graph's quads: data.graph(name) would create the graph in the store
        name = URIRef(graph)
        triples = ((s, p, o) for s, p, o, _ in data.quads((None, None, None, name)))
        first = next(triples, None)
        if first is None:
            raise QueryError(f"the store has no triples in the graph <{graph}>; `kgb stats --graphs` lists its graphs")
        triples = chain([first], triples)
    elif isinstance(data, (Dataset, ConjunctiveGraph)):
        triples = ((s, p, o) for s, p, o, _ in data.quads((None, None, None, None)))
    else:
        triples = iter(data)
    merged.addN((s, p, _plain(o), merged) for s, p, o in triples)
    return merged


def _named_graphs(dataset: Dataset) -> Dataset:
    """A copy of ``dataset`` that keeps its named graphs, with simple literals."""
    copy = Dataset()
    for prefix, namespace in dataset.namespace_manager.namespaces():
        copy.bind(prefix, namespace, override=False)
    copy.bind("kgb", KGB._NS)
    copy.addN((s, p, _plain(o), copy.graph(g.identifier if isinstance(g, Graph) else g))
              for s, p, o, g in dataset.quads((None, None, None, None)))
    return copy


def write_graph(dataset: Dataset, fmt: str, out: BinaryIO, graph: str | None = None) -> None:
    """Serialize the store to ``out``: N-Quads, TriG and JSON-LD keep every named graph; Turtle and
    N-Triples, which have none, hold the merge of all graphs, or only ``graph`` when named."""
    if fmt not in GRAPH_FORMATS:
        raise QueryError(f"unknown graph format {fmt!r}; choose one of {', '.join(GRAPH_FORMATS)}")
    serializer, quads = GRAPH_FORMATS[fmt]
    if graph is not None:
        source = merged_graph(dataset, graph)
        if not len(source):
            raise QueryError(f"graph <{graph}> is empty or not in the store; `kgb stats` lists the graphs")
    elif quads:
        source = _named_graphs(dataset)
    else:
        source = merged_graph(dataset)
    out.write(source.serialize(format=serializer, encoding="utf-8"))
