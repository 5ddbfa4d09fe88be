"""Enrichment into graph/wikidata: coordinates, containment and negotiation dates from the linked
items, offline and (marked server) from a Wikidata-shaped graph in Virtuoso."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from kg_builder.enrich import WIKIDATA, enrich
from kg_builder.link import LinkContext, OfflineKB, WikidataKB, link_graph
from kg_builder.validate import validate
from kg_builder.vocab import DATA, GEO, GRAPH, KGB, WD, WDT

FIXTURE = Path(__file__).resolve().parent / "data" / "wikidata_fixture.ttl"
PROV_DERIVED = URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")
XSD_NS = "http://www.w3.org/2001/XMLSchema#"

KABUL, AFGHANISTAN, UNIVERSITY = DATA["place/kabul"], DATA["place/afghanistan"], DATA["place/kabul-university"]
DOHA, QATAR = DATA["place/doha"], DATA["place/qatar"]
TALKS, DEAL = DATA["negotiation/n1"], DATA["negotiation/n2"]


def fused_graph() -> Graph:
    """Places and negotiations as graph/fused holds them; Kabul University's place is not stated."""
    g = Graph(identifier=GRAPH["fused"])
    for node, cls, label in ((KABUL, KGB.Place, "Kabul"), (AFGHANISTAN, KGB.Place, "Afghanistan"),
                             (UNIVERSITY, KGB.Place, "Kabul University"), (DOHA, KGB.Place, "Doha"),
                             (QATAR, KGB.Place, "Qatar"), (TALKS, KGB.Talks, "Intra-Afghan negotiations in Doha"),
                             (DEAL, KGB.Agreement, "Doha Agreement"),
                             (DATA["actor/taliban"], KGB.ArmedGroup, "Taliban")):
        g.add((node, RDF.type, cls))
        g.add((node, RDFS.label, Literal(label)))
    g.add((KABUL, KGB.containedIn, AFGHANISTAN))
    g.add((DOHA, KGB.containedIn, QATAR))
    for event in (TALKS, DEAL):
        g.add((event, KGB.place, DOHA))
        g.add((event, KGB.participant, DATA["actor/taliban"]))
    return g


def build(kb) -> tuple[Dataset, Graph]:
    """The dataset after linking (into graph/fused) and enrichment (into graph/wikidata)."""
    dataset = Dataset(default_union=True)
    fused = dataset.graph(GRAPH["fused"])
    fused += fused_graph()
    fused += link_graph(fused_graph(), kb)
    enriched = enrich(dataset, kb)
    assert enriched.identifier == GRAPH["wikidata"]
    target = dataset.graph(GRAPH["wikidata"])
    target += enriched
    return dataset, enriched


def contained(dataset: Dataset, place: URIRef) -> set[URIRef]:
    rows = dataset.query("SELECT ?up WHERE { ?place kgb:containedIn+ ?up }",
                         initNs={"kgb": KGB._NS}, initBindings={"place": place})
    return {row.up for row in rows}


def test_offline_enrichment_from_checked_items():
    kb = OfflineKB.from_file()
    dataset, enriched = build(kb)
    assert (GRAPH["wikidata"], PROV_DERIVED, WIKIDATA) in enriched
    # Kabul Province is not one of our nodes: containment goes through its wd: item, described here.
    assert (KABUL, KGB.containedIn, WD["Q188933"]) in enriched
    assert (WD["Q188933"], KGB.containedIn, AFGHANISTAN) in enriched
    assert (WD["Q188933"], RDF.type, KGB.Place) in enriched
    assert enriched.value(WD["Q188933"], RDFS.label) == Literal("Kabul Province", lang="en")
    assert (DOHA, KGB.containedIn, QATAR) in enriched
    geometry = enriched.value(KABUL, GEO.hasGeometry)
    assert geometry == URIRef(f"{KABUL}/geometry")
    assert enriched.value(geometry, GEO.asWKT) == Literal("POINT(69.17233 34.52813)", datatype=GEO.wktLiteral)
    # Nothing is said of what the offline KB does not know (Kabul University is unchecked).
    assert (UNIVERSITY, None, None) not in enriched
    assert not list(enriched.triples((None, WDT.P580, None)))
    assert AFGHANISTAN in contained(dataset, KABUL)


def test_offline_enrichment_of_negotiation_dates_at_their_precision():
    items = [{"qid": "Q1", "label": "Qatar", "type": "country"},
             {"qid": "Q2", "label": "Doha", "type": "city", "parent": "Q1", "lat": 25.28545, "lon": 51.53096},
             {"qid": "Q3", "label": "Intra-Afghan negotiations in Doha", "type": "event", "start": "2020-09"},
             {"qid": "Q4", "label": "Doha Agreement", "type": "event", "start": "2020-02-29", "end": "2020-02-29"}]
    _, enriched = build(OfflineKB(items))
    assert enriched.value(WD["Q3"], WDT.P580) == Literal("2020-09", datatype=URIRef(XSD_NS + "gYearMonth"))
    assert enriched.value(WD["Q3"], WDT.P582) is None
    assert enriched.value(WD["Q4"], WDT.P582) == Literal("2020-02-29", datatype=URIRef(XSD_NS + "date"))
    assert (TALKS, None, None) not in enriched  # the dates stay on Wikidata's item


def test_offline_enriched_graph_validates_with_the_fused_graph():
    dataset, _ = build(OfflineKB.from_file())
    report = validate(dataset)
    assert report.conforms, report.describe()


@pytest.fixture(scope="module")
def wikidata_kb(virtuoso, tmp_path_factory) -> WikidataKB:
    virtuoso.put_turtle("urn:kg-builder:test:wikidata", FIXTURE.read_text(encoding="utf-8"))
    return WikidataKB(virtuoso.sparql_url, cache_dir=tmp_path_factory.mktemp("wdcache"), min_interval_s=0)


@pytest.mark.server
def test_kabul_university_ends_up_in_kabul_and_afghanistan(wikidata_kb):
    dataset, enriched = build(wikidata_kb)
    assert (UNIVERSITY, KGB.containedIn, KABUL) in enriched
    assert {KABUL, AFGHANISTAN, WD["Q188933"]} <= contained(dataset, UNIVERSITY)
    point = enriched.value(enriched.value(UNIVERSITY, GEO.hasGeometry), GEO.asWKT)
    assert point == Literal("POINT(69.132309 34.517407)", datatype=GEO.wktLiteral)
    assert enriched.value(WD["Q99000003"], WDT.P580) == Literal("2020-09-12", datatype=URIRef(XSD_NS + "date"))
    assert enriched.value(WD["Q99000003"], WDT.P582) is None
    assert enriched.value(WD["Q99000004"], WDT.P582) == Literal("2020-02-29", datatype=URIRef(XSD_NS + "date"))
    report = validate(dataset)
    assert report.conforms, report.describe()


@pytest.mark.server
def test_kabul_links_only_with_its_country_known(wikidata_kb):
    # Without the fused containment Kabul is ambiguous in the fixture (a second "Kabul", in Iran).
    bare = Graph()
    bare.add((KABUL, RDF.type, KGB.Place))
    bare.add((KABUL, RDFS.label, Literal("Kabul")))
    assert not link_graph(bare, wikidata_kb)
    assert (KABUL, SKOS.exactMatch, WD["Q5838"]) in link_graph(bare, wikidata_kb, LinkContext(country="Afghanistan"))
