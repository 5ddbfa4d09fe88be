"""Claims about attacks: responsibility claims, denials, blame by a third party, a party's own tolls.

Each claim has a claimant (the organisation), a speaker where one is named ("Taliban spokesman
Zabihullah Mujahid said"), the attack it is about and its sentence. Word lists are in
``data/lexicon/claims.json``. Narration ("Taliban fighters stormed the post") is not a claim: the
extractor records it as the report's perpetrator.
"""
from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from .actors import ActorResolver
from .figures import casualties
from .gazetteer import load as load_gazetteer
from .nlp import read_lexicon
from .types import ClaimMention, Evidence

LEX = read_lexicon("claims")
RESPONSIBILITY_OBJECTS = set(LEX["responsibility_objects"])
RESPONSIBILITY_VERBS = set(LEX["responsibility_verbs"])
BEHIND = tuple(LEX["behind_phrases"])
DENIAL_VERBS = set(LEX["denial_verbs"])
DENIAL_OBJECTS = set(LEX["denial_objects"])
NOT_INVOLVED = tuple(LEX["not_involved_phrases"])
ATTRIBUTION_VERBS = set(LEX["attribution_verbs"])
REPORTING = set(LEX["reporting_verbs"])
CLAIM_VERBS = set(LEX["casualty_claim_verbs"])
PRONOUNS = {"it", "they", "we", "its", "their", "our", "he", "she"}


def find_claims(doc: Doc, sentences: list[Span], actors: ActorResolver, attack_of_token: dict[int, str],
                current_attack: Callable[[Span], str | None]) -> list[ClaimMention]:
    """The claims of the body sentences, in reading order."""
    found: list[ClaimMention] = []
    for sent in sentences:
        attack = _attack_in(sent, attack_of_token) or current_attack(sent)
        if attack is None:
            continue
        lowered = sent.text.lower()
        for token in sent:
            lemma = token.lemma_.lower()
            claim = None
            if lemma in RESPONSIBILITY_VERBS and _has_object(token, RESPONSIBILITY_OBJECTS):
                claim = _claim(actors, token, "claims_responsibility", "responsibility-claim", attack_of_token, attack)
            elif lemma == "claim" and any(c.dep_ == "agent" for c in token.children):
                agent = [p for c in token.children if c.dep_ == "agent" for p in c.children]
                name = next((actors.actor_of(p) for p in agent if actors.actor_of(p)), None)
                if name:
                    target = attack_of_token.get(token.head.i, attack)
                    claim = ClaimMention("claims_responsibility", name, target, _evidence(sent, "claimed-by"))
            elif lemma in DENIAL_VERBS and _has_object(token, DENIAL_OBJECTS | RESPONSIBILITY_OBJECTS):
                claim = _claim(actors, token, "denies_responsibility", "denial", attack_of_token, attack)
            elif lemma in ATTRIBUTION_VERBS and token.pos_ == "VERB":
                claim = _attribution(actors, token, sent, attack_of_token, attack)
            elif lemma in REPORTING and token.pos_ == "VERB":
                claim = _reported(actors, token, sent, lowered, attack_of_token, attack)
            if claim is not None:
                found.append(claim)
        found.extend(_casualty_claims(actors, sent, attack))
    return found


def _attack_in(sent: Span, attack_of_token: dict[int, str]) -> str | None:
    return next((attack_of_token[t.i] for t in sent if t.i in attack_of_token), None)


def _has_object(verb: Token, objects: set[str]) -> bool:
    return any(c.lemma_.lower() in objects for c in verb.children if c.dep_ in ("dobj", "nsubjpass", "attr"))


def _about(verb: Token, attack_of_token: dict[int, str], default: str) -> str:
    """The attack a claim verb names ("responsibility for the attack"), else the sentence's or current one."""
    for token in verb.subtree:
        if token.i in attack_of_token:
            return attack_of_token[token.i]
    return default


def _claim(actors: ActorResolver, verb: Token, stance: str, rule: str, attack_of_token, default) -> ClaimMention | None:
    org, person = actors.speaker(verb)
    if org is None:
        head = verb.head
        while org is None and head.lemma_ in REPORTING and head.head.i != head.i:
            org, person = actors.speaker(head)
            head = head.head
        if org is None and verb.head.lemma_ in REPORTING:
            org, person = actors.speaker(verb.head)
    if org is None:
        return None
    return ClaimMention(stance, org, _about(verb, attack_of_token, default), _evidence(verb.sent, rule), person)


def _attribution(actors: ActorResolver, verb: Token, sent: Span, attack_of_token, default) -> ClaimMention | None:
    """"X blamed the attack on Y", "X blamed Y for the attack", "X accused Y of", "attributed to Y"."""
    if verb.lemma_ == "hold" and not any(c.lower_ == "responsible" for c in verb.subtree):
        return None
    org, person = actors.speaker(verb)
    if org is None and verb.head.lemma_ in REPORTING:
        org, person = actors.speaker(verb.head)
    targets = []
    for child in verb.children:
        if child.dep_ == "dobj" and child.i not in attack_of_token:
            targets.append(actors.actor_of(child))
        if child.dep_ == "prep" and child.lower_ in ("on", "to"):
            targets += [actors.actor_of(p) for p in child.children if p.dep_ == "pobj"]
        if child.dep_ in ("nsubjpass",) and child.i not in attack_of_token:
            targets.append(actors.actor_of(child))
    target = next((t for t in targets if t and t != org), None)
    if target is None or org is None:
        return None
    return ClaimMention("attributes_to", org, _about(verb, attack_of_token, default), _evidence(sent, "attribution"),
                        person, target_actor=target)


def _reported(actors: ActorResolver, verb: Token, sent: Span, lowered: str, attack_of_token, default) -> ClaimMention | None:
    """"X said it was behind the attack" / "X said the group was not involved"."""
    clause = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp")]
    if not clause:
        return None
    text = " ".join(t.lower_ for c in clause for t in c.subtree)
    org, person = actors.speaker(verb)
    if org is None:
        return None
    if any(phrase in text for phrase in NOT_INVOLVED):
        return ClaimMention("denies_responsibility", org, _about(verb, attack_of_token, default),
                            _evidence(sent, "said-not-involved"), person)
    if any(phrase in text for phrase in BEHIND):
        subject = next((c for cl in clause for c in cl.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and (subject.lower_ in PRONOUNS or actors.actor_of(subject) == org):
            return ClaimMention("claims_responsibility", org, _about(verb, attack_of_token, default),
                                _evidence(sent, "said-it-was-behind"), person)
    return None


def _casualty_claims(actors: ActorResolver, sent: Span, attack: str) -> list[ClaimMention]:
    """An armed group's own figure ("the Taliban claimed they killed 10 soldiers"), definite numbers only."""
    gazetteer = load_gazetteer()
    claims = []
    for c in casualties(sent):
        if c.vague or c.attackers or c.what != "killed":
            continue
        verb = c.verb
        while verb.head.i != verb.i and verb.dep_ in ("ccomp", "conj", "xcomp", "advcl"):
            verb = verb.head
            if verb.lemma_ in CLAIM_VERBS | REPORTING:
                org, person = actors.speaker(verb)
                if org and gazetteer.actors[org].kind == "ArmedGroup":
                    claims.append(ClaimMention("casualty_claim", org, attack, _evidence(sent, "casualty-claim"),
                                               person, killed=c.figure))
                break
    return claims


def _evidence(sent: Span, rule: str) -> Evidence:
    return Evidence(sent.text.strip(), sent.start_char, sent.end_char, rule)
