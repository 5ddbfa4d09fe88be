"""How one news report's attack mentions relate to the event it reports (what fusion may assume).

Three habits of news writing that fusion relies on, each a default an analyst would grant and none
a statement of the article:

- **A report's own event is recent.** An attack the report gives no date is taken to have happened
  within ``temporal.REPORT_RECENCY_DAYS`` days up to publication (``temporal.assumed_report_time``),
  an :class:`~kg_builder.types.AssumedTime` with its bounds and reason; fusion treats it as vague
  evidence, never as a stated date.
- **A background mention is not.** An attack named as a yardstick or reminder ("the deadliest since
  a suicide bombing at the airport", "deadlier than the March truck bombing", "similar attacks")
  gets no assumed time: it may lie years back. The cue words are data (data/lexicon/reports.json).
- **A retelling is the main event.** The report's main event is its first attack with a stated day
  (or a span of at most ``PRECISE_DAYS``) and a place below country level. A later mention with no
  time of its own, no place below country level (or the main event's very place and death toll), a
  compatible kind, and no disagreeing figure or perpetrator (a toll it states is the main event's
  number) retells it ("the blast", "the dead also included ...", "a second explosion" with no toll
  of its own), unless the report calls it another attack ("a separate attack"). Fusion puts such a
  mention on the main event's node, with the reason.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Mapping

from . import temporal
from .resources import data_dir
from .types import AssumedTime, AttackMention, Extraction, Figure

LEXICON = data_dir() / "lexicon" / "reports.json"
PRECISE_DAYS = 1  # a time at most this many days wide (a day, an overnight) is precise evidence
_WORD = re.compile(r"[\w'’-]+")


@dataclass(frozen=True)
class Cues:
    """Words before a trigger that mark a background mention or another attack."""

    background: frozenset[str]
    distinct: frozenset[str]
    window: int
    modifiers: frozenset[str]  # background cues only right before the trigger ("an earlier bombing")
    modifier_window: int


@lru_cache(maxsize=None)
def cues(path: Path = LEXICON) -> Cues:
    data = json.loads(path.read_text(encoding="utf-8"))
    return Cues(frozenset(data["background"]), frozenset(data["distinct"]), int(data["window"]),
                frozenset(data["background_modifiers"]), int(data["modifier_window"]))


@dataclass(frozen=True)
class Reading:
    """What fusion may assume about one article's attack mentions."""

    main: str | None = None  # key of the report's main event
    retells: Mapping[str, tuple[str, str]] = field(default_factory=dict)  # mention key → (main event key, why)
    background: frozenset[str] = frozenset()
    assumed: Mapping[str, AssumedTime] = field(default_factory=dict)  # undated own events


def width(mention: AttackMention) -> int | None:
    """Days between the earliest begin and latest end of a mention's stated time; None when open."""
    t = mention.time
    return (t.latest_end - t.earliest_begin).days if t and t.earliest_begin and t.latest_end else None


def _before_trigger(mention: AttackMention, window: int) -> set[str]:
    """The lower-case words just before the mention's trigger word in its sentence (the rule names
    the trigger lemma: "attack-noun-trigger:bombing:body")."""
    parts = mention.evidence.rule.split(":")
    if len(parts) < 2 or not parts[1]:
        return set()
    words = [w.lower() for w in _WORD.findall(mention.evidence.text)]
    lemma = parts[1].lower()
    at = next((i for i, w in enumerate(words) if w.startswith(lemma[:max(3, len(lemma) - 2)])), None)
    return set(words[max(0, at - window):at]) if at is not None else set()


def is_background(mention: AttackMention) -> bool:
    """Whether the mention's trigger is introduced as an earlier attack ("since a suicide bombing",
    "an earlier bombing"; not "Earlier, a bomb exploded", where the adverb is far from the trigger)."""
    c = cues()
    return bool(_before_trigger(mention, c.window) & c.background
                or _before_trigger(mention, c.modifier_window) & c.modifiers)


def _country_at_most(mention: AttackMention) -> bool:
    """No place of its own finer than a country."""
    return mention.place is None or mention.place == mention.country


def _disagree(a: Figure | None, b: Figure | None) -> bool:
    """A retold toll repeats the number; a different one ("a second bomber killed 25") is its own."""
    return a is not None and b is not None and a.value != b.value


def read(extraction: Extraction, kinds_compatible, actors: Mapping[str, frozenset[str]]) -> Reading:
    """The main event, retellings, background mentions and assumed times of one article.

    ``kinds_compatible(a, b)`` is fusion's test of attack kinds (one definition); ``actors`` maps a
    mention key to the actors narrated or claimed as doing it.
    """
    published = extraction.article.published
    ordered = sorted(extraction.attacks, key=lambda m: (m.evidence.start, m.key))
    background = frozenset(m.key for m in ordered if m.time is None and is_background(m))
    main = next((m for m in ordered if m.time is not None and (width(m) or 0) <= PRECISE_DAYS
                 and width(m) is not None and not _country_at_most(m)), None)
    retells: dict[str, tuple[str, str]] = {}
    if main is not None:
        for m in ordered:
            if m is main or m.time is not None or m.key in background:
                continue
            # a place of its own is the main event's only when it repeats its place and its toll
            same_toll = m.killed is not None and main.killed is not None and m.killed.value == main.killed.value
            if _country_at_most(m):
                own = "no time and no place below country level of its own"
            elif m.place == main.place and same_toll:
                own = f"no time of its own, the same place ({m.place}) and death toll ({m.killed.value})"
            else:
                continue
            if _before_trigger(m, cues().window) & cues().distinct:
                continue
            if not kinds_compatible(m.kind, main.kind):
                continue
            if _disagree(m.killed, main.killed) or _disagree(m.injured, main.injured):
                continue
            mine, theirs = actors.get(m.key, frozenset()), actors.get(main.key, frozenset())
            if mine and theirs and not mine & theirs:
                continue
            retells[m.key] = (main.key, f"{own}, kind and figures agree with {extraction.article.id}#{main.key},"
                                        " the report's main event: a retelling of it")
    default = temporal.assumed_report_time(published)
    assumed = {m.key: default for m in ordered
               if default is not None and m.time is None and m.key not in background and m.key not in retells}
    return Reading(main.key if main else None, retells, background, assumed)
