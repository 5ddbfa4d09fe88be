"""Which words report a negotiation: the trigger's kind, and the triggers that report none.

A noun ("talks", "the sixth round", "a deal") or verb ("met", "negotiated") is a trigger; it reports
no negotiation when the talks are only called for, planned and dropped, a session of talks already
read, business, a body meeting among itself, or an agreement only sought ("a possible deal",
"failed to reach an agreement"). Words from negotiation_words (data/lexicon/negotiations.json).
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from .negotiation_words import (BUSINESS, CALL, CALL_WITH_FOR, COMPLETE, CONTEXT, FAILURE, INTERNAL_BODIES, NEARING,
                                NEARING_ADJ, NEEDS_CONTEXT, NOMINAL_ACTS, NOUN_KIND, PLAN, REALIZE, SOUGHT, UNREALIZED,
                                VERB_KIND, noun_kind)
from .reported import negated

POSSIBLE = frozenset({"could", "might", "may", "can", "should"})  # a modal of what is only possible
from .timex import TimePhrase, tense_of, verb_of


def realized(token: Token, times: list[TimePhrase]) -> bool:
    """An agreement that exists or is fixed for a date, not one sought, drafted or negotiated:
    "signed an agreement", "the deal reached in February", "the February deal", "the US-Taliban deal"."""
    if any(c.lower_ in UNREALIZED for c in token.children) or token.head.lower_ == "without":
        return False  # "a possible deal", "talks ended without an agreement"
    governors = [c for c in token.children if c.dep_ == "acl"]
    if token.dep_ in ("dobj", "nsubjpass", "nsubj") and token.head.pos_ in ("VERB", "AUX"):
        governors.append(token.head)
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lemma_.lower() in NOMINAL_ACTS:
        return True  # "the signing of the agreement"
    if token.dep_ == "pobj" and token.head.lower_ in ("to", "on", "upon") and token.head.head.pos_ == "VERB":
        governors.append(token.head.head)  # "agreed to a ceasefire", "signed off on a truce"
    if any(_unreached(v) for v in governors):
        return False  # "failed to reach a deal", "did not sign the accord", "ended without reaching an agreement"
    if any(v.lemma_.lower() in REALIZE and tense_of(v) != "future" for v in governors):
        return True
    if any(v.lemma_.lower() in COMPLETE and v.tag_ in ("VBD", "VBN") and tense_of(v) == "past" for v in governors):
        return True  # "finalized its deal in February", but "were finalising a deal" is still sought
    if any(token.left_edge.i <= p.root.i <= token.right_edge.i for p in times):
        return True
    definite = any(c.lower_ in ("the", "this", "that", "its", "their") for c in token.children)
    named = any(c.dep_ in ("compound", "amod", "nmod", "poss") and (c.ent_type_ in ("GPE", "NORP", "ORG", "DATE")
                                                                   or c.pos_ == "PROPN") for c in token.children)
    return definite and named and not any(v.lemma_.lower() in SOUGHT for v in governors)


def _unreached(verb: Token) -> bool:
    """A verb of agreeing that did not happen: negated, under "without", only possible ("could be
    reached"), or what a failure word governs."""
    if negated(verb) or verb.dep_ == "pcomp" and verb.head.lower_ == "without":
        return True
    if any(c.dep_ == "aux" and c.lower_ in POSSIBLE for c in verb.children):
        return True  # "hopes that a ceasefire agreement could be reached"
    return verb.dep_ in ("xcomp", "acl") and verb.head.lemma_.lower() in FAILURE


def nearing(token: Token) -> bool:
    """"are nearing a deal", "are close to an agreement": an agreement not reached, talks under way."""
    head = token.head
    if token.dep_ == "dobj" and head.lemma_.lower() in NEARING:
        return True
    return token.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ in NEARING_ADJ


def only_called_for(token: Token) -> bool:
    """"called for talks", "urged both sides to return to talks", "refused to hold talks", "ready for
    talks", "a call for talks": talks sought, offered or refused, not held. The chain from the trigger
    up to its clause (through prepositions, objects and infinitives) meets a call word."""
    node = token
    while node.head.i != node.i and node.dep_ in ("pobj", "prep", "dobj", "xcomp", "acomp", "pcomp", "conj") \
            or node.dep_ == "advcl" and any(c.lower_ == "to" for c in node.children if c.dep_ == "aux"):
        below, node = node, node.head
        word = node.lemma_.lower() if node.lemma_.lower() in CALL else node.lower_
        if word in CALL and (word not in CALL_WITH_FOR or below.lower_ == "for"):
            return True
    return False


def fell_through(token: Token) -> bool:
    """"had planned to travel to Washington for talks": a plan told in the past perfect did not happen."""
    return any(a.lemma_.lower() in PLAN and any(c.lower_ == "had" for c in a.children if c.dep_ == "aux")
               for a in token.ancestors if a.pos_ == "VERB")


def session_of_talks(token: Token) -> bool:
    """"negotiators were meeting in Doha for peace talks": the meeting is a session of the talks."""
    if token.pos_ != "VERB":
        return False
    objects = [c for c in token.children if c.dep_ == "dobj"]  # "to meet the TTP leadership for talks"
    return any(prep.dep_ == "prep" and prep.lower_ in ("for", "at", "during", "in") and any(
        noun_kind(p) in ("Talks", "NegotiationRound")
        for p in prep.children if p.dep_ == "pobj") for node in (token, *objects) for prep in node.children)


def _negotiation_verb(verb: Token) -> bool:
    """"met for a fourth round", "held a second round": a verb that says a round is negotiated."""
    return verb.lemma_.lower() in VERB_KIND and verb.lemma_.lower() != "sign"


def kind_of(token: Token, sent: Span, after_talks: bool = False) -> str | None:
    lemma, lower = token.lemma_.lower(), token.lower_
    if token.pos_ in ("NOUN", "PROPN"):
        kind = noun_kind(token)
        if kind is None:
            return None
        if (lemma in NEEDS_CONTEXT or lower in NEEDS_CONTEXT) and not any(
                t.lower_ in CONTEXT for t in sent if t.i != token.i):
            return None
        if kind == "NegotiationRound" and not after_talks and not any(t.lower_ in ("talks", "negotiations") for t in token.subtree) \
                and not _negotiation_verb(verb_of(token)):
            return None  # "the round began on June 25" only once talks have been named, or met for
        if token.dep_ == "compound" or _commerce(token) or kind == "Meeting" and _internal(token):
            return None
        if token.dep_ == "pobj" and token.head.lower_ == "of" and noun_kind(token.head.head):
            return None  # "a round of talks": one mention, read at "round"
        return kind
    if token.pos_ == "VERB" and lemma in VERB_KIND and token.dep_ != "amod" and not _internal(token):
        # ("a negotiated settlement" is no talks)
        if lemma == "sign" and not any(c.lemma_ in NOUN_KIND for c in token.children if c.dep_ == "dobj"):
            return None
        if lemma == "sign":
            return None  # the object noun ("signed an agreement") is the trigger
        return VERB_KIND[lemma]
    return None


def _commerce(token: Token) -> bool:
    """"A gas supply deal", "an agreement on trade", "trade talks", "a deal to buy the club": business,
    not a conflict's negotiation."""
    topics = [c for c in token.children if c.dep_ in ("compound", "amod", "nmod")]
    topics += [t for c in list(topics) for t in c.children if t.dep_ == "compound"]  # "gas supply"
    topics += [c for c in token.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB"]  # "a deal to buy the club"
    topics += [p for prep in token.children if prep.dep_ == "prep" and prep.lower_ in ("on", "over", "for")
               for p in prep.children if p.dep_ == "pobj"]
    return any(t.lemma_.lower() in BUSINESS or t.lower_ in BUSINESS for t in topics)


def _internal(token: Token) -> bool:
    """"The cabinet met", "a cabinet meeting", "parliament met": a body meeting among its own members."""
    if token.pos_ == "VERB":
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        return bool(subjects) and all(s.lemma_.lower() in INTERNAL_BODIES and not s.conjuncts for s in subjects) \
            and not any(c.dep_ in ("dobj", "prep") and (c.lower_ == "with" or c.dep_ == "dobj") for c in token.children)
    return any(c.dep_ in ("compound", "amod", "poss") and c.lemma_.lower() in INTERNAL_BODIES for c in token.children)
