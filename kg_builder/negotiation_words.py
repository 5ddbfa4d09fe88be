"""The words negotiation reports are read by, from data/lexicon/negotiations.json (its "_doc" says
what each list is for), defined once for the negotiation modules."""
from __future__ import annotations

from spacy.tokens import Token

from .nlp import read_lexicon

LEX = read_lexicon("negotiations")
NOUN_KIND = {w: k for k, words in LEX["nouns"].items() for w in words if " " not in w}
VERB_KIND = {w: k for k, words in LEX["verbs"].items() for w in words}
NEEDS_CONTEXT = set(LEX["noun_needs_context"])
CONTEXT = set(LEX["context_words"])
BEGIN = set(LEX["begin_verbs"])
END = set(LEX["end_verbs"])
ONGOING = set(LEX["ongoing_markers"])
PLANNED = set(LEX["planned_markers"])
REALIZE = set(LEX["realize_verbs"])
FAILURE = set(LEX["failure_words"])
SOUGHT = set(LEX["sought_verbs"])
UNREALIZED = set(LEX["unrealized_modifiers"])
UMBRELLA = set(LEX["umbrella_nouns"])
TRAVEL = set(LEX["travel_verbs"])
COMPLETE = set(LEX["completion_verbs"])
NEARING = set(LEX["nearing_verbs"])
NEARING_ADJ = set(LEX["nearing_adjectives"])
DECIDE = set(LEX["decision_verbs"])
NOMINAL_ACTS = set(LEX["nominal_acts"])
WALKOUT = set(LEX["walkout_verbs"])
CALL = set(LEX["call_words"])
CALL_WITH_FOR = set(LEX["call_words_with_for"])
PLAN = set(LEX["plan_verbs"])
VENUE = set(LEX["venue_verbs"])
TOWN_NOUNS = set(LEX["town_nouns"])
GOVERNMENT_SIDE = set(LEX["side_nouns"])
DIPLOMATIC_BODIES = tuple(LEX["diplomatic_bodies"])
PARTY_WORDS = set(LEX["both_parties"])
MEDIATION_VERBS = set(LEX["mediation_verbs"])
MEDIATOR_NOUNS = set(LEX["mediator_nouns"])
MEDIATION_PARTICIPLES = set(LEX["mediation_participles"])
RESCHEDULE = set(LEX["reschedule_verbs"])
AUSPICES = set(LEX["auspices_nouns"])
NEWS_AGENCIES = {name.lower() for name in LEX["news_agencies"]}
PARTY_VERBS = set(LEX["party_verbs"])
OPPOSITION = set(LEX["opposition_nouns"])
OBSERVERS = set(LEX["observer_nouns"])
PROXY_VERBS = set(LEX["proxy_verbs"])
BUSINESS = set(LEX["business_topics"])
INTERNAL_BODIES = set(LEX["internal_bodies"])
SPANS = set(LEX["span_nouns"])
RESUME = set(LEX["resume_verbs"])
ARMED = set(LEX["armed_group_words"])
PROGRESSIVE_AUX = frozenset({"is", "are", "was", "were", "been", "'re", "’re"})
LOCATIVE = {"in", "at", "inside"}
ORDINALS = {w: i for i, w in enumerate("zeroth first second third fourth fifth sixth seventh eighth ninth "
                                       "tenth eleventh twelfth".split())}
FAMILY = {"Talks": "talks", "NegotiationRound": "talks", "Meeting": "meeting", "Agreement": "agreement"}


def noun_kind(token: Token) -> str | None:
    """The negotiation kind a noun names, by its form or its lemma ("talks", "meetings")."""
    return NOUN_KIND.get(token.lower_) or NOUN_KIND.get(token.lemma_.lower())
