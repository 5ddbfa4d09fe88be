"""Link actors, places and negotiations to Wikidata items, behind a small knowledge-base interface.

A ``KnowledgeBase`` answers ``candidates(mention, kind, context)`` and ``facts(qid)``. ``OfflineKB``
reads ``data/wikidata/items.jsonl`` (only identifiers checked against a public source; unit tests
use it); ``WikidataKB`` asks a SPARQL endpoint (query.wikidata.org or any store holding
Wikidata-shaped triples) with an on-disk cache and a request interval; ``FallbackKB`` uses the
offline KB when the endpoint cannot be reached, after a ``LinkFallbackWarning`` (``warnings.warn``,
once per FallbackKB, so a library caller can turn it into an error or collect it with
``warnings.catch_warnings(record=True)``; ``FallbackKB.degraded`` keeps the reason).

Both KBs score the same way: an exact English label 0.9, an alias 0.8, a metonym 0.6 (offline
only, and only for actors: "Washington" for the United States state, never for a place), plus
0.08 when the item lies in the article's country and 0.06 when a place containing it is among the
co-occurring labels. ``link`` keeps the best candidate at or above the threshold and refuses when
the runner-up is within ``AMBIGUITY_MARGIN`` (two "Kabul"s and no context: no link).

``link_graph`` writes ``<node> skos:exactMatch wd:Q…`` and, on the node itself (each node gets at
most one link), ``kgb:linkConfidence`` and ``kgb:linkMethod``. skos:exactMatch, not owl:sameAs:
under OWL semantics sameAs would make every Wikidata statement about the item a statement about
our node, importing facts we have not checked (and Wikidata's own contradictions) as ours;
exactMatch says "same concept" without merging the two descriptions.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import socket
import time
import urllib.error
import warnings
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Callable, Protocol

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD
from SPARQLWrapper import JSON, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed, SPARQLWrapperException

from .errors import EndpointError, KGBError
from .gazetteer import DATA_DIR
from .vocab import KGB, WD

ITEMS_FILE = DATA_DIR / "wikidata" / "items.jsonl"
WIKIDATA_ENDPOINT = "https://query.wikidata.org/sparql"
USER_AGENT = "kg-builder/0.1 (https://w3id.org/kg-builder; conflict-analysis KG builder)"
DEFAULT_CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "kg-builder" / "wikidata"
THRESHOLD = 0.5
AMBIGUITY_MARGIN = 0.05
_PRIOR = {"label": 0.9, "alias": 0.8, "metonym": 0.6}
_COUNTRY_BONUS, _COOCCURRENCE_BONUS = 0.08, 0.06

# Mention kinds (kgb class names and item types) → the item types that may stand for them.
ITEM_TYPES = ("person", "organisation", "armed_group", "state", "government_body",
              "city", "province", "country", "site", "event")
KINDS: dict[str, frozenset[str]] = {
    "ArmedGroup": frozenset({"armed_group"}),
    "GovernmentBody": frozenset({"government_body", "state"}),
    "State": frozenset({"country", "state"}),
    "Organization": frozenset({"organisation"}),
    "Person": frozenset({"person"}),
    "Place": frozenset({"city", "province", "country", "site"}),
    "Negotiation": frozenset({"event"}),
    **{t: frozenset({t}) for t in ITEM_TYPES},
}
_ACTOR_KINDS = {"ArmedGroup", "GovernmentBody", "State", "Organization", "Person"}
# Wikidata classes (wdt:P31/wdt:P279*) that make an item count as each type.
WIKIDATA_CLASSES: dict[str, tuple[str, ...]] = {
    "person": ("Q5",),
    "organisation": ("Q43229",),
    "armed_group": ("Q17127659", "Q7210356"),
    "government_body": ("Q327333", "Q2659904"),
    "state": ("Q3624078", "Q3024240"),  # not Q7275 "state": it takes in US states and the like
    "country": ("Q6256", "Q3624078"),
    "city": ("Q515", "Q5119"),
    "province": ("Q10864048",),
    "site": ("Q41176", "Q3918"),
    "event": ("Q1656682", "Q1190554"),
}
# Our classes → the kind ``link_graph`` links their nodes as (most specific first).
CLASS_KINDS = ((KGB.Spokesperson, "Person"), (KGB.Person, "Person"), (KGB.ArmedGroup, "ArmedGroup"),
               (KGB.GovernmentBody, "GovernmentBody"), (KGB.State, "State"),
               (KGB.Organization, "Organization"), (KGB.Place, "Place"),
               *((getattr(KGB, c), "Negotiation") for c in
                 ("Negotiation", "Talks", "NegotiationRound", "Meeting", "Agreement")))
_QID = re.compile(r"Q[1-9][0-9]*")


@dataclass(frozen=True)
class LinkContext:
    """What the article says around a mention: its country (name or QID) and other entities' labels."""

    country: str | None = None
    cooccurring: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Candidate:
    """A Wikidata item a mention may stand for; ``kind`` is its item type, ``method`` how it matched."""

    qid: str
    label: str
    score: float
    kind: str
    method: str
    source: str = ""  # the endpoint asked, or the offline items file


@dataclass(frozen=True)
class Link:
    """The item a mention was linked to, how sure the linker is (0..1), how it decided and where the
    item came from (the SPARQL endpoint actually asked, or the offline items file)."""

    qid: str
    label: str
    confidence: float
    method: str
    source: str = ""


@dataclass(frozen=True)
class ItemFacts:
    """What enrichment takes from an item: English label, (lat, lon), containing items, begin/end.

    ``start``/``end`` are ISO strings at the precision known ("2020-09-12", "1996").
    """

    label: str | None = None
    coords: tuple[float, float] | None = None
    parents: tuple[str, ...] = ()
    start: str | None = None
    end: str | None = None


class KnowledgeBase(Protocol):
    """Where links and enrichment facts come from: OfflineKB, WikidataKB, FallbackKB."""

    def candidates(self, mention: str, kind: str, context: LinkContext) -> list[Candidate]: ...

    def facts(self, qid: str) -> ItemFacts: ...


@dataclass(frozen=True)
class _Hit:
    """One item matching a mention, before scoring."""

    qid: str
    label: str
    kind: str
    match: str  # label, alias or metonym
    countries: frozenset[str] = frozenset()
    ancestor_names: frozenset[str] = frozenset()


def fold(name: str) -> str:
    """Matching key, as the gazetteer does: short all-caps acronyms keep their case ("IS" ≠ "is")."""
    name = " ".join(name.split())
    return name if name.isupper() and len(name) <= 5 else name.lower()


def _without_article(name: str) -> str:
    return name[4:] if name.lower().startswith("the ") else name


def accepted_types(kind: str) -> frozenset[str]:
    """The item types a mention of ``kind`` may link to; KGBError for an unknown kind."""
    if kind not in KINDS:
        raise KGBError(f"unknown mention kind {kind!r} for linking; choose one of {', '.join(KINDS)}")
    return KINDS[kind]


def _rank(hits: list[_Hit], prefix: str, country: str | None, cooccurring: frozenset[str],
          source: str = "") -> list[Candidate]:
    """Score hits (best match per item), add context bonuses, best first."""
    best: dict[str, _Hit] = {}
    for hit in hits:
        if hit.qid not in best or _PRIOR[hit.match] > _PRIOR[best[hit.qid].match]:
            best[hit.qid] = hit
    context = {fold(name) for name in cooccurring}
    ranked = []
    for hit in best.values():
        score, method = _PRIOR[hit.match], f"{prefix}-{'exact-label' if hit.match == 'label' else hit.match}"
        if country and country in hit.countries:
            score, method = score + _COUNTRY_BONUS, method + "+country"
        if context & hit.ancestor_names:
            score, method = score + _COOCCURRENCE_BONUS, method + "+cooccurrence"
        ranked.append(Candidate(hit.qid, hit.label, round(min(score, 1.0), 3), hit.kind, method, source))
    return sorted(ranked, key=lambda c: (-c.score, c.qid))


def link(name: str, kind: str, kb: KnowledgeBase, context: LinkContext = LinkContext(),
         threshold: float = THRESHOLD) -> Link | None:
    """The item ``name`` (a ``kind``) stands for, or None when nothing scores ``threshold`` or the
    best two are within AMBIGUITY_MARGIN of each other."""
    top = decide(kb.candidates(name, kind, context), threshold)
    return Link(top.qid, top.label, top.score, top.method, top.source) if top else None


def decide(found: list[Candidate], threshold: float = THRESHOLD) -> Candidate | None:
    """The candidate to link to: the best, when it scores ``threshold`` and no runner-up is within
    AMBIGUITY_MARGIN of it; else None."""
    if not found or found[0].score < threshold:
        return None
    if len(found) > 1 and round(found[0].score - found[1].score, 3) < AMBIGUITY_MARGIN:
        return None
    return found[0]


class OfflineKB:
    """Items from a JSON Lines file (qid, label, aliases, metonyms, type, lat, lon, parent, start, end)."""

    def __init__(self, items: list[dict], source: str = "offline"):
        self.items = {item["qid"]: item for item in items}
        self.source = source
        self._index: dict[str, list[tuple[str, str]]] = {}  # key → [(qid, match)]
        for item in items:
            names = [("label", item["label"])] + [("alias", a) for a in item.get("aliases", ())]
            names += [("metonym", m) for m in item.get("metonyms", ())]
            for match, name in names:
                for key in {fold(name), fold(_without_article(name))}:
                    self._index.setdefault(key, []).append((item["qid"], match))

    @classmethod
    def from_file(cls, path: Path = ITEMS_FILE) -> OfflineKB:
        """Read the items file; KGBError naming the file (and line) when it cannot be read."""
        items = []
        try:
            lines = Path(path).read_text(encoding="utf-8").splitlines()
        except OSError as err:
            raise KGBError(f"cannot read the offline Wikidata items {path}: {err}") from err
        for n, line in enumerate(lines, 1):
            if line.strip():
                try:
                    items.append(json.loads(line))
                except json.JSONDecodeError as err:
                    raise KGBError(f"{path}:{n}: not valid JSON ({err.msg}); fix or remove the line") from err
        path = Path(path)
        shown = path.relative_to(DATA_DIR.parent) if path.is_relative_to(DATA_DIR.parent) else path
        return cls(items, source=str(shown))

    def _ancestors(self, qid: str) -> list[dict]:
        chain, seen = [], {qid}
        parent = self.items[qid].get("parent")
        while parent in self.items and parent not in seen:
            seen.add(parent)
            chain.append(self.items[parent])
            parent = self.items[parent].get("parent")
        return chain

    def _country(self, context: LinkContext) -> str | None:
        if context.country is None or _QID.fullmatch(context.country):
            return context.country
        found = self.candidates(context.country, "country", LinkContext())
        return found[0].qid if found else None

    def candidates(self, mention: str, kind: str, context: LinkContext) -> list[Candidate]:
        types = accepted_types(kind)
        hits = []
        for key in {fold(mention), fold(_without_article(mention))}:
            for qid, match in self._index.get(key, ()):
                item = self.items[qid]
                if item["type"] not in types or match == "metonym" and kind not in _ACTOR_KINDS:
                    continue
                chain = [item, *self._ancestors(qid)]
                countries = frozenset(i["qid"] for i in chain if i["type"] == "country")
                names = frozenset(fold(n) for i in chain[1:] for n in (i["label"], *i.get("aliases", ())))
                hits.append(_Hit(qid, item["label"], item["type"], match, countries, names))
        return _rank(hits, "offline", self._country(context), context.cooccurring, self.source)

    def facts(self, qid: str) -> ItemFacts:
        item = self.items.get(qid)
        if item is None:
            return ItemFacts()
        coords = (item["lat"], item["lon"]) if "lat" in item else None
        parents = (item["parent"],) if item.get("parent") else ()
        return ItemFacts(item["label"], coords, parents, item.get("start"), item.get("end"))


def _variants(mention: str) -> list[str]:
    """Spellings to try as exact labels: SPARQL label lookups are case-sensitive."""
    bare = " ".join(_without_article(mention).split())
    if bare.isupper() and len(bare) <= 5:
        return [bare]
    forms = {bare, bare.lower(), bare[:1].upper() + bare[1:], bare.title(), mention.strip()}
    return sorted(forms)


_PREFIXES = f"""PREFIX wd: <{WD}>
PREFIX wdt: <http://www.wikidata.org/prop/direct/>
PREFIX rdfs: <{RDFS}>
PREFIX skos: <{SKOS}>"""


def _qid(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


def _string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a valid SPARQL string literal


@dataclass
class WikidataKB:
    """Label and alias lookups against a SPARQL endpoint with Wikidata's data model.

    Answers are cached on disk as JSON, one file per (endpoint, query text); requests are spaced
    ``min_interval_s`` apart (WDQS asks for a descriptive User-Agent and modest rates); failures
    raise EndpointError naming the endpoint. ``requests`` counts queries actually sent.
    """

    endpoint: str = WIKIDATA_ENDPOINT
    cache_dir: Path | None = DEFAULT_CACHE
    user_agent: str = USER_AGENT
    min_interval_s: float = 1.0
    timeout_s: float = 10
    progress: Callable[[int, int], None] | None = None  # (queries sent, answered from the cache)
    requests: int = field(default=0, init=False)
    cached: int = field(default=0, init=False)
    _last: float = field(default=0.0, init=False, repr=False)
    _memory: dict[str, list[dict[str, str]]] = field(default_factory=dict, init=False, repr=False)

    def select(self, query: str) -> list[dict[str, str]]:
        """Rows of a SELECT as {variable: value}, from the cache when this query was asked before."""
        if query in self._memory:
            return self._memory[query]
        path = None
        if self.cache_dir is not None:
            digest = hashlib.sha256(f"{self.endpoint}\n{query}".encode()).hexdigest()
            path = Path(self.cache_dir) / f"{digest}.json"
        if path is not None and path.exists():
            rows = json.loads(path.read_text(encoding="utf-8"))["rows"]
            self.cached += 1
        else:
            rows = self._send(query)
            if path is not None:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(json.dumps({"endpoint": self.endpoint, "query": query, "rows": rows}), "utf-8")
        self._memory[query] = rows
        if self.progress is not None:
            self.progress(self.requests, self.cached)
        return rows

    def _send(self, query: str) -> list[dict[str, str]]:
        wait = self._last + self.min_interval_s - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        client = SPARQLWrapper(self.endpoint, agent=self.user_agent)
        client.setQuery(query)
        client.setReturnFormat(JSON)
        client.setTimeout(int(max(1, self.timeout_s)))
        self.requests += 1
        try:
            answer = client.queryAndConvert()
        except QueryBadFormed as err:
            raise EndpointError(f"{self.endpoint} refused a linking query as malformed ({_brief(err)}); "
                                "this is a kg-builder bug, please report it with the query") from err
        except (SPARQLWrapperException, urllib.error.URLError, socket.timeout, OSError, ValueError) as err:
            raise EndpointError(f"SPARQL endpoint {self.endpoint} failed or could not be reached: {_brief(err)}. "
                                "Check the address and the network, or link offline (OfflineKB).") from err
        finally:
            self._last = time.monotonic()
        if not isinstance(answer, dict) or "results" not in answer:
            raise EndpointError(f"{self.endpoint} did not answer with SPARQL JSON results; is it a SPARQL endpoint?")
        return [{k: v["value"] for k, v in row.items()} for row in answer["results"]["bindings"]]

    def _country(self, context: LinkContext) -> str | None:
        if context.country is None or _QID.fullmatch(context.country):
            return context.country
        found = link(context.country, "country", self)
        return found.qid if found else None

    def candidates(self, mention: str, kind: str, context: LinkContext) -> list[Candidate]:
        # Measured on Virtuoso 7.2.5: one query joining the label UNION with the containment paths
        # fails to compile or crashes the server, and a one-value VALUES before a UNION matches
        # nothing; so two queries, and the spellings written out as UNION branches.
        types = accepted_types(kind)
        branches = " UNION ".join(
            f'{{ ?item {prop} {_string(v)}@en . BIND("{how}" AS ?how) }}'
            for v in _variants(mention) for prop, how in (("rdfs:label", "label"), ("skos:altLabel", "alias")))
        classes = " ".join(f'(wd:{q} "{t}")' for t in sorted(types) for q in WIKIDATA_CLASSES[t])
        matches = self.select(f"""{_PREFIXES}
SELECT DISTINCT ?item ?how ?type WHERE {{
  VALUES (?class ?type) {{ {classes} }}
  {branches}
  ?item wdt:P31/wdt:P279* ?class .
}} LIMIT 200""")
        qids = sorted({_qid(row["item"]) for row in matches})
        if not qids:
            return []
        labels: dict[str, str] = {}
        countries: dict[str, set[str]] = {q: set() for q in qids}
        ups: dict[str, set[str]] = {q: set() for q in qids}
        for row in self.select(f"""{_PREFIXES}
SELECT DISTINCT ?item ?label ?country ?up WHERE {{
  VALUES ?item {{ {" ".join(f"wd:{q}" for q in qids)} }}
  OPTIONAL {{ ?item rdfs:label ?label . FILTER(LANG(?label) = "en") }}
  OPTIONAL {{ ?item wdt:P131*/wdt:P17 ?country }}
  OPTIONAL {{ ?item (wdt:P131|wdt:P17)+ ?upItem . ?upItem rdfs:label ?up . FILTER(LANG(?up) = "en") }}
}} LIMIT 2000"""):
            qid = _qid(row["item"])
            labels.setdefault(qid, row.get("label", qid))
            if "country" in row:
                countries[qid].add(_qid(row["country"]))
            if "up" in row:
                ups[qid].add(fold(row["up"]))
        hits = [_Hit(q, labels.get(q, q), row["type"], row["how"], frozenset(countries[q]), frozenset(ups[q]))
                for row in matches for q in [_qid(row["item"])]]
        return _rank(hits, "wikidata", self._country(context), context.cooccurring, self.endpoint)

    def facts(self, qid: str) -> ItemFacts:
        if not _QID.fullmatch(qid):
            raise KGBError(f"not a Wikidata item id: {qid!r} (expected Q followed by digits)")
        item = f"wd:{qid}"
        query = f"""{_PREFIXES}
SELECT ?what ?value WHERE {{
  {{ {item} rdfs:label ?value . FILTER(LANG(?value) = "en") BIND("label" AS ?what) }}
  UNION {{ {item} wdt:P625 ?value . BIND("coords" AS ?what) }}
  UNION {{ {item} wdt:P131 ?value . BIND("parent" AS ?what) }}
  UNION {{ {item} wdt:P17 ?value . FILTER(?value != {item}) BIND("parent" AS ?what) }}
  UNION {{ {item} wdt:P580 ?value . BIND("start" AS ?what) }}
  UNION {{ {item} wdt:P582 ?value . BIND("end" AS ?what) }}
}}"""
        found: dict[str, list[str]] = {}
        for row in self.select(query):
            found.setdefault(row["what"], []).append(row["value"])
        point = next((p for p in map(_point, found.get("coords", ())) if p), None)
        parents = tuple(sorted({_qid(v) for v in found.get("parent", ())}))
        first = {what: min(values) for what, values in found.items()}
        return ItemFacts(first.get("label"), point, parents, _day(first.get("start")), _day(first.get("end")))


def _day(value: str | None) -> str | None:
    """The calendar date of an xsd:dateTime as WDQS gives it ("2020-09-12T00:00:00Z" → "2020-09-12")."""
    return value[:10] if value else None


def _brief(err: Exception) -> str:
    """An error's text without the query and response body SPARQLWrapper appends."""
    text = " ".join(str(err).split("Response:")[0].split())
    return text[:300]


def _point(wkt: str) -> tuple[float, float] | None:
    """(lat, lon) from Wikidata's "Point(lon lat)"."""
    match = re.fullmatch(r"\s*(?:<[^>]*>\s*)?Point\(\s*(\S+)\s+(\S+)\s*\)\s*", wkt, re.IGNORECASE)
    return (float(match.group(2)), float(match.group(1))) if match else None


class LinkFallbackWarning(UserWarning):
    """The SPARQL endpoint failed; linking went on with the offline knowledge base."""


class FallbackKB:
    """``primary`` (usually a WikidataKB) until it raises EndpointError, then ``fallback`` for good."""

    def __init__(self, primary: KnowledgeBase, fallback: KnowledgeBase | None = None):
        self.primary = primary
        self.fallback = fallback if fallback is not None else OfflineKB.from_file()
        self.degraded: str | None = None  # why the primary was abandoned

    def _call(self, method: str, *args):
        if self.degraded is None:
            try:
                return getattr(self.primary, method)(*args)
            except EndpointError as err:
                self.degraded = str(err)
                warnings.warn(f"{err} Linking continues with the offline knowledge base.",
                              LinkFallbackWarning, stacklevel=3)
        return getattr(self.fallback, method)(*args)

    def candidates(self, mention: str, kind: str, context: LinkContext) -> list[Candidate]:
        return self._call("candidates", mention, kind, context)

    def facts(self, qid: str) -> ItemFacts:
        return self._call("facts", qid)


class AugmentedKB(FallbackKB):
    """Online linking that adds to the offline links: a mention the offline items link stays linked
    to them (checked ids win), and only what they leave unlinked is asked of ``online``; when the
    endpoint fails, the warning and the offline-only behaviour are FallbackKB's."""

    def __init__(self, online: KnowledgeBase, offline: OfflineKB | None = None, threshold: float = THRESHOLD):
        super().__init__(online, offline)
        self.threshold = threshold

    def candidates(self, mention: str, kind: str, context: LinkContext) -> list[Candidate]:
        offline = self.fallback.candidates(mention, kind, context)
        if decide(offline, self.threshold) is not None or self.degraded is not None:
            return offline
        return self._call("candidates", mention, kind, context) or offline

    def facts(self, qid: str) -> ItemFacts:
        if qid in getattr(self.fallback, "items", {}):
            return self.fallback.facts(qid)
        return self._call("facts", qid)


class _Lookups:
    """A graph's triples of each predicate linking reads, read once and indexed both ways: linking asks
    after the same places, countries and events for node after node, and each ask of a store-backed
    graph was a store lookup (devset build: link_graph 136 -> 70 ms CPU, for 1,300 lookups)."""

    def __init__(self, graph: Graph):
        self.graph = graph
        self._forward: dict[URIRef, dict] = {}  # predicate → subject → [objects]
        self._backward: dict[URIRef, dict] = {}  # predicate → object → [subjects]

    def _index(self, predicate: URIRef) -> None:
        forward, backward = self._forward[predicate], self._backward[predicate] = {}, {}
        for subject, obj in self.graph.subject_objects(predicate):
            forward.setdefault(subject, []).append(obj)
            backward.setdefault(obj, []).append(subject)

    def objects(self, subject, predicate) -> list:
        if predicate not in self._forward:
            self._index(predicate)
        return self._forward[predicate].get(subject, [])

    def subjects(self, predicate, obj) -> list:
        if predicate not in self._backward:
            self._index(predicate)
        return self._backward[predicate].get(obj, [])

    def value(self, subject, predicate):
        """The first object, as Graph.value gives it; None when there is none."""
        found = self.objects(subject, predicate)
        return found[0] if found else None

    def transitive_objects(self, subject, predicate) -> set:
        """``subject`` and every object reached from it by ``predicate``, as Graph.transitive_objects."""
        seen, todo = {subject}, [subject]
        while todo:
            for obj in self.objects(todo.pop(), predicate):
                if obj not in seen:
                    seen.add(obj)
                    todo.append(obj)
        return seen


def _node_context(graph: _Lookups, node: URIRef, base: LinkContext) -> LinkContext:
    """Country and co-occurring labels for a node, from the fused graph itself.

    The country is the kgb:country of the events that name the node, else the outermost place
    containing it; co-occurring labels are the places containing it and the places, countries and
    participants of those events.
    """
    ancestors = set(graph.transitive_objects(node, KGB.containedIn)) - {node}
    events = {s for p in (KGB.place, KGB.participant, KGB.country) for s in graph.subjects(p, node)}
    countries = {c for e in events for c in graph.objects(e, KGB.country)} - {node}
    if not countries:
        countries = {p for p in ancestors if graph.value(p, KGB.containedIn) is None}
    around = ancestors | countries
    for event in events:
        around.update(graph.objects(event, KGB.place))
        around.update(graph.objects(event, KGB.participant))
    labels = {str(graph.value(c, RDFS.label)) for c in countries if graph.value(c, RDFS.label)}
    country = labels.pop() if len(labels) == 1 else base.country
    names = {str(label) for n in around - {node} for label in graph.objects(n, RDFS.label)}
    return LinkContext(country, base.cooccurring | frozenset(names))


def link_graph(fused: Graph, kb: KnowledgeBase, context: LinkContext = LinkContext(),
               threshold: float = THRESHOLD) -> Graph:
    """New triples linking the fused graph's actors, places and negotiations to Wikidata.

    Each node is tried by its rdfs:label, then by its skos:altLabels; the first link found wins.
    """
    links = Graph()
    for prefix, namespace in (("kgb", KGB._NS), ("wd", WD), ("skos", SKOS)):
        links.bind(prefix, namespace)
    done: set[URIRef] = set()
    lookups = _Lookups(fused)
    for cls, kind in CLASS_KINDS:
        for node in sorted(set(fused.subjects(RDF.type, cls)) - done):
            done.add(node)
            names = [str(n) for n in lookups.objects(node, RDFS.label)]
            names += sorted(str(n) for n in lookups.objects(node, SKOS.altLabel))
            local = _node_context(lookups, node, context)
            found = next((f for n in names if (f := link(n, kind, kb, local, threshold))), None)
            if found:
                links.add((node, SKOS.exactMatch, WD[found.qid]))
                links.add((node, KGB.linkConfidence, Literal(Decimal(f"{found.confidence:.2f}").normalize())))
                links.add((node, KGB.linkMethod, Literal(found.method)))
                if found.source:
                    links.add((node, KGB.linkSource, Literal(found.source)))
    return links
