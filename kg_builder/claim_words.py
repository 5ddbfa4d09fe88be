"""The word lists of the claim rules (``data/lexicon/claims.json``), read once for all claim modules."""
from __future__ import annotations

from .nlp import read_lexicon

LEX = read_lexicon("claims")
RESPONSIBILITY_OBJECTS = set(LEX["responsibility_objects"])
RESPONSIBILITY_VERBS = set(LEX["responsibility_verbs"])
BEHIND = tuple(LEX["behind_phrases"])
DENIAL_VERBS = set(LEX["denial_verbs"])
DENIAL_OBJECTS = set(LEX["denial_objects"]) | RESPONSIBILITY_OBJECTS
OWN_CLAIM_NOUNS = set(LEX["own_claim_nouns"])
TIE_NOUNS = set(LEX["tie_nouns"])
NOT_INVOLVED = tuple(LEX["not_involved_phrases"])
ATTRIBUTION_VERBS = set(LEX["attribution_verbs"])
REPORTING = set(LEX["reporting_verbs"])
PERPETRATION = set(LEX["perpetration_verbs"])
CONTROL = tuple(LEX["control_phrases"])
CAPTIVES = set(LEX["captive_nouns"])
ATTACK_NOUNS = set(LEX["attack_nouns"])
SELF_PRONOUNS = set(LEX["self_pronouns"])
MEMBERS = set(LEX["member_nouns"])
GROUP_NOUNS = set(LEX["group_nouns"])
NON_ASSERTIVE = set(LEX["non_assertive_marks"])
SEVERAL = dict(LEX["several_attack_words"])
ATTACKERS = set(read_lexicon("attacks")["attacker_nouns"])
GENERIC_SPEAKERS = set(LEX["generic_speakers"])
ASSAILANTS = set(LEX["assailant_nouns"])
GENERAL_WORDS = set(LEX["general_quantifiers"])
HABITUAL = set(LEX["habitual_adverbs"])
CLAIMING = RESPONSIBILITY_VERBS | DENIAL_VERBS | ATTRIBUTION_VERBS
ATTRIBUTION_FRAMES = dict(LEX["attribution_frames"])
WORK_NOUNS = set(LEX["work_nouns"])
CORRECTIONS = tuple(LEX["correction_words"])  # "not", "rather than", "instead of" the doer a report sets aside
CORRECTED_BELIEFS = set(LEX["belief_verbs"]) | set(LEX["corrected_belief_verbs"])
CORRECTION_ADVERBS = set(LEX["correction_adverbs"])  # "as officials first reported": a report since set aside
DISTANCING = set(LEX["distancing_verbs"])
ACCUSATIONS = set(LEX["accusation_nouns"])
FALSE_WORDS = set(LEX["false_words"])
CALLING = set(LEX["calling_verbs"])
CLAIM_VERBS = set(LEX["casualty_claim_verbs"])
TOLL_VERBS = set(LEX["toll_verbs"])
TOLL_NOUNS = set(LEX["toll_nouns"])
TOLL_COPULAS = dict(LEX["toll_copulas"])
DEATH_WORDS = set(LEX["death_words"])
WHOLE_TOLL = set(LEX["whole_toll_nouns"])
WINDOW = 8  # sentences back in which "the attacks" / "both attacks" find their attacks
NEAR = 2  # a sentence without an attack of its own is about the last one read if it is this close
