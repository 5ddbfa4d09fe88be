"""The ACLED table: each coding rule on records of our own, then the table of a graph built from our
own reports (data/articles, our writing), as CSV and XLSX."""
from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest

from kg_builder import cli
from kg_builder.acled import (COLUMNS, AttackEvent, Report, acled_row, acled_table, event_id, lowest_reading,
                              notes, write_acled)
from kg_builder.errors import QueryError
from kg_builder.gazetteer import load as load_gazetteer

REPO = Path(__file__).resolve().parent.parent
GAZ = load_gazetteer()
DAY = date(2021, 3, 6)


def report(article="a1", killed=None, qualifier=None, targets=(), publisher="Wire One", injured=None):
    return Report(article, publisher, "2021-03-06", killed, qualifier, injured, None, tuple(targets), None)


def event(kind="Bombing", reports=(), earliest=DAY, latest=DAY, place="Kabul", country="Afghanistan", **more):
    return AttackEvent("https://w3id.org/kg-builder/id/attack/0a1b2c3d4e5f", kind, earliest, latest, place, None,
                       country, tuple(reports) or (report(),), **more)


# --- fatalities: the lowest credible reported figure ----------------------------------------------

def test_fatalities_are_the_lowest_figure_any_report_gives():
    e = event(reports=[report("a1", 18, "at least", publisher="Wire One"), report("a2", 24, publisher="Wire Two")])
    assert e.fatalities == 18
    assert "at least 18 (Wire One), 24 (Wire Two)" in notes(e)


def test_a_figure_is_read_at_its_lowest():
    assert lowest_reading(10, "more than") == 11
    assert [lowest_reading(10, q) for q in (None, "at least", "about", "up to")] == [10, 10, 10, 10]
    assert event(reports=[report(killed=30, qualifier="more than"), report("a2", killed=40)]).fatalities == 31


def test_no_reported_toll_is_coded_zero_and_said_so():
    e = event(reports=[report(killed=None)])
    assert e.fatalities == 0
    assert "no death toll" in notes(e)
    assert "differ" not in notes(event(reports=[report(killed=5), report("a2", killed=5)]))


# --- dates --------------------------------------------------------------------------------------

def test_time_precision_and_the_coded_day():
    assert (event().time_precision, event().day) == (1, DAY)
    week = event(earliest=date(2021, 3, 1), latest=date(2021, 3, 5))
    assert (week.time_precision, week.day) == (2, date(2021, 3, 3))
    month = event(earliest=date(2021, 3, 1), latest=date(2021, 3, 31))
    assert (month.time_precision, month.day) == (3, date(2021, 3, 16))
    undated = acled_row(event(earliest=None, latest=None), GAZ)
    assert (undated["event_date"], undated["year"], undated["time_precision"]) == (None, None, None)
    assert "unknown date" in undated["notes"]


# --- event types and actors ----------------------------------------------------------------------

@pytest.mark.parametrize("kind,expected", [
    ("SuicideBombing", ("Explosions/Remote violence", "Suicide bomb")),
    ("CarBombing", ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
    ("Bombing", ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
    ("RocketAttack", ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
    ("Shelling", ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
    ("Airstrike", ("Explosions/Remote violence", "Air/drone strike")),
    ("Kidnapping", ("Violence against civilians", "Abduction/forced disappearance")),
    ("ArmedAssault", ("Violence against civilians", "Attack")),
    ("Assassination", ("Violence against civilians", "Attack")),
])
def test_event_types_from_our_kinds(kind, expected):
    row = acled_row(event(kind, [report(targets=["worshippers at a mosque"])]), GAZ)
    assert (row["event_type"], row["sub_event_type"]) == expected
    assert row["disorder_type"] == "Political violence"


def test_an_assault_on_police_is_a_battle_with_the_police_as_actor2():
    e = event("ArmedAssault", [report(targets=["a police checkpoint"])], claimed=("Taliban",),
              actor_kinds=(("Taliban", "ArmedGroup"),))
    row = acled_row(e, GAZ)
    assert (row["event_type"], row["sub_event_type"]) == ("Battles", "Armed clash")
    assert (row["actor1"], row["inter1"], row["actor2"], row["inter2"]) == ("Taliban", 2, "Police Forces of Afghanistan", 1)
    assert row["interaction"] == 12 and row["civilian_targeting"] is None


@pytest.mark.parametrize("target", ["a security post", "a paramilitary checkpost", "an army patrol"])
def test_armed_targets_as_reports_name_them(target):
    row = acled_row(event("ArmedAssault", [report(targets=[target])]), GAZ)
    assert (row["event_type"], row["actor2"]) == ("Battles", "Military Forces of Afghanistan")


def test_foreign_troops_are_external_forces():
    row = acled_row(event("ArmedAssault", [report(targets=["American soldiers"])]), GAZ)
    assert (row["actor2"], row["inter2"]) == ("Military Forces of United States", 8)


def test_an_assault_on_students_is_violence_against_civilians():
    row = acled_row(event("ArmedAssault", [report(targets=["students in their classrooms"])]), GAZ)
    assert (row["event_type"], row["actor2"], row["inter2"]) == ("Violence against civilians", "Civilians (Afghanistan)", 7)
    assert row["civilian_targeting"] == "Civilian targeting"


def test_blame_alone_does_not_make_the_perpetrator():
    e = event(blamed=(("Taliban", "Afghan government"),), denied=("Taliban",))
    row = acled_row(e, GAZ)
    assert (row["actor1"], row["inter1"]) == ("Unidentified Armed Group (Afghanistan)", 3)
    assert "Afghan government blamed Taliban" in row["notes"] and "Taliban denied involvement" in row["notes"]


def test_the_claimant_is_actor1_and_a_second_claimant_is_associated():
    e = event(claimed=("Al-Shabaab", "Islamic State"), perpetrators=("Taliban",))
    row = acled_row(e, GAZ)
    assert (row["actor1"], row["assoc_actor_1"]) == ("Al-Shabaab", "Islamic State")
    assert (row["inter1"], row["interaction"]) == (None, None)  # kinds unknown here: no inter code
    kinds = (("Al-Shabaab", "ArmedGroup"), ("Islamic State", "ArmedGroup"))
    assert acled_row(event(claimed=("Al-Shabaab",), actor_kinds=kinds), GAZ)["interaction"] == 20  # no actor2
    assert acled_row(event(perpetrators=("Taliban",), actor_kinds=(("Taliban", "ArmedGroup"),)), GAZ)["actor1"] == "Taliban"


def test_a_state_is_state_forces_at_home_and_external_abroad():
    home = acled_row(event(perpetrators=("Afghanistan",), actor_kinds=(("Afghanistan", "State"),)), GAZ)
    abroad = acled_row(event(perpetrators=("United States",), actor_kinds=(("United States", "State"),)), GAZ)
    assert (home["inter1"], abroad["inter1"]) == (1, 8)


# --- places --------------------------------------------------------------------------------------

def test_a_city_gives_its_province_and_coordinates():
    row = acled_row(event(place="Kabul"), GAZ)
    assert (row["country"], row["admin1"], row["location"], row["geo_precision"]) == ("Afghanistan", "Kabul Province", "Kabul", 1)
    assert row["iso"] == "4" and row["event_id_cnty"].startswith("AFG")
    assert 34 < row["latitude"] < 35 and 69 < row["longitude"] < 70


def test_a_site_is_coded_to_its_town_and_a_province_alone_to_the_province():
    site = acled_row(event(place="Kabul University"), GAZ)
    assert (site["location"], site["geo_precision"]) == ("Kabul", 1)
    province = acled_row(event(place="Kunduz Province"), GAZ)
    assert (province["admin1"], province["location"], province["geo_precision"]) == ("Kunduz Province", "Kunduz Province", 3)


def test_a_country_alone_and_an_unknown_place():
    only_country = acled_row(event(place=None), GAZ)
    assert (only_country["location"], only_country["latitude"], only_country["geo_precision"]) == (None, None, 3)
    unknown = acled_row(event(place="Qala-i-Naw Bazaar"), GAZ)
    assert (unknown["location"], unknown["latitude"], unknown["admin1"]) == ("Qala-i-Naw Bazaar", None, None)


def test_event_ids_are_stable_and_country_coded():
    iri = "https://w3id.org/kg-builder/id/attack/0a1b2c3d4e5f"
    assert event_id(iri, "Somalia") == event_id(iri, "Somalia") == f"SOM{int('0a1b2c3', 16)}"
    assert event_id(iri, None).startswith("XXX")


def test_unknown_format_is_refused():
    with pytest.raises(QueryError, match="csv, xlsx"):
        write_acled([], "ods", io.StringIO())


# --- a graph built from our own reports ----------------------------------------------------------

@pytest.mark.model
def test_the_demo_table_codes_the_university_attack(demo_store):
    from kg_builder.store import close_store, open_store
    dataset = open_store(demo_store)
    try:
        rows = acled_table(dataset)
    finally:
        close_store(dataset)
    university = [r for r in rows if r["event_date"] == "2020-11-02"]
    assert len(university) == 1
    row = university[0]
    assert row["fatalities"] == 19  # one outlet says at least 19, the other 22
    assert row["source"] == "Frontline Wire; Global Desk"
    assert (row["actor1"], row["inter1"], row["location"], row["admin1"]) == ("Islamic State", 2, "Kabul", "Kabul Province")
    assert "Taliban denied involvement" in row["notes"]
    assert [r["event_date"] for r in rows] == sorted(r["event_date"] for r in rows)


@pytest.mark.model
def test_cli_writes_csv_and_xlsx(demo_store, tmp_path, capsys):
    from openpyxl import load_workbook
    assert cli.main(["export", "acled", "--store", demo_store]) == 0
    table = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert tuple(table[0]) == COLUMNS and len(table) >= 4
    out = tmp_path / "acled.xlsx"
    assert cli.main(["export", "acled", "--format", "xlsx", "--out", str(out), "--store", demo_store]) == 0
    sheet = load_workbook(out).active
    header = [c.value for c in sheet[1]]
    assert tuple(header) == COLUMNS and sheet.max_row == len(table) + 1
    assert [c.value for c in sheet["Z"][1:]] == [int(r["fatalities"]) for r in table]
    assert sheet["B2"].is_date
    assert cli.main(["export", "acled", "--format", "json", "--store", demo_store]) == 2


@pytest.mark.model
def test_reports_of_our_own_coded_end_to_end(tmp_path, nlp):
    """An assault on a police post claimed by a group is a battle; gunmen firing on worshippers,
    unclaimed, is violence against civilians by an unidentified armed group."""
    import json
    from kg_builder.pipeline import build
    texts = {
        "kunduz": ("2021-05-04", "Wire One", "KUNDUZ, Afghanistan, May 4 (Wire One) - Taliban fighters attacked a police "
                   "checkpoint in Kunduz province on Tuesday, killing five policemen, a provincial spokesman said.\n\n"
                   "The Taliban claimed responsibility for the attack.\n"),
        "herat": ("2021-06-11", "Wire Two", "HERAT, Afghanistan, June 11 (Wire Two) - Gunmen opened fire on worshippers "
                  "at a mosque in Herat on Friday, killing at least 12 people, officials said.\n\n"
                  "No group has claimed responsibility.\n"),
    }
    manifest = tmp_path / "manifest.jsonl"
    manifest.write_text("".join(json.dumps({"id": k, "published": d, "source": s, "text": x}) + "\n"
                                for k, (d, s, x) in texts.items()), encoding="utf-8")
    dataset, _ = build([], manifest, backend="memory", nlp=nlp)
    rows = {r["kgb_articles"]: r for r in acled_table(dataset)}
    kunduz, herat = rows["kunduz"], rows["herat"]
    assert (kunduz["event_type"], kunduz["actor1"], kunduz["actor2"], kunduz["interaction"]) == \
        ("Battles", "Taliban", "Police Forces of Afghanistan", 12)
    assert (kunduz["event_date"], kunduz["time_precision"], kunduz["fatalities"], kunduz["source"]) == \
        ("2021-05-04", 1, 5, "Wire One")
    assert (kunduz["admin1"], kunduz["geo_precision"]) == ("Kunduz Province", 3)
    assert (herat["event_type"], herat["sub_event_type"], herat["actor1"], herat["actor2"]) == \
        ("Violence against civilians", "Attack", "Unidentified Armed Group (Afghanistan)", "Civilians (Afghanistan)")
    assert (herat["event_date"], herat["fatalities"], herat["location"]) == ("2021-06-11", 12, "Herat")
    assert herat["notes"].startswith("On 11 June 2021, ")
