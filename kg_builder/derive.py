"""Facts the build derives from graph/fused for the competency questions, written to graph/inferred.

A question should read facts the build already stored instead of joining intervals or walking
place hierarchies at query time. Beside the Allen relations (rdf.allen_graph), graph/inferred holds:

- day numbers of every fused event's time bounds (kgb:earliestBeginDay … kgb:latestEndDay, the
  proleptic Gregorian ordinal of the xsd:date bound, as Python's ``date.toordinal``), so that
  questions compare days with integer arithmetic;
- kgb:nearStartOf from an attack's time to a negotiation's, when every day the attack can have
  happened on is at most NEAR_START_DAYS from every day the negotiation can have started on;
- kgb:within, the reflexive and transitive closure of kgb:containedIn (a place lies within itself
  and within every place above it);
- per fused attack, what its articles say about who did it (ClaimFacts, from the article graphs):
  kgb:claimedBy (the claimant of a kgb:ResponsibilityClaim about it), kgb:deniedBy (of a
  kgb:Denial), kgb:blamedOn (the kgb:blamedActor of a kgb:Attribution, or a report's
  kgb:perpetrator) and kgb:sourceCount (how many articles report it), so that a question about
  claims starts from the few attacks that have one instead of aggregating every report.

Every fact follows from the fused graph's bounds and containment and the article graphs' claims
and reports alone, so the same functions derive them from a graph made by hand
(tests/data/cq_fixture.trig) as from a build.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, XSD

from .types import TimeValue
from .vocab import KGB

NEAR_START_DAYS = 7
DAY_PROPERTIES = ((KGB.earliestBegin, KGB.earliestBeginDay), (KGB.latestBegin, KGB.latestBeginDay),
                  (KGB.earliestEnd, KGB.earliestEndDay), (KGB.latestEnd, KGB.latestEndDay))
Timed = Sequence[tuple[URIRef, TimeValue]]


def day_number(value: date) -> int:
    """The day's ordinal (0001-01-01 is 1): differences are days."""
    return value.toordinal()


def derived_graph(attacks: Timed, negotiations: Timed, containment: Iterable[tuple[URIRef, URIRef]]) -> Graph:
    """Day numbers, kgb:nearStartOf and kgb:within (see the module docstring)."""
    graph = Graph()
    graph.bind("kgb", KGB._NS)
    for node, value in (*attacks, *negotiations):
        for (_, day_property), bound in zip(DAY_PROPERTIES, (value.earliest_begin, value.latest_begin,
                                                              value.earliest_end, value.latest_end)):
            if bound is not None:
                graph.add((node, day_property, Literal(day_number(bound), datatype=XSD.integer)))
    _near_start(graph, attacks, negotiations)
    for place, ancestor in _closure(containment):
        graph.add((place, KGB.within, ancestor))
    return graph


def _near_start(graph: Graph, attacks: Timed, negotiations: Timed) -> None:
    """attack latestEnd - negotiation earliestBegin <= N and negotiation latestBegin - attack earliestBegin <= N.

    Both bounds of each start must be known; the pairs are found by bisection over the starts.
    """
    starts = sorted((t.earliest_begin, t.latest_begin, node) for node, t in negotiations
                    if t.earliest_begin is not None and t.latest_begin is not None)
    firsts = [eb for eb, _, _ in starts]
    near = timedelta(days=NEAR_START_DAYS)
    for node, t in attacks:
        eb, le = t.earliest_begin, t.latest_end
        if eb is None or le is None:
            continue
        # neb >= le - N, and neb <= nlb <= eb + N
        for neb, nlb, other in starts[bisect_left(firsts, le - near):bisect_right(firsts, eb + near)]:
            if (le - neb).days <= NEAR_START_DAYS and (nlb - eb).days <= NEAR_START_DAYS:
                graph.add((node, KGB.nearStartOf, other))


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
    """Collects, graph by graph, who claimed, denied and was blamed for each fused attack, and its sources.

    ``add`` reads one article graph (or any view holding claims and reports, such as a whole
    dataset); ``graph`` gives kgb:claimedBy, kgb:deniedBy, kgb:blamedOn and kgb:sourceCount.
    """

    CLAIMS = ((KGB.ResponsibilityClaim, KGB.claimant, KGB.claimedBy), (KGB.Denial, KGB.claimant, KGB.deniedBy),
              (KGB.Attribution, KGB.blamedActor, KGB.blamedOn))

    def __init__(self) -> None:
        self.actors: set[tuple[URIRef, URIRef, URIRef]] = set()  # (attack, property, actor)
        self.sources: dict[URIRef, set[URIRef]] = {}  # attack → articles reporting it

    def add(self, graph: Graph) -> None:
        for cls, role, prop in self.CLAIMS:
            for claim in graph.subjects(RDF.type, cls):
                for attack in graph.objects(claim, KGB.aboutAttack):
                    self.actors.update((attack, prop, actor) for actor in graph.objects(claim, role))
        for report in graph.subjects(RDF.type, KGB.AttackReport):
            for attack in graph.objects(report, KGB.reportsOn):
                self.actors.update((attack, KGB.blamedOn, actor) for actor in graph.objects(report, KGB.perpetrator))
                self.sources.setdefault(attack, set()).update(graph.objects(report, PROV.wasDerivedFrom))

    def graph(self) -> Graph:
        graph = Graph()
        for triple in self.actors:
            graph.add(triple)
        for attack, articles in self.sources.items():
            if articles:
                graph.add((attack, KGB.sourceCount, Literal(len(articles), datatype=XSD.integer)))
        return graph


# --- reading the same facts back from a graph ------------------------------------------------------

def time_value(graph: Graph, node: URIRef) -> TimeValue:
    """The bounds of a kgb:TimeSpan node as a TimeValue (without its text)."""
    bounds = [graph.value(node, prop) for prop, _ in DAY_PROPERTIES]
    granularity = graph.value(node, KGB.granularity)
    return TimeValue("", str(granularity) if granularity else "unknown",
                     *(b.toPython() if b is not None and isinstance(b.toPython(), date) else None for b in bounds))


def timed_in_graph(graph: Graph, top: URIRef) -> list[tuple[URIRef, TimeValue]]:
    """(time node, time) of every event typed ``top`` or a subclass in the ontology that has a kgb:time."""
    from .validate import load_ontology  # the store holds no ontology
    ontology = load_ontology()
    classes = set(ontology.transitive_subjects(RDFS.subClassOf, top))
    found = {}
    for cls in classes:
        for event in graph.subjects(RDF.type, cls):
            for node in graph.objects(event, KGB.time):
                found[node] = time_value(graph, node)
    return sorted(found.items())


def derived_from_graph(graph: Graph, max_gap_days: int | None = None) -> Graph:
    """graph/inferred as a build would write it, from the fused facts in ``graph`` (any dataset view)."""
    from .rdf import allen_graph
    attacks, negotiations = timed_in_graph(graph, KGB.Attack), timed_in_graph(graph, KGB.Negotiation)
    inferred = allen_graph(attacks, negotiations, max_gap_days)
    inferred += derived_graph(attacks, negotiations, graph.subject_objects(KGB.containedIn))
    claims = ClaimFacts()
    claims.add(graph)
    return inferred + claims.graph()
