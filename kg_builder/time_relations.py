"""Allen relations over the TAC-KBP bounds of two TimeValues, and fusing two values of one event.

Relations, at day granularity over completed bounds (latest_begin := min(latest_begin, latest_end),
earliest_end := max(earliest_end, earliest_begin); None = open):
- certainly_before(a, b): a.latest_end < b.earliest_begin (a ends on an earlier day than b begins).
  possibly_before(a, b): unless a.earliest_end ≥ b.latest_begin. after(a, b) = before(b, a).
- certainly_during(a, b): b.latest_begin ≤ a.earliest_begin and a.latest_end ≤ b.earliest_end
  (same day counts). possibly_during(a, b): unless b.earliest_begin > a.latest_begin or
  a.earliest_end > b.latest_end (some placement has b.begin ≤ a.begin ≤ a.end ≤ b.end).
  A calendar-unit value ("in November") is an event somewhere inside the unit, so nothing is
  certainly during it; a period filling the month has begin bounds on the 1st and end bounds on the 30th.
- overlaps = the two share at least one day (any of Allen's o, s, d, f, =, and inverses), not Allen's
  narrow "overlaps": certainly when a.latest_begin ≤ b.earliest_end and b.latest_begin ≤ a.earliest_end,
  possibly unless a.earliest_begin > b.latest_end or b.earliest_begin > a.latest_end.
  A certain relation needs every bound it names; a possible one holds when a bound it names is None.
- compatible(a, b): some placement gives both the same begin and end; intersect(a, b) is then the
  tighter bounds of both.
"""
from __future__ import annotations

from datetime import date

from .time_lexicon import GRANULARITY_ORDER
from .types import TimeValue


def completed_bounds(v: TimeValue) -> tuple[date | None, date | None, date | None, date | None]:
    """⟨eb, lb, ee, le⟩ completed with begin ≤ end (see the module docstring)."""
    eb, le = v.earliest_begin, v.latest_end
    lb = min((d for d in (v.latest_begin, le) if d), default=None)
    ee = max((d for d in (v.earliest_end, eb) if d), default=None)
    return eb, lb, ee, le


def proved_lt(a: date | None, b: date | None) -> bool:
    """a < b proved (both known)."""
    return a is not None and b is not None and a < b


def proved_le(a: date | None, b: date | None) -> bool:
    return a is not None and b is not None and a <= b


def certainly_before(a: TimeValue, b: TimeValue) -> bool:
    return proved_lt(completed_bounds(a)[3], completed_bounds(b)[0])


def possibly_before(a: TimeValue, b: TimeValue) -> bool:
    return not proved_le(completed_bounds(b)[1], completed_bounds(a)[2])


def certainly_after(a: TimeValue, b: TimeValue) -> bool:
    return certainly_before(b, a)


def possibly_after(a: TimeValue, b: TimeValue) -> bool:
    return possibly_before(b, a)


def certainly_during(a: TimeValue, b: TimeValue) -> bool:
    (aeb, _, _, ale), (_, blb, bee, _) = completed_bounds(a), completed_bounds(b)
    return proved_le(blb, aeb) and proved_le(ale, bee)


def possibly_during(a: TimeValue, b: TimeValue) -> bool:
    (_, alb, aee, _), (beb, _, _, ble) = completed_bounds(a), completed_bounds(b)
    return not proved_lt(alb, beb) and not proved_lt(ble, aee)


def certainly_overlaps(a: TimeValue, b: TimeValue) -> bool:
    (_, alb, aee, _), (_, blb, bee, _) = completed_bounds(a), completed_bounds(b)
    return proved_le(alb, bee) and proved_le(blb, aee)


def possibly_overlaps(a: TimeValue, b: TimeValue) -> bool:
    (aeb, _, _, ale), (beb, _, _, ble) = completed_bounds(a), completed_bounds(b)
    return not proved_lt(ble, aeb) and not proved_lt(ale, beb)


def intersect(a: TimeValue, b: TimeValue) -> TimeValue | None:
    """The tighter bounds of two values that could be the same time (fusing two reports of one event)."""
    def pick(x: date | None, y: date | None, f) -> date | None:
        return f(x, y) if x is not None and y is not None else x or y

    (aeb, alb, aee, ale), (beb, blb, bee, ble) = completed_bounds(a), completed_bounds(b)
    eb, lb, ee, le = pick(aeb, beb, max), pick(alb, blb, min), pick(aee, bee, max), pick(ale, ble, min)
    if proved_lt(lb, eb) or proved_lt(le, ee) or proved_lt(le, eb):
        return None
    finer = min(a, b, key=lambda v: GRANULARITY_ORDER.index(v.granularity))
    if eb is not None and eb == lb == ee == le:
        return TimeValue(finer.text, "day", eb, lb, ee, le, eb.isoformat())
    same = next((v for v in (finer, a, b) if completed_bounds(v) == (eb, lb, ee, le)), None)
    return TimeValue(finer.text, finer.granularity, eb, lb, ee, le, same.value if same else None)


def compatible(a: TimeValue, b: TimeValue) -> bool:
    """Whether ``a`` and ``b`` could denote the same time (same begin and same end in some placement)."""
    return intersect(a, b) is not None
