"""Where an attack happened, as the reader weighs each sentence's place against what it has read.

``places.PlaceFinder`` finds the place a trigger's sentence names; this module decides what that place
is to the attack: the mention's own ("the attacks on two mosques in Christchurch") or only the
sentence's, one that can tell two attacks apart (it hangs on the trigger's clause, not on the speaker:
"an official in Washington said …"), one the attack cannot have (``places_conflict``), one that refines
the attack's ("Kabul" after "Afghanistan"), and, for an attack told with none, the place of the attack
told in the sentence before (``place_before``).
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from . import temporal
from .attack_state import AttackState
from .attack_time import AttackTimes
from .places import PlaceFinder
from .timex import REPORTING, verb_of


@dataclass(frozen=True)
class MentionPlace:
    """The place a trigger's sentence gives it, and what the place is to the trigger."""

    name: str | None
    detail: str | None
    own: bool  # named inside the mention itself
    telling: str | None  # the place if it can tell this attack from another: its own, or on its clause


def place_of_mention(places: PlaceFinder, token: Token, sent: Span) -> MentionPlace:
    """"A defence official in Washington said …, while another described the strike": a place outside
    the trigger's clause may be the attack's, but does not make it another attack (``telling`` is None)."""
    place, detail = places.place_of(token, sent)
    own = place is not None and _places_own(places, token, place)
    telling = place if not place or own or _place_governed(places, token, place) else None
    return MentionPlace(place, detail, own, telling)


def take_place(places: PlaceFinder, state: AttackState, found: MentionPlace) -> None:
    """A mention's place becomes its attack's when the attack has none or it is finer ("Kabul" after
    "Afghanistan"); a place named inside a mention replaces a guess from a sentence, not a finer one;
    a place the attack cannot have is the sentence's, not the attack's."""
    place = found.name
    replaces = found.own and not state.place_own and state.place is not None \
        and not more_specific(places, state.place, place)
    if place and state.place and places_conflict(places, place, state.place) and not replaces:
        place = None
    if place and (state.place is None or more_specific(places, place, state.place) or replaces):
        state.place, state.place_own = place, found.own or state.place_own
    state.place_detail = state.place_detail or found.detail


def more_specific(places: PlaceFinder, a: str, b: str) -> bool:
    """Whether place ``a`` lies inside place ``b`` (or may: a town of the province no gazetteer has)."""
    return b in places.ancestors(a) or places.may_lie_in(a, b)


def places_conflict(places: PlaceFinder, place: str | None, other: str | None) -> bool:
    """Two places one attack cannot both have. A place the gazetteer lacks ("the town of Seiyun") may lie
    in any country-wide place ("Yemen"): unknown, no conflict."""
    if place and other and place != other:
        if places.may_lie_in(place, other) or places.may_lie_in(other, place):
            return False  # "Soum province" … "the town of Djibo": the province's extent is unknown
        related = places.ancestors(place) | places.ancestors(other)
        if place in related or other in related:
            return False
        return not any(a in places.unlisted and places.gazetteer.country_of(b) == b
                       for a, b in ((place, other), (other, place)))
    return False


def place_before(state: AttackState, keep: list[AttackState], times: AttackTimes,
                 index: dict[int, int]) -> str | None:
    """"A second bomber blew himself up among the recruits": an attack told in the sentence after
    another, with no place of its own, on no other day, happened where that one did. Not one that a
    sentence opens on a new time ("Hours later, a second blast …"): that is a new scene, perhaps elsewhere.
    ``index`` numbers the article's sentences by their first token."""
    first = state.cluster.first
    if state.background or state.parent is not None or first.caption or first.headline:
        return None
    if times.opens_new_scene(first.sent):
        return None
    start = index.get(state.cluster.first.sent.start)
    before = [a for a in keep if a is not state and a.place and not a.background
              and not a.cluster.first.caption and not a.cluster.first.headline
              and index.get(a.cluster.first.sent.start, start) < start]
    if start is None or not before:
        return None
    previous = max(before, key=lambda a: index[a.cluster.first.sent.start])
    near = start - max(index.get(m.sent.start, -9) for m in previous.cluster.mentions) <= 1
    same_day = state.time is None or previous.time is None or temporal.compatible(state.time, previous.time)
    return previous.place if near and same_day else None


def _places_own(places: PlaceFinder, token: Token, place: str) -> bool:
    """Whether the place is named inside the mention itself ("the attacks on two mosques in Christchurch")."""
    subtree = {t.i for t in token.subtree}
    spans = [*places.in_sentence(token.sent), *[e for e in places.entities_in(token.sent) if e.text == place]]
    return any(s.start in subtree and (s.label_ == place or s.text == place) for s in spans)


def _place_governed(places: PlaceFinder, token: Token, place: str) -> bool:
    """Whether the place hangs on the trigger's clause or a clause governing it, and not on the speaker
    of a report ("An official in Washington said …")."""
    verb = verb_of(token)
    governing = {verb.i, *(a.i for a in verb.ancestors)}
    for span in token.doc.spans.get("kgb_places", ()):
        if span.label_ != place or not token.sent.start <= span.start < token.sent.end:
            continue
        node = span.root
        while node.i not in governing and node.head.i != node.i \
                and not (node.dep_ in ("nsubj", "nsubjpass") and node.head.lemma_ in REPORTING):
            node = node.head
        if node.i in governing:
            return True
    return place in places.unlisted
