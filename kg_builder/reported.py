"""Reported speech in a parse: which clause a reporting verb reports, its subject, negation and modality.

"The group said its fighters killed 50" reports "its fighters killed 50"; "'… a bombing which killed
10 soldiers,' the spokesman said" reports the quote; "claimed responsibility for the attack, which
killed seven" reports no toll. "No group has claimed", "has yet to claim" are negated; "they would
attack" is a threat. Word lists are in ``data/lexicon/claims.json``.
"""
from __future__ import annotations

from spacy.tokens import Token

from .nlp import read_lexicon
from .timex import in_quote

_LEX = read_lexicon("claims")
REPORTING = set(_LEX["reporting_verbs"])
BELIEF_VERBS = set(_LEX["belief_verbs"])
NEGATIVE = set(_LEX["negative_subjects"])
MODALS = set(_LEX["modal_words"])


def reporting_verb(verb: Token) -> Token | None:
    """The reporting verb whose reported clause holds ``verb`` ("the group said its fighters killed 50",
    "'… a bombing which killed 10 soldiers,' the spokesman said"), or None. A figure told beside a claim
    ("claimed responsibility for the attack, which killed seven") or in what describes the attack it
    names ("claimed the explosion that ripped through the station, killing 75") is the report's."""
    reported = False
    node = verb
    while node.head.i != node.i:
        relative = any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("that", "which", "who") for c in node.children)
        reported = reported or node.dep_ in ("ccomp", "xcomp", "parataxis") and not relative  # a misparsed relative clause
        below, node = node, node.head
        if node.pos_ in ("NOUN", "PROPN"):
            # "claimed the explosion that ripped through …, killing 75", "said it was behind the attack on the
            # mall that killed 67": what the noun is, told by the report (unless the party's own quoted words;
            # "… overran the post, where they killed 60" is still what the party says its men did)
            if (relative or below.dep_ == "acl") and not in_quote(verb):
                return None
            reported = False
        if node.pos_ == "VERB" and node.lemma_.lower() in REPORTING:
            return node if reported else None
    return None


def innermost(clause: Token) -> Token:
    """"they believed the Haqqani network was responsible": what a belief verb in the reported clause
    holds is the claim, and its subject is the one said to be behind it."""
    while clause.lemma_.lower() in BELIEF_VERBS:
        inner = next((c for c in clause.children if c.dep_ == "ccomp"), None)
        if inner is None:
            break
        clause = inner
    return clause


def reported_clauses(verb: Token) -> list[Token]:
    """What a reporting verb reports: its complement clauses, also "said in a statement that …" and
    "told a radio station the group was …" where the parser hangs the clause on a noun."""
    found = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp")]
    for child in verb.children:
        if child.dep_ in ("dobj", "prep", "dative"):
            for node in child.subtree:
                if node.dep_ in ("acl", "relcl", "ccomp") and node.pos_ in ("VERB", "AUX") \
                        and subject_of(node) is not None and subject_of(node).lower_ not in ("which", "who"):
                    found.append(node)
    return found


def subject_of(verb: Token) -> Token | None:
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
    if subject is None and verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        return subject_of(verb.head)
    return subject


def negated(verb: Token) -> bool:
    """"did not claim", "no group has claimed", "nobody claimed", "has yet to claim"."""
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    subject = subject_of(verb)
    if subject is not None and (subject.lower_ in NEGATIVE or any(
            c.dep_ == "det" and c.lower_ in NEGATIVE for c in subject.children)):
        return True
    if verb.dep_ == "xcomp" and any(c.lower_ == "yet" for c in verb.head.children):
        return True
    return any(c.lower_ == "yet" and c.dep_ == "advmod" for c in verb.children) and \
        any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def modal(clause: Token) -> bool:
    """"they would attack", "it will target": a threat, not a claim."""
    return any(c.dep_ == "aux" and c.lower_ in MODALS for c in clause.children)

