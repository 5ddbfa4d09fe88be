"""Linking to Wikidata: the offline knowledge base (checked identifiers only), link_graph, the
fallback, and the SPARQL knowledge base against a Wikidata-shaped graph in Virtuoso (marked server).
"""
from __future__ import annotations

import csv
import time
import warnings
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from kg_builder.errors import EndpointError, KGBError
from kg_builder.gazetteer import load as load_gazetteer
from kg_builder.link import (ITEMS_FILE, KINDS, FallbackKB, LinkContext, LinkFallbackWarning, OfflineKB,
                             WikidataKB, link, link_graph)
from kg_builder.vocab import DATA, KGB, WD

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "data" / "wikidata" / "reference.tsv"
CHECKS = ROOT / "data" / "wikidata" / "checks.tsv"
FIXTURE = Path(__file__).resolve().parent / "data" / "wikidata_fixture.ttl"
UNREACHABLE = "http://127.0.0.1:9/sparql"


@pytest.fixture(scope="module")
def kb() -> OfflineKB:
    return OfflineKB.from_file()


def reference_rows() -> list[dict]:
    with REFERENCE.open(encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


# The actors and places of the actors-with-wikidata question (../shared/cq/README.md), by name
# and by the aliases news reports use.
EXPECTED = [
    ("Islamic State", "ArmedGroup", "Q2429253"),
    ("IS", "ArmedGroup", "Q2429253"),
    ("ISIS", "ArmedGroup", "Q2429253"),
    ("Daesh", "ArmedGroup", "Q2429253"),
    ("United States", "State", "Q30"),
    ("U.S.", "State", "Q30"),
    ("Washington", "State", "Q30"),
    ("Russia", "State", "Q159"),
    ("Qatar", "State", "Q846"),
    ("Kabul", "Place", "Q5838"),
    ("the Afghan capital", "Place", "Q5838"),
    ("Doha", "Place", "Q3861"),
    ("Moscow", "Place", "Q649"),
    ("Abu Dhabi", "Place", "Q1519"),
    ("Herat", "Place", "Q45313"),
    ("Herat province", "Place", "Q182844"),
    ("Pentagon", "GovernmentBody", "Q11209"),
    ("Pompeo", "Person", "Q473239"),
]


@pytest.mark.parametrize("name,kind,qid", EXPECTED)
def test_cq_actors_and_places_link_to_their_checked_item(kb, name, kind, qid):
    found = link(name, kind, kb)
    assert found is not None and found.qid == qid, found
    assert 0.5 <= found.confidence <= 1 and found.method.startswith("offline-")


@pytest.mark.parametrize("name,kind", [
    ("Taliban", "ArmedGroup"),  # Q42418 is in reference.tsv but unchecked
    ("Washington", "Place"),  # the KB knows "Washington" only as a metonym for the United States state
    ("Moscow", "GovernmentBody"),  # a metonym for Russia, which is no government body
    ("is", "ArmedGroup"),  # lower-case "is" is not the acronym IS
    ("Atlantis Liberation Front", "ArmedGroup"),
    ("Kabul", "Person"),
])
def test_no_link(kb, name, kind):
    assert link(name, kind, kb) is None


def test_labels_outrank_aliases_and_metonyms(kb):
    herat = kb.candidates("Herat", "Place", LinkContext())
    assert [(c.qid, c.method) for c in herat] == [("Q45313", "offline-exact-label"), ("Q182844", "offline-alias")]
    assert link("Moscow", "State", kb).method == "offline-metonym"


def test_context_adds_to_the_score_and_says_so(kb):
    plain = link("Kabul", "Place", kb)
    in_country = link("Kabul", "Place", kb, LinkContext(country="Afghanistan"))
    assert in_country.qid == plain.qid == "Q5838"
    assert in_country.confidence > plain.confidence and in_country.method == "offline-exact-label+country"
    assert link("Kabul", "Place", kb, LinkContext(country="Q889")).method == "offline-exact-label+country"
    nearby = link("Kabul", "Place", kb, LinkContext(cooccurring=frozenset({"Kabul province"})))
    assert nearby.method == "offline-exact-label+cooccurrence"


def test_ambiguous_mention_needs_context():
    kb = OfflineKB([
        {"qid": "Q1", "label": "Afghanistan", "type": "country"},
        {"qid": "Q2", "label": "Iran", "type": "country"},
        {"qid": "Q10", "label": "Kabul", "type": "city", "parent": "Q1"},
        {"qid": "Q20", "label": "Kabul", "type": "city", "parent": "Q2"},
    ])
    assert link("Kabul", "Place", kb) is None
    assert link("Kabul", "Place", kb, LinkContext(country="Afghanistan")).qid == "Q10"
    assert link("Kabul", "Place", kb, LinkContext(country="Iran")).qid == "Q20"
    assert link("Kabul", "Place", kb, LinkContext(cooccurring=frozenset({"Iran"}))).qid == "Q20"


def test_gazetteer_names_link_to_the_gazetteers_qid_and_aliases_never_elsewhere(kb):
    gazetteer = load_gazetteer()
    records = [(a.name, a.aliases, a.kind, a.qid) for a in gazetteer.actors.values()]
    records += [(p.name, p.aliases, kind, p.qid) for p in gazetteer.places.values() for kind in (p.kind, "Place")
                if p.kind in KINDS]
    records = [r for r in records if r[3]]  # entries without a qid may link to what the KB knows
    assert len(records) >= 30
    for name, aliases, kind, qid in records:
        assert link(name, kind, kb).qid == qid, (name, kind)
        for alias in aliases:
            found = link(alias, kind, kb)
            assert found is None or found.qid == qid, (name, alias, kind, found)


def test_items_are_exactly_the_checked_rows():
    rows = reference_rows()
    checked = {r["qid"]: r["label"] for r in rows if r["qid_checked"] == "yes" and r["qid"]}
    with CHECKS.open(encoding="utf-8") as f:  # checked later, each with its source (data/wikidata/README.md)
        checked.update({r["qid"]: r["label"] for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)})
    items = OfflineKB.from_file(ITEMS_FILE).items
    assert {q: i["label"] for q, i in items.items()} == checked


def test_no_unchecked_identifier_can_come_out(kb):
    unchecked = [r for r in reference_rows() if r["qid_checked"] != "yes"]
    ids = {r["qid"] for r in unchecked if r["qid"]}
    assert ids >= {"Q42418", "Q212196"}  # the reference does hold unconfirmed ids
    assert not ids & set(kb.items)
    for row in unchecked:
        names = [row["label"], *(a.split(" (")[0] for a in row["aliases"].split("|") if a)]
        for name in names:
            for kind in KINDS:
                found = link(name, kind, kb, threshold=0.0)
                assert found is None or found.qid not in ids, (name, kind, found)


def test_unknown_kind_is_an_error(kb):
    with pytest.raises(KGBError, match="unknown mention kind 'Building'.*ArmedGroup"):
        kb.candidates("Kabul", "Building", LinkContext())


def fused_graph() -> Graph:
    """A fused graph as MODEL.md describes it: actors, places and one negotiation in Doha."""
    g = Graph()
    nodes = {
        "actor/islamic-state": (KGB.ArmedGroup, "Islamic State", ["IS", "Daesh"]),
        "actor/taliban": (KGB.ArmedGroup, "Taliban", ["Taleban"]),
        "actor/united-states": (KGB.State, "United States", ["Washington"]),
        "actor/is-militants": (KGB.ArmedGroup, "IS militants in the east", ["ISIL"]),
        "place/afghanistan": (KGB.Place, "Afghanistan", []),
        "place/kabul-province": (KGB.Place, "Kabul Province", []),
        "place/kabul": (KGB.Place, "Kabul", []),
        "place/qatar": (KGB.Place, "Qatar", []),
        "place/doha": (KGB.Place, "Doha", []),
        "place/atlantis": (KGB.Place, "Atlantis", []),
        "negotiation/n1": (KGB.Talks, "Talks in Doha", []),
    }
    for slug, (cls, label, aliases) in nodes.items():
        g.add((DATA[slug], RDF.type, cls))
        g.add((DATA[slug], RDFS.label, Literal(label)))
        for alias in aliases:
            g.add((DATA[slug], SKOS.altLabel, Literal(alias)))
    for child, parent in (("kabul", "kabul-province"), ("kabul-province", "afghanistan"), ("doha", "qatar")):
        g.add((DATA[f"place/{child}"], KGB.containedIn, DATA[f"place/{parent}"]))
    n1 = DATA["negotiation/n1"]
    g.add((n1, KGB.place, DATA["place/doha"]))
    g.add((n1, KGB.participant, DATA["actor/united-states"]))
    g.add((n1, KGB.participant, DATA["actor/taliban"]))
    return g


def test_link_graph_writes_exact_matches_with_confidence_and_method(kb):
    links = link_graph(fused_graph(), kb)
    matches = {(str(s)[len(str(DATA)):], str(o)[len(str(WD)):]) for s, o in links.subject_objects(SKOS.exactMatch)}
    assert matches == {
        ("actor/islamic-state", "Q2429253"), ("actor/united-states", "Q30"),
        ("actor/is-militants", "Q2429253"),  # by its altLabel
        ("place/afghanistan", "Q889"), ("place/kabul-province", "Q188933"), ("place/kabul", "Q5838"),
        ("place/qatar", "Q846"), ("place/doha", "Q3861"),
    }
    from rdflib.namespace import XSD  # imported here: pytest's collection trips over the namespace

    kabul = DATA["place/kabul"]
    confidence = links.value(kabul, KGB.linkConfidence)
    assert confidence.datatype == XSD.decimal and 0.9 < float(confidence) <= 1
    # The country comes from the graph's own containment: Kabul → Kabul Province → Afghanistan.
    assert str(links.value(kabul, KGB.linkMethod)) == "offline-exact-label+country+cooccurrence"
    assert (None, None, URIRef(WD["Q42418"])) not in links


def test_actors_with_wikidata_query(kb):
    fused = fused_graph()
    both = fused + link_graph(fused, kb)
    rows = both.query((ROOT / "queries" / "actors-with-wikidata.rq").read_text(encoding="utf-8"))
    found = {(str(r.label), str(r.item) if r.item else None) for r in rows}
    assert found == {
        ("Islamic State", str(WD["Q2429253"])), ("Taliban", None),
        ("United States", str(WD["Q30"])), ("IS militants in the east", str(WD["Q2429253"])),
        ("Afghanistan", str(WD["Q889"])), ("Kabul Province", str(WD["Q188933"])),
        ("Kabul", str(WD["Q5838"])), ("Qatar", str(WD["Q846"])), ("Doha", str(WD["Q3861"])),
        ("Atlantis", None),
    }


def test_unreachable_endpoint_is_an_endpoint_error(tmp_path):
    kb = WikidataKB(UNREACHABLE, cache_dir=tmp_path, min_interval_s=0, timeout_s=2)
    with pytest.raises(EndpointError, match="127.0.0.1:9.*OfflineKB"):
        kb.candidates("Kabul", "Place", LinkContext())
    assert kb.requests == 1 and not list(tmp_path.iterdir())


def test_fallback_warns_once_and_links_offline(tmp_path, kb):
    fallback = FallbackKB(WikidataKB(UNREACHABLE, cache_dir=tmp_path, min_interval_s=0, timeout_s=2), kb)
    with pytest.warns(LinkFallbackWarning, match="offline knowledge base"):
        first = link("Kabul", "Place", fallback)
    assert first.qid == "Q5838" and first.method.startswith("offline-")
    assert "127.0.0.1:9" in fallback.degraded
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert link("Doha", "Place", fallback).qid == "Q3861"
        assert fallback.facts("Q5838").parents == ("Q188933",)
    assert fallback.primary.requests == 1


# --- against a SPARQL server holding tests/data/wikidata_fixture.ttl ------------------------------

WIKIDATA_GRAPH = "urn:kg-builder:test:wikidata"


@pytest.fixture(scope="module")
def wikidata_endpoint(virtuoso) -> str:
    virtuoso.put_turtle(WIKIDATA_GRAPH, FIXTURE.read_text(encoding="utf-8"))
    return virtuoso.sparql_url


@pytest.mark.server
def test_wikidata_kb_disambiguates_by_country(wikidata_endpoint, tmp_path):
    kb = WikidataKB(wikidata_endpoint, cache_dir=tmp_path, min_interval_s=0)
    assert {c.qid for c in kb.candidates("Kabul", "Place", LinkContext())} == {"Q5838", "Q99000002"}
    assert link("Kabul", "Place", kb) is None  # two equally good "Kabul"s
    in_afghanistan = link("Kabul", "Place", kb, LinkContext(country="Afghanistan"))
    assert (in_afghanistan.qid, in_afghanistan.method) == ("Q5838", "wikidata-exact-label+country")
    assert link("kabul", "city", kb, LinkContext(country="Iran")).qid == "Q99000002"
    near = link("Kabul", "Place", kb, LinkContext(cooccurring=frozenset({"Kabul Province"})))
    assert (near.qid, near.method) == ("Q5838", "wikidata-exact-label+cooccurrence")


@pytest.mark.server
def test_wikidata_kb_aliases_types_and_case(wikidata_endpoint, tmp_path):
    kb = WikidataKB(wikidata_endpoint, cache_dir=tmp_path, min_interval_s=0)
    for name in ("IS", "Daesh", "daesh", "the Islamic State"):
        found = link(name, "ArmedGroup", kb)
        assert found and (found.qid, found.method) == ("Q2429253", "wikidata-alias"), name
    assert link("is", "ArmedGroup", kb) is None
    assert link("Kabul", "Person", kb) is None  # Kabul is no human (wdt:P31 wd:Q5)
    assert link("Pompeo", "Person", kb).qid == "Q473239"
    # A capital is found as a city through wdt:P279 (capital ⊑ city in the fixture).
    assert link("Doha", "city", kb).qid == "Q3861"
    assert link("intra-Afghan talks", "Negotiation", kb).qid == "Q99000003"


@pytest.mark.server
def test_wikidata_kb_facts(wikidata_endpoint, tmp_path):
    kb = WikidataKB(wikidata_endpoint, cache_dir=tmp_path, min_interval_s=0)
    university = kb.facts("Q99000001")
    assert university.label == "Kabul University"
    assert university.coords == (34.517407, 69.132309)
    assert university.parents == ("Q5838", "Q889")
    deal = kb.facts("Q99000004")
    assert (deal.start, deal.end, deal.coords) == ("2020-02-29", "2020-02-29", None)
    assert kb.facts("Q889").parents == ()  # its own wdt:P17 is not a parent


@pytest.mark.server
def test_wikidata_kb_cache_answers_a_second_identical_lookup(wikidata_endpoint, tmp_path):
    first = WikidataKB(wikidata_endpoint, cache_dir=tmp_path, min_interval_s=0)
    expected = first.candidates("Kabul", "Place", LinkContext())
    assert first.requests == 2  # the match query and the containment query
    first.candidates("Kabul", "Place", LinkContext())
    assert first.requests == 2
    second = WikidataKB(wikidata_endpoint, cache_dir=tmp_path, min_interval_s=0)
    assert second.candidates("Kabul", "Place", LinkContext()) == expected and second.requests == 0
    uncached = WikidataKB(wikidata_endpoint, cache_dir=None, min_interval_s=0)
    uncached.candidates("Kabul", "Place", LinkContext())
    assert uncached.requests == 2


@pytest.mark.server
def test_wikidata_kb_spaces_its_requests(wikidata_endpoint):
    kb = WikidataKB(wikidata_endpoint, cache_dir=None, min_interval_s=0.4)
    start = time.monotonic()
    kb.facts("Q5838")
    kb.facts("Q3861")
    kb.facts("Q889")
    assert kb.requests == 3 and time.monotonic() - start >= 0.8


@pytest.mark.server
def test_link_graph_with_wikidata_kb(wikidata_endpoint, tmp_path):
    kb = WikidataKB(wikidata_endpoint, cache_dir=tmp_path, min_interval_s=0)
    links = link_graph(fused_graph(), kb)
    kabul = DATA["place/kabul"]
    assert links.value(kabul, SKOS.exactMatch) == WD["Q5838"]
    assert str(links.value(kabul, KGB.linkMethod)).startswith("wikidata-exact-label+country")
    assert links.value(DATA["actor/islamic-state"], SKOS.exactMatch) == WD["Q2429253"]


class CountingGraph(Graph):
    """A graph that counts the triple patterns asked of it (each one a store lookup on Oxigraph)."""

    asked = 0

    def triples(self, pattern):
        CountingGraph.asked += 1
        return super().triples(pattern)


def test_link_graph_asks_each_predicate_once_not_each_node(kb):
    fused = CountingGraph()
    fused += fused_graph()
    CountingGraph.asked = 0
    links = link_graph(fused, kb)
    assert set(links) == set(link_graph(fused_graph(), kb))  # the same links as read node by node
    # one ask per class linked, one per predicate the context reads (labels, altLabels, containment,
    # place, participant, country): not seven asks for every node, as reading node by node took
    from kg_builder.link import CLASS_KINDS
    assert CountingGraph.asked <= len(CLASS_KINDS) + 6


def test_link_context_follows_containment_through_a_cycle(kb):
    """A containment cycle (bad input) ends the walk up the places instead of looping."""
    g = fused_graph()
    g.add((DATA["place/afghanistan"], KGB.containedIn, DATA["place/kabul"]))
    links = link_graph(g, kb)
    assert (DATA["place/kabul"], SKOS.exactMatch, WD["Q5838"]) in links
