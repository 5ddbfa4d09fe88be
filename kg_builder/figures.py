"""Casualty figures: numbers in digits or words, their qualifier, and who was killed or injured.

Vague quantities are read as ACLED codes them, as lower bounds: "dozens" = 12, "scores" = 20,
"hundreds" = 100, "several"/"a number of" = 3 (``Casualty.vague``, ``Figure.qualifier == "at least"``).
They are no attack's figure: an analyst reading "dozens were killed" has no count, and a killed
column that said 12 would be summed as if one had been given. ``combine`` (the figure an attack
gets) therefore uses stated numbers only ("at least 12", "more than 100", "two dozen" are stated);
a sentence with only a vague quantity leaves the attack's figure unknown, and a later stated one
fills it. Attackers ("25 Taliban fighters dead", "the bomber was shot dead") are kept apart from victims.
"""
from __future__ import annotations

import re
import weakref
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .nlp import read_lexicon
from .types import Figure

UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen".split())}
TENS = {w: 10 * i for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if i > 1}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
VAGUE = {"dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1000, "several": 3, "a number": 3,
         "a dozen": 12, "dozen": 12, "a handful": 3}
QUALIFIERS = [("at least", "at least"), ("more than", "more than"), ("over", "more than"),
              ("upwards of", "more than"), ("up to", "up to"), ("as many as", "up to"),
              ("nearly", "about"), ("almost", "about"), ("about", "about"), ("around", "about"),
              ("some", "about"), ("roughly", "about"), ("approximately", "about")]
KILL_LEMMAS = {"kill", "die", "dead", "martyr", "behead", "execute", "slay", "massacre", "murder", "slaughter",
               "death", "life"}
INJURE_LEMMAS = {"wound", "injure", "hurt", "injured", "wounded", "maim"}
COUNT_NOUNS = frozenset({"number", "toll", "tally", "count"})  # "the number of people killed"
_LEX = read_lexicon("figures")
RAISING_VERBS = frozenset(_LEX["raising_verbs"])  # "225 people are reported injured"
RATE_WORDS, RATE_UNITS = frozenset(_LEX["rate_words"]), frozenset(_LEX["rate_units"])  # "140 people every month"
ATTACKER_WORDS = {"militant", "fighter", "attacker", "insurgent", "bomber", "gunman", "gunmen", "assailant",
                  "jihadist", "terrorist", "rebel", "kidnapper", "perpetrator", "suspect", "assassin"}


@dataclass(frozen=True)
class Casualty:
    """A figure found in a sentence: killed or injured, the number, and the tokens it hangs on."""

    what: str  # "killed" or "injured"
    figure: Figure
    verb: Token
    phrase: str
    vague: bool = False
    attackers: bool = False


def parse_number(text: str) -> tuple[int, bool] | None:
    """The integer a number phrase states ("23", "1,200", "two dozen", "twenty-one", "dozens"), and
    whether it is vague."""
    words = re.sub(r"[,\u00a0]", "", text.lower()).replace("-", " ").split()
    words = [w for w in words if w not in ("and", "a", "an")] or words
    if not words:
        return None
    phrase = " ".join(words)
    for vague, value in VAGUE.items():
        if phrase == vague or phrase.endswith(" " + vague) and vague != "dozen":
            if vague == "dozen" or phrase.endswith("dozen") and len(words) > 1:
                break
            return value, vague not in ("a dozen", "dozen")
    total, current = 0, 0
    for word, before in zip(words, [None, *words]):
        if word.isdigit() and before is not None and before.isdigit():
            return None  # "16 30": two numbers, not one
        if word.isdigit():
            current += int(word)
        elif re.fullmatch(r"\d+(\.\d+)?", word):
            current += int(float(word))
        elif word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word == "dozen":
            current = max(current, 1) * 12
        elif word in SCALES:
            current = max(current, 1) * SCALES[word]
            if SCALES[word] >= 1000:
                total, current = total + current, 0
        else:
            return None
    value = total + current
    return (value, False) if value or words[-1] in ("zero", "0") else None


def qualifier_before(tokens_text: str) -> str | None:
    """The qualifier that ends ``tokens_text`` ("at least", "more than" …), normalized."""
    lowered = tokens_text.lower().strip()
    for phrase, normal in QUALIFIERS:
        if lowered.endswith(phrase) or lowered.startswith(phrase + " ") or lowered == phrase:
            return normal
    return None


def number_of(head: Token) -> tuple[Figure, bool] | None:
    """The figure a noun phrase headed by ``head`` counts ("at least 10 soldiers", "two dozen", "dozens of people")."""
    if any(c.dep_ == "det" and c.lower_ == "no" for c in head.children):
        return None  # "no one was hurt" says nobody was, not one person; the count is not a victim figure
    nums = [c for c in head.children if c.dep_ in ("nummod", "quantmod") and (c.like_num or c.lower_ in VAGUE)]
    if head.like_num or head.lower_ in VAGUE or head.lower_ == "dozen":
        number_tokens = [t for t in head.subtree if t.i <= head.i and (t.like_num or t.lower_ in VAGUE or t.lower_ == "dozen")]
        start = number_tokens[0] if number_tokens else head
    elif nums:
        num = nums[0]
        coordinated = {t.i for c in num.children if c.dep_ in ("conj", "cc") for t in c.subtree}
        parts = [t for t in num.subtree if (t.like_num or t.lower_ in VAGUE or t.lower_ == "dozen")
                 and t.i not in coordinated]  # "rose to 16 and 30 others were wounded": 16, not 46
        start, head = parts[0] if parts else num, parts[-1] if parts else num
        number_tokens = parts or [num]
    elif head.lower_ in ("number",) or any(c.lower_ == "several" for c in head.children):
        start = head
        number_tokens = [head]
    elif head.tag_ in ("NN", "NNP") and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in head.children):
        return Figure(1, None), False  # "killing a lieutenant", "wounding a child", "an Israeli was killed": one person
    elif head.lower_ == "another" and head.dep_ in ("nsubj", "nsubjpass") and not list(head.children):
        return Figure(1, None), False  # "… and another was wounded": one more person
    else:
        return None
    doc = head.doc
    text = doc[number_tokens[0].i: number_tokens[-1].i + 1].text
    parsed = parse_number(text)
    if parsed is None:
        return None
    value, vague = parsed
    before = doc[max(start.sent.start, start.i - 3): start.i].text
    qualifier = qualifier_before(before) or ("at least" if vague else None)
    return Figure(value, qualifier), vague


def _conjuncts(token: Token) -> list[Token]:
    return [token, *[t for t in token.conjuncts if t.i > token.i]]


def _subjects(verb: Token) -> list[Token]:
    """The noun phrases a killing/injuring word counts, by voice."""
    deps = {c.dep_: c for c in verb.children}
    # a participle with an object is active whatever its tag ("the attack killed 27 people", tagged VBN)
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children) or verb.tag_ == "VBN" \
        and "nsubj" not in deps and "dobj" not in deps
    if verb.lemma_ in ("die", "dead", "martyr") or passive or verb.tag_ == "JJ" or verb.lemma_ in INJURE_LEMMAS and "dobj" not in deps:
        heads = [c for c in verb.children if c.dep_ in ("nsubjpass", "nsubj")]
        if not heads and (verb.dep_ == "oprd" or verb.dep_ == "xcomp" and verb.head.lemma_ in RAISING_VERBS):
            # "left 25 fighters dead", "a man was shot dead", "225 people are reported injured"
            heads = [c for c in verb.head.children if c.dep_ in ("dobj", "nsubjpass")]
        if not heads and verb.dep_ in ("amod", "acl") and verb.head.pos_ in ("NOUN", "NUM", "PROPN"):
            heads = [verb.head]  # "six dead", "11 people injured"
        if not heads and verb.lower_ in ("dead", "injured", "wounded") and any(
                c.dep_ == "nummod" and c.like_num for c in verb.children):
            heads = [verb]  # "left at least 12 dead", "reported 17 dead", "the toll stands at 31 dead"
        if not heads and verb.tag_ in ("VBN", "VBD") and not any(c.dep_ == "dobj" for c in verb.children):
            heads = _counted_just_before(verb)  # "… dead and at least 16 injured", parsed with no subject
        return heads
    heads = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
    if verb.lemma_ == "life" or not heads and verb.lemma_ == "claim":
        heads = [c for p in verb.children if p.dep_ == "prep" for c in p.children if c.dep_ == "pobj"]
    return heads


def _counted_just_before(verb: Token) -> list[Token]:
    """The count written right before a participle the parser left without a subject ("left 19 dead and at
    least 16 injured", "reported 21 deaths and 117 people wounded"): a number, or a noun it counts."""
    if verb.i == verb.sent.start:
        return []
    before = verb.doc[verb.i - 1]
    if before.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT"):
        return []  # "on March 3 wounded …", "since 2019 injured …": a date, not people
    if before.like_num and before.pos_ == "NUM" or before.pos_ == "NOUN" and any(
            c.dep_ == "nummod" and c.like_num for c in before.children):
        return [before]
    return []


# Doc → (sentence start, end) → its figures: the attack reader, coreference and the claims all ask for a
# sentence's figures, which depend on nothing else; each sentence is read once, and the entry goes with its Doc.
# An entry holds the verb's index, not the Token: a Token holds its Doc, and a value that holds its own
# key keeps a WeakKeyDictionary entry alive for ever (every Doc parsed stayed in memory, 43 a devset build).
_READ: "weakref.WeakKeyDictionary[Doc, dict[tuple[int, int], tuple[tuple, ...]]]" = weakref.WeakKeyDictionary()


def casualties(sent: Span) -> list[Casualty]:
    """Killed and injured figures stated in one sentence."""
    doc = sent.doc
    read = _READ.setdefault(doc, {})
    key = (sent.start, sent.end)
    if key not in read:
        read[key] = tuple((c.what, c.figure, c.verb.i, c.phrase, c.vague, c.attackers) for c in _read_casualties(sent))
    return [Casualty(what, figure, doc[verb], phrase, vague, attackers)
            for what, figure, verb, phrase, vague, attackers in read[key]]


def _read_casualties(sent: Span) -> list[Casualty]:
    found: list[Casualty] = []
    for token in sent:
        lemma = token.lemma_.lower()
        if token.pos_ == "NOUN" and token.lower_ in ("killing", "killings"):
            found.extend(_deaths_of(token, counted_only=True))  # "the killing of two cyclists and two other tourists"
            continue
        if lemma in KILL_LEMMAS or token.lower_ in ("dead", "killed"):
            what = "killed"
        elif lemma in INJURE_LEMMAS or token.lower_ in ("injured", "wounded"):
            what = "injured"
        elif lemma in ("injury", "wound") and token.pos_ == "NOUN":
            found.extend(_harm_to(token))  # "resulted in injuries to at least 38 people"
            continue
        else:
            continue
        if tally(token):
            continue
        counted = _counted_in(token)
        if counted is not None:  # "the number of people killed rose to 40"
            found.extend(_toll(counted, what))
            continue
        if lemma == "life" and token.dep_ == "dobj" and token.head.lemma_ == "lose":
            heads = [c for c in token.head.children if c.dep_ == "nsubj"]  # "nine people lost their lives"
            found.extend(Casualty("killed", r[0], token, sent.doc[h.left_edge.i: h.i + 1].text, r[1])
                         for h in heads for r in [number_of(h)] if r is not None)
            continue
        if lemma == "death" or lemma == "life" and token.head.lemma_ != "claim":
            if lemma == "death" and any(c.lemma_ == "toll" for c in [token.head]):
                found.extend(_toll(token.head, "killed"))
            elif lemma == "death":
                found.extend(_deaths_of(token) or _counted_deaths(token))
            continue
        if lemma == "life":
            heads = _subjects(token)
        else:
            heads = _subjects(token)
        for head in heads:
            for np in _conjuncts(head):
                result = number_of(np)
                if result is None:
                    continue
                figure, vague = result
                attackers = any(t.lemma_.lower() in ATTACKER_WORDS for t in np.subtree) or \
                    any(sp.start <= np.i < sp.end for sp in sent.doc.spans.get("kgb_actors", ())
                        if _is_armed(sp.label_))
                found.append(Casualty(what, figure, token, sent.doc[np.left_edge.i: np.right_edge.i + 1].text,
                                      vague, attackers))
    return found


def tally(verb: Token) -> bool:
    """A running count or a rate, not one attack's toll: "the insurgency has killed 36,000 people since 2009",
    "the bombing raised the death toll of US troops in the war to 214 since 2001", "roadside bombs kill or
    wound 140 people every month"."""
    verbs = [verb, verb.head] if verb.dep_ == "conj" else [verb]  # "kill or wound … every month"
    return any(_since(c) or _per_unit(c) for v in verbs for c in v.children)


def _since(token: Token) -> bool:
    """"since 2009", "since the United States invaded": a count from then to now."""
    return token.dep_ == "prep" and token.lower_ == "since" or token.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ == "since" for c in token.children)


def _per_unit(token: Token) -> bool:
    """"every month", "a day", "per year" (and the noun of "per year" under its preposition)."""
    if token.dep_ not in ("npadvmod", "prep", "dobj", "advmod"):
        return False
    unit = next((c for c in token.children if c.dep_ == "pobj"), None) if token.lower_ == "per" else token
    if unit is None or unit.lemma_.lower() not in RATE_UNITS:
        return False
    if any(c.dep_ not in ("det", "amod") for c in unit.children):
        return False  # "a day after the ceasefire", "a week earlier": when, not how often
    return token.lower_ == "per" or any(c.dep_ == "det" and c.lower_ in RATE_WORDS for c in unit.children)


def _deaths_of(death: Token, counted_only: bool = False) -> list[Casualty]:
    """"the deaths of 12 soldiers", "the death of a US service member": a count of the dead; not "the death
    of its founder" or "the death of Ahmed Godane", which name a person and count nothing."""
    found = []
    for prep in death.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for pobj in (p for c in prep.children if c.dep_ == "pobj" for p in _conjuncts(c)):
                if counted_only and not any(c.dep_ == "nummod" for c in pobj.children):
                    continue  # "in revenge for the killing of a commander": a killing named, no toll counted
                result = number_of(pobj) if pobj.ent_type_ != "PERSON" else None
                if result:
                    found.append(Casualty("killed", result[0], death, "deaths", result[1],
                                          any(t.lemma_.lower() in ATTACKER_WORDS for t in pobj.subtree)))
    return found


def _harm_to(injury: Token) -> list[Casualty]:
    """"injuries to at least 38 people": the injured counted by the noun's "to" phrase."""
    found = []
    for prep in (c for c in injury.children if c.dep_ == "prep" and c.lower_ == "to"):
        for pobj in (p for c in prep.children if c.dep_ == "pobj" for p in _conjuncts(c)):
            result = number_of(pobj) if any(c.dep_ == "nummod" for c in pobj.children) else None
            if result:
                found.append(Casualty("injured", result[0], injury, "injuries", result[1]))
    return found


def _counted_deaths(death: Token) -> list[Casualty]:
    """"reported 21 deaths", "caused at least 30 deaths": the dead counted by the noun itself."""
    if not any(c.dep_ == "nummod" for c in death.children):
        return []
    result = number_of(death)
    return [Casualty("killed", result[0], death, "deaths", result[1])] if result else []


def _toll(toll: Token, what: str) -> list[Casualty]:
    """"the death toll rose to 63", "the death toll stood at 12", "the number of … wounded climbed to 90"."""
    verb = toll.head
    if tally(verb):
        return []
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in ("to", "at"):
            for pobj in prep.children:
                result = number_of(pobj)
                if result:
                    return [Casualty(what, result[0], verb, "death toll" if what == "killed" else "toll", result[1])]
    return []


def _counted_in(token: Token) -> Token | None:
    """The count noun a killing/injuring word's people are counted by, when that count is the subject
    of a verb: "the number of Afghans killed in the bombing rose to about 170" → "number", however the
    parser hangs the participle (on the people, or on the count noun itself when the people are a
    name), and "the number of dead rose to 40" (the word is the counted people); else None."""
    if token.dep_ == "acl" and token.head.dep_ == "pobj" and token.head.head.lower_ == "of":
        count = token.head.head.head  # "the number of [people killed]"
    elif token.dep_ == "acl" and any(c.dep_ == "prep" and c.lower_ == "of" and c.i < token.i
                                     for c in token.head.children):
        count = token.head  # "the number [of Afghans] killed": the participle on the count noun
    elif token.dep_ == "pobj" and token.head.lower_ == "of" and token.lower_ in ("dead", "wounded", "injured"):
        count = token.head.head  # "the number of dead", "the toll of wounded"
    else:
        return None
    return count if count.lemma_.lower() in COUNT_NOUNS and count.dep_ in ("nsubj", "nsubjpass") else None


def _is_armed(canonical: str) -> bool:
    from .gazetteer import load

    actor = load().actors.get(canonical)
    return bool(actor and actor.kind == "ArmedGroup")


def combine(items: list[Casualty]) -> Figure | None:
    """One figure from the victim counts of a sentence: summed over coordinated groups of one verb; None
    when the sentence states no number ("dozens were killed": a vague quantity is no attack's figure)."""
    victims = [c for c in items if not c.attackers and not c.vague]
    if not victims:
        return None
    by_verb: dict[int, list[Casualty]] = {}
    for c in victims:
        by_verb.setdefault(c.verb.i, []).append(c)
    best = max(by_verb.values(), key=lambda group: sum(c.figure.value for c in group))
    value = sum(c.figure.value for c in best)
    qualifier = next((c.figure.qualifier for c in best if c.figure.qualifier), None)
    return Figure(value, qualifier)
