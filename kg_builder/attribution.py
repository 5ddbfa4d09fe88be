"""Blame by a third party: "X blamed Y (for …) / the attack on Y", "accused Y of shelling …" (an attack
deed, not "of sheltering"), "attributed … to Y", "held Y responsible", "suspected Y (carried out …)",
the lexicon's frames ("pointed the finger at Y", "laid the blame on Y", "linked the bombers to Y") and
"the attack was the work of / bore the hallmarks of Y"; an earlier belief the report corrects ("IS
fighters staged the raid, not the Taliban as Afghan officials had first assumed") is still that party's blame of Y.

An accusation is about the deed its charge names; a blame in a relative clause ("attacks …, which it
blames on Y") is about what the clause is said of. ``AttributionRules`` is mixed into the claim reader
(``claims._ClaimReader``); word lists are in ``data/lexicon/claims.json``.
"""
from __future__ import annotations

from spacy.tokens import Token

from .claim_words import (
    BEHIND, PERPETRATION, ATTACK_NOUNS, ATTACKERS, ATTRIBUTION_FRAMES, WORK_NOUNS, CORRECTIONS, CORRECTION_ADVERBS,
)
from .claim_anchor import bare_plural
from .reported import BELIEF_VERBS, subject_of
from .types import ClaimMention


class AttributionRules:
    """The third-party blame rules (mixed into ``claims._ClaimReader``)."""

    def _attribution(self, verb: Token, k: int) -> list[ClaimMention]:
        """"X blamed the attack on Y", "X blamed Y for the attack", "X accused Y of", "attributed to Y",
        "held Y responsible", and the frames of the lexicon: "pointed the finger at Y", "laid the blame
        on Y", "linked the attackers to Y"."""
        lemma = verb.lemma_.lower()
        if verb.dep_ in ("amod", "acl") or lemma == "hold" and not any(
                c.lower_ in ("responsible", "blame", "accountable") for c in verb.subtree):
            return []
        frame = ATTRIBUTION_FRAMES.get(lemma)
        objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
        if frame is not None and not self._fits(frame, objects):
            return []
        if lemma in ("accuse", "blame") and self._other_charge(verb):
            return []  # "accused Pakistan of sheltering the militants": another charge than the attack
        who = self.speaker(verb)
        preps = set(frame["preps"]) if frame else {"on", "to"}
        candidates = []
        heads = [verb] + (objects if frame else [])  # "pointed a finger at Y": the PP may hang on the object
        if frame is None and lemma in ("blame", "attribute"):
            # "blamed the attack on Y", "attributed the bombing to Y": the parser hangs the PP on the attack
            # noun; there, only a party's own name is the one blamed ("the attack on a Taliban checkpoint" is a target)
            candidates += [p for o in objects if o.i in self.attack_of_token or o.lemma_.lower() in ATTACK_NOUNS
                           for c in o.children if c.dep_ == "prep" and c.lower_ in preps
                           for g in c.children if g.dep_ == "pobj" for p in (g, *g.conjuncts) if _names_party(p)]
        for child in (c for h in heads for c in h.children):
            if frame is None and child in objects and child.i not in self.attack_of_token \
                    and child.lemma_.lower() not in ATTACK_NOUNS:
                candidates += [child, *child.conjuncts]
            if child.dep_ == "prep" and child.lower_ in preps:
                candidates += [p for c in child.children if c.dep_ == "pobj" for p in (c, *c.conjuncts)]
        targets = [t for t in dict.fromkeys(self.actors.claimant_of(c) for c in candidates) if t and t != who[0]]
        if not targets and frame is None:
            # "police suspect Islamic State militants carried out the attack"
            for clause in (c for c in verb.children if c.dep_ == "ccomp"):
                subject = subject_of(clause)
                text = " ".join(t.lower_ for t in clause.subtree)
                if subject is not None and (self._perpetrates(clause) or any(p in text for p in BEHIND)):
                    targets += [t for t in (self.actors.claimant_of(subject),) if t and t != who[0]]
        # "accused the rebels of shelling the town": the deed the charge names is the attack it is about
        deeds = [d for p in verb.children if p.dep_ == "prep" and p.lower_ in ("of", "for")
                 for d in p.children if d.dep_ == "pcomp" and d.i in self.attack_of_token]
        attacks = [self.attack_of_token[deeds[0].i]] if deeds else self.attacks_of(list(verb.subtree), k)
        noun = verb.head
        for _ in range(2):  # "attacks on its bases, which it blames on X": the parser may hang it on "bases"
            if verb.dep_ == "relcl" and not self._names_attack(noun) and noun.dep_ == "pobj" \
                    and noun.head.head.pos_ == "NOUN":
                noun = noun.head.head
        if verb.dep_ == "relcl" and self._names_attack(noun):
            # what the relative clause is said of; a bare plural that the reader did not take for an
            # attack of its own is attacks in general
            attacks = [] if noun.i not in self.attack_of_token and bare_plural(noun) else self.attacks_of([noun], k)
        return [c for t in targets for c in self._claims("attributes_to", who, attacks, verb, "blamed", target=t)]

    def _corrected_belief(self, verb: Token, k: int) -> list[ClaimMention]:
        """"IS fighters staged the raid, not the Taliban as Afghan officials had first assumed", "…, rather
        than the Taliban, as officials had claimed": the party the "as" clause names believed the doer the
        report sets aside did it (its blame, though the report corrects it)."""
        if verb.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
            return []
        if verb.lemma_.lower() not in BELIEF_VERBS and not any(
                c.dep_ == "advmod" and c.lower_ in CORRECTION_ADVERBS or c.dep_ == "aux" and c.lower_ == "had"
                for c in verb.children):
            return []  # "…, not the Taliban, as officials said": perhaps their own correction, not their belief
        # the believer named in the clause itself ("believed by Afghan officials", "as officials had claimed");
        # "as first assumed" names none, and the report's speaker is not the one who believed it
        believers = [p for a in verb.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"]
        believers += [c for c in verb.children if c.dep_ == "nsubj"]
        if not believers:
            return []
        who = self.actors.speaker_of_phrase(believers[0])
        deed = verb.head
        set_aside = [t for t in deed.subtree if t.i < verb.i and t.left_edge.i > deed.left_edge.i and _set_aside(t)]
        targets = [n for n in dict.fromkeys(self.actors.claimant_of(t) for t in set_aside) if n and n != who[0]]
        attacks = self.attacks_of(list(deed.subtree), k)
        return [c for t in targets for c in self._claims("attributes_to", who, attacks, verb, "corrected-belief", target=t)]

    def _fits(self, frame: dict, objects: list[Token]) -> bool:
        """Whether a verb's objects fit an attribution frame ("point" + "finger", "link" + the attackers)."""
        wanted = set(frame.get("objects", ()))
        if not wanted:
            return True
        for obj in objects:
            lemma = obj.lemma_.lower()
            if lemma in wanted or "@attack" in wanted and (obj.i in self.attack_of_token or lemma in ATTACK_NOUNS) \
                    or "@attacker" in wanted and (lemma in ATTACKERS or obj.lower_ in ATTACKERS):
                return True
        return not objects and frame.get("bare", False)

    def _other_charge(self, verb: Token) -> bool:
        """"accused X of supporting …", "blamed X for sheltering …": a charge whose deed is not an attack."""
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ in ("of", "for"):
                deeds = [c for c in prep.children if c.dep_ == "pcomp" and c.pos_ == "VERB"]
                if deeds and not any(d.lemma_.lower() in PERPETRATION or d.lemma_.lower() in ("be", "orchestrate")
                                     for d in deeds):
                    return True
        return False

    def _authors(self, clause: Token) -> list[str]:
        """The parties a clause calls the authors of the deed: "the work of X", "the hallmarks of X"."""
        found = []
        for noun in clause.subtree:
            if noun.lemma_.lower() in WORK_NOUNS and clause.i in (noun.head.i, noun.head.head.i):
                for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"):
                    found += [self.actors.claimant_of(p) for c in prep.children if c.dep_ == "pobj"
                              for p in (c, *c.conjuncts)]
        return [n for n in dict.fromkeys(found) if n]


def _set_aside(noun: Token) -> bool:
    """A noun phrase that "not", "rather than" or "instead of" opens ("…, not the Taliban", "instead of the
    Taliban"), also before its preposition ("and not by the Taliban")."""
    doc = noun.doc
    start = noun.left_edge.i
    before = [w for w in doc[max(0, start - 3): start]]
    readings = [before] + ([[w for w in before if w.i != noun.head.i]] if noun.dep_ == "pobj" else [])
    return any([w.lower_ for w in words[-len(c.split()):]] == c.split() for words in readings for c in CORRECTIONS)


def _names_party(noun: Token) -> bool:
    """A noun that is itself a party's name ("the Haqqani network", "Islamic State"), not a thing a name
    modifies ("a Taliban checkpoint")."""
    spans = noun.doc.spans.get("kgb_actors", ())
    return noun.ent_type_ in ("ORG", "NORP", "PERSON") or any(sp.start <= noun.i < sp.end for sp in spans)
