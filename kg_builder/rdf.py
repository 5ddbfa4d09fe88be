"""The RDF graphs of ontology/MODEL.md: one per article, the fused graph, and the inferred relations.

What an article says stays in its own named graph (reports, claims, people's roles, each with the
sentence it came from) so that a rebuilt article replaces exactly its own statements; the events
those reports are about, and the actors and places, live once in graph/fused; the interval
relations between fused attacks and negotiations, which change whenever any time changes, live in
graph/inferred. IRIs derive from content (article ids, mention keys, canonical names, fused event
ids), never from counters over the whole input, so a rebuild gives the same nodes.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Callable, Iterator, Sequence
from urllib.parse import quote

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD

from . import temporal
from .errors import KGBError
from .fuse import Fusion
from .gazetteer import Gazetteer, load as load_gazetteer
from .persons import not_a_person
from .types import Evidence, Extraction, Figure, FusedEvent, TimeValue
from .vocab import DATA, GRAPH, KGB, TIME

CLAIM_CLASSES = {"claims_responsibility": KGB.ResponsibilityClaim, "denies_responsibility": KGB.Denial,
                 "attributes_to": KGB.Attribution, "casualty_claim": KGB.CasualtyClaim}
ACTOR_KINDS = ("ArmedGroup", "GovernmentBody", "State", "Organization", "Person")
EVENT_KINDS = {"attack": ("Attack", "Bombing", "SuicideBombing", "CarBombing", "RocketAttack", "ArmedAssault",
                          "Shelling", "Airstrike", "Assassination", "Kidnapping"),
               "negotiation": ("Talks", "NegotiationRound", "Meeting", "Agreement")}
UNKNOWN_ACTOR_KIND = "Organization"  # an actor neither the extraction nor the gazetteer knows


@dataclass(frozen=True)
class AllenRelation:
    """One relation from an attack's time node to a negotiation's, certain and possible."""

    certain: Callable[[TimeValue, TimeValue], bool]
    certain_property: URIRef
    possible: Callable[[TimeValue, TimeValue], bool]
    possible_property: URIRef  # written when the relation is possible but not certain


# Relations of temporal.py (day granularity, the same day counts). Certain ones use OWL-Time where
# it has the term: "during" includes beginning or ending on the other's first or last day, which is
# time:intervalIn (Allen d ∪ s ∪ f), not the strict time:intervalDuring; "overlaps" means sharing a
# day, which OWL-Time has no term for (time:intervalOverlaps is Allen's narrow o).
ALLEN = {
    "before": AllenRelation(temporal.certainly_before, TIME.before, temporal.possibly_before,
                            KGB.possiblyBefore),
    "after": AllenRelation(temporal.certainly_after, TIME.after, temporal.possibly_after, KGB.possiblyAfter),
    "during": AllenRelation(temporal.certainly_during, TIME.intervalIn, temporal.possibly_during,
                            KGB.possiblyDuring),
    "overlaps": AllenRelation(temporal.certainly_overlaps, KGB.certainlyOverlaps,
                              temporal.possibly_overlaps, KGB.possiblyOverlaps),
}


# --- IRIs --------------------------------------------------------------------------------------

def slug(name: str) -> str:
    """Lower-case ASCII words joined by hyphens ("Kabul Province" → "kabul-province").

    Accents fold away ("Ağrı" → "agri"), but letters with no ASCII form (Arabic, Cyrillic, "ı")
    would vanish and let distinct names collide ("Abu محمد", "Abu علي" → "abu"): such a name keeps
    a short hash of its full form, stable across builds.
    """
    folded = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    ascii_name = folded.encode("ascii", "ignore").decode("ascii")
    words = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    lost = any(c.isalnum() for c in folded if not c.isascii())
    if words and not lost:
        return words
    digest = hashlib.sha1(name.encode("utf-8")).hexdigest()
    return f"{words}-{digest[:10]}" if words else "n-" + digest[:12]


def _segment(text: str) -> str:
    return quote(text, safe="")


def article_iri(article_id: str) -> URIRef:
    return DATA[f"article/{_segment(article_id)}"]


def article_graph_iri(article_id: str) -> URIRef:
    return GRAPH[f"article/{_segment(article_id)}"]


def actor_iri(name: str) -> URIRef:
    return DATA[f"actor/{slug(name)}"]


def place_iri(name: str) -> URIRef:
    return DATA[f"place/{slug(name)}"]


def event_iri(event: FusedEvent) -> URIRef:
    return DATA[f"{event.category}/{event.id}"]


def report_iri(article_id: str, key: str) -> URIRef:
    return DATA[f"report/{_segment(article_id)}/{_segment(key)}"]


def claim_iri(article_id: str, n: int) -> URIRef:
    return DATA[f"claim/{_segment(article_id)}/{n}"]


def time_iri(owner: URIRef) -> URIRef:
    return URIRef(f"{owner}/time")


FUSED_GRAPH = GRAPH["fused"]
INFERRED_GRAPH = GRAPH["inferred"]


# --- shared pieces -----------------------------------------------------------------------------

def _graph() -> Graph:
    # rdflib's SimpleMemory: the graph is one context, so the context bookkeeping of the default Memory
    # store (about half the time of an add) buys nothing here. Only the core prefixes (rdf, rdfs, owl,
    # xsd, xml) besides ours: binding rdflib's thirty took 0.54 ms a graph, one graph per article.
    # Ours are bound in the store itself: Graph.bind makes a NamespaceManager, which holds the graph in
    # a reference cycle, so every graph of a build (its index dicts with it) waited for the cycle
    # collector (devset build: 15,300 objects for the full collection, 1,800 more for the younger ones).
    graph = Graph(store="SimpleMemory", bind_namespaces="core")
    for prefix, namespace in (("kgb", KGB._NS), ("prov", PROV), ("time", TIME), ("skos", SKOS), ("xsd", XSD)):
        graph.store.bind(prefix, namespace)
    return graph


def _instant(lo: date | None, hi: date | None) -> tuple[URIRef, Literal] | None:
    """The OWL-Time position of an instant known to lie between ``lo`` and ``hi``, at the finest unit."""
    if lo is None or hi is None:
        return None
    if lo == hi:
        return TIME.inXSDDate, Literal(lo)
    if (lo.year, lo.month) == (hi.year, hi.month):
        return TIME.inXSDgYearMonth, Literal(f"{lo.year:04d}-{lo.month:02d}", datatype=XSD.gYearMonth)
    if lo.year == hi.year:
        return TIME.inXSDgYear, Literal(f"{lo.year:04d}", datatype=XSD.gYear)
    return None


def add_time(graph: Graph, owner: URIRef, value: TimeValue) -> URIRef:
    """``{owner}/time``: a kgb:TimeSpan with its bounds and, where they pin them, OWL-Time instants."""
    node = time_iri(owner)
    graph.add((node, RDF.type, KGB.TimeSpan))
    if value.text:
        graph.add((node, KGB.timeExpression, Literal(value.text)))
    graph.add((node, KGB.granularity, Literal(value.granularity)))
    for prop, bound in ((KGB.earliestBegin, value.earliest_begin), (KGB.latestBegin, value.latest_begin),
                        (KGB.earliestEnd, value.earliest_end), (KGB.latestEnd, value.latest_end)):
        if bound is not None:
            graph.add((node, prop, Literal(bound)))
    for prop, lo, hi in ((TIME.hasBeginning, value.earliest_begin, value.latest_begin),
                         (TIME.hasEnd, value.earliest_end, value.latest_end)):
        position = _instant(lo, hi)
        if position:
            instant = BNode()
            graph.add((node, prop, instant))
            graph.add((instant, RDF.type, TIME.Instant))
            graph.add((instant, *position))
    return node


def _provenance(graph: Graph, node: URIRef, article: URIRef, evidence: Evidence) -> None:
    graph.add((node, PROV.wasDerivedFrom, article))
    graph.add((node, KGB.evidence, Literal(evidence.text)))
    graph.add((node, KGB.beginIndex, Literal(evidence.start)))
    graph.add((node, KGB.endIndex, Literal(evidence.end)))
    if evidence.rule:
        graph.add((node, KGB.extractedBy, Literal(evidence.rule)))


def _figure(graph: Graph, node: URIRef, figure: Figure | None, prop: URIRef, qualifier: URIRef) -> None:
    if figure is None:
        return
    graph.add((node, prop, Literal(figure.value)))
    if figure.qualifier:
        graph.add((node, qualifier, Literal(figure.qualifier)))


def _event(fusion: Fusion, article_id: str, key: str, what: str) -> URIRef:
    event = fusion.event_of(article_id, key)
    if event is None:
        raise KGBError(f"article {article_id}: {what} {key} is in no fused event; fuse every extraction"
                       " (kg_builder.fuse.fuse) before writing its graph, and check that claims name"
                       " an attack key of their own article")
    return event_iri(event)


# --- one article -------------------------------------------------------------------------------

def article_graph(extraction: Extraction, fusion: Fusion, content_hash: str) -> Graph:
    """What one article says: its node, attack and negotiation reports, claims and people's roles."""
    graph = _graph()
    article = extraction.article
    aid = article.id
    node = article_iri(aid)
    graph.add((node, RDF.type, KGB.NewsArticle))
    graph.add((node, KGB.articleId, Literal(aid)))
    if article.published:
        graph.add((node, KGB.published, Literal(article.published)))
    if article.source:
        graph.add((node, KGB.publisher, Literal(article.source)))
    if article.url:
        graph.add((node, KGB.url, Literal(article.url, datatype=XSD.anyURI)))
    graph.add((node, KGB.contentHash, Literal(content_hash)))
    graph.add((node, KGB.namedGraph, article_graph_iri(aid)))

    for mention in extraction.attacks:
        report = report_iri(aid, mention.key)
        graph.add((report, RDF.type, KGB.AttackReport))
        graph.add((report, KGB.reportsOn, _event(fusion, aid, mention.key, "attack")))
        _provenance(graph, report, node, mention.evidence)
        _figure(graph, report, mention.killed, KGB.killed, KGB.killedQualifier)
        _figure(graph, report, mention.injured, KGB.injured, KGB.injuredQualifier)
        if mention.time:
            graph.add((report, KGB.reportedTime, add_time(graph, report, mention.time)))
        if mention.place:
            graph.add((report, KGB.place, place_iri(mention.place)))
        if mention.place_detail:
            graph.add((report, KGB.placeDetail, Literal(mention.place_detail)))
        for target in mention.targets:
            graph.add((report, KGB.targetDescription, Literal(target)))
        for actor in mention.perpetrators:
            graph.add((report, KGB.perpetrator, actor_iri(actor)))

    for n, claim in enumerate(extraction.claims, 1):
        if claim.stance not in CLAIM_CLASSES:
            raise KGBError(f"article {aid}: claim {n} has stance {claim.stance!r};"
                           f" use one of {', '.join(CLAIM_CLASSES)}")
        node_c = claim_iri(aid, n)
        graph.add((node_c, RDF.type, CLAIM_CLASSES[claim.stance]))
        graph.add((node_c, KGB.claimant, actor_iri(claim.claimant)))
        graph.add((node_c, KGB.aboutAttack, _event(fusion, aid, claim.attack, f"claim {n} about attack")))
        if claim.speaker and _person(claim.speaker, extraction):
            graph.add((node_c, KGB.speaker, actor_iri(claim.speaker)))
        if claim.stance == "attributes_to" and claim.target_actor:
            graph.add((node_c, KGB.blamedActor, actor_iri(claim.target_actor)))
        _figure(graph, node_c, claim.killed, KGB.claimedKilled, KGB.claimedKilledQualifier)
        _provenance(graph, node_c, node, claim.evidence)

    for mention in extraction.negotiations:
        report = report_iri(aid, mention.key)
        graph.add((report, RDF.type, KGB.NegotiationReport))
        graph.add((report, KGB.reportsOn, _event(fusion, aid, mention.key, "negotiation")))
        if mention.status:
            graph.add((report, KGB.status, Literal(mention.status)))
        if mention.time:
            graph.add((report, KGB.reportedTime, add_time(graph, report, mention.time)))
        _provenance(graph, report, node, mention.evidence)

    for person in extraction.people:
        if not _person(person.name, extraction):
            continue
        who = actor_iri(person.name)
        graph.add((who, RDF.type, KGB.Person))
        if person.role:
            graph.add((who, KGB.roleTitle, Literal(person.role)))
            if "spokes" in person.role.lower():
                graph.add((who, RDF.type, KGB.Spokesperson))
        if person.affiliation:
            graph.add((who, KGB.affiliation, actor_iri(person.affiliation)))
    return graph


# --- the fused graph ---------------------------------------------------------------------------

def _class(kind: str, allowed: Sequence[str], what: str) -> URIRef:
    if kind not in allowed:
        raise KGBError(f"{what} has kind {kind!r}; use one of {', '.join(allowed)}")
    return getattr(KGB, kind)


def _person(name: str, extraction: Extraction) -> bool:
    """Whether a name the people/roles extraction found may be typed kgb:Person (kg_builder.persons)."""
    publishers = frozenset({extraction.article.source} if extraction.article.source else ())
    return not_a_person(name, load_gazetteer(), publishers) is None


def _actor_kinds(extractions: Sequence[Extraction], gazetteer: Gazetteer) -> dict[str, str]:
    """Every actor named anywhere → its kind: the extraction's, else the gazetteer's, else a guess."""
    kinds: dict[str, str] = {}
    people: set[str] = set()
    named: set[str] = set()
    for extraction in extractions:
        for actor in extraction.actors:
            kinds.setdefault(actor.name, actor.kind)
        for mention in extraction.attacks:
            named.update(mention.perpetrators)
        for claim in extraction.claims:
            named.update(n for n in (claim.claimant, claim.target_actor) if n)
            people.update(n for n in (claim.speaker,) if n and _person(n, extraction))
        for mention in extraction.negotiations:
            named.update(mention.participants)
            named.update(mention.mediators)
        for person in extraction.people:
            if _person(person.name, extraction):
                people.add(person.name)
                named.update(n for n in (person.affiliation,) if n)
    for name in sorted(people):
        kinds.setdefault(name, "Person")
    for name in sorted(named):
        known = gazetteer.actors.get(name)
        kinds.setdefault(name, known.kind if known else UNKNOWN_ACTOR_KIND)
    return kinds


def _add_place(graph: Graph, name: str, country: str | None, gazetteer: Gazetteer) -> None:
    """A place with its label, contained in its gazetteer parent (listed too) up to the country."""
    node = place_iri(name)
    graph.add((node, RDF.type, KGB.Place))
    graph.add((node, RDFS.label, Literal(name)))
    known = gazetteer.located(name)
    if known is not None:
        _add_geography(graph, node, known)
    parent = known.parent if known else (country if country != name else None)
    if parent:
        graph.add((node, KGB.containedIn, place_iri(parent)))
        if (place_iri(parent), RDF.type, KGB.Place) not in graph:
            _add_place(graph, parent, None, gazetteer)


def _figure_range(graph: Graph, node: URIRef, figures: list[tuple[Figure | None, Figure | None]]) -> None:
    """The lowest and highest killed and injured figures the attack's reports state (each report
    keeps its own figure and qualifier; these say how far the sources disagree)."""
    for i, (low, high) in enumerate(((KGB.killedMin, KGB.killedMax), (KGB.injuredMin, KGB.injuredMax))):
        values = [pair[i].value for pair in figures if pair[i] is not None]
        if values:
            graph.add((node, low, Literal(min(values))))
            graph.add((node, high, Literal(max(values))))


def _add_geography(graph: Graph, node: URIRef, place) -> None:
    """Where a place is and what level it is: coordinates, GeoNames id, type, admin2 (for exports)."""
    graph.add((node, KGB.placeType, Literal(place.kind)))
    if place.lat is not None and place.lon is not None:
        graph.add((node, KGB.latitude, Literal(Decimal(str(place.lat)), datatype=XSD.decimal)))
        graph.add((node, KGB.longitude, Literal(Decimal(str(place.lon)), datatype=XSD.decimal)))
    if place.geonames_id:
        graph.add((node, KGB.geonamesId, Literal(str(place.geonames_id))))
    if place.admin2:
        graph.add((node, KGB.admin2Name, Literal(place.admin2)))


EVENTS_PER_GRAPH = 500  # fused events per piece of a large graph (fused_graphs): bounds what one piece holds


def fused_graph(fusion: Fusion, extractions: Sequence[Extraction], gazetteer: Gazetteer | None = None) -> Graph:
    """graph/fused: fused attacks and negotiations, every actor and every place mentioned anywhere."""
    graph = _graph()
    for piece in fused_graphs(fusion, extractions, gazetteer):
        graph += piece
    return graph


def fused_graphs(fusion: Fusion, extractions: Sequence[Extraction], gazetteer: Gazetteer | None = None,
                 events_per_graph: int = EVENTS_PER_GRAPH) -> Iterator[Graph]:
    """fused_graph in pieces, so that a large build writes it without holding it whole: the events
    ``events_per_graph`` at a time, then one piece with every actor and place (their number grows
    with the names the articles use, not with the articles)."""
    gazetteer = gazetteer or load_gazetteer()
    rounds = {(e.article.id, m.key): m.round for e in extractions for m in e.negotiations if m.round is not None}
    figures = {(e.article.id, m.key): (m.killed, m.injured) for e in extractions for m in e.attacks}
    mediators = {(e.article.id, m.key): m.mediators for e in extractions for m in e.negotiations if m.mediators}
    places: dict[str, str | None] = {}  # place → a country it lies in, for places the gazetteer lacks
    for extraction in extractions:
        for mention in extraction.attacks:
            for name in (mention.place, mention.country):
                if name:
                    places.setdefault(name, mention.country)
        for mention in extraction.negotiations:
            if mention.place:
                places.setdefault(mention.place, None)
    for event in fusion.events:
        for name in (event.place, event.country):
            if name:
                places.setdefault(name, event.country)

    for start in range(0, len(fusion.events), events_per_graph):
        graph = _graph()
        for event in fusion.events[start:start + events_per_graph]:
            _add_event(graph, event, rounds, figures, mediators)
        yield graph

    graph = _graph()
    aliases: dict[str, set[str]] = {}
    for actor in (actor for e in extractions for actor in e.actors):
        aliases.setdefault(actor.name, set()).update(actor.aliases)
    for name, kind in sorted(_actor_kinds(extractions, gazetteer).items()):
        node = actor_iri(name)
        graph.add((node, RDF.type, _class(kind, ACTOR_KINDS, f"actor {name!r}")))
        graph.add((node, RDFS.label, Literal(name)))
        known = gazetteer.actors.get(name)
        for alias in sorted(aliases.get(name, set()).union(known.aliases if known else ()) - {name}):
            graph.add((node, SKOS.altLabel, Literal(alias)))

    for name, country in sorted(places.items()):
        _add_place(graph, name, country, gazetteer)
    yield graph


def _add_event(graph: Graph, event: FusedEvent, rounds: dict, figures: dict, mediators: dict) -> None:
    """A fused event: its class, label, time, place, country, participants, mediators, round, part and tolls."""
    node = event_iri(event)
    graph.add((node, RDF.type, _class(event.kind, EVENT_KINDS[event.category], f"fused {event.category} {event.id}")))
    graph.add((node, RDFS.label, Literal(event.label)))
    if event.time:
        graph.add((node, KGB.time, add_time(graph, node, event.time)))
    for prop, name in ((KGB.place, event.place), (KGB.country, event.country)):
        if name:
            graph.add((node, prop, place_iri(name)))
    for actor in event.participants:
        graph.add((node, KGB.participant, actor_iri(actor)))
    for actor in sorted({a for ref in event.members for a in mediators.get(ref, ())} - set(event.participants)):
        graph.add((node, KGB.mediator, actor_iri(actor)))  # a party named elsewhere as mediator stays a party
    number = next((rounds[ref] for ref in event.members if ref in rounds), None)
    if number is not None:
        graph.add((node, KGB.roundNumber, Literal(number)))
    if event.part_of:
        graph.add((node, KGB.partOf, DATA[f"negotiation/{event.part_of}"]))
    if event.category == "attack":
        _figure_range(graph, node, [figures[ref] for ref in event.members if ref in figures])


# --- the inferred graph ------------------------------------------------------------------------

def inferred_graph(fusion: Fusion, max_gap_days: int | None = None) -> Graph:
    """graph/inferred: the Allen relations from every timed fused attack to every timed negotiation.

    Certain relations are OWL-Time properties between the two time nodes; a relation the bounds
    allow without proving it is a kgb "possibly" property, written only between two closed spans
    (see ``closed``). Events without a time get none: anything is possible for them. ``max_gap_days``
    leaves out time:before/time:after between spans more than that many days apart (None: every
    pair, which grows as attacks × negotiations).
    """
    return allen_graph(timed_events(fusion, "attack"), timed_events(fusion, "negotiation"), max_gap_days)


def timed_events(fusion: Fusion, category: str) -> list[tuple[URIRef, TimeValue]]:
    """(time node, time) of every fused event of ``category`` that has a time."""
    return [(time_iri(event_iri(e)), e.time) for e in fusion.events if e.category == category and e.time]


def closed(time: TimeValue) -> bool:
    """Whether the span's earliest begin and latest end are both known.

    An open span (talks reported still going on, an attack known only to be "after" a day) is
    possibly before, after, during or overlapping every span on its open side, however far: stated
    pair by pair those facts would grow with the square of the store (every later attack is
    possibly during every negotiation with no known end). So the kgb "possibly" properties are
    stated only between closed spans; a question compares the open span's day numbers
    (derive.shown_graph) instead. Certain relations need known bounds and stay few, so they are
    stated for open spans too.
    """
    return time.earliest_begin is not None and time.latest_end is not None


SHORT_DAYS = 62  # the narrowest window of spans looked up by date (see _windows)


def allen_graph(attacks: Sequence[tuple[URIRef, TimeValue]], negotiations: Sequence[tuple[URIRef, TimeValue]],
                max_gap_days: int | None = None) -> Graph:
    """The Allen relations of inferred_graph between the given (time node, time) pairs."""
    graph = _graph()
    # Certainly before/after (temporal.certainly_before: a.latest_end < b.earliest_begin) excludes
    # every other relation, so those pairs are found by bisection instead of pair by pair; of the
    # rest, a negotiation whose relations to a closed attack can be anything else lies within W
    # days of it and is found by bisection too (_windows).
    by_begin = sorted((t.earliest_begin, i) for i, (_, t) in enumerate(negotiations) if t.earliest_begin)
    by_end = sorted((t.latest_end, i) for i, (_, t) in enumerate(negotiations) if t.latest_end)
    begins, ends = [d for d, _ in by_begin], [d for d, _ in by_end]
    windows = _windows(negotiations)
    closed_negotiations = [closed(t) for _, t in negotiations]
    gap = timedelta(days=max_gap_days) if max_gap_days is not None else None
    before, after = ALLEN["before"].certain_property, ALLEN["after"].certain_property
    for a, at in attacks:
        if at.latest_end:
            start = bisect_right(begins, at.latest_end)
            stop = len(begins) if gap is None else bisect_right(begins, at.latest_end + gap)
            graph.addN((a, before, negotiations[i][0], graph) for _, i in by_begin[start:stop])
        if at.earliest_begin:
            stop = bisect_left(ends, at.earliest_begin)
            start = 0 if gap is None else bisect_left(ends, at.earliest_begin - gap)
            graph.addN((a, after, negotiations[i][0], graph) for _, i in by_end[start:stop])
        attack_closed = closed(at)
        if attack_closed:
            candidates = []
            for width, window_begins, indices in windows:
                lo = bisect_left(window_begins, _days_before(at.earliest_begin, width))
                candidates += indices[lo:bisect_right(window_begins, at.latest_end)]
            candidates.sort()
        else:
            candidates = range(len(negotiations))
        for i in candidates:
            n, nt = negotiations[i]
            if temporal.certainly_before(at, nt) or temporal.certainly_after(at, nt):
                continue
            possible = attack_closed and closed_negotiations[i]
            for relation in ALLEN.values():
                if relation.certain(at, nt):
                    graph.add((a, relation.certain_property, n))
                elif possible and relation.possible(at, nt):
                    graph.add((a, relation.possible_property, n))
    return graph


def _reach(time: TimeValue) -> tuple[date, date] | None:
    """The days a closed attack must touch to have any relation to this negotiation but certainly
    before or after: a closed span's own [earliest begin, latest end]; for an open one, which gets
    certain relations only (time:intervalIn, kgb:certainlyOverlaps, both needing its latest begin and
    earliest end), the days between those two; None when it can have none."""
    if closed(time):
        return time.earliest_begin, time.latest_end
    _, latest_begin, earliest_end, _ = temporal.completed_bounds(time)
    if latest_begin is None or earliest_end is None:
        return None
    return min(latest_begin, earliest_end), max(latest_begin, earliest_end)


def _windows(negotiations: Sequence[tuple[URIRef, TimeValue]]) -> list[tuple[int, list[date], list[int]]]:
    """Negotiations grouped by the span of their reach (_reach): (W days, the first days of their
    reach sorted, their indices) with W = SHORT_DAYS doubled until it holds the span.

    Grouping by doubling windows keeps the lookup per attack to the negotiations near it in time,
    however many long processes of talks a large store holds (one window of the longest span would
    bring every long process back for every attack)."""
    grouped: dict[int, list[tuple[date, int]]] = {}
    for i, (_, t) in enumerate(negotiations):
        reach = _reach(t)
        if reach is None:
            continue
        first, last = reach
        width = SHORT_DAYS
        while (last - first).days > width:
            width *= 2
        grouped.setdefault(width, []).append((first, i))
    windows = []
    for width, found in sorted(grouped.items()):
        found.sort()
        windows.append((width, [d for d, _ in found], [i for _, i in found]))
    return windows


def _days_before(day: date, days: int) -> date:
    try:
        return day - timedelta(days=days)
    except OverflowError:
        return date.min
