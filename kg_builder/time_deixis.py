"""Phrases dated from publication or from an anchor: "two days ago", "a day after", "the past few weeks",
"the coming days", "last week", "earlier in November", "overnight into Saturday", "Thursday last week",
"last summer".

Each reader takes the phrase's words and the reading context of ``temporal`` (publication, tense,
anchor, and ``point``, the reader of a whole point phrase for the parts these phrases contain).
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from .figures import parse_number
from . import time_calendar as cal
from .time_lexicon import (SEASONS, COMING_RE, RECENT_RE, REL_RE, WEEK_DAY_RE, AGO_GRANULARITY, RECENT, REL_WORDS,
                           UNITS, VAGUE, WEEKDAYS)
from .time_relations import proved_le, proved_lt
from .types import TimeValue


def _count(words: str | None, plural: bool, unit: str) -> tuple[int, int] | None:
    if words is None:
        if not plural:
            return 1, 1
        return (1, 59) if unit == "minute" else (1, 23) if unit == "hour" else (2, 9)
    if words in VAGUE:
        return VAGUE[words]
    parsed = parse_number(words)
    return (parsed[0], parsed[0]) if parsed and not parsed[1] else None


def _steps(unit: str, lo: int, hi: int) -> tuple[int, int, str]:
    """Counts of ``unit`` as whole days (floor, ceiling: "hours after" may cross midnight) or months."""
    step, size = UNITS[unit]
    if step == "day":
        return lo * size // 1440, -(-hi * size // 1440), step
    return lo * size, hi * size, step


def read_relative(words: list[str], ctx: dict) -> TimeValue | None:
    """"two days ago", "a day after", "hours later", "18 years on", "a week before 21 November"."""
    m = REL_RE.match(" ".join(w.lower() for w in words))
    if not m:
        return None
    count = _count(m.group("count"), bool(m.group("plural")), m.group("unit"))
    if count is None:
        return None
    lo, hi, step = _steps(m.group("unit"), *count)
    if m.group("dir") in ("ago", "earlier", "before", "prior"):
        lo, hi = -hi, -lo
    published, anchor = ctx["published"], ctx["anchor"]
    if m.group("dir") == "ago":
        if published is None:
            return None
        return cal.shift(cal.unit_of(AGO_GRANULARITY[m.group("unit")], published), lo, hi, step)
    n_rest = len(m.group("rest").split()) if m.group("rest") else 0
    base = ctx["point"](words[len(words) - n_rest:], ctx) if n_rest else None
    base = base or anchor
    return cal.shift(base, lo, hi, step) if base is not None else None


def read_recent(words: list[str], ctx: dict) -> TimeValue | None:
    """"recent days", "the past few weeks", "the past two months", "the past week": a span ending now;
    "the coming days", "the next two weeks", "the days ahead": a span beginning now."""
    m = RECENT_RE.match(" ".join(w.lower() for w in words))
    published = ctx["published"]
    if not m and published is not None and (c := COMING_RE.match(" ".join(w.lower() for w in words))):
        unit, count = c.group("unit") or c.group("unit2"), c.group("count")  # "in the coming days": ahead
        n = _count(count, True, unit) if count else (1, 1)
        if n is None:
            return None
        reach = RECENT[unit] if not count else _steps(unit, 0, n[1])[1]
        step = "day" if count is None else _steps(unit, 0, n[1])[2]
        end = published + timedelta(days=reach) if step == "day" else cal.add_months(published, reach, False)
        return TimeValue("", "unknown", published, end, published, end, None)
    if not m or published is None or (words[0].lower() == "last" and not m.group("plural")):
        return None
    unit, count = m.group("unit"), m.group("count")
    if m.group("plural") and not count:
        start = published - timedelta(days=RECENT[unit])
    else:
        n = _count(count, True, unit) if count else (1, 1)
        if n is None:
            return None
        _, days, step = _steps(unit, 0, n[1])
        start = published - timedelta(days=days) if step == "day" else cal.add_months(published, -days, False)
    return TimeValue("", "unknown", start, published, start, published, None)


def read_deictic(words: list[str], ctx: dict) -> TimeValue | None:
    """today, yesterday, this/last/next week|month|year|weekend, earlier/later this …, bare "year"."""
    published = ctx["published"]
    low = [w.lower() for w in words]
    if published is None or not low:
        return None
    offsets = {"today": 0, "yesterday": -1, "tomorrow": 1, "day before yesterday": -2, "day after tomorrow": 2}
    if " ".join(low) in offsets:
        return cal.day(published + timedelta(days=offsets[" ".join(low)]))
    if low == ["overnight"]:
        return _night_before(published)
    edge = low[0] if low[0] in ("earlier", "later") else None
    rest = low[1:] if edge else low
    if len(rest) == 2 and rest[0] in REL_WORDS:
        rel, unit = rest
    else:
        rel, unit = None, rest[0] if len(rest) == 1 else None
    if unit == "weekend":
        return cal.weekend(published, ctx["tense"], rel)
    if unit not in ("week", "month", "year") or (edge and rel not in ("this", None)):  # "earlier in the week"
        return None
    k = REL_WORDS[rel] if rel else 0
    v = cal.week(published + timedelta(days=7 * k)) if unit == "week" else \
        cal.year(published.year + k) if unit == "year" else cal.unit_of("month", cal.add_months(published, k, False))
    if edge == "earlier":
        v = replace(v, latest_begin=min(v.latest_begin, published), latest_end=min(v.latest_end, published))
    elif edge == "later":
        v = replace(v, earliest_begin=max(v.earliest_begin, published), earliest_end=max(v.earliest_end, published))
    return v


def _night_before(d: date) -> TimeValue:
    """The night that ends on the morning of ``d``: the evening before or the early hours of ``d``."""
    return TimeValue("", "day", d - timedelta(days=1), d, d - timedelta(days=1), d, None)


def read_overnight(words: list[str], ctx: dict) -> TimeValue | None:
    """"overnight Saturday", "overnight into Saturday": the night ending that morning; "overnight
    Friday into Saturday": from the one day to the other."""
    low = [w.lower() for w in words]
    if "into" in low[1:-1]:
        i = low.index("into")
        a, b = ctx["point"](words[:i], ctx), ctx["point"](words[i + 1:], ctx)
        if a is None or b is None or a.granularity != "day" or b.granularity != "day" or proved_lt(b.latest_end, a.earliest_begin):
            return None
        return TimeValue("", "day", a.earliest_begin, a.latest_begin, b.earliest_end, b.latest_end, None)
    v = ctx["point"](words[1:] if low[0] == "into" else words, ctx)
    if v is None or v.granularity != "day" or not v.value:
        return None
    return _night_before(v.earliest_begin)


def read_edge(words: list[str], ctx: dict) -> TimeValue | None:
    """"earlier in November", "later in the month": the unit cut at publication when it holds that day."""
    edge, v = words[0].lower(), ctx["point"](words[1:], ctx)
    published = ctx["published"]
    if v is None or published is None or not proved_le(v.earliest_begin, published) or not proved_le(published, v.latest_end):
        return v
    if edge == "earlier":
        return replace(v, latest_begin=min(v.latest_begin, published), latest_end=min(v.latest_end, published))
    return replace(v, earliest_begin=max(v.earliest_begin, published), earliest_end=max(v.earliest_end, published))


def read_week_day(words: list[str], ctx: dict) -> TimeValue | None:
    """"on Thursday last week", "Tuesday of next week": that weekday in the week named."""
    m = WEEK_DAY_RE.match(" ".join(w.lower() for w in words))
    published = ctx["published"]
    if not m or published is None:
        return None
    monday = published - timedelta(days=published.weekday()) + timedelta(days=7 * REL_WORDS[m.group("rel")])
    return cal.day(monday + timedelta(days=WEEKDAYS[m.group("day")]))


def read_season(words: list[str], ctx: dict) -> TimeValue | None:
    """"last summer", "this spring", "in the autumn of 2019", "since the winter": three months (the
    meteorological seasons of the northern hemisphere). "last" is the latest one over by publication,
    "next" the first not begun, "this" the one nearest publication, a bare season the latest begun by
    publication (tense future: the first not yet over). A winter with
    a year is ambiguous (which December?) and gives None; "fall" is a season only when introduced."""
    low = [w.lower() for w in words]
    rel = low[0] if low[0] in REL_WORDS and len(low) > 1 else None
    rest = low[1:] if rel else low
    if not rest or rest[0] not in SEASONS or len(rest) > 2 or rest[0] == "fall" and not (rel or ctx["introduced"]
                                                                                       or len(rest) == 2):
        return None
    first = SEASONS[rest[0]]

    def season(year: int) -> TimeValue:  # the season that begins in ``first`` of ``year``
        begin = date(year, first, 1)
        last = cal.add_months(begin, 2, False)
        end = cal.month(last.year, last.month).latest_end
        return TimeValue("", "month", begin, end, begin, end, None)

    if len(rest) == 2:
        if not rest[1].isdigit() or len(rest[1]) != 4 or rest[0] == "winter" or rel:
            return None
        return season(int(rest[1]))
    published = ctx["published"]
    if published is None:
        return None
    around = [season(y) for y in range(published.year - 2, published.year + 2)]
    if rel in ("this", "current"):  # the one nearest publication that the tense allows ("this winter", in November)
        allowed = [v for v in around if (v.earliest_begin <= published if ctx["tense"] == "past" else
                                         v.latest_end >= published if ctx["tense"] == "future" else True)]
        return min(allowed, key=lambda v: max((v.earliest_begin - published).days, (published - v.latest_end).days, 0))
    if rel in ("last", "previous"):
        return [v for v in around if v.latest_end < published][-1]
    if rel in ("next", "coming"):
        return next(v for v in around if v.earliest_begin > published)
    if ctx["tense"] == "future":
        return next(v for v in around if v.latest_end >= published)
    return [v for v in around if v.earliest_begin <= published][-1]
