"""Facts derived for the questions (kg_builder.derive): day numbers, kgb:nearStartOf, kgb:within.

Each fact is checked against the condition it stands for, with pairs where it must hold and where
it must not, and read back from a graph the way the query fixture derives it.
"""
from __future__ import annotations

from datetime import date, timedelta

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

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
