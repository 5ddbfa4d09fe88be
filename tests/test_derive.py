"""Facts derived for the questions (kg_builder.derive): day numbers, kgb:nearStartOf, kgb:within.

Each fact is checked against the condition it stands for, with pairs where it must hold and where
it must not, and read back from a graph the way the query fixture derives it.
"""
from __future__ import annotations

from datetime import date, timedelta

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, XSD

from kg_builder import derive, rdf
from kg_builder.fuse import Fusion
from kg_builder.types import FusedEvent, TimeValue
from kg_builder.vocab import DATA, KGB, TIME

D = date.fromisoformat


def day(text: str) -> TimeValue:
    return TimeValue(text, "day", D(text), D(text), D(text), D(text), text)


def span(first: str, last: str, granularity: str = "month") -> TimeValue:
    return TimeValue("", granularity, D(first), D(first) if granularity == "day" else D(last), D(first), D(last))


def node(name: str) -> URIRef:
    return DATA[f"test/{name}/time"]


def near(attack: TimeValue, negotiation: TimeValue) -> bool:
    graph = derive.derived_graph([(node("a"), attack)], [(node("n"), negotiation)], [])
    return (node("a"), KGB.nearStartOf, node("n")) in graph


def test_day_numbers_differ_by_the_days_between_bounds():
    graph = derive.derived_graph([(node("a"), span("2020-02-27", "2020-03-02"))], [], [])
    begin = graph.value(node("a"), KGB.earliestBeginDay)
    end = graph.value(node("a"), KGB.latestEndDay)
    assert begin.datatype == XSD.integer
    assert end.toPython() - begin.toPython() == 4  # across a leap day
    assert graph.value(node("a"), KGB.latestBeginDay) == Literal(D("2020-03-02").toordinal(), datatype=XSD.integer)


def test_unknown_bounds_get_no_day_number():
    open_ended = TimeValue("since May", "unknown", D("2020-05-01"), None, None, None)
    graph = derive.derived_graph([], [(node("n"), open_ended)], [])
    assert set(graph.predicates(node("n"))) == {KGB.earliestBeginDay}


def test_an_attack_days_from_a_meeting_is_near_its_start():
    meeting = day("2020-09-12")
    assert near(day("2020-09-12"), meeting)
    assert near(day("2020-09-05"), meeting)  # 7 days before
    assert near(day("2020-09-19"), meeting)  # 7 days after


def test_an_attack_eight_days_away_or_known_only_to_the_month_is_not_near():
    meeting = day("2020-09-12")
    assert not near(day("2020-09-20"), meeting)
    assert not near(day("2020-09-04"), meeting)
    assert not near(span("2020-09-01", "2020-09-30"), meeting)  # some day of September is far


def test_talks_whose_start_is_known_only_to_the_month_are_near_nothing():
    talks = TimeValue("since September", "month", D("2020-09-01"), D("2020-09-30"), D("2020-11-21"), None)
    assert not near(day("2020-09-15"), talks)
    assert not near(day("2020-09-15"), TimeValue("for months", "unknown", None, None, D("2020-11-21"), None))


def test_near_start_matches_the_definition_on_many_pairs():
    start = D("2020-01-01")
    times = [span((start + timedelta(days=d)).isoformat(), (start + timedelta(days=d + w)).isoformat(),
                  "day" if w == 0 else "week") for d in range(0, 40, 3) for w in (0, 1, 4, 9)]
    attacks = [(node(f"a{i}"), t) for i, t in enumerate(times)]
    negotiations = [(node(f"n{i}"), t) for i, t in enumerate(times)]
    graph = derive.derived_graph(attacks, negotiations, [])
    found = set(graph.subject_objects(KGB.nearStartOf))
    expected = {(a, n) for a, at in attacks for n, nt in negotiations
                if (at.latest_end - nt.earliest_begin).days <= 7 and (nt.latest_begin - at.earliest_begin).days <= 7}
    assert found == expected
    assert 0 < len(expected) < len(times) ** 2


def test_within_is_the_reflexive_transitive_closure_of_contained_in():
    university, kabul, province, country = (DATA[f"place/{n}"] for n in ("uni", "kabul", "province", "afghanistan"))
    doha = DATA["place/doha"]
    graph = derive.derived_graph([], [], [(university, kabul), (kabul, province), (province, country)])
    assert set(graph.objects(university, KGB.within)) == {university, kabul, province, country}
    assert set(graph.objects(country, KGB.within)) == {country}
    assert (doha, KGB.within, doha) not in graph  # a place no containment names is not listed
    assert (kabul, KGB.within, university) not in graph


def test_derived_from_graph_reads_back_what_the_fusion_gives():
    attack = FusedEvent("a" * 12, "attack", "RocketAttack", "Rocket attack", (("x", "A1"),), day("2020-11-21"))
    talks = FusedEvent("b" * 12, "negotiation", "Meeting", "Meeting", (("x", "N1"),), day("2020-11-20"))
    fusion = Fusion((attack, talks), {}, ())
    fused = Graph()
    for event in (attack, talks):
        fused.add((rdf.event_iri(event), RDF.type, KGB[event.kind]))
        fused.add((rdf.event_iri(event), KGB.time, rdf.add_time(fused, rdf.event_iri(event), event.time)))
    from_fusion = rdf.inferred_graph(fusion) + derive.derived_graph(
        rdf.timed_events(fusion, "attack"), rdf.timed_events(fusion, "negotiation"), [])
    from_graph = derive.derived_from_graph(fused)
    assert set(from_graph) == set(from_fusion)
    assert (rdf.time_iri(rdf.event_iri(attack)), TIME.after, rdf.time_iri(rdf.event_iri(talks))) in from_graph
    assert (rdf.time_iri(rdf.event_iri(attack)), KGB.nearStartOf, rdf.time_iri(rdf.event_iri(talks))) in from_graph


def _claim(graph: Graph, name: str, cls, attack: URIRef, role, actor: URIRef) -> None:
    claim = DATA[f"test/claim/{name}"]
    graph.add((claim, RDF.type, cls))
    graph.add((claim, KGB.aboutAttack, attack))
    graph.add((claim, role, actor))


def _report(graph: Graph, name: str, attack: URIRef, article: URIRef, perpetrator: URIRef | None = None) -> None:
    report = DATA[f"test/report/{name}"]
    graph.add((report, RDF.type, KGB.AttackReport))
    graph.add((report, KGB.reportsOn, attack))
    graph.add((report, PROV.wasDerivedFrom, article))
    if perpetrator is not None:
        graph.add((report, KGB.perpetrator, perpetrator))


def test_claim_facts_name_who_claimed_denied_and_was_blamed_and_count_articles():
    bombing, raid = DATA["test/attack/bombing"], DATA["test/attack/raid"]
    group, army, rebels = (DATA[f"test/actor/{n}"] for n in ("group", "army", "rebels"))
    first, second = DATA["test/article/1"], DATA["test/article/2"]
    one, two = Graph(), Graph()  # two article graphs, read one after the other as a build writes them
    _claim(one, "1", KGB.ResponsibilityClaim, bombing, KGB.claimant, group)
    _claim(one, "2", KGB.Attribution, bombing, KGB.blamedActor, rebels)
    _claim(one, "3", KGB.Attribution, raid, KGB.claimant, army)  # who blames is not who is blamed
    _report(one, "1a", bombing, first)
    _report(one, "1b", bombing, first)  # a second report in the same article is not a second source
    _report(two, "2a", bombing, second, perpetrator=army)
    _claim(two, "4", KGB.Denial, bombing, KGB.claimant, rebels)
    _report(two, "2b", raid, second)
    facts = derive.ClaimFacts()
    facts.add(one)
    facts.add(two)
    graph = facts.graph()
    assert set(graph.objects(bombing, KGB.claimedBy)) == {group}
    assert set(graph.objects(bombing, KGB.deniedBy)) == {rebels}
    assert set(graph.objects(bombing, KGB.blamedOn)) == {rebels, army}
    assert graph.value(bombing, KGB.sourceCount) == Literal(2, datatype=XSD.integer)
    assert graph.value(raid, KGB.sourceCount) == Literal(1, datatype=XSD.integer)
    # the raid has an attribution whose claimant blames nobody named, and no claim or denial
    assert not set(graph.predicate_objects(raid)) - {(KGB.sourceCount, Literal(1, datatype=XSD.integer))}
    # read from the union of both graphs (as derived_from_graph does), the same facts
    union = derive.ClaimFacts()
    union.add(one + two)
    assert set(union.graph()) == set(graph)
