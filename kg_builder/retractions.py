"""Attacks that a report takes back: the second blast that officials later said never happened.

Breaking news reports what is first said and corrects it as it goes: "a second explosion was reported
near the hotel, although officials later said there may have been only one blast"; "…, correcting an
earlier account of a second blast"; "the ministry denied reports of a new attack on the base"; "reports
of a second bomb were false"; "what was first reported as an explosion turned out to be a gas leak".
An attack mention told that way is no attack: it gets no node, takes no figures and anchors no claim.

``Retractions(doc).reason(token)`` says why the attack trigger at ``token`` is taken back (a rule name
for ``kgb explain``), or None. The rules read the parse, not one wording; the words are data in
``data/lexicon/retractions.json``:

- ``retracted:corrected-report`` — the trigger is what a report noun reports ("reports of X", "an
  account of X", "reports that X happened") and that report is taken back by a correcting verb ("correct",
  "deny", "rule out"; a denial takes back only an attack told with no doer: "denied reports that its
  fighters attacked the convoy" denies involvement), is said to be false ("… were inaccurate"), or is
  called false ("false reports of").
- ``retracted:wrongly-reported`` — a reporting verb tells the trigger as a mistake ("wrongly reported"),
  or as superseded ("had earlier reported", "was initially reported") with a correcting verb after it.
- ``retracted:only-one`` — the trigger is one more than another ("a second explosion", "another blast")
  and the article says there was only one of the kind ("there was only one blast", "just one bomb
  exploded"), says there was no further one ("there was no second explosion"), or a correcting verb
  takes it back itself ("officials denied a second explosion", "another blast was ruled out"; a bare
  "denied the attack" is a denial of involvement and stays one).
- ``retracted:turned-out`` — the trigger "turned out" or "proved" to be no attack ("a hoax", "a gas leak").
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from .attacks import NOUN_KIND
from .figures import INJURE_LEMMAS, KILL_LEMMAS
from .nlp import read_lexicon
from .reported import REPORTING

_LEX = read_lexicon("retractions")
REPORT_NOUNS = frozenset(_LEX["report_nouns"])
CORRECTING = frozenset(_LEX["correcting_verbs"])
DENYING = frozenset(_LEX["deny_verbs"])
FALSE_WORDS = frozenset(_LEX["false_words"])
ERROR_ADVERBS = frozenset(_LEX["error_adverbs"])
EARLIER_ADVERBS = frozenset(_LEX["earlier_adverbs"])
FURTHER = frozenset(_LEX["further_words"])
ONLY = frozenset(_LEX["only_words"])
GROUP = {w: g for g, words in _LEX["groups"].items() for w in words}
NOT_ATTACKS = frozenset(_LEX["not_attacks"])


class Retractions:
    """The attacks one parsed article takes back (see the module's docstring)."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self._only: set[str] | None = None

    def reason(self, token: Token) -> str | None:
        """The rule by which the attack trigger ``token`` is taken back, or None. A verb told of a trigger
        taken back ("reports that a second bomb had exploded") is taken back with it."""
        if token.pos_ == "VERB":
            subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass") and _is_trigger_noun(c)), None)
            if subject is not None and (rule := self._reason(subject)) is not None:
                return rule
        return self._reason(token)

    def _reason(self, token: Token) -> str | None:
        if self._corrected_report(token):
            return "retracted:corrected-report"
        if self._wrongly_reported(token):
            return "retracted:wrongly-reported"
        if self._one_too_many(token):
            return "retracted:only-one"
        if self._turned_out(token):
            return "retracted:turned-out"
        return None

    # rule: corrected report
    def _corrected_report(self, token: Token) -> bool:
        report = _report_of(token)
        if report is None:
            return False
        if any(c.dep_ == "amod" and c.lemma_.lower() in FALSE_WORDS for c in report.children):
            return True  # "false reports of a second blast"
        if _said_false(report):
            return True  # "reports of a second explosion were inaccurate"
        verb = _correcting_governor(report)
        if verb is None:
            return False
        return verb.lemma_.lower() not in DENYING or not _has_doer(token)

    # rule: wrongly or earlier reported
    def _wrongly_reported(self, token: Token) -> bool:
        verb = _reporting_governor(token)
        if verb is None:
            return False
        adverbs = {c.lower_ for c in verb.children if c.dep_ == "advmod"}
        if adverbs & ERROR_ADVERBS:
            return True
        if not adverbs & EARLIER_ADVERBS:
            return False
        return any(t.lemma_.lower() in CORRECTING and t.pos_ == "VERB" and _particle_ok(t)
                   for t in token.sent if t.i > verb.i)

    # rule: one too many
    def _one_too_many(self, token: Token) -> bool:
        group = GROUP.get(token.lower_) or GROUP.get(token.lemma_.lower())
        if group is None:
            return False
        further = any(c.lower_ in FURTHER for c in token.children if c.dep_ in ("amod", "det", "nummod"))
        if not further:
            return False
        if _denied_existence(token):
            return True  # "there was no second explosion", "we do not believe there was a second blast"
        verb = token.head
        if token.dep_ in ("dobj", "nsubjpass") and verb.lemma_.lower() in CORRECTING and _particle_ok(verb):
            return True  # "officials denied a second explosion", "a second blast was later ruled out"
        if self._only is None:
            self._only = self._only_ones()
        return group in self._only

    def _only_ones(self) -> set[str]:
        """The groups the article says there was only one of ("there was only one blast", "a single
        bomber"), or no further one of ("there was no second explosion")."""
        groups = set()
        for token in self.doc:
            group = GROUP.get(token.lower_) or GROUP.get(token.lemma_.lower())
            if group is None or token.pos_ not in ("NOUN", "PROPN"):
                continue
            modifiers = {c.lower_ for c in token.children if c.dep_ in ("amod", "nummod", "advmod", "det", "quantmod")}
            modifiers |= {g.lower_ for c in token.children if c.dep_ == "nummod" for g in c.children}
            counted_one = bool(modifiers & ONLY) and "one" in modifiers  # "only one", "just one"
            single = "single" in modifiers and _existential(token)  # "there was a single bomb"
            if counted_one and _existential_or_deed(token) or single:
                groups.add(group)
            elif modifiers & FURTHER and _denied_existence(token):
                groups.add(group)
        return groups

    # rule: turned out to be no attack
    def _turned_out(self, token: Token) -> bool:
        for node in [token, *token.ancestors]:
            head = node.head
            if node.dep_ in ("nsubj", "nsubjpass", "csubj") and head.lemma_.lower() in ("turn", "prove"):
                if head.lemma_.lower() == "turn" and not any(c.lower_ == "out" for c in head.children):
                    return False
                return any(_names_no_attack(t) for t in head.subtree if t.dep_ in ("attr", "acomp", "oprd", "dobj"))
            if node.dep_ in ("ROOT", "ccomp", "advcl", "relcl") and node.i != token.i:
                return False
        return False


def _report_of(token: Token) -> Token | None:
    """The report noun whose content the trigger is: "reports of [X]", "an account of [X]", "reports that [X]
    had occurred", "reports that a bomb [exploded]"."""
    node = token
    if node.dep_ in ("compound", "amod") and node.head.pos_ in ("NOUN", "PROPN"):
        node = node.head
    if node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.lemma_.lower() in REPORT_NOUNS:
        return node.head.head
    clause = node.head if node.dep_ in ("nsubj", "nsubjpass") else node if node.pos_ in ("VERB", "AUX") else None
    if clause is not None and clause.dep_ in ("acl", "ccomp", "relcl") and clause.head.lemma_.lower() in REPORT_NOUNS \
            and any(c.lower_ == "that" and c.dep_ == "mark" for c in clause.children) \
            and clause.lemma_.lower() not in KILL_LEMMAS | INJURE_LEMMAS:  # "reports that the blast killed 40 were wrong": the toll
        return clause.head
    return None


def _said_false(report: Token) -> bool:
    """"reports of a second blast were false", "… proved to be unfounded"."""
    if report.dep_ not in ("nsubj", "nsubjpass"):
        return False
    head = report.head
    return any(t.lemma_.lower() in FALSE_WORDS and t.dep_ in ("acomp", "attr", "oprd", "amod")
               for t in head.subtree if t.i > report.i and t.sent == report.sent and not _in_report(t, report))


def _in_report(token: Token, report: Token) -> bool:
    return report in token.ancestors


def _correcting_governor(report: Token) -> Token | None:
    """The correcting verb the report is the object of, through a preposition or two ("correct the record on
    reports of"), or None."""
    node = report
    for _ in range(4):
        if node.dep_ not in ("dobj", "pobj", "prep", "conj", "appos", "nsubjpass"):
            return None
        node = node.head
        if node.pos_ == "VERB":
            lemma = node.lemma_.lower()
            return node if lemma in CORRECTING and _particle_ok(node) else None
    return None


def _particle_ok(verb: Token) -> bool:
    """"rule" and "walk" correct only as "rule out", "walk back"."""
    lemma = verb.lemma_.lower()
    need = {"rule": "out", "walk": "back"}.get(lemma)
    return need is None or any(c.dep_ == "prt" and c.lower_ == need for c in verb.children)


def _is_trigger_noun(token: Token) -> bool:
    return token.pos_ in ("NOUN", "PROPN") and (token.lower_ in NOUN_KIND or token.lemma_.lower() in NOUN_KIND)


def _has_doer(token: Token) -> bool:
    """An attack told with who did it ("its fighters attacked", "an attack by its fighters", "its attack");
    not "a bomb had exploded", whose subject is the weapon."""
    if token.pos_ == "VERB":
        return any(c.dep_ in ("nsubj", "agent") and not _is_trigger_noun(c) for c in token.children)
    return any(c.dep_ == "poss" or c.dep_ == "prep" and c.lower_ == "by" for c in token.children)


def _reporting_governor(token: Token) -> Token | None:
    """The reporting verb of which the trigger is what is reported ("reported a second blast", "a blast was
    reported", "initially said a bomb had exploded")."""
    node = token
    if node.dep_ in ("compound", "amod") and node.head.pos_ in ("NOUN", "PROPN"):
        node = node.head
    head = node.head
    if node.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() in REPORTING:
        return head
    clause = head if node.dep_ in ("nsubj", "nsubjpass") else node if node.pos_ == "VERB" else None
    if clause is not None and clause.dep_ == "ccomp" and clause.head.lemma_.lower() in REPORTING:
        return clause.head
    return None


def _denied_existence(token: Token) -> bool:
    """"there was no second explosion", "there was not a second blast", "we do not believe there was a
    second explosion": the thing named is said not to have been."""
    be = token.head
    if token.dep_ not in ("attr", "nsubj") or be.lemma_ != "be" or not any(c.dep_ == "expl" for c in be.children):
        return False
    if any(c.dep_ == "det" and c.lower_ == "no" for c in token.children):
        return True
    return any(c.dep_ == "neg" for v in [be, *be.ancestors] for c in v.children if v.pos_ in ("VERB", "AUX"))


def _existential(token: Token) -> bool:
    """"there was [a blast]", "there had been [a single bomber]"."""
    return token.dep_ in ("attr", "nsubj") and token.head.lemma_ == "be" and \
        any(c.dep_ == "expl" for c in token.head.children)


def _existential_or_deed(token: Token) -> bool:
    """"there was only one blast", "only one bomb exploded": a count of all there was; not "a lone gunman
    opened fire", which tells one attacker and counts nothing else."""
    return _existential(token) or token.dep_ in ("nsubj", "nsubjpass") and token.head.pos_ == "VERB"


def _names_no_attack(token: Token) -> bool:
    """"a hoax", "a gas leak", "a controlled explosion": what a reported attack turned out to be when it was none."""
    if token.lemma_.lower() in NOT_ATTACKS:
        return True
    words = [t for t in token.subtree if t.dep_ in ("compound", "amod") and t.i < token.i]
    return any(f"{w.lower_} {token.lower_}" in NOT_ATTACKS for w in words)
