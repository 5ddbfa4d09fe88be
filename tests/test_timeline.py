"""The timeline picture of our own sample reports (data/articles): what it places, its filters, the
marks in the PNG's and the HTML's chart, and the HTML opened in a headless browser."""
from __future__ import annotations

import json
import re
import subprocess
from datetime import date
from pathlib import Path

import pytest

from kg_builder import cli
from kg_builder.errors import KGBError, QueryError
from kg_builder.timeline import ATTACKS_LANE, NO_CLAIM, draw, lane_names, timeline
from kg_builder.timeline_draw import chart_spec

pytestmark = pytest.mark.model


@pytest.fixture()
def dataset(demo_dataset):
    return demo_dataset


def test_attacks_and_negotiation_lanes(dataset):
    t = timeline(dataset)
    talks = [lane for lane in t.lanes if lane.kind == "Talks"]
    assert len(talks) == 1 and talks[0].place == "Doha"
    assert talks[0].certain == (date(2020, 9, 12), date(2020, 12, 2))  # opened, still going on on Dec 2
    assert talks[0].open_end and talks[0].possible[1] == t.end  # no end known: faded to the edge
    days = [m.day for m in t.marks]
    assert date(2020, 9, 9) in days and date(2020, 11, 2) in days
    assert days == sorted(days) and t.undated == 0
    # the three deadliest carry a label; colour by claimant, "no claim" for the unclaimed bombing
    assert {m.killed for m in t.marks if m.labelled} == set(sorted((m.killed for m in t.marks), reverse=True)[:3])
    assert {m.who for m in t.marks} == {"claimed by Islamic State", NO_CLAIM}
    assert lane_names(t)[-1] == ATTACKS_LANE


def test_filters_by_place_actor_and_dates(dataset):
    assert [m.place for m in timeline(dataset, place="Kabul University").marks] == ["Kabul University"]
    assert len(timeline(dataset, place="Afghanistan").marks) == len(timeline(dataset).marks)
    assert timeline(dataset, place="Somalia").marks == ()
    by_alias = timeline(dataset, actor="Daesh")  # an alias of Islamic State
    assert by_alias.marks and all("Islamic State" in m.who for m in by_alias.marks)
    assert len(timeline(dataset, actor="Taliban").marks) >= 3  # denied or blamed counts too
    autumn = timeline(dataset, since=date(2020, 10, 1), until=date(2020, 11, 10))
    assert {m.day for m in autumn.marks} == {date(2020, 10, 24), date(2020, 11, 2)}
    assert all(m.day >= date(2020, 10, 1) for m in autumn.marks) and autumn.filters["since"] == "2020-10-01"
    with pytest.raises(KGBError, match="after"):
        timeline(dataset, since=date(2021, 1, 1), until=date(2020, 1, 1))
    with pytest.raises(QueryError, match="nothing to draw"):
        timeline(dataset, since=date(1990, 1, 1), until=date(1990, 2, 1))


def _layer(spec: dict, mark: str) -> list[dict]:
    """The data values of the layer drawing ``mark`` (Altair moves inline data to spec['datasets'])."""
    layer = next(layer for layer in spec["layer"] if (layer["mark"]["type"] if isinstance(layer["mark"], dict)
                                                      else layer["mark"]) == mark)
    data = layer["data"]
    return data["values"] if "values" in data else spec["datasets"][data["name"]]


def test_the_chart_has_one_mark_per_attack_and_span(dataset):
    t = timeline(dataset)
    spec = chart_spec(t)
    points = _layer(spec, "circle")
    assert len(points) == len(t.marks) and sorted(p["killed"] for p in points) == sorted(m.killed for m in t.marks)
    assert all(p["sentences"] for p in points)  # the hover shows the reports' sentences
    bars = _layer(spec, "bar")
    assert len(bars) == len(t.lanes) + sum(lane.certain is not None for lane in t.lanes)
    assert len([p for p in _layer(spec, "text")]) == sum(m.labelled for m in t.marks)
    # the page filters by place (a place or any place inside it) and by actor
    params = {p["name"]: p for p in spec.get("params", [])}
    assert {"Kabul University", "Kabul", "Afghanistan"} <= set(params["place"]["bind"]["options"])
    assert {"Islamic State", "Taliban"} <= set(params["actor"]["bind"]["options"])
    university = next(p for p in points if p["place"] == "Kabul University")
    assert "|Kabul|" in university["places"] and "|Taliban|" in university["actors"]


def test_draw_writes_png_and_a_self_contained_html(dataset, tmp_path):
    png, html = draw(dataset, tmp_path / "out" / "timeline")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000
    page = html.read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]+src=", page) and "<link" not in page  # nothing fetched when opened
    embedded = json.loads(re.search(r"const spec = (\{.*\});\n", page).group(1))
    assert len(_layer(embedded, "circle")) == len(timeline(dataset).marks)


def test_cli_timeline_prints_where(demo_store, tmp_path, capsys):
    assert cli.main(["timeline", "--store", demo_store, "--out", str(tmp_path / "t"), "--actor", "Islamic State"]) == 0
    out = capsys.readouterr().out
    assert str(tmp_path / "t.png") in out and str(tmp_path / "t.html") in out
    assert cli.main(["timeline", "--store", demo_store, "--since", "2021-01-01", "--until", "2020-01-01"]) == 2


@pytest.mark.browser
def test_a_headless_browser_renders_every_mark_without_errors(dataset, tmp_path, chromium):
    t = timeline(dataset)
    _, html = draw(dataset, tmp_path / "timeline")
    run = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0",
                          "--virtual-time-budget=10000", "--dump-dom", Path(html).as_uri()],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    console = [line for line in run.stderr.splitlines() if "CONSOLE" in line]
    assert not console, console  # no error or warning from Vega
    dom = run.stdout

    def drawn(mark: str) -> int:
        group = re.search(rf'<g class="mark-{mark} role-mark[^"]*"[^>]*>(.*?)</g>', dom, re.S)
        return len(re.findall(r"<(?:path|line|text)\b", group.group(1))) if group else 0

    assert drawn("symbol") == len(t.marks)
    assert drawn("rect") == len(t.lanes) + sum(lane.certain is not None for lane in t.lanes)
    assert drawn("text") == sum(m.labelled for m in t.marks)
    assert '<select name="place">' in dom and '<select name="actor">' in dom
