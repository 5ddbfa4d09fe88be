"""Small frozen records passed between the pipeline stages (ingest → extract → temporal → fuse → rdf)."""
from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Article:
    """One news article with the metadata that dates and attributes what it says."""

    id: str
    text: str
    published: date | None = None
    source: str | None = None
    url: str | None = None
    origin: str | None = None  # file (and line, for JSON Lines) it was read from


@dataclass(frozen=True)
class Problem:
    """Something wrong with one input: where, what, and whether the article was skipped."""

    where: str
    message: str
    skipped: bool = True


@dataclass(frozen=True)
class TimeValue:
    """A time as an article states it, with TAC-KBP style bounds ⟨t1,t2,t3,t4⟩.

    ``earliest_begin``/``latest_begin`` bound the start and ``earliest_end``/``latest_end`` the end;
    ``None`` means unknown. ``granularity`` is "day", "week", "month", "year", "decade" or "unknown".
    ``value`` is ISO at the precision known ("2020-11-21", "2020-09", "2020") when the time is one
    calendar unit.
    """

    text: str
    granularity: str
    earliest_begin: date | None = None
    latest_begin: date | None = None
    earliest_end: date | None = None
    latest_end: date | None = None
    value: str | None = None


@dataclass(frozen=True)
class AssumedTime:
    """A time the article does not state but the way news is written implies, with its reason.

    Fusion uses it (a report's own event happened shortly before publication) to keep an undated
    mention from matching an attack years away; it is never written to the graph as a stated time.
    """

    time: TimeValue
    reason: str


@dataclass(frozen=True)
class Evidence:
    """The sentence a statement came from, with character offsets into the article text."""

    text: str
    start: int
    end: int
    rule: str = ""


@dataclass(frozen=True)
class Figure:
    """A casualty figure as stated: the number and its qualifier ("at least", "more than", "up to")."""

    value: int
    qualifier: str | None = None


@dataclass(frozen=True)
class Actor:
    """An actor under its canonical name, with the kind the ontology knows it as."""

    name: str
    kind: str  # ArmedGroup, GovernmentBody, State, Organization, Person
    aliases: tuple[str, ...] = ()
    qid: str | None = None


@dataclass(frozen=True)
class PersonRole:
    """A named person, the role the article gives them, and whom they speak or act for."""

    name: str
    role: str | None = None
    affiliation: str | None = None  # canonical actor name
    evidence: Evidence | None = None


@dataclass(frozen=True)
class Place:
    """A named place with its kind (country, province, city, district, site), the place that contains
    it, and, when a world gazetteer knows it, where it is (WGS 84) and its GeoNames id."""

    name: str
    kind: str
    parent: str | None = None
    aliases: tuple[str, ...] = ()
    qid: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    population: int | None = None
    admin2: str | None = None  # the district or county a town lies in, by name (GeoNames admin2)


@dataclass(frozen=True)
class AttackMention:
    """One attack as one article reports it."""

    key: str  # A1, A2 … unique within the article
    kind: str  # an Attack subclass name
    evidence: Evidence
    time: TimeValue | None = None
    place: str | None = None  # canonical name of the most specific named place
    place_detail: str | None = None  # finer than any gazetteer place ("Jalalabad road")
    country: str | None = None
    killed: Figure | None = None
    injured: Figure | None = None
    targets: tuple[str, ...] = ()
    perpetrators: tuple[str, ...] = ()  # named as perpetrator by the article's own narration


@dataclass(frozen=True)
class ClaimMention:
    """A responsibility claim, denial, third-party attribution or party casualty figure."""

    stance: str  # claims_responsibility, denies_responsibility, attributes_to, casualty_claim
    claimant: str
    attack: str  # AttackMention.key
    evidence: Evidence
    speaker: str | None = None
    target_actor: str | None = None
    killed: Figure | None = None


@dataclass(frozen=True)
class NegotiationMention:
    """Talks, a round, a meeting or an agreement as one article reports it."""

    key: str  # N1, N2 …
    kind: str  # Talks, NegotiationRound, Meeting, Agreement
    label: str
    evidence: Evidence
    place: str | None = None
    participants: tuple[str, ...] = ()
    time: TimeValue | None = None
    round: int | None = None
    status: str | None = None  # ended, ongoing, planned
    mediators: tuple[str, ...] = ()  # who mediates, facilitates, hosts or sponsors, apart from the parties


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one article."""

    article: Article
    attacks: tuple[AttackMention, ...] = ()
    claims: tuple[ClaimMention, ...] = ()
    negotiations: tuple[NegotiationMention, ...] = ()
    actors: tuple[Actor, ...] = ()
    people: tuple[PersonRole, ...] = ()
    places: tuple[Place, ...] = ()  # places the curated gazetteer lacks, found in the world gazetteer
    retracted: tuple[Evidence, ...] = ()  # attack mentions the report takes back (``retractions``): no attack


@dataclass(frozen=True)
class FusedEvent:
    """One real-world attack or negotiation, with the article mentions that report it."""

    id: str  # stable, derived from content
    category: str  # "attack" or "negotiation"
    kind: str
    label: str
    members: tuple[tuple[str, str], ...]  # (article id, mention key)
    time: TimeValue | None = None
    place: str | None = None
    country: str | None = None
    participants: tuple[str, ...] = ()
    reasons: tuple[str, ...] = field(default=())  # why members were merged (and why it is part of a process)
    part_of: str | None = None  # id of the process of talks a round or meeting belongs to


# --- JSON round trip (the pipeline caches extractions so a rebuild re-fuses without re-parsing) ---

def to_json(value):
    """Plain JSON data for a record (dates as ISO strings, tuples as lists)."""
    if dataclasses.is_dataclass(value):
        return {f.name: to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (tuple, list)):
        return [to_json(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def from_json(kind, data):
    """The record of type ``kind`` that ``to_json`` turned into ``data``."""
    if data is None:
        return None
    origin = typing.get_origin(kind)
    if origin in (types.UnionType, typing.Union):
        inner = [k for k in typing.get_args(kind) if k is not type(None)]
        return from_json(inner[0], data)
    if origin is tuple:
        args = typing.get_args(kind)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(from_json(args[0], v) for v in data)
        return tuple(from_json(k, v) for k, v in zip(args, data))
    if dataclasses.is_dataclass(kind):
        hints = typing.get_type_hints(kind)
        return kind(**{name: from_json(hints[name], v) for name, v in data.items() if name in hints})
    if kind is date:
        return date.fromisoformat(data)
    return data
