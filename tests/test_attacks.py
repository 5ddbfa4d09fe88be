"""Which attacks an article reports, and what each one's date and place are (sentences of our own)."""
from __future__ import annotations

from datetime import date

import pytest

from kg_builder.extract import extract
from kg_builder.types import Article

pytestmark = pytest.mark.model  # every test here runs the spaCy model

PUBLISHED = date(2021, 3, 10)  # a Wednesday


def attacks(nlp, text: str) -> list[tuple]:
    found = extract(nlp(text), Article("t", text, PUBLISHED)).attacks
    return [(a.kind, a.time.value if a.time else None, a.place, a.killed.value if a.killed else None) for a in found]


@pytest.mark.parametrize("text", [
    "Several bomb attacks have shaken the province in recent months.",
    "A string of bombings hit the north of the country in January, in which scores of people died.",
    "Many schools have been targeted this year, some in attacks blamed on the rebels.",
    "The persistent attacks, including targeted killings in Mosul, have frightened residents.",
    "Police sealed off the besieged town of Marawi.",
    # a war's encirclement of a place, not an attack
    "The city has been under a year-long siege by rebel fighters.",
    "The town has been under siege for months.",
    "Residents survived months of siege.",
])
def test_attacks_in_general_are_no_attack(nlp, text):
    assert attacks(nlp, text) == []


def test_plural_attacks_on_one_day_are_reported(nlp):
    text = "Government jets carried out air strikes on two villages near Idlib on Monday, killing nine civilians."
    assert attacks(nlp, text) == [("Airstrike", "2021-03-08", "Idlib", 9)]


def test_blasts_that_rocked_a_town_are_one_attack(nlp):
    text = "Explosions rocked Mogadishu airport on Tuesday, killing at least 14 people."
    assert attacks(nlp, text) == [("Bombing", "2021-03-09", "Mogadishu", 14)]


def test_a_second_blast_hours_later_is_another_attack_on_the_same_day(nlp):
    text = ("A car bomb exploded outside a hotel in Mogadishu on Sunday, killing eight people. Hours later, a second "
            "explosion at a nearby market killed three more.")
    assert attacks(nlp, text) == [("CarBombing", "2021-03-07", "Mogadishu", 8), ("Bombing", "2021-03-07", None, 3)]


def test_an_indefinite_attack_earlier_that_day_is_not_the_first_one(nlp):
    text = ("A suicide bomber killed 20 people at a wedding in Jalalabad on Friday. Earlier on Friday, a bomb hidden "
            "in a cart killed two people at a market in Kandahar.")
    assert attacks(nlp, text) == [("SuicideBombing", "2021-03-05", "Jalalabad", 20),
                                  ("Bombing", "2021-03-05", "Kandahar", 2)]


def test_the_date_of_a_toll_update_is_not_the_attack_date(nlp):
    text = "The death toll from a suicide bombing in Kabul on Monday rose to 41 on Wednesday, officials said."
    assert attacks(nlp, text) == [("SuicideBombing", "2021-03-08", "Kabul", 41)]


def test_a_toll_update_alone_leaves_the_date_unknown(nlp):
    text = "The death toll from a rocket strike on a market in Kharkiv rose to 17 on Wednesday."
    assert attacks(nlp, text) == [("RocketAttack", None, "Kharkiv", 17)]


def test_an_accusation_retells_the_attack_it_is_about(nlp):
    text = ("A missile hit a hospital in Mariupol on Monday, killing four people. The defence ministry denied striking "
            "the building and accused a local militia of blowing it up.")
    assert attacks(nlp, text) == [("RocketAttack", "2021-03-08", "Mariupol", 4)]


def test_a_country_naming_an_actor_is_not_the_place(nlp):
    text = ("A car bomb killed 12 people in the Syrian town of Azaz on Sunday. Turkey's defence ministry blamed the "
            "bombing on Kurdish militants.")
    assert attacks(nlp, text) == [("CarBombing", "2021-03-07", "Azaz", 12)]


def test_a_date_in_a_clause_about_a_person_dates_no_attack(nlp):
    text = ("Gunmen shot dead two guards at a bank in Lagos on Tuesday. Police said the attack was led by a man "
            "who had escaped from prison last year.")
    assert attacks(nlp, text) == [("ArmedAssault", "2021-03-09", "Lagos", 2)]


def test_that_year_is_the_year_just_named(nlp):
    text = ("Talks with the rebels broke down in 2018 after their bombing of a police station in Cali in March of "
            "that year killed nine officers.")
    assert attacks(nlp, text) == [("Bombing", "2018-03", "Cali", 9)]


def test_a_date_modifying_the_attack_noun_dates_it(nlp):
    text = "Residents cleared rubble on Wednesday after the March 7 night attack in northern Kabul."
    assert attacks(nlp, text) == [("Attack", "2021-03-07", "Kabul", None)]


def test_a_named_past_attack_with_nothing_reported_is_no_attack(nlp):
    text = "Troops entered the country in October 2001, after the September 11 attacks."
    assert attacks(nlp, text) == []


def test_a_yearless_date_takes_the_year_written_in_its_sentence(nlp):
    text = "In June 2014, weeks after a car bomb killed 19 people in Baghdad on May 12, militants seized Mosul."
    assert attacks(nlp, text) == [("CarBombing", "2014-05-12", "Baghdad", 19)]


def test_the_day_of_a_claim_is_not_the_day_of_the_attack(nlp):
    text = ("A suicide bomber killed 14 people at a stadium in Mogadishu on Monday night. More than 30 were wounded. "
            "Al-Shabaab claimed responsibility for the attack on Tuesday.")
    assert attacks(nlp, text) == [("SuicideBombing", "2021-03-08", "Mogadishu", 14)]
    assert extract(nlp(text), Article("t", text, PUBLISHED)).attacks[0].injured.value == 30


def test_the_deadliest_attack_since_an_older_one_is_not_that_one(nlp):
    text = ("Gunmen killed 40 people at a market in Maiduguri on Sunday, the deadliest attack in the city since "
            "the 2014 bombings.")
    assert attacks(nlp, text) == [("ArmedAssault", "2021-03-07", "Maiduguri", 40)]


def test_a_dateline_and_an_actor_named_by_a_place_are_not_where_it_happened(nlp):
    text = ("KABUL (Test Wire) - Militants stormed a checkpoint in Kandahar on Monday, killing six policemen, "
            "the Kabul government said, amid Washington's push for talks.")
    assert attacks(nlp, text) == [("ArmedAssault", "2021-03-08", "Kandahar", 6)]


def test_a_generic_insurgent_is_no_particular_group(nlp):
    text = "Insurgents stormed a police post in Mosul on Monday, killing three officers."
    [attack] = extract(nlp(text), Article("t", text, PUBLISHED)).attacks
    assert attack.perpetrators == ()


def test_hours_later_an_ambush_is_an_attack_of_its_own(nlp):
    text = ("A roadside bomb hit an army truck near Kirkuk on Monday, killing two soldiers. Hours later, gunmen "
            "ambushed a patrol sent to the blast site, killing a police officer.")
    assert attacks(nlp, text) == [("Bombing", "2021-03-08", "Kirkuk", 2), ("ArmedAssault", "2021-03-08", None, 1)]


# Within-article coreference, kinds and layout (issue 12)

def test_the_attack_retold_beside_another_place_is_the_same_attack(nlp):
    text = ("Gunmen stormed a police station in Kandahar on Monday, killing six officers. "
            "Officials in Washington said the attack showed the group was regrouping.")
    assert attacks(nlp, text) == [("ArmedAssault", "2021-03-08", "Kandahar", 6)]


def test_an_attack_of_its_own_date_is_not_the_one_retold(nlp):
    text = ("Gunmen stormed a police station in Kandahar on Monday, killing six officers. "
            "The 2014 attack on the same station killed 20 people.")
    found = attacks(nlp, text)
    assert found[0] == ("ArmedAssault", "2021-03-08", "Kandahar", 6)
    assert len(found) == 2 and found[1][1] == "2014"


def test_a_photo_caption_names_the_attack_of_the_body(nlp):
    text = ("Rescue workers search the rubble of a market in Jalalabad after a bombing.\n\n"
            "A bomb hidden in a cart exploded at a market in Jalalabad on Tuesday, killing nine people.")
    assert attacks(nlp, text) == [("Bombing", "2021-03-09", "Jalalabad", 9)]


def test_a_caption_dated_apart_is_an_attack_of_its_own(nlp):
    text = ("Soldiers gather near a mosque after a bomber blew himself up there on November 2, 2020.\n\n"
            "Gunmen stormed a checkpoint in Kandahar on Tuesday, killing five soldiers.")
    found = attacks(nlp, text)
    assert ("ArmedAssault", "2021-03-09", "Kandahar", 5) in found
    assert any(kind == "SuicideBombing" and day == "2020-11-02" for kind, day, _, _ in found)


def test_a_title_case_line_and_a_repeated_paragraph_add_no_attack(nlp):
    text = ("Breaking News\n\nMilitants Claim Deadly Hotel Siege In Capital\n\n"
            "Gunmen stormed a hotel in Mogadishu on Sunday, killing 12 people.\n\n"
            "Gunmen stormed a hotel in Mogadishu on Sunday, killing 12 people.")
    assert attacks(nlp, text) == [("ArmedAssault", "2021-03-07", "Mogadishu", 12)]


@pytest.mark.parametrize("text", [
    "The rebels hold bases in the hills that they use to target army convoys.",
    "The commander said the fighters had a plan to attack the airport.",
    "The ceasefire deal struck with the rebels last year has held.",
])
def test_purposes_and_deals_struck_are_no_attack(nlp, text):
    assert attacks(nlp, text) == []


def test_the_managed_deed_is_an_attack(nlp):
    text = "Militants managed to storm the prison in Jalalabad on Tuesday, freeing 70 inmates."
    assert [a[0] for a in attacks(nlp, text)] == ["ArmedAssault"]


@pytest.mark.parametrize("text, kind", [
    ("An Israeli strike on a school in Gaza City killed 14 people on Tuesday.", "Airstrike"),
    ("US forces carried out strikes on two militia bases in Syria on Tuesday, killing 12 fighters.", "Airstrike"),
    ("Militants launched a strike on a checkpoint in Zabul on Tuesday, killing four soldiers.", "Attack"),
    ("Taliban fighters attacked a police post in Ghazni on Tuesday, killing seven policemen.", "ArmedAssault"),
    ("A car bomber attacked a police post in Ghazni on Tuesday, killing seven policemen.", "CarBombing"),
    ("Seven policemen were killed in an assault on a post in Ghazni on Tuesday.", "ArmedAssault"),
])
def test_the_doer_decides_a_plain_kind(nlp, text, kind):
    assert [a[0] for a in attacks(nlp, text)] == [kind]


def test_a_date_in_a_clause_since_or_about_someone_else_dates_no_attack(nlp):
    text = ("Islamic State claimed a suicide bombing that killed the governor of Balkh. He is the most senior "
            "official killed since the group took power in August 2019.")
    assert [a[1] for a in attacks(nlp, text)] == [None]


def test_an_attack_recalled_from_years_ago_does_not_take_the_next_mentions(nlp):
    text = ("Gunmen stormed a hotel in Nairobi on Tuesday, killing 15 people. The group's former leader was "
            "killed in a US strike in 2014. Police said the assault included a suicide bombing in the lobby.")
    found = attacks(nlp, text)
    assert found[0][:3] == ("SuicideBombing", "2021-03-09", "Nairobi")
    assert len(found) == 2 and found[1][0] == "Airstrike"


def test_the_story_told_first_without_a_date_takes_the_date_told_next(nlp):
    text = ("At least 30 people were killed in the deadliest blasts in years to hit Baghdad. "
            "Islamic State claimed a twin suicide bombing that tore through a market in Baghdad on Tuesday.")
    assert attacks(nlp, text) == [("SuicideBombing", "2021-03-09", "Baghdad", 30)]


def test_an_undated_story_does_not_take_an_attack_of_years_before(nlp):
    text = ("At least 30 people were killed in a bombing at a market in Baghdad, police said. "
            "A truck bombing in Baghdad in July 2016 killed more than 300 people.")
    found = attacks(nlp, text)
    assert len(found) == 2 and found[1][1] == "2016-07"


def test_an_attack_told_with_a_place_after_one_told_without_is_the_same(nlp):
    text = ("Officials said the attack had killed a foreign aid worker. "
            "The group said it was behind the attack, which saw a blast at a hotel in Nairobi.")
    assert [a[2] for a in attacks(nlp, text)] == ["Nairobi"]


def test_an_indefinite_mention_of_the_same_day_without_a_place_is_the_same_attack(nlp):
    text = ("Bombs planted outside a school in Kabul killed 50 people on Saturday. Describing Saturday's carnage, "
            "a ministry spokesman said a car bomb first exploded at the gate.")
    assert attacks(nlp, text) == [("CarBombing", "2021-03-06", "Kabul", 50)]


def test_another_mention_on_the_same_day_is_another_attack(nlp):
    text = ("Bombs planted outside a school in Kabul killed 50 people on Saturday. At least one other explosion "
            "was heard on Saturday near the airport.")
    assert len(attacks(nlp, text)) == 2


@pytest.mark.parametrize("text, found", [
    ("Police said a deadly attack on a bus in Herat killed 11 people on Tuesday.", 1),
    ("Police said a similar attack on a school in Herat in 2014 killed 40 people.", 1),
    ("Officials warned that such an attack could happen again.", 0),
    ("Deadly attacks have become common in the province.", 0),
])
def test_a_singular_modified_attack_is_one_attack_and_a_plural_is_general(nlp, text, found):
    assert len(attacks(nlp, text)) == found


def test_a_related_story_link_adds_no_attack(nlp):
    text = ("Gunmen stormed a hotel in Mogadishu on Sunday, killing 12 people.\n\nRead more:\n\n"
            "Militants say they met envoys hours after deadly assault on army base\n\n"
            "The siege lasted nine hours, police said.")
    assert attacks(nlp, text) == [("ArmedAssault", "2021-03-07", "Mogadishu", 12)]


def test_a_paragraph_repeated_with_other_quotation_marks_is_read_once(nlp):
    text = ("The death toll from a bomb planted outside a girls' school in Kabul rose to 50.\n\n"
            "The death toll from a bomb planted outside a girls\u2019 school in Kabul rose to 50.")
    assert len(attacks(nlp, text)) == 1


def test_the_attack_an_anchor_named_first_is_the_story_when_retold(nlp):
    text = ("The rocket landed hours after a deadly rocket attack in Kabul. The attack, which took place early on "
            "Saturday, killed eight people. A kidnapped engineer is still held in the east. "
            "Residents walked through streets devastated by Saturday's attack.")
    found = attacks(nlp, text)
    assert ("RocketAttack", "2021-03-06", "Kabul", 8) in found
    assert not any(day == "2021-03-06" for kind, day, _, _ in found if kind != "RocketAttack")


def _ranks(nlp, text: str) -> list[tuple[int, str]]:
    from kg_builder.layout import read_layout
    return [(s.rank, s.span.text.strip()[:20]) for s in read_layout(nlp(text))]


def test_layout_reads_a_repeat_once_whatever_its_quotation_marks(nlp):
    text = "Police said the girls' school was shut.\n\nPolice said the girls\u2019 school was shut."
    assert _ranks(nlp, text) == [(0, "Police said the girl")]


def test_layout_ranks_teasers_and_photo_descriptions_after_the_body(nlp):
    text = ("Gunmen stormed a hotel in Mogadishu on Sunday.\n\n"
            "Soldiers stand guard outside the hotel in Mogadishu.\n\n"
            "Militants say they met envoys after deadly assault\n\n"
            "The soldiers stood guard outside the hotel.\n\nThe siege ended when troops entered the lobby and")
    assert _ranks(nlp, text) == [(0, "Gunmen stormed a hot"), (0, "The soldiers stood g"), (0, "The siege ended when"),
                                 (1, "Soldiers stand guard"), (2, "Militants say they m")]


@pytest.mark.parametrize("text, kind", [
    ("Jihadists killed 11 farmers in their fields outside Maiduguri on Sunday, militia leaders said.", "ArmedAssault"),
    ("The faction says its fighters killed 40 soldiers near Baga on Sunday.", "ArmedAssault"),
    ("The group said it killed 40 soldiers near Baga on Sunday.", "ArmedAssault"),
    ("A senior commander was killed by special forces near Jalalabad on Sunday.", "Attack"),
    ("At least 30 herders were murdered in their village on Sunday.", "ArmedAssault"),
])
def test_a_killing_told_with_its_doer_is_an_attack(nlp, text, kind):
    assert [a[0] for a in attacks(nlp, text)] == [kind]


@pytest.mark.parametrize("text", [
    "The insurgency has killed more than 36,000 people since 2009.",
    "Police killed two of the gunmen.",
    "Three soldiers died in a road accident on Sunday.",
    "The floods killed 40 people on Sunday.",
])
def test_a_tally_a_killing_of_attackers_or_a_death_without_doer_is_no_attack(nlp, text):
    assert attacks(nlp, text) == []


def test_what_a_group_says_it_killed_is_the_attack_being_told(nlp):
    text = ("Gunmen stormed an army post in Borno on Sunday, killing 15 soldiers. Later in the day, the group "
            "said its fighters killed 30 soldiers.")
    assert [(a[0], a[1]) for a in attacks(nlp, text)] == [("ArmedAssault", "2021-03-07")]


def test_claiming_the_killing_of_tourists_is_claiming_an_attack(nlp):
    text = "Islamic State claimed responsibility for the killing of four foreign cyclists in the south on Sunday."
    assert [a[0] for a in attacks(nlp, text)] == ["Attack"]


def test_abductions_told_after_an_assault_are_part_of_it(nlp):
    text = ("Insurgents stormed the village of Kauri on Sunday, killing 12 people. Several women were "
            "kidnapped by the insurgents.")
    assert [a[0] for a in attacks(nlp, text)] == ["ArmedAssault"]


@pytest.mark.parametrize("text, day", [
    ("A power plant in Kharkiv has been shelled by Russian forces, the city administration said on Monday.", "2021-03-08"),
    ("Four rockets hit an army base in Kirkuk, a security official told reporters on Tuesday.", "2021-03-09"),
    ("A rocket hit an army base in Kirkuk, the militia claimed on Tuesday.", "2021-03-09"),
    ("The militia denied on Tuesday that its rocket hit an army base in Kirkuk.", None),
    ("A rocket hit an army base in Kirkuk, a security official told reporters on Tuesday.", "2021-03-09"),
])
def test_an_attack_told_with_no_date_takes_the_day_an_official_reported_it(nlp, text, day):
    assert [a[1] for a in attacks(nlp, text)] == [day]


def test_the_day_a_siege_ended_is_not_the_day_it_began(nlp):
    text = ("Security forces on Sunday ended a hotel siege in which 21 guests died after gunmen stormed the building. "
            "The fighters had stormed the Grand Hotel in Mogadishu on Friday evening.")
    assert attacks(nlp, text) == [("ArmedAssault", "2021-03-05", "Mogadishu", 21)]


def test_a_date_in_a_clause_about_a_named_person_does_not_date_the_attack(nlp):
    text = ("The group claimed the bombing that killed 84 people near the tomb of Qassem Soleimani, killed in "
            "January 2020 in a drone strike.")
    found = attacks(nlp, text)
    assert ("Bombing", None, None, 84) in found
    assert all(day != "2020-01" for kind, day, _, _ in found if kind != "Airstrike")


def test_a_date_ending_the_sentence_hangs_where_its_words_do(nlp):
    from kg_builder.timex import find_time_phrases
    doc = nlp("The siege was the first in the capital since the new president took office in May.")
    phrases = find_time_phrases(doc, PUBLISHED)
    assert [(p.text, p.root.text) for p in phrases] == [("in May", "in")]


def test_a_day_said_inside_a_quotation_is_the_speakers_not_the_attacks(nlp):
    text = ("Gunmen stormed a university in Peshawar on Tuesday, killing 21 people. "
            "\"Our fighters carried out the attack on the university today,\" the commander said.")
    assert attacks(nlp, text) == [("ArmedAssault", "2021-03-09", "Peshawar", 21)]


def test_the_same_day_as_a_named_attack_is_that_attacks_day(nlp):
    text = ("Gunmen stormed a maternity hospital in Kabul on Tuesday, killing 24 people. On the same day as the "
            "hospital attack, a suicide bomber killed 26 mourners at a funeral in Jalalabad.")
    assert attacks(nlp, text) == [("ArmedAssault", "2021-03-09", "Kabul", 24),
                                  ("SuicideBombing", "2021-03-09", "Jalalabad", 26)]


def test_an_explosion_an_attack_causes_is_part_of_it(nlp):
    text = ("A car bomb struck a market in Qamishli on Wednesday, killing 44 people. Shrapnel hit a fuel tank, "
            "triggering a second explosion that was at first mistaken for another bomb.")
    assert attacks(nlp, text) == [("CarBombing", "2021-03-10", "Qamishli", 44)]


@pytest.mark.parametrize("text", [
    "Police said a third bomber was found dead near the scene.",
    "The gunman was arrested at a checkpoint outside the city.",
])
def test_an_attacker_found_or_arrested_is_no_attack(nlp, text):
    assert attacks(nlp, text) == []


def test_a_place_the_mention_names_replaces_a_place_guessed_from_its_sentence(nlp):
    text = ("The truce ended with a horrific blast, two days after the rebels signed a deal with Washington. "
            "No one has claimed the attack on a football ground in Khost, which killed three brothers.")
    assert [(a[0], a[2]) for a in attacks(nlp, text)] == [("Bombing", "Khost Province")]


def test_an_air_strike_and_shelling_the_same_day_are_two_attacks(nlp):
    text = ("Coalition air strikes on Nihm killed seven fighters on Sunday. The government accused the rebels of "
            "shelling its forces in Nihm on Sunday.")
    assert sorted(a[0] for a in attacks(nlp, text)) == ["Airstrike", "Shelling"]


def test_a_standfirst_without_date_or_place_is_the_story_told_below(nlp):
    text = ("Militants Claim Twin Bombings In Capital\n\nReport: At least 37 killed in bombing in the capital.\n\n"
            "By Staff\n\nNovember 12\n\nThe group has claimed responsibility for twin bombings in Beirut that killed "
            "at least 37 people.")
    assert [(a[2], a[3]) for a in attacks(nlp, text)] == [("Beirut", 37)]


@pytest.mark.parametrize("text, kind", [
    ("The Friday night attack with explosives on an army post in Tumaco killed five soldiers.", "Bombing"),
    ("Four rockets exploded near a base housing foreign troops in Baghdad on Sunday night.", "RocketAttack"),
    ("Two men activated their explosive belts among mourners in Kerman on Wednesday, killing 80 people.", "SuicideBombing"),
    ("The attack on an army post in Tumaco on Friday killed five soldiers.", "Attack"),
])
def test_the_means_decide_a_plain_kind(nlp, text, kind):
    assert [a[0] for a in attacks(nlp, text)] == [kind]


def test_the_report_day_reaches_through_coordinated_tolls(nlp):
    text = "A health official on Monday said 19 people were killed and 60 wounded in two bomb attacks in Kabul."
    assert [a[1] for a in attacks(nlp, text)] == ["2021-03-08"]


def test_an_attribution_told_on_a_day_does_not_date_the_attack(nlp):
    text = ("A suicide bomber killed 26 mourners at a funeral in Jalalabad. \"The attack on the funeral was the "
            "work of the group,\" the envoy told reporters on Tuesday.")
    assert [a[1] for a in attacks(nlp, text)] == [None]


def test_a_second_bomber_with_no_date_of_his_own_struck_the_same_day(nlp):
    text = ("A suicide car bomber struck a recruitment centre in Aden on Monday, killing 20 recruits. A second "
            "bomber on foot detonated his vest among soldiers outside a commander's home, killing 25.")
    assert [(a[0], a[1]) for a in attacks(nlp, text)] == [("CarBombing", "2021-03-08"), ("SuicideBombing", "2021-03-08")]


def test_an_attack_known_only_from_a_claim_takes_the_claims_day(nlp):
    text = "The group claimed responsibility on Tuesday for twin suicide car bomb attacks on an army base in Yemen."
    assert [(a[0], a[1]) for a in attacks(nlp, text)] == [("CarBombing", "2021-03-09")]


def test_a_town_missing_from_the_gazetteer_may_lie_in_the_country_already_read(nlp):
    text = ("Militants claimed twin car bomb attacks on an army base in Yemen, killing seven soldiers. The "
            "vehicles were detonated at the gate of the base in the town of Qatn.")
    assert [a[0] for a in attacks(nlp, text)] == ["CarBombing"]


def test_a_standfirst_with_a_place_is_the_attack_told_below(nlp):
    text = ("Two soldiers killed in complex assault on military post in Helmand province.\n\nThe news agency "
            "reported the fighting late at night.\n\nOfficials met in the capital.\n\nThe Taliban claimed a deadly "
            "attack on the military post in southern Afghanistan on Friday.")
    assert [(a[0], a[1], a[2]) for a in attacks(nlp, text)] == [("ArmedAssault", "2021-03-05", "Helmand Province")]


def test_a_date_right_after_a_reporting_verb_is_the_day_of_the_saying(nlp):
    text = "Their commander said on Monday the group staged the suicide attacks on two bases in Homs on Saturday."
    assert [(a[0], a[1]) for a in attacks(nlp, text)] == [("SuicideBombing", "2021-03-06")]


def test_a_place_outside_the_triggers_clause_does_not_make_another_attack(nlp):
    text = ("Taliban fighters stormed a military post in Helmand province on Friday, killing two soldiers. "
            "An official in Washington said the two dead were marines, while another official described the "
            "strike as complex.")
    assert [(a[0], a[1]) for a in attacks(nlp, text)] == [("ArmedAssault", "2021-03-05")]


def test_rocket_fire_in_an_assault_is_part_of_it(nlp):
    text = ("Taliban fighters stormed a military post in Helmand province on Friday, killing two soldiers. "
            "The attack, involving small arms and rocket fire, began at midnight.")
    assert [(a[0], a[1]) for a in attacks(nlp, text)] == [("ArmedAssault", "2021-03-05")]


def test_rocket_fire_on_a_day_of_its_own_is_another_attack(nlp):
    text = ("Taliban fighters stormed a military post in Helmand province on Friday, killing two soldiers. "
            "Rocket fire hit the airport in Kandahar on Sunday.")
    assert len(attacks(nlp, text)) == 2


@pytest.mark.parametrize("text, found", [
    ("He is one of the most senior officials assassinated since the group took power in 2021.", 0),
    ("Two officials assassinated in Kandahar on Monday were buried on Tuesday.", 1),
])
def test_a_class_of_people_killed_over_years_is_no_attack(nlp, text, found):
    assert len(attacks(nlp, text)) == found


@pytest.mark.parametrize("text", [
    '"These militants are attacking markets, schools and mosques," the governor said on Monday.',
    "The group targets clinics and aid convoys across the north, officials say.",
])
def test_a_deed_told_in_the_present_on_bare_plurals_is_a_practice_not_an_attack(nlp, text):
    assert attacks(nlp, text) == []


@pytest.mark.parametrize("text, expected", [
    ("Rebels were attacking army posts near Kidal on Tuesday, killing three soldiers.",
     [("ArmedAssault", "2021-03-09", 3)]),
    ("Insurgents attacked two schools in Borno on Tuesday, killing 16 students.",
     [("ArmedAssault", "2021-03-09", 16)]),
])
def test_a_past_deed_or_a_counted_target_is_an_attack(nlp, text, expected):
    assert [(kind, day, killed) for kind, day, _, killed in attacks(nlp, text)] == expected


def test_a_count_of_attacks_is_no_retelling_of_one_attack(nlp):
    text = ("Insurgents attacked a district centre in Afghanistan on Friday, killing two civilians. The violence, "
            "including two car bombings in Kabul, came after the talks stalled.")
    assert attacks(nlp, text) == [("ArmedAssault", "2021-03-05", "Afghanistan", 2)]


def test_a_count_of_devices_still_tells_the_attack_it_is_part_of(nlp):
    # "three bombs" counts the devices of one attack, not three attacks
    text = "Insurgents attacked a district centre in Afghanistan on Friday. Three bombs exploded in Kabul during the assault."
    assert attacks(nlp, text) == [("Bombing", "2021-03-05", "Kabul", None)]


def test_a_place_in_the_after_clause_is_the_earlier_attacks(nlp):
    text = "Gunmen attacked a police post on Monday, a day after a suicide bombing in Kandahar killed 12 people."
    assert attacks(nlp, text) == [("ArmedAssault", "2021-03-08", None, None),
                                  ("SuicideBombing", "2021-03-07", "Kandahar", 12)]


def test_a_place_of_the_clause_itself_stays_beside_an_after_phrase(nlp):
    text = "Gunmen attacked a police post in Ghazni on Monday, a day after a suicide bombing in Kandahar killed 12 people."
    assert [(kind, place, killed) for kind, _, place, killed in attacks(nlp, text)] == \
        [("ArmedAssault", "Ghazni Province", None), ("SuicideBombing", "Kandahar", 12)]


def _doers(nlp, text: str) -> list[tuple]:
    return [a.perpetrators for a in extract(nlp(text), Article("t", text, PUBLISHED)).attacks]


def test_a_doer_the_speakers_own_side_names_is_its_claim_not_the_narrations(nlp):
    text = "The Afghan defence ministry said on Monday that a senior Taliban commander was killed by Afghan special forces in Kunduz."
    assert _doers(nlp, text) == [()]
    found = extract(nlp(text), Article("t", text, PUBLISHED)).claims
    assert [(c.stance, c.claimant) for c in found] == [("claims_responsibility", "Afghan Ministry of Defence")]


def test_a_doer_another_speaker_names_stays_the_narrated_perpetrator(nlp):
    text = "A hospital official said on Monday that a senior Taliban commander was killed by Afghan special forces in Kunduz."
    assert _doers(nlp, text) == [("Afghan security forces",)]


def test_a_date_in_a_who_clause_below_the_mention_dates_those_people_not_the_attack(nlp):
    text = ("A suicide bombing killed 20 people at a mosque in Kabul on Friday. Police arrested ten men over the "
            "bombing that shocked residents who held a day of mourning on Sunday.")
    assert attacks(nlp, text) == [("SuicideBombing", "2021-03-05", "Kabul", 20)]


def test_a_date_in_a_which_clause_on_the_attack_still_dates_it(nlp):
    text = "The attack, which took place on Friday, killed 20 people at a mosque in Kabul."
    assert attacks(nlp, text) == [("Attack", "2021-03-05", "Kabul", 20)]


def test_a_siege_that_ends_is_still_the_attack(nlp):
    text = "Gunmen stormed a hotel in Mogadishu on Friday, killing 12 people. The siege ended around midnight."
    assert attacks(nlp, text) == [("ArmedAssault", "2021-03-05", "Mogadishu", 12)]


def test_a_killing_told_as_the_attack_counts_the_groups_men_as_its_victims(nlp):
    text = ("A car bomb hit a police post in Jalalabad on Sunday. The bombing came a day after the intelligence agency "
            "said two Islamic State commanders were killed by special forces near Jalalabad.")
    found = attacks(nlp, text)
    assert ("Attack", "2021-03-06", "Jalalabad", 2) in found


def test_a_calendar_date_in_a_quotation_dates_the_attack(nlp):
    text = ('"On March 2 gunmen hit four cyclists with their car near Danghara and stabbed them," the embassy said.')
    assert [day for _, day, _, _ in attacks(nlp, text)] == ["2021-03-02"]


def test_a_weekday_in_a_quotation_is_the_speakers_and_dates_nothing(nlp):
    text = ('"On Monday gunmen hit four cyclists with their car near Danghara and stabbed them," the embassy said.')
    assert [day for _, day, _, _ in attacks(nlp, text)] == [None]


def test_gunmen_who_killed_are_one_attack_not_attacks_in_general(nlp):
    # several attackers and one deed in the past: an attack, dated to the weekend
    found = attacks(nlp, "Gunmen killed 17 villagers in Zamfara state over the weekend, police said.")
    assert [(kind, killed) for kind, _, _, killed in found] == [("ArmedAssault", 17)]
    # what gunmen have done over a year, or do often, is no one attack
    assert attacks(nlp, "Gunmen have killed more than 1,000 people in Zamfara this year.") == []
    assert attacks(nlp, "Gunmen often kill villagers in the region.") == []


@pytest.mark.parametrize("text, expected", [
    # the attackers as the agent of a passive killing with counted victims, or doing a past deed in a clause
    ("At least 25 farmers have been killed by gunmen in the north of Nigeria, officials said on Wednesday.",
     [("ArmedAssault", "2021-03-10", "Nigeria", 25)]),
    ("Twelve traders were killed by gunmen who stormed a market in Nigeria on Monday.",
     [("ArmedAssault", "2021-03-08", "Nigeria", 12)]),
])
def test_gunmen_who_killed_counted_victims_did_one_attack(nlp, text, expected):
    assert attacks(nlp, text) == expected


@pytest.mark.parametrize("text", [
    "Hundreds of villagers have been killed by gunmen in the region this year.",
    "Gunmen have killed hundreds of people in the region over the past decade.",
])
def test_gunmen_who_kill_uncounted_people_report_no_attack(nlp, text):
    assert attacks(nlp, text) == []


@pytest.mark.parametrize("text, expected", [
    # doubt about who did it, not about what happened: the attack noun's own clause tells its toll
    ("Officials said the rebels may have had a hand in a roadside explosion that killed 11 people in Kandahar.",
     [("Bombing", None, "Kandahar", 11)]),
    ("The army could not say who carried out the ambush that killed seven soldiers in Mali on Monday.",
     [("ArmedAssault", "2021-03-08", "Mali", 7)]),
])
def test_an_attack_told_by_its_own_clause_is_real_under_a_doubt(nlp, text, expected):
    assert attacks(nlp, text) == expected


@pytest.mark.parametrize("text", [
    "The group threatened attacks that would kill hundreds of people.",
    "Officials fear the rebels may stage an ambush that could kill dozens of soldiers.",
])
def test_a_threatened_attack_with_a_toll_clause_is_no_attack(nlp, text):
    assert attacks(nlp, text) == []


def test_an_indefinite_retelling_with_a_place_gives_the_place_of_the_attack_just_told(nlp):
    text = ("An air strike on a school killed at least 14 people on Monday. The people were killed in an "
            "Israeli strike on the school in northern Gaza's Jabalia.")
    assert attacks(nlp, text) == [("Airstrike", "2021-03-08", "Jabalia", 14)]
    # one with a toll of its own is another attack
    text = "A suicide bomber killed 14 people on Monday. A roadside bomb killed two soldiers in Kandahar."
    assert [a[2:] for a in attacks(nlp, text)] == [(None, 14), ("Kandahar", 2)]


@pytest.mark.parametrize("text", [
    "The army says it is engaged in a sweeping assault targeting the militants.",
    "Government forces are conducting an offensive against the rebels in the region.",
])
def test_a_campaign_under_way_is_no_particular_attack(nlp, text):
    assert attacks(nlp, text) == []


def test_an_assault_under_way_on_a_named_target_is_an_attack(nlp):
    assert [a[0] for a in attacks(nlp, "Militants are carrying out an assault on the hotel, police said.")] == ["ArmedAssault"]


def test_a_missile_strike_is_one_rocket_attack_by_the_state_that_fires_it(nlp):
    found = extract(nlp(t := "A Russian missile strike on the city of Kharkiv killed at least 11 people on Monday."),
                    Article("t", t, PUBLISHED)).attacks
    assert [(a.kind, a.place, a.killed.value, a.perpetrators) for a in found] == [
        ("RocketAttack", "Kharkiv", 11, ("Russia",))]


@pytest.mark.parametrize("text, kind", [
    # a bomber that fires or drops something is an aircraft
    ("A cruise missile fired by a Russian bomber hit a shopping centre in Kharkiv on Monday, killing 19 people.",
     "RocketAttack"),
    ("Bombers dropped bombs on a market in Kharkiv on Monday, killing 19 people.", "Airstrike"),
    # one who blows himself up is a person
    ("A bomber blew himself up in a market in Kandahar on Monday, killing 19 people.", "SuicideBombing"),
])
def test_a_bomber_aircraft_is_no_attack_of_its_own(nlp, text, kind):
    assert [a[0] for a in attacks(nlp, text)] == [kind]


def test_strikes_overnight_are_one_nights_attacks(nlp):
    text = "Russian missile strikes overnight wounded at least 34 people in the city of Pavlohrad, officials said on Monday."
    assert [a[0] for a in attacks(nlp, text)] == ["RocketAttack"]
