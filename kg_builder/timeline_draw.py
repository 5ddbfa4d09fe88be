"""Drawing a ``kg_builder.timeline.Timeline``: PNG with matplotlib, HTML with Altair (Vega-Lite).

Both read the same records and the same lane order and colours, so the two pictures agree.
"""
from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from .errors import KGBError
from .timeline import ATTACKS_LANE, Timeline, colours, lane_names

_SOLID, _FADED = 0.9, 0.25
ALL = "all"
_LANE_COLOUR = "#4c72b0"


def _needs(module: str):
    try:
        return __import__(module)
    except ImportError as err:
        raise KGBError(f"the timeline needs {module}: pip install 'kg-builder[analyst]'") from err


def _size(killed: int, most: int) -> float:
    """Marker area in points²: 30 for none, up to 600 for the largest toll of the chart."""
    return 30 + 570 * (killed / most if most else 0)


def write_png(t: Timeline, path: Path) -> None:
    """A static picture for reports (matplotlib, Agg backend: no display needed)."""
    _needs("matplotlib")
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    names = lane_names(t)
    rows = {name: len(names) - 1 - i for i, name in enumerate(names)}  # first lane on top
    fig, ax = plt.subplots(figsize=(11, 1.6 + 0.55 * len(names)), dpi=120)
    for lane, name in zip(t.lanes, names):
        y = rows[name]
        begin, end = lane.possible
        ax.barh(y, (end - begin).days + 1, left=mdates.date2num(begin), height=0.5, color=_LANE_COLOUR,
                alpha=_FADED, edgecolor="none")
        if lane.certain:
            sure_begin, sure_end = lane.certain
            ax.barh(y, (sure_end - sure_begin).days + 1, left=mdates.date2num(sure_begin), height=0.5,
                    color=_LANE_COLOUR, alpha=_SOLID, edgecolor="none")
    palette = colours(t)
    most = max((m.killed for m in t.marks), default=0)
    y = rows[ATTACKS_LANE]
    for mark in t.marks:
        ax.scatter(mdates.date2num(mark.day), y, s=_size(mark.killed, most), color=palette[mark.who],
                   alpha=0.8, edgecolors="black", linewidths=0.5, zorder=3)
        ax.axvline(mdates.date2num(mark.day), color=palette[mark.who], alpha=0.3, linewidth=0.8, zorder=1)
        if mark.labelled:
            ax.annotate(f"{mark.label} ({mark.killed})", (mdates.date2num(mark.day), y), xytext=(0, 14),
                        textcoords="offset points", ha="center", fontsize=8, rotation=20)
    ax.set_yticks(list(rows.values()), list(rows.keys()), fontsize=8)
    ax.set_ylim(-0.8, len(names) - 0.2)
    ax.set_xlim(mdates.date2num(t.start), mdates.date2num(t.end + timedelta(days=1)))
    ax.xaxis.set_major_locator(mdates.AutoDateLocator())
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator()))
    ax.grid(axis="x", alpha=0.3)
    ax.set_title(f"{t.title}\n{t.subtitle}", fontsize=9, loc="left")
    handles = [Line2D([], [], marker="o", linestyle="", color=c, label=who) for who, c in palette.items()]
    if handles:
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def chart_spec(t: Timeline) -> dict:
    """The Vega-Lite specification of the interactive chart (what the HTML embeds)."""
    alt = _needs("altair")
    names = lane_names(t)
    spans = []
    for lane, name in zip(t.lanes, names):
        spans.append({"lane": name, "span": "possibly going on", "start": lane.possible[0].isoformat(),
                      "end": (lane.possible[1] + timedelta(days=1)).isoformat(), "kind": lane.kind,
                      "place": lane.place or "", "participants": ", ".join(lane.participants),
                      "open_end": lane.open_end})
        if lane.certain:
            spans.append({"lane": name, "span": "certainly going on", "start": lane.certain[0].isoformat(),
                          "end": (lane.certain[1] + timedelta(days=1)).isoformat(), "kind": lane.kind,
                          "place": lane.place or "", "participants": ", ".join(lane.participants),
                          "open_end": lane.open_end})
    attacks = [{"lane": ATTACKS_LANE, "attack": m.label, "day": m.day.isoformat(), "killed": m.killed,
                "who": m.who, "place": m.place or "", "facts": m.facts, "sentences": " | ".join(m.sentences),
                "label": f"{m.label} ({m.killed})" if m.labelled else "", "iri": m.iri,
                "places": f"|{'|'.join(m.places)}|", "actors": f"|{'|'.join(m.actors)}|"} for m in t.marks]
    ends = (t.start, t.end + timedelta(days=1))
    low, high = (alt.DateTime(year=d.year, month=d.month, date=d.day) for d in ends)
    x = alt.X("start:T", title=None, scale=alt.Scale(domainMin=low, domainMax=high))
    y = alt.Y("lane:N", sort=names, title=None, axis=alt.Axis(labelLimit=320))
    palette = colours(t)
    pick = alt.selection_point(fields=["who"], bind="legend")
    # The page's own filters: a place (or any place inside it) and an actor, "all" to show everything.
    place = alt.param(name="place", value=ALL, bind=alt.binding_select(
        options=[ALL, *sorted({p for m in t.marks for p in m.places})], name="place "))
    actor = alt.param(name="actor", value=ALL, bind=alt.binding_select(
        options=[ALL, *sorted({a for m in t.marks for a in m.actors})], name="actor "))
    keep = (f"(place == '{ALL}' || indexof(datum.places, '|' + place + '|') >= 0) && "
            f"(actor == '{ALL}' || indexof(datum.actors, '|' + actor + '|') >= 0)")
    bars = alt.Chart(alt.Data(values=spans)).mark_bar(height=14, color=_LANE_COLOUR).encode(
        x=x, x2="end:T", y=y,
        opacity=alt.Opacity("span:N", sort=["possibly going on", "certainly going on"], scale=alt.Scale(domain=["possibly going on", "certainly going on"],
                                                      range=[_FADED, _SOLID]), title="negotiation"),
        tooltip=["lane:N", "span:N", alt.Tooltip("start:T"), alt.Tooltip("end:T", title="until (exclusive)"),
                 "place:N", "participants:N"])
    points = alt.Chart(alt.Data(values=attacks)).mark_circle(stroke="black", strokeWidth=0.5).encode(
        x=alt.X("day:T"), y=y,
        size=alt.Size("killed:Q", scale=alt.Scale(range=[30, 600]), title="killed"),
        color=alt.Color("who:N", scale=alt.Scale(domain=list(palette), range=list(palette.values())), title="claimed / blamed"),
        opacity=alt.condition(pick, alt.value(0.85), alt.value(0.15)),
        tooltip=["attack:N", alt.Tooltip("day:T"), "killed:Q", "who:N", "facts:N", "sentences:N", "iri:N"],
    ).add_params(pick).transform_filter(keep)
    rules = alt.Chart(alt.Data(values=attacks)).mark_rule(opacity=0.25, color="#888888").encode(
        x=alt.X("day:T")).transform_filter(keep)
    labels = alt.Chart(alt.Data(values=[a for a in attacks if a["label"]])).mark_text(
        dy=-16, angle=340, fontSize=10, align="left").encode(x=alt.X("day:T"), y=y,
                                                            text="label:N").transform_filter(keep)
    chart = alt.layer(bars, rules, points, labels).properties(
        width=900, height=40 * len(names) + 40,
        title=alt.TitleParams(t.title, subtitle=t.subtitle, anchor="start")).add_params(place, actor)
    return chart.to_dict()


def write_html(t: Timeline, path: Path) -> None:
    """A self-contained page: the chart with Vega, Vega-Lite and vega-embed inlined (no network)."""
    alt = _needs("altair")
    _needs("vl_convert")
    chart = alt.Chart.from_dict(chart_spec(t))
    chart.save(str(path), format="html", inline=True, embed_options={"renderer": "svg", "actions": False})
