"""Scoring against gold: pairing rules, optional items, families, Jaccard, claims tied to attacks."""
import copy
import json
from pathlib import Path

import pytest

from kg_builder.errors import InputError
from kg_builder.evaluate import evaluate, format_report, jaccard, load_gold, rows_from_extraction, same_family
from kg_builder.types import (Article, AttackMention, ClaimMention, Evidence, Extraction, Figure,
                              NegotiationMention, TimeValue)

DEVSET_GOLD = Path(__file__).parent / "devset" / "gold"
SHARED_GOLD = Path(__file__).parents[2] / "shared" / "gold"

ATTACK = {"id": "A1", "type": "CarBombing", "date": "2021-03-02", "place": "Kandahar", "country": "Afghanistan",
          "killed": 7, "killed_qualifier": "at least", "injured": 12, "injured_qualifier": None,
          "targets": ["police headquarters"], "perpetrator_claimed_by": ["Taliban"], "denied_by": [],
          "blamed_on": []}
BACKGROUND = {"id": "A2", "type": "ArmedAssault", "date": "2021-02", "place": None, "country": "Afghanistan",
              "killed": None, "injured": None, "targets": [], "perpetrator_claimed_by": [], "denied_by": [],
              "blamed_on": [], "optional": True}
CLAIM = {"claimant": "Taliban", "speaker": "Zabihullah Mujahid", "stance": "claims_responsibility",
         "attack": "A1", "target_actor": None, "killed": None}
TALKS = {"id": "N1", "label": "talks in Doha", "place": "Doha", "participants": ["United States", "Taliban"],
         "begin": "2021-02-25", "end": None, "end_before": "2021-03-02", "ongoing_at_publication": False,
         "round": 3}
GOLD = {"doc": "900_abc", "published": "2021-03-02", "attacks": [ATTACK, BACKGROUND], "claims": [CLAIM],
        "negotiations": [TALKS], "actors": [], "people": []}


def write_gold(folder: Path, *records: dict) -> Path:
    folder.mkdir(exist_ok=True)
    for number, record in enumerate(records):
        (folder / f"{number:03}.json").write_text(json.dumps(record), encoding="utf-8")
    return folder


def rows(attacks=(), claims=(), negotiations=()) -> dict:
    return {"attacks": [copy.deepcopy(a) for a in attacks], "claims": [copy.deepcopy(c) for c in claims],
            "negotiations": [copy.deepcopy(n) for n in negotiations]}


@pytest.fixture
def gold_dir(tmp_path):
    return write_gold(tmp_path / "gold", GOLD)


def scores(result):
    return {kind: (result[kind]["tp"], result[kind]["fp"], result[kind]["fn"])
            for kind in ("attacks", "claims", "negotiations")}


@pytest.mark.parametrize("folder", [DEVSET_GOLD, SHARED_GOLD])
def test_gold_scored_against_itself_is_perfect(folder):
    if not folder.is_dir():
        pytest.skip(f"{folder} not present")
    gold = load_gold(folder)
    result = evaluate({doc: rows(g["attacks"], g["claims"], g["negotiations"]) for doc, g in gold.items()}, folder)
    for kind in ("attacks", "claims", "negotiations"):
        assert result[kind]["f1"] == 1.0 and result[kind]["fp"] == 0 and result[kind]["fn"] == 0
    for tally in result["fields"].values():
        assert all(t["accuracy"] in (1.0, None) for t in tally.values())
    assert result["fields"]["attacks"]["date"]["total"] > 0


def test_documents_are_found_by_doc_field_or_file_stem(gold_dir):
    by_stem = evaluate({"000": rows([ATTACK])}, gold_dir)
    by_doc = evaluate({"900_abc": rows([ATTACK])}, gold_dir)
    assert scores(by_stem)["attacks"] == scores(by_doc)["attacks"] == (1, 0, 0)
    assert evaluate({"other": rows([ATTACK])}, gold_dir)["unscored"] == ["other"]


def test_wrong_date_right_killed_still_pairs(gold_dir):
    wrong_date = {**ATTACK, "date": "2021-03-01"}
    result = evaluate({"900_abc": rows([wrong_date])}, gold_dir)
    assert scores(result)["attacks"] == (1, 0, 0)
    assert result["fields"]["attacks"]["date"] == {"correct": 0, "total": 1, "accuracy": 0.0}
    assert result["fields"]["attacks"]["killed"]["accuracy"] == 1.0
    assert result["docs"]["900_abc"]["attacks"]["field_errors"][0]["field"] == "date"


def test_date_compared_at_gold_precision(gold_dir):
    coarse = {**ATTACK, "date": "2021-03", "killed": None}
    result = evaluate({"900_abc": rows([coarse])}, gold_dir)
    assert scores(result)["attacks"] == (0, 1, 1)  # a month does not agree with a gold day
    background = write_gold(gold_dir.parent / "g2", {**GOLD, "attacks": [{**BACKGROUND, "optional": False}],
                                                      "claims": []})
    finer = {**BACKGROUND, "id": "P1", "date": "2021-02-14", "optional": False}
    assert scores(evaluate({"900_abc": rows([finer])}, background))["attacks"] == (1, 0, 0)


def test_only_place_and_type_do_not_pair_when_gold_has_a_date(gold_dir):
    other_day = {**ATTACK, "date": "2021-01-15", "killed": 3}
    result = evaluate({"900_abc": rows([other_day])}, gold_dir)
    assert scores(result)["attacks"] == (0, 1, 1)


def test_extra_predicted_attack_is_false_positive(gold_dir):
    extra = {**ATTACK, "id": "P9", "date": "2020-06-01", "killed": 40, "place": "Herat"}
    result = evaluate({"900_abc": rows([ATTACK, extra])}, gold_dir)
    assert scores(result)["attacks"] == (1, 1, 0)
    assert result["attacks"]["precision"] == 0.5 and result["attacks"]["recall"] == 1.0
    assert result["docs"]["900_abc"]["attacks"]["false"][0]["id"] == "P9"


def test_optional_gold_counts_neither_way(gold_dir):
    without = evaluate({"900_abc": rows([ATTACK])}, gold_dir)
    with_optional = evaluate({"900_abc": rows([ATTACK, {**BACKGROUND, "optional": None}])}, gold_dir)
    assert scores(without)["attacks"] == scores(with_optional)["attacks"] == (1, 0, 0)
    assert without["fields"]["attacks"]["date"]["total"] == with_optional["fields"]["attacks"]["date"]["total"] == 1


def test_claims_about_optional_attacks_count_unless_marked_optional(tmp_path):
    # A gold claim is optional only when it says so; a predicted claim nothing pairs with is false.
    claim = {**CLAIM, "attack": "A2", "stance": "attributes_to", "target_actor": "Taliban"}
    folder = write_gold(tmp_path / "gold", {**GOLD, "claims": [CLAIM, claim]})
    assert scores(evaluate({"900_abc": rows([ATTACK], [CLAIM])}, folder))["claims"] == (1, 0, 1)
    both = evaluate({"900_abc": rows([ATTACK, BACKGROUND], [CLAIM, claim])}, folder)
    assert scores(both)["claims"] == (2, 0, 0)
    marked = write_gold(tmp_path / "marked", {**GOLD, "claims": [CLAIM, {**claim, "optional": True}]})
    assert scores(evaluate({"900_abc": rows([ATTACK], [CLAIM])}, marked))["claims"] == (1, 0, 0)
    stray = {**claim, "claimant": "Haqqani network"}
    assert scores(evaluate({"900_abc": rows([ATTACK, BACKGROUND], [CLAIM, stray])}, marked))["claims"] == (1, 1, 0)


def test_claimant_of_one_state_family_pairs(tmp_path):
    blame = {**CLAIM, "claimant": "Egypt", "stance": "attributes_to", "target_actor": "Taliban", "speaker": None}
    folder = write_gold(tmp_path / "gold", {**GOLD, "claims": [blame]})
    for claimant, paired in (("the Egyptian army", True), ("Egyptian officials", True), ("Egypt", True),
                             ("Qatar", False), ("Egyptian Muslim Brotherhood", False)):
        result = evaluate({"900_abc": rows([ATTACK], [{**blame, "claimant": claimant}])}, folder)
        assert scores(result)["claims"] == ((1, 0, 0) if paired else (0, 1, 1)), claimant


def test_equal_scores_pair_the_later_gold_item_first(tmp_path):
    # Two gold attacks the prediction fits equally well (same date and place, no figures): the later one takes it.
    first = {**ATTACK, "id": "A1", "killed": None, "injured": None, "type": "Bombing"}
    second = {**first, "id": "A3", "type": "Shelling"}
    folder = write_gold(tmp_path / "gold", {**GOLD, "attacks": [first, second], "claims": []})
    result = evaluate({"900_abc": rows([{**first, "id": "P1", "type": "ArmedAssault"}])}, folder)
    assert result["docs"]["900_abc"]["attacks"]["pairs"] == [("A3", "P1")]


def test_fields_the_gold_leaves_null_are_not_scored(tmp_path):
    unknown = {**ATTACK, "place": None, "injured": None}
    folder = write_gold(tmp_path / "gold", {**GOLD, "attacks": [unknown], "claims": []})
    result = evaluate({"900_abc": rows([{**unknown, "place": None, "injured": 3}])}, folder)
    fields = result["fields"]["attacks"]
    assert fields["place"]["total"] == fields["injured"]["total"] == 0 and fields["killed"]["total"] == 1
    assert result["fields"]["attacks"]["place"]["accuracy"] is None


def test_a_gold_attack_known_only_by_its_type_pairs_on_it(tmp_path):
    bare = {"id": "A1", "type": "Kidnapping", "date": None, "place": None, "killed": None}
    folder = write_gold(tmp_path / "gold", {**GOLD, "attacks": [bare], "claims": []})
    assert scores(evaluate({"900_abc": rows([{**bare, "id": "P1", "place": "Herat"}])}, folder))["attacks"] == (1, 0, 0)
    other = {**bare, "id": "P1", "type": "Airstrike"}
    assert scores(evaluate({"900_abc": rows([other])}, folder))["attacks"] == (0, 1, 1)


def test_type_families():
    assert same_family("CarBombing", "SuicideBombing")
    assert same_family("Shelling", "Airstrike")
    assert same_family("Assassination", "ArmedAssault")
    assert not same_family("CarBombing", "RocketAttack")
    assert not same_family("Attack", "Bombing")
    assert same_family("Attack", "Attack")
    assert same_family("https://w3id.org/kg-builder/ontology#CarBombing", "bombing")  # IRI, case
    assert not same_family(None, None)


def test_family_match_earns_the_type_point(gold_dir):
    # place (1) + type (1) + killed (2): pairs with a family type, not with an unrelated one
    suicide = {**ATTACK, "type": "SuicideBombing", "date": None}
    rocket = {**ATTACK, "type": "RocketAttack", "date": None, "place": "Kabul"}
    assert scores(evaluate({"900_abc": rows([suicide])}, gold_dir))["attacks"] == (1, 0, 0)
    result = evaluate({"900_abc": rows([suicide])}, gold_dir)
    assert result["fields"]["attacks"]["type"]["accuracy"] == 1.0  # a type of the gold's family is right
    rocket_result = evaluate({"900_abc": rows([rocket])}, gold_dir)
    assert rocket_result["fields"]["attacks"]["type"]["accuracy"] == 0.0
    assert scores(evaluate({"900_abc": rows([rocket])}, gold_dir))["attacks"] == (1, 0, 0)  # killed alone: 2 points
    only_type = {**ATTACK, "type": "Bombing", "date": None, "killed": None, "place": "Kabul"}
    assert scores(evaluate({"900_abc": rows([only_type])}, gold_dir))["attacks"] == (0, 1, 1)


def test_actor_fields_compared_after_canonical_names(gold_dir):
    alias = {**ATTACK, "perpetrator_claimed_by": ["the Taliban"]}
    plain = evaluate({"900_abc": rows([alias])}, gold_dir)
    canon = evaluate({"900_abc": rows([alias])}, gold_dir, canonical=lambda s: s.removeprefix("the "))
    assert plain["fields"]["attacks"]["claimed_by"]["accuracy"] == 0.0
    assert canon["fields"]["attacks"]["claimed_by"]["accuracy"] == 1.0


def test_jaccard():
    assert jaccard({"a", "b"}, {"a", "c"}) == pytest.approx(1 / 3)
    assert jaccard({"a", "b"}, {"a", "c", "d"}) == 0.25
    assert jaccard(set(), set()) == 1.0


@pytest.mark.parametrize("participants, paired", [
    (["United States", "Qatar"], False),                 # 1 of 3 names shared: 1/3 is below 0.34
    (["United States", "Qatar", "Pakistan"], False),     # 1 of 4: 0.25
    (["Taliban", "United States", "Qatar"], True),       # 2 of 3
    (["Taliban", "United States"], True),
    (["Taliban", "US officials"], True),                 # a state's officials speak for it
])
def test_negotiation_participants_threshold(gold_dir, participants, paired):
    talks = {**TALKS, "participants": participants}
    result = evaluate({"900_abc": rows(negotiations=[talks])}, gold_dir)
    assert scores(result)["negotiations"] == ((1, 0, 0) if paired else (0, 1, 1))


def test_negotiation_place_must_be_compatible(gold_dir):
    assert scores(evaluate({"900_abc": rows(negotiations=[{**TALKS, "place": "Moscow"}])}, gold_dir))["negotiations"] == (0, 1, 1)
    # a gold place needs a predicted one; a gold without a place takes any
    assert scores(evaluate({"900_abc": rows(negotiations=[{**TALKS, "place": None}])}, gold_dir))["negotiations"] == (0, 1, 1)
    placeless = write_gold(gold_dir.parent / "placeless", {**GOLD, "negotiations": [{**TALKS, "place": None}]})
    assert scores(evaluate({"900_abc": rows(negotiations=[TALKS])}, placeless))["negotiations"] == (1, 0, 0)
    assert scores(evaluate({"900_abc": rows(negotiations=[{**TALKS, "place": "Doha, Qatar"}])}, gold_dir))["negotiations"] == (1, 0, 0)


@pytest.mark.parametrize("end, end_before, ongoing, correct", [
    ("<2021-03-02", None, None, True),    # "ended before" written in the end field
    (None, "2021-03-02", False, True),
    (None, None, False, False),           # ended by publication: may be that day, which the gold rules out
    ("2021-03-01", None, False, False),   # a guessed exact end is not what the text says
    (None, None, True, False),
    (None, None, None, False),
])
def test_negotiation_end_rule(gold_dir, end, end_before, ongoing, correct):
    talks = {**TALKS, "end": end, "end_before": end_before, "ongoing_at_publication": ongoing}
    result = evaluate({"900_abc": rows(negotiations=[talks])}, gold_dir)
    assert result["fields"]["negotiations"]["end"]["accuracy"] == (1.0 if correct else 0.0)
    assert result["fields"]["negotiations"]["begin"]["accuracy"] == 1.0


def test_claims_need_the_attack_pairing(gold_dir):
    unpaired_attack = {**ATTACK, "id": "P1", "date": "2019-01-01", "killed": 99}
    result = evaluate({"900_abc": rows([unpaired_attack], [{**CLAIM, "attack": "P1"}])}, gold_dir)
    assert scores(result)["claims"] == (0, 1, 1)
    paired = evaluate({"900_abc": rows([{**ATTACK, "id": "P1"}], [{**CLAIM, "attack": "P1"}])}, gold_dir)
    assert scores(paired)["claims"] == (1, 0, 0)
    wrong_stance = evaluate({"900_abc": rows([ATTACK], [{**CLAIM, "stance": "denies_responsibility"}])}, gold_dir)
    assert scores(wrong_stance)["claims"] == (0, 1, 1)


def test_missing_document_counts_as_all_missed(gold_dir):
    result = evaluate({}, gold_dir)
    assert scores(result) == {"attacks": (0, 0, 1), "claims": (0, 0, 1), "negotiations": (0, 0, 1)}
    assert result["attacks"]["precision"] == 0.0


def test_report_is_a_table(gold_dir):
    report = format_report(evaluate({"900_abc": rows([ATTACK, {**ATTACK, "id": "P9", "date": "2020-01-01", "killed": 1}])},
                                    gold_dir))
    assert "attacks" in report and "0.500" in report and "false attack: id=P9" in report
    assert "missed claim" in report


def test_bad_gold_raises_input_error_naming_the_file(tmp_path):
    with pytest.raises(InputError, match="does not exist"):
        load_gold(tmp_path / "nowhere")
    folder = tmp_path / "gold"
    folder.mkdir()
    (folder / "007.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="007.json"):
        load_gold(folder)
    (folder / "007.json").write_text(json.dumps({**GOLD, "claims": [{**CLAIM, "attack": "A9"}]}), encoding="utf-8")
    with pytest.raises(InputError, match="A9"):
        load_gold(folder)
    (folder / "007.json").write_text(json.dumps({**GOLD, "attacks": [{**ATTACK, "date": "2 March"}]}), encoding="utf-8")
    with pytest.raises(InputError, match="2 March"):
        load_gold(folder)


def test_rows_from_extraction_score_like_gold(gold_dir):
    from datetime import date
    ev = Evidence("text", 0, 4)
    day = TimeValue("on Tuesday", "day", date(2021, 3, 2), date(2021, 3, 2), date(2021, 3, 2), date(2021, 3, 2), "2021-03-02")
    # ended on or before 1 March: "before 2021-03-02" in the gold schema
    talks = TimeValue("since February 25", "day", date(2021, 2, 25), date(2021, 2, 25), None, date(2021, 3, 1))
    extraction = Extraction(
        Article("900_abc", "text", published=date(2021, 3, 2)),
        attacks=(AttackMention("A1", "CarBombing", ev, day, "Kandahar", None, "Afghanistan", Figure(7, "at least"),
                               Figure(12), ("police headquarters",), ()),),
        claims=(ClaimMention("claims_responsibility", "Taliban", "A1", ev, speaker="Zabihullah Mujahid"),),
        negotiations=(NegotiationMention("N1", "Talks", "talks in Doha", ev, "Doha", ("United States", "Taliban"),
                                         talks, 3, "ended"),))
    rows = rows_from_extraction(extraction)
    assert rows["attacks"][0]["perpetrator_claimed_by"] == ["Taliban"]
    assert rows["negotiations"][0]["begin"] == "2021-02-25" and rows["negotiations"][0]["end_before"] == "2021-03-02"
    result = evaluate({"900_abc": rows}, gold_dir)
    assert scores(result) == {"attacks": (1, 0, 0), "claims": (1, 0, 0), "negotiations": (1, 0, 0)}
    assert all(t["accuracy"] == 1.0 for t in result["fields"]["attacks"].values())
    assert result["fields"]["negotiations"]["end"]["accuracy"] == 1.0


def test_negotiation_time_counts_begin_and_exact_end_dates(tmp_path):
    exact = {**TALKS, "end": "2021-03-01", "end_before": None}
    folder = write_gold(tmp_path / "gold", {**GOLD, "negotiations": [exact, {**TALKS, "id": "N2", "place": "Moscow",
                                                                          "optional": True}]})
    wrong_end = {**exact, "end": "2021-02-28"}
    moscow = {**TALKS, "place": "Moscow", "begin": "2021-02-25"}
    result = evaluate({"900_abc": rows(negotiations=[wrong_end, moscow])}, folder)
    # begin right and end wrong in Doha; in Moscow (optional talks) the begin, while "ended before" is no date
    assert result["negotiation_time"] == {"correct": 2, "total": 3, "accuracy": pytest.approx(2 / 3)}
    assert result["fields"]["negotiations"]["begin"]["total"] == 1


@pytest.mark.parametrize("kind, paired", [("Attack", True), ("Bombing", False)])
def test_gold_known_only_by_its_kind_pairs_on_the_kind(tmp_path, kind, paired):
    # as score.py: a gold attack with no date, toll or place pairs with a prediction of its kind
    vague = {**BACKGROUND, "type": "Attack", "date": None, "optional": False}
    gold = write_gold(tmp_path / "gold", {**GOLD, "attacks": [vague], "claims": []})
    predicted = {**vague, "id": "P1", "type": kind, "date": "2020"}
    result = evaluate({"900_abc": rows([predicted])}, gold)
    assert scores(result)["attacks"] == ((1, 0, 0) if paired else (0, 1, 1))
