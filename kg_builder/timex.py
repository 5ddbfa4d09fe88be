"""Time phrases of a Doc read against the publication date, and attached to the words they date.

The ``kgb_time`` component (time_phrases) finds where the phrases are; here each is normalized with
the tense of the verb it hangs on ("will meet on Monday" looks forward), given the year of the date
before it ("in January of that year"), or dated from the day stated before it ("the previous night");
the values are written back on ``doc.spans["kgb_time"]``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Span, Token

from . import temporal
from .time_phrases import SPANS_KEY, detect
from .types import TimeValue

FUTURE_AUX = {"will", "would", "'ll", "shall"}
DEICTIC = re.compile(r"(?i)\b(?:today|yesterday|tomorrow|tonight|last night|this (?:morning|afternoon|evening))\b")
REPORTING = {"say", "tell", "announce", "report", "confirm", "add", "state", "claim", "write", "tweet",
             "post", "note", "insist", "allege", "declare", "explain", "quote", "deny", "blame", "accuse"}


@dataclass(frozen=True)
class TimePhrase:
    """A time phrase found in the text, where it is, and what it says."""

    text: str
    start: int  # token index
    end: int
    root: Token
    relative: bool  # "a day after …": needs an anchor event
    value: TimeValue | None
    since: bool  # "since …", "until …": a bound of a span, not the time of an event


def verb_of(token: Token) -> Token:
    """The nearest verb (or the sentence root) that governs ``token``."""
    current = token
    while current.pos_ not in ("VERB", "AUX") and current.head.i != current.i:
        current = current.head
    return current


def tense_of(token: Token) -> str:
    """"future" when the governing verb is marked for the future ("will meet", "is to hold", "plans to");
    "nearest" for a date that modifies a noun ("the February 29 deal"), whatever the clause's tense."""
    if token.dep_ in ("compound", "nmod", "amod", "poss", "npadvmod") and token.head.pos_ in ("NOUN", "PROPN") \
            and not any(c.lower_ in ("next", "last", "this", "coming", "upcoming") for c in token.children):
        return "nearest"
    verb = verb_of(token)
    if verb.lemma_ in ("plan", "schedule", "expect", "set", "due") and any(
            c.dep_ == "auxpass" and c.tag_ in ("VBZ", "VBP") for c in verb.children):
        return "future"  # "the meeting is scheduled for Monday", "talks are set for next week"
    for candidate in (verb, verb.head):
        # ("began on Monday and are expected to last three days": a coordinated verb has its own tense)
        if any(c.lower_ in FUTURE_AUX or c.lemma_ in ("plan", "schedule", "expect")
               for c in candidate.children if c.dep_ not in ("conj", "parataxis")):
            return "future"
        if candidate.lemma_ in ("plan", "schedule", "expect", "due") and candidate.i != verb.i:
            return "future"
    if verb.tag_ in ("VBP", "VBZ") and not any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return "present"
    return "past"


def find_time_phrases(doc: Doc, published: date | None) -> list[TimePhrase]:
    """Every time phrase of the Doc, read against the publication date (anchored phrases get their value
    later); the values are written on the spans of ``doc.spans["kgb_time"]`` (``Span._.kgb_time``)."""
    spans = list(doc.spans[SPANS_KEY]) if SPANS_KEY in doc.spans else detect(doc)
    phrases: list[TimePhrase] = []
    year = None  # the year of the last dated phrase ("that year")
    stated: tuple[int, int] | None = None  # the last year written out, and its sentence
    for widened in spans:
        start, end = widened.start, widened.end
        core = widened[slice(*widened._.kgb_core)] if widened._.kgb_core else widened
        relative = any(temporal.bounds_word(t.text, doc[t.i + 1:end].text) for t in widened) \
            and not any(t.like_num and len(t.text) == 4 for t in widened) \
            and not any(t.lower_.rstrip(".") in temporal.MONTHS for t in widened)
        text = widened.text
        if year is not None and "that year" in text.lower():  # "in January of that year": the year just named
            text = re.sub(r"(?i)\b(of )?that year\b", str(year), text)
        elif stated is not None and stated[1] == core.sent.start and _yearless_date(widened):
            text = f"{text} {stated[0]}"  # "in October 2001, after the September 11 attacks": that year's September
        if (shift := temporal.anchor_day(text)) is not None:  # "the previous night": the day stated before it
            relative = False
            value, cut = _from_stated_day(text, shift, phrases, core, published), 0
        else:
            said = _speech_day(core, spans, published) if DEICTIC.search(text) else None  # "'… yesterday,' it said on Friday"
            value, cut = (None, 0) if relative else _normalize(text, said or published, tense_of(core.root))
        root = core.root
        if cut and len(text.split()) == end - start:  # the date is the opening only: it hangs where that does
            end -= cut
            root = doc[start:end].root
        since = bool({t.lower_ for t in widened} & {"since", "until", "from"})
        phrases.append(TimePhrase(doc[start:end].text, start, end, root, relative, value, since))
        if value is not None and value.earliest_begin and value.granularity in ("day", "week", "month", "year"):
            year = value.earliest_begin.year
            if any(t.like_num and len(t.text) == 4 for t in widened):
                stated = (year, core.sent.start)
    doc.spans[SPANS_KEY] = [_written(doc, p) for p in phrases]
    return phrases


def _written(doc: Doc, phrase: TimePhrase) -> Span:
    span = doc[phrase.start:phrase.end]
    span._.kgb_time = phrase.value
    return span


def in_quote(token: Token) -> bool:
    """Inside a direct quotation of its sentence (an odd number of quotation marks before it)."""
    before = token.doc[token.sent.start: token.i].text
    return (before.count('"') + before.count("“") + before.count("”")) % 2 == 1


def _speech_day(core: Span, spans: list[Span], published: date | None) -> date | None:
    """The day a quotation was spoken, when "today" or "yesterday" stands in it and its sentence dates
    the speaking outside the quotation ("'we attacked the base yesterday,' the group said on Friday"):
    a speaker's deixis counts from the day of speaking, not from publication."""
    if published is None or not in_quote(core.root):
        return None
    for span in spans:
        if span.sent.start == core.sent.start and not in_quote(span.root) and verb_of(span.root).lemma_ in REPORTING \
                and not DEICTIC.search(span.text):
            value = temporal.normalize(span.text, published)
            if value is not None and value.granularity == "day" and value.value:
                return value.earliest_begin
    return None


def _from_stated_day(text: str, shift: int, phrases: list[TimePhrase], core: Span,
                     published: date | None) -> TimeValue | None:
    """"The previous night", "that day", "the next day" counted from the last day the text states
    before it, in its sentence or the one before ("said on Friday that … the previous night"; "… on
    Monday. The next day, …"). A day a report was made is the anchor of what came before it, not of
    what came after ("police said on Saturday that a second post fell the next day" counts from the
    attack's day); a past event is not dated after publication."""
    doc = core.doc
    earliest = doc[core.sent.start - 1].sent.start if core.sent.start > 0 else core.sent.start
    tense = tense_of(core.root)
    for phrase in reversed(phrases):
        if phrase.start < earliest:
            return None
        if phrase.value is None or phrase.value.granularity != "day" or not phrase.value.value:
            continue
        if shift > 0 and verb_of(phrase.root).lemma_ in REPORTING:
            continue
        value = temporal.normalize(text, published, anchor=phrase.value, tense=tense)
        if value is not None and tense == "past" and published is not None and value.earliest_begin > published:
            return None
        return value
    return None


def _yearless_date(span: Span) -> bool:
    """A month, with or without a day, and no year ("September 11", "in March")."""
    return any(t.lower_.rstrip(".") in temporal.MONTHS for t in span) and \
        not any(t.like_num and len(t.text) == 4 for t in span)


def _normalize(text: str, published: date | None, tense: str) -> tuple[TimeValue | None, int]:
    """The value of a phrase, or of its longest opening that has one, and how many trailing words that
    left out: the model's entities take in words ("on Wednesday moments", "on Wednesday to end two years")."""
    words = text.split()
    for cut in range(0, len(words)):
        value = temporal.normalize(" ".join(words[:len(words) - cut]), published, tense=tense)
        if value is not None:
            return value, cut
    return None, 0


def anchored(phrase: TimePhrase, anchor: TimeValue | None, published: date | None) -> TimeValue | None:
    """The value of a relative phrase ("a day after") once its anchor event's time is known."""
    if anchor is None:
        return None
    return temporal.normalize(phrase.text, published, tense="past", anchor=anchor)
