"""Facts the build derives from graph/fused for the competency questions, written to graph/inferred.

A question should read facts the build already stored instead of joining intervals, walking place
hierarchies or aggregating reports at query time. Beside the Allen relations between time spans
(rdf.allen_graph), graph/inferred holds:

- per fused event, what a question shows of it (``shown_graph``): kgb:attackType or
  kgb:negotiationType (its class's local name, so that one pattern finds every attack), kgb:dateAsKnown
  (its days at the precision known, ``date_as_known``; for a negotiation also kgb:beginAsKnown and
  kgb:endAsKnown, when it began and ended), kgb:earliestDate (its earliest begin), kgb:placeLabel (the label of its kgb:place),
  kgb:timeOrder (its rank in time order, so that rows sort by an integer) and the day numbers of its
  time bounds (kgb:earliestBeginDay … kgb:latestEndDay, the proleptic Gregorian ordinal of the
  bound, as Python's ``date.toordinal``: differences are days);
- between a fused attack and a fused negotiation: kgb:happenedDuring where the attack's time is
  time:intervalIn the negotiation's, kgb:possiblyHappenedDuring where it is that or kgb:possiblyDuring
  (the time-span relations lifted to the events, so that a question joins events, not their times;
  kgb:possiblyDuring holds between closed spans only, rdf.closed, so the pairs of an open span are
  for a question to find by day numbers),
  and kgb:nearStartOf when every day the attack can have happened on is at most NEAR_START_DAYS
  from every day the negotiation can have started on;
- kgb:within, the reflexive and transitive closure of kgb:containedIn (a place lies within itself
  and within every place above it);
- per fused attack, what its articles say about who did it and how many died (ClaimFacts, from the
  article graphs): kgb:claimedBy (the claimant of a kgb:ResponsibilityClaim about it), kgb:deniedBy
  (of a kgb:Denial), kgb:blamedOn (the kgb:blamedActor of a kgb:Attribution, or a report's
  kgb:perpetrator), their labels joined (kgb:claimedByNames …), kgb:sourceCount (how many articles
  report it) and the death tolls its reports give (kgb:reportedKilled, kgb:reportedKilledAsStated),
  so that a question about claims starts from the few attacks that have one instead of aggregating
  every report;
- per kgb:CasualtyClaim with a kgb:claimedKilled (ClaimFacts): kgb:casualtyClaimAbout (its attack),
  kgb:claimantLabel and kgb:speakerLabel (its actors' labels), kgb:sourceArticleId (its article's id)
  and kgb:sameArticleReport (each kgb:AttackReport of the same article on the same attack that gives
  a death toll), so that a question about party figures reads the few claims' own facts instead of
  every claim, label and report in the store.

Every fact follows from the fused graph's events, bounds and containment and the article graphs'
claims and reports alone, so the same functions derive them from a graph made by hand
(tests/data/cq_fixture.trig) as from a build.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, XSD

from .fuse import Fusion
from .rdf import EVENTS_PER_GRAPH, allen_graph, event_iri, time_iri
from .types import TimeValue
from .vocab import KGB, TIME

NEAR_START_DAYS = 3
DAY_PROPERTIES = ((KGB.earliestBegin, KGB.earliestBeginDay), (KGB.latestBegin, KGB.latestBeginDay),
                  (KGB.earliestEnd, KGB.earliestEndDay), (KGB.latestEnd, KGB.latestEndDay))
TYPE_PROPERTIES = {"attack": KGB.attackType, "negotiation": KGB.negotiationType}
NAME_PROPERTIES = ((KGB.claimedBy, KGB.claimedByNames), (KGB.deniedBy, KGB.deniedByNames),
                   (KGB.blamedOn, KGB.blamedOnNames))
SEPARATOR = "|"


@dataclass(frozen=True)
class Shown:
    """A fused event as the questions show it: its node, category, class, time and place label."""

    node: URIRef
    category: str  # "attack" or "negotiation"
    kind: str  # local name of its class ("RocketAttack")
    time_node: URIRef | None = None
    time: TimeValue | None = None
    place: str | None = None


def _facts() -> Graph:
    """A graph of derived facts: rdflib's SimpleMemory, one context, whose adds skip the default
    Memory store's context bookkeeping (as rdf._graph's; a quarter of inferred_graphs' time)."""
    return Graph(store="SimpleMemory")


def day_number(value: date) -> int:
    """The day's ordinal (0001-01-01 is 1): differences are days."""
    return value.toordinal()


def date_as_known(first: date | None, last: date | None, granularity: str) -> str | None:
    """The days from ``first`` to ``last`` in ISO at the precision known.

    "2020-11-21" when both are that day; "2020-09" or "2020" when both fall in one month or year
    and the time was stated in that unit; else "first/last"; ">=first" or "<=last" when only one
    is known; None when neither is.
    """
    if first is not None and last is not None:
        if first == last:
            return first.isoformat()
        if granularity == "month" and (first.year, first.month) == (last.year, last.month):
            return first.isoformat()[:7]
        if granularity == "year" and first.year == last.year:
            return first.isoformat()[:4]
        return f"{first.isoformat()}/{last.isoformat()}"
    if first is not None:
        return f">={first.isoformat()}"
    if last is not None:
        return f"<={last.isoformat()}"
    return None


def derived_graph(events: Sequence[Shown], containment: Iterable[tuple[URIRef, URIRef]], allen: Graph) -> Graph:
    """What questions show of each event, the event-level relations, and kgb:within (see the module docstring).

    ``allen`` holds the Allen relations between the events' time nodes (rdf.allen_graph).
    """
    graph = _facts()
    graph.bind("kgb", KGB._NS)
    graph += shown_graph(events)
    graph += event_relations(events, allen)
    for place, ancestor in _closure(containment):
        graph.add((place, KGB.within, ancestor))
    return graph


def inferred_graphs(events: Sequence[Shown], containment: Iterable[tuple[URIRef, URIRef]],
                    max_gap_days: int | None = None, events_per_graph: int = EVENTS_PER_GRAPH) -> Iterator[Graph]:
    """graph/inferred but the claims' facts (ClaimFacts.graphs), in pieces, so that a large build
    never holds it whole: for each ``events_per_graph`` events in time order, the Allen relations
    (rdf.allen_graph, ``max_gap_days`` as there) from their attacks to every negotiation and what
    derived_graph derives of them; last, kgb:within. Together the pieces hold exactly the Allen
    relations of all the events and their derived_graph.
    """
    ordered = sorted(events, key=_time_key)
    negotiations = [e for e in ordered if e.category == "negotiation"]
    timed_negotiations = [(e.time_node, e.time) for e in negotiations if e.time_node is not None and e.time]
    for start in range(0, len(ordered), events_per_graph):
        piece = ordered[start:start + events_per_graph]
        attacks = [e for e in piece if e.category == "attack"]
        graph = allen_graph([(e.time_node, e.time) for e in attacks if e.time_node is not None and e.time],
                            timed_negotiations, max_gap_days)  # the largest part: the piece itself, not copied
        graph += event_relations(attacks + negotiations, graph)
        graph += shown_graph(piece, first_order=start + 1)
        yield graph
    graph = _facts()
    for place, ancestor in _closure(containment):
        graph.add((place, KGB.within, ancestor))
    yield graph


def _time_key(event: Shown) -> tuple:
    """Earliest begin (unknown first, as SPARQL orders an unbound value), then the IRI."""
    first = event.time.earliest_begin if event.time else None
    return (first is not None, first or date.min, str(event.node))


def shown_graph(events: Sequence[Shown], first_order: int = 1) -> Graph:
    """Type, dates as known, place label, time order and day numbers of every event.

    ``first_order`` is the kgb:timeOrder of the earliest of ``events``: a piece of a larger list
    in time order (inferred_graphs) continues the ranks of the pieces before it.
    """
    graph = _facts()
    for order, event in enumerate(sorted(events, key=_time_key), start=first_order):
        node = event.node
        graph.add((node, TYPE_PROPERTIES[event.category], Literal(event.kind)))
        graph.add((node, KGB.timeOrder, Literal(order, datatype=XSD.integer)))
        if event.place:
            graph.add((node, KGB.placeLabel, Literal(event.place)))
        t = event.time
        if t is None:
            continue
        if t.earliest_begin is not None:
            graph.add((node, KGB.earliestDate, Literal(t.earliest_begin)))
        spans = [(KGB.dateAsKnown, t.earliest_begin, t.latest_end)]
        if event.category == "negotiation":
            spans += [(KGB.beginAsKnown, t.earliest_begin, t.latest_begin), (KGB.endAsKnown, t.earliest_end, t.latest_end)]
        for prop, first, last in spans:
            shown = date_as_known(first, last, t.granularity)
            if shown:
                graph.add((node, prop, Literal(shown)))
        for (_, day_property), bound in zip(DAY_PROPERTIES, (t.earliest_begin, t.latest_begin,
                                                              t.earliest_end, t.latest_end)):
            if bound is not None:
                graph.add((node, day_property, Literal(day_number(bound), datatype=XSD.integer)))
    return graph


def event_relations(events: Sequence[Shown], allen: Graph) -> Graph:
    """kgb:happenedDuring, kgb:possiblyHappenedDuring (lifted from ``allen``) and kgb:nearStartOf."""
    graph = _facts()
    attacks = {e.time_node: e.node for e in events if e.category == "attack" and e.time_node is not None}
    negotiations = {e.time_node: e.node for e in events if e.category == "negotiation" and e.time_node is not None}
    for time_property, lifted in ((TIME.intervalIn, (KGB.happenedDuring, KGB.possiblyHappenedDuring)),
                                  (KGB.possiblyDuring, (KGB.possiblyHappenedDuring,))):
        for at, nt in allen.subject_objects(time_property):
            if at in attacks and nt in negotiations:
                for prop in lifted:
                    graph.add((attacks[at], prop, negotiations[nt]))
    _near_start(graph, [e for e in events if e.category == "attack" and e.time],
                [e for e in events if e.category == "negotiation" and e.time])
    return graph


def _near_start(graph: Graph, attacks: Sequence[Shown], negotiations: Sequence[Shown]) -> None:
    """attack latestEnd - negotiation earliestBegin <= N and negotiation latestBegin - attack earliestBegin <= N.

    Both bounds of each start must be known; the pairs are found by bisection over the starts.
    """
    starts = sorted((e.time.earliest_begin, e.time.latest_begin, str(e.node), e.node) for e in negotiations
                    if e.time.earliest_begin is not None and e.time.latest_begin is not None)
    firsts = [eb for eb, _, _, _ in starts]
    near = timedelta(days=NEAR_START_DAYS)
    for attack in attacks:
        eb, le = attack.time.earliest_begin, attack.time.latest_end
        if eb is None or le is None:
            continue
        # neb >= le - N, and neb <= nlb <= eb + N
        for neb, nlb, _, other in starts[bisect_left(firsts, le - near):bisect_right(firsts, eb + near)]:
            if (le - neb).days <= NEAR_START_DAYS and (nlb - eb).days <= NEAR_START_DAYS:
                graph.add((attack.node, KGB.nearStartOf, other))


def _closure(containment: Iterable[tuple[URIRef, URIRef]]) -> set[tuple[URIRef, URIRef]]:
    parents: dict[URIRef, set[URIRef]] = {}
    for child, parent in containment:
        parents.setdefault(child, set()).add(parent)
        parents.setdefault(parent, set())
    pairs = set()
    for place in parents:
        seen, todo = {place}, [place]
        while todo:
            for parent in parents.get(todo.pop(), ()):
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        pairs.update((place, ancestor) for ancestor in seen)
    return pairs


class ClaimFacts:
    """Collects, graph by graph, who claimed, denied and was blamed for each fused attack, its sources and tolls.

    ``add`` reads one article graph (or any view holding claims and reports, such as a whole
    dataset); ``graph`` gives kgb:claimedBy, kgb:deniedBy, kgb:blamedOn with their actors' labels
    joined, kgb:sourceCount, kgb:reportedKilled and kgb:reportedKilledAsStated, and the casualty
    claims' own facts (kgb:casualtyClaimAbout … kgb:sameArticleReport; see the module docstring).
    """

    CLAIMS = ((KGB.ResponsibilityClaim, KGB.claimant, KGB.claimedBy), (KGB.Denial, KGB.claimant, KGB.deniedBy),
              (KGB.Attribution, KGB.blamedActor, KGB.blamedOn))

    def __init__(self) -> None:
        self.actors: set[tuple[URIRef, URIRef, URIRef]] = set()  # (attack, property, actor)
        self.sources: dict[URIRef, set[URIRef]] = {}  # attack → articles reporting it
        self.killed: dict[URIRef, set[tuple[int, str | None]]] = {}  # attack → (toll, qualifier) of its reports
        self.casualty: set[tuple[URIRef, URIRef, object]] = set()  # (claim, property, value) of casualty claims
        self.casualty_actors: set[tuple[URIRef, URIRef, URIRef]] = set()  # (claim, label property, actor)

    def add(self, graph: Graph) -> None:
        for cls, role, prop in self.CLAIMS:
            for claim in graph.subjects(RDF.type, cls):
                for attack in graph.objects(claim, KGB.aboutAttack):
                    self.actors.update((attack, prop, actor) for actor in graph.objects(claim, role))
        for report in graph.subjects(RDF.type, KGB.AttackReport):
            killed = graph.value(report, KGB.killed)
            qualifier = graph.value(report, KGB.killedQualifier)
            for attack in graph.objects(report, KGB.reportsOn):
                self.actors.update((attack, KGB.blamedOn, actor) for actor in graph.objects(report, KGB.perpetrator))
                self.sources.setdefault(attack, set()).update(graph.objects(report, PROV.wasDerivedFrom))
                if killed is not None:
                    self.killed.setdefault(attack, set()).add((killed.toPython(), str(qualifier) if qualifier else None))
        self._add_casualty_claims(graph)

    def _add_casualty_claims(self, graph: Graph) -> None:
        for claim in graph.subjects(RDF.type, KGB.CasualtyClaim):
            if graph.value(claim, KGB.claimedKilled) is None:
                continue
            articles = set(graph.objects(claim, PROV.wasDerivedFrom))
            for article in articles:
                self.casualty.update((claim, KGB.sourceArticleId, i) for i in graph.objects(article, KGB.articleId))
            for attack in graph.objects(claim, KGB.aboutAttack):
                self.casualty.add((claim, KGB.casualtyClaimAbout, attack))
                for report in graph.subjects(KGB.reportsOn, attack):
                    if ((report, RDF.type, KGB.AttackReport) in graph and graph.value(report, KGB.killed) is not None
                            and articles & set(graph.objects(report, PROV.wasDerivedFrom))):
                        self.casualty.add((claim, KGB.sameArticleReport, report))
            for role, prop in ((KGB.claimant, KGB.claimantLabel), (KGB.speaker, KGB.speakerLabel)):
                self.casualty_actors.update((claim, prop, actor) for actor in graph.objects(claim, role))

    def graph(self, labels: Graph) -> Graph:
        """The facts, with the actors' names read from ``labels`` (their rdfs:label in graph/fused)."""
        graph = _facts()
        for piece in self.graphs(labels):
            graph += piece
        return graph

    def graphs(self, labels: Graph, per_graph: int = EVENTS_PER_GRAPH) -> Iterator[Graph]:
        """``graph`` in pieces of ``per_graph`` attacks (then casualty claims) each, so that a large
        build never holds it whole; each actor's labels are read from ``labels`` once."""
        read: dict[URIRef, list] = {}

        def labels_of(actor: URIRef) -> list:
            if actor not in read:
                read[actor] = list(labels.objects(actor, RDFS.label))
            return read[actor]

        actors: dict[URIRef, list[tuple[URIRef, URIRef]]] = defaultdict(list)  # attack → (property, actor)
        for attack, prop, actor in self.actors:
            actors[attack].append((prop, actor))
        joined = dict(NAME_PROPERTIES)
        attacks = sorted(set(actors) | set(self.sources) | set(self.killed))
        for start in range(0, len(attacks), per_graph):
            graph = _facts()
            for attack in attacks[start:start + per_graph]:
                names: dict[URIRef, set[str]] = {}
                for prop, actor in actors.get(attack, ()):
                    graph.add((attack, prop, actor))
                    names.setdefault(prop, set()).update(str(label) for label in labels_of(actor))
                for prop, found in names.items():
                    if found:
                        graph.add((attack, joined[prop], Literal(SEPARATOR.join(sorted(found)))))
                if self.sources.get(attack):
                    graph.add((attack, KGB.sourceCount, Literal(len(self.sources[attack]), datatype=XSD.integer)))
                tolls = self.killed.get(attack)
                if tolls:
                    graph.add((attack, KGB.reportedKilled, Literal(SEPARATOR.join(
                        str(n) for n in sorted({n for n, _ in tolls}, key=_number)))))
                    graph.add((attack, KGB.reportedKilledAsStated, Literal(SEPARATOR.join(
                        sorted({f"{q} {n}" if q else str(n) for n, q in tolls})))))
            yield graph

        facts: dict[URIRef, list[tuple[URIRef, object]]] = defaultdict(list)  # casualty claim → (property, value)
        for claim, prop, value in self.casualty:
            facts[claim].append((prop, value))
        for claim, prop, actor in self.casualty_actors:
            facts[claim] += [(prop, label) for label in labels_of(actor)]
        claims = sorted(facts)
        for start in range(0, len(claims), per_graph):
            graph = _facts()
            for claim in claims[start:start + per_graph]:
                for prop, value in facts[claim]:
                    graph.add((claim, prop, value))
            yield graph


def _number(value) -> tuple:
    return (0, value, "") if isinstance(value, int) else (1, 0, str(value))


# --- reading the same facts back from a graph ------------------------------------------------------

def time_value(graph: Graph, node: URIRef) -> TimeValue:
    """The bounds of a kgb:TimeSpan node as a TimeValue (without its text)."""
    bounds = [graph.value(node, prop) for prop, _ in DAY_PROPERTIES]
    granularity = graph.value(node, KGB.granularity)
    return TimeValue("", str(granularity) if granularity else "unknown",
                     *(b.toPython() if b is not None and isinstance(b.toPython(), date) else None for b in bounds))


def shown_in_fusion(fusion: Fusion) -> list[Shown]:
    """Every fused event as Shown, as graph/fused states it (rdf.fused_graph)."""
    return [Shown(event_iri(e), e.category, e.kind, time_iri(event_iri(e)) if e.time else None, e.time, e.place)
            for e in fusion.events]


def shown_in_graph(graph: Graph) -> list[Shown]:
    """Every event typed as a subclass of kgb:Attack or kgb:Negotiation in the ontology, as Shown."""
    from .validate import load_ontology  # the store holds no ontology
    ontology = load_ontology()
    found: dict[URIRef, Shown] = {}
    for category, top in (("attack", KGB.Attack), ("negotiation", KGB.Negotiation)):
        for cls in set(ontology.transitive_subjects(RDFS.subClassOf, top)):
            for event in graph.subjects(RDF.type, cls):
                time_node = graph.value(event, KGB.time)
                place = graph.value(event, KGB.place)
                label = graph.value(place, RDFS.label) if place is not None else None
                found[event] = Shown(event, category, str(cls).split("#")[1], time_node,
                                     time_value(graph, time_node) if time_node is not None else None,
                                     str(label) if label is not None else None)
    return sorted(found.values(), key=lambda e: str(e.node))


def derived_from_graph(graph: Graph, max_gap_days: int | None = None) -> Graph:
    """graph/inferred as a build would write it, from the fused facts in ``graph`` (any dataset view)."""
    events = shown_in_graph(graph)
    timed = {category: [(e.time_node, e.time) for e in events if e.category == category and e.time is not None]
             for category in ("attack", "negotiation")}
    inferred = Graph()
    for piece in inferred_graphs(events, graph.subject_objects(KGB.containedIn), max_gap_days):
        inferred += piece
    claims = ClaimFacts()
    claims.add(graph)
    return inferred + claims.graph(graph)
