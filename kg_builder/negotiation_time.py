"""When a negotiation happened, as one mention tells it: begin, end, the day of a meeting, status.

What the text proves is kept as bounds: talks "that began in September" begin in September; talks
reported as going on last at least until publication; "ended" talks ended no later than
publication; a one-day meeting begins and ends that day. A date belongs to the trigger's own clauses
first (the verb it is subject or object of, its participle or relative clause), then to its phrase,
then to the verb over it; the day of a walkout, a decision or an announcement is not the talks'.
"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from .negotiation_words import (BEGIN, DECIDE, END, ONGOING, PLAN, PLANNED, PROGRESSIVE_AUX, REALIZE, RESCHEDULE,
                                VENUE, WALKOUT, noun_kind)
from .figures import parse_number
from .temporal import normalize
from .timex import TimePhrase, tense_of, verb_of
from .types import TimeValue

WEEKDAY = re.compile(r"(on\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)", re.I)

if TYPE_CHECKING:
    from .negotiations import Negotiation


def read_time(negotiation: Negotiation, token: Token, verb: Token, governors: list[Token], sent: Span,
              times: list[TimePhrase], published: date | None) -> None:
    """Set the begin, end, day and status of ``negotiation`` from the sentence of its trigger ``token``."""
    phrases = [p for p in times if sent.start <= p.start < sent.end and p.value is not None and not p.relative
               and not (p.start > 0 and token.doc[p.start - 1].lower_ == "date" and p.start - 1 <= sent.start + 1)]
    # ("date 2024-10-26 …" is a crawler's stamp of the page, not a time the report gives)
    inside = {t.i for t in token.subtree}
    if verb.lemma_.lower() in DECIDE - REALIZE and verb.i != token.i:
        # "decided on Thursday on a start date for the talks", "announced the meeting on Monday": the
        # day is the decision's or the announcement's
        governors = [g for g in governors if g.i != verb.i]
        verb = token
    own = [v for v in (verb, token, *governors) if v.lemma_.lower() not in WALKOUT]  # the walkout's day is its own
    # the trigger's own clauses first ("a deal struck last year" under "pulled out by May 1"), then its phrase
    related = [p for p in phrases if verb_of(p.root) in own[1:]] + [p for p in phrases if verb_of(p.root) in own[:1]] \
        + [p for p in phrases if p.root.i in inside and _directly_under(verb_of(p.root), token)]
    related = [_ahead(_scheduled(p, published), published) for p in dict.fromkeys(related)]
    if not related:  # "since February last year, when they signed a deal": the date the clause hangs on
        when = [c for v in own for c in v.children if c.lower_ == "when" and c.dep_ == "advmod" and c.i < v.i]
        related = [_point(p, published) for p in phrases for w in when if p.end in (w.i, w.i - 1)]
    if not related:  # "visited Qatar on Saturday, where he met …": the meeting is during the visit
        hosts = {verb_of(g.head) for g in (verb, *governors)
                 if g.dep_ == "relcl" and any(c.lower_ == "where" for c in g.children)}
        related = [p for p in phrases if verb_of(p.root) in hosts]
    lemmas = {g.lemma_.lower() for g in governors} | {f"{g.lemma_.lower()} {p.lower_}" for g in governors
                                                      for p in g.children if p.dep_ == "prt"}  # "called off"
    future = any(tense_of(g) == "future" for g in (*governors, *_purposes(governors))) or any(
        c.lower_ in PLANNED for c in token.children if c.dep_ in ("amod", "acl")) or any(
        a.lemma_.lower() in PLAN and a.tag_ in ("VBZ", "VBP") for a in (verb, *verb.ancestors) if a.pos_ == "VERB")
    # "plans to fly to Washington for talks", "hopes to meet": present plans are planned talks
    for phrase in related:
        latest = phrase.start > 0 and token.doc[phrase.start - 1].lower_ == "recently"  # "most recently last Monday"
        if latest and token.tag_ == "NNS":
            negotiation.end, negotiation.status = phrase.value, "ended"
        elif lemmas & RESCHEDULE and not _new_date(phrase, token.doc):
            if lemmas & END:  # "were adjourned last month": they stopped then
                negotiation.end = negotiation.end or phrase.value
            continue  # "postponed on Monday": the day of the postponing, not of the talks
        elif lemmas & RESCHEDULE and published and phrase.value.latest_end and phrase.value.latest_end < published:
            ahead = normalize(phrase.text, published, tense="future")  # "postponed to May 2": a date ahead
            negotiation.begin, negotiation.status = ahead or phrase.value, "planned"
        elif phrase.since or lemmas & (BEGIN | VENUE):
            negotiation.begin = negotiation.begin or phrase.value
        elif lemmas & END:
            negotiation.end = negotiation.end or phrase.value
        else:
            negotiation.day = negotiation.day or phrase.value  # the first date told, not a later "month-long"
    _span_days(negotiation, token, published)
    past = any(g.tag_ in ("VBD", "VBN") and tense_of(g) == "past" and not _present_passive(g)
               for g in governors if g.dep_ != "acl")
    # ("the meeting, organised by Russia, is aimed at …": neither the participle nor "is aimed" is past)
    start = negotiation.begin or negotiation.day
    ahead = bool(published and start and start.earliest_begin and start.earliest_begin > published) \
        and negotiation.kind != "Agreement"  # (a deal "brokered" in a "June" read as ahead was still made)
    if negotiation.status:
        return  # a series dated by its latest round is over
    if future or ahead:  # "meet in Kuala Lumpur this weekend" (told on a Friday): not yet under way
        negotiation.status = "planned"
    elif lemmas & END or past and negotiation.kind == "Meeting" and not lemmas & (BEGIN - {"hold"}):
        negotiation.status = "ended"  # a meeting reported in the past is over by publication; one opened, not yet
        negotiation.recently = any(c.lower_ == "recently" for g in governors for c in g.children if c.dep_ == "advmod")
    elif {t.lemma_.lower() for t in sent} & ONGOING or {t.lower_ for t in sent} & ONGOING or any(
            t.tag_ == "VBG" and any(a.lower_ in PROGRESSIVE_AUX for a in t.children if a.dep_ == "aux") for t in sent):
        negotiation.status = "ongoing"  # "ongoing talks", "were finalising a deal", "have been wrestling for months"
    elif any(_present_state(t) for t in sent):
        negotiation.status = "ongoing"  # "progress has been slow", "the talks are difficult"
    elif lemmas & (BEGIN - {"hold"}) and negotiation.kind in ("Talks", "NegotiationRound"):
        negotiation.status = "ongoing"  # "opened talks on Saturday", and no end reported


def _new_date(phrase: TimePhrase, doc) -> bool:
    """"postponed to May 2", "delayed until next week": the date a reschedule moves the talks to."""
    return phrase.start > 0 and doc[phrase.start - 1].lower_ in ("to", "until", "till", "for")


def _purposes(governors: list[Token]) -> list[Token]:
    """The verbs a negotiation's verbs are the purpose of ("will gather in Doha to try to restart talks":
    try, gather): a plan told there is the talks' plan."""
    found = []
    for verb in governors:
        while verb.dep_ in ("advcl", "xcomp") and any(c.lower_ == "to" for c in verb.children if c.dep_ == "aux"):
            verb = verb.head
            found.append(verb)
    return found


def _days_long(token: Token) -> int | None:
    """The length of "a two-day meeting", "the three-day talks", "a 2-day summit" in days, else None."""
    for day in token.children:
        if day.lower_ == "day" and day.dep_ in ("compound", "amod", "nmod") \
                and any(c.text in ("-", "‑", "–") for c in day.children):
            count = next((c for c in day.children if c.dep_ == "nummod"), None)
            parsed = parse_number(count.text) if count is not None else None
            if parsed and not parsed[1] and 1 <= parsed[0] <= 31:
                return parsed[0]
    return None


def _span_days(negotiation: Negotiation, token: Token, published: date | None) -> None:
    """"A two-day meeting opened on Tuesday": it ends on Wednesday; "the three-day talks end on
    Friday": they began on Wednesday. Only a day-exact begin or end is carried over."""
    n = _days_long(token) if negotiation.kind in ("Meeting", "Talks", "NegotiationRound") else None
    start = negotiation.begin or negotiation.day
    if n is None:  # ("agreed to a seven-day ceasefire on Saturday": the truce lasts, not the agreeing)
        return
    if negotiation.end is None and start is not None and start.granularity == "day" and start.value:
        negotiation.begin = start
        negotiation.end = normalize(f"{n - 1} days after", published, anchor=start, tense="nearest")
    elif start is None and negotiation.end is not None and negotiation.end.granularity == "day" and negotiation.end.value:
        negotiation.begin = normalize(f"{n - 1} days before", published, anchor=negotiation.end, tense="nearest")


def _point(phrase: TimePhrase, published: date | None) -> TimePhrase:
    """The date a "since" phrase names, as the time of what happened then ("since March, when …")."""
    if not phrase.since:
        return phrase
    text = re.sub(r"^(ever\s+)?since\s+", "", phrase.text, flags=re.I)
    value = normalize("in " + text, published, tense="past")  # a bare "March" could be the verb
    return replace(phrase, value=value, since=False) if value is not None else phrase


def _scheduled(phrase: TimePhrase, published: date | None) -> TimePhrase:
    """"The negotiations move to Havana on Nov 15": a yearless date told in the simple present is a
    schedule (the futurate present of news), so it is the occurrence nearest publication, not the last
    one before it; a weekday so told ("the two sides meet on Sunday") is the coming one."""
    verb = verb_of(phrase.root)
    present = verb.tag_ in ("VBP", "VBZ") and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    if not present or published is None or re.search(r"\b\d{4}\b", phrase.text):
        return phrase
    weekday = WEEKDAY.fullmatch(phrase.text.strip())  # "meet on Sunday": the coming one, or today
    value = normalize(phrase.text, published, tense="future" if weekday else "nearest")
    return replace(phrase, value=value) if value is not None and value.granularity == "day" else phrase


def _ahead(phrase: TimePhrase, published: date | None) -> TimePhrase:
    """"Talks are set to resume on Monday", "are expected to begin on Monday": the date of what is set
    to happen lies ahead, though the infinitive's own tense does not say so."""
    verb = verb_of(phrase.root)
    head = verb.head
    present = head.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in head.children
                                                 if a.dep_ in ("aux", "auxpass"))  # not "were set to resume"
    planned = verb.dep_ == "xcomp" and head.lemma_.lower() in PLAN | {"set", "due"} and present \
        and any(c.lower_ == "to" for c in verb.children if c.dep_ == "aux")
    value = phrase.value
    if not planned or published is None or value is None or value.latest_end is None or value.latest_end >= published \
            or re.search(r"\b\d{4}\b|\blast\b|\bago\b|yesterday|earlier", phrase.text, re.I):
        return phrase
    ahead = normalize(phrase.text, published, tense="future")
    return replace(phrase, value=ahead) if ahead is not None else phrase


def _present_passive(verb: Token) -> bool:
    return any(a.dep_ == "auxpass" and a.tag_ in ("VBZ", "VBP") for a in verb.children)


def _directly_under(clause: Token, token: Token) -> bool:
    """The clause hangs in the trigger's phrase with no other verb between ("talks between X and Y,
    which will take place on March 10"); a date further down dates another event ("talks that ended
    without a deal to end the conflict, which began on October 7")."""
    if clause.i != token.i and clause.dep_ in ("conj", "advcl", "ccomp", "xcomp", "parataxis") \
            and clause.head.i == token.i:
        return False  # "have been negotiating … and have a March 23 deadline": another clause
    if clause.dep_ == "relcl" and clause.head.i != token.i and not any(
            c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("which", "that") for c in clause.children):
        return False  # "a ceasefire with an alliance whose offensive since October …": the alliance's story
    node = clause
    while node.i != token.i:
        if node.i != clause.i and node.pos_ in ("VERB", "AUX") or node.head.i == node.i:
            return node.i == token.i
        node = node.head
    return True


def _present_state(verb: Token) -> bool:
    """A copula in the present or present perfect saying how the talks or their progress stand."""
    if verb.lemma_ != "be" or not any(c.dep_ == "acomp" for c in verb.children):
        return False
    present = verb.tag_ in ("VBZ", "VBP") or any(a.lower_ in ("has", "have") for a in verb.children if a.dep_ == "aux")
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    return present and any(s.lemma_.lower() == "progress" or noun_kind(s) in ("Talks", "NegotiationRound")
                           for s in subjects)


def before(a: TimeValue | None, b: TimeValue | None) -> bool:
    """``a`` ends before ``b`` can begin."""
    return bool(a and b and a.latest_end and b.earliest_begin and a.latest_end < b.earliest_begin)


def narrower(a: TimeValue, b: TimeValue) -> bool:
    """``a`` lies within ``b`` and says more ("on Thursday" within "earlier this week")."""
    if None in (a.earliest_begin, a.latest_end, b.earliest_begin, b.latest_end):
        return False
    return b.earliest_begin <= a.earliest_begin and a.latest_end <= b.latest_end and (
        a.latest_end - a.earliest_begin < b.latest_end - b.earliest_begin)


def time_of(n: Negotiation, published: date | None) -> TimeValue | None:
    """Bounds from what the article says: begin, end, the day of a meeting, and status."""
    if n.day is not None and n.begin is None and n.end is None and n.kind in ("Meeting", "Agreement"):
        return n.day
    if n.kind == "Agreement" and n.begin is None and (n.end or n.day):
        return n.end or n.day  # an agreement's date is the day it was signed or reached
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
        latest_end = published - timedelta(days=1) if n.recently else published  # "today" would say so
    if latest_end and latest_begin and latest_begin > latest_end:
        latest_begin = latest_end
    text = " / ".join(t.text for t in (begin, end) if t) or (n.status or "")
    value = begin.value if begin and end is None and n.status != "ongoing" and begin.granularity == "day" and n.kind == "Meeting" else None
    return TimeValue(text, begin.granularity if begin else end.granularity if end else "unknown",
                     earliest_begin, latest_begin, earliest_end, latest_end, value)
