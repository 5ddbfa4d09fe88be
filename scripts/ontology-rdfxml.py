#!/usr/bin/env python3
"""Write ontology/kgb.owl, the RDF/XML form of ontology/kgb.ttl that owlready2 and Protégé load.

kgb.ttl is the source; run this after editing it (tests/test_standards.py fails while the two differ).
The output is deterministic (canonical blank-node labels, sorted statements) so diffs stay readable.
"""
from pathlib import Path

import pyoxigraph
from rdflib import Graph
from rdflib.compare import to_canonical_graph

ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology"


def _term(term):
    if term.__class__.__name__ == "BNode":
        return pyoxigraph.BlankNode(str(term))
    if term.__class__.__name__ == "URIRef":
        return pyoxigraph.NamedNode(str(term))
    if term.language:
        return pyoxigraph.Literal(str(term), language=term.language)
    return pyoxigraph.Literal(str(term), datatype=pyoxigraph.NamedNode(str(term.datatype)) if term.datatype else None)


if __name__ == "__main__":
    source = Graph(bind_namespaces="none").parse(ONTOLOGY / "kgb.ttl", format="turtle")
    triples = sorted(to_canonical_graph(source), key=lambda t: tuple(x.n3() for x in t))
    text = pyoxigraph.serialize([pyoxigraph.Triple(*map(_term, t)) for t in triples],
                                format=pyoxigraph.RdfFormat.RDF_XML,
                                prefixes={p: str(ns) for p, ns in source.namespaces() if p})
    (ONTOLOGY / "kgb.owl").write_bytes(text)
