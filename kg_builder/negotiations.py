"""Negotiations: talks, rounds, meetings and agreements, with place, participants, begin and end.

A trigger ("talks", "the sixth round", "met with", "signed an agreement": negotiation_triggers says
which words are) becomes a negotiation mention; a later mention of a compatible kind in a compatible
place is the same negotiation ("the talks"). Who takes part is read by negotiation_parties, when it
happened by negotiation_time, with the words of negotiation_words (data/lexicon/negotiations.json).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Span, Token

from .actors import ActorResolver
from .gazetteer import load as load_gazetteer
from .negotiation_parties import mediators as read_mediators, participants as read_participants
from .negotiation_time import before, narrower, read_time, time_of
from .negotiation_triggers import fell_through, kind_of, nearing, only_called_for, realized, session_of_talks
from .negotiation_words import (COMPLETE, FAMILY, LOCATIVE, NOMINAL_ACTS, ORDINALS, REALIZE, RESUME, SPANS,
                                TOWN_NOUNS, TRAVEL, UMBRELLA, VENUE, noun_kind)
from .nlp import dateline_length
from .timex import TimePhrase, tense_of, verb_of
from .types import Evidence, NegotiationMention, TimeValue


@dataclass
class Negotiation:
    """A negotiation as the article has described it so far."""

    kind: str
    label: str
    sent: Span
    rule: str
    place: str | None = None
    participants: list[str] = field(default_factory=list)
    mediators: list[str] = field(default_factory=list)
    begin: TimeValue | None = None
    end: TimeValue | None = None
    day: TimeValue | None = None
    round: int | None = None
    status: str | None = None
    recently: bool = False  # "recently ended": before the day of publication
    signed: bool = False  # an agreement a verb says was signed, reached or finalized
    resumed: bool = False  # taken up again ("arrived to resume the talks"): a suspension told is older


def find_negotiations(doc: Doc, sentences: list[Span], actors: ActorResolver, times: list[TimePhrase],
                      published: date | None) -> list[NegotiationMention]:
    """The negotiations the body sentences report, merged within the article."""
    gazetteer = load_gazetteer()
    found: list[Negotiation] = []
    for sent in sentences:
        for token in sent:
            kind = kind_of(token, sent, bool(found))
            near = kind == "Agreement" and nearing(token)
            if near:
                kind = "Talks"  # "the two sides are nearing a deal": the talks go on
            if kind is None or kind == "Agreement" and not realized(token, times) or session_of_talks(token) \
                    or fell_through(token) or kind != "Agreement" and only_called_for(token):
                continue
            mention = _read(token, kind, sent, actors, times, gazetteer, found, published)
            if near:
                mention.status = "ongoing"
            moved = mention.place and found and any(g.lemma_.lower() in VENUE for g in _governors(token))
            named = [n for n in found if n.participants and FAMILY[n.kind] == "talks"]
            if named and not mention.participants and (moved or mention.kind == "NegotiationRound" and mention.round):
                # "the negotiations move to Havana on Nov 15", "a second round began in Mexico": the same parties
                mention.participants = list(named[-1].participants)
            same = None if moved else _same(found, mention, token, gazetteer)
            if same is None:
                found.append(mention)
            else:
                _merge(same, mention, gazetteer)
    _refine_places(found, gazetteer)
    keep = [n for n in found if _enough(n, gazetteer)]
    for n in keep:  # "Colombia" beside "Colombian government" is the same party
        governed = {gazetteer.actor_country.get(p) for p in n.participants if p in gazetteer.actor_country}
        n.participants = [p for p in n.participants if not (p in governed and p not in gazetteer.actor_country)]
    return [_mention(n, f"N{i}", published) for i, n in enumerate(keep, 1)]


def _refine_places(found: list[Negotiation], gazetteer) -> None:
    """A meeting placed only in a country ("visited Qatar, where he met …") is in the city where the
    article places a negotiation of the same parties, or of parties unnamed, in that country ("Doha,
    which hosts the talks")."""
    for negotiation in found:
        place = gazetteer.places.get(negotiation.place) if negotiation.place else None
        if place is None or place.kind != "country":
            continue
        within = [other.place for other in found if other is not negotiation and other.place
                  and (set(other.participants) & set(negotiation.participants) or not other.participants)
                  and place.name in {a.name for a in gazetteer.ancestors(other.place)}]
        if len(set(within)) == 1:
            negotiation.place = within[0]


def _enough(n: Negotiation, gazetteer) -> bool:
    """A negotiation worth a node says who or where: two parties, or a place (a meeting: and one party;
    with no party at all, a town: "peace negotiations in Afghanistan" name a topic, not an event)."""
    sides = {gazetteer.actor_country.get(p, p) for p in n.participants}  # a state and its government: one side
    if len(sides) >= 2:
        return True
    if n.kind == "Agreement" and n.signed and n.participants:
        return True  # "the Taliban signed a deal": an act, even when the text leaves the other side implicit
    if n.place is None or n.kind == "Meeting" and len(n.participants) != 1:
        return False
    return bool(sides) or gazetteer.places[n.place].kind in ("city", "site")


def _read(token: Token, kind: str, sent: Span, actors: ActorResolver, times: list[TimePhrase], gazetteer,
          found: list[Negotiation], published: date | None) -> Negotiation:
    verb = verb_of(token) if token.pos_ != "VERB" else token
    governors = _governors(token)
    place = _place(token, verb, governors, sent, gazetteer)
    earlier = found[-1].participants if found else []
    mediators = read_mediators(token, verb, governors, actors, earlier)
    participants = [p for p in read_participants(token, verb, governors, _inner(token), actors, earlier)
                    if p not in mediators]
    negotiation = Negotiation(kind, _label(token, kind), sent, f"negotiation-{token.pos_.lower()}:{token.lemma_}",
                              place, participants, mediators)
    negotiation.resumed = any(g.lemma_.lower() in RESUME for g in (verb, *governors))
    negotiation.signed = kind == "Agreement" and any(
        g.lemma_.lower() in REALIZE | COMPLETE and tense_of(g) == "past" and g.pos_ == "VERB" for g in governors)
    for child in token.children:  # "the third round", "their latest and ninth round", "the 6th round"
        for word in (child, *child.conjuncts) if child.dep_ == "amod" else ():
            number = ORDINALS.get(word.lower_) or _numbered(word.lower_)
            negotiation.round = number or negotiation.round
    read_time(negotiation, token, verb, governors, sent, times, published)
    return negotiation


def _numbered(word: str) -> int | None:
    """"6th", "21st": an ordinal written in figures."""
    match = re.fullmatch(r"(\d{1,2})(st|nd|rd|th)", word)
    return int(match.group(1)) if match else None


def _inner(token: Token) -> list[Token]:
    """The trigger a round or meeting is "of" ("a round of talks between …"), read with it."""
    return [p for prep in token.children if prep.dep_ == "prep" and prep.lower_ == "of"
            for p in prep.children if p.dep_ == "pobj" and noun_kind(p)]


def _governors(token: Token) -> list[Token]:
    """The verbs that say what happened to the negotiation itself: the trigger verb, the verb whose
    subject or object it is ("talks ended", "held talks"), its participle ("the deal signed in …")."""
    if token.pos_ == "VERB":
        return [token]
    found = [c for c in token.children if c.dep_ == "acl" and c.pos_ == "VERB"
             and not any(a.lower_ == "to" for a in c.children if a.dep_ == "aux")]  # "a deal to end the war": its aim
    found += [c for c in token.children if c.dep_ == "relcl" and c.pos_ in ("VERB", "AUX") and any(
        r.lower_ in ("which", "that") and r.dep_ in ("nsubj", "nsubjpass") for r in c.children)]  # "talks that ended in August"
    if token.dep_ in ("nsubj", "nsubjpass", "dobj") and token.head.pos_ in ("VERB", "AUX"):
        found.append(token.head)
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lemma_.lower() in NOMINAL_ACTS:
        found.append(token.head.head)  # "the signing of the agreement on Saturday in Doha"
    span = token.head.head if token.dep_ == "pobj" and token.head.lower_ == "of" else None
    if span is not None and span.lemma_.lower() in SPANS and span.dep_ in ("nsubj", "nsubjpass", "dobj") \
            and span.head.pos_ in ("VERB", "AUX"):
        found.append(span.head)  # "five days of talks ended on Friday", "the sixth cycle of negotiations began"
    if token.dep_ == "pobj" and token.head.lower_ in ("to", "on", "upon") and token.head.head.lemma_.lower() in REALIZE:
        found.append(token.head.head)  # "agreed to a ceasefire on Saturday"
    # "the talks are scheduled to begin on Saturday", "were due to resume": what is planned happens to the talks
    found += [x for g in list(found) if g.i != token.i for c in (g, *(a for a in g.children if a.dep_ == "acomp"))
              for x in c.children if x.dep_ == "xcomp" and x.pos_ == "VERB"]  # "which was due to begin in Havana"
    return found


def _place(token: Token, verb: Token, governors: list[Token], sent: Span, gazetteer) -> str | None:
    """Where it is held: a locative phrase on the trigger or its verb ("talks in Doha", "met in the
    Qatari capital, Doha"), a relative clause on a place ("Doha, which hosts the talks", "Qatar,
    where he met …"), or a city naming the talks ("the Geneva talks"). A country or city named
    otherwise in the sentence is a party or a topic ("talks on Afghanistan", "Washington said")."""
    anchors = {token.i, verb.i} | {g.i for g in governors} | {t.i for t in _inner(token)}
    anchors |= {q.i for node in (token, *_inner(token)) for prep in node.children
                if prep.dep_ == "prep" and prep.lower_ in ("between", "with")
                for p in prep.children if p.dep_ == "pobj" for q in (p, *p.conjuncts)}
    # ("talks between the two sides in Belarus", "between the government and the opposition in Astana")
    purpose = verb
    while purpose.dep_ in ("advcl", "xcomp") and any(c.lower_ == "to" for c in purpose.children if c.dep_ == "aux"):
        purpose = purpose.head  # "travelled to Kabul to meet the TTP", "gather in Doha to try to restart talks"
        anchors.add(purpose.i)
    dateline = sent.start + dateline_length(sent)
    found = []
    for span in token.doc.spans.get("kgb_places", ()):
        if not sent.start <= span.start < sent.end:
            continue
        head = span.root
        while True:
            if head.dep_ in ("appos", "compound", "poss", "nmod") and head.head.pos_ in ("NOUN", "PROPN") \
                    and head.head.i != token.i and not (head.dep_ == "compound" and head.head.pos_ == "NOUN"
                                                        and head.head.lemma_.lower() not in TOWN_NOUNS):
                head = head.head  # "the Qatari capital, Doha", "Qatar's capital"; not "in the Israel-Gaza war"
            elif head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lemma_.lower() in TOWN_NOUNS:
                head = head.head.head  # "the capital city of Doha"
            else:
                break
        preposition = head.head.lower_ if head.dep_ == "pobj" else None
        moving = head.head.head.lemma_.lower() in TRAVEL | VENUE if preposition else False
        holder = head.head.head if preposition else head
        locative = (preposition in LOCATIVE or preposition == "to" and moving) and (
            holder.i in anchors or _venue_in(holder, anchors))
        naming = span.root.head.i == token.i and span.root.dep_ in ("compound", "nmod") \
            and gazetteer.places[span.label_].kind in ("city", "site")
        relative = any(v.dep_ == "relcl" and v.head.i == head.i for v in (verb, *governors)) or any(
            v.dep_ in ("ccomp", "advcl") and v.head.lemma_ == "be" and head.dep_ == "nsubj" and head.head.i == v.head.i
            and any(c.lower_ == "where" for c in v.children) for v in (verb, *governors))  # "Doha is where they negotiate"
        where = any(v.dep_ == "relcl" and any(c.lower_ == "where" for c in v.children) for v in (verb, *governors))
        if where and not relative:  # ", where he met …" hung on the wrong word: the last place before it
            before = [p for p in token.doc.spans.get("kgb_places", ()) if dateline <= p.start < verb.i]
            relative = bool(before) and before[-1].start == span.start
        if locative or naming or relative:
            found.append(span)
    if not found:
        return None
    rank = {"city": 0, "site": 0, "province": 1, "country": 2}
    return min(found, key=lambda p: (rank.get(gazetteer.places[p.label_].kind, 3), abs(p.start - token.i))).label_


def _venue_in(noun: Token, anchors: set[int]) -> bool:
    """"held talks at the Ciragan Palace in Istanbul", "signed in a ceremony in Doha": the town is
    where the building or the event is that a locative phrase of the negotiation names."""
    return noun.pos_ in ("NOUN", "PROPN") and noun.dep_ == "pobj" and noun.head.lower_ in LOCATIVE \
        and noun.head.head.i in anchors


def _label(token: Token, kind: str) -> str:
    left = [t for t in token.subtree if t.i <= token.i and t.dep_ in ("amod", "compound", "nummod") or t.i == token.i]
    return " ".join(t.text for t in sorted(left, key=lambda t: t.i))


def _same(found: list[Negotiation], mention: Negotiation, token: Token, gazetteer) -> Negotiation | None:
    """The negotiation already read that this mention names again; "another round" names none."""
    if any(c.lower_ in ("another", "separate", "new") for c in token.children if c.dep_ in ("det", "amod")):
        return None
    for previous in reversed(found):
        if _counted(token) and previous.round:
            continue  # "three rounds of talks" are the earlier rounds, not the fourth one just told
        if token.lemma_.lower() in UMBRELLA and previous.kind in ("NegotiationRound", "Meeting"):
            continue  # "the ongoing peace process" is more than the round or meeting just told
        families = {FAMILY[previous.kind], FAMILY[mention.kind]}
        if len(families) > 1 and families != {"talks", "meeting"}:
            continue
        if len(families) > 1 and (mention.place is None or previous.place != mention.place or mention.kind == "Talks"
                                  and previous.kind == "Meeting" or (mention.status == "planned") != (previous.status == "planned")):
            continue  # a meeting at the talks in their place is a session of them, unless one is planned
        if mention.round and not previous.round and previous.kind != "NegotiationRound":
            continue  # "the sixth round" is a part of the talks named before, not the same event
        if mention.place and previous.place and not _place_fits(gazetteer, mention.place, previous.place):
            continue
        if mention.round and previous.round and mention.round != previous.round:
            continue
        if before(mention.day, previous.begin) or before(previous.day, mention.begin):
            continue  # "last year, the government conducted negotiations" are not the talks begun this month
        if mention.day and previous.day and mention.day.value != previous.day.value \
                and not (narrower(mention.day, previous.day) or narrower(previous.day, mention.day)):
            continue  # "a deal in February last year" is "the deal struck last year"
        if families == {"talks"} and _other_sides(mention.participants, previous.participants, gazetteer):
            continue  # US-Taliban talks, then intra-Afghan talks between the Taliban and the government
        definite = any(c.lower_ in ("the", "these", "this", "those") for c in token.children)
        if definite or mention.place or set(mention.participants) & set(previous.participants):
            return previous
        if previous.place and not previous.participants and mention.participants and FAMILY[mention.kind] == "talks":
            return previous  # "talks at the UN in Geneva … after talks between the GNA and the LNA": who held them
    return None


def _other_sides(a: list[str], b: list[str], gazetteer) -> bool:
    """Two sides each and neither set within the other: another pair negotiates ("Yemen" and the
    "Yemeni government" are one side)."""
    a, b = ({gazetteer.actor_country.get(p, p) for p in sides} for sides in (a, b))
    return len(a) >= 2 and len(b) >= 2 and not (a <= b or b <= a)


def _counted(token: Token) -> bool:
    return token.tag_ == "NNS" and any(c.dep_ == "nummod" and c.pos_ == "NUM" for c in token.children)


def _place_fits(gazetteer, a: str, b: str) -> bool:
    return a == b or a in {p.name for p in gazetteer.ancestors(b)} or b in {p.name for p in gazetteer.ancestors(a)}


def _merge(into: Negotiation, new: Negotiation, gazetteer) -> None:
    if new.place and (into.place is None or into.place in {p.name for p in gazetteer.ancestors(new.place)}):
        into.place = new.place
    into.mediators += [name for name in new.mediators if name not in into.mediators]
    into.participants += [name for name in new.participants if name not in into.participants]
    into.participants = [name for name in into.participants if name not in into.mediators]  # named as mediator: not a party
    into.signed = into.signed or new.signed
    into.begin = new.begin if into.begin is None or new.begin and narrower(new.begin, into.begin) else into.begin
    # a suspension told of talks taken up again is of an earlier phase, and so is one told before they are
    older = into.resumed and new.status == "ended"  # ("… to resume the talks. They were adjourned last month.")
    if new.resumed and new.status in ("ongoing", "planned") and into.status == "ended":
        into.end, into.status = None, new.status  # ("The talks were suspended in May. They resumed on Sunday.")
    into.resumed = into.resumed or new.resumed
    into.end = into.end if older else into.end or new.end
    into.day = into.day or new.day
    into.round = into.round or new.round
    into.recently = into.recently or new.recently
    if new.status and not older and (into.status is None or new.status != "ongoing"):
        into.status = new.status  # "ongoing" is read from the sentence, "ended" and "planned" from verbs
    if new.kind == "NegotiationRound" and into.kind == "Talks" or new.kind == "Meeting" and into.kind == "NegotiationRound":
        into.kind = new.kind if new.kind == "NegotiationRound" else into.kind


def _mention(n: Negotiation, key: str, published: date | None) -> NegotiationMention:
    time = time_of(n, published)
    sent = n.sent
    return NegotiationMention(key, n.kind, n.label, Evidence(sent.text.strip(), sent.start_char, sent.end_char, n.rule),
                              n.place, tuple(n.participants), time, n.round, n.status, tuple(n.mediators))
