"""Facts derived for the questions (kg_builder.derive): what they show of each event, the event-level
relations (kgb:happenedDuring, kgb:nearStartOf …), kgb:within and the claim facts.

Each fact is checked against the condition it stands for, with pairs where it must hold and where
it must not, and read back from a graph the way the query fixture derives it.
"""
from __future__ import annotations

from datetime import date, timedelta

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, XSD

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
    return DATA[f"test/{name}"]


def attack(name: str, time: TimeValue | None = None, place: str | None = None) -> derive.Shown:
    return derive.Shown(node(name), "attack", "Bombing", node(f"{name}/time") if time else None, time, place)


def talks(name: str, time: TimeValue | None = None) -> derive.Shown:
    return derive.Shown(node(name), "negotiation", "Talks", node(f"{name}/time") if time else None, time)


def derived(events, containment=()) -> Graph:
    """derived_graph with the Allen relations between the events' times, as a build gives them."""
    timed = {c: [(e.time_node, e.time) for e in events if e.category == c and e.time] for c in ("attack", "negotiation")}
    return derive.derived_graph(events, containment, rdf.allen_graph(timed["attack"], timed["negotiation"]))


def near(attack_time: TimeValue, negotiation_time: TimeValue) -> bool:
    graph = derived([attack("a", attack_time), talks("n", negotiation_time)])
    return (node("a"), KGB.nearStartOf, node("n")) in graph


def test_day_numbers_differ_by_the_days_between_bounds():
    graph = derived([attack("a", span("2020-02-27", "2020-03-02"))])
    begin = graph.value(node("a"), KGB.earliestBeginDay)
    end = graph.value(node("a"), KGB.latestEndDay)
    assert begin.datatype == XSD.integer
    assert end.toPython() - begin.toPython() == 4  # across a leap day
    assert graph.value(node("a"), KGB.latestBeginDay) == Literal(D("2020-03-02").toordinal(), datatype=XSD.integer)


def test_unknown_bounds_get_no_day_number():
    open_ended = TimeValue("since May", "unknown", D("2020-05-01"), None, None, None)
    graph = derived([talks("n", open_ended)])
    days = {KGB.earliestBeginDay, KGB.latestBeginDay, KGB.earliestEndDay, KGB.latestEndDay}
    assert set(graph.predicates(node("n"))) & days == {KGB.earliestBeginDay}


def test_date_as_known_at_the_precision_known():
    assert derive.date_as_known(D("2020-11-21"), D("2020-11-21"), "day") == "2020-11-21"
    assert derive.date_as_known(D("2020-09-01"), D("2020-09-30"), "month") == "2020-09"
    assert derive.date_as_known(D("2020-01-01"), D("2020-12-31"), "year") == "2020"
    assert derive.date_as_known(D("2020-05-01"), None, "unknown") == ">=2020-05-01"
    assert derive.date_as_known(None, D("2020-05-30"), "unknown") == "<=2020-05-30"
    assert derive.date_as_known(None, None, "unknown") is None


def test_date_as_known_keeps_a_range_the_unit_does_not_cover():
    # a week, or "September" whose bounds were widened past the month, stays a range
    assert derive.date_as_known(D("2020-09-28"), D("2020-10-04"), "week") == "2020-09-28/2020-10-04"
    assert derive.date_as_known(D("2020-09-01"), D("2020-10-15"), "month") == "2020-09-01/2020-10-15"
    assert derive.date_as_known(D("2020-09-01"), D("2020-09-30"), "week") == "2020-09-01/2020-09-30"


def test_shown_facts_of_each_event():
    bombing = attack("a", day("2020-11-21"), place="Kabul")
    graph = derived([bombing, talks("n"), attack("untimed")])
    assert graph.value(node("a"), KGB.dateAsKnown) == Literal("2020-11-21")
    assert graph.value(node("a"), KGB.earliestDate) == Literal(D("2020-11-21"))
    assert graph.value(node("a"), KGB.placeLabel) == Literal("Kabul")
    assert graph.value(node("a"), KGB.attackType) == Literal("Bombing")
    assert graph.value(node("n"), KGB.negotiationType) == Literal("Talks")
    assert graph.value(node("n"), KGB.attackType) is None
    assert graph.value(node("untimed"), KGB.dateAsKnown) is None  # nothing known, nothing shown
    assert graph.value(node("untimed"), KGB.placeLabel) is None


def test_time_order_sorts_by_earliest_begin_then_iri_unknown_first():
    events = [attack("b", day("2020-01-02")), attack("c", day("2020-01-01")), talks("a", day("2020-01-02")),
              attack("z"), talks("m", TimeValue("by May", "unknown", None, None, None, D("2020-05-30")))]
    graph = derived(events)
    order = sorted(events, key=lambda e: graph.value(e.node, KGB.timeOrder).toPython())
    assert [e.node for e in order] == [node("m"), node("z"), node("c"), node("a"), node("b")]
    assert sorted(graph.value(e.node, KGB.timeOrder).toPython() for e in events) == [1, 2, 3, 4, 5]


def test_happened_during_is_lifted_from_the_time_spans():
    held = TimeValue("", "day", D("2020-09-12"), D("2020-09-12"), D("2020-11-21"), D("2020-11-21"))
    unknown_end = TimeValue("", "day", D("2020-09-12"), D("2020-09-12"), None, None)
    events = [attack("a", day("2020-10-01")), talks("held", held), talks("open", unknown_end),
              talks("later", day("2020-12-01")), attack("untimed")]
    graph = derived(events)
    assert set(graph.objects(node("a"), KGB.happenedDuring)) == {node("held")}
    assert set(graph.objects(node("a"), KGB.possiblyHappenedDuring)) == {node("held")}  # "open": by day numbers
    assert not set(graph.subject_objects(KGB.possiblyHappenedDuring)) & {(node("untimed"), node("later"))}
    assert (node("a"), KGB.possiblyHappenedDuring, node("later")) not in graph


def test_an_attack_days_from_a_meeting_is_near_its_start():
    meeting = day("2020-09-12")
    assert near(day("2020-09-12"), meeting)
    assert near(day("2020-09-09"), meeting)  # 3 days before
    assert near(day("2020-09-15"), meeting)  # 3 days after


def test_an_attack_four_days_away_or_known_only_to_the_month_is_not_near():
    meeting = day("2020-09-12")
    assert not near(day("2020-09-16"), meeting)
    assert not near(day("2020-09-08"), meeting)
    assert not near(span("2020-09-01", "2020-09-30"), meeting)  # some day of September is far


def test_talks_whose_start_is_known_only_to_the_month_are_near_nothing():
    talks = TimeValue("since September", "month", D("2020-09-01"), D("2020-09-30"), D("2020-11-21"), None)
    assert not near(day("2020-09-15"), talks)
    assert not near(day("2020-09-15"), TimeValue("for months", "unknown", None, None, D("2020-11-21"), None))


def test_near_start_matches_the_definition_on_many_pairs():
    start = D("2020-01-01")
    times = [span((start + timedelta(days=d)).isoformat(), (start + timedelta(days=d + w)).isoformat(),
                  "day" if w == 0 else "week") for d in range(0, 40, 3) for w in (0, 1, 4, 9)]
    attacks = [attack(f"a{i}", t) for i, t in enumerate(times)]
    negotiations = [talks(f"n{i}", t) for i, t in enumerate(times)]
    graph = derived(attacks + negotiations)
    found = set(graph.subject_objects(KGB.nearStartOf))
    expected = {(a.node, n.node) for a in attacks for n in negotiations
                if (a.time.latest_end - n.time.earliest_begin).days <= 3
                and (n.time.latest_begin - a.time.earliest_begin).days <= 3}
    assert found == expected
    assert 0 < len(expected) < len(times) ** 2


def test_within_is_the_reflexive_transitive_closure_of_contained_in():
    university, kabul, province, country = (DATA[f"place/{n}"] for n in ("uni", "kabul", "province", "afghanistan"))
    doha = DATA["place/doha"]
    graph = derived([], [(university, kabul), (kabul, province), (province, country)])
    assert set(graph.objects(university, KGB.within)) == {university, kabul, province, country}
    assert set(graph.objects(country, KGB.within)) == {country}
    assert (doha, KGB.within, doha) not in graph  # a place no containment names is not listed
    assert (kabul, KGB.within, university) not in graph


def test_inferred_graphs_in_pieces_hold_the_allen_relations_and_the_derived_facts():
    kabul, city = rdf.place_iri("Kabul"), rdf.place_iri("Kabul University")
    events = [attack("a", day("2020-11-21"), "Kabul"), talks("n", span("2020-11-01", "2020-11-30")),
              attack("b", span("2020-11-19", "2020-11-23", "day")), talks("m", day("2020-11-18")),
              attack("c"), attack("d", day("2021-01-05"))]
    timed = {c: [(e.time_node, e.time) for e in events if e.category == c and e.time] for c in ("attack", "negotiation")}
    allen = rdf.allen_graph(timed["attack"], timed["negotiation"])
    whole = set(allen) | set(derive.derived_graph(events, [(city, kabul)], allen))
    for size in (1, 2, 4, 100):
        pieces = list(derive.inferred_graphs(events, [(city, kabul)], events_per_graph=size))
        assert len(pieces) == -(-len(events) // size) + 1  # the events in pieces, then kgb:within
        assert set().union(*(set(piece) for piece in pieces)) == whole, size
        orders = [o.toPython() for piece in pieces[:-1] for o in piece.objects(None, KGB.timeOrder)]
        assert sorted(orders) == list(range(1, len(events) + 1))


def test_derived_from_graph_reads_back_what_the_fusion_gives():
    attack_event = FusedEvent("a" * 12, "attack", "RocketAttack", "Rocket attack", (("x", "A1"),), day("2020-11-21"),
                              place="Kabul")
    talks_event = FusedEvent("b" * 12, "negotiation", "Meeting", "Meeting", (("x", "N1"),), day("2020-11-20"))
    fusion = Fusion((attack_event, talks_event), {}, ())
    fused = Graph()
    for event in (attack_event, talks_event):
        fused.add((rdf.event_iri(event), RDF.type, KGB[event.kind]))
        fused.add((rdf.event_iri(event), KGB.time, rdf.add_time(fused, rdf.event_iri(event), event.time)))
    fused.add((rdf.event_iri(attack_event), KGB.place, rdf.place_iri("Kabul")))
    fused.add((rdf.place_iri("Kabul"), RDFS.label, Literal("Kabul")))
    inferred = rdf.inferred_graph(fusion)
    from_fusion = inferred + derive.derived_graph(derive.shown_in_fusion(fusion), [], inferred)
    from_graph = derive.derived_from_graph(fused)
    assert set(from_graph) == set(from_fusion)
    assert (rdf.time_iri(rdf.event_iri(attack_event)), TIME.after, rdf.time_iri(rdf.event_iri(talks_event))) in from_graph
    assert (rdf.event_iri(attack_event), KGB.nearStartOf, rdf.event_iri(talks_event)) in from_graph
    assert (rdf.event_iri(attack_event), KGB.placeLabel, Literal("Kabul")) in from_graph


def _claim(graph: Graph, name: str, cls, attack: URIRef, role, actor: URIRef) -> None:
    claim = DATA[f"test/claim/{name}"]
    graph.add((claim, RDF.type, cls))
    graph.add((claim, KGB.aboutAttack, attack))
    graph.add((claim, role, actor))


def _report(graph: Graph, name: str, attack: URIRef, article: URIRef, perpetrator: URIRef | None = None,
            killed: int | None = None, qualifier: str | None = None) -> None:
    report = DATA[f"test/report/{name}"]
    graph.add((report, RDF.type, KGB.AttackReport))
    graph.add((report, KGB.reportsOn, attack))
    graph.add((report, PROV.wasDerivedFrom, article))
    if perpetrator is not None:
        graph.add((report, KGB.perpetrator, perpetrator))
    if killed is not None:
        graph.add((report, KGB.killed, Literal(killed)))
    if qualifier is not None:
        graph.add((report, KGB.killedQualifier, Literal(qualifier)))


def test_claim_facts_name_who_claimed_denied_and_was_blamed_and_count_articles():
    bombing, raid = DATA["test/attack/bombing"], DATA["test/attack/raid"]
    group, army, rebels = (DATA[f"test/actor/{n}"] for n in ("group", "army", "rebels"))
    first, second = DATA["test/article/1"], DATA["test/article/2"]
    one, two = Graph(), Graph()  # two article graphs, read one after the other as a build writes them
    _claim(one, "1", KGB.ResponsibilityClaim, bombing, KGB.claimant, group)
    _claim(one, "2", KGB.Attribution, bombing, KGB.blamedActor, rebels)
    _claim(one, "3", KGB.Attribution, raid, KGB.claimant, army)  # who blames is not who is blamed
    _report(one, "1a", bombing, first, killed=12, qualifier="at least")
    _report(one, "1b", bombing, first)  # a second report in the same article is not a second source
    _report(two, "2a", bombing, second, perpetrator=army, killed=9)
    _claim(two, "4", KGB.Denial, bombing, KGB.claimant, rebels)
    _report(two, "2b", raid, second)
    facts = derive.ClaimFacts()
    facts.add(one)
    facts.add(two)
    labels = Graph()
    for actor, name in ((group, "Hizb al-Test"), (army, "National Army"), (rebels, "Rebels")):
        labels.add((actor, RDFS.label, Literal(name)))
    graph = facts.graph(labels)
    assert set(graph.objects(bombing, KGB.claimedBy)) == {group}
    assert set(graph.objects(bombing, KGB.deniedBy)) == {rebels}
    assert set(graph.objects(bombing, KGB.blamedOn)) == {rebels, army}
    assert graph.value(bombing, KGB.sourceCount) == Literal(2, datatype=XSD.integer)
    assert graph.value(raid, KGB.sourceCount) == Literal(1, datatype=XSD.integer)
    # the names joined, sorted; each toll once, as a number and as stated
    assert graph.value(bombing, KGB.blamedOnNames) == Literal("National Army|Rebels")
    assert graph.value(bombing, KGB.claimedByNames) == Literal("Hizb al-Test")
    assert graph.value(bombing, KGB.reportedKilled) == Literal("9|12")
    assert graph.value(bombing, KGB.reportedKilledAsStated) == Literal("9|at least 12")
    # the raid has an attribution whose claimant blames nobody named, no claim or denial, no toll
    assert not set(graph.predicate_objects(raid)) - {(KGB.sourceCount, Literal(1, datatype=XSD.integer))}
    # read from the union of both graphs (as derived_from_graph does), the same facts
    union = derive.ClaimFacts()
    union.add(one + two)
    assert set(union.graph(labels)) == set(graph)
    # in pieces of one attack each, the same facts
    assert set().union(*(set(piece) for piece in facts.graphs(labels, per_graph=1))) == set(graph)


def test_casualty_claim_facts_link_the_same_articles_tolled_reports_only():
    bombing, raid = DATA["test/attack/bombing"], DATA["test/attack/raid"]
    group, spokesman = DATA["test/actor/group"], DATA["test/actor/spokesman"]
    first, second = DATA["test/article/1"], DATA["test/article/2"]
    one, two = Graph(), Graph()
    for graph, article, source in ((one, first, "a-1"), (two, second, "a-2")):
        graph.add((article, KGB.articleId, Literal(source)))
    _claim(one, "c1", KGB.CasualtyClaim, bombing, KGB.claimant, group)
    claim = DATA["test/claim/c1"]
    one.add((claim, KGB.claimedKilled, Literal(30)))
    one.add((claim, KGB.speaker, spokesman))
    one.add((claim, PROV.wasDerivedFrom, first))
    _report(one, "1a", bombing, first, killed=12)  # the same article's toll on the same attack: linked
    _report(one, "1b", bombing, first)  # no toll: not linked
    _report(one, "1c", raid, first, killed=4)  # another attack: not linked
    _report(two, "2a", bombing, second, killed=9)  # another article: not linked
    _claim(two, "c2", KGB.CasualtyClaim, bombing, KGB.claimant, group)  # no figure: no facts at all
    figureless = DATA["test/claim/c2"]
    two.add((figureless, PROV.wasDerivedFrom, second))
    facts = derive.ClaimFacts()
    facts.add(one)
    facts.add(two)
    labels = Graph()
    labels.add((group, RDFS.label, Literal("Hizb al-Test")))
    labels.add((spokesman, RDFS.label, Literal("Abu Test")))
    graph = facts.graph(labels)
    assert set(graph.objects(claim, KGB.sameArticleReport)) == {DATA["test/report/1a"]}
    assert graph.value(claim, KGB.casualtyClaimAbout) == bombing
    assert graph.value(claim, KGB.claimantLabel) == Literal("Hizb al-Test")
    assert graph.value(claim, KGB.speakerLabel) == Literal("Abu Test")
    assert graph.value(claim, KGB.sourceArticleId) == Literal("a-1")
    assert not set(graph.predicate_objects(figureless))
