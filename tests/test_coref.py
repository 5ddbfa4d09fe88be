"""Within-article coreference: when a mention tells another attack (sentences of our own)."""
from __future__ import annotations

from datetime import date

import pytest

from kg_builder import coref
from kg_builder.extract import extract
from kg_builder.types import Article

pytestmark = pytest.mark.model  # every test here runs the spaCy model

PUBLISHED = date(2021, 3, 10)  # a Wednesday


def attacks(nlp, text: str) -> list[tuple]:
    found = extract(nlp(text), Article("t", text, PUBLISHED)).attacks
    return [(a.kind, a.place, a.killed.value if a.killed else None) for a in found]


def test_an_attack_the_story_says_came_after_another_is_two(nlp):
    text = ("A suicide bomber killed 18 cadets at a military academy in Herat on Tuesday. The attack came hours "
            "after a truck bomb exploded near a police base in Herat.")
    found = attacks(nlp, text)
    assert len(found) == 2
    assert ("SuicideBombing", "Herat", 18) in found and ("CarBombing", "Herat", None) in found


def test_what_the_attacks_follow_is_an_attack_of_its_own(nlp):
    text = ("Twin bombings killed 30 people at a bus station in Maiduguri on Monday, police said. The bombings "
            "follow a deadly attack on a market in Kano that killed 12 people last week.")
    found = attacks(nlp, text)
    assert len(found) == 2
    assert {f[2] for f in found} == {30, 12}


def test_an_assault_told_in_two_steps_is_one_attack(nlp):
    # an indefinite deed "after" another, with no attack named again: one assault, bomb then guns
    text = "Gunmen stormed a hotel in Mogadishu on Sunday after a car bomb blew open its gate, killing 12 people."
    assert len(attacks(nlp, text)) == 1


def test_an_attack_after_something_else_is_one_attack(nlp):
    text = ("A car bomb exploded outside the oil ministry in Baghdad on Monday, killing 14 people. The attack came "
            "after weeks of threats against the ministry.")
    assert attacks(nlp, text) == [("CarBombing", "Baghdad", 14)]


def test_a_further_attack_with_a_toll_of_its_own_is_another_attack(nlp):
    text = ("A drone strike hit a market in Marib on Monday, killing two people, officials said. A barrage of "
            "missiles hit an army base near the Saudi border, killing 30 soldiers, a military source said.")
    found = attacks(nlp, text)
    assert len(found) == 2
    assert {f[2] for f in found} == {2, 30}


def test_a_place_by_place_report_with_tolls_of_their_own_gives_two_attacks(nlp):
    text = ("Rebels stormed a police checkpoint in Baghlan province on Monday, killing 11 officers. Earlier on "
            "Monday, the rebels attacked a militia post in a village in Samangan province, killing 10 people.")
    found = attacks(nlp, text)
    assert len(found) == 2
    assert {f[2] for f in found} == {11, 10}


def test_a_retelling_with_a_revised_toll_on_the_same_target_is_one_attack(nlp):
    text = ("A suicide bomber killed 20 worshippers at a mosque in Kunduz on Friday. Officials later said a "
            "suicide bomber had struck the mosque during prayers, killing at least 23 people.")
    found = attacks(nlp, text)
    assert len(found) == 1
    assert found[0][0] == "SuicideBombing" and found[0][1].startswith("Kunduz")


def test_a_partys_own_figure_does_not_make_a_second_attack(nlp):
    text = ("Two bombs killed 24 people near the defence ministry in Kabul on Monday, officials said. A Taliban "
            "spokesman said a suicide bombing had killed 58 soldiers.")
    found = attacks(nlp, text)
    assert len(found) == 1
    assert found[0][2] == 24


def test_a_counted_sum_told_part_by_part_gives_the_parts(nlp):
    text = ("Gunmen killed 40 villagers in two attacks in central Mali on Sunday, officials said. In Ogossagou, "
            "attackers on motorbikes raided the village, killing 28 people. In a separate attack near Mopti, "
            "a convoy was ambushed and 12 people died.")
    found = extract(nlp(text), Article("t", text, PUBLISHED)).attacks
    assert sorted(a.killed.value for a in found) == [12, 28]
    assert all(a.time is not None and a.time.value == "2021-03-07" for a in found)  # the sum's day


def test_a_counted_sum_told_only_as_a_sum_stays_one_attack(nlp):
    text = ("Two car bombings killed 15 people in Kabul on Thursday, officials said. The blasts damaged "
            "dozens of shops.")
    found = attacks(nlp, text)
    assert len(found) == 1 and found[0][2] == 15


def test_a_singular_attack_named_after_a_related_one_is_that_one(nlp):
    text = ("Twin blasts killed 20 people near the interior ministry in Kabul on Monday. The attacks follow a "
            "deadly attack on a hotel in Kabul that killed nine people last month. The Taliban claimed "
            "responsibility for the attack.")
    extraction = extract(nlp(text), Article("t", text, PUBLISHED))
    by_key = {a.key: a.killed.value for a in extraction.attacks}
    claimed = [by_key[c.attack] for c in extraction.claims if c.stance == "claims_responsibility"]
    assert claimed == [9]


def test_an_attack_named_after_a_related_one_in_the_same_number_is_the_story_s(nlp):
    # the number does not tell the two apart: the story's own attack stays the topic
    text = ("A car bomb killed 20 people near the interior ministry in Kabul on Monday. The bombing follows a "
            "deadly attack on a hotel in Kabul that killed nine people last month. The Taliban claimed "
            "responsibility for the attack.")
    extraction = extract(nlp(text), Article("t", text, PUBLISHED))
    by_key = {a.key: a.killed.value for a in extraction.attacks}
    claimed = [by_key[c.attack] for c in extraction.claims if c.stance == "claims_responsibility"]
    assert claimed == [20]


def test_that_blast_names_the_attack_mentioned_last(nlp):
    text = ("A suicide bomber killed 12 recruits at a police academy in Kabul on Friday. The attack came hours "
            "after a truck bomb exploded near an army base in Kabul. That blast killed eight people.")
    found = attacks(nlp, text)
    assert sorted(f[2] for f in found) == [8, 12]


def test_this_attack_is_not_moved_by_a_demonstrative_rule(nlp):
    # only "that" reaches for the attack mentioned last; the story's attack keeps its own toll
    text = ("A suicide bomber killed 12 recruits at a police academy in Kabul on Friday. The attack came hours "
            "after a truck bomb exploded near an army base in Kabul. This attack was the deadliest in months.")
    found = attacks(nlp, text)
    assert ("SuicideBombing", "Kabul", 12) in found and len(found) == 2


def test_a_definite_mention_with_its_own_target_names_the_attack_on_that_target(nlp):
    text = ("A suicide bomber killed 12 recruits at a police academy in Kabul on Friday. The attack came hours "
            "after a truck bomb exploded near an army base in Kabul. That blast killed eight people. The blast "
            "at the police academy was the first in the capital in weeks, police said, and wounded 30.")
    extraction = extract(nlp(text), Article("t", text, PUBLISHED))
    academy = next(a for a in extraction.attacks if a.killed and a.killed.value == 12)
    assert academy.injured is not None and academy.injured.value == 30


def test_an_explosion_reported_on_a_day_happened_that_day(nlp):
    text = "Another explosion was reported on Tuesday near the airport in Kandahar, officials said."
    found = extract(nlp(text), Article("t", text, PUBLISHED)).attacks
    assert [a.time.value for a in found] == ["2021-03-09"]


def test_a_counted_sum_of_attacks_on_targets_told_one_by_one_gives_each_part(nlp):
    text = ("Militants staged suicide bombings at two mosques in Quetta on Friday, killing at least 30 "
            "worshippers. One bomber blew himself up at the gate of the main mosque. Across town, a second "
            "bomber detonated his vest inside a Shia mosque during prayers.")
    found = extract(nlp(text), Article("t", text, PUBLISHED)).attacks
    assert len(found) == 2
    assert all(a.time is not None and a.time.value == "2021-03-05" for a in found)


def test_a_counted_sum_with_one_part_told_is_one_attack(nlp):
    # one part told is a retelling of the sum: no second node, no double count
    text = ("Militants staged suicide bombings at two mosques in Quetta on Friday, killing at least 30 "
            "worshippers. One bomber blew himself up at the gate of the main mosque.")
    found = attacks(nlp, text)
    assert len(found) == 1 and found[0][2] == 30


@pytest.mark.parametrize("sum_, doers", [
    ("two Taliban car bombings in Kabul", ("Taliban",)),  # the car bombing told before is one of the two
    ("two Taliban car bombings in Kandahar", ()),  # another place: other attacks
    ("two Taliban rocket attacks in Kabul", ()),  # another kind
])
def test_an_attack_told_before_a_counted_sum_that_fits_it_takes_the_sums_doers(nlp, sum_, doers):
    text = ("A car bomb exploded near a hotel in Kabul on Monday, killing five people. The violence of the week, "
            f"with {sum_}, has put the peace talks in doubt.")
    found = extract(nlp(text), Article("t", text, PUBLISHED)).attacks
    assert [(a.place, a.perpetrators) for a in found] == [("Kabul", doers)]


def test_a_sum_of_listed_targets_told_first_gives_its_parts_and_their_claims(nlp):
    # the sum names each target once; the singular retelling of one of them read into it is no attack of its own
    text = ("The Iraqi defence minister said on Friday that Islamic State was behind the attacks launched on a "
            "police academy and a wedding party in Iraq earlier this week. He told parliament the raid on a Baghdad "
            "police academy and a suicide bombing at a wedding party bore the hallmarks of the group. Gunmen on "
            "Tuesday stormed the three-storey training centre, killing 14 cadets. On Wednesday, a suicide bomber "
            "killed 20 guests at a wedding in Anbar province.")
    found = extract(nlp(text), Article("t", text, date(2021, 3, 12)))
    assert [(a.kind, a.time.value, a.killed.value) for a in found.attacks] == [
        ("ArmedAssault", "2021-03-09", 14), ("SuicideBombing", "2021-03-10", 20)]
    assert {(c.attack, c.target_actor) for c in found.claims} == {("A1", "Islamic State"), ("A2", "Islamic State")}


@pytest.mark.parametrize("phrase, count", [
    ("the attacks on a police academy and a wedding party", 2),
    ("the bombings carried out at a church and a hotel", 2),
    ("the attacks on a church, a hotel and a market", 3),
    ("the attacks on police stations and checkpoints", None),  # plural targets: no count
    ("the attacks on a police academy", None),  # one target
    ("the attack on a police academy and a wedding party", None),  # a singular attack: one with two targets
])
def test_a_plural_counts_the_singular_targets_it_lists(nlp, phrase, count):
    doc = nlp(f"Officials condemned {phrase} in Iraq.")
    trigger = next(t for t in doc if t.lemma_ in ("attack", "bombing"))
    assert coref.targets_listed(trigger) == count


def test_a_count_of_devices_is_one_attack(nlp):
    text = ("At least three bombs exploded outside a prison in Jalalabad on Sunday, officials said. A suicide "
            "car bomb and gunmen attacked the prison gate, killing four guards.")
    found = attacks(nlp, text)
    assert len(found) == 1 and found[0][2] == 4


def test_a_toll_told_in_an_after_clause_is_not_the_attack_s(nlp):
    text = ("Gunmen attacked a police post in Kandahar on Sunday, a day after officials said a senior rebel "
            "commander was killed by special forces.")
    found = extract(nlp(text), Article("t", text, PUBLISHED)).attacks
    post = next(a for a in found if a.kind == "ArmedAssault")
    assert post.killed is None


def test_the_group_the_attackers_were_linked_to_is_the_doer(nlp):
    text = ("A suicide bomber killed nine people at a church in Makassar on Sunday. The bomber was linked "
            "to Jamaah Ansharut Daulah, police said.")
    found = extract(nlp(text), Article("t", text, PUBLISHED)).attacks
    assert [a.perpetrators for a in found] == [("Jamaah Ansharut Daulah",)]


def test_attackers_told_with_a_group_they_did_not_belong_to_are_not_its_members(nlp):
    text = ("A suicide bomber killed nine people at a church in Makassar on Sunday. The bomber was "
            "compared to Jamaah Ansharut Daulah by analysts.")
    found = extract(nlp(text), Article("t", text, PUBLISHED)).attacks
    assert [a.perpetrators for a in found] == [()]


def test_a_dated_attack_is_not_an_abduction_told_only_by_its_year(nlp):
    # the abduction is known to the year: a day-dated assault in the same city is not its retelling
    text = ("The rebels are still holding an engineer who was abducted in Kabul and taken to Logar province earlier "
            "this year. On Tuesday, three gunmen attacked a college in Kabul, killing at least 20 people.")
    found = extract(nlp(text), Article("t", text, PUBLISHED)).attacks
    assault = [a for a in found if a.killed and a.killed.value == 20]
    assert [(a.kind, a.time.value) for a in assault] == [("ArmedAssault", "2021-03-09")]


def test_an_attack_known_to_the_month_is_retold_with_its_day(nlp):
    # known to the month, then told again with its day and the same place: still one attack
    text = ("A bomb exploded at a market in Kandahar earlier this month, killing five people. On March 2, a "
            "bomb exploded at a market in Kandahar, police said.")
    assert len(attacks(nlp, text)) == 1


@pytest.mark.parametrize("text, word, inside", [
    ("Israeli jets struck a compound in Gaza in retaliation for a rocket attack on Sderot.", "Sderot", True),
    ("Israeli jets struck a compound in Gaza in retaliation for a rocket attack on Sderot.", "Gaza", False),
    ("Gunmen attacked a police post on Monday, a day after a suicide bombing in Kandahar.", "Kandahar", True),
    ("Gunmen attacked a police post in Ghazni in response to a raid.", "Ghazni", False),
])
def test_what_an_after_or_in_response_phrase_names_belongs_to_the_other_event(nlp, text, word, inside):
    doc = nlp(text)
    told = next(t for t in doc if t.lemma_ in ("strike", "attack") and t.pos_ == "VERB")
    assert coref.in_relating_phrase(next(t for t in doc if t.text == word), told) is inside
