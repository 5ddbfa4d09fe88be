"""The word lists and patterns of time phrases (data/temporal/), loaded once, and the expressions built on them."""
from __future__ import annotations

import json
import re

from .errors import InputError, KGBError
from .resources import data_dir

DATA_DIR = data_dir() / "temporal"
TENSES = ("past", "present", "future", "nearest")
GRANULARITY_ORDER = ("day", "week", "month", "year", "decade", "unknown")


def load_table(name: str) -> dict:
    """A table of data/temporal/ without its "_doc" keys."""
    path = DATA_DIR / name
    try:
        return {k: v for k, v in json.loads(path.read_text(encoding="utf-8")).items() if not k.startswith("_")}
    except (OSError, json.JSONDecodeError) as err:
        raise InputError(f"{path}: cannot read the time lexicon ({err}); restore it from the repository") from err


LEXICON = load_table("lexicon.json")
MONTHS: dict[str, int] = LEXICON["months"]
WEEKDAYS: dict[str, int] = LEXICON["weekdays"]
ZONES: dict[str, int | None] = load_table("zones.json")  # minutes east of UTC; None = the event's local time
VAGUE: dict[str, tuple[int, int]] = {k: tuple(v) for k, v in LEXICON["vague_counts"].items()}
RECENT: dict[str, int] = LEXICON["recent_span"]
FILLERS = set(LEXICON["fillers"])
PARTS_OF_DAY = set(LEXICON["parts_of_day"])
VERB_MONTHS = set(LEXICON["verb_months"])  # months only when capitalized and introduced
MONTH_TRIGGERS = set(LEXICON["month_triggers"])
THIRDS: dict[str, int] = LEXICON["thirds"]
REL_WORDS: dict[str, int] = LEXICON["relative_words"]
UNITS = {"minute": ("day", 1), "hour": ("day", 60), "day": ("day", 1440), "week": ("day", 10080),  # minutes
         "fortnight": ("day", 20160), "month": ("month", 1), "year": ("month", 12), "decade": ("month", 120)}
AGO_GRANULARITY = {"minute": "day", "hour": "day", "day": "day", "week": "week", "fortnight": "week",
                   "month": "month", "year": "year", "decade": "year"}
ANCHOR_DAYS: dict[str, int] = LEXICON["anchor_days"]  # "the previous night": a day stated elsewhere, shifted
YEAR_EDGES: dict[str, int] = LEXICON["year_edges"]  # "the end of 2022": December
SEASONS: dict[str, int] = LEXICON["seasons"]  # first month of each
ZONE_NAMES = sorted(ZONES, key=len, reverse=True)
ZONE_RE = re.compile(r"\b(?:(?:utc|gmt)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?|("
                      + "|".join(map(re.escape, ZONE_NAMES)) + r"))\b", re.I)
CLOCK_RE = re.compile(r"\b(?:at\s+)?(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?\s?m\b\.?|\b(?:at\s+)?(\d{1,2}):(\d{2})\b"
                       r"|\b(?:at\s+)?([01]\d|2[0-3])([0-5]\d)\s*(?=gmt|utc|hrs|hours)", re.I)
NUMERIC_RE = re.compile(r"(\d{1,4})([-/.])(\d{1,2})\2(\d{1,4})|(\d{4})-(\d{2})")
REL_RE = re.compile(r"^(?:(?P<count>.+?) )?(?P<unit>minute|hour|day|week|fortnight|month|year|decade)(?P<plural>s?) "
                     r"(?P<dir>ago|earlier|before|prior|after|later|afterwards?|on)(?: (?P<rest>.+))?$")
RECENT_RE = re.compile(r"^(?:recent|(?:past|last)(?: (?P<count>.+?))?) "
                       r"(?P<unit>hour|day|week|month|year|decade)(?P<plural>s?)$")
COMING_RE = re.compile(r"^(?:(?:coming|upcoming|next)(?: (?P<count>.+?))? (?P<unit>hour|day|week|month|year)s"
                        r"|(?P<unit2>hour|day|week|month|year)s ahead)$")
WEEK_DAY_RE = re.compile(r"^(?P<day>" + "|".join(sorted({k for k in WEEKDAYS if len(k) > 3}, key=len, reverse=True))
                          + r") (?P<rel>last|this|next|previous|coming) week$")
REL_YEAR_RE = re.compile(r"^(?P<rest>.+?) (?:of )?(?P<rel>last|this|next|previous|current|coming) year$", re.I)
DAY_PARTS = "|".join(sorted(map(re.escape, PARTS_OF_DAY | {"first light"}), key=len, reverse=True))
PART_RE = re.compile(r"\s*(?:the\s+)?(?:" + DAY_PARTS + r")\b", re.I)
INTRODUCED_RE = re.compile(r"\s*(?:" + "|".join(sorted(MONTH_TRIGGERS)) + r")\b", re.I)


def zone_minutes(m: re.Match) -> int | None:
    """Minutes east of UTC of a match of ``ZONE_RE``; None = local time."""
    if m.group(4):
        return ZONES[m.group(4).lower()]
    return (int(m.group(2)) * 60 + int(m.group(3) or 0)) * (-1 if m.group(1) == "-" else 1)


def zone_offset(zone: str) -> int | None:
    """Minutes east of UTC of a zone name of data/temporal/zones.json or "UTC+4:30"; None = local."""
    m = ZONE_RE.fullmatch(zone.strip())
    if not m:
        raise KGBError(f"unknown time zone {zone!r}: use a name of {DATA_DIR / 'zones.json'} or 'UTC+4:30'")
    return zone_minutes(m)
