"""When an attack happened: the date that a trigger's own clause gives, the day a report tells it on, and
the times of attacks told one "a day after" another.

A sentence may hold several dates (the attack's, the claim's, the report's, a quoted speaker's "today",
a date about someone the sentence names); the attack takes the one its trigger's syntax reaches
(``AttackTimes.time_of``), else the sentence's only date that dates no other deed. An attack told with no
date of its own is dated by the day an official reported it (``report_day``); one told as what the
story's attack came "a day after" is dated from it, and the other way round (``resolve_anchors``).
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date

from spacy.tokens import Doc, Span, Token

from . import temporal
from .attack_state import AttacksRead, AttackState
from .attacks import ATTACKER_PERSONS
from .timex import REPORTING, TimePhrase, verb_of
from .timex import in_quote as _in_quote
from .types import TimeValue

SAME_DAY = re.compile(r"(?i)\W*\b(?:(?:(?:a few|several|some|two|three) )?(?:hours|minutes|moments) (?:later|earlier|after)|(?:later|earlier) (?:that|the same) day|the same day)\b")
TELLING = frozenset({"condemn", "denounce", "investigate", "mourn", "praise", "celebrate", "commemorate", "mark",
                     "end", "contain", "quell"})  # "forces ended the siege on Sunday": the day it ended
REPORT_VERBS = frozenset({"say", "tell", "report", "confirm", "announce", "add", "state"})
TOLL_NOUNS = frozenset({"toll", "tally", "count", "number", "figure"})
RECALLED_AFTER_DAYS = 31
# verbs that relate an attack to something else: a date on them is that other thing's ("the bombing
# followed an announcement on Friday", "the attack prompted a curfew on Monday")
DATES_OTHER_EVENT_VERBS = frozenset({"follow", "precede", "coincide", "prompt", "trigger", "spark", "draw",
                                     "show", "highlight", "underscore", "raise", "cast", "overshadow", "mark"})


class AttackTimes:
    """The time phrases of one article (``timex.find_time_phrases``) read for its attacks."""

    def __init__(self, doc: Doc, times: list[TimePhrase], published: date | None):
        self.doc, self.times, self.published = doc, times, published
        self.starts = {p.start for p in times}

    def anchor_phrase(self, token: Token) -> TimePhrase | None:
        """The "a day after …" phrase whose object is this attack (a background attack)."""
        if token.dep_ != "pobj" or token.head.lower_ not in ("after", "before"):
            return None
        for phrase in self.times:
            if phrase.relative and phrase.start <= token.head.i < phrase.end + 1:
                return phrase
        return None

    def resolve_anchors(self, told: AttacksRead) -> None:
        """Times of "X came a day after an attack on Y": each side from the other."""
        for phrase in self.times:
            if not phrase.relative:
                continue
            prep = next((t for t in self.doc[phrase.start: phrase.end + 1] if t.lower_ in ("after", "before")), None)
            if prep is None:
                continue
            anchor_attack = next((told.by_token[c.i] for c in prep.children if c.i in told.by_token), None)
            if anchor_attack is None and prep.dep_ == "mark":  # "… a day after the agency said a commander was killed"
                anchor_attack = next((told.by_token[t.i] for t in prep.head.subtree if t.i in told.by_token), None)
            main = self._main_of_phrase(phrase, prep, told)
            if anchor_attack is None or main is None or main is anchor_attack:
                continue
            if len(anchor_attack.cluster.mentions) == 1:
                anchor_attack.background = True  # told only as what the story's attack came after: context
            if main.time is not None and anchor_attack.time is None:
                inverse = phrase.text.replace(prep.text, "before" if prep.lower_ == "after" else "after")
                anchor_attack.time = temporal.normalize(inverse, self.published, anchor=main.time)
            elif anchor_attack.time is not None and main.time is None:
                main.time = temporal.normalize(phrase.text, self.published, anchor=anchor_attack.time)

    def _main_of_phrase(self, phrase: TimePhrase, prep: Token, told: AttacksRead) -> AttackState | None:
        """The attack that an "a day after …" phrase dates: the one its verb tells, else the story's first
        attack of the sentence, else the attack being told."""
        verb = verb_of(phrase.root)
        if prep.dep_ == "mark" and verb.i == prep.head.i and verb.head.i != verb.i:
            verb = verb_of(verb.head)  # "… on Monday, a day after a bombing killed 12": the clause "after" opens is the anchor's
        for token in [verb, *verb.children]:
            if token.i in told.by_token:
                return told.by_token[token.i]
        sent = phrase.root.sent
        before = [a for a in told.attacks if any(m.sent == sent for m in a.cluster.mentions) and not a.background]
        return before[0] if before else told.current

    def time_of(self, token: Token, sentence: Sentence, told: AttacksRead) -> tuple[TimeValue | None, bool]:
        """The time phrase that dates this trigger: by syntax first, then the sentence's only date; and
        whether the phrase is the mention's own ("the March 7 attack", "stormed … on Tuesday")."""
        sent = sentence.span
        phrases = [p for p in self.times if sent.start <= p.start < sent.end and not p.since
                   and not p.relative and p.value is not None]
        verb = verb_of(token)
        subtree = {t.i for t in token.subtree}
        # "the death toll from a missile strike rose to 52 on Saturday": the verb's date is the toll's
        tolled = any(a.lemma_ in TOLL_NOUNS for a in token.ancestors if a.i != verb.i and verb in a.ancestors)
        if tolled:  # "the toll from a bombing late on Saturday rose to 63": a date before the verb is the attack's
            before = [p for p in phrases if p.root.i in subtree or token.i < p.start < verb.i]
            return (before[0].value, True) if before else (None, False)
        # "IS claimed responsibility for the attack on Tuesday": the date of a claim is not the attack's
        telling = verb.lemma_ in REPORTING or verb.lemma_ in TELLING
        if telling and any(c.lower_ in ("the", "this", "that") for c in token.children if c.dep_ == "det"):
            # "… for the attack on Tuesday": the PP may date the claim as well as the attack named again
            phrases = [p for p in phrases if not (p.root.head.dep_ == "prep" and p.root.head.head.i == token.i)]
        # "the March 7 attack", "a bombing in March"; not "the first attack since the takeover in August 2021"
        # … nor one in a clause about someone the mention's own words name ("… near the tomb of Soleimani,
        # killed in January 2020"), which dates nothing of the attack
        # … nor one told right after a reporting verb ("said on Monday the group staged the attacks … on
        # Saturday", where the parser hangs both dates on "staged"), nor one after "since" ("the first attack
        # since the takeover in August 2021"), nor one a speaker
        # says in a quotation ("we carried out the attack today"), whose day is the speaker's
        phrases = [p for p in phrases if not (_in_quote(p.root) and not _calendar_date(p)) and not _after_reporting(p) and not any(
            a.dep_ == "acl" and a.head.pos_ == "PROPN" or a.lower_ in ("since", "until")
            for a in p.root.ancestors if a.i in subtree)]
        # "the attacks that shocked Sri Lankans, who mourned on Tuesday": a date in a clause about people
        # that the mention's words hold dates what they did, not the attack
        phrases = [p for p in phrases if not _about_people(p.root, token)]
        own = [p for p in phrases if p.root.i in subtree]
        # "gunmen shot dead a councillor on Tuesday, police said", with "dead" as the clause: a date in the
        # reported clause that holds the trigger is the deed's
        clause = next((c for c in token.ancestors if c.head.i == verb.i and c.i != verb.i), None) if telling else None
        reported = {t.i for t in clause.subtree} if clause is not None and \
            clause.dep_ in ("ccomp", "xcomp", "advcl", "conj", "parataxis") else set()
        attached = [p for p in own or phrases if p.root.i in subtree or verb_of(p.root) == token
                    or verb_of(p.root) == verb and verb.i != token.i and (not telling or p.root.i in reported)]
        if attached:  # two dates on one verb (a misparse): the finer, then the nearer, is the event's
            best = min(attached, key=lambda p: (_rank(p.value), abs(p.root.i - token.i)))
            # its own: inside the mention, on the trigger verb, or on the verb the mention is an argument of
            # ("a bomber blew himself up on Monday", "the attack took place on Friday"), not on "followed"
            deed = verb_of(best.root)
            return best.value, best.root.i in subtree or deed == token or \
                deed.i == token.head.i and deed.lemma_ not in DATES_OTHER_EVENT_VERBS
        if SAME_DAY.search(sent.text):
            # "Hours later, a second blast …", "On the same day as the hospital attack, a bombing …": the day of
            # the attack just named in this sentence, else of the attack just told
            named = [a for a in told.attacks if a.last_sentence == sentence.index] + [told.current]
            day = next((a.time for a in named if a is not None and a.time is not None and a.time.granularity == "day"), None)
            if day is not None:
                return day, False
        # a date in a clause about someone ("the attacker, who was released last year") dates nothing else
        # and a date in a clause the trigger's clause does not govern ("… Soleimani, killed in January 2020",
        # "since he came to power in August 2021") dates another deed
        governing = {verb.i, *(a.i for a in verb.ancestors)}
        others = [p for p in phrases if verb_of(p.root).lemma_ not in REPORTING | TELLING
                  and not _describes_name(verb_of(p.root)) and not _in_other_clause(p.root, governing)]
        if len(others) == 1 and not _dates_other_trigger(others[0], sent, token, told.by_token):
            return others[0].value, False
        return None, False

    def report_day(self, token: Token, sentence: Sentence) -> TimeValue | None:
        """The day of the report that tells the trigger's clause ("the plant has been shelled, the city
        administration said on Monday"; "…, officials told AFP on Sunday"): wire reports tell an attack
        on the day it is reported, so an attack with no date of its own is dated by it; last, by the day a
        group claimed it. Never when the attack has a date of its own, nor a denial's or accusation's day."""
        sent = sentence.span
        verb = verb_of(token)
        if verb.lemma_ == "be":
            return None  # "the attacks were the work of IS, he told reporters": an attribution, not the report
        clause = verb
        while clause.dep_ == "conj" and clause.head.i != clause.i:
            clause = clause.head  # "24 people were killed and 91 wounded in the attacks, he said"
        candidates = [clause.head] if clause.dep_ == "ccomp" else []
        candidates += [c for v in {verb, clause} for c in v.children
                       if c.dep_ in ("parataxis", "ccomp", "advcl") and c.lemma_ in REPORT_VERBS]
        if verb.lemma_ == "claim" and token.i != verb.i:
            candidates.append(verb)  # "X claimed on Tuesday the twin bombings of …": the claim's day, as a last resort
        if token.dep_ == "nsubjpass" and token.head.i == verb.i:
            candidates.append(verb)  # "another explosion was reported on Friday near the airport"
        for say in candidates:
            if say.lemma_ not in REPORT_VERBS and say.lemma_ != "claim":
                continue
            for p in self.times:
                if sent.start <= p.start < sent.end and p.value is not None and not p.relative and not p.since \
                        and p.value.granularity == "day" and verb_of(p.root) == say:
                    return p.value
        return None

    def long_before(self, time: TimeValue | None) -> bool:
        """A time over a month before publication: a past attack recalled, not the story's."""
        last = time.latest_end or time.latest_begin if time is not None else None
        return bool(last and self.published and (self.published - last).days > RECALLED_AFTER_DAYS)


    def opens_new_scene(self, sent: Span) -> bool:
        """A sentence that opens on a time ("Hours later, a second blast …", "On Monday, …"): a new scene."""
        return opens_same_day(sent) or bool({sent.start, sent.start + 1} & self.starts)


def _dates_other_trigger(phrase: TimePhrase, sent: Span, token: Token, by_token: Mapping[int, object]) -> bool:
    """Whether the date's verb also governs another trigger of the sentence: it dates that one."""
    verb = verb_of(phrase.root)
    return any(t.i != token.i and (t.i in by_token or t.lemma_ in ("attack",)) and verb_of(t) == verb
               for t in sent if t.i != token.i and t.i in by_token)

def _about_people(token: Token, trigger: Token) -> bool:
    """A token inside a "who …" clause on someone, below the trigger ("the attacks that shocked residents
    who mourned on Tuesday", "the attack on a minister who arrived on Monday")."""
    for above in token.ancestors:
        if above.i == trigger.i:
            return False
        if above.dep_ == "relcl" and any(c.lower_ in ("who", "whom", "whose") for c in above.children):
            if above.head.i == trigger.i and trigger.lemma_.lower() in ATTACKER_PERSONS:
                return False  # "killed by gunmen who stormed the village on Saturday": the attackers' deed
            return trigger.i in {a.i for a in above.ancestors}
    return False


def _calendar_date(phrase: TimePhrase) -> bool:
    """"on July 29", "in March 2014": a date that names its month or year means the same whoever says it
    (unlike "today" or "on Monday" in a quotation, counted from the day the speaker spoke)."""
    words = re.findall(r"[A-Za-z]+|\d{4}", phrase.text)
    return any(w.lower() in temporal.MONTHS or w.isdigit() for w in words)


def _after_reporting(phrase: TimePhrase) -> bool:
    """A date written right after a reporting verb ("said on Monday"): the day of the saying."""
    doc = phrase.root.doc
    return phrase.start > 0 and doc[phrase.start - 1].lemma_ in REPORTING and doc[phrase.start - 1].pos_ == "VERB"


def _describes_name(verb: Token) -> bool:
    """A relative clause, or a participle on a name ("Soleimani, killed in January 2020"): about someone."""
    return verb.dep_ == "relcl" or verb.dep_ == "acl" and verb.head.pos_ == "PROPN"


def _in_other_clause(token: Token, governing: set[int]) -> bool:
    """A token inside a subordinate clause ("since he came to power", "after militias stormed the
    capital") that is not one of the clauses governing the trigger."""
    for a in [token, *token.ancestors]:
        if a.i in governing:
            return False
        if a.dep_ in ("advcl", "relcl", "acl") and any(c.dep_ == "mark" for c in a.children):
            return True
    return False


def _rank(value: TimeValue) -> int:
    """How coarse a time is: day first, unknown last."""
    order = temporal.GRANULARITY_ORDER
    return order.index(value.granularity) if value.granularity in order else len(order)


def dated_to_month(value: TimeValue) -> bool:
    """Known at least to the month: fine enough for an indefinite mention's own date to agree with."""
    return _rank(value) <= temporal.GRANULARITY_ORDER.index("month")


def _finer(a: TimeValue, b: TimeValue) -> bool:
    return _rank(a) < _rank(b)


def opens_same_day(sent: Span) -> bool:
    """"Hours later, …", "Later that day, …": a sentence that opens on the day of what was told before."""
    return SAME_DAY.match(sent[:6].text) is not None


def take_time(state: AttackState, time: TimeValue | None, rank: int) -> None:
    """A mention's date becomes its attack's when it fits the one the attack has ("the attack", retold in a
    sentence dated for something else, keeps its own) and is the first, from a sentence that ranks higher
    (the body over a caption or the headline), or finer from one that ranks the same."""
    if time is None or state.time is not None and not temporal.compatible(time, state.time):
        return
    if state.time is None or rank < state.time_rank or _finer(time, state.time) and rank == state.time_rank:
        state.time, state.time_rank = time, rank
