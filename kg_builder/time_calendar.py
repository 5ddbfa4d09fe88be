"""Calendar units as TimeValues (a day, week, weekend, month, year, decade) and moving or dividing them."""
from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import replace
from datetime import date, timedelta

from .time_lexicon import REL_WORDS, THIRDS
from .types import TimeValue


def unit(gran: str, first: date, last: date, value: str | None) -> TimeValue:
    """A calendar unit as a container: the event begins and ends somewhere inside it."""
    return TimeValue("", gran, first, last, first, last, value)


def day(d: date) -> TimeValue:
    return unit("day", d, d, d.isoformat())


def month(y: int, m: int) -> TimeValue:
    return unit("month", date(y, m, 1), date(y, m, monthrange(y, m)[1]), f"{y:04d}-{m:02d}")


def year(y: int) -> TimeValue:
    return unit("year", date(y, 1, 1), date(y, 12, 31), f"{y:04d}")


def week(d: date) -> TimeValue:
    monday = d - timedelta(days=d.weekday())
    iso = monday.isocalendar()
    return unit("week", monday, monday + timedelta(days=6), f"{iso[0]}-W{iso[1]:02d}")


def unit_of(gran: str, d: date) -> TimeValue:
    return {"day": day, "week": week, "month": lambda x: month(x.year, x.month),
            "year": lambda x: year(x.year)}[gran](d)


def add_months(d: date, n: int, snap_end: bool) -> date:
    y, m = divmod(d.year * 12 + d.month - 1 + n, 12)
    last = monthrange(y, m + 1)[1]
    day = last if snap_end and d.day == monthrange(d.year, d.month)[1] else min(d.day, last)
    return date(y, m + 1, day)


def value_for(gran: str, eb: date | None, lb: date | None, ee: date | None, le: date | None) -> str | None:
    """The ISO value when the bounds are exactly one calendar unit of ``gran`` (after a shift)."""
    if eb is None or eb != ee or lb != le or gran not in ("day", "week", "month", "year"):
        return None
    unit = unit_of(gran, eb)
    return unit.value if (unit.earliest_begin, unit.latest_end) == (eb, le) else None


def shift(v: TimeValue, lo: int, hi: int, step: str) -> TimeValue:
    """``v`` moved by between ``lo`` and ``hi`` steps ("day" or "month"); month ends stay month ends."""
    coarse = v.granularity in ("month", "year", "decade")

    def move(d: date | None, n: int, end: bool) -> date | None:
        if d is None:
            return None
        return d + timedelta(days=n) if step == "day" else add_months(d, n, end and coarse)

    eb, lb = move(v.earliest_begin, lo, False), move(v.latest_begin, hi, True)
    ee, le = move(v.earliest_end, lo, False), move(v.latest_end, hi, True)
    return TimeValue("", v.granularity, eb, lb, ee, le, value_for(v.granularity, eb, lb, ee, le))


def third(v: TimeValue, part: str) -> TimeValue:
    """The early/mid/late third of a month, year or decade; other units are left as they are."""
    i, first = THIRDS[part], v.earliest_begin
    if v.value is None:  # not one calendar unit (a shifted or open value): nothing to divide
        return v
    if v.granularity == "month":
        a, b = ((1, 10), (11, 20), (21, v.latest_end.day))[i]
        lo, hi = first.replace(day=a), first.replace(day=b)
    elif v.granularity == "year":
        a, b = ((1, 4), (5, 8), (9, 12))[i]
        lo, hi = date(first.year, a, 1), date(first.year, b, monthrange(first.year, b)[1])
    elif v.granularity == "decade":
        a, b = ((0, 3), (4, 6), (7, 9))[i]
        lo, hi = date(first.year + a, 1, 1), date(first.year + b, 12, 31)
    else:
        return v
    return replace(v, earliest_begin=lo, latest_begin=hi, earliest_end=lo, latest_end=hi)


def pick_year(make, published: date | None, tense: str) -> TimeValue | None:
    """The occurrence of a yearless unit ``make(year)`` on the side of publication the tense says."""
    if published is None:
        return None
    if tense == "nearest":  # "the February 29 deal": the occurrence closest to publication
        found = []
        for year in (published.year - 1, published.year, published.year + 1):
            try:
                found.append(make(year))
            except ValueError:
                continue
        distance = lambda v: max((v.earliest_begin - published).days, (published - v.latest_end).days, 0)
        return min(found, key=distance, default=None)
    future = tense == "future"
    for k in (range(2) if future else range(9)):  # a planned event is within the coming year
        year = published.year + k if future else published.year - k
        try:
            v = make(year)
        except ValueError:  # 29 February in a common year
            continue
        if (v.latest_end >= published) if future else (v.earliest_begin <= published):
            return v
    return None


def weekday(wd: int, published: date, tense: str, rel: str | None) -> TimeValue:
    back, ahead = (published.weekday() - wd) % 7, (wd - published.weekday()) % 7
    if rel in ("last", "previous"):
        return day(published - timedelta(days=back or 7))
    if rel in ("next", "coming"):
        return day(published + timedelta(days=ahead or 7))
    if rel in ("this", "current"):
        return day(published + timedelta(days=wd - published.weekday()))
    return day(published + timedelta(days=ahead) if tense == "future" else published - timedelta(days=back))


def weekend(published: date, tense: str, rel: str | None) -> TimeValue:
    saturday = published - timedelta(days=published.weekday()) + timedelta(days=5)
    if rel is None:  # the weekend on or before publication, or (future) the one not yet over
        if (published.weekday() == 6) if tense == "future" else (published.weekday() < 5):
            saturday -= timedelta(days=7)
    else:
        saturday += timedelta(days=7 * REL_WORDS[rel])
    iso = saturday.isocalendar()
    return unit("week", saturday, saturday + timedelta(days=1), f"{iso[0]}-W{iso[1]:02d}-WE")


def two_digit_decade(d: int, published: date | None) -> int | None:
    if published is None:
        return None
    return 2000 + 10 * d if 2000 + 10 * d <= published.year else 1900 + 10 * d


def numeric(m: re.Match) -> TimeValue | None:
    if m.group(5):
        return month(int(m.group(5)), int(m.group(6))) if 1 <= int(m.group(6)) <= 12 else None
    a, b, c = int(m.group(1)), int(m.group(3)), int(m.group(4))
    if len(m.group(1)) == 4:
        readings = {(a, b, c)}
    else:
        year = c if len(m.group(4)) == 4 else 2000 + c if c < 50 else 1900 + c
        readings = {(year, b, a), (year, a, b)}
    days = set()
    for y, mo, d in readings:
        try:
            days.add(date(y, mo, d))
        except ValueError:
            pass
    return day(days.pop()) if len(days) == 1 else None
