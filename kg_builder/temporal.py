"""Time phrases of news reports as TimeValues with bounds, and Allen relations over those bounds.

A report says "in September", "since March", "a day after the attack". An analyst asking which
attacks fell during talks needs what is certain apart from what is only possible, so every value
carries TAC-KBP bounds ⟨earliest_begin, latest_begin, earliest_end, latest_end⟩ (days, inclusive;
None = unknown) rather than one guessed date. Word lists and zones are data (data/temporal/).

Normalization choices (each is a row of tests/data/temporal_cases.tsv):
- A calendar unit ("in September", "2020", "this week") is a container: the event begins and ends
  inside it, so begin bounds and end bounds are both the unit's first and last day.
- Yearless month or day, bare weekday: tense "past" or "present" → the latest on or before
  publication, the publication day included; "future" → the first on or after it (AP style names
  the current day by its weekday, so a Monday "will meet on Monday" is that day). "last Monday" /
  "next Monday" exclude the publication day; "this Monday" is the Monday of the current week.
  A date that names a thing ("the February 29 deal", "the November 30 meeting") has tense
  "nearest": the occurrence closest to publication. A future yearless date lies within a year.
- Tense "past" clamps latest_begin/latest_end to publication, "future" clamps earliest_begin/
  earliest_end to it; a clamp that would empty a range is skipped (the tense was misread).
- early/mid/late (and beginning/start/middle/end of) take thirds, keeping the unit's granularity and
  value: of a month days 1–10, 11–20, 21–end ("mid-January" → "2020-01", days 11–20); of a year
  Jan–Apr, May–Aug, Sep–Dec; of a decade years 0–3, 4–6, 7–9. "The end/beginning/start of" a year
  is its December/January ("talks concluded at the end of 2022" → "2022-12"); "late 2022" stays a third.
- "February last year", "in March this year", "January of next year": the month of that relative year.
- Seasons ("last summer", "this winter", "in the autumn of 2019") are three months, value None
  (meteorological, northern hemisphere; see ``time_deixis.read_season``).
- "on Thursday last week", "Tuesday of next week": that weekday of the week named. "earlier in
  November", "later in the month", "earlier in the week": the unit cut at publication when it holds it.
- "overnight Saturday", "overnight into Saturday": the night ending that morning (Friday–Saturday);
  "overnight Friday into Saturday" the two days. "shortly before dawn on Friday", "just after
  midnight Saturday" are times of that day, not bounds ("before Friday" is one: ``bounds_word``).
  "this past weekend" is the weekend just over, "this past week" the seven days up to publication.
- "the previous night", "the night before", "that evening", "the next morning": the anchor day
  shifted (``anchor_day``); timex gives them the day stated just before them.
- Values: day "2020-11-21", week "2020-W47" (ISO), weekend "2020-W47-WE" (granularity "week"),
  month "2020-09", year "2020", decade "199" (TimeML). Spans ("since", "from … to") have value None
  and the granularity of their coarsest end.
- "recent days", "the past (few|N) days/weeks/months/years", "the past week": granularity
  "unknown", value None, the event within [published − reach, published] (reach 7 days, 6 weeks,
  6 months, 5 years, or N units); "the coming days", "the next two weeks", "the days ahead" the same
  reach forward from publication. "for …" phrases are durations → None, as are bare durations
  ("two decades", "17 years") and duration adjectives ("five-year", "17-year", "decade-long").
- "N units ago": the calendar unit of the publication day shifted (years and, roughly, decades → a
  year; weeks → an ISO week; hours → the day or the day before). "N units after/before/later/
  earlier/on": the anchor shifted, or the date after "after/before" when the phrase names one; no
  anchor → None. Vague counts ("a few", "several", "days after") and hours widen the bounds; value
  None unless pinned to one unit.
- "since X": begin in X, earliest_end = publication unless future, latest_end None. "from X" alone:
  begin in X. "until X": end in X. "by X": latest_end = X's last day. "after X" / "before X": begin
  after X's last day / end before X's first day (X an event anchor: from its end / before its begin).
- Numeric dates: year-first is ISO; "12/03/2023" is read day-first or month-first only when the
  other reading is impossible or both agree; otherwise None.
- Clock times: the date stays as written unless the caller passes ``zone`` (the event place's zone)
  and the phrase states a zone; then the time is converted to the event's local day. A clock time
  without a date gives None.
- "May", "March", "Mar" are months only when capitalized and given a day, a year or a word before
  them ("in", "last", "early", …); lower-case they are a verb.

The word lists are in time_lexicon, calendar units in time_calendar, relative and deictic phrases in
time_deixis, the Allen relations in time_relations (re-exported here, as is ``find_times``).
"""
from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import replace
from datetime import date, datetime, timedelta

from .errors import KGBError
from . import time_calendar as cal
from .time_deixis import read_deictic, read_edge, read_overnight, read_recent, read_relative, read_season, read_week_day
from .time_lexicon import (CLOCK_RE, INTRODUCED_RE, NUMERIC_RE, PART_RE, DAY_PARTS, REL_YEAR_RE, ZONE_RE,
                           ANCHOR_DAYS, FILLERS, GRANULARITY_ORDER, MONTHS, PARTS_OF_DAY, REL_WORDS,
                           TENSES, THIRDS, VERB_MONTHS, WEEKDAYS, YEAR_EDGES, zone_minutes, zone_offset)
from .time_relations import (certainly_after, certainly_before, certainly_during, certainly_overlaps, compatible,
                             completed_bounds, intersect, possibly_after, possibly_before, possibly_during,
                             possibly_overlaps, proved_lt)
from .time_phrases import find_times
from .types import AssumedTime, TimeValue

__all__ = ["GRANULARITY_ORDER", "MONTHS", "REPORT_RECENCY_DAYS", "TENSES", "WEEKDAYS", "anchor_day", "assumed_report_time",
           "bounds_word", "certainly_after", "certainly_before", "certainly_during", "certainly_overlaps", "compatible",
           "completed_bounds", "find_times", "intersect", "normalize", "possibly_after", "possibly_before", "possibly_during",
           "possibly_overlaps", "zone_offset"]


def _tokens(text: str) -> tuple[list[str], tuple[int, int] | None, int | None | str] | None:
    """Words of the phrase (original case) without clock time, zone, fillers and parts of day.

    Returns (words, clock (h, m), stated zone in minutes — None for local time, "" when not stated);
    None when the phrase is a duration. The words are a fresh list each call, the reading cached."""
    read = _read_tokens(text)
    return None if read is None else (list(read[0]), read[1], read[2])


@lru_cache(maxsize=4096)
def _read_tokens(text: str) -> tuple[tuple[str, ...], tuple[int, int] | None, int | None | str] | None:
    """_tokens, once per phrase text: its twenty regular-expression passes are a pure function of the
    text, asked again by anchor_day and normalize of the same phrase and by phrases that recur ("on
    Monday"); the devset's extraction spent 7 % of its time here."""
    s = text.replace("’", "'").replace("\u00a0", " ").strip()
    clock = None
    m = CLOCK_RE.search(s)
    if m:
        if m.group(1):
            h, mins = int(m.group(1)) % 12 + (12 if m.group(3).lower() == "p" else 0), int(m.group(2) or 0)
        else:
            h, mins = int(m.group(4) or m.group(6)), int(m.group(5) or m.group(7))
        clock, s = (h, mins), s[:m.start()] + " " + s[m.end():]
    zone: int | None | str = ""
    z = ZONE_RE.search(s)
    if z:
        zone, s = zone_minutes(z), s[:z.start()] + " " + s[z.end():]
    s = re.sub(r"\b(last night|yesterday (?:morning|afternoon|evening|night))\b", "yesterday", s, flags=re.I)
    # "the previous night", "that evening", "the next morning", "the night before": the day of the anchor
    s = re.sub(r"\b(previous|following|next|same|that)\s+(?:night|evening|morning|afternoon)\b", r"\1 day", s, flags=re.I)
    s = re.sub(r"\b(?:night|evening|morning)\s+(before|after)\s*$", r"day \1", s, flags=re.I)
    s = re.sub(r"\b(tonight|this (?:morning|afternoon|evening))\b", "today", s, flags=re.I)
    if re.search(r"^\s*for\b|\b(?!mid-)\w+-(?:year|month|week|day|hour|decade)s?(?:-old)?\b|-long\b", s, re.I):
        return None
    s = re.sub(r"^\s*(?:earlier|later)\s+(?=on\b)", "", s, flags=re.I)
    # "shortly before dawn on Friday", "just after midnight Saturday": a time of that day, not a bound
    s = re.sub(r"\b(?:(?:shortly|just|soon|right|well)\s+)?(?:after|before)\s+(?:the\s+)?(?=(?:" + DAY_PARTS
               + r")\b)", " ", s, flags=re.I)
    s = re.sub(r"\bthis\s+past\s+(?=weekend)", "last ", s, flags=re.I)  # the weekend just over
    s = re.sub(r"\bthis\s+past\b", "past", s, flags=re.I)  # "this past week": the seven days up to now  # "earlier on Friday": that Friday
    s = re.sub(r"\bhours\s+of\b", " ", s, flags=re.I)  # "the early hours of Sunday"
    s = re.sub(r"\b((?:year|month|week|day|decade)s?)\s+on\b", r"\1 later", s, flags=re.I)  # "18 years on"
    s = re.sub(r"(?<=\d0)'s\b", "s", s)  # "the 1990's"
    s = re.sub(r"'s\b.*$", "", s)  # "Friday's blasts" → "Friday"
    s = re.sub(r"'(\d0s)\b", r"\1", s)
    s = re.sub(r"(?<=[A-Za-z])\.", " ", s)  # "Nov." "Sept."
    s = re.sub(r"\b(\d{1,2})(?:st|nd|rd|th)\b", r"\1", s)
    s = re.sub(r"(?<![\d/.-])(\d{1,2})\s*[–—-]\s*(\d{1,2})(?![\d/.-])", r"\1 to \2", s)
    s = re.sub(r"\b(mid)-", r"\1 ", s, flags=re.I)
    words = [w for w in re.split(r"[\s,;:()]+", s) if w]
    words = [w for w in words if w.lower() not in FILLERS and w.lower() not in PARTS_OF_DAY]
    return tuple(words), clock, zone


def _is_month(w: str, introduced: bool) -> int | None:
    """The month number of ``w``, refusing the verbs "may"/"march" (see module docstring)."""
    if w.lower() not in MONTHS:
        return None
    if w.lower() in VERB_MONTHS and (not w[0].isupper() or not introduced):
        return None
    return MONTHS[w.lower()]


def _calendar(words: list[str], ctx: dict) -> TimeValue | None:
    """Dates written with month names, numbers, weekdays, years and decades."""
    published, tense = ctx["published"], ctx["tense"]
    if len(words) == 1 and (m := NUMERIC_RE.fullmatch(words[0])):
        return cal.numeric(m)
    day = month = year = weekday = decade = None
    numbers = any(re.fullmatch(r"\d{1,4}", x) for x in words)
    for i, w in enumerate(words):
        low = w.lower()
        if (mo := _is_month(w, i > 0 or ctx["introduced"] or numbers)) and month is None:
            month = mo
        elif low in WEEKDAYS and weekday is None:
            weekday = WEEKDAYS[low]
        elif re.fullmatch(r"\d{4}", w) and year is None and 1000 <= int(w) <= 2999:
            year = int(w)
        elif re.fullmatch(r"\d{1,2}", w) and day is None and 1 <= int(w) <= 31:
            day = int(w)
        elif (d := re.fullmatch(r"(\d{3})0s|(\d)0s", w)) and decade is None:
            decade = int(d.group(1)) * 10 if d.group(1) else cal.two_digit_decade(int(d.group(2)), published)
        else:
            return None
    try:
        if decade is not None and not (day or month or year or weekday is not None):
            return cal.unit("decade", date(decade, 1, 1), date(decade + 9, 12, 31), str(decade // 10))
        if month and day and year:
            return cal.day(date(year, month, day))
        if month and day and not year:
            return cal.pick_year(lambda y: cal.day(date(y, month, day)), published, tense)
        if month and not day and year:
            return cal.month(year, month)
        if month and not day:
            return cal.pick_year(lambda y: cal.month(y, month), published, tense)
        if year and not day and weekday is None:
            return cal.year(year)
    except ValueError:
        return None
    if weekday is not None and not (day or month or year) and published:
        return cal.weekday(weekday, published, tense, ctx["rel"])
    return None


def _point(words: list[str], ctx: dict) -> TimeValue | None:
    """One time: a calendar unit, a deictic, a recent span or an anchored shift (no "from … to")."""
    if not words:
        return None
    low = words[0].lower()
    if low in THIRDS and len(words) > 1:
        v = _point(words[1:], {**ctx, "introduced": True})
        if v is not None and low in YEAR_EDGES and v.granularity == "year" and v.value:
            return cal.month(v.earliest_begin.year, YEAR_EDGES[low])  # "at the end of 2022": December
        return cal.third(v, low) if v is not None else None
    if (m := REL_YEAR_RE.match(" ".join(words))) and ctx["published"] is not None:
        year = ctx["published"].year + REL_WORDS[m.group("rel").lower()]  # "in February last year"
        v = _point(m.group("rest").split() + [str(year)], {**ctx, "introduced": True})
        if v is not None:
            return v
    if low in REL_WORDS and len(words) == 2 and words[1].lower() in WEEKDAYS:
        return _calendar(words[1:], {**ctx, "rel": low}) if ctx["published"] else None
    key = " ".join(w.lower() for w in words)
    if key in ANCHOR_DAYS:
        n = ANCHOR_DAYS[key]
        return cal.shift(ctx["anchor"], n, n, "day") if ctx["anchor"] is not None else None
    if low == "overnight" and len(words) > 1:
        return read_overnight(words[1:], ctx)
    found = read_deictic(words, ctx) or read_week_day(words, ctx) or read_season(words, ctx) \
        or read_recent(words, ctx) or read_relative(words, ctx) \
        or _calendar(words, ctx)
    if found is None and low in ("earlier", "later") and len(words) > 1:
        return read_edge(words, ctx)
    return found


def _borrow(side: list[str], other: list[str]) -> list[str]:
    """"1" of "between 1 and 3 June" takes June; "March" of "from March to May 2020" takes 2020."""
    has_month = any(w.lower() in MONTHS for w in side)
    has_year = any(re.fullmatch(r"\d{4}", w) for w in side)
    extra = [w for w in other
             if (w.lower() in MONTHS and not has_month) or (re.fullmatch(r"\d{4}", w) and not has_year)]
    return side + extra if re.fullmatch(r"\d{1,2}", side[-1]) or not has_year else side


def _phrase(words: list[str], ctx: dict) -> TimeValue | None:
    """Spans ("from … to", "between … and", "since", "until", "by", "after", "before") or one point."""
    if not words:
        return None
    low = [w.lower() for w in words]
    first = low[0]
    seps = {"between": ("and",), "from": ("to", "until", "till", "through")}.get(first, ("to",))
    body = words[1:] if first in ("from", "between") else words
    for i, w in enumerate(body):
        if w.lower() in seps and 0 < i < len(body) - 1:
            sub = {**ctx, "introduced": True}
            right = _borrow(body[i + 1:], body[:i])
            a, b = _point(_borrow(body[:i], body[i + 1:]), sub), _point(right, sub)
            if a is not None and b is not None and proved_lt(b.latest_end, a.earliest_begin) \
                    and not any(re.fullmatch(r"\d{4}", x) for x in right):  # a yearless end follows the begin
                b = _point(right, {**sub, "published": a.earliest_begin, "tense": "future"})
            if a is not None and b is not None and not proved_lt(b.latest_end, a.earliest_begin):
                gran = max(a.granularity, b.granularity, key=GRANULARITY_ORDER.index)
                return TimeValue("", gran, a.earliest_begin, a.latest_begin, b.earliest_end, b.latest_end, None)
            if first in ("from", "between"):
                return None
    if first in ("since", "from", "until", "till", "through", "by", "after", "before") or low[:2] == ["up", "to"]:
        rest = words[2:] if first == "up" else words[1:]
        x = _point(rest, {**ctx, "introduced": True})
        if x is None:
            return _around_anchor(first, ctx["anchor"]) if rest else None
        if first in ("since", "from"):
            ongoing = ctx["published"] if first == "since" and ctx["tense"] != "future" else None
            return TimeValue("", x.granularity, x.earliest_begin, x.latest_begin, ongoing, None, None)
        if first == "by":
            return TimeValue("", x.granularity, None, None, None, x.latest_end, None)
        if first == "after":
            return TimeValue("", "unknown", x.latest_end + timedelta(days=1), None, None, None, None) if x.latest_end else None
        if first == "before":
            return TimeValue("", "unknown", None, None, None, x.earliest_begin - timedelta(days=1), None) \
                if x.earliest_begin else None
        return TimeValue("", x.granularity, None, None, x.earliest_end, x.latest_end, None)
    return _point(words, ctx)


def _around_anchor(word: str, anchor: TimeValue | None) -> TimeValue | None:
    """"after the attack" / "before the talks" once the caller knows that event's time."""
    if anchor is None or word not in ("after", "before"):
        return None
    if word == "after":
        return TimeValue("", "unknown", anchor.earliest_end or anchor.earliest_begin, None, None, None, None)
    return TimeValue("", "unknown", None, None, None, anchor.latest_begin or anchor.latest_end, None)


def _clamp(v: TimeValue, published: date, tense: str) -> TimeValue:
    """A past event ended by publication; a future one begins no earlier (skipped if contradictory)."""
    if tense == "past":
        new = replace(v, latest_begin=v.latest_begin and min(v.latest_begin, published),
                      latest_end=v.latest_end and min(v.latest_end, published))
    elif tense == "future":
        new = replace(v, earliest_begin=v.earliest_begin and max(v.earliest_begin, published),
                      earliest_end=v.earliest_end and max(v.earliest_end, published))
    else:
        return v
    eb, lb, ee, le = bounds = (new.earliest_begin, new.latest_begin, new.earliest_end, new.latest_end)
    if not all(a is None or b is None or a <= b for a, b in ((eb, lb), (ee, le), (eb, le))):
        return v
    return replace(new, value=new.value or cal.value_for(new.granularity, *bounds))  # "hours later", same day


def bounds_word(word: str, following: str) -> bool:
    """Whether ``word`` ("after", "before") opens a bound of an event ("after the attack", "before
    Friday") rather than a time of day ("before dawn on Friday", "just after midnight")."""
    return word.lower() in ("after", "before") and not PART_RE.match(following)


def anchor_day(text: str) -> int | None:
    """The shift in days of a phrase dated by another stated day ("the previous night": -1, "that
    day": 0, "the next morning": 1), or None when ``text`` is no such phrase."""
    parsed = _tokens(text)
    return ANCHOR_DAYS.get(" ".join(w.lower() for w in parsed[0])) if parsed else None


def normalize(text: str, published: date | None, *, tense: str = "past", anchor: TimeValue | None = None,
              zone: str | None = None) -> TimeValue | None:
    """The TimeValue of a time phrase, or None when it is not a point or span in time (see module doc).

    ``zone`` is the time zone of the event's place: with it, a clock time in another stated zone
    ("11:30 am, Vietnam time") is moved to the event's local day."""
    if tense not in TENSES:
        raise KGBError(f"tense {tense!r} for time phrase {text!r}: use one of {', '.join(TENSES)}")
    parsed = _tokens(text)
    if parsed is None:
        return None
    words, clock, stated = parsed
    introduced = bool(INTRODUCED_RE.match(text))
    ctx = {"published": published, "tense": tense, "anchor": anchor, "introduced": introduced, "rel": None,
           "point": _point}
    try:
        v = _phrase(words, ctx)
    except (ValueError, OverflowError):  # shifted out of the calendar ("2020 years ago")
        return None
    if v is None:
        return None
    if zone is not None and clock and stated not in ("", None) and v.value and v.granularity == "day":
        local = zone_offset(zone)
        if local is not None:
            moment = datetime.combine(date.fromisoformat(v.value), datetime.min.time().replace(*clock))
            v = cal.day((moment + timedelta(minutes=local - stated)).date())
    if published is not None:
        v = _clamp(v, published, tense)
    return replace(v, text=text)


REPORT_RECENCY_DAYS = 7  # a report's own event: on the publication day or in the week before it


def assumed_report_time(published: date | None, days: int = REPORT_RECENCY_DAYS) -> AssumedTime | None:
    """The time of a report's own event when the article gives it no date: within ``days`` days up to
    publication (news reports what just happened). None without a publication date.

    Bounds ⟨published − days, published, published − days, published⟩, granularity "unknown", no
    value: the event lies somewhere in that window, which is no statement of the article.
    """
    if published is None:
        return None
    first = published - timedelta(days=days)
    time = TimeValue(f"(not stated; assumed within {days} days before publication)", "unknown",
                     first, published, first, published)
    return AssumedTime(time, f"no date stated: a report's own event is taken to lie within the {days} days"
                             f" up to publication ({first.isoformat()}/{published.isoformat()})")
