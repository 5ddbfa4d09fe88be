"""Extraction quality, measured as `kgb eval` measures it, so that a regression fails the tests.

The floors are the scores reached when they were last raised (see the closing notes of issue 3);
raise them when the extractor improves, never lower them to make a change pass.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from kg_builder.evaluate import evaluate, format_report, rows_from_extraction
from kg_builder.gazetteer import load as load_gazetteer
from kg_builder.ingest import read_articles
from kg_builder.pipeline import extract_articles

pytestmark = pytest.mark.model  # every test here runs the spaCy model

DEVSET = Path(__file__).parent / "devset"

# (kind → minimum F1) per collection
FLOORS = {
    # devset claims: 0.94 while kgb eval made claims about optional attacks optional; on score.py's rules
    # (issue 12) the same extraction scores 0.928 (0.947 before), so the floor is restated, not lowered.
    "devset": {"attacks": 0.87, "claims": 0.92, "negotiations": 0.95},
    "seeds": {"attacks": 1.0, "claims": 1.0, "negotiations": 1.0},
}
# Field accuracies over paired attacks
FIELD_FLOORS = {
    "devset": {"date": 0.94, "killed": 0.84, "injured": 0.92},
    # seeds killed: 12/13 counted a null gold figure as right; on score.py's rules it is 11/12 (same extraction)
    "seeds": {"date": 1.0, "place": 1.0, "killed": 0.91, "injured": 1.0, "type": 1.0},
}


def score(manifest: Path, gold: Path, nlp) -> dict:
    articles, problems = read_articles([], manifest)
    assert not [p for p in problems if p.skipped]
    extractions, failed = extract_articles(articles, nlp)
    assert not failed
    predicted = {e.article.id: rows_from_extraction(e) for e in extractions}
    return evaluate(predicted, gold, load_gazetteer().canonical_actor)


@pytest.fixture(scope="module")
def results(nlp, request) -> dict:
    found = {"devset": score(DEVSET / "manifest.jsonl", DEVSET / "gold", nlp)}
    shared = Path(__file__).resolve().parents[2] / "shared"
    if (shared / "seeds.jsonl").is_file():
        found["seeds"] = score(shared / "seeds.jsonl", shared / "gold", nlp)
    return found


@pytest.mark.parametrize("collection", ["devset", "seeds"])
def test_f1_does_not_regress(results, collection, seeds_dir):
    result = results[collection]
    report = format_report(result, details=False)
    for kind, floor in FLOORS[collection].items():
        assert result[kind]["f1"] >= floor, f"{collection} {kind} F1 {result[kind]['f1']:.3f} < {floor}\n{report}"


@pytest.mark.parametrize("collection", ["devset", "seeds"])
def test_attack_fields_do_not_regress(results, collection, seeds_dir):
    fields = results[collection]["fields"]["attacks"]
    for name, floor in FIELD_FLOORS[collection].items():
        assert fields[name]["accuracy"] >= floor, f"{collection} attacks.{name} {fields[name]}"
