"""Attacks against negotiation periods: one picture, as a PNG for reports and an interactive HTML page.

One lane per negotiation: its certain span (latest begin → earliest end: certainly going on) solid,
its possible span (earliest begin → latest end) faded, running to the right edge when no end is
known. Attacks are marks on the time axis at their coded day (``kg_builder.acled``: the day, or the
middle of the possible span), sized by the lowest credible death toll and coloured by who claimed
them, else who was blamed, else "no claim"; the largest carry a label. Attacks without any date
cannot be placed: they are counted in the subtitle, never silently dropped.

Filters (``timeline(..., place=, actor=, since=, until=)``) narrow the attacks by place (the place
or any place containing it, by the gazetteer), by actor (claimed, denied, blamed or named as
perpetrator) and by dates; dates also narrow the lanes. The PNG is drawn with matplotlib; the HTML
is a Vega-Lite chart made with Altair, with the Vega JavaScript inlined (vl-convert), so the file
opens with no network; hovering a mark shows its facts and the reports' sentences, and menus on the
page filter the attacks by place and by actor.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from .acled import AttackEvent, attack_events, notes
from .fuse import kind_label
from .errors import KGBError, QueryError
from .gazetteer import Gazetteer
from .gazetteer import load as load_gazetteer
from .query import QUERIES_DIR, run_query

ATTACKS_LANE = "Attacks"
NO_CLAIM = "no claim"
_MARGIN = timedelta(days=7)
_LABEL_COUNT = 3


@dataclass(frozen=True)
class Lane:
    """A negotiation's lane: the span it certainly covers (None when no day is certain) and the span it
    may cover; ``open_end`` when no end is known (the possible span runs to the chart's edge)."""

    iri: str
    label: str
    kind: str
    place: str | None
    participants: tuple[str, ...]
    certain: tuple[date, date] | None
    possible: tuple[date, date]
    open_end: bool


@dataclass(frozen=True)
class Mark:
    """An attack placed on the axis."""

    iri: str
    label: str
    day: date
    earliest: date
    latest: date
    killed: int
    who: str
    place: str | None
    facts: str
    sentences: tuple[str, ...]
    labelled: bool = False
    places: tuple[str, ...] = ()  # its place and the places containing it, for the page's place filter
    actors: tuple[str, ...] = ()  # every actor it names, for the page's actor filter


@dataclass(frozen=True)
class Timeline:
    lanes: tuple[Lane, ...]
    marks: tuple[Mark, ...]
    start: date
    end: date
    undated: int = 0
    filters: dict[str, str] = field(default_factory=dict)

    @property
    def title(self) -> str:
        return "Attacks and negotiations" + (f" ({', '.join(f'{k} {v}' for k, v in self.filters.items())})"
                                             if self.filters else "")

    @property
    def subtitle(self) -> str:
        text = (f"{len(self.marks)} attacks, {len(self.lanes)} negotiations; solid: certainly going on, "
                "faded: possibly; marks sized by killed (lowest reported figure)")
        return text + (f"; {self.undated} attacks without a date not drawn" if self.undated else "")


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value[:10]) if value else None


def _who(event: AttackEvent) -> str:
    if event.claimed:
        return f"claimed by {' & '.join(event.claimed)}"
    if event.blamed:
        return f"blamed on {' & '.join(sorted({actor for actor, _ in event.blamed}))}"
    return NO_CLAIM


def _label(event: AttackEvent) -> str:
    return ", ".join(p for p in (kind_label(event.kind), event.place or event.country) if p)


def _places_of(event: AttackEvent, gazetteer: Gazetteer) -> tuple[str, ...]:
    """The attack's place, the places containing it (by the gazetteer) and its country."""
    known = gazetteer.place(event.place) if event.place else None
    names = [event.place] + ([p.name for p in gazetteer.ancestors(known.name)] if known else []) + [event.country]
    return tuple(dict.fromkeys(n for n in names if n))


def _actors_of(event: AttackEvent) -> tuple[str, ...]:
    """Every actor the attack names: claimants, deniers, the blamed, the narrated perpetrators."""
    return tuple(sorted({*event.claimed, *event.denied, *event.perpetrators, *(a for a, _ in event.blamed)}))


def _in_place(event: AttackEvent, place: str, gazetteer: Gazetteer) -> bool:
    wanted = gazetteer.place(place)
    name = (wanted.name if wanted else place).lower()
    return name in (n.lower() for n in _places_of(event, gazetteer))


def _involves(event: AttackEvent, actor: str, gazetteer: Gazetteer) -> bool:
    return gazetteer.canonical_actor(actor).lower() in (n.lower() for n in _actors_of(event))


def _lanes(dataset) -> list[tuple[dict, date | None, date | None, date | None, date | None]]:
    rows = run_query(dataset, str(QUERIES_DIR / "export" / "timeline-negotiations.rq"),
                     name="queries/export/timeline-negotiations.rq").records()
    return [(r, _day(r["earliest_begin"]), _day(r["latest_begin"]), _day(r["earliest_end"]), _day(r["latest_end"]))
            for r in rows]


def timeline(dataset, place: str | None = None, actor: str | None = None, since: date | None = None,
             until: date | None = None, labels: int = _LABEL_COUNT, gazetteer: Gazetteer | None = None) -> Timeline:
    """The attacks and negotiations of ``dataset`` to draw, filtered; KGBError when nothing is left."""
    gazetteer = gazetteer or load_gazetteer()
    if since and until and since > until:
        raise KGBError(f"--since {since} is after --until {until}; give a start before the end")
    events = attack_events(dataset)
    if place:
        events = [e for e in events if _in_place(e, place, gazetteer)]
    if actor:
        events = [e for e in events if _involves(e, actor, gazetteer)]
    dated = [e for e in events if e.day]
    dated = [e for e in dated if (not since or e.day >= since) and (not until or e.day <= until)]
    undated = len(events) - len([e for e in events if e.day])
    negotiations = []
    for row, eb, lb, ee, le in _lanes(dataset):
        begin, end = eb or lb or ee or le, le or ee
        if begin is None:
            continue  # a negotiation with no known day has no place on a time axis
        if (until and begin > until) or (since and end and end < since):
            continue
        negotiations.append((row, eb, lb, ee, le))
    known = [e.day for e in dated] + [d for _, *bounds in negotiations for d in bounds if d]
    if not known:
        raise QueryError("nothing to draw: no dated attack or negotiation matches"
                         + (f" the filters ({_describe(place, actor, since, until)})" if place or actor or since or until
                            else " in the store; build some articles first"))
    start, end = since or min(known) - _MARGIN, until or max(known) + _MARGIN
    lanes = []
    for row, eb, lb, ee, le in negotiations:
        first = eb or lb or ee or le
        sure_begin, sure_end = lb or eb, ee or (lb or eb if not le else None)
        certain = (sure_begin, sure_end) if sure_begin and sure_end and sure_begin <= sure_end else None
        lanes.append(Lane(row["iri"], row["label"] or row["iri"], row["type"], row["place"],
                          tuple(sorted(row["participants"].split("|"))) if row["participants"] else (),
                          certain, (max(first, start), min(le, end) if le else end), le is None))
    largest = {e.iri for e in sorted(dated, key=lambda e: (-e.fatalities, e.day))[:labels] if e.fatalities}
    marks = tuple(Mark(e.iri, _label(e), e.day, e.earliest, e.latest, e.fatalities, _who(e), e.place, notes(e),
                       tuple(r.evidence for r in e.reports if r.evidence), e.iri in largest,
                       _places_of(e, gazetteer), _actors_of(e)) for e in dated)
    filters = {k: str(v) for k, v in (("place", place), ("actor", actor), ("since", since), ("until", until)) if v}
    return Timeline(tuple(lanes), marks, start, end, undated, filters)


def _describe(place, actor, since, until) -> str:
    return ", ".join(f"{k} {v}" for k, v in (("place", place), ("actor", actor), ("since", since), ("until", until)) if v)


def lane_names(t: Timeline) -> list[str]:
    """Lane titles top to bottom: one per negotiation (label, disambiguated), then the attacks lane."""
    names, seen = [], set()
    for lane in t.lanes:
        name = lane.label if lane.label not in seen else f"{lane.label} ({lane.iri.rsplit('/', 1)[-1]})"
        seen.add(name)
        names.append(name)
    return names + [ATTACKS_LANE]


def colours(t: Timeline) -> dict[str, str]:
    """Colour of each "who" value: a fixed palette in sorted order, grey for "no claim"."""
    palette = ["#d62728", "#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf"]
    keys = sorted({m.who for m in t.marks} - {NO_CLAIM})
    found = {key: palette[i % len(palette)] for i, key in enumerate(keys)}
    if any(m.who == NO_CLAIM for m in t.marks):
        found[NO_CLAIM] = "#7f7f7f"
    return found


def draw(dataset, out: Path, **filters) -> tuple[Path, Path]:
    """Write ``out``.png and ``out``.html (``out`` without suffix); return both paths."""
    from .timeline_draw import write_html, write_png
    t = timeline(dataset, **filters)
    out = Path(out)
    if out.suffix in (".png", ".html"):
        out = out.with_suffix("")
    out.parent.mkdir(parents=True, exist_ok=True)
    png, html = out.with_suffix(".png"), out.with_suffix(".html")
    write_png(t, png)
    write_html(t, html)
    return png, html
