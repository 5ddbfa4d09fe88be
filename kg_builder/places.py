"""Where an attack happened: the place named in the locative structure of the attack's own clause.

Places come from the curated gazetteer (marked on the Doc as ``kgb_places`` by the lexicon
component) and, for a name it lacks that the model tags as a place and the sentence puts in a
locative phrase ("in Nihm", "in the border town of Cucuta", "near El Carmen"), from the world
gazetteer (GeoNames towns, provinces and countries). A village needs that locative phrase and a
country the article is about; a city of ``BIG_CITY`` people or more, a province or a country needs
only the phrase. A place that names an owner ("the Kabul government", "Washington's push"), is the
argument of another deed ("invaded Afghanistan") or sits in a dateline is no attack's place.

Every lookup is by sentence over indexes built once per article (sorted starts, bisected), so the
cost grows linearly with the article, not with the square of it.
"""
from __future__ import annotations

from bisect import bisect_left
from collections import Counter

from spacy.tokens import Doc, Span, Token

from .actors import NARRATION_VERBS, is_role
from .attacks import ATTACK_VERBS
from .coref import in_relating_phrase
from .gazetteer import BIG_CITY, Gazetteer
from .nlp import dateline_length, read_lexicon
from .place_names import (KIND_WORDS, LOCATIVE_PREPS, PLACE_KIND_NOUNS, PLACE_PARTS, ROAD_NOUNS, in_part_of, kind_at,
                          kind_named, name_around, object_of_strike, road_named_by)
from .timex import REPORTING, verb_of
from .types import Place

_WORDS = read_lexicon("places")
PLACE_RANK: dict[str, float] = _WORDS["rank"]
ENTITY_LABELS = frozenset(_WORDS["entity_labels"])
SITE_NOUNS = frozenset(_WORDS["site_nouns"])
ACTOR_HEADS = frozenset(_WORDS["actor_heads"])
REGIONS = frozenset(r.lower() for r in _WORDS["regions"])
NOT_NAMES = frozenset({"NORP", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "QUANTITY", "PERCENT"})
NOT_PLACE_ENTITIES = NOT_NAMES | {"PERSON", "ORG", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT"}
NON_LOCATIVE_PREPS = frozenset(_WORDS["non_locative_prepositions"])
BASE_PARTICIPLES = frozenset(_WORDS["base_participles"])  # "an official based in Peshawar said"
_TALKS = read_lexicon("negotiations")
# where talks are held or delegates sit is not where an attack happened ("talks in Kuwait")
OTHER_EVENT_WORDS = frozenset(n for nouns in _TALKS["nouns"].values() for n in nouns if " " not in n) | \
    frozenset(v for verbs in _TALKS["verbs"].values() for v in verbs) | frozenset(_TALKS["side_nouns"]) - {"side", "officials", "team"}


class PlaceFinder:
    """The places of one article, indexed by position, and the place of each attack trigger."""

    def __init__(self, doc: Doc, gazetteer: Gazetteer, country: str | None = None):
        self.doc, self.gazetteer, self.country = doc, gazetteer, country
        self.listed = sorted(doc.spans.get("kgb_places", ()), key=lambda p: p.start)
        self._starts = [p.start for p in self.listed]
        # Span.ents walks the whole Doc's entities: read them once, find a sentence's by bisection
        self._all_ents = list(doc.ents)
        self._all_ent_starts = [e.start for e in self._all_ents]
        self._ents = [e for e in self._all_ents if e.label_ in ENTITY_LABELS]
        self._ent_starts = [e.start for e in self._ents]
        self.actor_tokens = {i for a in doc.spans.get("kgb_actors", ()) for i in range(a.start, a.end)}
        self.unlisted: dict[str, tuple[str, str | None]] = {}  # place no gazetteer has → (kind, parent)
        self._called: dict[str, str] = {}  # world town → the coarser kind the text gives it ("the X district")
        towns = [p for p in self.listed if self._rank(p.label_) <= PLACE_RANK["province"]]
        self._towns, self._town_starts = towns, [p.start for p in towns]
        named = Counter(c for c in (gazetteer.country_of(p.label_) for p in self.listed) if c)
        world, placed = self._countries_named()
        named.update(world)
        self.countries = set(named) | ({country} if country else set())
        # the country the story is about: the reader's country of the article, else the one named most
        self.story_country = country or (named.most_common(1)[0][0] if named else None)
        # where a village no gazetteer has lies, failing all else: the country named most as a place
        # ("in Tajikistan", not "two US citizens"), else the story's
        self._village_country = country or (placed.most_common(1)[0][0] if placed else self.story_country)
        self._sentences: dict[int, list[Span]] = {}
        self._attack_places: list[tuple[int, str]] = []  # (sentence start, place) in reading order

    def _countries_named(self) -> tuple[Counter, Counter]:
        """Countries the curated list lacks, named anywhere ("Myanmar's armed forces"), and countries
        of either list named where things happen ("attacks in Mozambique", "in northern Cameroon",
        "Mozambique's northern province"), not as a nationality ("US citizens")."""
        listed_tokens = self._place_tokens()
        names = [e for e in self._all_ents if e.label_ in ("GPE", "LOC", "ORG") and e.start not in listed_tokens]
        world, placed = Counter(), Counter()
        for spans, named, world_only in ((names, lambda e: e.text, True), (self.listed, lambda p: p.label_, False),
                                         (self.doc.spans.get("kgb_actors", ()), lambda a: a.text, False)):
            for span in spans:
                country = self.gazetteer.country_named(named(span))
                if country is None:
                    continue
                if world_only:
                    world[country.name] += 1
                root = span.root
                if root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPS or root.dep_ == "poss" \
                        and root.head.lemma_.lower() in PLACE_KIND_NOUNS | PLACE_PARTS:
                    placed[country.name] += 1
        return world, placed

    def in_sentence(self, sent: Span, start: int | None = None) -> list[Span]:
        """The curated places of a sentence (from token ``start`` on)."""
        lo = bisect_left(self._starts, sent.start if start is None else start)
        hi = bisect_left(self._starts, sent.end)
        return self.listed[lo:hi]

    def entities_in(self, sent: Span) -> list[Span]:
        """The model's entities of a sentence (``sent.ents`` walks every entity of the Doc)."""
        return self._all_ents[bisect_left(self._all_ent_starts, sent.start): bisect_left(self._all_ent_starts, sent.end)]

    def place_of(self, token: Token, sent: Span) -> tuple[str | None, str | None]:
        """The most specific place of the trigger's clause, and a finer detail (a road) if any."""
        # "The United States bombed …": the subject of the attack verb is who attacked, not where
        places = [p for p in self._candidates(sent) if not _argument_of_other_deed(p.root, token)
                  and not _in_other_event(p.root, token) and not (p.root.dep_ == "nsubj" and p.root.head.i == token.i)
                  and not in_relating_phrase(p.root, token) and not _base_of_party(p.root)
                  and not _describes_participant(p.root, token)]
        if not places:
            return None, None
        # the trigger's own phrase first ("an air strike in Nihm"), then its clause, then the sentence
        own = {t.i for t in token.subtree}
        clause = {t.i for t in verb_of(token).subtree}
        in_clause = [p for p in places if p.start in own] or [p for p in places if p.start in clause] or places

        def rank(p: Span) -> tuple:
            return (self._rank(p.label_), abs(p.start - token.i))

        # A place naming a road ("the Jalalabad road in eastern Kabul", "the Kabul-Kandahar highway")
        # is where the road leads, not where the attack was: it becomes the detail of another place.
        roads = {id(p): road for p in in_clause if (road := road_named_by(p)) is not None}
        located = [p for p in in_clause if id(p) not in roads] or in_clause
        best = min(located, key=rank)
        road_place = best if id(best) in roads else next((p for p in in_clause if id(p) in roads), None)
        detail = self.doc[road_place.start: roads[id(road_place)].i + 1].text if road_place else None
        if id(best) in roads:
            return None, detail  # "on the Quetta-Sibi highway": somewhere along the road, not in the town
        place = best.label_
        parent = self.unlisted.get(place, (None, None))[1]
        named = {p.label_ for p in self._candidates(sent)}
        # (not when the town is in the sentence only as another event's place: "talks in Geneva")
        kind = self.unlisted.get(place, ("",))[0]
        if kind == "neighbourhood" and (parent in {p.label_ for p in places} or parent not in named) \
                or kind == "district" and parent and self._rank(parent) == PLACE_RANK["province"]:
            # "in Karrada": Baghdad, Karrada the detail; "in Samangan's Dara-I Suf district": Samangan
            place, detail = parent, detail or place
        if not self._attack_places or self._attack_places[-1][0] <= sent.start:
            self._attack_places.append((sent.start, place))
        return place, detail

    def _candidates(self, sent: Span) -> list[Span]:
        """The places of a sentence that can be an event's place: curated ones that name no owner and
        stand after any dateline, and the model's places in a locative phrase (computed once)."""
        if sent.start not in self._sentences:
            listed = [self._as_province(p) for p in self.in_sentence(sent, sent.start + dateline_length(sent))
                      if not _names_an_owner(p.root, self.actor_tokens) and not _not_locative(p.root)
                      and not self._nationality(p) and not self._with_a_party(p)]
            self._sentences[sent.start] = listed + self._unlisted_places(sent, listed)
        return self._sentences[sent.start]

    def _as_province(self, place: Span) -> Span:
        """"The province of Aleppo", "Aleppo province": the province the curated town names, as the world
        gazetteer has it, so that a town of it named later ("the town of Afrin") refines it."""
        curated = self.gazetteer.places[place.label_]
        if curated.kind != "city" or "province" not in (kind_named(place.root), kind_at(self.doc, place.end)):
            return place
        province = self.gazetteer.province_named(place.label_, self.gazetteer.country_of(place.label_))
        return Span(self.doc, place.start, place.end, label=province.name) if province is not None else place

    def _nationality(self, place: Span) -> bool:
        """"a US contractor", "a US strike", "Syria talks": a country modifying a noun says whose it is,
        not where anything happened (a town may: "the Kabul bombing"); "the Iraq border area" still does."""
        root = place.root
        return self.gazetteer.places[place.label_].kind == "country" and root.dep_ in ("compound", "amod", "nmod") \
            and root.head.lemma_.lower() not in PLACE_KIND_NOUNS | PLACE_PARTS | SITE_NOUNS | ROAD_NOUNS

    def _with_a_party(self, place: Span) -> bool:
        """"an attack on the United States and its allies", "threats against Britain and NATO": a country
        coordinated with a party that is no place is a party too, not where anything happened ("in Iraq and
        Syria" still is)."""
        if self.gazetteer.places[place.label_].kind != "country":
            return False
        places = self._place_tokens()
        others = [*place.root.conjuncts]
        return any(c.i not in places and (c.i in self.actor_tokens or c.lemma_.lower() in ACTOR_HEADS)
                   for c in others)

    def _place_tokens(self) -> set[int]:
        if not hasattr(self, "_listed_tokens"):
            self._listed_tokens = {i for p in self.listed for i in range(p.start, p.end)}
        return self._listed_tokens

    def _unlisted_places(self, sent: Span, listed: list[Span]) -> list[Span]:
        """Places the curated list lacks, in a locative structure: the model's GPE/LOC entities after a
        locative preposition, and any proper name that a kind noun introduces ("the town of X", "the X
        district", "X, Y province") or that follows a locative preposition and the world gazetteer knows."""
        taken = {i for span in self.in_sentence(sent) for i in range(span.start, span.end)}  # (no copy of the Doc's actors)
        listed_tokens = {i for p in listed for i in range(p.start, p.end)}
        found, seen, pending = [], set(), []
        for start, end, kind, evidence in self._locative_names(sent, listed_tokens):
            while end > start and self.doc[end - 1].lower_ in ACTOR_HEADS:
                end -= 1  # "the Sunjuwan Army camp": the camp of an army at Sunjuwan, not a place "Army"
            name = self.doc[start:end].text
            # a state named as an actor is still a place after "in" ("killed 11 people in northern Cameroon")
            actor = any(i in self.actor_tokens for i in range(start, end)) \
                and not (evidence != "kind noun" and self.gazetteer.country_named(name))
            if end == start or actor or any(i in taken or i in seen for i in range(start, end)):
                continue
            if name.lower() in REGIONS:
                continue
            known = self._world(name, sent)
            if evidence == "big place" and not (known is not None and _big(known)):
                continue
            if known is not None:
                label = known.name
                if kind is not None and PLACE_RANK.get(kind, 0) > self._rank(label):
                    self._called[label] = kind  # "the village of X in Y district": X is finer than town Y
            elif evidence == "world":
                continue  # a bare capitalised word after "in" is a place only if the world knows it
            else:
                pending.append((name, kind))
                label = name
            seen.update(range(start, end))
            found.append(Span(self.doc, start, end, label=label))
        # a name no gazetteer has lies in the finest place its sentence names, the world's included ("the
        # village of X in Y province", "the town of X, in the department of Y"), else in the story's
        # (not a town a road is named after: "the Quetta-Sibi highway in Bolan district")
        around = [p for p in listed + [f for f in found if f.label_ in self.gazetteer.places and f.label_ not in dict(pending)]
                  if road_named_by(p) is None]
        for name, kind in pending:
            # (a coarser one: "the town of X in Y province" does not put the province inside the town; a
            # district may lie in a town)
            floor = PLACE_RANK[kind] if kind in ("city", "province") else PLACE_RANK["locality"]
            parents = sorted((p for p in around if self._rank(p.label_) > floor), key=lambda p: self._rank(p.label_))
            # (else at least in the country of a place beside it: "X town, near Cotabato")
            beside = next((c for c in (self.country_of(p.label_) for p in around) if c), None)
            parent = parents[0].label_ if parents else self._story_place(sent) or self._village_country or beside
            # a name inside the town the sentence (or else the story) is about, a district of a town
            # included, is a neighbourhood of it: the town is the place, as ACLED codes locations
            # ("the west Kabul district of X"; a district of the story's last town may be another's)
            in_town = parent is not None and self._rank(parent) == PLACE_RANK["city"] \
                and (kind != "district" or bool(parents))
            if kind in (None, "neighbourhood", "district") and in_town:
                kind = "neighbourhood"
            elif kind in (None, "neighbourhood"):
                kind = "locality"
            self.unlisted.setdefault(name, (kind, parent))
        return found

    def _locative_names(self, sent: Span, listed_tokens: set[int]):
        """(start, end, kind the text gives or None, evidence) of each name in a locative structure."""
        lo, hi = bisect_left(self._ent_starts, sent.start), bisect_left(self._ent_starts, sent.end)
        for ent in self._ents[lo:hi]:
            root = ent.root
            words = [t for t in ent if t.lower_ != "the"]
            # an entity the model runs past a colon or a comma ("Mykolaiv: Region's governor") ends there
            words = words[:next((k for k, t in enumerate(words) if t.is_punct and t.text in ":;,()[]|"), len(words))]
            kind = kind_named(root)
            if kind is None and object_of_strike(root):
                continue  # left to the proper-name pass below: only a place the world knows
            for n in range(1, min(3, len(words) - 1) + 1):  # "Samangan province", "X Local Government Area"
                if kind_at(self.doc, words[-n].i) and all(w.lower_ in KIND_WORDS for w in words[-n:]):
                    kind, words = kind_at(self.doc, words[-n].i), words[:-n]
                    break
            if not words or not words[0].text[:1].isupper():
                continue
            locative = kind is not None or root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPS or \
                root.dep_ in ("appos", "compound") and root.head.i in listed_tokens
            if not locative:
                continue
            if kind is None and (ent.label_ == "FAC" or words[-1].lower_ in SITE_NOUNS):
                continue  # a building or a zone is a detail of its town, as ACLED codes locations
            yield words[0].i, words[-1].i + 1, kind, "entity"
        for token in sent:
            if not token.text[:1].isupper() or token.lower_ in KIND_WORDS:
                continue
            if token.pos_ != "PROPN":
                # "the Tral area", the town tagged an adjective: a town the world knows, before a kind noun
                if token.pos_ in ("ADJ", "NOUN") and token.i > sent.start and token.ent_type_ != "NORP" \
                        and kind_named(token):
                    yield token.i, token.i + 1, kind_named(token), "world"
                continue
            kind = kind_named(token)
            # a kind noun outweighs the model's label ("the Putumayo region" is tagged ORG); a bare name does not
            located = kind is None and (token.dep_ == "pobj" and token.head.lower_ in LOCATIVE_PREPS or in_part_of(token))
            bare = located and token.ent_type_ not in NOT_PLACE_ENTITIES or kind is None and object_of_strike(token)
            # "homes in Mykolaiv", the city tagged a person, "in northern Cameroon" tagged an organisation:
            # only a country, a province or a big city the world knows
            misread = located and token.ent_type_ in ("PERSON", "ORG") and token.head.lower_ == "in"
            if kind is None and not bare and not misread or token.ent_type_ in NOT_NAMES - {"NORP"}:
                continue
            start, end = name_around(token)
            yield start, end, kind, "kind noun" if kind else "big place" if misread and not bare else "world"

    def _world(self, name: str, sent: Span) -> Place | None:
        """The world gazetteer's place for a name in a locative phrase: a country or province; a big
        city; a smaller town only if it lies in a place the sentence names or in the story's country; a
        town only in a country the article names, if it names any."""
        near = {p.label_ for p in self.in_sentence(sent)} | ({self.story_country} if self.story_country else set())
        return self.gazetteer.world_place(name, near | self.countries, near=near, big=BIG_CITY, within=self.countries)

    def _story_place(self, sent: Span) -> str | None:
        """Where the story is, and so what contains a district it names next ("… in Nangarhar province.
        … the X district"): the last place given to an attack before this sentence, else the last town
        or province of the gazetteer named before it (not a talks venue named in between)."""
        if self._attack_places and self._attack_places[-1][0] < sent.start:
            return self._attack_places[-1][1]
        n = bisect_left(self._town_starts, sent.start)
        return self._towns[n - 1].label_ if n else None

    def _rank(self, name: str) -> float:
        kind = self.unlisted[name][0] if name in self.unlisted else self._called.get(name) or self.gazetteer.places[name].kind
        return PLACE_RANK.get(kind, 5)

    def ancestors(self, name: str) -> set[str]:
        """Names of the places that contain ``name``, gazetteer places and unlisted ones alike."""
        chain = set()
        while name in self.unlisted and self.unlisted[name][1] and self.unlisted[name][1] not in chain:
            name = self.unlisted[name][1]
            chain.add(name)
        return chain | {p.name for p in self.gazetteer.ancestors(name)}

    def may_lie_in(self, inner: str, outer: str) -> bool:
        """Whether ``inner`` may lie in ``outer``, a province or district no gazetteer has (its extent
        unknown: "Soum province", then "the town of Djibo"): a finer place of the same country."""
        kind = self.unlisted.get(outer, ("",))[0]
        return kind in ("province", "district") and self._rank(inner) < PLACE_RANK[kind] \
            and self.country_of(inner) is not None and self.country_of(inner) == self.country_of(outer)

    def country_of(self, name: str) -> str | None:
        """The country of a gazetteer or unlisted place, or None."""
        countries = (self.gazetteer.country_of(c) for c in [name, *self.ancestors(name)])
        return next((c for c in countries if c), None)

    def world_places(self, names) -> tuple[Place, ...]:
        """The world-gazetteer places (with their provinces and countries) behind ``names``."""
        found: dict[str, Place] = {}
        for name in names:
            for place in self.gazetteer.world_chain(name):
                found.setdefault(place.name, place)
        return tuple(sorted(found.values(), key=lambda p: p.name))


def _names_an_owner(place: Token, actor_tokens: set[int]) -> bool:
    """A place that modifies an actor ("the Kabul government", "Russia's defence ministry") or, as a
    possessive, anything but a part of a place ("Washington's failures" but not "Baghdad's Green Zone")."""
    head, lemma = place.head, place.head.lemma_.lower()  # "Mogadishu's Hayat Hotel": a proper noun's lemma is capitalised
    if place.dep_ in ("poss", "compound", "amod", "nmod") and (head.i in actor_tokens or lemma in ACTOR_HEADS):
        return True
    following = place.doc[place.i + 1] if place.i + 1 < len(place.doc) else None
    if place.ent_type_ == "ORG" and following is not None and following.ent_iob_ == "I":
        return True  # "Kabul Bank", "the Baghdad Chamber of Commerce": an organisation named after a place
    return place.dep_ == "poss" and not (lemma in SITE_NOUNS | ROAD_NOUNS | PLACE_KIND_NOUNS | PLACE_PARTS
                                         or head.ent_type_ in ("FAC", "LOC", "GPE"))


def _not_locative(place: Token) -> bool:
    """"the conflict between Israel and Hamas", "envoys flew to Doha": a place no event happened in."""
    return place.dep_ == "pobj" and place.head.lower_ in NON_LOCATIVE_PREPS


def _big(place: Place) -> bool:
    """A country, a province or a city of at least BIG_CITY people."""
    return place.kind in ("country", "province") or (place.population or 0) >= BIG_CITY


def _base_of_party(place: Token) -> bool:
    """Where a party sits, not where the attack was: "an official based in Peshawar said", "a Beirut-based
    monitor said" (a base participle on the subject of a reporting verb), "the Nigeria-based group" (a
    place fused to the participle labels a party; "troops stationed in X were attacked" may be the attack's)."""
    participle = place.head.head if place.dep_ == "pobj" and place.head.lower_ == "in" else place.head
    if participle.lemma_.lower() not in BASE_PARTICIPLES or participle.dep_ not in ("acl", "amod"):
        return False
    speaker = participle.head  # the subject of "said", or a role the parser hung elsewhere ("…, an official based in X said")
    fused = place.dep_ != "pobj" and participle.i == place.i + 2 and place.nbor(1).text == "-"
    return fused or speaker.dep_ == "nsubj" and speaker.head.lemma_.lower() in REPORTING or is_role(speaker)


def _describes_participant(place: Token, trigger: Token) -> bool:
    """A place in what an apposition says of a target or a doer ("members of the X network, a group
    fighting coalition forces in neighbouring Afghanistan"): where that party acts, not where the attack was."""
    verb_seen = False
    for ancestor in place.ancestors:
        if ancestor.i == trigger.i:
            return False
        if ancestor.pos_ == "VERB" and ancestor.dep_ in ("acl", "relcl"):
            verb_seen = True
        elif ancestor.pos_ in ("VERB", "AUX"):
            return False
        if verb_seen and ancestor.dep_ == "appos" and ancestor.pos_ in ("NOUN", "PROPN"):
            return True
    return False


def _in_other_event(place: Token, trigger: Token) -> bool:
    """A place that belongs to talks or delegates ("pulled out of talks in Kuwait in protest at an air
    strike") rather than to the attack: a talks word on its way up to the trigger or the clause head."""
    for ancestor in place.ancestors:
        if ancestor.i == trigger.i:
            return False
        if ancestor.lemma_.lower() in OTHER_EVENT_WORDS or ancestor.lower_ in OTHER_EVENT_WORDS:
            return True  # "talks in Kuwait", "envoys met officials in Moscow"
        if ancestor.pos_ in ("VERB", "AUX") and ancestor.dep_ not in ("acl", "relcl"):
            return False  # (a participle goes on to its noun: "talks sponsored by the UN in Kuwait")
    return False


def _argument_of_other_deed(place: Token, trigger: Token) -> bool:
    """"The United States invaded Afghanistan after the attacks": the subject or object of a verb that
    tells no attack is no attack's place ("rockets hit Kabul", "gunmen stormed Kabul University" are)."""
    verb = place.head
    return place.dep_ in ("nsubj", "nsubjpass", "dobj") and verb.i != trigger.i \
        and verb.lemma_ not in ATTACK_VERBS and verb.lemma_ not in NARRATION_VERBS
