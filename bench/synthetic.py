"""A synthetic archive of conflict reporting, for the benchmarks: extractions, or articles to parse.

``extractions(n)`` makes what the extractor would return for ``n`` wire reports: attacks (several
reports of one attack agree on day, place, kind and figures, so fusion merges them), responsibility
claims, denials, attributions and party casualty figures, negotiation rounds and meetings with
their participants and spokespeople. Written through ``pipeline.write_graphs``, they give a store
shaped like a real build's: article graphs, graph/fused and graph/inferred.

``articles(n)`` writes short reports of our own from the same world, in wire style, for timing
``kgb build`` itself (spaCy and the extractor). Everything is drawn from a seeded generator, so two
runs with the same arguments give the same archive.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from kg_builder.types import (Actor, Article, AttackMention, ClaimMention, Evidence, Extraction, Figure,
                              NegotiationMention, PersonRole, TimeValue)

START = date(2015, 1, 1)
DAYS_PER_ARTICLE = 0.35  # about three reports a day: 1 k articles span a year, 20 k two decades
PLACES = {  # place → country, all in the bundled gazetteer (so containment is known)
    "Kabul": "Afghanistan", "Kabul University": "Afghanistan", "Jalalabad": "Afghanistan",
    "Kandahar": "Afghanistan", "Herat": "Afghanistan", "Mazar-i-Sharif": "Afghanistan",
    "Kunduz Province": "Afghanistan", "Ghazni Province": "Afghanistan", "Peshawar": "Pakistan",
    "Quetta": "Pakistan", "Karachi": "Pakistan", "Baghdad": "Iraq", "Mosul": "Iraq", "Kirkuk": "Iraq",
    "Damascus": "Syria", "Idlib": "Syria", "Mogadishu": "Somalia", "Maiduguri": "Nigeria",
    "Sanaa": "Yemen", "Aden": "Yemen", "North Sinai": "Egypt", "Istanbul": "Turkey",
    "Marawi": "Philippines", "Goma": "Democratic Republic of the Congo",
}
GROUPS = {  # country → armed groups active there
    "Afghanistan": ("Taliban", "Islamic State", "Haqqani network"), "Pakistan": ("Tehrik-i-Taliban Pakistan",
    "Islamic State", "Balochistan Liberation Army"), "Iraq": ("Islamic State", "Kataib Hezbollah"),
    "Syria": ("Islamic State", "Hayat Tahrir al-Sham"), "Somalia": ("Al-Shabaab",), "Nigeria": ("Boko Haram",
    "Islamic State"), "Yemen": ("Houthis", "Al-Qaeda in the Arabian Peninsula"), "Egypt": ("Islamic State",),
    "Turkey": ("Islamic State", "Kurdistan Workers' Party"), "Philippines": ("Abu Sayyaf", "Islamic State"),
    "Democratic Republic of the Congo": ("M23", "Allied Democratic Forces"),
}
GOVERNMENTS = {"Afghanistan": "Afghan government", "Pakistan": "Pakistan Army", "Iraq": "Iraqi security forces",
               "Syria": "Syrian government", "Somalia": "Somali government", "Nigeria": "Nigerian Army"}
KINDS = ("Bombing", "SuicideBombing", "CarBombing", "RocketAttack", "ArmedAssault", "Shelling", "Airstrike",
         "Assassination", "Kidnapping", "Attack")
KIND_WORDS = {"Bombing": "bomb blast", "SuicideBombing": "suicide bombing", "CarBombing": "car bomb attack",
              "RocketAttack": "rocket attack", "ArmedAssault": "gun attack", "Shelling": "shelling",
              "Airstrike": "air strike", "Assassination": "assassination", "Kidnapping": "kidnapping",
              "Attack": "attack"}
VENUES = ("Doha", "Doha", "Moscow", "Geneva", "Islamabad", "Oslo")
SIDES = (("Taliban", "United States"), ("Taliban", "Afghan government"), ("Houthis", "Saudi Arabia"),
         ("Revolutionary Armed Forces of Colombia", "Colombian government"))
OUTLETS = ("Frontline Wire", "Global Desk", "Horn Monitor", "Conflict Daily")
SPEAKERS = ("Zabihullah Mujahid", "Tariq Ghazniwal", "Abdul Rahman Sayed", "Amina Yusuf", "Omar Farouk")


@dataclass(frozen=True)
class _Attack:
    n: int
    day: date
    place: str
    kind: str
    killed: int
    injured: int
    group: str | None
    claimed: bool


@dataclass(frozen=True)
class _Talks:
    n: int
    begin: date
    end: date | None  # None: still going on
    place: str
    sides: tuple[str, str]
    kind: str
    round: int | None


def _day(d: date) -> TimeValue:
    return TimeValue(d.strftime("%A"), "day", d, d, d, d, d.isoformat())


def _month(d: date) -> TimeValue:
    first = d.replace(day=1)
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    return TimeValue(d.strftime("in %B"), "month", first, last, first, last, first.isoformat()[:7])


class _World:
    """Attacks and talks that reports are written about, made as the archive's days go by."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.attacks: list[_Attack] = []
        self.talks: list[_Talks] = []

    def attack_for(self, published: date) -> tuple[_Attack, bool]:
        """An attack a report published that day tells of, and whether an earlier report told of it."""
        recent = [a for a in self.attacks[-12:] if 0 <= (published - a.day).days <= 2]
        if recent and self.rng.random() < 0.45:
            return self.rng.choice(recent), True
        rng = self.rng
        place = rng.choice(list(PLACES))
        groups = GROUPS[PLACES[place]]
        group = rng.choice(groups) if rng.random() < 0.6 else None
        attack = _Attack(len(self.attacks), published - timedelta(days=rng.choice((0, 0, 0, 1, 1, 2))), place,
                         rng.choice(KINDS), rng.choice((0, 1, 2, 3, 4, 5, 7, 8, 12, 15, 20, 35)),
                         rng.choice((0, 2, 5, 9, 14, 30)), group, group is not None and rng.random() < 0.7)
        self.attacks.append(attack)
        return attack, False

    def talks_for(self, published: date) -> _Talks:
        """Talks a report tells of: going on, just ended (the report says so), or new."""
        rng = self.rng
        for talks in self.talks:  # long talks end: only a few are open at a time
            if talks.end is None and (published - talks.begin).days > 90:
                self.talks[talks.n] = _Talks(talks.n, talks.begin, published - timedelta(days=1), talks.place,
                                             talks.sides, talks.kind, talks.round)
        current = [t for t in self.talks[-20:] if t.begin <= published
                   and (t.end is None or 0 <= (published - t.end).days <= 10)]
        ended = [t for t in current if t.end is not None and t.end <= published]
        if ended and rng.random() < 0.8:  # an end is news: a report soon says the talks ended
            return rng.choice(ended)
        if current and rng.random() < 0.6:
            return rng.choice(current)
        kind = rng.choice(("Talks", "NegotiationRound", "Meeting", "Meeting"))
        begin = published - timedelta(days=rng.randint(0, 3))
        end = None if kind == "Talks" else begin + timedelta(days=0 if kind == "Meeting" else rng.randint(1, 6))
        talks = _Talks(len(self.talks), begin, end, rng.choice(VENUES), rng.choice(SIDES), kind,
                       rng.randint(1, 9) if kind == "NegotiationRound" else None)
        self.talks.append(talks)
        return talks


def _evidence(text: str, start: int, rule: str) -> Evidence:
    return Evidence(text, start, start + len(text), rule)


def _attack_sentence(attack: _Attack) -> str:
    when = "on " + attack.day.strftime("%A")
    return (f"A {KIND_WORDS[attack.kind]} killed {attack.killed} people and wounded {attack.injured} in "
            f"{attack.place} {when}, officials said.")


def _report(n: int, world: _World) -> tuple[Article, Extraction]:
    rng = world.rng
    published = START + timedelta(days=int(n * DAYS_PER_ARTICLE))
    article_id = f"syn-{n:06d}"
    sentences: list[str] = []
    attacks, claims, negotiations, actors, people = [], [], [], [], []
    offset = 0

    def say(text: str) -> int:
        nonlocal offset
        sentences.append(text)
        start, offset = offset, offset + len(text) + 1
        return start

    for k in range(1 if rng.random() < 0.75 else 2):
        attack, retold = world.attack_for(published)
        key = f"A{k + 1}"
        sentence = _attack_sentence(attack)
        start = say(sentence)
        exact = rng.random() < 0.6
        time = _day(attack.day) if rng.random() < 0.9 else _month(attack.day)
        attacks.append(AttackMention(
            key, attack.kind, _evidence(sentence, start, "synthetic"), time, attack.place, None, PLACES[attack.place],
            Figure(attack.killed, None if exact else "at least"), Figure(attack.injured) if attack.injured else None,
            ("civilians",) if rng.random() < 0.5 else (), ()))
        if attack.claimed and (retold or rng.random() < 0.8):
            spokesman = rng.choice(SPEAKERS)
            text = f"{attack.group} claimed responsibility in a statement, spokesman {spokesman} said."
            claims.append(ClaimMention("claims_responsibility", attack.group, key, _evidence(text, say(text), "synthetic"),
                                       speaker=spokesman))
            people.append(PersonRole(spokesman, "spokesman", attack.group))
            actors.append(Actor(attack.group, "ArmedGroup"))
            if attack.group == "Taliban" and rng.random() < 0.3:
                text = "The Taliban denied any role in the attack."
                claims.append(ClaimMention("denies_responsibility", "Taliban", key, _evidence(text, say(text), "synthetic")))
        elif attack.group and rng.random() < 0.2:
            government = GOVERNMENTS.get(PLACES[attack.place])
            if government:
                text = f"The {government} blamed the {attack.group} for the attack."
                claims.append(ClaimMention("attributes_to", government, key, _evidence(text, say(text), "synthetic"),
                                           target_actor=attack.group))
                actors.append(Actor(government, "GovernmentBody"))
        if attack.group and rng.random() < 0.1:
            text = f"The {attack.group} said {attack.killed + 10} soldiers died."
            claims.append(ClaimMention("casualty_claim", attack.group, key, _evidence(text, say(text), "synthetic"),
                                       killed=Figure(attack.killed + 10)))
    if rng.random() < 0.2:
        talks = world.talks_for(published)
        sentence = (f"Delegations of the {talks.sides[0]} and the {talks.sides[1]} met in {talks.place} "
                    f"as the talks went on.")
        start = say(sentence)
        end = talks.end if talks.end and talks.end <= published else None
        time = TimeValue("since " + talks.begin.strftime("%B %d"), "day", talks.begin, talks.begin,
                         end or published, end)
        negotiations.append(NegotiationMention(
            "N1", talks.kind, f"{talks.kind} in {talks.place}", _evidence(sentence, start, "synthetic"), talks.place,
            talks.sides, time, talks.round, "ended" if end else "ongoing"))
        actors += [Actor(side, "State" if side in ("United States", "Saudi Arabia") else "ArmedGroup")
                   for side in talks.sides]
    article = Article(article_id, " ".join(sentences), published, rng.choice(OUTLETS),
                      f"https://news.example.org/{article_id}")
    return article, Extraction(article, tuple(attacks), tuple(claims), tuple(negotiations),
                               tuple(dict.fromkeys(actors)), tuple(dict.fromkeys(people)))


def extractions(n: int, seed: int = 14) -> list[Extraction]:
    """What the extractor would give for ``n`` synthetic reports (no spaCy involved)."""
    world = _World(random.Random(seed))
    return [_report(i, world)[1] for i in range(n)]


def articles(n: int, seed: int = 14) -> list[Article]:
    """``n`` synthetic reports of our own, to be parsed and extracted like real ones."""
    world = _World(random.Random(seed))
    return [_report(i, world)[0] for i in range(n)]
