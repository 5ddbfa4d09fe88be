"""Reading input: bad records are refused with their file and line, good ones are never lost."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg_builder.ingest import ReadOptions, language_of, read_articles

BAD = Path(__file__).parent / "data" / "bad-input"
MANIFEST = BAD / "manifest.jsonl"


@pytest.fixture(scope="module")
def read():
    return read_articles([], MANIFEST)


def _problem(problems, line: int):
    found = [p for p in problems if p.where == f"{MANIFEST}:{line}"]
    assert found, f"no problem reported for line {line}: {[(p.where, p.message) for p in problems]}"
    return found[0]


def test_good_articles_survive_among_bad_ones(read):
    articles, _ = read
    assert sorted(a.id for a in articles) == ["good-1", "good-2", "good-3"]
    assert next(a for a in articles if a.id == "good-2").text.startswith("Gunmen on motorcycles")


@pytest.mark.parametrize("line, words", [
    (3, ["'path' is int", "must be a string"]),
    (4, ["'text'", "invalid character", "surrogate"]),
    (5, ["'source'", "surrogate"]),
    (6, ["'text' is int"]),
    (7, ["'source' is list"]),
    (8, ["'url' is dict"]),
    (9, ["no letter or digit"]),
    (10, ["leaves the manifest's folder", "--allow-outside-paths"]),
    (11, ["leaves the manifest's folder"]),
    (12, ["leaves the manifest's folder"]),
    (13, ["not valid JSON"]),
    (14, ["another language (fr)"]),
    (15, ["another language (ar)"]),
    (16, ["empty"]),
    (17, ["binary"]),
    (18, ["not UTF-8"]),
    (19, ["no such file"]),
    (20, ["'title' is bool"]),
    (21, ["JSON object"]),
])
def test_each_bad_record_is_refused_with_its_line(read, line, words):
    problem = _problem(read[1], line)
    assert problem.skipped
    for word in words:
        assert word in problem.message, problem.message


def test_a_bad_date_warns_but_keeps_the_article(read):
    problem = _problem(read[1], 22)
    assert not problem.skipped and "not a real YYYY-MM-DD date" in problem.message


def test_outside_paths_only_when_allowed(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("Police said a grenade was thrown at a checkpoint in the town on Friday, wounding "
                       "three soldiers, and that the attackers escaped on foot into a nearby forest.", encoding="utf-8")
    folder = tmp_path / "inside"
    folder.mkdir()
    manifest = folder / "m.jsonl"
    manifest.write_text(json.dumps({"id": "x", "published": "2024-01-01", "path": "../outside.txt"}) + "\n"
                        + json.dumps({"id": "dev", "published": "2024-01-01", "path": "/dev/zero"}) + "\n")
    assert read_articles([], manifest)[0] == []
    articles, problems = read_articles([], manifest, ReadOptions(allow_outside=True))
    assert [a.id for a in articles] == ["x"]
    assert "not a regular file" in _where(problems, f"{manifest}:2").message  # never read a device


def _where(problems, where):
    return next(p for p in problems if p.where == where)


def test_a_long_article_is_cut_at_a_paragraph_with_a_warning(tmp_path):
    paragraph = ("A car bomb exploded near a police station in the city on Tuesday, killing six people and "
                 "wounding twenty, officials said.\n\n")
    path = tmp_path / "long.txt"
    path.write_text(paragraph * 100, encoding="utf-8")
    articles, problems = read_articles([path], options=ReadOptions(max_chars=1000))
    (article,) = articles
    assert len(article.text) <= 1000 and article.text.endswith("officials said.")
    assert any("more than the limit of 1,000" in p.message and not p.skipped for p in problems)


def test_a_cut_never_splits_a_character(tmp_path):
    path = tmp_path / "accents.txt"
    path.write_text("é" * 3000, encoding="utf-8")
    (article,), _ = read_articles([path], options=ReadOptions(max_chars=1001))
    assert set(article.text) == {"é"}


@pytest.mark.parametrize("text, language", [
    ("The army said its aircraft had struck a training camp in the mountains on Thursday night, killing "
     "dozens of fighters, but the claim could not be verified independently.", "en"),
    ("El ejército dijo que sus aviones habían atacado un campamento en las montañas el jueves por la noche, "
     "matando a decenas de combatientes, pero la afirmación no pudo ser verificada.", "es"),
    ("Taliban claim Kabul blast", "en"),  # too short to judge: taken as English
])
def test_language_of(text, language):
    assert language_of(text) == language
