"""The graphs of ontology/MODEL.md written from hand-made extractions: shapes, round trips, Allen relations."""
from __future__ import annotations

from datetime import date

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD

from kg_builder import rdf
from kg_builder.errors import KGBError
from kg_builder.fuse import Fusion, fuse
from kg_builder.validate import validate
from kg_builder.vocab import DATA, GRAPH, KGB, TIME
from kg_builder.types import ClaimMention, Figure, FusedEvent, PersonRole, TimeValue
from test_fuse import GAZETTEER, article, attack, day, evidence, month, seed_extractions, talks

D = date.fromisoformat


def sputnik():
    """Article 000: a car bombing claimed with a casualty figure, an unplaced attack, a finished round."""
    return article(
        "000",
        attacks=[attack("A1", "CarBombing", day("2019-05-31", "early Friday morning"), "Kabul", Figure(4, "at least"),
                        injured=Figure(4, "at least"), targets=("convoy", "passers-by"), place_detail="Jalalabad road"),
                 attack("A2", "Attack", day("2019-05-30", "a day before"), None, Figure(6, "at least")),
                 attack("A3", "Bombing", day("2019-05-29"), "Pul-e-Charkhi", perpetrators=("Taliban",))],
        claims=[ClaimMention("claims_responsibility", "Taliban", "A1", evidence("The Taliban said they did it."),
                             speaker="Zabihullah Mujahid"),
                ClaimMention("casualty_claim", "Taliban", "A1", evidence("They said ten were killed.", 30),
                             speaker="Zabihullah Mujahid", killed=Figure(10)),
                ClaimMention("claims_responsibility", "SITE-listed cell", "A2", evidence("A cell claimed it.", 60))],
        negotiations=[talks("N1", "NegotiationRound", participants=("United States", "Taliban"), round=6,
                            time=TimeValue("recently", "unknown", None, None, None, D("2019-05-30")), status="ended")],
        people=[PersonRole("Zabihullah Mujahid", "spokesman", "Taliban")], published=D("2019-05-31"))


def extractions():
    return [sputnik(), *seed_extractions()]


def build(items) -> tuple[Dataset, dict[URIRef, Graph], Fusion]:
    fusion = fuse(items, GAZETTEER)
    graphs = {rdf.article_graph_iri(e.article.id): rdf.article_graph(e, fusion, f"sha256:{e.article.id}")
              for e in items}
    graphs[rdf.FUSED_GRAPH] = rdf.fused_graph(fusion, items, GAZETTEER)
    graphs[rdf.INFERRED_GRAPH] = rdf.inferred_graph(fusion)
    dataset = Dataset()
    for name, graph in graphs.items():
        dataset.graph(name).__iadd__(graph)
    return dataset, graphs, fusion


@pytest.fixture(scope="module")
def built():
    return build(extractions())


def assert_isomorphic(a: Graph, b: Graph) -> None:
    if not isomorphic(a, b):
        _, only_a, only_b = graph_diff(to_isomorphic(a), to_isomorphic(b))
        pytest.fail(f"only in first:\n{only_a.serialize(format='nt')}\nonly in second:\n{only_b.serialize(format='nt')}")


def test_every_graph_passes_the_shapes_and_checks(built):
    dataset, _, _ = built
    report = validate(dataset)
    assert report.conforms, report.describe()


def test_iris_follow_the_model():
    assert rdf.article_iri("002") == DATA["article/002"]
    assert rdf.article_graph_iri("002") == GRAPH["article/002"]
    assert rdf.place_iri("Kabul Province") == DATA["place/kabul-province"]
    assert rdf.actor_iri("Al-Qaeda in the Arabian Peninsula") == DATA["actor/al-qaeda-in-the-arabian-peninsula"]
    assert rdf.slug("Hérat – Islam Qala") == "herat-islam-qala"
    assert rdf.slug("كابل").startswith("n-") and rdf.slug("كابل") != rdf.slug("هرات")


def test_names_that_differ_only_in_letters_without_ascii_form_keep_distinct_iris():
    a, b = rdf.slug("Spokesman Abu محمد"), rdf.slug("Spokesman Abu علي")
    assert a != b and a.startswith("spokesman-abu-") and b.startswith("spokesman-abu-")
    assert rdf.slug("Spokesman Abu محمد") == a  # stable
    assert rdf.slug("Ağrı") != rdf.slug("Agri")  # the dotless ı has no ASCII form
    assert rdf.slug("Hakkâri") == rdf.slug("Hakkari")  # an accent alone folds away
    assert rdf.article_iri("a b/c") == DATA["article/a%20b%2Fc"]
    event = FusedEvent("0123456789ab", "attack", "Attack", "Attack", (("x", "A1"),))
    assert rdf.event_iri(event) == DATA["attack/0123456789ab"]


def test_article_node_and_reports(built):
    _, graphs, fusion = built
    g = graphs[rdf.article_graph_iri("000")]
    node = rdf.article_iri("000")
    assert g.value(node, KGB.published) == Literal(D("2019-05-31"))
    assert g.value(node, KGB.published).datatype == XSD.date
    assert g.value(node, KGB.contentHash) == Literal("sha256:000")
    assert g.value(node, KGB.namedGraph) == rdf.article_graph_iri("000")
    report = rdf.report_iri("000", "A1")
    assert g.value(report, KGB.reportsOn) == rdf.event_iri(fusion.event_of("000", "A1"))
    assert g.value(report, PROV.wasDerivedFrom) == node
    assert g.value(report, KGB.placeDetail) == Literal("Jalalabad road")
    assert set(g.objects(report, KGB.targetDescription)) == {Literal("convoy"), Literal("passers-by")}
    assert (g.value(report, KGB.killed), g.value(report, KGB.killedQualifier)) == (Literal(4), Literal("at least"))
    time = g.value(report, KGB.reportedTime)
    assert time == URIRef(f"{report}/time") and g.value(time, KGB.timeExpression) == Literal("early Friday morning")
    assert g.value(rdf.report_iri("000", "A3"), KGB.perpetrator) == rdf.actor_iri("Taliban")
    negotiation = rdf.report_iri("000", "N1")
    assert (negotiation, RDF.type, KGB.NegotiationReport) in g
    assert g.value(negotiation, KGB.status) == Literal("ended")


def test_claims_point_at_the_fused_attack(built):
    _, graphs, fusion = built
    attack_iri = rdf.event_iri(fusion.event_of("002", "A1"))
    g004 = graphs[rdf.article_graph_iri("004")]
    claim = rdf.claim_iri("004", 1)
    assert (claim, RDF.type, KGB.Attribution) in g004
    assert g004.value(claim, KGB.aboutAttack) == attack_iri
    assert g004.value(claim, KGB.blamedActor) == rdf.actor_iri("Taliban")
    assert g004.value(claim, KGB.speaker) == rdf.actor_iri("Tariq Arian")
    assert graphs[rdf.article_graph_iri("002")].value(rdf.report_iri("002", "A1"), KGB.reportsOn) == attack_iri
    g000 = graphs[rdf.article_graph_iri("000")]
    casualty = rdf.claim_iri("000", 2)
    assert (casualty, RDF.type, KGB.CasualtyClaim) in g000
    assert g000.value(casualty, KGB.claimedKilled) == Literal(10)
    assert g000.value(casualty, KGB.claimedKilledQualifier) is None
    assert g000.value(rdf.claim_iri("000", 1), KGB.blamedActor) is None


def test_different_figures_stay_in_their_own_article_graphs(built):
    _, graphs, fusion = built
    figures = {aid: (graphs[rdf.article_graph_iri(aid)].value(rdf.report_iri(aid, "A1"), KGB.injured),
                     graphs[rdf.article_graph_iri(aid)].value(rdf.report_iri(aid, "A1"), KGB.injuredQualifier))
               for aid in ("002", "004")}
    assert figures == {"002": (Literal(24), Literal("more than")), "004": (Literal(31), None)}
    fused = graphs[rdf.FUSED_GRAPH]
    attack_iri = rdf.event_iri(fusion.event_of("002", "A1"))
    assert not set(fused.objects(attack_iri, KGB.injured)) and not set(fused.objects(None, KGB.killed))


def test_fused_events_actors_and_places(built):
    _, graphs, fusion = built
    g = graphs[rdf.FUSED_GRAPH]
    rockets = rdf.event_iri(fusion.event_of("004", "A1"))
    assert (rockets, RDF.type, KGB.RocketAttack) in g
    assert g.value(rockets, RDFS.label) == Literal("Rocket attack, Kabul, 2020-11-21")
    assert (g.value(rockets, KGB.place), g.value(rockets, KGB.country)) == (
        rdf.place_iri("Kabul"), rdf.place_iri("Afghanistan"))
    unplaced = rdf.event_iri(fusion.event_of("000", "A2"))
    assert g.value(unplaced, RDFS.label) == Literal("Attack, Afghanistan, 2019-05-30")
    assert g.value(unplaced, KGB.place) is None
    round6 = rdf.event_iri(fusion.event_of("000", "N1"))
    assert g.value(round6, KGB.roundNumber) == Literal(6)
    assert set(g.objects(round6, KGB.participant)) == {rdf.actor_iri("United States"), rdf.actor_iri("Taliban")}
    # containment up to the country; a place the gazetteer lacks lies in its mention's country
    chain = [rdf.place_iri(p) for p in ("Kabul", "Kabul Province", "Afghanistan")]
    assert [g.value(p, KGB.containedIn) for p in chain] == [chain[1], chain[2], None]
    assert g.value(rdf.place_iri("Pul-e-Charkhi"), KGB.containedIn) == rdf.place_iri("Afghanistan")
    assert g.value(rdf.place_iri("Doha"), KGB.containedIn) == rdf.place_iri("Qatar")
    # actors: the extraction's or gazetteer's kind, people as Person, unknown ones as Organization
    kinds = {name: g.value(rdf.actor_iri(name), RDF.type) for name in
             ("Taliban", "United States", "Afghan Ministry of Interior", "Zabihullah Mujahid", "Tariq Arian",
              "SITE-listed cell")}
    assert kinds == {"Taliban": KGB.ArmedGroup, "United States": KGB.State,
                     "Afghan Ministry of Interior": KGB.GovernmentBody, "Zabihullah Mujahid": KGB.Person,
                     "Tariq Arian": KGB.Person, "SITE-listed cell": KGB.Organization}
    assert set(g.objects(rdf.actor_iri("Taliban"), SKOS.altLabel)) == {Literal("the Taliban"), Literal("Taleban")}
    assert not list(g.triples((None, SKOS.exactMatch, None)))


def test_people_roles_in_the_article_graph(built):
    _, graphs, _ = built
    g = graphs[rdf.article_graph_iri("002")]
    pompeo = rdf.actor_iri("Mike Pompeo")
    assert set(g.objects(pompeo, RDF.type)) == {KGB.Person}
    assert g.value(pompeo, KGB.roleTitle) == Literal("Secretary of State")
    assert g.value(pompeo, KGB.affiliation) == rdf.actor_iri("United States")
    spokesman = graphs[rdf.article_graph_iri("004")]
    assert (rdf.actor_iri("Tariq Arian"), RDF.type, KGB.Spokesperson) in spokesman


def test_time_nodes_state_bounds_and_pinned_instants(built):
    _, graphs, fusion = built
    g = graphs[rdf.FUSED_GRAPH]
    talks_time = rdf.time_iri(rdf.event_iri(fusion.event_of("004", "N1")))
    assert g.value(talks_time, KGB.granularity) == Literal("month")
    assert g.value(talks_time, KGB.latestBegin) == Literal(D("2020-09-30"))
    assert g.value(talks_time, KGB.latestEnd) is None  # still going on: the end is unknown
    assert g.value(talks_time, KGB.timeExpression) is None  # fused: the words belong to the reports
    begin = g.value(talks_time, TIME.hasBeginning)
    assert g.value(begin, TIME.inXSDgYearMonth) == Literal("2020-09", datatype=XSD.gYearMonth)
    assert g.value(talks_time, TIME.hasEnd) is None
    year = Graph()
    rdf.add_time(year, DATA["x"], TimeValue("earlier this year", "year", D("2020-01-01"), D("2020-11-21"),
                                             D("2020-01-01"), D("2020-11-21")))
    node = rdf.time_iri(DATA["x"])
    assert year.value(year.value(node, TIME.hasEnd), TIME.inXSDgYear) == Literal("2020", datatype=XSD.gYear)
    assert year.value(node, KGB.timeExpression) == Literal("earlier this year")
    rocket_time = rdf.time_iri(rdf.event_iri(fusion.event_of("002", "A1")))
    assert g.value(g.value(rocket_time, TIME.hasBeginning), TIME.inXSDDate) == Literal(D("2020-11-21"))


@pytest.mark.parametrize("fmt", ["turtle", "json-ld"])
def test_graphs_round_trip(built, fmt):
    _, graphs, _ = built
    for graph in graphs.values():
        assert_isomorphic(graph, Graph().parse(data=graph.serialize(format=fmt), format=fmt))


@pytest.mark.parametrize("fmt", ["trig", "nquads"])
def test_dataset_round_trips(built, fmt):
    dataset, graphs, _ = built
    back = Dataset()
    back.parse(data=dataset.serialize(format=fmt), format=fmt)
    for name, graph in graphs.items():
        assert_isomorphic(graph, back.graph(name))


def test_rebuilding_in_any_order_gives_isomorphic_graphs(built):
    _, graphs, _ = built
    _, again, _ = build(list(reversed(extractions())))
    assert again.keys() == graphs.keys()
    for name in graphs:
        assert_isomorphic(graphs[name], again[name])


# --- Allen relations ----------------------------------------------------------------------------

ATTACK_DAY = day("2020-11-21")
TALKS = TimeValue("since September", "month", D("2020-09-01"), D("2020-09-30"), D("2020-11-21"), None)
TALKS_BEGIN_UNKNOWN = TimeValue("for months", "unknown", None, None, D("2020-11-21"), None)


def allen(attack_time: TimeValue, negotiation_time: TimeValue) -> set[URIRef]:
    """The properties inferred_graph writes from one attack's time node to one negotiation's."""
    a = FusedEvent("a" * 12, "attack", "RocketAttack", "a", (("x", "A1"),), attack_time)
    n = FusedEvent("b" * 12, "negotiation", "Talks", "n", (("x", "N1"),), negotiation_time)
    g = rdf.inferred_graph(Fusion((a, n), {}, ()))
    assert set(g.subjects()) <= {rdf.time_iri(rdf.event_iri(a))}
    assert set(g.objects()) <= {rdf.time_iri(rdf.event_iri(n))}
    return set(g.predicates())


def test_attack_is_certainly_during_talks_with_known_bounds():
    overlaps = rdf.ALLEN["overlaps"].certain_property  # sharing a day: a kgb term once kgb.ttl has it
    assert allen(ATTACK_DAY, TALKS) == {TIME.intervalIn} | ({overlaps} if overlaps else set())


def test_attack_is_not_certainly_during_talks_whose_begin_is_unknown():
    relations = allen(ATTACK_DAY, TALKS_BEGIN_UNKNOWN)
    assert TIME.intervalIn not in relations and TIME.before not in relations and TIME.after not in relations


def test_attack_known_to_the_month_is_only_possibly_during_talks_of_known_span():
    talks_held = TimeValue("from 10 to 30 November", "day", D("2020-11-10"), D("2020-11-10"), D("2020-11-30"),
                           D("2020-11-30"))
    assert allen(month("2020-11"), talks_held) == {KGB.possiblyDuring, KGB.possiblyOverlaps, KGB.possiblyBefore}
    assert KGB.possiblyDuring not in allen(ATTACK_DAY, TALKS)  # certain, so not "only possibly"


def test_no_possibly_relation_to_talks_with_an_open_end():
    # Talks last reported going on on 21 November and never said to have ended: an attack a year
    # later may have been during them, as may every later attack; that is left to the day numbers.
    assert allen(day("2021-11-21"), TALKS) == set()
    assert allen(ATTACK_DAY, TALKS_BEGIN_UNKNOWN) == set()
    assert allen(ATTACK_DAY, TALKS) == {TIME.intervalIn, KGB.certainlyOverlaps}  # certain ones stay


def test_no_possibly_relation_from_an_attack_with_an_open_span():
    after_the_talks = TimeValue("after the talks", "unknown", D("2020-12-01"), None, None, None)
    talks_held = TimeValue("in December", "day", D("2020-12-01"), D("2020-12-01"), D("2020-12-20"), D("2020-12-20"))
    assert allen(after_the_talks, talks_held) == set()
    assert allen(after_the_talks, day("2020-11-21")) == {TIME.after}


def test_before_and_after_are_certain_across_years():
    assert allen(day("2019-05-31"), TALKS) == {TIME.before}
    assert allen(day("2021-03-01"), month("2020-09")) == {TIME.after}


def test_events_without_time_get_no_relations():
    untimed = FusedEvent("c" * 12, "attack", "Attack", "x", (("x", "A1"),))
    talks_event = FusedEvent("d" * 12, "negotiation", "Talks", "n", (("x", "N1"),), TALKS)
    assert not rdf.inferred_graph(Fusion((untimed, talks_event), {}, ()))


# --- errors -------------------------------------------------------------------------------------

def test_a_claim_about_an_attack_the_article_lacks_is_an_error():
    bad = article("009", [attack("A1", time=day("2020-11-21"))],
                  claims=[ClaimMention("denies_responsibility", "Taliban", "A7", evidence("No."))])
    with pytest.raises(KGBError, match="article 009: claim 1 about attack A7"):
        rdf.article_graph(bad, fuse([bad], GAZETTEER), "sha256:x")


def test_unknown_stance_and_kind_are_errors():
    bad = article("009", [attack("A1", time=day("2020-11-21"))],
                  claims=[ClaimMention("praises", "Taliban", "A1", evidence("Yes."))])
    with pytest.raises(KGBError, match="stance 'praises'"):
        rdf.article_graph(bad, fuse([bad], GAZETTEER), "sha256:x")
    odd = article("009", [attack("A1", "Ambush", day("2020-11-21"))])
    with pytest.raises(KGBError, match="kind 'Ambush'"):
        rdf.fused_graph(fuse([odd], GAZETTEER), [odd], GAZETTEER)


def pair_by_pair(attacks: list[FusedEvent], talks_: list[FusedEvent]) -> set:
    """What temporal.py says of every (attack, negotiation) pair: the certain relation where it is
    proved, else the possible one when both spans are closed (rdf.closed)."""
    expected = set()
    for a in attacks:
        for n in talks_:
            both_closed = rdf.closed(a.time) and rdf.closed(n.time)
            for relation in rdf.ALLEN.values():
                prop = relation.certain_property if relation.certain(a.time, n.time) else \
                    relation.possible_property if both_closed and relation.possible(a.time, n.time) else None
                if prop is not None:
                    expected.add((rdf.time_iri(rdf.event_iri(a)), prop, rdf.time_iri(rdf.event_iri(n))))
    return expected


def test_inferred_relations_match_temporal_pair_by_pair():
    """The bisection shortcut for before/after writes exactly what temporal.py says of every pair."""
    from kg_builder import temporal
    times = [day("2019-05-30"), day("2020-11-21"), month("2020-09"), TALKS, TALKS_BEGIN_UNKNOWN,
             TimeValue("by May", "unknown", None, None, None, D("2019-05-31")),
             TimeValue("after the attack", "unknown", D("2020-11-22"), None, None, None),
             TimeValue("mid-November", "month", D("2020-11-11"), D("2020-11-20"), D("2020-11-11"), D("2020-11-20"))]
    attacks = [FusedEvent(f"a{i:011d}", "attack", "Attack", "a", ((str(i), "A1"),), t) for i, t in enumerate(times)]
    talks_ = [FusedEvent(f"b{i:011d}", "negotiation", "Talks", "n", ((str(i), "N1"),), t) for i, t in enumerate(times)]
    fusion = Fusion((*attacks, *talks_), {}, ())
    written = set(rdf.inferred_graph(fusion))
    assert written == pair_by_pair(attacks, talks_)
    assert temporal.certainly_before(times[0], times[1])
    assert (rdf.time_iri(rdf.event_iri(attacks[0])), TIME.before, rdf.time_iri(rdf.event_iri(talks_[1]))) in written
    assert len(written) > len(times) ** 2 // 2
    near = set(rdf.inferred_graph(fusion, max_gap_days=30))
    before_after = (TIME.before, TIME.after)
    assert near <= written
    assert {t for t in near if t[1] not in before_after} == {t for t in written if t[1] not in before_after}
    first, mid_november, rockets = (rdf.time_iri(rdf.event_iri(e)) for e in (attacks[0], attacks[7], talks_[1]))
    assert (first, TIME.before, rockets) not in near  # 18 months apart
    assert (mid_november, TIME.before, rockets) in near  # a day apart


def test_inferred_relations_match_temporal_on_many_short_and_long_spans():
    """The date lookup of short negotiations misses no pair that brute force finds (seeded sample)."""
    import random
    from datetime import timedelta
    rng = random.Random(7)

    def span(i: int) -> TimeValue:
        first = D("2020-01-01") + timedelta(days=rng.randint(0, 200))
        last = first + timedelta(days=rng.choice((0, 0, 1, 5, 30, 62, 63, 90, 400)))
        if i % 11 == 0:
            return TimeValue("since", "unknown", first, first, first, None)
        if i % 5 == 0:  # each end known to within a few days
            return TimeValue("about", "unknown", first, first + timedelta(days=3), last, last + timedelta(days=3))
        return TimeValue("x", "day", first, first, last, last)

    attacks = [FusedEvent(f"a{i:011d}", "attack", "Attack", "a", ((str(i), "A1"),), span(i)) for i in range(60)]
    talks_ = [FusedEvent(f"b{i:011d}", "negotiation", "Talks", "n", ((str(i), "N1"),), span(i)) for i in range(60)]
    written = set(rdf.inferred_graph(Fusion((*attacks, *talks_), {}, ())))
    assert written == pair_by_pair(attacks, talks_)
    assert any(p == TIME.intervalIn for _, p, _ in written) and any(p == KGB.possiblyDuring for _, p, _ in written)
    open_talks = {rdf.time_iri(rdf.event_iri(n)) for n in talks_ if not rdf.closed(n.time)}
    assert any(p == TIME.intervalIn and n in open_talks for _, p, n in written)


def test_inferred_relations_match_temporal_with_processes_of_talks_lasting_years():
    """Spans of months to years, spread over a decade, looked up in their own windows, miss no pair."""
    import random
    from datetime import timedelta
    rng = random.Random(11)

    def span(i: int) -> TimeValue:
        first = D("2012-01-01") + timedelta(days=rng.randint(0, 3650))
        last = first + timedelta(days=rng.choice((0, 3, 62, 63, 124, 125, 300, 700, 1500, 4000)))
        if i % 13 == 0:
            return TimeValue("until", "unknown", None, last, last, last)
        return TimeValue("x", "day", first, first, last, last)

    attacks = [FusedEvent(f"a{i:011d}", "attack", "Attack", "a", ((str(i), "A1"),), span(i)) for i in range(80)]
    talks_ = [FusedEvent(f"b{i:011d}", "negotiation", "Talks", "n", ((str(i), "N1"),), span(i)) for i in range(80)]
    written = set(rdf.inferred_graph(Fusion((*attacks, *talks_), {}, ())))
    assert written == pair_by_pair(attacks, talks_)
    assert any(p == TIME.before for _, p, _ in written) and any(p == TIME.intervalIn for _, p, _ in written)


def test_mediators_are_their_own_role_and_pass_the_shapes():
    extractions = [article("020", negotiations=[talks("N1", participants=("Israel", "Hamas"), place="Cairo",
                                                      mediators=("Egypt", "Qatar"))]),
                   article("021", negotiations=[talks("N1", participants=("Israel", "Hamas", "Qatar"),
                                                      place="Cairo")])]
    fusion = fuse(extractions, GAZETTEER)
    g = rdf.fused_graph(fusion, extractions, GAZETTEER)
    node = rdf.event_iri(fusion.event_of("020", "N1"))
    assert fusion.event_of("021", "N1") == fusion.event_of("020", "N1")
    assert set(g.objects(node, KGB.mediator)) == {rdf.actor_iri("Egypt")}  # a party in one report stays a party
    assert (node, KGB.participant, rdf.actor_iri("Qatar")) in g
    assert g.value(rdf.actor_iri("Egypt"), RDFS.label) == Literal("Egypt")  # the mediator is an actor node
    assert validate(g).conforms


def test_the_fused_graph_in_pieces_is_the_fused_graph():
    items = extractions()
    fusion = fuse(items, GAZETTEER)
    pieces = list(rdf.fused_graphs(fusion, items, GAZETTEER, events_per_graph=2))
    assert len(pieces) == (len(fusion.events) + 1) // 2 + 1  # the events two by two, then actors and places
    # each piece labels its own events only (no actor or place), two by two
    labelled = [len(set(piece.subjects(RDFS.label))) for piece in pieces[:-1]]
    assert labelled == [2] * (len(fusion.events) // 2) + [1] * (len(fusion.events) % 2)
    assert not any(pieces[-1].triples((None, KGB.time, None)))  # the last piece holds no event
    whole = Graph()
    for piece in pieces:
        whole += piece
    assert isomorphic(whole, rdf.fused_graph(fusion, items, GAZETTEER))


def test_an_article_graph_is_freed_when_dropped_with_its_prefixes_kept():
    """No reference cycle: a build's graph per article goes when its last reference does, not at the
    cycle collector's next full pass (Graph.bind's NamespaceManager held the graph in one)."""
    import gc
    import weakref

    items = extractions()
    fusion = fuse(items, GAZETTEER)
    graph = rdf.article_graph(items[0], fusion, "sha256:x")
    assert "@prefix kgb:" in graph.serialize(format="turtle")  # prefixes still there for a reader of the graph
    graph = rdf.article_graph(items[0], fusion, "sha256:x")
    gone = weakref.ref(graph)
    gc.disable()
    try:
        del graph
        assert gone() is None
    finally:
        gc.enable()
