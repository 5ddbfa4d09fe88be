"""Claims, denials, attributions and party casualty figures, read by ``find_claims`` through ``extract``.

The texts are short wire-style paragraphs of our own; each family of phrasing has its own case, and
the negative cases ("no group has claimed") must give nothing.
"""
from __future__ import annotations

from datetime import date

import pytest

from kg_builder.extract import extract
from kg_builder.types import Article

pytestmark = pytest.mark.model  # every test here runs the spaCy model

LEAD = "A suicide bomber killed 14 people at a bus station in Kandahar on Monday, officials said. "


def read(nlp, text: str, published: date = date(2021, 3, 9)):
    return extract(nlp(text), Article("t", text, published))


def stances(extraction) -> set[tuple[str, str]]:
    return {(c.stance, c.claimant) for c in extraction.claims}


@pytest.mark.parametrize("sentence, claimant, rule", [
    ("The Taliban claimed responsibility for the bombing in a statement.", "Taliban", "claimed-responsibility"),
    ("Islamic State took credit for the attack through its Amaq news agency.", "Islamic State", "took-credit"),
    ("Daesh claimed the bombing in a post on Telegram.", "Islamic State", "claimed-attack"),
    ("ISIS-K said in a statement on Telegram that it was behind the blast.", "Islamic State", "said-it-was-behind"),
    ("The Islamic State group said one of its fighters had carried out the bombing.", "Islamic State",
     "said-it-was-behind"),
    ("The Taliban said their fighters had targeted the station.", "Taliban", "said-it-perpetrated"),
])
def test_responsibility_claims(nlp, sentence, claimant, rule):
    found = read(nlp, LEAD + sentence)
    claims = [c for c in found.claims if c.stance == "claims_responsibility"]
    assert [(c.claimant, c.attack, c.evidence.rule) for c in claims] == [(claimant, "A1", rule)]


def test_claimed_by_goes_to_the_attack_it_modifies(nlp):
    text = ("Gunmen stormed a hotel in Mogadishu on Friday, killing nine people. The siege came two days after "
            "a bombing at a market in Baidoa, claimed by al-Shabaab, killed five.")
    found = read(nlp, text)
    background = next(a.key for a in found.attacks if "Baidoa" in a.evidence.text)
    claims = [(c.claimant, c.attack, c.evidence.rule) for c in found.claims]
    assert claims == [("Al-Shabaab", background, "claimed-by")]


@pytest.mark.parametrize("sentence", [
    "No group has claimed responsibility for the bombing.",
    "No one immediately claimed the attack.",
    "The Taliban have yet to claim responsibility.",
    "Police said they could not confirm whether the Taliban were behind the attack.",
    "The Taliban said they would attack more bus stations.",
])
def test_negated_and_uncertain_sentences_are_not_claims(nlp, sentence):
    assert read(nlp, LEAD + sentence).claims == ()


@pytest.mark.parametrize("sentence, claimant, rule", [
    ("The Taliban denied involvement.", "Taliban", "denied-involvement"),
    ("The Taliban condemned the bombing and denied any role in it.", "Taliban", "denied-involvement"),
    ("A Taliban spokesman rejected claims that the group was behind the blast.", "Taliban", "denied-involvement"),
    ("The Taliban said they had nothing to do with the attack.", "Taliban", "said-not-involved"),
    ("A spokesman for the Taliban said the movement was not involved.", "Taliban", "said-not-involved"),
    ("A Taliban official denied the group was responsible.", "Taliban", "denied-involvement"),
])
def test_denials(nlp, sentence, claimant, rule):
    found = read(nlp, LEAD + sentence)
    assert [(c.stance, c.claimant, c.attack, c.evidence.rule) for c in found.claims] == [
        ("denies_responsibility", claimant, "A1", rule)]


@pytest.mark.parametrize("sentence, claimant, target, speaker", [
    ("Interior Ministry spokesman Arif Nazari blamed the Taliban for the bombing.",
     "Afghan Ministry of Interior", "Taliban", "Arif Nazari"),
    ("Afghan officials accused the Haqqani network of carrying out the attack.", "Afghan government",
     "Haqqani network", None),
    ("The government attributed the bombing to Islamic State.", "Afghan government", "Islamic State", None),
    ("Police held the Taliban responsible for the attack.", "Afghan police", "Taliban", None),
    ("The Taliban said Islamic State was responsible for the blast.", "Taliban", "Islamic State", None),
    # "blame the attack on Y": the parser hangs "on Y" on the attack noun, as if Y were the target
    ("The interior ministry blamed the bombing on the Haqqani network.", "Afghan Ministry of Interior",
     "Haqqani network", None),
    ("Police blamed the attack on the Taliban.", "Afghan police", "Taliban", None),
])
def test_attributions(nlp, sentence, claimant, target, speaker):
    found = read(nlp, LEAD + sentence)
    assert [(c.stance, c.claimant, c.target_actor, c.speaker, c.evidence.rule.split("-")[0]) for c in found.claims] \
        == [("attributes_to", claimant, target, speaker, "blamed" if "said" not in sentence else "said")]


def test_a_blame_sentence_makes_the_government_a_claimant_only_of_the_attribution(nlp):
    found = read(nlp, LEAD + "The government blamed the Taliban, which denied involvement.")
    assert stances(found) == {("attributes_to", "Afghan government"), ("denies_responsibility", "Taliban")}


@pytest.mark.parametrize("sentence, claimant, speaker", [
    ("Taliban spokesman Zabihullah Mujahid said the group was behind the attack.", "Taliban", "Zabihullah Mujahid"),
    ("The group was behind the attack, said a spokesman for the Taliban, Qari Yousuf Ahmadi.", "Taliban",
     "Qari Yousuf Ahmadi"),
    ("The Taliban said it was behind the attack, according to the group's spokesman Zabihullah Mujahid.",
     "Taliban", "Zabihullah Mujahid"),
])
def test_speakers_and_whom_they_speak_for(nlp, sentence, claimant, speaker):
    found = read(nlp, LEAD + sentence)
    assert [(c.stance, c.claimant, c.speaker) for c in found.claims] == [
        ("claims_responsibility", claimant, speaker)]


def test_a_party_figure_is_a_casualty_claim_beside_the_reported_toll(nlp):
    text = ("Militants attacked an army base in Mali on Sunday, killing at least 20 soldiers, the army said. "
            "JNIM said in a statement that its fighters had killed 45 soldiers.")
    found = read(nlp, text)
    assert found.attacks[0].killed.value == 20
    casualty = [c for c in found.claims if c.stance == "casualty_claim"]
    assert [(c.claimant, c.killed.value, c.attack) for c in casualty] == [
        ("Jama'at Nasr al-Islam wal Muslimin", 45, "A1")]
    assert ("claims_responsibility", "Jama'at Nasr al-Islam wal Muslimin") in stances(found)


def test_an_army_counting_dead_attackers_claims_no_attack(nlp):
    text = LEAD + "The army said its troops killed 12 of the attackers."
    found = read(nlp, text)
    assert not [c for c in found.claims if c.stance == "claims_responsibility"]


def test_a_claim_about_both_attacks_is_about_each(nlp):
    text = ("A car bomb exploded outside a police station in Kirkuk on Saturday, killing three officers. "
            "On Sunday, a roadside bomb killed two soldiers near Tikrit. "
            "Police blamed Islamic State militants for both attacks.")
    found = read(nlp, text)
    blamed = sorted((c.attack, c.target_actor) for c in found.claims if c.stance == "attributes_to")
    assert [t for _, t in blamed] == ["Islamic State", "Islamic State"]
    assert len({a for a, _ in blamed}) == 2


def test_a_ministry_named_by_its_country_and_a_group_the_gazetteer_lacks(nlp):
    text = ("A car bomb killed 40 people in a market in Afrin on Tuesday. "
            "Turkey's defence ministry attributed the bombing to the Kurdish YPG militia, which denied involvement.")
    found = read(nlp, text)
    assert {(c.stance, c.claimant, c.target_actor) for c in found.claims} == {
        ("attributes_to", "Turkish Ministry of Defence", "YPG"), ("denies_responsibility", "YPG", None)}


def test_a_group_described_as_linked_to_another_is_not_that_group(nlp):
    text = ("Gunmen stormed a hotel in Mogadishu on Friday, killing 12 people. Al-Shabaab fighters were seen "
            "nearby. The al Qaeda-linked group said its fighters were in control of the hotel.")
    found = read(nlp, text)
    assert stances(found) == {("claims_responsibility", "Al-Shabaab")}


def test_a_claim_far_from_a_background_attack_is_about_the_main_one(nlp):
    text = (LEAD + "The bus station has been hit before. Islamic State carried out a similar bombing there in March. "
            "Security has been tightened across the city since then. Shops stayed closed on Tuesday. "
            "A Taliban spokesman said the insurgents were not involved.")
    found = read(nlp, text)
    assert [(c.stance, c.attack) for c in found.claims if c.claimant == "Taliban"] == [
        ("denies_responsibility", "A1")]


def test_it_said_speaks_for_the_party_named_before(nlp):
    text = (LEAD + "The Taliban claimed responsibility for the attack on their website. "
            "It said the bomber had killed 40 soldiers.")
    casualty = [(c.claimant, c.killed.value) for c in read(nlp, text).claims if c.stance == "casualty_claim"]
    assert casualty == [("Taliban", 40)]


def test_a_pronoun_of_a_passive_or_negated_report_speaks_for_no_one(nlp):
    text = ("Al-Shabaab claimed the bombing of a hotel in Mogadishu on Friday. Witnesses said at least 15 "
            "people were killed in the blast, but it could not be independently confirmed.")
    found = read(nlp, text)
    assert found.attacks[0].killed.value == 15
    assert not [c for c in found.claims if c.stance == "casualty_claim"]


@pytest.mark.parametrize("sentence", [
    "Al-Shabaab claimed responsibility for the attack, which killed 14 people.",
    "Islamic State claimed the bombing, killing 14 people according to police.",
])
def test_a_toll_told_beside_a_claim_is_the_report_not_the_party(nlp, sentence):
    found = read(nlp, LEAD + sentence)
    assert not [c for c in found.claims if c.stance == "casualty_claim"]


def test_a_party_counting_its_own_deed_makes_a_casualty_claim(nlp):
    text = ("An air strike hit a rebel camp near Kidal on Sunday, residents said. "
            "The Malian army said it had bombed the camp and killed 19 fighters.")
    casualty = [(c.claimant, c.killed.value) for c in read(nlp, text).claims if c.stance == "casualty_claim"]
    assert casualty == [("Malian Armed Forces", 19)]


def test_a_ministry_telling_the_toll_of_someone_elses_attack_makes_no_claim(nlp):
    text = ("Gunmen stormed a village near Mopti on Sunday. The interior ministry said the attackers "
            "killed 19 villagers.")
    assert not [c for c in read(nlp, text).claims if c.stance == "casualty_claim"]


@pytest.mark.parametrize("text, claimant, target", [
    ("Five soldiers were killed by FARC rebels in an ambush in Cauca on Friday, the Colombian army said.",
     "Colombian army", "Revolutionary Armed Forces of Colombia"),
    ("A power plant near Odesa was shelled by Russian forces on Monday, the regional military administration "
     "said in a statement.", "regional military administration", "Russian Armed Forces"),
])
def test_a_named_party_telling_who_did_it_attributes_the_attack(nlp, text, claimant, target):
    found = read(nlp, text)
    assert [(c.stance, c.target_actor) for c in found.claims if c.claimant.lower() == claimant.lower()] == [
        ("attributes_to", target)]


def test_officials_telling_who_did_it_is_the_report_not_an_attribution(nlp):
    text = ("Taliban fighters stormed a checkpoint in Kunduz on Thursday, killing six police officers, "
            "officials said.")
    found = read(nlp, text)
    assert not [c for c in found.claims if c.stance == "attributes_to"]
    assert "Taliban" in found.attacks[0].perpetrators


@pytest.mark.parametrize("text, claimant, target", [
    ("The Taliban attacked an army outpost in Faryab on Tuesday, killing four soldiers, the Afghan defence "
     "ministry said.", "Ministry of Defence", "Taliban"),
    ("Pakistani officials said an Afghan airstrike near Chaman killed 12 people on Sunday.", "Pakistan",
     "Afghanistan"),
    ("Russian forces shelled a market in Kharkiv on Saturday, killing three people, a Ukrainian official said.",
     "Ukraine", "Russian Armed Forces"),
])
def test_a_state_telling_that_another_party_did_it_attributes_the_attack(nlp, text, claimant, target):
    found = read(nlp, text)
    assert [(c.stance, c.target_actor, c.evidence.rule) for c in found.claims if claimant in c.claimant] == [
        ("attributes_to", target, "said-other-did-it")]


def test_a_states_account_of_a_deed_its_doer_claims_is_no_attribution(nlp):
    text = ("The Taliban attacked an army outpost in Faryab on Tuesday, killing four soldiers, the Afghan defence "
            "ministry said. The Taliban claimed responsibility for the attack in a statement.")
    found = read(nlp, text)
    assert stances(found) == {("claims_responsibility", "Taliban")}
    assert "Taliban" in found.attacks[0].perpetrators  # still the report's narration


def test_a_state_body_telling_its_own_forces_did_it_claims_the_strike(nlp):
    text = "Israeli jets struck a Hamas command post in Gaza City on Sunday, the Israeli military said."
    assert stances(read(nlp, text)) == {("claims_responsibility", "Israeli military")}


def test_what_else_the_speaker_says_its_forces_did_is_not_the_deed(nlp):
    text = ("A bomb killed 20 worshippers at a mosque in Kunduz on Friday. Taliban spokesman Zabihullah Mujahid "
            "said dozens of people were killed, and that Taliban special forces had arrived at the scene.")
    assert not [c for c in read(nlp, text).claims if c.stance == "claims_responsibility"]


@pytest.mark.parametrize("sentence, claimant, targets", [
    ("Iranian officials pointed the finger at Israel and the United States.", "Iran", {"Israel", "United States"}),
    ("The interior ministry laid the blame on the Taliban.", "Afghan Ministry of Interior", {"Taliban"}),
    ("Police linked the bombers to the Haqqani network.", "Afghan police", {"Haqqani network"}),
    ("Interior Minister Ahmad Zia said the bombing was the work of Islamic State.", "Afghan government",
     {"Islamic State"}),
    ("Officials said the blast bore the hallmarks of the Haqqani network.", "Afghan government",
     {"Haqqani network"}),
])
def test_attribution_phrasings(nlp, sentence, claimant, targets):
    found = read(nlp, LEAD + sentence)
    assert {(c.claimant, c.target_actor) for c in found.claims if c.stance == "attributes_to"} == {
        (claimant, t) for t in targets}


@pytest.mark.parametrize("sentence", [
    "Kabul has long accused Pakistan of sheltering Taliban leaders.",
    "The governor pointed to the need for more police at bus stations.",
    "The Haqqani network, which is linked to al-Qaeda, operates near the border.",
    "Officials said the work of the rescue teams continued through the night.",
])
def test_charges_and_links_that_attribute_no_attack(nlp, sentence):
    found = read(nlp, LEAD + sentence)
    assert not [c for c in found.claims if c.stance == "attributes_to"]


def test_claimed_responsibility_reads_through_a_misparse(nlp):
    """The small models sometimes hang "responsibility" on a later verb ("X claimed responsibility for
    …, the agency said" with "responsibility" as the subject of "said"); the claim still stands."""
    from spacy.tokens import Doc

    from kg_builder.actors import ActorResolver
    from kg_builder.claims import find_claims

    words = ["Hamas", "claimed", "responsibility", "for", "the", "attack", ",", "its", "radio", "said", "."]
    heads = [1, 1, 9, 2, 5, 3, 9, 8, 9, 1, 1]
    deps = ["nsubj", "ROOT", "nsubj", "prep", "det", "pobj", "punct", "poss", "compound", "ccomp", "punct"]
    pos = ["PROPN", "VERB", "NOUN", "ADP", "DET", "NOUN", "PUNCT", "PRON", "NOUN", "VERB", "PUNCT"]
    lemmas = ["Hamas", "claim", "responsibility", "for", "the", "attack", ",", "its", "radio", "say", "."]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas,
              sent_starts=[True] + [False] * 10)
    doc = nlp.get_pipe("kgb_lexicon")(doc)
    found = find_claims(doc, [doc[:]], ActorResolver(doc), {5: "A1"}, lambda sent: "A1")
    assert [(c.stance, c.claimant, c.attack) for c in found] == [("claims_responsibility", "Hamas", "A1")]


@pytest.mark.parametrize("sentence, denies", [
    ("Al-Shabaab distanced itself from the bombing in a statement.", True),
    ("The Taliban denied the attack.", True),
    ("The Taliban refuted claims that its fighters were involved.", True),
    ("Al-Shabaab distanced itself from a statement posted in its name.", False),
    ("The Taliban rejected the attack on civilians as un-Islamic.", False),
    ("The Taliban denied being behind the bombing.", True),
    ("The Taliban disowned the attack.", True),
    ("The Taliban denied being in the area that day.", False),
    ("The Taliban called the accusations baseless.", True),
    ("A Taliban spokesman said the allegations were false.", True),
    ("A Taliban spokesman described the charge as propaganda.", True),
    ("The Taliban called the attack un-Islamic.", False),
    ("The Taliban said the accusations were serious.", False),
])
def test_denial_phrasings(nlp, sentence, denies):
    found = read(nlp, LEAD + sentence)
    assert bool([c for c in found.claims if c.stance == "denies_responsibility"]) is denies


@pytest.mark.parametrize("sentence, expected", [
    ("According to a statement from Islamic State, its fighters carried out the bombing.",
     {("claims_responsibility", "Islamic State", None)}),
    ("The bombing was carried out by a Taliban suicide bomber, the group said.",
     {("claims_responsibility", "Taliban", None)}),
    ("Police suspect Islamic State militants carried out the attack.",
     {("attributes_to", "Afghan police", "Islamic State")}),
    ("Authorities said they believed the Haqqani network was responsible.",
     {("attributes_to", "Afghan government", "Haqqani network")}),
    ("The interior ministry said the Taliban were behind the attack, a charge the group denied.",
     {("attributes_to", "Afghan Ministry of Interior", "Taliban"), ("denies_responsibility", "Taliban", None)}),
    ("A statement issued by the Taliban said its fighters had stormed the station.",
     {("claims_responsibility", "Taliban", None)}),
])
def test_statements_beliefs_and_retorts(nlp, sentence, expected):
    found = read(nlp, LEAD + sentence)
    assert {(c.stance, c.claimant, c.target_actor) for c in found.claims} == expected


@pytest.mark.parametrize("sentence", [
    "According to witnesses, the bomber arrived on foot.",
    "Authorities said they believed more victims were trapped under the rubble.",
    "Police said the charge sheet would be filed next week.",
])
def test_sources_and_beliefs_that_claim_nothing(nlp, sentence):
    assert read(nlp, LEAD + sentence).claims == ()


def test_a_toll_in_the_description_of_the_claimed_attack_is_the_reports(nlp):
    text = ("Boko Haram on Saturday claimed responsibility for the explosion that ripped through a bus station "
            "in Abuja on Monday, killing at least 70 people.")
    found = read(nlp, text)
    assert not [c for c in found.claims if c.stance == "casualty_claim"]
    assert ("claims_responsibility", "Boko Haram") in stances(found)


def test_a_toll_quoted_from_the_party_is_its_own(nlp):
    text = (LEAD + "\"It was a martyrdom operation which killed 40 soldiers,\" Taliban spokesman "
            "Zabihullah Mujahid said.")
    casualty = [(c.claimant, c.killed.value) for c in read(nlp, text).claims if c.stance == "casualty_claim"]
    assert casualty == [("Taliban", 40)]


def test_a_state_and_its_organ_making_one_attribution_are_one_claim(nlp):
    text = (LEAD + "The Afghan intelligence agency blamed the Haqqani network for the bombing. "
            "The Afghan government also blamed the Haqqani network for the bombing.")
    blamed = [(c.claimant, c.target_actor) for c in read(nlp, text).claims if c.stance == "attributes_to"]
    assert blamed == [("National Directorate of Security", "Haqqani network")]


def test_the_toll_told_with_a_claim_stays_the_attacks_toll(nlp):
    text = ("Boko Haram on Sunday claimed responsibility for the huge explosion earlier this week that tore "
            "through a crowded market in Maiduguri, killing at least 30 people and wounding 52.")
    found = read(nlp, text)
    assert [(a.killed.value, a.injured.value) for a in found.attacks] == [(30, 52)]


def test_a_strike_on_militants_is_claimed_by_the_state_body_that_tells_it(nlp):
    text = ("An air strike hit a building in Gaza City on Sunday, killing 19 people, medics said. The Israeli "
            "military said it had struck a militant command post in the building and killed 19 militants.")
    found = read(nlp, text)
    assert {(c.stance, c.claimant) for c in found.claims} == {
        ("claims_responsibility", "Israeli military"), ("casualty_claim", "Israeli military")}


def test_both_attacks_reach_back_as_far_as_it_takes(nlp):
    filler = " ".join(f"Residents of the district described the scene for the {n} time." for n in
                      ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"))
    text = ("Gunmen attacked a checkpoint in Baghlan on Monday, killing 11 police officers. A separate attack "
            "on a village in Samangan on Monday killed 10 villagers. " + filler +
            " The Taliban claimed both attacks in statements.")
    found = read(nlp, text)
    claimed = sorted(c.attack for c in found.claims if c.stance == "claims_responsibility")
    assert len(claimed) == 2 and len(set(claimed)) == 2


@pytest.mark.parametrize("sentence", [
    "Islamic State has claimed several attacks on the city's bus stations this year.",
    "Al-Shabaab frequently claims attacks on Somali and foreign troops.",
    "The government has accused Islamic State of a string of attacks on Shiite mosques.",
    "The army said it had launched an operation to hunt down the attackers.",
])
def test_attacks_in_general_habits_and_responses_are_no_claims(nlp, sentence):
    assert read(nlp, LEAD + sentence).claims == ()


def test_a_claim_that_mentions_operations_in_its_reason_is_still_a_claim(nlp):
    text = ("Gunmen shot dead a tribal elder outside his home in Bannu on Monday, police said. The Pakistani "
            "Taliban said they had killed him because he had backed military operations against them.")
    assert stances(read(nlp, text)) == {("claims_responsibility", "Tehrik-i-Taliban Pakistan")}


@pytest.mark.parametrize("sentence, claim", [
    ("Kataib Hezbollah said 15 of its fighters were killed in the strikes.", ("Kataib Hezbollah", 15)),
    ("The Taliban said five of their fighters were killed and 20 soldiers died.", ("Taliban", 20)),
])
def test_an_armed_groups_own_losses_are_its_figure_after_its_deed(nlp, sentence, claim):
    text = "US aircraft struck weapons depots near Qaim on Sunday, the Pentagon said. " + sentence
    found = read(nlp, text)
    assert [(c.claimant, c.killed.value) for c in found.claims if c.stance == "casualty_claim"] == [claim]


def test_police_counting_dead_militants_make_no_casualty_claim(nlp):
    text = LEAD + "Police said 25 militants were killed in the fighting that followed."
    assert not [c for c in read(nlp, text).claims if c.stance == "casualty_claim"]


def test_a_strike_that_they_said_killed_is_their_attribution(nlp):
    text = ("Houthi leaders quit the talks on Monday over a Saudi-led coalition airstrike that they said "
            "had killed nine of their supporters.")
    found = read(nlp, text)
    assert ("attributes_to", "Houthis", "Saudi-led coalition") in {
        (c.stance, c.claimant, c.target_actor) for c in found.claims}


def test_a_claim_about_two_attacks_joined_by_and_is_about_each(nlp):
    """Which attack each noun names is the attack reader's decision; given it, the claim is about both."""
    from kg_builder.actors import ActorResolver
    from kg_builder.claims import find_claims

    doc = nlp("\"The siege of the hospital and the bombing of the funeral were both the work of ISIS,\" "
              "the US envoy told reporters.")
    nouns = {t.lower_: t.i for t in doc if t.lower_ in ("siege", "bombing")}
    found = find_claims(doc, list(doc.sents), ActorResolver(doc), {nouns["siege"]: "A1", nouns["bombing"]: "A2"},
                        lambda sent: "A1")
    assert sorted((c.stance, c.target_actor, c.attack) for c in found) == [
        ("attributes_to", "Islamic State", "A1"), ("attributes_to", "Islamic State", "A2")]


def test_responsibility_is_for_what_it_names_not_an_attack_named_beside_it(nlp):
    text = ("Gunmen stormed a hospital in Kabul on Tuesday, killing 16 people. A suicide bomber killed 24 "
            "mourners at a funeral in Jalalabad on Tuesday. On the day of the hospital attack, Islamic State "
            "claimed responsibility for the bombing at the funeral.")
    found = read(nlp, text)
    funeral = next(a.key for a in found.attacks if a.place == "Jalalabad")
    assert [c.attack for c in found.claims if c.stance == "claims_responsibility"] == [funeral]


def test_an_accusation_is_about_the_deed_its_charge_names(nlp):
    text = ("Coalition jets struck a market in Sanaa on Sunday, killing 12 people. At the talks, the "
            "government delegation accused the Houthis of shelling army positions near Aden on Monday.")
    found = read(nlp, text)
    shelling = next(a.key for a in found.attacks if a.kind == "Shelling")
    assert [(c.claimant, c.target_actor, c.attack) for c in found.claims if c.stance == "attributes_to"] == [
        ("Yemeni government", "Houthis", shelling)]


@pytest.mark.parametrize("speaker", ["the government delegation", "government negotiators", "the government side"])
def test_a_government_delegation_speaks_for_the_government(nlp, speaker):
    text = (f"Rebels shelled a market in Aden on Monday, killing six people. At the talks, {speaker} "
            "blamed the Houthis for the shelling.")
    assert {(c.claimant, c.target_actor) for c in read(nlp, text).claims if c.stance == "attributes_to"} == {
        ("Yemeni government", "Houthis")}


def test_a_charge_of_another_deed_attributes_no_attack(nlp):
    text = ("Rebels shelled a market in Aden on Monday, killing six people. At the talks, the government "
            "delegation accused the Houthis of breaking the truce.")
    assert not [c for c in read(nlp, text).claims if c.stance == "attributes_to"]


@pytest.mark.parametrize("sentence, expected", [
    ("Washington has promised a response to a string of attacks on its bases, which it blames on Kataib "
     "Hezbollah.", set()),  # attacks in general, not the one reported
    ("The bombing, which the interior ministry blamed on Islamic State, was the third this month.",
     {("Iraqi Ministry of Interior", "Islamic State")}),
])
def test_a_blame_in_a_relative_clause_is_about_what_the_clause_is_said_of(nlp, sentence, expected):
    found = read(nlp, "A roadside bomb killed four soldiers near Kirkuk on Sunday. " + sentence)
    assert {(c.claimant, c.target_actor) for c in found.claims if c.stance == "attributes_to"} == expected


@pytest.mark.parametrize("blamed, expected", [
    ("pro-Iran factions", set()),
    ("an anti-Taliban militia", set()),
    ("Taliban fighters", {"Taliban"}),
])
def test_a_side_a_group_is_on_is_not_the_group(nlp, blamed, expected):
    text = (f"Gunmen stormed a checkpoint in Kunduz on Monday, killing six soldiers. The interior ministry "
            f"blamed {blamed} for the attack.")
    assert {c.target_actor for c in read(nlp, text).claims if c.stance == "attributes_to"} == expected


@pytest.mark.parametrize("sentence, blamed", [
    ("The interior ministry said Islamic State was responsible for the bombing.", {"Islamic State"}),
    ("The interior ministry said Islamic State was responsible for killing the passengers.", {"Islamic State"}),
    ("The interior ministry said Islamic State was responsible.", {"Islamic State"}),
    ("The interior ministry said Islamic State was responsible for security lapses in the city.", set()),
])
def test_responsible_for_a_deed_not_for_something_else(nlp, sentence, blamed):
    found = read(nlp, LEAD + sentence)
    assert {c.target_actor for c in found.claims if c.stance == "attributes_to"} == blamed


@pytest.mark.parametrize("text, expected", [
    # the attacks the sentence itself reports are the ones claimed
    ("Gunmen opened fire on a bus in Peshawar on Sunday, killing eight passengers. Three bombs went off at "
     "markets in Quetta on Monday, killing 11 people in attacks claimed by the Pakistani Taliban.",
     {("Tehrik-i-Taliban Pakistan", "Quetta")}),
    # a sentence that reports no attack of its own speaks of attacks in general
    ("Gunmen opened fire on a bus in Peshawar on Sunday, killing eight passengers. The province has seen "
     "dozens of deaths this year in attacks claimed by the Pakistani Taliban.", set()),
])
def test_a_bare_plural_claimed_by_is_about_the_sentences_own_attacks(nlp, text, expected):
    found = read(nlp, text)
    where = {a.key: a.evidence.text for a in found.attacks}
    assert {(c.claimant, "Quetta" if "Quetta" in where[c.attack] else "Peshawar") for c in found.claims
            if c.stance == "claims_responsibility"} == expected


def test_a_state_body_telling_its_forces_killed_someone_claims_that_killing(nlp):
    text = ("A car bomb exploded outside a police station in Kunduz on Sunday, killing four officers. The blast "
            "came hours after the Afghan intelligence agency said an Islamic State commander had been killed by "
            "Afghan special forces in Kunduz province.")
    found = read(nlp, text)
    claims = [(c.claimant, c.attack) for c in found.claims if c.stance == "claims_responsibility"]
    killing = [a.key for a in found.attacks if "commander" in a.evidence.text and a.key != "A1"]
    assert claims == [("National Directorate of Security", killing[0])]
    assert not [c for c in found.claims if c.attack == "A1"]  # the car bomb is not the agency's deed


def test_special_forces_of_a_state_are_its_army(nlp):
    text = "Two Islamic State commanders were killed by Iraqi special forces in a raid near Mosul on Monday."
    found = read(nlp, text)
    assert found.attacks and "Iraqi security forces" in found.attacks[0].perpetrators


@pytest.mark.parametrize("sentence, expected", [
    # disputing another party's claim is no denial of one's own part
    ("The Taliban claimed the attack, but the defence ministry dismissed the group's claim as propaganda.",
     {("claims_responsibility", "Taliban")}),
    ("The army rejected the Taliban's claim that its fighters had killed 40 soldiers.", set()),
    ("Islamic State claimed the attack. The Taliban denied any link to the Islamic State group.",
     {("claims_responsibility", "Islamic State")}),
    # a denied tie to the attack, an accusation, or claims about oneself are denials
    ("The Taliban denied any link to the bombing.", {("denies_responsibility", "Taliban")}),
    ("The Taliban rejected the government's accusation.", {("denies_responsibility", "Taliban")}),
    ("The Taliban rejected claims that they were behind the bombing.", {("denies_responsibility", "Taliban")}),
])
def test_disputing_anothers_claim_or_ties_is_not_a_denial(nlp, sentence, expected):
    assert stances(read(nlp, LEAD + sentence)) == expected


@pytest.mark.parametrize("sentence, expected", [
    # "loyalists" left bare are the armed group named before, as "the militants" are
    ("Islamic State has been active in the province for years. The loyalists claimed responsibility for "
     "the bombing in a statement released on Tuesday.", {("claims_responsibility", "Islamic State")}),
    # loyalists of someone else are not that group
    ("Islamic State has been active in the province for years. Government loyalists denied any involvement "
     "in the bombing.", set()),
])
def test_loyalists_are_the_group_named_before(nlp, sentence, expected):
    assert stances(read(nlp, LEAD + sentence)) == expected


BLANKET_DENIAL = "A Taliban spokesman said the group was not involved in any of these attacks."


@pytest.mark.parametrize("second, denied", [
    # a state's own operation is not among the attacks a group disowns
    ("On Saturday the Afghan army said its soldiers killed a local Islamic State leader in an air strike in "
     "Ghazni province.", {"ArmedAssault"}),
    # attacks by unnamed doers are
    ("On Saturday a roadside bomb killed two soldiers near Ghazni.", {"ArmedAssault", "Bombing"}),
])
def test_a_blanket_denial_is_not_about_a_states_own_operation(nlp, second, denied):
    text = ("Gunmen stormed a police post in Ghazni, Afghanistan, on Sunday, killing four officers. "
            + second + " " + BLANKET_DENIAL)
    found = read(nlp, text)
    kinds = {a.key: a.kind for a in found.attacks}
    assert {kinds[c.attack] for c in found.claims
            if c.stance == "denies_responsibility" and c.claimant == "Taliban"} == denied


def test_the_group_after_a_descriptor_and_its_name_is_the_named_group(nlp):
    # "the militant group X … the group said": X speaks, not a claimant called "militant group"
    found = read(nlp, "The militant group Al Shabaab claimed Wednesday's bomb explosion in Mogadishu. The group "
                      "said in a statement that its fighters had carried out the attack.")
    assert {claimant for _, claimant in stances(found)} == {"Al-Shabaab"}


def test_a_group_known_only_by_what_it_is_claims_nothing(nlp):
    found = read(nlp, "A bomb exploded at a bus station in Kano on Monday, killing 12 people. A little-known "
                      "militant group said in a statement that it had carried out the bombing.")
    assert not found.claims


def test_its_losses_belong_to_the_body_that_speaks_not_the_group_named_before(nlp):
    # the coalition's name is a proper-noun modifier the parser may attach as nmod; "its" is the coalition's
    text = ("A bomb hit a convoy in Kabul on Monday, killing two soldiers. The Taliban could not be reached for "
            "comment. The Zeta international military coalition gave no details but said two of its soldiers died.")
    assert "Taliban" not in {claimant for _, claimant in stances(read(nlp, text))}


STRIKE = "US aircraft bombed three weapons depots of the Kataib Hezbollah militia in Iraq on Sunday. "


@pytest.mark.parametrize("text, expected", [
    # a state's organ telling that the state's own forces did it claims the deed, blames no one
    (STRIKE + "The Pentagon said US forces had conducted the strikes.",
     {("claims_responsibility", "Pentagon", None)}),
    # the doers of the attacks the deed answers are not its doers
    (STRIKE + "The Pentagon said US forces had struck the depots in response to repeated Kataib Hezbollah "
              "attacks on bases.", {("claims_responsibility", "Pentagon", None)}),
    # another state's forces are still blamed
    ("A rocket hit a base housing US troops near Baghdad on Sunday. The Pentagon said Iranian forces had "
     "conducted the attack.", {("attributes_to", "Pentagon", "Iran")}),
])
def test_a_state_telling_its_own_deed_blames_no_one(nlp, text, expected):
    assert {(c.stance, c.claimant, c.target_actor) for c in read(nlp, text).claims} == expected


HOSPITAL = "Gunmen stormed a maternity hospital in Kabul on Tuesday, killing 24 people. "


@pytest.mark.parametrize("sentence, corrected", [
    ("The US envoy said Islamic State fighters had staged the raid, not the Taliban as Afghan officials had "
     "first assumed.", {("Afghan government", "Taliban")}),
    ("The US envoy said the raid was staged by Islamic State fighters and not by the Taliban, as was initially "
     "suspected by Afghan officials.", {("Afghan government", "Taliban")}),
    ("The US envoy said Islamic State fighters had staged the raid instead of the Taliban, as Afghan police had "
     "first reported.", {("Afghan police", "Taliban")}),
    # no believer named: nobody's blame (not the envoy's, who says the opposite)
    ("The US envoy said Islamic State fighters had staged the raid, not the Taliban as first assumed.", set()),
    # "as Z said" with no sign of an earlier account may be Z's own correction
    ("The US envoy said Islamic State fighters had staged the raid, not the Taliban, as Afghan officials said.",
     set()),
    # an "as" clause that agrees sets no one aside
    ("The US envoy said the raid was staged by Islamic State fighters, as Afghan officials had first assumed.",
     set()),
])
def test_a_belief_the_report_corrects_is_still_the_believers_blame(nlp, sentence, corrected):
    found = read(nlp, HOSPITAL + sentence)
    assert {(c.claimant, c.target_actor) for c in found.claims if c.evidence.rule == "corrected-belief"} == corrected
    assert ("attributes_to", "United States", "Islamic State") in {(c.stance, c.claimant, c.target_actor)
                                                                  for c in found.claims}


@pytest.mark.parametrize("sentence", [
    "Afghan officials had blamed the Taliban for the raid.",
    "Afghan officials initially blamed the Taliban for the raid.",
    "Afghan officials previously blamed the Taliban for the raid.",
])
def test_an_earlier_blame_is_still_a_blame(nlp, sentence):
    assert {(c.stance, c.claimant, c.target_actor) for c in read(nlp, HOSPITAL + sentence).claims} == {
        ("attributes_to", "Afghan government", "Taliban")}


def test_an_outlet_that_carries_or_reports_a_statement_is_no_claimant(nlp):
    # outlets the gazetteer lacks, known by how their names end
    text = ("A bomb killed nine people at a cafe in Kano on Monday. The Vanguard Liberation Front denied any "
            "involvement, according to a statement carried by the Sahel Info Agency.")
    assert "Sahel Info Agency" not in {claimant for _, claimant in stances(read(nlp, text))}
    text = ("A bomb killed nine people at a cafe in Kano on Monday. A ministry spokesman dismissed the claim, "
            "the state-run Kano State Television reported.")
    assert not read(nlp, text).claims


def test_the_group_a_party_is_linked_to_is_not_the_party(nlp):
    text = "Somalia's al-Qaeda-linked al-Shabaab militia denied responsibility for a grenade attack in Nairobi on Saturday."
    assert stances(read(nlp, text)) == {("denies_responsibility", "Al-Shabaab")}


def test_bearing_no_responsibility_is_a_denial(nlp):
    text = ("A grenade attack killed seven people at a bus station in Nairobi on Saturday. Al-Shabaab bears no "
            "responsibility whatsoever for the attack, the militia said in a statement.")
    assert stances(read(nlp, text)) == {("denies_responsibility", "Al-Shabaab")}
    text = ("A grenade attack killed seven people at a bus station in Nairobi on Saturday. Al-Shabaab bears full "
            "responsibility for the attack, the militia said in a statement.")
    assert stances(read(nlp, text)) == {("claims_responsibility", "Al-Shabaab")}


def test_an_acronym_the_article_defines_is_the_same_claimant(nlp):
    text = ("A bomb tore through a market in Quetta on Wednesday, killing 20 people. The Zarghun Liberation Army (ZLA) "
            "said it staged the attack. On Thursday the ZLA also claimed responsibility for a blast on a train in "
            "Sibi that killed 13 people.")
    assert {claimant for _, claimant in stances(read(nlp, text))} == {"Zarghun Liberation Army"}


def test_a_body_a_party_runs_speaks_for_it_and_its_toll_is_its_claim(nlp):
    text = ("Air strikes hit a detention centre in Dhamar province on Sunday, killing more than 100 people, the Red "
            "Cross said. The Houthi-run health ministry put the death toll at 123.")
    found = read(nlp, text)
    assert [a.killed.value for a in found.attacks] == [100]
    assert [(c.stance, c.claimant, c.killed.value) for c in found.claims] == [("casualty_claim", "Houthis", 123)]
    # a body linked to a party is not run by it
    assert read(nlp, "Air strikes hit a market in Dhamar on Sunday. The al-Qaeda-linked health office put the "
                     "death toll at 12.").claims == ()


def test_a_party_that_claims_a_strike_and_denies_what_it_hit_does_not_deny_the_strike(nlp):
    text = ("Air strikes hit a detention centre in Dhamar province on Sunday, killing 100 people. The Saudi-led "
            "coalition said it had targeted a Houthi military site, and denied hitting a prison.")
    assert stances(read(nlp, text)) == {("claims_responsibility", "Saudi-led coalition")}


def test_an_attack_on_a_party_blamed_on_no_one_is_no_attribution(nlp):
    # the attack noun's own "on" phrase is its target when it names a thing, even a party's thing
    found = read(nlp, "A suicide bomber killed 14 people at a Taliban checkpoint in Kandahar on Monday. "
                      "Officials blamed the attack on the Taliban checkpoint on lax security.")
    assert [c for c in found.claims if c.stance == "attributes_to"] == []
    found = read(nlp, LEAD + "Officials blamed the bombing on the Haqqani network and the Taliban.")
    assert [c.target_actor for c in found.claims] == ["Haqqani network", "Taliban"]


MALI = "Gunmen killed 30 villagers in central Mali on Sunday. "


@pytest.mark.parametrize("sentence", [
    # the head or a commander of a party speaks of "his fighters", "his men": the party's own
    "The leader of JNIM denied that his fighters were involved in the attack.",
    "A JNIM commander denied that his men carried out the attack.",
    # a denial told as a negated deed, also a massacre
    "JNIM said its fighters did not massacre the villagers.",
])
def test_a_party_denies_through_its_men(nlp, sentence):
    found = read(nlp, MALI + sentence)
    assert stances(found) == {("denies_responsibility", "Jama'at Nasr al-Islam wal Muslimin")}


def test_a_denied_figure_is_no_casualty_claim(nlp):
    found = read(nlp, MALI + "JNIM said it did not kill 30 villagers.")
    assert stances(found) == {("denies_responsibility", "Jama'at Nasr al-Islam wal Muslimin")}


def test_a_place_in_a_clause_about_the_speaker_is_not_its_party(nlp):
    # "the head of a militia blamed for a massacre in central Mali" does not speak for Mali
    found = read(nlp, MALI + "The head of a militia blamed for a massacre in central Mali denied that his "
                             "fighters were involved in the attack.")
    assert [c for c in found.claims if c.claimant == "Mali"] == []


def test_an_operation_of_another_kind_a_party_says_it_did_is_not_the_attack(nlp):
    found = read(nlp, MALI + "The Malian government blamed Katiba Macina for the killings, and says it has "
                             "carried out air strikes against the group.")
    assert stances(found) == {("attributes_to", "Malian government")}
    found = read(nlp, "Gunmen stormed a village in Borno on Sunday, killing 30 people. "
                      "Boko Haram said its fighters carried out raids on the village.")
    assert stances(found) == {("claims_responsibility", "Boko Haram")}


@pytest.mark.parametrize("text, claimant", [
    ("An Israeli air strike on a school in Gaza City killed 14 people on Friday. "
     "The Israeli military said the strike targeted Hamas militants.", "Israeli military"),
    ("A US drone strike killed five people in Somalia on Friday. The Pentagon said the strike targeted "
     "al-Shabaab fighters.", "Pentagon"),
])
def test_the_doer_the_narration_names_telling_what_its_strike_did_owns_it(nlp, text, claimant):
    assert stances(read(nlp, text)) == {("claims_responsibility", claimant)}


def test_another_party_telling_what_a_strike_did_owns_nothing(nlp):
    text = ("An Israeli air strike on a school in Gaza City killed 14 people on Friday. "
            "Hamas said the strike targeted civilians.")
    assert [c for c in read(nlp, text).claims if c.stance == "claims_responsibility"] == []


def test_a_figure_a_state_body_claims_is_not_another_attack(nlp):
    text = ("A Russian missile attack on the city of Kharkiv killed at least 18 people on Friday. Russia's defence "
            "ministry later claimed a missile strike had targeted a meeting of commanders, and that up to 85 were killed.")
    assert [(a.place, a.killed.value) for a in read(nlp, text).attacks] == [("Kharkiv", 18)]
