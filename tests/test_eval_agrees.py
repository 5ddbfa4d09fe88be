"""`kgb eval` and the reference scorer (../shared/realdev/score.py) give the same figures on one export.

The reference scorer is imported from ../shared/realdev at test time, never copied. Both read the
same `kgb export … --by-source --format csv` tables of one build; where they disagree, score.py is
the measure and evaluate.py is wrong.

The scoring rules are compared under one naming of actors: score.py's own (its `actor` and
`state_family`, passed to `evaluate` as the names it should use). `kgb eval` itself names actors by
the gazetteer, which knows more aliases than score.py's short list ("Tahrir al Sham" is Hayat Tahrir
al-Sham there), so on realdev its claims can differ from score.py's by such a name; that is the name
list, not the rules.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from kg_builder.evaluate import evaluate, rows_from_export
from kg_builder.export import export_table, write_table
from kg_builder.gazetteer import load as load_gazetteer
from kg_builder.pipeline import build
from kg_builder.store import close_store

pytestmark = pytest.mark.model

SHARED = Path(__file__).resolve().parents[2] / "shared"
COLLECTIONS = {"realdev": (SHARED / "realdev" / "articles.jsonl", SHARED / "realdev" / "gold"),
               "seeds": (SHARED / "seeds.jsonl", SHARED / "gold")}


def _reference_scorer():
    path = SHARED / "realdev" / "score.py"
    if not path.is_file():
        pytest.skip(f"{path} is missing: the reference scorer lives in ../shared/realdev")
    spec = importlib.util.spec_from_file_location("realdev_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module", params=sorted(COLLECTIONS))
def scored(request, nlp, tmp_path_factory):
    manifest, gold = COLLECTIONS[request.param]
    if not manifest.is_file():
        pytest.skip(f"{manifest} is missing")
    if request.param == "realdev":
        out = request.getfixturevalue("realdev_export")  # the session's one realdev build
    else:
        out = tmp_path_factory.mktemp(request.param)
        dataset, _ = build(manifest=manifest, store=out / "store", nlp=nlp)
        try:
            for table in ("attacks", "claims", "negotiations"):
                with open(out / f"{table}.csv", "w", encoding="utf-8", newline="") as f:
                    write_table(export_table(dataset, table, by_source=True), "csv", f)
        finally:
            close_store(dataset)
    scorer = _reference_scorer()
    reference = scorer.score(gold, out)
    ours = evaluate(rows_from_export(out), gold, scorer.actor, scorer.state_family)
    return request.param, reference, ours, out, gold


@pytest.mark.parametrize("kind", ["attacks", "claims", "negotiations"])
def test_eval_counts_what_score_py_counts(scored, kind):
    collection, reference, ours, *_ = scored
    theirs = {k: reference[kind][k] for k in ("tp", "fp", "fn")}
    mine = {k: ours[kind][k] for k in ("tp", "fp", "fn")}
    assert mine == theirs, f"{collection} {kind}: kgb eval {mine}, score.py {theirs}"
    assert round(ours[kind]["f1"], 3) == reference[kind]["f1"]


@pytest.mark.parametrize("field", ["date", "place", "killed", "injured", "type", "claimed_by", "denied_by", "blamed_on"])
def test_eval_field_accuracy_is_score_py_s(scored, field):
    collection, reference, ours, *_ = scored
    accuracy, total = reference["fields"][field]
    mine = ours["fields"]["attacks"][field]
    assert (mine["total"], round(mine["accuracy"], 3) if mine["total"] else None) == (total, accuracy), \
        f"{collection} attacks.{field}: kgb eval {mine}, score.py {accuracy} of {total}"


def test_eval_negotiation_time_is_score_py_s(scored):
    collection, reference, ours, *_ = scored
    accuracy, total = reference["negotiation_time"]
    mine = ours["negotiation_time"]
    assert total > 0, f"{collection}: no negotiation dates scored"
    assert (mine["total"], round(mine["accuracy"], 3)) == (total, accuracy), \
        f"{collection} negotiation time: kgb eval {mine}, score.py {accuracy} of {total}"


def test_kgb_eval_names_by_the_gazetteer(scored):
    """`kgb eval`'s own naming (the gazetteer) scores attacks exactly as score.py does on both sets."""
    collection, reference, _, out, gold = scored
    ours = evaluate(rows_from_export(out), gold, load_gazetteer().canonical_actor)
    for kind in ("attacks", "negotiations"):
        assert {k: ours[kind][k] for k in ("tp", "fp", "fn")} == {k: reference[kind][k] for k in ("tp", "fp", "fn")}
