"""Run the OWL reasoner HermiT (through owlready2) over a graph and the ontology.

SHACL (kg_builder.validate) checks the shape of each node; HermiT checks that the data and the OWL
axioms of ontology/kgb.ttl can all hold at once (disjoint classes, functional properties, ranges).
HermiT refuses xsd:date, xsd:gYearMonth and xsd:gYear values (not in the OWL 2 datatype map), so the
reasoner sees each as the xsd:dateTime its period begins with; nothing else is changed (the
ontology gives these properties no rdfs:range, so nothing is lost). owlready2 reads the ontology in RDF/XML (ontology/kgb.owl, generated from
the Turtle source by scripts/ontology-rdfxml.py) or N-Triples, not Turtle; this module hands it
N-Triples of the ontology and the data together.
"""
from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal
from rdflib.namespace import XSD

from .errors import KGBError
from .export import merged_graph
from .validate import load_ontology


@dataclass(frozen=True)
class ReasonerReport:
    """HermiT's verdict: ``consistent``, the unsatisfiable classes, and its message when it is not."""

    consistent: bool
    unsatisfiable: tuple[str, ...] = ()
    message: str = ""
    statements: int = 0

    def describe(self) -> str:
        if self.consistent and not self.unsatisfiable:
            return f"consistent (HermiT, {self.statements:,} statements with the ontology)"
        lines = [f"unsatisfiable class {iri}" for iri in self.unsatisfiable]
        if not self.consistent:
            lines.insert(0, f"inconsistent: {self.message}")
        return "\n".join(lines)


# datatype HermiT refuses → what turns a value of it into the xsd:dateTime its period begins with
_START = {XSD.date: "T00:00:00", XSD.gYearMonth: "-01T00:00:00", XSD.gYear: "-01-01T00:00:00"}


def _for_hermit(term):
    if isinstance(term, Literal) and term.datatype in _START:
        return Literal(f"{term}{_START[term.datatype]}", datatype=XSD.dateTime)
    return term


def for_reasoner(graph: Graph) -> Graph:
    """A copy of ``graph`` with dates, months and years as the xsd:dateTime each begins with."""
    copy = Graph()
    copy.addN((s, p, _for_hermit(o), copy) for s, p, o in graph)
    return copy


def reason(data: Graph, ontology: Graph | None = None) -> ReasonerReport:
    """HermiT over ``data`` (a Dataset or Graph, merged as the exports write it) and the ontology.

    Needs Java on PATH (17 is enough). Raises KGBError when Java or owlready2 cannot run.
    """
    if shutil.which("java") is None:
        raise KGBError("HermiT needs Java: install a Java runtime (Debian: default-jre-headless) and put `java` on PATH")
    import owlready2
    graph = merged_graph(data)
    graph += load_ontology() if ontology is None else ontology
    with tempfile.TemporaryDirectory(prefix="kgb-reason-") as folder:
        path = Path(folder) / "graph.nt"
        for_reasoner(graph).serialize(path, format="nt", encoding="utf-8")
        world = owlready2.World()
        try:
            world.get_ontology(path.as_uri()).load(format="ntriples")
            owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
            unsatisfiable = tuple(sorted(c.iri for c in world.inconsistent_classes()))
        except owlready2.OwlReadyInconsistentOntologyError as err:
            return ReasonerReport(False, message=str(err).strip() or "HermiT found the data inconsistent",
                                  statements=len(graph))
        except owlready2.OwlReadyJavaError as err:
            raise KGBError(f"HermiT failed to run: {str(err).strip()[:500]}") from err
        finally:
            world.close()
    return ReasonerReport(True, unsatisfiable, statements=len(graph))
