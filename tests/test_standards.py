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


# --- the ontology in RDF/XML, for owlready2 and Protégé ------------------------------------------

def test_rdfxml_form_is_in_step_with_the_turtle_source():
    from rdflib.compare import graph_diff, isomorphic, to_isomorphic
    turtle = Graph().parse(ontology_dir() / "kgb.ttl", format="turtle")
    rdfxml = Graph().parse(ontology_dir() / "kgb.owl", format="xml")
    if not isomorphic(turtle, rdfxml):
        _, only_ttl, only_owl = graph_diff(to_isomorphic(turtle), to_isomorphic(rdfxml))
        pytest.fail(f"ontology/kgb.owl is stale: run scripts/ontology-rdfxml.py "
                    f"({len(only_ttl)} statements only in kgb.ttl, {len(only_owl)} only in kgb.owl)")


def test_owlready2_loads_the_shipped_ontology():
    owlready2 = pytest.importorskip("owlready2")
    from rdflib.namespace import OWL, RDF
    turtle = Graph().parse(ontology_dir() / "kgb.ttl", format="turtle")
    declared = {str(c) for c in turtle.subjects(RDF.type, OWL.Class) if str(c).startswith(str(KGB._NS))}
    world = owlready2.World()
    ontology = world.get_ontology((ontology_dir() / "kgb.owl").as_uri()).load()
    loaded = {c.iri for c in ontology.classes()}
    world.close()
    assert declared and declared <= loaded


needs_java = pytest.mark.skipif(__import__("shutil").which("java") is None, reason="HermiT needs java on PATH")


@pytest.mark.reasoner
@needs_java
def test_hermit_runs_on_a_built_store(store):
    from kg_builder.reason import reason
    report = reason(store)
    assert report.consistent, report.describe()
    assert report.unsatisfiable == ()
    assert report.statements > 1000


@pytest.mark.reasoner
@needs_java
def test_hermit_reports_data_that_breaks_an_axiom(store):
    from rdflib.namespace import RDF
    from kg_builder.reason import reason
    graph = Graph().parse(data=exported(store, "nt"), format="nt")
    attack = next(graph.subjects(RDF.type, KGB.SuicideBombing))
    graph.add((attack, RDF.type, KGB.Person))  # an attack is no actor
    report = reason(graph)
    assert not report.consistent
    assert report.describe().startswith("inconsistent")


def test_reasoner_sees_dates_as_date_times():
    from kg_builder.reason import for_reasoner
    node = URIRef("https://w3id.org/kg-builder/id/t")
    graph = Graph()
    graph.add((node, KGB.earliestBegin, Literal("2021-08-26", datatype=XSD.date)))
    graph.add((node, KGB.latestEnd, Literal("2021-08", datatype=XSD.gYearMonth)))
    graph.add((node, KGB.earliestEnd, Literal("2021", datatype=XSD.gYear)))
    graph.add((node, KGB.killed, Literal(3)))
    assert set(for_reasoner(graph)) == {
        (node, KGB.earliestBegin, Literal("2021-08-26T00:00:00", datatype=XSD.dateTime)),
        (node, KGB.latestEnd, Literal("2021-08-01T00:00:00", datatype=XSD.dateTime)),
        (node, KGB.earliestEnd, Literal("2021-01-01T00:00:00", datatype=XSD.dateTime)),
        (node, KGB.killed, Literal(3))}
