"""Cross-article fusion: which attack and negotiation mentions of different articles are one real event.

Two reports of one attack rarely agree on everything: the toll rises, one article names the
district and the other the city, one says "Saturday" and the other "November 21". Fusion is
conservative, because a wrong merge silently corrupts every count downstream while a missed one
only leaves two nodes an analyst can still join:

- mentions of the same article never merge (the extractor already told them apart), and a mention
  joins an event only if it agrees with every member already in it (complete link);
- attacks need a compatible kind family, compatible times (``temporal.intersect``), the same or a
  contained place, and agreeing perpetrators where both name some; differing casualty figures are
  kept per source, never a reason to split, but an agreeing figure counts as support where time or
  place is vague;
- negotiations need a compatible kind, the same or a contained place, participants overlapping by
  a Jaccard index of at least 1/3 (or either side naming none) and compatible times.

Mentions are visited in (article id, key) order and each joins the best-agreeing event it fits, so
the result does not depend on input order. Event ids hash the event's lowest member: rebuilding
gives the same ids, and adding an unrelated article renames nothing. Every comparison of two
mentions that were close enough to be worth asking about is kept as a :class:`Decision`.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property, reduce
from typing import Callable, Mapping, Sequence

from . import reports, temporal
from .errors import KGBError
from .blocking import Blocks
from .gazetteer import Gazetteer, load as load_gazetteer
from .types import AssumedTime, AttackMention, Extraction, Figure, FusedEvent, NegotiationMention, TimeValue

Ref = tuple[str, str]  # (article id, mention key)

ATTACK_FAMILIES = {
    "Bombing": "explosive", "SuicideBombing": "explosive", "CarBombing": "explosive",
    "RocketAttack": "indirect fire", "Shelling": "indirect fire", "Airstrike": "indirect fire",
    "ArmedAssault": "assault", "Assassination": "assault", "Kidnapping": "kidnapping",
}
GENERIC_ATTACK = "Attack"
# A process of talks and its rounds are different things: a round is part of a process, never merged into it.
NEGOTIATION_GROUPS = {"Talks": "process", "NegotiationRound": "round", "Meeting": "meeting", "Agreement": "agreement"}
PART_KINDS = ("NegotiationRound", "Meeting")  # what can be part of a process (kgb:partOf)
NARROW_DAYS = 31  # without agreeing places, negotiation times must pin the event this closely
SPECIFICITY = {"Attack": 0, "SuicideBombing": 2, "CarBombing": 2, "Talks": 0}  # every other kind: 1
MIN_JACCARD = 1 / 3
ABOUT = 0.2  # "about 20" is taken as 16–24


@dataclass(frozen=True)
class Decision:
    """Why two mentions of one category were merged into one event or kept apart."""

    category: str  # "attack" or "negotiation"
    first: Ref  # the mention visited first (lower (article id, key))
    second: Ref
    merged: bool
    reason: str


@dataclass(frozen=True)
class Fusion:
    """The fused events, where each mention went, and the decisions that put it there."""

    events: tuple[FusedEvent, ...]
    index: Mapping[Ref, str]  # (article id, mention key) → FusedEvent.id
    decisions: tuple[Decision, ...]
    assumed: Mapping[Ref, AssumedTime] = field(default_factory=dict)  # undated attacks' assumed times
    background: frozenset[Ref] = frozenset()  # undated attacks named as earlier ones: no assumed time

    @cached_property
    def _by_id(self) -> dict[str, FusedEvent]:
        return {event.id: event for event in self.events}

    def event_of(self, article_id: str, key: str) -> FusedEvent | None:
        """The fused event a mention belongs to, or None when the fusion does not know the mention."""
        event_id = self.index.get((article_id, key))
        return self._by_id[event_id] if event_id is not None else None

    def event_by_id(self, event_id: str) -> FusedEvent:
        """The fused event with this id (KeyError when there is none)."""
        return self._by_id[event_id]

    def decisions_about(self, article_id: str, key: str) -> tuple[Decision, ...]:
        """Every recorded comparison involving one mention (for ``kgb explain``)."""
        ref = (article_id, key)
        return tuple(d for d in self.decisions if ref in (d.first, d.second))


@dataclass(frozen=True)
class _Item:
    """One mention with its article and the actors that claim or are narrated as doing it."""

    ref: Ref
    mention: AttackMention | NegotiationMention  # an attack without a stated date carries its assumed time
    actors: frozenset[str] = frozenset()
    assumed: AssumedTime | None = None


@dataclass(frozen=True)
class _Verdict:
    ok: bool
    reason: str
    near: bool  # close enough that the comparison is worth keeping as a Decision
    score: float = 0.0


def _ref(ref: Ref) -> str:
    return f"{ref[0]}#{ref[1]}"


def event_id(category: str, first: Ref) -> str:
    """Stable id of an event: 12 hex digits of the SHA-1 of its category and lowest member."""
    return hashlib.sha1(f"{category}\x1f{first[0]}\x1f{first[1]}".encode("utf-8")).hexdigest()[:12]


# --- facts compared ----------------------------------------------------------------------------

def when(value: TimeValue | None) -> str | None:
    """ISO text of a time at the precision known ("2020-11-21", "2020-09", "2020-11-01/2020-11-20")."""
    if value is None:
        return None
    if value.value:
        return value.value
    eb, lb, ee, le = value.earliest_begin, value.latest_begin, value.earliest_end, value.latest_end
    if eb and le:
        return eb.isoformat() if eb == le else f"{eb.isoformat()}/{le.isoformat()}"
    begin = _pinned(eb, lb)
    if begin:
        return begin
    end = _pinned(ee, le)
    return f"until {end}" if end else None


def _pinned(lo: date | None, hi: date | None) -> str | None:
    """The day, month or year both bounds fall in, as ISO text."""
    if lo is None or hi is None:
        return None
    if lo == hi:
        return lo.isoformat()
    if (lo.year, lo.month) == (hi.year, hi.month):
        return f"{lo.year:04d}-{lo.month:02d}"
    return f"{lo.year:04d}" if lo.year == hi.year else None


def _width(value: TimeValue) -> int | None:
    """Days between the earliest possible begin and the latest possible end; None when open."""
    eb, le = value.earliest_begin, value.latest_end
    return (le - eb).days if eb and le else None


def _range(figure: Figure) -> tuple[float, float]:
    v, q = figure.value, (figure.qualifier or "").lower()
    return {"at least": (v, float("inf")), "more than": (v + 1, float("inf")), "up to": (0, v),
            "about": (v * (1 - ABOUT), v * (1 + ABOUT))}.get(q, (v, v))


def _disjoint(a: TimeValue, b: TimeValue) -> bool:
    """Whether one time ends before the other begins: they cannot meet, seen without intersect's work."""
    return bool((a.latest_end and b.earliest_begin and a.latest_end < b.earliest_begin) or
                (b.latest_end and a.earliest_begin and b.latest_end < a.earliest_begin))


def _joint(a: TimeValue | None, b: TimeValue | None) -> TimeValue | None:
    """``temporal.intersect`` of two known times; None when either is unknown or they cannot meet."""
    if a is None or b is None or _disjoint(a, b):
        return None  # disjoint at a glance is the common case
    return temporal.intersect(a, b)


def _figures_close(a: Figure | None, b: Figure | None) -> bool:
    """Whether two stated figures are nearly the same number whatever their qualifiers (50 and "at
    least 26" are not): what a weak time needs, since "at least N" agrees with any larger toll."""
    if a is None or b is None:
        return False
    return abs(a.value - b.value) <= ABOUT * max(a.value, b.value)


def _figures_agree(a: Figure | None, b: Figure | None) -> bool:
    """Whether two stated figures can be the same number ("at least 8" and 8 can; 8 and 31 cannot)."""
    if a is None or b is None:
        return False
    (alo, ahi), (blo, bhi) = _range(a), _range(b)
    return alo <= bhi and blo <= ahi


class _Places:
    """The gazetteer's containment and countries, remembered per name (fusion asks for them per pair)."""

    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer
        self._ancestors: dict[str, tuple[str, ...]] = {}
        self._countries: dict[str, str | None] = {}

    def ancestors(self, name: str) -> tuple[str, ...]:
        if name not in self._ancestors:
            self._ancestors[name] = tuple(p.name for p in self.gazetteer.ancestors(name))
        return self._ancestors[name]

    def country(self, mention: AttackMention | NegotiationMention) -> str | None:
        own = getattr(mention, "country", None)
        if own or not mention.place:
            return own
        if mention.place not in self._countries:
            self._countries[mention.place] = self.gazetteer.country_of(mention.place)
        return self._countries[mention.place]

    def relation(self, a: str | None, b: str | None) -> str:
        """"same", "contained" (one lies in the other), "unknown" (either missing) or "different"."""
        if a is None or b is None:
            return "unknown"
        if a == b:
            return "same"
        return "contained" if b in self.ancestors(a) or a in self.ancestors(b) else "different"


def _kinds_compatible(a: str, b: str) -> bool:
    if GENERIC_ATTACK in (a, b):
        return True
    return ATTACK_FAMILIES.get(a, a) == ATTACK_FAMILIES.get(b, b)


# --- comparing two mentions ----------------------------------------------------------------------

def _weak(item: _Item) -> str | None:
    """Why an item's time is weak evidence (assumed, open, or wider than a day or so), or None."""
    if item.assumed is not None:
        return f"no date stated, assumed {when(item.mention.time)}"
    w = _width(item.mention.time)
    if w is None:
        return f"{when(item.mention.time) or 'open-ended'} (open-ended)"
    return when(item.mention.time) if w > reports.PRECISE_DAYS else None


def _compare_attacks(x: _Item, y: _Item, places: _Places) -> _Verdict:
    """NewsReader's cross-document floor (same kind family, same day or narrow overlapping times, a
    shared place), stricter where the evidence is weak: a vague, open or assumed time, or a place
    unknown on one side, needs the killed figure (and kind, and place) to agree as well; a shared
    perpetrator is never enough on its own."""
    a, b = x.mention, y.mention
    if not _kinds_compatible(a.kind, b.kind):  # decided before any date arithmetic
        return _Verdict(False, f"kinds differ: {a.kind} vs {b.kind}", False)
    place = places.relation(a.place, b.place)
    ca, cb = places.country(a), places.country(b)
    joint = _joint(a.time, b.time)
    near = joint is not None or (place in ("same", "contained") and (a.time is None or b.time is None))

    def no(reason: str) -> _Verdict:
        return _Verdict(False, reason, near)

    if x.ref[0] == y.ref[0]:
        return no("same article: the extractor told the two apart")
    if place == "different":
        return no(f"places differ: {a.place} vs {b.place}")
    if ca and cb and ca != cb:  # not worth keeping as a decision: blocking never pairs them
        return _Verdict(False, f"countries differ: {ca} vs {cb}", False)
    if x.actors and y.actors and not x.actors & y.actors:
        return no(f"perpetrators differ: {', '.join(sorted(x.actors))} vs {', '.join(sorted(y.actors))}")
    if a.time is None or b.time is None:
        return no("time unknown (a background mention, or no publication date): never merged across reports")
    if joint is None:
        return no(f"times incompatible: {when(a.time)} vs {when(b.time)}")
    killed = _figures_agree(a.killed, b.killed)
    actors = bool(x.actors & y.actors)
    same_kind = a.kind == b.kind != GENERIC_ATTACK
    weak = "; ".join(w for w in (_weak(x), _weak(y)) if w)
    if weak:
        close = killed and _figures_close(a.killed, b.killed)
        lacking = [what for what, ok in (("place", place in ("same", "contained")), ("killed figure", close)) if not ok]
        if lacking:
            return no(f"time too vague ({weak}): merging needs place, killed figure and kind all to agree,"
                      f" and the {' and the '.join(lacking)} {'do' if len(lacking) > 1 else 'does'} not")
    elif place == "unknown" and not (killed and same_kind):
        return no("place unknown: merging needs the same day, an agreeing killed figure and the same kind")
    score = 3 * (_width(joint) == 0) + 2 * killed + actors + (place == "same") + same_kind
    facts = [f"kinds {a.kind}/{b.kind}", f"place {place}", f"times agree ({when(joint)})"]
    facts += [s for s, holds in (("killed figure agrees", killed), ("perpetrator agrees", actors),
                                 (f"a time is weak ({weak})", bool(weak))) if holds]
    return _Verdict(True, ", ".join(facts), near, float(score))


def _jaccard(a: Sequence[str], b: Sequence[str]) -> float | None:
    if not a or not b:
        return None
    sa, sb = set(a), set(b)
    return len(sa & sb) / len(sa | sb)


def _groups(mention: NegotiationMention) -> frozenset[str]:
    """What a mention can be: "process", "round", "meeting" or "agreement". Talks given a number
    ("the first direct talks", "the sixth round of talks") may be the process itself or that round."""
    if mention.kind == "Talks" and mention.round is not None:
        return frozenset({"process", "round"})
    return frozenset({NEGOTIATION_GROUPS.get(mention.kind, mention.kind)})


def _parties_differ(a: Sequence[str], b: Sequence[str]) -> str | None:
    """Why two participant lists name different negotiations, or None.

    Each side naming a party the other lacks, with at most one party in common, is two dyads
    (a government with FARC, the same government with ELN); sides sharing two parties or more
    differ only in mediators or observers.
    """
    if not a or not b:
        return None
    sa, sb = set(a), set(b)
    jaccard = len(sa & sb) / len(sa | sb)
    if jaccard < MIN_JACCARD:
        return f"participants overlap too little (Jaccard {jaccard:.2f} < {MIN_JACCARD:.2f})"
    if sa - sb and sb - sa and len(sa & sb) < 2:
        return (f"different parties: {', '.join(sorted(sa - sb))} vs {', '.join(sorted(sb - sa))}"
                f" (only {', '.join(sorted(sa & sb))} in common)")
    return None


def _compare_negotiations(x: _Item, y: _Item, places: _Places) -> _Verdict:
    a, b = x.mention, y.mention
    if not _groups(a) & _groups(b):
        return _Verdict(False, f"kinds differ: {a.kind} vs {b.kind}", False)
    place = places.relation(a.place, b.place)
    jaccard = _jaccard(a.participants, b.participants)
    both_timed = a.time is not None and b.time is not None
    joint = _joint(a.time, b.time)
    near = place in ("same", "contained") and (joint is not None or not both_timed)

    def no(reason: str) -> _Verdict:
        return _Verdict(False, reason, near)

    if x.ref[0] == y.ref[0]:
        return no("same article: the extractor told the two apart")
    if a.round is not None and b.round is not None and a.round != b.round:
        return no(f"rounds differ: {a.round} vs {b.round}")
    if place == "different":
        return no(f"places differ: {a.place} vs {b.place}")
    parties = _parties_differ(a.participants, b.participants)
    if parties:
        return no(parties)
    if both_timed and joint is None:
        return no(f"times incompatible: {when(a.time)} vs {when(b.time)}")
    if place == "unknown":
        w = _width(joint) if joint is not None else None
        if w is None or w > NARROW_DAYS:
            return no(f"place unknown: merging needs times that agree within {NARROW_DAYS} days"
                      f" ({when(joint) or 'a time open or unknown'})")
    score = 2 * (joint is not None) + (place == "same") + (a.kind == b.kind) + (jaccard or 0)
    facts = [f"kinds {a.kind}/{b.kind}", f"place {place}",
             f"times agree ({when(joint)})" if joint else "a time unknown",
             f"participants Jaccard {jaccard:.2f}" if jaccard is not None else "participants unnamed on one side"]
    return _Verdict(True, ", ".join(facts), near, score)


def _parts(events: list[FusedEvent], places: _Places) -> dict[str, tuple[str, str]]:
    """Round or meeting id → (id of the process of talks it is part of, why).

    A round belongs to a process whose participants include its own (or share two parties with
    them), whose place does not differ, and whose time can contain it; among several, the one
    sharing most participants, then the lowest id. Quadratic in negotiations, which are few.
    """
    processes = [e for e in events if e.category == "negotiation" and e.kind == "Talks"]
    found: dict[str, tuple[str, str]] = {}
    for part in events:
        if part.category != "negotiation" or part.kind not in PART_KINDS or not part.participants:
            continue
        fits = []
        for whole in processes:
            if not whole.participants or _parties_differ(part.participants, whole.participants):
                continue
            if not set(part.participants) <= set(whole.participants) and \
                    len(set(part.participants) & set(whole.participants)) < 2:
                continue
            if places.relation(part.place, whole.place) == "different":
                continue
            if part.time and whole.time and not temporal.possibly_during(part.time, whole.time):
                continue
            shared = len(set(part.participants) & set(whole.participants))
            fits.append((-shared, whole.id, whole))
        if fits:
            whole = min(fits)[2]
            found[part.id] = (whole.id, f"part of {whole.label}: participants"
                                        f" {', '.join(part.participants)} within {', '.join(whole.participants)}"
                                        + (f", time {when(part.time) or 'open-ended'} can lie within"
                                           f" {when(whole.time) or 'open-ended'}"
                                           if part.time and whole.time else ""))
    return found


# --- clustering ----------------------------------------------------------------------------------

Compare = Callable[[_Item, _Item, _Places], _Verdict]


def _cluster(items: list[_Item], category: str, compare: Compare,
             places: _Places) -> tuple[list[list[_Item]], list[Decision]]:
    """Greedy complete-link clustering in item order; each item joins its best-agreeing cluster."""
    clusters: list[list[_Item]] = []
    decisions: list[Decision] = []
    blocks = Blocks(places)
    for item in items:
        candidates = blocks.candidates(item, len(clusters))
        verdicts = {i: _verdicts(clusters[i], item, compare, places) for i in candidates}
        fitting = [i for i, vs in verdicts.items() if all(v.ok for _, v in vs)]
        best = max(fitting, key=lambda i: (min(v.score for _, v in verdicts[i]), -i), default=None)
        for i, vs in verdicts.items():
            blocker = next(((m, v) for m, v in vs if not v.ok), None)
            for member, verdict in vs:
                if i == best:
                    decisions.append(Decision(category, member.ref, item.ref, True, verdict.reason))
                elif verdict.near:
                    if not verdict.ok:
                        reason = verdict.reason
                    elif blocker is not None:
                        reason = f"{verdict.reason}; but {_ref(blocker[0].ref)} of the same event: {blocker[1].reason}"
                    else:
                        reason = f"{verdict.reason}; but {_ref(clusters[best][0].ref)} agrees better"
                    decisions.append(Decision(category, member.ref, item.ref, False, reason))
        if best is None:
            blocks.add(len(clusters), item)
            clusters.append([item])
        else:
            clusters[best].append(item)
    return clusters, decisions


def _verdicts(members: list[_Item], item: _Item, compare: Compare, places: _Places) -> list[tuple[_Item, _Verdict]]:
    """Each member's verdict on ``item`` in member order, but for the members after the first refusal
    whose time is apart from the item's (``_disjoint``): both comparisons refuse such a pair without
    it being near, so it changes no decision, and once one member refuses the cluster cannot take
    the item. A cluster of talks open since long ago keeps refusing later reports of other talks at
    its place; this keeps its ended members from being compared again with every one of them.
    """
    found = []
    refused = False
    for member in members:
        a, b = member.mention.time, item.mention.time
        if refused and a is not None and b is not None and _disjoint(a, b):
            continue
        verdict = compare(member, item, places)
        refused = refused or not verdict.ok
        found.append((member, verdict))
    return found


def _kind(kinds: list[str]) -> str:
    """The most specific kind; among equals the most frequent, then the first."""
    return max(kinds, key=lambda k: (SPECIFICITY.get(k, 1), kinds.count(k), -kinds.index(k)))


def _time(times: list[TimeValue]) -> TimeValue | None:
    """The intersection of the members' times, or the most precise one when they do not intersect."""
    if not times:
        return None
    joint = reduce(lambda acc, t: temporal.intersect(acc, t) if acc else None, times[1:], times[0])
    if joint is None:
        joint = min(times, key=lambda t: (_width(t) is None, _width(t) or 0,
                                          temporal.GRANULARITY_ORDER.index(t.granularity)))
    return replace(joint, text="")


def _place(names: list[str], places: _Places) -> str | None:
    """The most specific place: the one with the most ancestors, then the first."""
    return max(names, key=lambda p: (len(places.ancestors(p)), -names.index(p)), default=None)


def kind_label(kind: str) -> str:
    """"Rocket attack" for RocketAttack."""
    words = re.findall(r"[A-Z][a-z]*", kind) or [kind]
    return " ".join([words[0], *(w.lower() for w in words[1:])])


def _event(category: str, cluster: list[_Item], reasons: tuple[str, ...], places: _Places) -> FusedEvent:
    mentions = [item.mention for item in cluster]
    kind = _kind([m.kind for m in mentions])
    time = _time([m.time for item, m in zip(cluster, mentions) if m.time is not None and item.assumed is None])
    place = _place([m.place for m in mentions if m.place], places)
    countries = [c for c in (places.country(m) for m in mentions) if c]
    country = (places.gazetteer.country_of(place) if place else None) or (countries[0] if countries else None)
    participants = tuple(sorted({p for m in mentions for p in getattr(m, "participants", ())}))
    label = ", ".join(part for part in (kind_label(kind), place or country, when(time)) if part)
    return FusedEvent(event_id(category, cluster[0].ref), category, kind, label,
                      tuple(item.ref for item in cluster), time, place, country, participants, reasons)


def fuse(extractions: Sequence[Extraction], gazetteer: Gazetteer | None = None) -> Fusion:
    """Fuse the attack and negotiation mentions of many articles into real-world events.

    ``gazetteer`` (default: the bundled lists) supplies place containment ("Kabul University" lies
    in "Kabul") and countries. Mentions of one article never merge with each other.
    """
    places = _Places(gazetteer or load_gazetteer())
    attacks: list[_Item] = []
    negotiations: list[_Item] = []
    retold: list[Decision] = []  # a retelling joins its report's main event
    assumed: dict[Ref, AssumedTime] = {}
    background: set[Ref] = set()
    for extraction in extractions:
        aid = extraction.article.id
        claimed: dict[str, set[str]] = {}
        for claim in extraction.claims:
            if claim.stance == "claims_responsibility":
                claimed.setdefault(claim.attack, set()).add(claim.claimant)
        actors = {m.key: frozenset(m.perpetrators) | frozenset(claimed.get(m.key, ())) for m in extraction.attacks}
        reading = reports.read(extraction, _kinds_compatible, actors)
        background.update((aid, key) for key in reading.background)
        for m in extraction.attacks:
            if m.key in reading.retells:
                main, why = reading.retells[m.key]
                retold.append(Decision("attack", (aid, main), (aid, m.key), True, why))
                continue
            guess = reading.assumed.get(m.key)
            if guess is not None:
                assumed[(aid, m.key)] = guess
            attacks.append(_Item((aid, m.key), replace(m, time=guess.time) if guess else m, actors[m.key], guess))
        negotiations += [_Item((aid, m.key), m) for m in extraction.negotiations]
    refs = [item.ref for item in attacks + negotiations] + [d.second for d in retold]
    twice = sorted(_ref(ref) for ref, n in Counter(refs).items() if n > 1)
    if twice:
        raise KGBError(f"mention keys used twice in one article: {', '.join(twice)}; key attacks and"
                       " negotiations uniquely within an article, and give each article once")
    retellings: dict[Ref, list[_Item]] = defaultdict(list)
    by_ref = {(e.article.id, m.key): m for e in extractions for m in e.attacks}
    for d in retold:
        retellings[d.first].append(_Item(d.second, by_ref[d.second]))
    events: list[FusedEvent] = []
    decisions: list[Decision] = []
    for category, items, compare in (("attack", attacks, _compare_attacks),
                                     ("negotiation", negotiations, _compare_negotiations)):
        clusters, found = _cluster(sorted(items, key=lambda i: i.ref), category, compare, places)
        if category == "attack":
            found += retold
            clusters = [sorted(c + [r for item in c for r in retellings[item.ref]], key=lambda i: i.ref)
                        for c in clusters]
        why: dict[Ref, list[str]] = defaultdict(list)  # a member → why it joined the members before it
        for d in found:
            if d.merged:
                why[d.second].append(f"{_ref(d.first)} ~ {_ref(d.second)}: {d.reason}")
        for cluster in clusters:
            reasons = tuple(reason for item in cluster for reason in why[item.ref])
            events.append(_event(category, cluster, reasons, places))
        decisions += found
    parts = _parts(events, places)
    events = [replace(e, part_of=parts[e.id][0], reasons=(*e.reasons, parts[e.id][1])) if e.id in parts else e
              for e in events]
    events.sort(key=lambda e: (e.category, e.members[0]))
    index = {ref: event.id for event in events for ref in event.members}
    return Fusion(tuple(events), index, tuple(decisions), assumed, frozenset(background))
