"""The checked offline Wikidata table: each id added after the seed reference carries the public source
it was checked in and what that source said beside it; unchecked ids stay out."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from kg_builder.link import LinkContext, OfflineKB, link

CHECKS = Path(__file__).resolve().parent.parent / "data" / "wikidata" / "checks.tsv"


def rows() -> list[dict]:
    with CHECKS.open(encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


@pytest.fixture(scope="module")
def kb() -> OfflineKB:
    return OfflineKB.from_file()


def test_every_check_names_its_source_and_quotes_the_id(kb):
    assert len(rows()) >= 50
    for row in rows():
        assert row["source"].strip() and row["said"].strip(), row
        assert f'"{row["qid"]}"' in row["said"] or f"[{row['qid']}]" in row["said"], row  # the id as the source wrote it
        item = kb.items[row["qid"]]
        assert (item["label"], item["type"]) == (row["label"], row["type"])


@pytest.mark.parametrize("name,kind,qid", [
    ("Baghdad", "Place", "Q1530"), ("the Iraqi capital", "Place", "Q1530"), ("Mogadishu", "Place", "Q2449"),
    ("Syria", "State", "Q858"), ("Israel", "Place", "Q801"), ("Kiev", "Place", "Q1899"),
    ("al-Qaeda", "ArmedGroup", "Q34490"), ("PKK", "ArmedGroup", "Q152220"), ("NATO", "Organization", "Q7184"),
    ("UN", "Organization", "Q1065"), ("Cairo", "State", "Q79"),  # a capital stands for its state as an actor
])
def test_checked_items_link(kb, name, kind, qid):
    found = link(name, kind, kb, LinkContext())
    assert found is not None and found.qid == qid, found


@pytest.mark.parametrize("name,kind", [
    ("Taliban", "ArmedGroup"),  # its id is in no public source we could find: it stays out
    ("Congo", "Place"),  # two states bear the name
    ("Qassam Brigades", "ArmedGroup"),  # Hamas's armed wing is another item
    ("Washington", "Place"),  # the city or the state: the bare name links no place
])
def test_unchecked_or_ambiguous_names_do_not_link(kb, name, kind):
    assert link(name, kind, kb, LinkContext()) is None
