"""An ACLED-compatible table of the attacks in a graph: ACLED's columns with ACLED's meanings.

Two queries (queries/export/acled.rq: one row per attack report; acled-actors.rq: who claimed,
denied, was blamed or is narrated as the perpetrator) give ``AttackEvent`` records; ``acled_rows``
codes each as one ACLED event, following the ACLED Codebook:

- ``fatalities``: ACLED's conservative rule, the lowest credible reported figure. Each report's
  figure is read at its lowest ("at least 18" → 18, "more than 18" → 19, "about 18", "up to 18"
  and "18" → 18) and the lowest over all reports is coded; the notes give every figure with its
  outlet when they differ. Casualty figures claimed by a party (kgb:CasualtyClaim) are not news
  reports' figures and never count. No figure in any report → 0, ACLED's code for "none reported".
- ``time_precision``: 1 when the day is known, 2 when the span is at most a week, 3 otherwise;
  ``event_date`` is the day, or the middle of the span (as ACLED codes a week or a month).
- event types, inter codes and actor names for targets: ``data/acled/mapping.json``.
- places: country, admin1 (the province), admin2 (the district), location (the town), coordinates
  and geo_precision from the gazetteer's place records (``kg_builder.gazetteer``) and the
  coordinates of their checked Wikidata items (``data/wikidata/items.jsonl``); a GeoSPARQL point
  on the place node in the graph (``geo:hasGeometry/geo:asWKT``) is preferred when present.

``AttackEvent`` records are also what ``kg_builder.timeline`` draws.
"""
from __future__ import annotations

import csv
import hashlib
import json
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO, TextIO

from .errors import QueryError
from .fuse import kind_label
from .gazetteer import DATA_DIR, Gazetteer, Place
from .gazetteer import load as load_gazetteer
from .query import QUERIES_DIR, run_query

MAPPING_FILE = DATA_DIR / "acled" / "mapping.json"
FORMATS = ("csv", "xlsx")
COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
           "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
           "interaction", "civilian_targeting", "iso", "country", "admin1", "admin2", "location",
           "latitude", "longitude", "geo_precision", "source", "notes", "fatalities",
           "kgb_iri", "kgb_articles")
_WKT_POINT = re.compile(r"\s*(?:<[^>]*>\s*)?POINT\s*\(\s*(\S+)\s+(\S+)\s*\)\s*", re.IGNORECASE)


@dataclass(frozen=True)
class Report:
    """What one article states of an attack: its figures, outlet and sentence."""

    article: str
    publisher: str | None
    published: str | None
    killed: int | None
    killed_qualifier: str | None
    injured: int | None
    injured_qualifier: str | None
    targets: tuple[str, ...]
    evidence: str | None


@dataclass(frozen=True)
class AttackEvent:
    """A fused attack with everything the ACLED row and the timeline need."""

    iri: str
    kind: str
    earliest: date | None
    latest: date | None
    place: str | None
    place_wkt: str | None
    country: str | None
    reports: tuple[Report, ...]
    claimed: tuple[str, ...] = ()
    denied: tuple[str, ...] = ()
    blamed: tuple[tuple[str, str | None], ...] = ()  # (blamed actor, who blamed it)
    perpetrators: tuple[str, ...] = ()
    actor_kinds: tuple[tuple[str, str], ...] = ()  # (actor, kgb class name)

    @property
    def fatalities(self) -> int:
        """The lowest credible reported death toll (0 when no report gives one)."""
        figures = [lowest_reading(r.killed, r.killed_qualifier) for r in self.reports if r.killed is not None]
        return min(figures) if figures else 0

    @property
    def injured(self) -> int | None:
        figures = [lowest_reading(r.injured, r.injured_qualifier) for r in self.reports if r.injured is not None]
        return min(figures) if figures else None

    @property
    def day(self) -> date | None:
        """The day coded for the event: the known day, or the middle of the possible span."""
        if self.earliest and self.latest:
            return self.earliest + (self.latest - self.earliest) // 2
        return None

    @property
    def time_precision(self) -> int | None:
        if not (self.earliest and self.latest):
            return None
        span = (self.latest - self.earliest).days
        return 1 if span == 0 else 2 if span <= 6 else 3

    @property
    def responsible(self) -> tuple[str, ...]:
        """Who the event is coded to: its claimants, else the narration's perpetrators."""
        return self.claimed or self.perpetrators


def lowest_reading(figure: int, qualifier: str | None) -> int:
    """The lowest count a stated figure allows: "more than 18" is 19; "at least", "about", "up to" 18."""
    return figure + 1 if qualifier == "more than" else figure


@lru_cache(maxsize=1)
def mapping() -> dict:
    """The ACLED code tables (data/acled/mapping.json)."""
    try:
        return json.loads(MAPPING_FILE.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as err:
        raise QueryError(f"cannot read the ACLED mapping {MAPPING_FILE}: {err}; restore it from the repository") from err


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value[:10]) if value else None


def _int(value: str | None) -> int | None:
    return int(value) if value and value.lstrip("-").isdigit() else None


def attack_events(dataset) -> list[AttackEvent]:
    """Every fused attack in ``dataset`` (union default graph) with its reports and actors, by date."""
    rows = run_query(dataset, str(QUERIES_DIR / "export" / "acled.rq"), name="queries/export/acled.rq").records()
    roles = run_query(dataset, str(QUERIES_DIR / "export" / "acled-actors.rq"),
                      name="queries/export/acled-actors.rq").records()
    base: dict[str, dict] = {}
    reports: dict[str, dict[str, Report]] = {}
    for row in rows:
        base.setdefault(row["iri"], row)
        reports.setdefault(row["iri"], {})[row["report"]] = Report(
            row["article"], row["publisher"], row["published"], _int(row["killed"]), row["killed_qualifier"],
            _int(row["injured"]), row["injured_qualifier"],
            tuple(sorted(row["targets"].split("|"))) if row["targets"] else (), row["evidence"])
    actors: dict[str, dict[str, set]] = {}
    kinds: dict[str, dict[str, str]] = {}
    for row in roles:
        per = actors.setdefault(row["iri"], {})
        value = (row["actor"], row["by"]) if row["role"] == "blamed" else row["actor"]
        per.setdefault(row["role"], set()).add(value)
        if row["kind"]:
            kinds.setdefault(row["iri"], {})[row["actor"]] = row["kind"]
    events = []
    for iri, row in base.items():
        per = actors.get(iri, {})
        events.append(AttackEvent(
            iri, row["type"], _day(row["earliest"]), _day(row["latest"]), row["place"], row["place_wkt"],
            row["country"], tuple(sorted(reports[iri].values(), key=lambda r: (r.published or "", r.article))),
            tuple(sorted(per.get("claimed", ()))), tuple(sorted(per.get("denied", ()))),
            tuple(sorted(per.get("blamed", ()), key=lambda p: (p[0], p[1] or ""))),
            tuple(sorted(per.get("perpetrator", ()))), tuple(sorted(kinds.get(iri, {}).items()))))
    return sorted(events, key=lambda e: (e.day or date.max, e.iri))


# --- coding one event ----------------------------------------------------------------------------

def event_id(iri: str, country: str | None) -> str:
    """ACLED-style id: the country's ISO 3166 alpha-3 code and a number that stays the same across
    builds (read from the attack IRI's hash, so adding articles does not renumber events)."""
    tail = iri.rstrip("/").rsplit("/", 1)[-1]
    digest = tail if re.fullmatch(r"[0-9a-f]{7,}", tail) else hashlib.sha1(iri.encode()).hexdigest()
    return f"{_iso(country)[0] or 'XXX'}{int(digest[:7], 16)}"


@lru_cache(maxsize=256)
def _iso(country: str | None) -> tuple[str | None, str | None]:
    """(alpha-3, numeric) ISO 3166 codes of a country name, through pycountry; (None, None) if unknown."""
    if not country:
        return None, None
    import pycountry
    try:
        found = pycountry.countries.lookup(country)
    except LookupError:
        return None, None
    return found.alpha_3, str(int(found.numeric))


def event_type(event: AttackEvent, armed_target: bool) -> tuple[str, str]:
    """(event_type, sub_event_type) of an attack kind; direct violence splits on who was hit."""
    table = mapping()
    if event.kind in table["event_types"]:
        return tuple(table["event_types"][event.kind])
    return tuple(table["armed_clash"] if armed_target else table["attack_on_civilians"])


def _target_class(event: AttackEvent) -> str | None:
    """"police" or "military" when a report's target description names armed targets."""
    text = " ".join(t.lower() for r in event.reports for t in r.targets)
    for name, words in mapping()["target_words"].items():
        if any(re.search(rf"\b{re.escape(w)}\b", text) for w in words):
            return name
    return None


def _foreign_country(event: AttackEvent, gazetteer: Gazetteer) -> str | None:
    """The state a target description names when it is not the event's ("US troops", "Turkish soldiers"):
    a State actor's name, alias or demonym as a whole word (short acronyms matched case-sensitively)."""
    text = " ".join(t for r in event.reports for t in r.targets)
    for actor in gazetteer.actors.values():
        if actor.kind != "State" or actor.name == event.country:
            continue
        for alias in (actor.name, *actor.aliases, gazetteer.demonym_of(actor.name) or actor.name):
            flags = 0 if alias.isupper() and len(alias) <= 5 else re.IGNORECASE
            if re.search(rf"(?<![\w.]){re.escape(alias)}(?![\w])", text, flags):
                return actor.name
    return None


def _inter(actor: str, event: AttackEvent, gazetteer: Gazetteer) -> int | None:
    """ACLED inter code of one of our actors, or None when its kind does not say."""
    codes, kind = mapping()["inter"], dict(event.actor_kinds).get(actor)
    if kind == "ArmedGroup":
        return codes["ArmedGroup"]
    if kind in ("State", "GovernmentBody"):
        home = actor if kind == "State" else gazetteer.actor_country.get(actor)
        return codes["own_state"] if home == event.country else codes["foreign_state"]
    if kind == "Organization":
        return codes["Organization"]
    return None


def _interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's interaction: the two inter codes, lower first ("27"); one actor alone is "20"."""
    if inter1 is None:
        return None
    if inter2 is None:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


@dataclass(frozen=True)
class Geo:
    admin1: str | None = None
    admin2: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    precision: int | None = None


def _coords_of(place: Place | None) -> tuple[float, float] | None:
    if place is None or not place.qid:
        return None
    return _offline_items().facts(place.qid).coords


@lru_cache(maxsize=1)
def _offline_items():
    from .link import OfflineKB
    return OfflineKB.from_file()


def geography(event: AttackEvent, gazetteer: Gazetteer) -> Geo:
    """admin1, admin2, location, coordinates and geo_precision of an event's place."""
    table = mapping()["geo_precision"]
    place = gazetteer.place(event.place) if event.place else None
    if place is None:
        if event.place and event.place != event.country:  # a place the gazetteer does not know
            point = _wkt(event.place_wkt)
            return Geo(location=event.place, latitude=point and point[0], longitude=point and point[1],
                       precision=table["city"] if point else None)
        return Geo(precision=table["country"] if event.country else None)
    chain = [place, *gazetteer.ancestors(place.name)]
    admin1 = next((p.name for p in chain if p.kind == "province"), None)
    admin2 = next((p.name for p in chain if p.kind == "district"), None)
    town = next((p for p in chain if p.kind == "city"), None)
    located = town or (place if place.kind in ("province", "district") else None)
    point = _wkt(event.place_wkt) if located is place else None
    point = point or _coords_of(located)
    precision = table.get(place.kind if town is None else "city")
    return Geo(admin1, admin2, located.name if located else None,
               point[0] if point else None, point[1] if point else None, precision)


def _wkt(value: str | None) -> tuple[float, float] | None:
    match = _WKT_POINT.fullmatch(value) if value else None
    return (float(match.group(2)), float(match.group(1))) if match else None


def _figure_text(figure: int, qualifier: str | None) -> str:
    return f"{qualifier} {figure}" if qualifier else str(figure)


def notes(event: AttackEvent) -> str:
    """One sentence built from the facts: when, what, where, the toll, the claims, and every outlet's
    figure when they differ."""
    when = (event.earliest.strftime("%-d %B %Y") if event.time_precision == 1 else
            f"between {event.earliest.strftime('%-d %B %Y')} and {event.latest.strftime('%-d %B %Y')}"
            if event.time_precision else "on an unknown date")
    kind = kind_label(event.kind).lower()
    what = f"{'an' if kind[0] in 'aeiou' else 'a'} {kind}"
    target = next((t for r in event.reports for t in r.targets), None)  # the first report's first
    where = ", ".join(p for p in (event.place, event.country if event.country != event.place else None) if p)
    text = f"{'On ' if event.time_precision == 1 else ''}{when}, {what}"
    text += f" targeting {target}" if target else ""
    text += f" in {where}" if where else ""
    killed = {(r.killed, r.killed_qualifier) for r in event.reports if r.killed is not None}
    if killed:
        text += f" killed {_figure_text(*min(killed, key=lambda k: lowest_reading(*k)))}"
    else:
        text += " was reported with no death toll"
    if event.injured is not None:
        text += f" and wounded {event.injured}" if killed else f" (wounded {event.injured})"
    parts = [text]
    if event.claimed:
        parts.append(f"{' and '.join(event.claimed)} claimed responsibility")
    if event.denied:
        parts.append(f"{' and '.join(event.denied)} denied involvement")
    for actor, by in event.blamed:
        parts.append(f"{by or 'a party'} blamed {actor}")
    if len(killed) > 1:
        stated = sorted(((r.killed, r.killed_qualifier, r.publisher or r.article) for r in event.reports
                         if r.killed is not None), key=lambda s: (s[0], s[2]))
        parts.append("reported death tolls differ: " + ", ".join(
            f"{_figure_text(k, q)} ({who})" for k, q, who in stated) + "; the lowest is coded")
    sentence = "; ".join(parts) + "."
    return sentence[0].upper() + sentence[1:]


def acled_row(event: AttackEvent, gazetteer: Gazetteer) -> dict[str, object]:
    """One ACLED event row (column → value; None for an empty cell)."""
    table = mapping()
    country = event.country
    target = _target_class(event)
    etype, subtype = event_type(event, armed_target=target is not None)
    actors = event.responsible
    if actors:
        actor1, assoc1, inter1 = actors[0], "; ".join(actors[1:]) or None, _inter(actors[0], event, gazetteer)
    else:
        actor1, assoc1, inter1 = table["unidentified_actor"].format(country=country or "Unknown"), None, table["inter"]["unidentified"]
    foreign = _foreign_country(event, gazetteer) if target else None
    if target:
        actor2 = table[f"{target}_actor"].format(country=foreign or country or "Unknown")
        inter2 = table["inter"]["foreign_state" if foreign else "own_state"]
    elif etype == "Violence against civilians" or event.reports and any(r.targets for r in event.reports):
        actor2, inter2 = table["civilians_actor"].format(country=country or "Unknown"), table["inter"]["civilians"]
    else:
        actor2, inter2 = None, None
    geo = geography(event, gazetteer)
    day = event.day
    sources = sorted({r.publisher for r in event.reports if r.publisher})
    return {
        "event_id_cnty": event_id(event.iri, country),
        "event_date": day.isoformat() if day else None,
        "year": day.year if day else None,
        "time_precision": event.time_precision,
        "disorder_type": table["disorder_type"],
        "event_type": etype,
        "sub_event_type": subtype,
        "actor1": actor1, "assoc_actor_1": assoc1, "inter1": inter1,
        "actor2": actor2, "assoc_actor_2": None, "inter2": inter2,
        "interaction": _interaction(inter1, inter2),
        "civilian_targeting": "Civilian targeting" if inter2 == table["inter"]["civilians"] else None,
        "iso": _iso(country)[1],
        "country": country,
        "admin1": geo.admin1, "admin2": geo.admin2, "location": geo.location,
        "latitude": geo.latitude, "longitude": geo.longitude, "geo_precision": geo.precision,
        "source": "; ".join(sources) or None,
        "notes": notes(event),
        "fatalities": event.fatalities,
        "kgb_iri": event.iri,
        "kgb_articles": "; ".join(sorted({r.article for r in event.reports})),
    }


def acled_table(dataset, gazetteer: Gazetteer | None = None) -> list[dict[str, object]]:
    """The ACLED rows of every attack in ``dataset``, by event date."""
    gazetteer = gazetteer or load_gazetteer()
    return [acled_row(event, gazetteer) for event in attack_events(dataset)]


def write_acled(rows: list[dict[str, object]], fmt: str, out: TextIO | BinaryIO | Path | str) -> None:
    """Write rows as "csv" (to a text stream) or "xlsx" (to a binary stream or a path)."""
    if fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: "" if v is None else v for k, v in row.items()} for row in rows)
    elif fmt == "xlsx":
        try:
            from openpyxl import Workbook
        except ImportError as err:
            raise QueryError("xlsx output needs openpyxl: pip install 'kg-builder[analyst]'") from err
        book = Workbook()
        sheet = book.active
        sheet.title = "acled"
        sheet.append(COLUMNS)
        for row in rows:
            values = [row[c] for c in COLUMNS]
            values[1] = date.fromisoformat(values[1]) if values[1] else None
            sheet.append(values)
        for cell in sheet["B"][1:]:
            cell.number_format = "yyyy-mm-dd"
        sheet.freeze_panes = "A2"
        book.save(out)
    else:
        raise QueryError(f"unknown ACLED table format {fmt!r}; choose one of {', '.join(FORMATS)}")
