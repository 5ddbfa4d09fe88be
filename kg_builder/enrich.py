"""Enrich linked nodes with what Wikidata says of their items, into the named graph graph/wikidata.

Reads the ``skos:exactMatch wd:Q…`` links (from ``link.link_graph``) anywhere in the dataset and
asks the knowledge base for each item's facts (``KnowledgeBase.facts``):

- places: a GeoSPARQL point, ``<place> geo:hasGeometry <place/geometry>`` with
  ``geo:asWKT "POINT(lon lat)"^^geo:wktLiteral`` (WKT puts longitude first; Wikidata's P625 too);
  and administrative containment (P131, and P17 for the country), ``<place> kgb:containedIn``
  our own place node when we linked one to the containing item, else the wd: item itself, typed
  kgb:Place and labelled here so the shapes hold, and followed further up;
- negotiations: begin and end (P580/P582), stated on the wd: item as ``wdt:P580``/``wdt:P582``
  rather than on our node, so they stay Wikidata's dates beside the article-derived kgb:time.

Everything here is Wikidata's word, not the articles': the graph says so of itself with
``<graph/wikidata> prov:wasDerivedFrom <https://www.wikidata.org/>``.
"""
from __future__ import annotations

import functools
import re

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from .link import KnowledgeBase
from .vocab import GEO, GRAPH, KGB, WD, WDT

PROV = Namespace("http://www.w3.org/ns/prov#")
WIKIDATA = URIRef("https://www.wikidata.org/")
MAX_DEPTH = 8  # containment levels followed above a linked place (site → city → province → country)
NEGOTIATION_CLASSES = frozenset(getattr(KGB, c) for c in
                                ("Negotiation", "Talks", "NegotiationRound", "Meeting", "Agreement"))


def _triples(dataset: Graph, pattern):
    """Triples matching ``pattern`` in every named graph of a Dataset, or in a plain Graph."""
    if hasattr(dataset, "quads"):
        return ((s, p, o) for s, p, o, _ in dataset.quads((*pattern, None)))
    return dataset.triples(pattern)


def _iso_literal(value: str) -> Literal:
    """An ISO date at its precision: xsd:date, xsd:gYearMonth or xsd:gYear."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return Literal(value, datatype=XSD.date)
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return Literal(value, datatype=XSD.gYearMonth)
    return Literal(value, datatype=XSD.gYear)


def wkt_point(lat: float, lon: float) -> Literal:
    """A GeoSPARQL WKT point (longitude first)."""
    return Literal(f"POINT({float(lon)!r} {float(lat)!r})", datatype=GEO.wktLiteral)


def enrich(dataset: Graph, kb: KnowledgeBase) -> Graph:
    """The content of graph/wikidata for the linked places and negotiations of ``dataset``."""
    out = Graph(identifier=GRAPH["wikidata"])
    for prefix, namespace in (("kgb", KGB._NS), ("wd", WD), ("wdt", WDT), ("geo", GEO), ("prov", PROV)):
        out.bind(prefix, namespace)
    out.add((GRAPH["wikidata"], PROV.wasDerivedFrom, WIKIDATA))
    types: dict[URIRef, set] = {}
    for s, _, o in _triples(dataset, (None, RDF.type, None)):
        types.setdefault(s, set()).add(o)
    links = sorted((s, str(o)[len(str(WD)):]) for s, _, o in _triples(dataset, (None, SKOS.exactMatch, None))
                   if str(o).startswith(str(WD)))
    ours = {qid: node for node, qid in links if KGB.Place in types.get(node, ())}
    facts = functools.cache(kb.facts)  # one question per item, however many nodes link to it
    for node, qid in links:
        kinds = types.get(node, set())
        if KGB.Place in kinds:
            found = facts(qid)
            if found.coords:
                geometry = URIRef(f"{node}/geometry")
                out.add((node, GEO.hasGeometry, geometry))
                out.add((geometry, RDF.type, GEO.Geometry))
                out.add((geometry, GEO.asWKT, wkt_point(*found.coords)))
            _contain(out, node, qid, ours, facts)
        elif kinds & NEGOTIATION_CLASSES:
            found = facts(qid)
            for prop, value in ((WDT.P580, found.start), (WDT.P582, found.end)):
                if value:
                    out.add((WD[qid], prop, _iso_literal(value)))
    return out


def _contain(out: Graph, node: URIRef, qid: str, ours: dict[str, URIRef], facts) -> None:
    """kgb:containedIn from ``node`` up the item's containment, stopping at our own place nodes."""
    todo, seen = [(node, qid, 0)], {qid}
    while todo:
        child, child_qid, depth = todo.pop()
        for parent in facts(child_qid).parents:
            if parent == child_qid:
                continue
            if parent in ours:
                out.add((child, KGB.containedIn, ours[parent]))
                continue
            target = WD[parent]
            out.add((child, KGB.containedIn, target))
            if parent not in seen:
                seen.add(parent)
                out.add((target, RDF.type, KGB.Place))
                out.add((target, RDFS.label, Literal(facts(parent).label or parent, lang="en")))
                if depth < MAX_DEPTH:
                    todo.append((target, parent, depth + 1))
