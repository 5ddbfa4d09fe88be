"""Negotiations: talks, rounds, meetings and agreements, with place, participants, begin and end.

A trigger ("talks", "the sixth round", "met with", "signed an agreement") becomes a negotiation
mention; a later mention of a compatible kind in a compatible place is the same negotiation ("the
talks"). What the text proves about time is kept as bounds: talks "that began in September" begin
in September; talks reported as going on last at least until publication; "ended" talks ended no
later than publication; a one-day meeting begins and ends that day.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Span, Token

from .actors import ActorResolver
from .gazetteer import load as load_gazetteer
from .nlp import read_lexicon
from .timex import TimePhrase, tense_of, verb_of
from .types import Evidence, NegotiationMention, TimeValue

LEX = read_lexicon("negotiations")
NOUN_KIND = {w: k for k, words in LEX["nouns"].items() for w in words if " " not in w}
VERB_KIND = {w: k for k, words in LEX["verbs"].items() for w in words}
NEEDS_CONTEXT = set(LEX["noun_needs_context"])
CONTEXT = set(LEX["context_words"])
BEGIN = set(LEX["begin_verbs"])
END = set(LEX["end_verbs"])
ONGOING = set(LEX["ongoing_markers"])
PLANNED = set(LEX["planned_markers"])
ORDINALS = {w: i for i, w in enumerate("zeroth first second third fourth fifth sixth seventh eighth ninth "
                                       "tenth eleventh twelfth".split())}
FAMILY = {"Talks": "talks", "NegotiationRound": "talks", "Meeting": "meeting", "Agreement": "agreement"}


@dataclass
class Negotiation:
    """A negotiation as the article has described it so far."""

    kind: str
    label: str
    sent: Span
    rule: str
    place: str | None = None
    participants: list[str] = field(default_factory=list)
    begin: TimeValue | None = None
    end: TimeValue | None = None
    day: TimeValue | None = None
    round: int | None = None
    status: str | None = None


def find_negotiations(doc: Doc, sentences: list[Span], actors: ActorResolver, times: list[TimePhrase],
                      published: date | None) -> list[NegotiationMention]:
    """The negotiations the body sentences report, merged within the article."""
    gazetteer = load_gazetteer()
    found: list[Negotiation] = []
    for sent in sentences:
        for token in sent:
            kind = _kind(token, sent)
            if kind is None:
                continue
            mention = _read(token, kind, sent, actors, times, gazetteer)
            same = _same(found, mention, token, gazetteer)
            if same is None:
                found.append(mention)
            else:
                _merge(same, mention, gazetteer)
    keep = [n for n in found if n.place or len(n.participants) >= 2]
    return [_mention(n, f"N{i}", published) for i, n in enumerate(keep, 1)]


def _kind(token: Token, sent: Span) -> str | None:
    lemma, lower = token.lemma_.lower(), token.lower_
    if token.pos_ in ("NOUN", "PROPN"):
        kind = NOUN_KIND.get(lower) or NOUN_KIND.get(lemma)
        if kind is None:
            return None
        if (lemma in NEEDS_CONTEXT or lower in NEEDS_CONTEXT) and not any(
                t.lower_ in CONTEXT for t in sent if t.i != token.i):
            return None
        if kind == "NegotiationRound" and not any(t.lower_ in ("talks", "negotiations") for t in token.subtree):
            return None
        if token.dep_ == "compound":
            return None
        return kind
    if token.pos_ == "VERB" and lemma in VERB_KIND:
        if lemma == "sign" and not any(c.lemma_ in NOUN_KIND for c in token.children if c.dep_ == "dobj"):
            return None
        if lemma == "sign":
            return None  # the object noun ("signed an agreement") is the trigger
        return VERB_KIND[lemma]
    return None


def _read(token: Token, kind: str, sent: Span, actors: ActorResolver, times: list[TimePhrase], gazetteer) -> Negotiation:
    verb = verb_of(token) if token.pos_ != "VERB" else token
    scope = {t.i for t in verb.subtree} | {t.i for t in token.subtree}
    places = [p for p in token.doc.spans.get("kgb_places", ()) if sent.start <= p.start < sent.end]
    local = [p for p in places if p.start in scope] or places
    place = None
    if local:
        place = min(local, key=lambda p: ({"city": 0, "site": 0, "province": 1, "country": 2}.get(
            gazetteer.places[p.label_].kind, 3), abs(p.start - token.i))).label_
    participants = _participants(token, verb, sent, actors, place, gazetteer)
    negotiation = Negotiation(kind, _label(token, kind), sent, f"negotiation-{token.pos_.lower()}:{token.lemma_}",
                              place, participants)
    for child in token.children:
        if child.lower_ in ORDINALS and child.dep_ == "amod":
            negotiation.round = ORDINALS[child.lower_]
    _read_time(negotiation, token, verb, sent, times)
    return negotiation


def _participants(token: Token, verb: Token, sent: Span, actors: ActorResolver, place: str | None, gazetteer) -> list[str]:
    """Who takes part: "between X and Y", "with X", the subject of "met", "Afghan and Taliban negotiators"."""
    heads: list[Token] = []
    for node in (token, verb):
        for child in node.children:
            if child.dep_ == "prep" and child.lower_ in ("between", "with", "among"):
                for pobj in child.children:
                    heads += [pobj, *pobj.conjuncts]
            if child.dep_ in ("nsubj", "nsubjpass") and node is verb:
                heads += [child, *child.conjuncts]
            if child.dep_ in ("compound", "amod", "nmod", "poss") and node is token:
                heads += [child, *child.conjuncts]
    names: list[str] = []
    for head in heads:
        candidates = [head] + [c for c in head.children if c.dep_ in ("compound", "amod", "conj", "nmod", "poss")]
        for cand in candidates:
            name = actors.actor_of(cand)
            if name is None:
                person = actors.person_at(cand)
                name = person.affiliation if person else None
            if name and name not in names and not (place and gazetteer.actors[name].kind == "State"
                                                   and gazetteer.country_of(place) == name and cand.dep_ == "pobj"
                                                   and cand.head.lower_ == "in"):
                names.append(name)
    return names


def _read_time(negotiation: Negotiation, token: Token, verb: Token, sent: Span, times: list[TimePhrase]) -> None:
    words = {t.lemma_.lower() for t in sent} | {t.lower_ for t in sent}
    phrases = [p for p in times if sent.start <= p.start < sent.end and p.value is not None and not p.relative]
    related = [p for p in phrases if verb_of(p.root) in (verb, token) or p.root.i in {t.i for t in token.subtree}]
    tense = tense_of(verb)
    if tense == "future" or words & PLANNED and verb.lemma_ not in END | BEGIN:
        negotiation.status = "planned" if tense == "future" else negotiation.status
    verbs = {verb.lemma_.lower(), token.head.lemma_.lower() if token.dep_ in ("nsubj", "nsubjpass", "dobj") else ""}
    for phrase in related:
        if phrase.since or verbs & BEGIN:
            negotiation.begin = phrase.value
        elif verbs & END:
            negotiation.end = phrase.value
        else:
            negotiation.day = phrase.value
    if verbs & END and tense != "future":
        negotiation.status = "ended"
    elif words & ONGOING and negotiation.status != "planned":
        negotiation.status = "ongoing"


def _label(token: Token, kind: str) -> str:
    left = [t for t in token.subtree if t.i <= token.i and t.dep_ in ("amod", "compound", "nummod") or t.i == token.i]
    return " ".join(t.text for t in sorted(left, key=lambda t: t.i))


def _same(found: list[Negotiation], mention: Negotiation, token: Token, gazetteer) -> Negotiation | None:
    """The negotiation already read that this mention names again."""
    for previous in reversed(found):
        families = {FAMILY[previous.kind], FAMILY[mention.kind]}
        if len(families) > 1 and families != {"talks", "meeting"}:
            continue
        if len(families) > 1 and (mention.place is None or previous.place != mention.place or mention.kind == "Talks"
                                  and previous.kind == "Meeting"):
            continue
        if mention.place and previous.place and not _place_fits(gazetteer, mention.place, previous.place):
            continue
        if mention.round and previous.round and mention.round != previous.round:
            continue
        if mention.day and previous.day and mention.day.value != previous.day.value:
            continue
        definite = any(c.lower_ in ("the", "these", "this", "those") for c in token.children)
        if definite or mention.place or set(mention.participants) & set(previous.participants):
            return previous
    return None


def _place_fits(gazetteer, a: str, b: str) -> bool:
    return a == b or a in {p.name for p in gazetteer.ancestors(b)} or b in {p.name for p in gazetteer.ancestors(a)}


def _merge(into: Negotiation, new: Negotiation, gazetteer) -> None:
    if new.place and (into.place is None or into.place in {p.name for p in gazetteer.ancestors(new.place)}):
        into.place = new.place
    for name in new.participants:
        if name not in into.participants:
            into.participants.append(name)
    into.begin = into.begin or new.begin
    into.end = into.end or new.end
    into.day = into.day or new.day
    into.round = into.round or new.round
    into.status = new.status or into.status
    if new.kind == "NegotiationRound" and into.kind == "Talks" or new.kind == "Meeting" and into.kind == "NegotiationRound":
        into.kind = new.kind if new.kind == "NegotiationRound" else into.kind


def _mention(n: Negotiation, key: str, published: date | None) -> NegotiationMention:
    time = _time(n, published)
    sent = n.sent
    return NegotiationMention(key, n.kind, n.label, Evidence(sent.text.strip(), sent.start_char, sent.end_char, n.rule),
                              n.place, tuple(n.participants), time, n.round, n.status)


def _time(n: Negotiation, published: date | None) -> TimeValue | None:
    """Bounds from what the article says: begin, end, the day of a meeting, and status."""
    if n.day is not None and n.begin is None and n.end is None and n.kind in ("Meeting", "Agreement"):
        return n.day
    begin = n.begin or (n.day if n.kind != "Meeting" and n.status != "ended" else None)
    end = n.end or (n.day if n.status == "ended" else None)
    if begin is None and end is None and n.status is None:
        return None
    earliest_begin = begin.earliest_begin if begin else None
    latest_begin = begin.latest_end if begin else None
    earliest_end = end.earliest_begin if end else None
    latest_end = end.latest_end if end else None
    if n.status == "ongoing" and published:
        earliest_end = max(d for d in (earliest_end, published) if d)
    if n.status == "ended" and published and latest_end is None:
        latest_end = published
    if latest_end and latest_begin and latest_begin > latest_end:
        latest_begin = latest_end
    text = " / ".join(t.text for t in (begin, end) if t) or (n.status or "")
    value = begin.value if begin and end is None and n.status != "ongoing" and begin.granularity == "day" and n.kind == "Meeting" else None
    return TimeValue(text, begin.granularity if begin else end.granularity if end else "unknown",
                     earliest_begin, latest_begin, earliest_end, latest_end, value)
