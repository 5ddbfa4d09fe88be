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

import json
import re
from calendar import monthrange
from dataclasses import replace
from datetime import date, datetime, timedelta

from .errors import InputError, KGBError
from .figures import parse_number
from .resources import data_dir
from .types import AssumedTime, TimeValue

DATA_DIR = data_dir() / "temporal"
TENSES = ("past", "present", "future", "nearest")
GRANULARITY_ORDER = ("day", "week", "month", "year", "decade", "unknown")


def _load(name: str) -> dict:
    path = DATA_DIR / name
    try:
        return {k: v for k, v in json.loads(path.read_text(encoding="utf-8")).items() if not k.startswith("_")}
    except (OSError, json.JSONDecodeError) as err:
        raise InputError(f"{path}: cannot read the time lexicon ({err}); restore it from the repository") from err


_LEX = _load("lexicon.json")
MONTHS: dict[str, int] = _LEX["months"]
WEEKDAYS: dict[str, int] = _LEX["weekdays"]
ZONES: dict[str, int | None] = _load("zones.json")  # minutes east of UTC; None = the event's local time
VAGUE: dict[str, tuple[int, int]] = {k: tuple(v) for k, v in _LEX["vague_counts"].items()}
RECENT: dict[str, int] = _LEX["recent_span"]
FILLERS = set(_LEX["fillers"])
PARTS_OF_DAY = set(_LEX["parts_of_day"])
VERB_MONTHS = {"may", "march", "mar"}  # months only when capitalized and introduced
MONTH_TRIGGERS = {"in", "last", "this", "next", "early", "late", "mid", "since", "until", "till", "by", "from",
                  "of", "through", "to", "and", "between", "before", "after", "during", "end", "beginning",
                  "start", "middle"}
THIRDS = {"early": 0, "beginning": 0, "start": 0, "mid": 1, "middle": 1, "late": 2, "end": 2}
REL_WORDS = {"last": -1, "previous": -1, "this": 0, "current": 0, "next": 1, "coming": 1}
UNITS = {"minute": ("day", 1), "hour": ("day", 60), "day": ("day", 1440), "week": ("day", 10080),  # minutes
         "fortnight": ("day", 20160), "month": ("month", 1), "year": ("month", 12), "decade": ("month", 120)}
AGO_GRANULARITY = {"minute": "day", "hour": "day", "day": "day", "week": "week", "fortnight": "week",
                   "month": "month", "year": "year", "decade": "year"}
ANCHOR_DAYS: dict[str, int] = _LEX["anchor_days"]  # "the previous night": a day stated elsewhere, shifted
YEAR_EDGES: dict[str, int] = _LEX["year_edges"]  # "the end of 2022": December
_ZONE_NAMES = sorted(ZONES, key=len, reverse=True)
_ZONE_RE = re.compile(r"\b(?:(?:utc|gmt)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?|("
                      + "|".join(map(re.escape, _ZONE_NAMES)) + r"))\b", re.I)
_CLOCK_RE = re.compile(r"\b(?:at\s+)?(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?\s?m\b\.?|\b(?:at\s+)?(\d{1,2}):(\d{2})\b"
                       r"|\b(?:at\s+)?([01]\d|2[0-3])([0-5]\d)\s*(?=gmt|utc|hrs|hours)", re.I)
_NUMERIC_RE = re.compile(r"(\d{1,4})([-/.])(\d{1,2})\2(\d{1,4})|(\d{4})-(\d{2})")
_REL_RE = re.compile(r"^(?:(?P<count>.+?) )?(?P<unit>minute|hour|day|week|fortnight|month|year|decade)(?P<plural>s?) "
                     r"(?P<dir>ago|earlier|before|prior|after|later|afterwards?|on)(?: (?P<rest>.+))?$")
_RECENT_RE = re.compile(r"^(?:recent|(?:past|last)(?: (?P<count>.+?))?) "
                        r"(?P<unit>hour|day|week|month|year)(?P<plural>s?)$")
_COMING_RE = re.compile(r"^(?:(?:coming|upcoming|next)(?: (?P<count>.+?))? (?P<unit>hour|day|week|month|year)s"
                        r"|(?P<unit2>hour|day|week|month|year)s ahead)$")
_WEEK_DAY_RE = re.compile(r"^(?P<day>" + "|".join(sorted({k for k in WEEKDAYS if len(k) > 3}, key=len, reverse=True))
                          + r") (?P<rel>last|this|next|previous|coming) week$")
_REL_YEAR_RE = re.compile(r"^(?P<rest>.+?) (?:of )?(?P<rel>last|this|next|previous|current|coming) year$", re.I)
_DAY_PARTS = "|".join(sorted(map(re.escape, PARTS_OF_DAY | {"first light"}), key=len, reverse=True))
_PART_RE = re.compile(r"\s*(?:the\s+)?(?:" + _DAY_PARTS + r")\b", re.I)
_INTRODUCED_RE = re.compile(r"\s*(?:" + "|".join(sorted(MONTH_TRIGGERS)) + r")\b", re.I)


# --- calendar units -------------------------------------------------------------------------------

def _unit(gran: str, first: date, last: date, value: str | None) -> TimeValue:
    """A calendar unit as a container: the event begins and ends somewhere inside it."""
    return TimeValue("", gran, first, last, first, last, value)


def _day(d: date) -> TimeValue:
    return _unit("day", d, d, d.isoformat())


def _month(y: int, m: int) -> TimeValue:
    return _unit("month", date(y, m, 1), date(y, m, monthrange(y, m)[1]), f"{y:04d}-{m:02d}")


def _year(y: int) -> TimeValue:
    return _unit("year", date(y, 1, 1), date(y, 12, 31), f"{y:04d}")


def _week(d: date) -> TimeValue:
    monday = d - timedelta(days=d.weekday())
    iso = monday.isocalendar()
    return _unit("week", monday, monday + timedelta(days=6), f"{iso[0]}-W{iso[1]:02d}")


def _unit_of(gran: str, d: date) -> TimeValue:
    return {"day": _day, "week": _week, "month": lambda x: _month(x.year, x.month),
            "year": lambda x: _year(x.year)}[gran](d)


def _add_months(d: date, n: int, snap_end: bool) -> date:
    y, m = divmod(d.year * 12 + d.month - 1 + n, 12)
    last = monthrange(y, m + 1)[1]
    day = last if snap_end and d.day == monthrange(d.year, d.month)[1] else min(d.day, last)
    return date(y, m + 1, day)


def _value_for(gran: str, eb: date | None, lb: date | None, ee: date | None, le: date | None) -> str | None:
    """The ISO value when the bounds are exactly one calendar unit of ``gran`` (after a shift)."""
    if eb is None or eb != ee or lb != le or gran not in ("day", "week", "month", "year"):
        return None
    unit = _unit_of(gran, eb)
    return unit.value if (unit.earliest_begin, unit.latest_end) == (eb, le) else None


def _shift(v: TimeValue, lo: int, hi: int, step: str) -> TimeValue:
    """``v`` moved by between ``lo`` and ``hi`` steps ("day" or "month"); month ends stay month ends."""
    coarse = v.granularity in ("month", "year", "decade")

    def move(d: date | None, n: int, end: bool) -> date | None:
        if d is None:
            return None
        return d + timedelta(days=n) if step == "day" else _add_months(d, n, end and coarse)

    eb, lb = move(v.earliest_begin, lo, False), move(v.latest_begin, hi, True)
    ee, le = move(v.earliest_end, lo, False), move(v.latest_end, hi, True)
    return TimeValue("", v.granularity, eb, lb, ee, le, _value_for(v.granularity, eb, lb, ee, le))


def _third(v: TimeValue, part: str) -> TimeValue:
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


# --- reading a phrase -------------------------------------------------------------------------------

def _tokens(text: str) -> tuple[list[str], tuple[int, int] | None, int | None | str] | None:
    """Words of the phrase (original case) without clock time, zone, fillers and parts of day.

    Returns (words, clock (h, m), stated zone in minutes — None for local time, "" when not stated);
    None when the phrase is a duration."""
    s = text.replace("’", "'").replace("\u00a0", " ").strip()
    clock = None
    m = _CLOCK_RE.search(s)
    if m:
        if m.group(1):
            h, mins = int(m.group(1)) % 12 + (12 if m.group(3).lower() == "p" else 0), int(m.group(2) or 0)
        else:
            h, mins = int(m.group(4) or m.group(6)), int(m.group(5) or m.group(7))
        clock, s = (h, mins), s[:m.start()] + " " + s[m.end():]
    zone: int | None | str = ""
    z = _ZONE_RE.search(s)
    if z:
        zone, s = _minutes(z), s[:z.start()] + " " + s[z.end():]
    s = re.sub(r"\b(last night|yesterday (?:morning|afternoon|evening|night))\b", "yesterday", s, flags=re.I)
    # "the previous night", "that evening", "the next morning", "the night before": the day of the anchor
    s = re.sub(r"\b(previous|following|next|same|that)\s+(?:night|evening|morning|afternoon)\b", r"\1 day", s, flags=re.I)
    s = re.sub(r"\b(?:night|evening|morning)\s+(before|after)\s*$", r"day \1", s, flags=re.I)
    s = re.sub(r"\b(tonight|this (?:morning|afternoon|evening))\b", "today", s, flags=re.I)
    if re.search(r"^\s*for\b|\b(?!mid-)\w+-(?:year|month|week|day|hour|decade)s?(?:-old)?\b|-long\b", s, re.I):
        return None
    s = re.sub(r"^\s*(?:earlier|later)\s+(?=on\b)", "", s, flags=re.I)
    # "shortly before dawn on Friday", "just after midnight Saturday": a time of that day, not a bound
    s = re.sub(r"\b(?:(?:shortly|just|soon|right|well)\s+)?(?:after|before)\s+(?:the\s+)?(?=(?:" + _DAY_PARTS
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
    return words, clock, zone


def _minutes(m: re.Match) -> int | None:
    """Minutes east of UTC of a match of ``_ZONE_RE``; None = local time."""
    if m.group(4):
        return ZONES[m.group(4).lower()]
    return (int(m.group(2)) * 60 + int(m.group(3) or 0)) * (-1 if m.group(1) == "-" else 1)


def _is_month(w: str, introduced: bool) -> int | None:
    """The month number of ``w``, refusing the verbs "may"/"march" (see module docstring)."""
    if w.lower() not in MONTHS:
        return None
    if w.lower() in VERB_MONTHS and (not w[0].isupper() or not introduced):
        return None
    return MONTHS[w.lower()]


def _pick_year(make, published: date | None, tense: str) -> TimeValue | None:
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


def _weekday(wd: int, published: date, tense: str, rel: str | None) -> TimeValue:
    back, ahead = (published.weekday() - wd) % 7, (wd - published.weekday()) % 7
    if rel in ("last", "previous"):
        return _day(published - timedelta(days=back or 7))
    if rel in ("next", "coming"):
        return _day(published + timedelta(days=ahead or 7))
    if rel in ("this", "current"):
        return _day(published + timedelta(days=wd - published.weekday()))
    return _day(published + timedelta(days=ahead) if tense == "future" else published - timedelta(days=back))


def _weekend(published: date, tense: str, rel: str | None) -> TimeValue:
    saturday = published - timedelta(days=published.weekday()) + timedelta(days=5)
    if rel is None:  # the weekend on or before publication, or (future) the one not yet over
        if (published.weekday() == 6) if tense == "future" else (published.weekday() < 5):
            saturday -= timedelta(days=7)
    else:
        saturday += timedelta(days=7 * REL_WORDS[rel])
    iso = saturday.isocalendar()
    return _unit("week", saturday, saturday + timedelta(days=1), f"{iso[0]}-W{iso[1]:02d}-WE")


def _calendar(words: list[str], ctx: dict) -> TimeValue | None:
    """Dates written with month names, numbers, weekdays, years and decades."""
    published, tense = ctx["published"], ctx["tense"]
    if len(words) == 1 and (m := _NUMERIC_RE.fullmatch(words[0])):
        return _numeric(m)
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
            decade = int(d.group(1)) * 10 if d.group(1) else _two_digit_decade(int(d.group(2)), published)
        else:
            return None
    try:
        if decade is not None and not (day or month or year or weekday is not None):
            return _unit("decade", date(decade, 1, 1), date(decade + 9, 12, 31), str(decade // 10))
        if month and day and year:
            return _day(date(year, month, day))
        if month and day and not year:
            return _pick_year(lambda y: _day(date(y, month, day)), published, tense)
        if month and not day and year:
            return _month(year, month)
        if month and not day:
            return _pick_year(lambda y: _month(y, month), published, tense)
        if year and not day and weekday is None:
            return _year(year)
    except ValueError:
        return None
    if weekday is not None and not (day or month or year) and published:
        return _weekday(weekday, published, tense, ctx["rel"])
    return None


def _two_digit_decade(d: int, published: date | None) -> int | None:
    if published is None:
        return None
    return 2000 + 10 * d if 2000 + 10 * d <= published.year else 1900 + 10 * d


def _numeric(m: re.Match) -> TimeValue | None:
    if m.group(5):
        return _month(int(m.group(5)), int(m.group(6))) if 1 <= int(m.group(6)) <= 12 else None
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
    return _day(days.pop()) if len(days) == 1 else None


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


def _relative(words: list[str], ctx: dict) -> TimeValue | None:
    """"two days ago", "a day after", "hours later", "18 years on", "a week before 21 November"."""
    m = _REL_RE.match(" ".join(w.lower() for w in words))
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
        return _shift(_unit_of(AGO_GRANULARITY[m.group("unit")], published), lo, hi, step)
    n_rest = len(m.group("rest").split()) if m.group("rest") else 0
    base = _point(words[len(words) - n_rest:], ctx) if n_rest else None
    base = base or anchor
    return _shift(base, lo, hi, step) if base is not None else None


def _recent(words: list[str], ctx: dict) -> TimeValue | None:
    """"recent days", "the past few weeks", "the past two months", "the past week": a span ending now;
    "the coming days", "the next two weeks", "the days ahead": a span beginning now."""
    m = _RECENT_RE.match(" ".join(w.lower() for w in words))
    published = ctx["published"]
    if not m and published is not None and (c := _COMING_RE.match(" ".join(w.lower() for w in words))):
        unit, count = c.group("unit") or c.group("unit2"), c.group("count")  # "in the coming days": ahead
        n = _count(count, True, unit) if count else (1, 1)
        if n is None:
            return None
        reach = RECENT[unit] if not count else _steps(unit, 0, n[1])[1]
        step = "day" if count is None else _steps(unit, 0, n[1])[2]
        end = published + timedelta(days=reach) if step == "day" else _add_months(published, reach, False)
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
        start = published - timedelta(days=days) if step == "day" else _add_months(published, -days, False)
    return TimeValue("", "unknown", start, published, start, published, None)


def _deictic(words: list[str], ctx: dict) -> TimeValue | None:
    """today, yesterday, this/last/next week|month|year|weekend, earlier/later this …, bare "year"."""
    published = ctx["published"]
    low = [w.lower() for w in words]
    if published is None or not low:
        return None
    offsets = {"today": 0, "yesterday": -1, "tomorrow": 1, "day before yesterday": -2, "day after tomorrow": 2}
    if " ".join(low) in offsets:
        return _day(published + timedelta(days=offsets[" ".join(low)]))
    if low == ["overnight"]:
        return _night_before(published)
    edge = low[0] if low[0] in ("earlier", "later") else None
    rest = low[1:] if edge else low
    if len(rest) == 2 and rest[0] in REL_WORDS:
        rel, unit = rest
    else:
        rel, unit = None, rest[0] if len(rest) == 1 else None
    if unit == "weekend":
        return _weekend(published, ctx["tense"], rel)
    if unit not in ("week", "month", "year") or (edge and rel not in ("this", None)):  # "earlier in the week"
        return None
    k = REL_WORDS[rel] if rel else 0
    v = _week(published + timedelta(days=7 * k)) if unit == "week" else \
        _year(published.year + k) if unit == "year" else _unit_of("month", _add_months(published, k, False))
    if edge == "earlier":
        v = replace(v, latest_begin=min(v.latest_begin, published), latest_end=min(v.latest_end, published))
    elif edge == "later":
        v = replace(v, earliest_begin=max(v.earliest_begin, published), earliest_end=max(v.earliest_end, published))
    return v


def _night_before(d: date) -> TimeValue:
    """The night that ends on the morning of ``d``: the evening before or the early hours of ``d``."""
    return TimeValue("", "day", d - timedelta(days=1), d, d - timedelta(days=1), d, None)


def _overnight(words: list[str], ctx: dict) -> TimeValue | None:
    """"overnight Saturday", "overnight into Saturday": the night ending that morning; "overnight
    Friday into Saturday": from the one day to the other."""
    low = [w.lower() for w in words]
    if "into" in low[1:-1]:
        i = low.index("into")
        a, b = _point(words[:i], ctx), _point(words[i + 1:], ctx)
        if a is None or b is None or a.granularity != "day" or b.granularity != "day" or _lt(b.latest_end, a.earliest_begin):
            return None
        return TimeValue("", "day", a.earliest_begin, a.latest_begin, b.earliest_end, b.latest_end, None)
    v = _point(words[1:] if low[0] == "into" else words, ctx)
    if v is None or v.granularity != "day" or not v.value:
        return None
    return _night_before(v.earliest_begin)


def _edge_of(words: list[str], ctx: dict) -> TimeValue | None:
    """"earlier in November", "later in the month": the unit cut at publication when it holds that day."""
    edge, v = words[0].lower(), _point(words[1:], ctx)
    published = ctx["published"]
    if v is None or published is None or not _le(v.earliest_begin, published) or not _le(published, v.latest_end):
        return v
    if edge == "earlier":
        return replace(v, latest_begin=min(v.latest_begin, published), latest_end=min(v.latest_end, published))
    return replace(v, earliest_begin=max(v.earliest_begin, published), earliest_end=max(v.earliest_end, published))


def _week_day(words: list[str], ctx: dict) -> TimeValue | None:
    """"on Thursday last week", "Tuesday of next week": that weekday in the week named."""
    m = _WEEK_DAY_RE.match(" ".join(w.lower() for w in words))
    published = ctx["published"]
    if not m or published is None:
        return None
    monday = published - timedelta(days=published.weekday()) + timedelta(days=7 * REL_WORDS[m.group("rel")])
    return _day(monday + timedelta(days=WEEKDAYS[m.group("day")]))


def _point(words: list[str], ctx: dict) -> TimeValue | None:
    """One time: a calendar unit, a deictic, a recent span or an anchored shift (no "from … to")."""
    if not words:
        return None
    low = words[0].lower()
    if low in THIRDS and len(words) > 1:
        v = _point(words[1:], {**ctx, "introduced": True})
        if v is not None and low in YEAR_EDGES and v.granularity == "year" and v.value:
            return _month(v.earliest_begin.year, YEAR_EDGES[low])  # "at the end of 2022": December
        return _third(v, low) if v is not None else None
    if (m := _REL_YEAR_RE.match(" ".join(words))) and ctx["published"] is not None:
        year = ctx["published"].year + REL_WORDS[m.group("rel").lower()]  # "in February last year"
        v = _point(m.group("rest").split() + [str(year)], {**ctx, "introduced": True})
        if v is not None:
            return v
    if low in REL_WORDS and len(words) == 2 and words[1].lower() in WEEKDAYS:
        return _calendar(words[1:], {**ctx, "rel": low}) if ctx["published"] else None
    key = " ".join(w.lower() for w in words)
    if key in ANCHOR_DAYS:
        n = ANCHOR_DAYS[key]
        return _shift(ctx["anchor"], n, n, "day") if ctx["anchor"] is not None else None
    if low == "overnight" and len(words) > 1:
        return _overnight(words[1:], ctx)
    found = _deictic(words, ctx) or _week_day(words, ctx) or _recent(words, ctx) or _relative(words, ctx) \
        or _calendar(words, ctx)
    if found is None and low in ("earlier", "later") and len(words) > 1:
        return _edge_of(words, ctx)
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
            if a is not None and b is not None and _lt(b.latest_end, a.earliest_begin) \
                    and not any(re.fullmatch(r"\d{4}", x) for x in right):  # a yearless end follows the begin
                b = _point(right, {**sub, "published": a.earliest_begin, "tense": "future"})
            if a is not None and b is not None and not _lt(b.latest_end, a.earliest_begin):
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
    return replace(new, value=new.value or _value_for(new.granularity, *bounds))  # "hours later", same day


def bounds_word(word: str, following: str) -> bool:
    """Whether ``word`` ("after", "before") opens a bound of an event ("after the attack", "before
    Friday") rather than a time of day ("before dawn on Friday", "just after midnight")."""
    return word.lower() in ("after", "before") and not _PART_RE.match(following)


def anchor_day(text: str) -> int | None:
    """The shift in days of a phrase dated by another stated day ("the previous night": -1, "that
    day": 0, "the next morning": 1), or None when ``text`` is no such phrase."""
    parsed = _tokens(text)
    return ANCHOR_DAYS.get(" ".join(w.lower() for w in parsed[0])) if parsed else None


def zone_offset(zone: str) -> int | None:
    """Minutes east of UTC of a zone name of data/temporal/zones.json or "UTC+4:30"; None = local."""
    m = _ZONE_RE.fullmatch(zone.strip())
    if not m:
        raise KGBError(f"unknown time zone {zone!r}: use a name of {DATA_DIR / 'zones.json'} or 'UTC+4:30'")
    return _minutes(m)


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
    introduced = bool(_INTRODUCED_RE.match(text))
    ctx = {"published": published, "tense": tense, "anchor": anchor, "introduced": introduced, "rel": None}
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
            v = _day((moment + timedelta(minutes=local - stated)).date())
    if published is not None:
        v = _clamp(v, published, tense)
    return replace(v, text=text)


# --- finding phrases spaCy's NER misses -------------------------------------------------------------

def _names(keys: dict[str, int]) -> str:
    """Capitalized names of ``keys`` for a regular expression, abbreviations with an optional period."""
    return "|".join(sorted({k.capitalize() + (r"\.?" if len(k) <= 4 else "") for k in keys}, key=len, reverse=True))


_MONTH = r"(?:" + _names(MONTHS) + r")"
_WEEKDAY = r"(?:" + _names({k: v for k, v in WEEKDAYS.items() if len(k) > 3}) + r")"  # not "Sun", "Sat"
_ORD = r"\d{1,2}(?:st|nd|rd|th)?"
_FIND = [re.compile(p) for p in (
    r"\b\d{4}-\d{2}-\d{2}\b",
    rf"\b{_ORD}\s+(?:of\s+)?{_MONTH}(?![a-z])(?:,?\s+\d{{4}}\b)?",
    rf"\b(?:[Tt]he\s+)?{_ORD}\s+of\s+{_MONTH}(?![a-z])(?:,?\s+\d{{4}}\b)?",
    rf"\b{_MONTH}\s*,?\s+(?:[Oo]n\s+)?(?:the\s+)?{_ORD}\b(?:,?\s+\d{{4}}\b)?",
    rf"\b{_MONTH},?\s+\d{{4}}\b",
    rf"\b(?i:in|last|this|next|early|late|mid-|since|until|by|from|through)\s*{_MONTH}(?![a-z])",
    rf"\b(?:(?i:early|late)\s+(?:on\s+)?|(?i:the\s+)?(?i:early\s+)?hours\s+of\s+)?{_WEEKDAY}(?:['’]s)?"
    r"(?:\s+(?i:morning|afternoon|evening|night))?\b",
    r"\b(?i:(?:(?:only|just)\s+)?(?:(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|a\s+few|several|"
    r"a\s+couple\s+of|\d+)\s+)?(?:minutes?|hours?|days?|weeks?|months?|years?)\s+(?:after|later|earlier|before|ago))\b",
    r"\b(?i:the\s+(?:next|following|previous|same)\s+(?:day|night|morning|evening|afternoon)"
    r"|the\s+(?:day|night|evening)\s+(?:after|before))\b",
    r"\b(?i:yesterday|today|tonight|last\s+night|this\s+(?:morning|afternoon|evening))\b",
    rf"\b(?i:overnight)\s+(?:(?i:on|into)\s+)?{_WEEKDAY}(?:\s+(?i:into)\s+{_WEEKDAY})?\b",
    rf"\b(?i:on\s+)?{_WEEKDAY}\s+(?i:of\s+)?(?i:last|this|next)\s+(?i:week)\b",
    rf"\b(?:at\s+)?\d{{1,2}}(?::\d{{2}})?\s*(?i:[ap]\.?m\b\.?)(?:\s+on\s+{_MONTH}\s+{_ORD}\b(?:,?\s+\d{{4}}\b)?)?"
    r"(?:,?\s+(?i:(?:utc|gmt)\s*[+-]\s*\d{1,2}(?::?\d{2})?|" + "|".join(map(re.escape, _ZONE_NAMES)) + r")\b)?",
)]


def find_times(text: str) -> list[tuple[int, int, str]]:
    """Time phrases the regular expressions find, as (start, end, phrase), longest first where they overlap.

    Month names must be capitalized; "May" and "March" need a day, a year or a word before them."""
    hits = sorted({(m.start(), m.end()) for rx in _FIND for m in rx.finditer(text)}, key=lambda h: (h[0], -h[1]))
    found: list[tuple[int, int, str]] = []
    for start, end in hits:
        if found and start < found[-1][1]:
            if end <= found[-1][1]:
                continue
            start = found.pop()[0]  # overlapping matches join into one phrase
        found.append((start, end, text[start:end]))
    return found


# --- relations ---------------------------------------------------------------------------------------

def _bounds(v: TimeValue) -> tuple[date | None, date | None, date | None, date | None]:
    """⟨eb, lb, ee, le⟩ completed with begin ≤ end (see the module docstring)."""
    eb, le = v.earliest_begin, v.latest_end
    lb = min((d for d in (v.latest_begin, le) if d), default=None)
    ee = max((d for d in (v.earliest_end, eb) if d), default=None)
    return eb, lb, ee, le


def _lt(a: date | None, b: date | None) -> bool:
    """a < b proved (both known)."""
    return a is not None and b is not None and a < b


def _le(a: date | None, b: date | None) -> bool:
    return a is not None and b is not None and a <= b


def certainly_before(a: TimeValue, b: TimeValue) -> bool:
    return _lt(_bounds(a)[3], _bounds(b)[0])


def possibly_before(a: TimeValue, b: TimeValue) -> bool:
    return not _le(_bounds(b)[1], _bounds(a)[2])


def certainly_after(a: TimeValue, b: TimeValue) -> bool:
    return certainly_before(b, a)


def possibly_after(a: TimeValue, b: TimeValue) -> bool:
    return possibly_before(b, a)


def certainly_during(a: TimeValue, b: TimeValue) -> bool:
    (aeb, _, _, ale), (_, blb, bee, _) = _bounds(a), _bounds(b)
    return _le(blb, aeb) and _le(ale, bee)


def possibly_during(a: TimeValue, b: TimeValue) -> bool:
    (_, alb, aee, _), (beb, _, _, ble) = _bounds(a), _bounds(b)
    return not _lt(alb, beb) and not _lt(ble, aee)


def certainly_overlaps(a: TimeValue, b: TimeValue) -> bool:
    (_, alb, aee, _), (_, blb, bee, _) = _bounds(a), _bounds(b)
    return _le(alb, bee) and _le(blb, aee)


def possibly_overlaps(a: TimeValue, b: TimeValue) -> bool:
    (aeb, _, _, ale), (beb, _, _, ble) = _bounds(a), _bounds(b)
    return not _lt(ble, aeb) and not _lt(ale, beb)


def intersect(a: TimeValue, b: TimeValue) -> TimeValue | None:
    """The tighter bounds of two values that could be the same time (fusing two reports of one event)."""
    def pick(x: date | None, y: date | None, f) -> date | None:
        return f(x, y) if x is not None and y is not None else x or y

    (aeb, alb, aee, ale), (beb, blb, bee, ble) = _bounds(a), _bounds(b)
    eb, lb, ee, le = pick(aeb, beb, max), pick(alb, blb, min), pick(aee, bee, max), pick(ale, ble, min)
    if _lt(lb, eb) or _lt(le, ee) or _lt(le, eb):
        return None
    finer = min(a, b, key=lambda v: GRANULARITY_ORDER.index(v.granularity))
    if eb is not None and eb == lb == ee == le:
        return TimeValue(finer.text, "day", eb, lb, ee, le, eb.isoformat())
    same = next((v for v in (finer, a, b) if _bounds(v) == (eb, lb, ee, le)), None)
    return TimeValue(finer.text, finer.granularity, eb, lb, ee, le, same.value if same else None)


def compatible(a: TimeValue, b: TimeValue) -> bool:
    """Whether ``a`` and ``b`` could denote the same time (same begin and same end in some placement)."""
    return intersect(a, b) is not None


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
