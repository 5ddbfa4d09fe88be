"""Cross-article fusion: which mentions become one event, which stay apart, and stable ids.

Facts (dates, places, figures) follow the seed gold files: articles 002 and 004 both report the
rocket attack on Kabul of 2020-11-21 ("at least 8" killed in one, 8 killed and 31 injured in the
other) and the Doha talks; the sentences are our own. Places come from a small test gazetteer.
"""
from __future__ import annotations

from calendar import monthrange
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from kg_builder import fuse as fuse_module
from kg_builder.errors import KGBError
from kg_builder.fuse import fuse, kind_label, when
from kg_builder.gazetteer import Gazetteer
from kg_builder.types import (Actor, Article, AttackMention, ClaimMention, Evidence, Extraction, Figure,
                              NegotiationMention, PersonRole, TimeValue)

GAZETTEER = Gazetteer(Path(__file__).parent / "data" / "fuse_gazetteer")
PUBLISHED = date(2020, 11, 21)
D = date.fromisoformat


def day(iso: str, text: str = "") -> TimeValue:
    d = D(iso)
    return TimeValue(text or iso, "day", d, d, d, d, iso)


def month(iso: str, text: str = "") -> TimeValue:
    first = D(iso + "-01")
    last = first.replace(day=monthrange(first.year, first.month)[1])
    return TimeValue(text or iso, "month", first, last, first, last, iso)


TALKS_SINCE_SEPTEMBER = TimeValue("since September", "month", D("2020-09-01"), D("2020-09-30"), PUBLISHED, None)
TALKS_FOR_MONTHS = TimeValue("for months", "unknown", None, None, PUBLISHED, None)


def evidence(text: str, start: int = 0) -> Evidence:
    return Evidence(text, start, start + len(text), "test")


def attack(key: str, kind: str = "RocketAttack", time: TimeValue | None = None, place: str | None = "Kabul",
           killed: Figure | None = None, **more) -> AttackMention:
    return AttackMention(key, kind, evidence(f"Report of attack {key}."), time, place,
                         country=more.pop("country", "Afghanistan"), killed=killed, **more)


def talks(key: str, kind: str = "Talks", place: str | None = "Doha",
          participants: tuple[str, ...] = ("Afghan government", "Taliban"), time: TimeValue | None = None,
          **more) -> NegotiationMention:
    return NegotiationMention(key, kind, f"{kind} {key}", evidence(f"Report of negotiation {key}."), place,
                              participants, time, **more)


def article(aid: str, attacks=(), claims=(), negotiations=(), actors=(), people=(),
            published: date = PUBLISHED) -> Extraction:
    return Extraction(Article(aid, "text of " + aid, published, "Test Wire"), tuple(attacks), tuple(claims),
                      tuple(negotiations), tuple(actors), tuple(people))


def seed_extractions() -> list[Extraction]:
    """Articles 002 and 004 as an extractor might read them (facts of the gold files)."""
    a002 = article(
        "002",
        attacks=[attack("A1", time=day("2020-11-21", "early on Saturday"), killed=Figure(8, "at least"),
                        injured=Figure(24, "more than"), targets=("shopping area",)),
                 attack("A3", "ArmedAssault", day("2020-11-02", "on the 2nd"), "Kabul University",
                        Figure(22, "at least"), targets=("students",))],
        claims=[ClaimMention("claims_responsibility", "Islamic State", "A1", evidence("IS said it fired.", 40)),
                ClaimMention("denies_responsibility", "Taliban", "A1", evidence("The Taliban denied it.", 60))],
        negotiations=[talks("N1", time=TALKS_FOR_MONTHS, status="ongoing"),
                      talks("N2", "Meeting", participants=("United States", "Afghan government", "Taliban"),
                            time=day("2020-11-21", "on Saturday"))],
        actors=[Actor("Islamic State", "ArmedGroup", ("IS",)), Actor("Taliban", "ArmedGroup")],
        people=[PersonRole("Mike Pompeo", "Secretary of State", "United States")])
    a004 = article(
        "004",
        attacks=[attack("A1", time=day("2020-11-21", "November 21"), killed=Figure(8), injured=Figure(31))],
        claims=[ClaimMention("attributes_to", "Afghan Ministry of Interior", "A1",
                             evidence("The ministry blamed the Taliban.", 80), speaker="Tariq Arian",
                             target_actor="Taliban"),
                ClaimMention("denies_responsibility", "Taliban", "A1", evidence("A spokesman denied it.", 120),
                             speaker="Zabihullah Mujahid")],
        negotiations=[talks("N1", participants=("Taliban", "Afghan government"), time=TALKS_SINCE_SEPTEMBER,
                            status="ongoing"),
                      talks("N2", "Meeting", participants=("United States", "Taliban", "Afghan government"),
                            status="planned")],
        people=[PersonRole("Tariq Arian", "spokesman", "Afghan Ministry of Interior"),
                PersonRole("Zabihullah Mujahid", "spokesman", "Taliban")])
    return [a002, a004]


def members(fusion, article_id: str, key: str) -> tuple[tuple[str, str], ...]:
    return fusion.event_of(article_id, key).members


# --- attacks ----------------------------------------------------------------------------------------

def test_seed_rocket_attack_from_two_articles_is_one_event():
    fusion = fuse(seed_extractions(), GAZETTEER)
    event = fusion.event_of("002", "A1")
    assert event.members == (("002", "A1"), ("004", "A1"))
    assert fusion.event_of("004", "A1") is event
    assert (event.kind, event.place, event.country) == ("RocketAttack", "Kabul", "Afghanistan")
    assert event.label == "Rocket attack, Kabul, 2020-11-21"
    assert when(event.time) == "2020-11-21" and event.time.text == ""
    assert event.reasons and "002#A1 ~ 004#A1" in event.reasons[0]
    assert fusion.event_of("002", "A3").members == (("002", "A3"),)
    assert len([e for e in fusion.events if e.category == "attack"]) == 2


def test_same_attack_with_different_figures_merges():
    a = article("010", [attack("A1", time=day("2020-11-21"), killed=Figure(8))])
    b = article("011", [attack("A1", time=day("2020-11-21"), killed=Figure(12), injured=Figure(40))])
    fusion = fuse([a, b], GAZETTEER)
    assert members(fusion, "010", "A1") == (("010", "A1"), ("011", "A1"))


def test_same_day_same_city_attacks_of_different_groups_stay_apart():
    by_is = article("010", [attack("A1", "Bombing", day("2020-11-21"), "Kabul University",
                                   perpetrators=("Islamic State",))])
    by_taliban = article("011", [attack("A1", "Bombing", day("2020-11-21"), "Kabul Airport",
                                        perpetrators=("Taliban",))])
    fusion = fuse([by_is, by_taliban], GAZETTEER)
    assert members(fusion, "010", "A1") == (("010", "A1"),)
    assert members(fusion, "011", "A1") == (("011", "A1"),)
    [decision] = fusion.decisions_about("011", "A1")
    assert not decision.merged and decision.reason.startswith("places differ")


def test_disagreeing_perpetrators_split_even_at_the_same_place_and_day():
    by_is = article("010", [attack("A1", "Bombing", day("2020-11-21"), perpetrators=("Islamic State",))])
    claimed = article("011", [attack("A1", "Bombing", day("2020-11-21"))],
                      claims=[ClaimMention("claims_responsibility", "Taliban", "A1", evidence("They claimed it."))])
    fusion = fuse([by_is, claimed], GAZETTEER)
    assert fusion.index[("010", "A1")] != fusion.index[("011", "A1")]
    assert "perpetrators differ" in fusion.decisions_about("010", "A1")[0].reason
    # an attribution by a third party is not a perpetrator: 004's ministry blaming the Taliban
    # does not keep 004 apart from 002, where Islamic State claimed the attack
    seed = fuse(seed_extractions(), GAZETTEER)
    assert seed.index[("002", "A1")] == seed.index[("004", "A1")]


def test_two_attacks_in_one_article_never_merge():
    twins = article("010", [attack("A1", time=day("2020-11-21"), killed=Figure(5)),
                            attack("A2", time=day("2020-11-21"), killed=Figure(5))])
    fusion = fuse([twins], GAZETTEER)
    assert fusion.index[("010", "A1")] != fusion.index[("010", "A2")]
    [decision] = fusion.decisions
    assert not decision.merged and decision.reason.startswith("same article")


def test_a_mention_joins_only_one_of_two_events_from_one_article():
    two_blasts = article("010", [attack("A1", time=day("2020-11-21"), killed=Figure(5)),
                                 attack("A2", time=day("2020-11-21"), killed=Figure(3))])
    later = article("011", [attack("A1", time=day("2020-11-21"), killed=Figure(3))])
    fusion = fuse([later, two_blasts], GAZETTEER)
    assert members(fusion, "011", "A1") == (("010", "A2"), ("011", "A1"))  # the figure decides
    assert members(fusion, "010", "A1") == (("010", "A1"),)
    other = [d for d in fusion.decisions_about("011", "A1") if not d.merged]
    assert other and "agrees better" in other[0].reason


def test_incompatible_kinds_and_times_stay_apart():
    rockets = article("010", [attack("A1", time=day("2020-11-21"))])
    bomb = article("011", [attack("A1", "CarBombing", day("2020-11-21"))])
    earlier = article("012", [attack("A1", time=day("2020-11-20"))])
    fusion = fuse([rockets, bomb, earlier], GAZETTEER)
    assert len(fusion.events) == 3


def test_generic_attack_and_contained_place_merge_to_the_most_specific():
    vague = article("010", [attack("A1", "Attack", month("2020-11", "in November"), "Kabul", Figure(22, "at least"))])
    precise = article("011", [attack("A1", "ArmedAssault", day("2020-11-02"), "Kabul University", Figure(22))])
    fusion = fuse([vague, precise], GAZETTEER)
    event = fusion.event_of("010", "A1")
    assert event.members == (("010", "A1"), ("011", "A1"))
    assert (event.kind, event.place, when(event.time)) == ("ArmedAssault", "Kabul University", "2020-11-02")
    assert event.label == "Armed assault, Kabul University, 2020-11-02"


def test_vague_times_need_an_agreeing_figure_and_place():
    first = article("010", [attack("A1", "Kidnapping", month("2020-03"))])
    other = article("011", [attack("A1", "Kidnapping", TimeValue("this year", "year", D("2020-01-01"),
                                                                    D("2020-11-21"), D("2020-01-01"), D("2020-11-21")))])
    apart = fuse([first, other], GAZETTEER)
    assert apart.index[("010", "A1")] != apart.index[("011", "A1")]
    assert apart.decisions[0].reason.startswith("time too vague (2020-03; 2020-01-01/2020-11-21)")
    same_toll = [replace(e, attacks=(replace(e.attacks[0], killed=Figure(2)),)) for e in (first, other)]
    fusion = fuse(same_toll, GAZETTEER)
    assert fusion.index[("010", "A1")] == fusion.index[("011", "A1")]
    assert when(fusion.event_of("010", "A1").time) == "2020-03"


def test_unknown_time_merges_only_when_place_figure_and_kind_agree():
    timed = article("010", [attack("A1", time=day("2020-11-21"), killed=Figure(8))])
    untimed = article("011", [attack("A1", killed=Figure(8, "at least"))])
    together = fuse([timed, untimed], GAZETTEER)
    assert together.index[("011", "A1")] == together.index[("010", "A1")]
    assert when(together.event_of("011", "A1").time) == "2020-11-21"
    no_figure = article("011", [attack("A1")])
    fusion = fuse([timed, no_figure], GAZETTEER)
    assert fusion.index[("011", "A1")] != fusion.index[("010", "A1")]
    assert "no date stated, assumed 2020-11-14/2020-11-21" in fusion.decisions[0].reason


def test_unknown_place_needs_the_same_day_and_support():
    placed = article("010", [attack("A1", time=day("2020-11-21"), killed=Figure(8))])
    unplaced = article("011", [attack("A1", time=day("2020-11-21"), place=None, killed=Figure(8))])
    assert len(fuse([placed, unplaced], GAZETTEER).events) == 1
    unsupported = article("011", [attack("A1", time=day("2020-11-21"), place=None)])
    assert len(fuse([placed, unsupported], GAZETTEER).events) == 2


# --- negotiations -----------------------------------------------------------------------------------

def test_doha_talks_and_the_pompeo_meeting_stay_apart_and_each_fuses_across_articles():
    fusion = fuse(seed_extractions(), GAZETTEER)
    talks_event = fusion.event_of("004", "N1")
    meeting = fusion.event_of("002", "N2")
    assert talks_event is not meeting
    assert talks_event.members == (("002", "N1"), ("004", "N1"))
    assert (talks_event.kind, talks_event.place, talks_event.country) == ("Talks", "Doha", "Qatar")
    assert talks_event.label == "Talks, Doha, 2020-09"
    t = talks_event.time
    assert (t.earliest_begin, t.latest_begin, t.earliest_end, t.latest_end) == (
        D("2020-09-01"), D("2020-09-30"), PUBLISHED, None)
    assert meeting.members == (("002", "N2"), ("004", "N2"))  # 004 has no date for it, but the place agrees
    assert meeting.participants == ("Afghan government", "Taliban", "United States")
    assert meeting.label == "Meeting, Doha, 2020-11-21"


def test_negotiations_need_overlapping_participants_compatible_kind_and_round():
    a = article("010", negotiations=[talks("N1", participants=("United States", "Taliban"), round=6)])
    b = article("011", negotiations=[talks("N1", "NegotiationRound",
                                           participants=("Russia", "Afghan politicians", "Taliban", "China"))])
    c = article("012", negotiations=[talks("N1", "NegotiationRound", participants=("United States", "Taliban"),
                                           round=7)])
    d = article("013", negotiations=[talks("N1", "NegotiationRound", participants=("United States", "Taliban", "Qatar"),
                                           round=6)])  # the host as a third party: still the same round
    fusion = fuse([a, b, c, d], GAZETTEER)
    assert members(fusion, "010", "N1") == (("010", "N1"), ("013", "N1"))
    assert fusion.event_of("013", "N1").kind == "NegotiationRound"
    reasons = {d.second: d.reason for d in fusion.decisions if not d.merged and d.first == ("010", "N1")}
    assert reasons[("011", "N1")].startswith("participants overlap too little")
    assert reasons[("012", "N1")] == "rounds differ: 6 vs 7"


def test_agreement_and_meeting_never_merge():
    a = article("010", negotiations=[talks("N1", "Agreement", time=day("2020-02-29"))])
    b = article("011", negotiations=[talks("N1", "Meeting", time=day("2020-02-29"))])
    assert len(fuse([a, b], GAZETTEER).events) == 2


# --- ids and determinism ----------------------------------------------------------------------------

def test_ids_are_stable_across_runs_and_input_order():
    first = fuse(seed_extractions(), GAZETTEER)
    again = fuse(list(reversed(seed_extractions())), GAZETTEER)
    assert first == again
    assert all(len(e.id) == 12 and int(e.id, 16) >= 0 for e in first.events)
    assert len({e.id for e in first.events}) == len(first.events)


def test_an_unrelated_article_renames_nothing():
    before = fuse(seed_extractions(), GAZETTEER)
    herat = article("001", [attack("A1", "Bombing", day("2019-01-10"), "Herat", Figure(3))])
    after = fuse([herat, *seed_extractions()], GAZETTEER)
    assert {e.id: e.members for e in before.events}.items() <= {e.id: e.members for e in after.events}.items()
    assert after.index[("001", "A1")] not in before.index.values()


def test_one_article_given_twice_is_an_error():
    with pytest.raises(KGBError, match="002#A1"):
        fuse([*seed_extractions(), seed_extractions()[0]], GAZETTEER)


def test_kind_labels():
    assert [kind_label(k) for k in ("RocketAttack", "Attack", "NegotiationRound", "Airstrike")] == [
        "Rocket attack", "Attack", "Negotiation round", "Airstrike"]


def test_blocking_never_hides_a_cluster_the_item_could_join():
    """Fusion looks only at the clusters Blocks returns; every compatible first member must be among them."""
    from itertools import product

    from kg_builder.blocking import Blocks
    from kg_builder.fuse import _compare_attacks, _compare_negotiations, _Item, _Places

    places = _Places(GAZETTEER)
    times = [None, day("2020-11-21"), day("2020-11-22"), month("2020-11"), month("2020-12"),
             TimeValue("this year", "year", D("2020-01-01"), PUBLISHED, D("2020-01-01"), PUBLISHED, "2020"),
             TALKS_SINCE_SEPTEMBER, TALKS_FOR_MONTHS,
             TimeValue("2019 to 2021", "year", D("2019-01-01"), D("2019-12-31"), D("2021-01-01"), D("2021-12-31"))]
    spots = [None, "Kabul", "Kabul University", "Kabul Airport", "Afghanistan", "Herat"]
    attacks = [_Item((f"{i:03d}", "A1"), attack("A1", "Bombing", t, p, Figure(8)))
               for i, (t, p) in enumerate(product(times, spots))]
    meetings = [_Item((f"{i:03d}", "N1"), talks("N1", place=p, time=t)) for i, (t, p) in enumerate(product(times, spots))]
    for items, compare in ((attacks, _compare_attacks), (meetings, _compare_negotiations)):
        blocks = Blocks(places)
        for index, first in enumerate(items):
            blocks.add(index, first)
        joinable = 0
        for item in items:
            found = set(blocks.candidates(item, len(items)))
            for index, first in enumerate(items):
                verdict = compare(first, replace(item, ref=("other", item.ref[1])), places)
                if verdict.ok or verdict.near:
                    joinable += 1
                    assert index in found, (first.mention, item.mention, verdict.reason)
        assert joinable > len(items)


def test_an_attack_and_a_negotiation_may_not_share_a_key():
    clash = article("010", [attack("K1", time=day("2020-11-21"))], negotiations=[talks("K1")])
    with pytest.raises(KGBError, match="010#K1"):
        fuse([clash], GAZETTEER)


# --- weak evidence, assumed times, retellings (issue 13) ------------------------------------------

def told(key: str, sentence: str, trigger: str, kind: str = "Bombing", **more) -> AttackMention:
    """An attack mention with its own sentence and the extractor's rule naming the trigger lemma."""
    return replace(attack(key, kind, **more), evidence=Evidence(sentence, 0, len(sentence),
                                                                f"attack-noun-trigger:{trigger}:body"))


def test_a_shared_perpetrator_alone_never_merges():
    placed = article("010", [attack("A1", "Bombing", day("2020-11-21"), perpetrators=("Taliban",))])
    unplaced = article("011", [attack("A1", "Bombing", day("2020-11-21"), place=None, perpetrators=("Taliban",))])
    fusion = fuse([placed, unplaced], GAZETTEER)
    assert fusion.index[("010", "A1")] != fusion.index[("011", "A1")]
    assert fusion.decisions[0].reason.startswith("place unknown")


def test_an_undated_attack_is_assumed_recent_and_a_background_one_is_not():
    recent = told("A1", "A bomb hidden in a cart killed five people at a market in Kabul.", "bomb")
    background = told("A2", "It was the worst attack since a suicide bombing at a Kabul wedding.", "bombing",
                      "SuicideBombing")
    fusion = fuse([article("010", [recent, background])], GAZETTEER)
    guess = fusion.assumed[("010", "A1")]
    assert (guess.time.earliest_begin, guess.time.latest_end) == (D("2020-11-14"), PUBLISHED)
    assert guess.time.value is None and "7 days" in guess.reason
    assert ("010", "A2") not in fusion.assumed and ("010", "A2") in fusion.background
    assert fusion.event_of("010", "A1").time is None  # an assumption is no stated time of the event


def test_an_undated_report_never_meets_an_attack_outside_its_recent_window():
    old = article("010", [attack("A1", time=day("2019-11-21"), killed=Figure(8))])
    undated = article("011", [attack("A1", killed=Figure(8))])
    fusion = fuse([old, undated], GAZETTEER)
    assert fusion.index[("010", "A1")] != fusion.index[("011", "A1")]
    background = article("012", [told("A1", "The toll was the highest since a rocket attack on the city.",
                                      "rocket", "RocketAttack", killed=Figure(8))])
    timed = article("013", [attack("A1", time=day("2020-11-20"), killed=Figure(8))])
    apart = fuse([background, timed], GAZETTEER)
    assert apart.index[("012", "A1")] != apart.index[("013", "A1")]
    assert "background" in apart.decisions_about("012", "A1")[0].reason


def test_a_vague_time_needs_a_close_toll_not_just_a_compatible_one():
    year = TimeValue("last year", "year", D("2020-01-01"), D("2020-12-31"), D("2020-01-01"), D("2020-12-31"), "2020")
    review = article("010", [attack("A1", "SuicideBombing", year, killed=Figure(50))], published=D("2021-05-09"))
    funeral = article("011", [attack("A1", "SuicideBombing", day("2020-05-12"), killed=Figure(26, "at least"))])
    assert len(fuse([review, funeral], GAZETTEER).events) == 2
    same_toll = article("011", [attack("A1", "SuicideBombing", day("2020-05-12"), killed=Figure(48, "at least"))])
    assert len(fuse([review, same_toll], GAZETTEER).events) == 1
    elsewhere = article("011", [attack("A1", "SuicideBombing", day("2020-05-12"), place=None, killed=Figure(50))])
    assert len(fuse([review, elsewhere], GAZETTEER).events) == 2  # a vague time needs a known place too


def test_a_retelling_without_time_or_place_joins_its_reports_main_event():
    main = told("A1", "Two suicide bombers struck the airport gate in Kabul on Saturday, killing 60.", "bomber",
                "SuicideBombing", time=day("2020-11-21"), killed=Figure(60))
    toll = told("A2", "The dead also included 13 soldiers in the deadliest attack on the troops.", "attack",
                "Attack", place="Afghanistan", injured=Figure(150, "more than"))
    second = told("A3", "A second blast was reported near a hotel.", "blast", place=None)
    separate = told("A4", "In a separate bombing, a police officer was wounded.", "bombing", place=None)
    own_toll = told("A5", "A third bomber killed 12 guards.", "bomber", "SuicideBombing", place=None, killed=Figure(12))
    rockets = told("A6", "Rockets were also fired.", "rocket", "RocketAttack", place=None)
    later = article("011", [attack("A1", "SuicideBombing", day("2020-11-21"), killed=Figure(170, "about"))])
    fusion = fuse([article("010", [main, toll, second, separate, own_toll, rockets]), later], GAZETTEER)
    event = fusion.event_of("010", "A1")
    assert event.members == (("010", "A1"), ("010", "A2"), ("010", "A3"), ("011", "A1"))
    assert event.kind == "SuicideBombing" and when(event.time) == "2020-11-21"
    assert all(fusion.event_of("010", key) is not event for key in ("A4", "A5", "A6"))
    retold = [d for d in fusion.decisions_about("010", "A2") if d.merged]
    assert retold and "main event" in retold[0].reason


def test_an_undated_mention_repeating_the_main_events_place_and_toll_retells_it():
    main = told("A1", "A bomb killed 12 people at a bus station in Kabul on Saturday.", "bomb",
                time=day("2020-11-21"), killed=Figure(12))
    repeat = told("A2", "The bombing in Kabul killed 12 people, the ministry said.", "bombing", killed=Figure(12))
    other_toll = told("A3", "A bombing in Kabul killed three people.", "bombing", killed=Figure(3))
    no_toll = told("A4", "A bombing in Kabul damaged a mosque.", "bombing")
    fusion = fuse([article("010", [main, repeat, other_toll, no_toll])], GAZETTEER)
    assert fusion.event_of("010", "A1").members == (("010", "A1"), ("010", "A2"))
    [why] = [d.reason for d in fusion.decisions_about("010", "A2") if d.merged]
    assert why.startswith("no time of its own, the same place (Kabul) and death toll (12)")


def test_no_retelling_without_a_dated_and_placed_main_event():
    vague = told("A1", "A bomb killed four people in Kabul this month.", "bomb", time=month("2020-11"))
    bare = told("A2", "The blast damaged shops.", "blast", place=None)
    fusion = fuse([article("010", [vague, bare])], GAZETTEER)
    assert fusion.index[("010", "A1")] != fusion.index[("010", "A2")]


def test_assumed_times_and_retellings_do_not_depend_on_input_order():
    main = told("A1", "A car bomb hit a checkpoint in Kabul on Saturday, killing nine.", "bomb", "CarBombing",
                time=day("2020-11-21"), killed=Figure(9))
    bare = told("A2", "The explosion shattered windows.", "explosion", place=None)
    undated = article("011", [attack("A1", "CarBombing", killed=Figure(9))])
    forward = fuse([article("010", [main, bare]), undated], GAZETTEER)
    backward = fuse([undated, article("010", [bare, main])], GAZETTEER)
    assert forward.index == backward.index and forward.assumed == backward.assumed
    assert forward.index[("011", "A1")] == forward.index[("010", "A2")]


# --- negotiations: parties, rounds, processes with parts ---------------------------------------------

def test_two_peace_processes_of_one_government_stay_apart():
    farc = article("010", negotiations=[talks("N1", place="Oslo", participants=("Colombian government", "FARC"),
                                              time=TimeValue("since October", "month", D("2012-10-01"),
                                                             D("2012-10-31"), D("2012-10-21"), None))],
                   published=D("2012-10-21"))
    eln = article("011", negotiations=[talks("N1", "NegotiationRound", place=None, round=1,
                                             participants=("Colombian government", "ELN"),
                                             time=TimeValue("late 2022", "year", None, None, D("2022-09-01"),
                                                            D("2022-12-31")))])
    fusion = fuse([farc, eln], GAZETTEER)
    assert fusion.index[("010", "N1")] != fusion.index[("011", "N1")]
    mediated = article("012", negotiations=[talks("N1", place="Oslo",
                                                  participants=("Colombian government", "FARC", "Norway"))])
    assert members(fuse([farc, mediated], GAZETTEER), "010", "N1") == (("010", "N1"), ("012", "N1"))
    eln_talks = article("013", negotiations=[talks("N1", place="Oslo", participants=("Colombian government", "ELN"))])
    apart = fuse([farc, eln_talks], GAZETTEER)
    assert apart.index[("010", "N1")] != apart.index[("013", "N1")]
    assert apart.decisions[0].reason.startswith("different parties: FARC vs ELN")


def test_a_round_is_part_of_its_process_not_merged_into_it():
    process = talks("N1", place=None, participants=("Colombian government", "ELN"),
                    time=TimeValue("since November", "month", D("2022-11-01"), D("2022-11-30"), D("2023-03-29"), None))
    first_round = talks("N1", "NegotiationRound", place="Caracas", participants=("ELN", "Colombian government"),
                        round=1, time=TimeValue("ended in December", "month", D("2022-11-01"), D("2022-12-31"),
                                                D("2022-12-01"), D("2022-12-31")))
    other_dyad = talks("N1", "NegotiationRound", place="Havana", participants=("Colombian government", "FARC"),
                       round=1, time=month("2012-11"))
    fusion = fuse([article("010", negotiations=[process], published=D("2023-03-29")),
                   article("011", negotiations=[first_round]), article("012", negotiations=[other_dyad])], GAZETTEER)
    whole, part = fusion.event_of("010", "N1"), fusion.event_of("011", "N1")
    assert whole is not part and part.kind == "NegotiationRound" and whole.kind == "Talks"
    assert part.part_of == whole.id and whole.part_of is None
    assert any(r.startswith("part of Talks") for r in part.reasons)
    assert fusion.event_of("012", "N1").part_of is None


def test_numbered_talks_may_be_the_process_or_that_round():
    opened = article("010", negotiations=[talks("N1", participants=("Taliban", "Qatar"), round=1,
                                                time=TimeValue("on Saturday", "day", D("2020-09-12"), D("2020-09-12"),
                                                               D("2020-09-12"), None))])
    going_on = article("011", negotiations=[talks("N1", participants=(),
                                                  time=TimeValue("since Sept 12", "day", D("2020-09-12"),
                                                                 D("2020-09-12"), D("2020-12-02"), None))])
    fusion = fuse([opened, going_on], GAZETTEER)
    assert members(fusion, "010", "N1") == (("010", "N1"), ("011", "N1"))
    assert fusion.event_of("010", "N1").kind == "Talks"
    first_round = article("012", negotiations=[talks("N1", "NegotiationRound", participants=("Taliban", "Qatar"),
                                                     round=1, time=day("2020-09-12"))])
    also = fuse([opened, first_round], GAZETTEER)
    assert members(also, "010", "N1") == (("010", "N1"), ("012", "N1"))
    apart = fuse([going_on, first_round], GAZETTEER)  # the process and a round of it are two nodes
    assert apart.index[("011", "N1")] != apart.index[("012", "N1")]


def test_agreements_with_open_times_and_no_place_stay_apart():
    principle = article("010", negotiations=[talks("N1", "Agreement", place=None, participants=("United States", "Taliban"),
                                                   time=TimeValue("ended", "unknown", None, None, None, D("2019-09-06")))])
    signed = article("011", negotiations=[talks("N1", "Agreement", place=None, participants=("United States", "Taliban"),
                                                time=TimeValue("ended", "unknown", None, None, None, D("2020-03-02")))])
    fusion = fuse([principle, signed], GAZETTEER)
    assert fusion.index[("010", "N1")] != fusion.index[("011", "N1")]
    february = article("012", negotiations=[talks("N1", "Agreement", place=None, time=month("2020-02"),
                                                  participants=("Taliban", "United States"))])
    assert members(fuse([signed, february], GAZETTEER), "011", "N1") == (("011", "N1"), ("012", "N1"))


def test_explain_shows_the_assumed_time_the_background_and_the_process():
    from kg_builder.explain import explain

    undated = told("A1", "A bomb hidden in a cart killed five people at a market in Kabul.", "bomb")
    background = told("A2", "It was the worst attack since a suicide bombing at a Kabul wedding.", "bombing",
                      "SuicideBombing")
    process = talks("N1", participants=("United States", "Taliban"), time=TALKS_SINCE_SEPTEMBER)
    meeting = talks("N2", "Meeting", participants=("United States", "Taliban"), time=day("2020-11-21"))
    extraction = article("010", [undated, background], negotiations=[process, meeting])
    text = explain(extraction, fuse([extraction], GAZETTEER))
    assert "assumed time: '(not stated; assumed within 7 days before publication)' → unknown" \
           " ⟨2020-11-14, 2020-11-21, 2020-11-14, 2020-11-21⟩; no date stated" in text
    assert "background mention (introduced as an earlier attack)" in text
    process_id = fuse([extraction], GAZETTEER).event_of("010", "N1").id
    assert f"part of Talks, Doha, 2020-09: participants Taliban, United States within Taliban, United States," \
           f" time 2020-11-21 can lie within 2020-09 (negotiation/{process_id})" in text


def test_the_fused_graph_carries_each_attacks_figure_range_and_each_rounds_process():
    from rdflib import Literal

    from kg_builder.rdf import event_iri, fused_graph
    from kg_builder.vocab import KGB

    extractions = seed_extractions()
    rounds = article("012", negotiations=[talks("N1", "NegotiationRound", round=2, time=day("2020-11-21"),
                                                participants=("Taliban", "Afghan government"))])
    fusion = fuse([*extractions, rounds], GAZETTEER)
    graph = fused_graph(fusion, [*extractions, rounds], GAZETTEER)
    rockets = event_iri(fusion.event_of("002", "A1"))
    assert [graph.value(rockets, p) for p in (KGB.killedMin, KGB.killedMax, KGB.injuredMin, KGB.injuredMax)] == [
        Literal(8), Literal(8), Literal(24), Literal(31)]
    university = event_iri(fusion.event_of("002", "A3"))
    assert graph.value(university, KGB.killedMin) == Literal(22) and graph.value(university, KGB.injuredMin) is None
    part = event_iri(fusion.event_of("012", "N1"))
    assert graph.value(part, KGB.partOf) == event_iri(fusion.event_of("004", "N1"))


@pytest.mark.parametrize("sentence, trigger, background", [
    ("It was the deadliest attack since a suicide bombing at the airport.", "bombing", True),
    ("The blast was deadlier than the truck bombing of the embassy.", "bombing", True),
    ("Police said an earlier bombing had targeted the same market.", "bombing", True),
    ("Earlier, a roadside bomb wounded two soldiers outside the city.", "bomb", False),
    ("The bombing was the deadliest in the city this year.", "bombing", False),
    ("A bomb exploded near the market, police said.", "bomb", False),
])
def test_background_mentions_are_named_as_earlier_attacks(sentence, trigger, background):
    from kg_builder.reports import is_background

    assert is_background(told("A1", sentence, trigger)) is background


def test_ended_members_apart_in_time_are_not_compared_again_and_nothing_changes(monkeypatch):
    """Talks going on for months, whose later reports say they ended in February, then reports of
    other talks at the same place in May: the open first report still refuses each of them as a
    near decision, and the ended reports, apart in time, need no comparison once it has."""
    since = TimeValue("for months", "unknown", None, None, D("2020-01-20"), None)
    ended = TimeValue("ended in February", "month", None, None, D("2020-02-01"), D("2020-02-29"))
    other = ("Houthis", "Saudi Arabia")
    items = [article("100", negotiations=[talks("N1", time=since)]),
             *(article(f"10{n}", negotiations=[talks("N1", time=ended)]) for n in (1, 2)),
             *(article(f"20{n}", negotiations=[talks("N1", participants=other, time=day(f"2020-05-0{n}"))])
               for n in (1, 2, 3))]
    calls = []
    compare = fuse_module._compare_negotiations
    monkeypatch.setattr(fuse_module, "_compare_negotiations", lambda x, y, p: calls.append((x.ref, y.ref)) or compare(x, y, p))
    lazy = fuse(items, GAZETTEER)
    assert lazy.event_of("100", "N1") == lazy.event_of("101", "N1") == lazy.event_of("102", "N1")
    assert (("101", "N1"), ("201", "N1")) not in calls  # the ended report apart in time is not asked
    every = lambda members, item, compare, places: [(m, compare(m, item, places)) for m in members]
    monkeypatch.setattr(fuse_module, "_verdicts", every)
    full = fuse(items, GAZETTEER)
    assert (lazy.events, lazy.decisions) == (full.events, full.decisions)
    assert any(d.first == ("100", "N1") and d.second == ("201", "N1") and not d.merged for d in lazy.decisions)
