"""The ``kgb_time`` spaCy component: where a Doc's time phrases are, in ``doc.spans["kgb_time"]``.

spaCy's DATE/TIME entities and the phrases the patterns of data/temporal/patterns.json find (dates
spaCy's small models miss: "early Friday morning", "only a day after", "Nov. 2") are merged, trimmed
of the punctuation and the place names the model's entities take in, and widened to the words that
belong to the phrase ("on", "since", "after", "Monday morning", "two days later"). Finding them needs
no publication date, so it runs in the pipeline; ``timex.find_time_phrases`` then reads each span
against the publication date and writes the result on it (``Span._.kgb_time``: the TimeValue or None;
``Span._.kgb_core``: where the date itself lies in the span, before widening, as (start, end) token
offsets from the span's start; the phrase hangs on that core's root).
"""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from .time_lexicon import MONTHS, WEEKDAYS, ZONE_NAMES, load_table

SPANS_KEY = "kgb_time"
LEAD_WORDS = {"on", "in", "early", "late", "since", "from", "after", "before", "until", "by", "during",
              "of", "at", "last", "this", "next", "earlier", "later", "mid", "only", "just", "the"}
RELATIVE_WORDS = {"after", "before", "later", "earlier"}
DURATION_UNITS = {"minute", "hour", "day", "week", "month", "year", "moment"}
PART_WORDS = {"morning", "night", "evening", "afternoon"}

for _name, _default in (("kgb_time", None), ("kgb_core", None)):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=_default)


def _names(keys: dict[str, int]) -> str:
    """Capitalized names of ``keys`` for a regular expression, abbreviations with an optional period."""
    return "|".join(sorted({k.capitalize() + (r"\.?" if len(k) <= 4 else "") for k in keys}, key=len, reverse=True))


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, ...]:
    fill = {"<MONTH>": "(?:" + _names(MONTHS) + ")",
            "<WEEKDAY>": "(?:" + _names({k: v for k, v in WEEKDAYS.items() if len(k) > 3}) + ")",  # not "Sun"
            "<ORD>": r"\d{1,2}(?:st|nd|rd|th)?",
            "<ZONE>": "|".join(map(re.escape, ZONE_NAMES))}
    patterns = []
    for pattern in load_table("patterns.json")["patterns"]:
        for key, value in fill.items():
            pattern = pattern.replace(key, value)
        patterns.append(re.compile(pattern))
    return tuple(patterns)


def find_times(text: str) -> list[tuple[int, int, str]]:
    """Time phrases the regular expressions find, as (start, end, phrase), longest first where they overlap.

    Month names must be capitalized; "May" and "March" need a day, a year or a word before them."""
    hits = sorted({(m.start(), m.end()) for rx in _patterns() for m in rx.finditer(text)}, key=lambda h: (h[0], -h[1]))
    found: list[tuple[int, int, str]] = []
    for start, end in hits:
        if found and start < found[-1][1]:
            if end <= found[-1][1]:
                continue
            start = found.pop()[0]  # overlapping matches join into one phrase
        found.append((start, end, text[start:end]))
    return found


def detect(doc: Doc) -> list[Span]:
    """The time phrases of ``doc`` in text order, widened, each with its core span in ``Span._.kgb_core``."""
    spans: list[Span] = [e for e in doc.ents if e.label_ in ("DATE", "TIME")]
    for start, end, _ in find_times(doc.text):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            spans.append(span)
    found = []
    for span in _merge(doc, spans):
        start, end = span.start, span.end
        while end - 1 > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1  # "in May." found by the pattern finder: the full stop is no part of the date
        core = doc[start:end]
        # the model's DATE entities can swallow a place before the date ("Badghis early Thursday")
        while start < end - 1 and (doc[start].pos_ == "PROPN" or doc[start].lower_ == "of") \
                and doc[start].lower_.rstrip(".") not in MONTHS.keys() | WEEKDAYS.keys():
            start += 1
        possessive = any(t.tag_ == "POS" for t in doc[start:min(end + 1, len(doc))])
        # "after the November 21 attack": the preposition governs the noun the date modifies, not the date
        modifier = core.root.dep_ in ("nmod", "compound", "amod") and core.root.head.pos_ in ("NOUN", "PROPN") \
            and not start <= core.root.head.i < end
        while not possessive and not modifier and start > core.sent.start and doc[start - 1].lower_ in LEAD_WORDS:
            start -= 1
        # "two days later", "a week after", "Monday morning"; not "in 2018 after their bombing" (a date, then
        # an event) nor "moments after a plane landed" (a clause of its own)
        duration = any(t.lower_.rstrip("s") in DURATION_UNITS for t in doc[start:end])
        while end < core.sent.end and doc[end].dep_ != "mark" and (
                doc[end].lower_ in PART_WORDS
                or doc[end].lower_ in RELATIVE_WORDS and (duration or doc[end].lower_ in ("later", "earlier"))):
            end += 1
        widened = doc[start:end]
        widened._.kgb_core = (core.start - start, core.end - start)  # relative: survives Doc.from_docs
        found.append(widened)
    return found


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


@Language.factory("kgb_time", requires=["doc.ents", "doc.sents", "token.dep", "token.tag"],
                  assigns=["doc.spans", "span._.kgb_core"], default_config={})
def make_time_phrases(nlp: Language, name: str) -> "TimePhrases":
    return TimePhrases()


class TimePhrases:
    """Puts the time phrases of each Doc in ``doc.spans["kgb_time"]`` (values come with the publication date)."""

    def __call__(self, doc: Doc) -> Doc:
        doc.spans[SPANS_KEY] = detect(doc)
        return doc
