"""Denials: "X denied involvement / any role / the attack / that its aircraft struck", "rejected claims",
"distanced itself from the bombing", "…, a charge the group denied", "denied being behind the bombing",
"called the accusations baseless" (the accused calling the charge false).

``DenialRules`` is mixed into the claim reader (``claims._ClaimReader``), which provides the speakers,
the attack anchoring and ``_claims``. "X said it was not involved" is read with the reported clauses
(``claims``); word lists are in ``data/lexicon/claims.json``.
"""
from __future__ import annotations

from spacy.tokens import Token

from .claim_words import GROUP_NOUNS, BEHIND, DENIAL_OBJECTS, DISTANCING, ACCUSATIONS, FALSE_WORDS, OWN_CLAIM_NOUNS, TIE_NOUNS
from .reported import subject_of
from .types import ClaimMention


class DenialRules:
    """The denial rules (mixed into ``claims._ClaimReader``)."""

    def _denial(self, verb: Token, k: int) -> list[ClaimMention]:
        objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
        who = self.speaker(verb)
        if any(self._about_another(o, who[0]) for o in objects):
            return []  # "dismissed the group's claim", "denied any link to the Islamic State group"
        denies = any(o.lemma_.lower() in DENIAL_OBJECTS for o in objects)
        if verb.lemma_ in ("deny", "disown", "repudiate"):  # "the Taliban denied / disowned the attack"
            denies = denies or any(self._names_attack(o) for o in objects)
        if verb.dep_ == "relcl" and verb.head.lemma_.lower() in DENIAL_OBJECTS - {"responsibility"} \
                and not objects:
            denies = True  # "…, a charge the group denied", "an accusation the Taliban rejected"
        if verb.lemma_.lower() in DISTANCING:
            # "distanced itself from the bombing", not "from a statement in its name"
            denies = any(c.lower_ in ("itself", "themselves") for c in objects) and any(
                self._names_attack(p) for c in verb.children if c.dep_ == "prep" and c.lower_ == "from"
                for p in c.children if p.dep_ == "pobj")
        if not denies and verb.lemma_ == "deny":
            # "denied that its aircraft had struck", "denied targeting the facility", "denied the group was
            # responsible", "denied being behind the bombing"
            clauses = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp", "pcomp")
                       or c.dep_ == "dobj" and c.pos_ == "VERB"]
            denies = any(self._about_itself(c, who[0]) for c in clauses)
        if not denies:
            return []
        return self._claims("denies_responsibility", who, self.attacks_of(list(verb.subtree), k), verb,
                            "denied-involvement")

    def _called_false(self, verb: Token, k: int) -> list[ClaimMention]:
        """"X called the accusations baseless", "described the charge as propaganda": the accused denies."""
        if not any(c.dep_ == "dobj" and c.lemma_.lower() in ACCUSATIONS for c in verb.children):
            return []
        words = [t for c in verb.children if c.dep_ in ("oprd", "acomp", "prep", "xcomp") for t in c.subtree]
        if not any(t.lemma_.lower() in FALSE_WORDS or t.lower_ in FALSE_WORDS for t in words):
            return []
        return self._claims("denies_responsibility", self.speaker(verb), self.attacks_of(list(verb.subtree), k),
                            verb, "called-false")

    def _about_another(self, obj: Token, org: str | None) -> bool:
        """A denied claim another party makes ("the group's claim", "claims by IS"), or a denied tie to
        another party ("any link to the Islamic State group", "links with al-Qaeda"), not to the attack."""
        lemma = obj.lemma_.lower()
        if lemma not in OWN_CLAIM_NOUNS | TIE_NOUNS:
            return False
        if lemma in OWN_CLAIM_NOUNS:
            owners = [c for c in obj.children if c.dep_ in ("poss", "compound")]
            owners += [p for c in obj.children if c.dep_ == "prep" and c.lower_ in ("by", "from", "of")
                       for p in c.children if p.dep_ == "pobj"]
        else:
            owners = [p for c in obj.children if c.dep_ == "prep" and c.lower_ in ("to", "with", "between")
                      for p in c.children if p.dep_ == "pobj"]
            if any(self._names_attack(t) for o in owners for t in o.subtree):
                return False  # "denied any link to the bombing"
        names = [self.actors.claimant_of(o) for o in owners]
        if lemma in OWN_CLAIM_NOUNS:  # "the group's claim": the group named before
            names += [self.actors.recent_armed_group(o) for o in owners if o.lemma_.lower() in GROUP_NOUNS]
        return any(n and (org is None or not self._same_side(n, org)) for n in names)

    def _about_itself(self, clause: Token, org: str | None) -> bool:
        """A denied clause about the denier's own deed: "its aircraft had struck", "targeting", "was responsible"."""
        subject = subject_of(clause)
        text = " ".join(t.lower_ for t in clause.subtree)
        if subject is not None and org is not None and not self._is_self(subject, org):
            return False
        return self._perpetrates(clause) or any(p in text for p in BEHIND) or "responsible" in text
