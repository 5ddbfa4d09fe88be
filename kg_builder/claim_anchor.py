"""Which attack a claim is about: the attack its words name, "both attacks", the participle's noun, else the last one read.

A claim's attack noun anchors it ("responsibility for the bombing at the market"); a plural or
counted noun ("the attacks", "both attacks", "either attack") is about each of the attacks read just
before it; a bare plural ("several attacks", "a string of bombings") is attacks in general, none of
those reported; a sentence with no attack of its own is about the last one read if it is near, else
the article's main one. ``AttackAnchoring`` is mixed into the claim reader (``claims._ClaimReader``),
which provides ``sentences``, ``attack_of_token``, ``mentioned``, ``named`` and ``current_attack``.
"""
from __future__ import annotations

from collections import Counter

from spacy.tokens import Token

from .attacks import NOUN_KIND, compatible_kinds
from .claim_words import (
    RESPONSIBILITY_OBJECTS, ATTACK_NOUNS, SEVERAL, GENERAL_WORDS, CLAIMING, WINDOW, NEAR, PERPETRATION,
)


class AttackAnchoring:
    """Which attack a claim is about (mixed into ``claims._ClaimReader``)."""

    def default_attack(self, k: int, own: bool = True) -> list[str]:
        """A sentence's own attack (``own``); else the last one read if it is near; else the article's main one."""
        if own and self.mentioned[k]:
            return [self.mentioned[k][0]]
        current = self.current_attack(self.sentences[k])
        if current is None:
            return []
        last = max((j for j in range(k) if current in self.mentioned[j]), default=None)
        if last is not None and k - last <= NEAR:
            return [current]
        counts = Counter(key for j in range(k) for key in self.mentioned[j])
        if not counts:
            return [current]
        first = {key: j for j in range(k - 1, -1, -1) for key in self.mentioned[j]}
        return [max(counts, key=lambda key: (counts[key], -first[key]))]

    def attacks_of(self, tokens: list[Token], k: int) -> list[str]:
        """The attacks a claim's words name ("responsibility for the attack", "either attack"); a deed
        told by a verb inside the claim ("its aircraft struck") is the attack under discussion, if any."""
        nouns = [t for t in tokens if t.pos_ in ("NOUN", "PROPN")
                 and (t.i in self.attack_of_token or t.lemma_.lower() in ATTACK_NOUNS)]
        for token in nouns:
            count = several(token)
            if count is not None:
                return self.recent(k, count) or self.default_attack(k)
            if token.i in self.attack_of_token:
                # "the attack at the hospital and the attack on a funeral were the work of ISIS": each
                keys = [self.attack_of_token[t.i] for t in (token, *token.conjuncts) if t.i in self.attack_of_token]
                return list(dict.fromkeys(keys))
            if general_attacks(token):
                return []  # "has claimed several attacks on the city this year", "accused X of a string of attacks"
        if self.named[k]:
            return [self.named[k][0]]
        verbs = [self.attack_of_token[t.i] for t in tokens if t.i in self.attack_of_token]
        return self.default_attack(k, own=False) or verbs[:1]

    def other_operation(self, noun: Token, attacks: list[str]) -> bool:
        """A deed a party says it carried out, named by an attack noun the reader did not take for an attack,
        of another kind than the attack under discussion ("carried out air strikes" after a massacre)."""
        if noun.i in self.attack_of_token or noun.dep_ != "dobj" or noun.head.lemma_.lower() not in PERPETRATION:
            return False
        phrase = next((sp.label_ for sp in noun.doc.spans.get("kgb_attack_phrases", ()) if sp.start <= noun.i < sp.end), None)
        kind = phrase or NOUN_KIND.get(noun.lower_) or NOUN_KIND.get(noun.lemma_.lower())
        return kind is not None and any(key in self.kinds and not compatible_kinds(self.kinds[key], kind)
                                        for key in attacks)

    def recent(self, k: int, count: int) -> list[str]:
        """The ``count`` attacks (0: all within the window) mentioned last up to sentence ``k``."""
        order: list[str] = []
        for j in range(k, -1, -1):
            if j <= k - WINDOW and (count == 0 or len(order) >= count):
                break  # "both attacks" reaches back as far as it takes to find two
            for key in reversed(self.mentioned[j]):
                if key not in order:
                    order.append(key)
        chosen = order[:count] if count else order
        return sorted(chosen, key=lambda key: int(key[1:]) if key[1:].isdigit() else 0)

    def attack_near(self, participle: Token, k: int) -> list[str]:
        """"an attack … claimed by X": the noun the participle modifies, else the nearest attack before it."""
        for cand in (participle.head, *[c for c in participle.children if c.dep_ == "nsubjpass"]):
            if cand.i in self.attack_of_token and cand.i != participle.i:
                return self.attacks_of([cand], k)
            if cand.lemma_.lower() in ATTACK_NOUNS and cand.i != participle.i:
                # "killing 13 people in attacks claimed by IS": the attacks the sentence itself reports;
                # "some in attacks claimed by IS" with none reported: attacks in general
                return list(self.mentioned[k]) if bare_plural(cand) else []
        before = [t for t in participle.sent if t.i < participle.i and t.i in self.attack_of_token]
        if before:
            return self.attacks_of([before[-1]], k)
        return self.default_attack(k)

    def _names_attack(self, token: Token) -> bool:
        return token.i in self.attack_of_token or token.lemma_.lower() in ATTACK_NOUNS


def several(token: Token) -> int | None:
    """How many attacks a noun names when more than one ("the attacks": 0 = all near, "both attacks": 2)."""
    for child in token.children:
        if child.dep_ in ("det", "nummod", "predet", "amod", "preconj") and child.lower_ in SEVERAL:
            return SEVERAL[child.lower_]
    if token.tag_ in ("NNS", "NNPS") and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
        return 0
    return None


def bare_plural(noun: Token) -> bool:
    """"attacks", "unclaimed attacks", "several bombings": no article or possessive that points at some."""
    return noun.tag_ in ("NNS", "NNPS") and not any(
        c.dep_ in ("det", "poss") and c.lower_ not in GENERAL_WORDS for c in noun.children)


def general_attacks(noun: Token) -> bool:
    """Attacks in general, not one reported: a bare or loosely counted plural ("several attacks",
    "similar attacks", "a string of attacks") that the reader did not take for an attack of its own."""
    if not bare_plural(noun):
        return False  # "the attacks", "its attacks", "these attacks"
    head = noun
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.pos_ == "NOUN":
        head = head.head.head  # "a string of attacks", "a spate of bombings"
    # what is claimed, denied or blamed: the verb's object, or "responsibility for / accused … of" it
    if head.dep_ == "dobj":
        return head.head.lemma_.lower() in CLAIMING
    return head.dep_ == "pobj" and head.head.lower_ in ("for", "of") and (
        head.head.head.lemma_.lower() in CLAIMING | RESPONSIBILITY_OBJECTS)
