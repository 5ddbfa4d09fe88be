"""Our files read by tools outside our code: every export conforms under pyshacl run on its own, and
``kgb validate --file`` judges a file by what it holds."""
from __future__ import annotations

import io
from pathlib import Path

import pyshacl
import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import XSD

from kg_builder.export import GRAPH_FORMATS, write_graph
from kg_builder.resources import ontology_dir
from kg_builder.store import close_store, open_store
from kg_builder.validate import validate, validate_file
from kg_builder.vocab import KGB

FIXTURE = Path(__file__).parent / "data" / "cq_fixture.trig"
SUFFIX = {"turtle": ".ttl", "nt": ".nt", "nquads": ".nq", "trig": ".trig", "jsonld": ".jsonld"}


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    # Oxigraph hands back simple literals typed xsd:string: the case that broke the exports
    dataset = open_store(tmp_path_factory.mktemp("standards") / "kg", "oxigraph")
    dataset.parse(FIXTURE, format="trig")
    yield dataset
    close_store(dataset)


def exported(store, fmt: str) -> bytes:
    out = io.BytesIO()
    write_graph(store, fmt, out)
    return out.getvalue()


@pytest.mark.parametrize("fmt", sorted(GRAPH_FORMATS))
def test_pyshacl_on_its_own_finds_every_export_conforming(store, fmt):
    parser, quads = GRAPH_FORMATS[fmt]
    data = (Dataset() if quads else Graph()).parse(data=exported(store, fmt), format=parser)
    assert len(list(data.quads())) if quads else len(data)
    conforms, _, text = pyshacl.validate(data, shacl_graph=str(ontology_dir() / "shapes.ttl"),
                                         ont_graph=str(ontology_dir() / "kgb.ttl"))
    assert conforms, text


@pytest.mark.parametrize("fmt", ["nt", "nquads"])
def test_exports_write_simple_literals(store, fmt):
    text = exported(store, fmt).decode("utf-8")
    assert '"day"' in text
    assert str(XSD.string) not in text


def test_store_and_its_exports_get_one_verdict(store, tmp_path):
    assert validate(store).conforms
    for fmt, suffix in SUFFIX.items():
        path = tmp_path / f"graph{suffix}"
        path.write_bytes(exported(store, fmt))
        report = validate_file(path)
        assert report.conforms, f"{fmt}: {report.describe()}"


def test_validate_file_reads_the_file_as_written(store, tmp_path):
    # the same triples with the granularity typed xsd:string: pyshacl's sh:in refuses them, so must we
    graph = Graph().parse(data=exported(store, "nt"), format="nt")
    typed = [(s, p, o) for s, p, o in graph if p == KGB.granularity][:1]
    assert typed
    s, p, o = typed[0]
    graph.remove((s, p, o))
    graph.add((s, p, Literal(str(o), datatype=XSD.string)))
    path = tmp_path / "typed.nt"
    graph.serialize(path, format="nt", encoding="utf-8")
    report = validate_file(path)
    assert not report.conforms
    assert any(focus == str(s) and "granularity" in where for focus, where, _ in report.shacl_results)


def test_validate_file_names_an_unknown_suffix(tmp_path):
    from kg_builder.errors import KGBError
    path = tmp_path / "graph.rdf4"
    path.write_text("")
    with pytest.raises(KGBError, match=r"\.ttl"):
        validate_file(path)
