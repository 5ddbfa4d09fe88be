"""Time phrases of a Doc, attached to the words they date.

spaCy's DATE/TIME entities (widened to the preposition and part-of-day words around them) and the
regular-expression finder of ``temporal.find_times`` are merged; each phrase is normalized against
the publication date with the tense of the verb it hangs on ("will meet on Monday" looks forward).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Span, Token

from . import temporal
from .types import TimeValue

LEAD_WORDS = {"on", "in", "early", "late", "since", "from", "after", "before", "until", "by", "during",
              "of", "at", "last", "this", "next", "earlier", "later", "mid", "only", "just", "the"}
RELATIVE_WORDS = {"after", "before", "later", "earlier"}
DURATION_UNITS = {"minute", "hour", "day", "week", "month", "year", "moment"}
FUTURE_AUX = {"will", "would", "'ll", "shall"}
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
    for candidate in (verb, verb.head):
        if any(c.lower_ in FUTURE_AUX or c.lemma_ in ("plan", "schedule", "expect") for c in candidate.children):
            return "future"
        if candidate.lemma_ in ("plan", "schedule", "expect", "due") and candidate.i != verb.i:
            return "future"
    if verb.tag_ in ("VBP", "VBZ") and not any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return "present"
    return "past"


def find_time_phrases(doc: Doc, published: date | None) -> list[TimePhrase]:
    """Every time phrase of the Doc, normalized (anchored phrases get their value later)."""
    spans: list[Span] = [e for e in doc.ents if e.label_ in ("DATE", "TIME")]
    for start, end, _ in temporal.find_times(doc.text):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            spans.append(span)
    spans = _merge(doc, spans)
    phrases = []
    year = None  # the year of the last dated phrase ("that year")
    stated: tuple[int, int] | None = None  # the last year written out, and its sentence
    for span in spans:
        start, end = span.start, span.end
        while end - 1 > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1  # "in May." found by the pattern finder: the full stop is no part of the date
        span = doc[start:end]
        # the model's DATE entities can swallow a place before the date ("Badghis early Thursday")
        while start < end - 1 and (doc[start].pos_ == "PROPN" or doc[start].lower_ == "of") \
                and doc[start].lower_.rstrip(".") not in temporal.MONTHS | temporal.WEEKDAYS.keys():
            start += 1
        possessive = any(t.tag_ == "POS" for t in doc[start:min(end + 1, len(doc))])
        # "after the November 21 attack": the preposition governs the noun the date modifies, not the date
        modifier = span.root.dep_ in ("nmod", "compound", "amod") and span.root.head.pos_ in ("NOUN", "PROPN") \
            and not start <= span.root.head.i < end
        while not possessive and not modifier and start > span.sent.start and doc[start - 1].lower_ in LEAD_WORDS:
            start -= 1
        # "two days later", "a week after", "Monday morning"; not "in 2018 after their bombing" (a date, then
        # an event) nor "moments after a plane landed" (a clause of its own)
        duration = any(t.lower_.rstrip("s") in DURATION_UNITS for t in doc[start:end])
        while end < span.sent.end and doc[end].dep_ != "mark" and (
                doc[end].lower_ in {"morning", "night", "evening", "afternoon"}
                or doc[end].lower_ in RELATIVE_WORDS and (duration or doc[end].lower_ in ("later", "earlier"))):
            end += 1
        widened = doc[start:end]
        words = {t.lower_ for t in widened}
        relative = any(temporal.bounds_word(t.text, doc[t.i + 1:end].text) for t in widened) and not any(t.like_num and len(t.text) == 4 for t in widened) \
            and not any(t.lower_.rstrip(".") in temporal.MONTHS for t in widened)
        text = widened.text
        if year is not None and "that year" in text.lower():  # "in January of that year": the year just named
            text = re.sub(r"(?i)\b(of )?that year\b", str(year), text)
        elif stated is not None and stated[1] == span.sent.start and _yearless_date(widened):
            text = f"{text} {stated[0]}"  # "in October 2001, after the September 11 attacks": that year's September
        shift = temporal.anchor_day(text)
        if shift is not None:  # "the previous night", "the next day": the day stated before it
            relative = False
            value, cut = temporal.normalize(text, published, anchor=_stated_day(phrases, span.sent)), 0
        else:
            value, cut = (None, 0) if relative else _normalize(text, published, tense_of(span.root))
        root = span.root
        if cut and len(text.split()) == end - start:  # the date is the opening only: it hangs where that does
            end -= cut
            widened = doc[start:end]
            root = widened.root
        since = bool(words & {"since", "until", "from"})
        phrases.append(TimePhrase(widened.text, start, end, root, relative, value, since))
        if value is not None and value.earliest_begin and value.granularity in ("day", "week", "month", "year"):
            year = value.earliest_begin.year
            if any(t.like_num and len(t.text) == 4 for t in widened):
                stated = (year, span.sent.start)
    return phrases


def _stated_day(phrases: list[TimePhrase], sent: Span) -> TimeValue | None:
    """The last day the text states before ``sent`` ends, in that sentence or the one before it: the
    day that "the previous night" or "the next day" counts from ("said on Friday that … the previous
    night"; "… on Monday. The next day, …")."""
    doc = sent.doc
    earliest = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    for phrase in reversed(phrases):
        if phrase.start < earliest:
            return None
        if phrase.value is not None and phrase.value.granularity == "day" and phrase.value.value:
            return phrase.value
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


def _merge(doc: Doc, spans: list[Span]) -> list[Span]:
    """Overlapping or touching spans as one ("early Friday" + "morning"), in text order."""
    spans = sorted(spans, key=lambda s: (s.start, -s.end))
    merged: list[Span] = []
    for span in spans:
        if merged and span.start <= merged[-1].end and span.sent == merged[-1].sent:
            last = merged[-1]
            merged[-1] = doc[last.start: max(last.end, span.end)]
        else:
            merged.append(span)
    return merged


def anchored(phrase: TimePhrase, anchor: TimeValue | None, published: date | None) -> TimeValue | None:
    """The value of a relative phrase ("a day after") once its anchor event's time is known."""
    if anchor is None:
        return None
    return temporal.normalize(phrase.text, published, tense="past", anchor=anchor)
