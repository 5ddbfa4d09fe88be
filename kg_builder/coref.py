"""Within-article coreference cues: signs in a mention's own clause that it tells another attack.

``attack_coref.AttackCoref`` decides, mention by mention, whether a trigger names an attack already read
or starts a new one. Most of that decision rests on dates, places and definiteness; this module holds
the cues of the clause itself that keep two attacks apart even when the dates and places do not:

- an attack the sentence relates another to ("the attack came hours after a truck bomb blew up",
  "the bombings follow a deadly attack on a university", "following a rocket attack on a base"):
  the attack reached for is a different one from the attack that is told, and what its phrase names
  (a place, a doer; also of "in response to / in retaliation for …") is that other event's;
- a counted plural that sums up attacks the story then tells one by one ("militants killed 42 people in
  two attacks on Tuesday … In Arbinda, … In a separate attack in Soum, …"; "bombings at three
  churches"): the parts are the attacks, the sum is none of its own (``counted``);
- an indefinite mention with a toll of its own that differs from the toll of the attack read before
  ("… a barrage of missiles hit a base, killing 35", told after a strike that killed two): a further
  attack, not a retelling (a retelling with a revised toll names the attack again: "the attack").

Words live in ``data/lexicon/attacks.json`` (``relating_markers``, ``relating_verbs``, ``response_nouns``).
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping

from spacy.tokens import Span, Token

from .figures import Casualty, casualties, parse_number
from .nlp import read_lexicon
from .timex import REPORTING, verb_of

LEX = read_lexicon("attacks")
RELATING_MARKERS = frozenset(LEX["relating_markers"])  # "after", "before", "following"
RELATING_VERBS = frozenset(LEX["relating_verbs"])  # "follow", "precede", "come"
RESPONSE_NOUNS = frozenset(LEX["response_nouns"])  # "in response to", "in retaliation for"
DEFINITE = frozenset({"the", "this", "that", "these", "those"})
CLAUSE_LINKS = ("advcl", "acl", "relcl", "conj")
COUNTED_PREPS = ("on", "at", "against")  # "attacks on three churches"; "in four provinces" is a series by place
SUMMED = frozenset(LEX["summed_nouns"])  # "two attacks", "three bombings"; not "three bombs", "three blasts"
PAIRS = frozenset(LEX["pair_nouns"])  # "a pair of bombings"; "twin blasts" are told as one attack
MAX_COUNTED = 12  # "two attacks", "three bombings"; a larger count is a tally, told as such


def related_from(token: Token, told: Mapping[int, object]) -> object | None:
    """The attack (a value of ``told``, keyed by trigger token index) that this trigger's sentence relates
    it to as an earlier or later event: "<told> came hours after <token> …", "<told> follow(s) <token>",
    "<told> …, following <token>". None when the trigger is not reached for in that way."""
    governor = _relating_governor(token)
    if governor is None:
        return None
    relating = governor.lemma_.lower() in RELATING_VERBS
    for other in governor.sent:
        if other.i == token.i or other.i not in told or other.i in {t.i for t in token.subtree}:
            continue
        # the attack told is named again ("the attack came after …") or related by a verb of sequence
        # ("the bombings follow …"); "gunmen stormed the hotel after a car bomb blew open its gate" is one
        # assault told in two steps
        if not relating and not _definite(other):
            continue
        if other.i == governor.i or verb_of(other).i == governor.i and other.dep_ in ("nsubj", "nsubjpass", "dobj"):
            return told[other.i]
    return None


def _definite(token: Token) -> bool:
    return any(c.dep_ in ("det", "poss") and c.lower_ in DEFINITE or c.dep_ == "poss" for c in token.children)


def _relating_governor(token: Token) -> Token | None:
    """The verb of the clause that an "after …"/"follows …" phrase holding the trigger hangs on."""
    verb = verb_of(token)
    deed = token.i == verb.i or token.head.i == verb.i and token.dep_ in ("nsubj", "nsubjpass")
    if deed and verb.dep_ == "ccomp" and verb.head.lemma_.lower() in REPORTING:
        verb = verb.head  # "… a day after the agency said a commander was killed": the saying is marked "after"
    # "… after a truck bomb blew up": the trigger's clause is marked "after" and hangs on the main verb
    if verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in RELATING_MARKERS for c in verb.children) and deed:
        return verb.head
    # "… after an attack on a restaurant", "following a rocket attack"
    if token.dep_ == "pobj" and token.head.lower_ in RELATING_MARKERS:
        prep = token.head
        return verb_of(prep) if prep.head.pos_ != "VERB" else prep.head
    # "The attacks follow a deadly attack on …"
    if token.dep_ == "dobj" and token.head.lemma_.lower() in RELATING_VERBS:
        return token.head
    return None


def relating_clause(token: Token) -> Token | None:
    """The verb of the "after …"/"before …" clause that holds a token ("a day after the agency said a
    commander was killed"), or None."""
    return next((above for above in [token, *token.ancestors] if opens_relating_clause(above)), None)


def in_relating_phrase(token: Token, told: Token) -> bool:
    """"Gunmen attacked a town a day after a car bomb in Kabul", "… after rockets hit Kabul", "US forces
    struck the depots in response to the militia's rocket attacks": a token inside the phrase that names
    the earlier, later or answered event is that event's, not the one ``told`` (a trigger or the verb of
    its clause) tells."""
    for above in token.ancestors:
        if above.left_edge.i <= told.i <= above.right_edge.i:
            return False  # up to the clause both hang on, not past it
        if above.dep_ == "prep" and (above.lower_ in RELATING_MARKERS or above.head.lemma_.lower() in RESPONSE_NOUNS) \
                or opens_relating_clause(above):
            return True
    return False


def opens_relating_clause(node: Token) -> bool:
    """An adverbial clause that "after", "before" … opens ("a day after the agency said …")."""
    return node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in RELATING_MARKERS for c in node.children)


def own_killed(token: Token, sent: Span, figures: Iterable[Casualty] | None = None) -> int | None:
    """The stated killed figure that the trigger's own clause gives ("a barrage hit a base, killing 35",
    "an attack that killed 15", "a bomb killed 20"), or None. Vague quantities and attackers' deaths
    are no toll of the attack."""
    verb = verb_of(token)
    anchors = {token.i} | ({verb.i} if _is_argument(token, verb) else set())
    for c in figures if figures is not None else casualties(sent):
        if c.what != "killed" or c.vague or c.attackers:
            continue
        if c.verb.i in anchors or c.verb.dep_ in CLAUSE_LINKS and (
                c.verb.head.i in anchors or verb.i in anchors and _hangs_below(c.verb, verb)):
            return c.figure.value
    return None


def _hangs_below(participle: Token, verb: Token) -> bool:
    """A participle somewhere under the trigger's verb, with no other verb of the sentence's clauses
    in between but relative clauses on its objects (the small models hang "…, killing 35" on the nearest
    verb: "hit a base that has hosted instructors, killing 35")."""
    for above in participle.ancestors:
        if above.i == verb.i:
            return True
        if above.pos_ == "VERB" and above.dep_ not in ("relcl", "acl"):
            return False
    return False


def counted(token: Token) -> int | None:
    """How many attacks a plural mention sums up: "two attacks", "three bombings", "bombings at three
    churches", "attacks on two mosques", "a pair of bombings". None when it counts none ("the attacks", "twin blasts", which
    reports tell as one attack)."""
    numbers = [c for c in token.children if c.dep_ == "nummod"]
    # "staged bombings at three churches": the parser often hangs the target on the verb
    holders = [token, token.head] if token.dep_ == "dobj" else [token]
    numbers += [n for h in holders for p in h.children if p.dep_ == "prep" and p.lower_ in COUNTED_PREPS
                for o in p.children if o.dep_ == "pobj" and o.tag_ in ("NNS", "NNPS")
                for n in o.children if n.dep_ == "nummod"]
    if token.lemma_.lower() not in SUMMED and token.lower_ not in SUMMED:
        return None  # "three bombs exploded", "30 rockets": the devices of one attack, not attacks
    if token.head.lower_ == "of" and token.head.head.lemma_.lower() in PAIRS:
        return 2  # "a pair of suicide bombings"
    for number in numbers:
        value = parse_number(number.text)
        if value is not None and not value[1] and 2 <= value[0] <= MAX_COUNTED:
            return value[0]
    return None


def targets_listed(token: Token) -> int | None:
    """"The attacks on a police academy and a wedding party", "bombings carried out at a church and a
    hotel": a plural whose target phrase lists singular targets counts one attack for each. Not "attacks on
    police and soldiers" (plural targets, no count) nor "attacks on a base" (one)."""
    if token.tag_ not in ("NNS", "NNPS"):
        return None
    holders = [token] + [c for c in token.children if c.dep_ == "acl"]  # "attacks carried out on …"
    for target in (o for h in holders for p in h.children if p.dep_ == "prep" and p.lower_ in COUNTED_PREPS
                   for o in p.children if o.dep_ == "pobj"):
        listed = [target, *target.conjuncts]
        if 2 <= len(listed) <= MAX_COUNTED and all(t.tag_ in ("NN", "NNP") and any(
                c.dep_ == "det" and c.lower_ in ("a", "an") for c in t.children) for t in listed):
            return len(listed)
    return None


def _is_argument(token: Token, verb: Token) -> bool:
    """The trigger is the verb itself or its subject ("a barrage hit …", "gunmen stormed …")."""
    return token.i == verb.i or token.head.i == verb.i and token.dep_ in ("nsubj", "nsubjpass")


__all__ = ["related_from", "relating_clause", "in_relating_phrase", "own_killed", "counted", "targets_listed"]
