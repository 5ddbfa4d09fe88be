"""Who is who in a sentence: actors under canonical names, people with their roles and affiliations.

Affiliations come from the text first ("Taliban spokesman X", "X, a spokesman for Y", "a spokesman
for Y, X", "the group's spokesman X") and only then from the list of well-known people in
``data/lexicon/people.json``. Generic national bodies ("interior ministry", "police", "Russia's
defence ministry") are qualified by a demonym, a possessive country or the article's country
("Afghan Ministry of Interior", "Russian Ministry of Defence"), or, where no city or province gives the
country, by the state that qualifies the same body elsewhere in the article; a minister or president with no stated
affiliation speaks for the government of the article's country.

Two kinds of answer: ``actor_of`` and ``speaker`` give only actors the gazetteer lists (other stages
look their kinds up), ``claimant_of`` and ``speaker(open_names=True)`` may also give a name the
text builds ("Iraqi police", "Ansar al-Fajr", "the Kyiv city administration"; see ``organisations``)
for the claims of an article. A dateline ("MOSCOW, December 9 (Sputnik) –") and a news agency name
no party. "It said …" speaks for the party named just before; ``perpetrators_of`` reads who the
narration says did an attack ("shelled by Russian forces", "a US drone strike").
"""
from __future__ import annotations

from collections import Counter
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from .gazetteer import BIG_CITY, load as load_gazetteer
from .nlp import dateline_length, read_lexicon
from .organisations import ARMED_DESCRIPTORS, GROUP_NOUNS, OrganisationNames, unnamed_faction
from .claim_words import PERPETRATION
from .negotiation_words import VERB_KIND as TALKS_VERBS, noun_kind
from .reported import BELIEF_VERBS, negated, subject_of
from .types import Evidence, PersonRole

_CLAIMS = read_lexicon("claims")
REPORTING = set(_CLAIMS["reporting_verbs"])
AFFILIATION_PARTICIPLES = set(_CLAIMS["affiliation_participles"])
OWNERSHIP_PARTICIPLES = set(_CLAIMS["ownership_participles"])  # "the Hamas-run health ministry"
UNIT_NOUNS = set(_CLAIMS["unit_nouns"])
STATE_DEEDS = set(_CLAIMS["state_deed_nouns"])
STATEMENT_NOUNS = set(_CLAIMS["statement_nouns"])
NARRATION_VERBS = set(_CLAIMS["narration_verbs"])
BLAME_PARTICIPLES = set(_CLAIMS["blame_participles"])
STANCE_PREFIXES = set(_CLAIMS["stance_prefixes"])
HABITUAL = set(_CLAIMS["habitual_adverbs"]) | set(_CLAIMS["past_time_words"])
PERPETRATOR_KINDS = {"ArmedGroup", "State", "GovernmentBody"}
RELATIVE_PRONOUNS = {"who", "which", "that"}
SPEAKER_PRONOUNS = {"it", "they"}  # "It said …", "They said …": the party named before


@lru_cache(maxsize=1)
def _people() -> tuple[set[str], set[str], dict[str, dict], set[str], dict[str, str]]:
    data = read_lexicon("people")
    known = {}
    for person in data["known"]:
        for name in (person["name"], *person["aliases"]):
            known[name.lower()] = person
    bodies = {variant: canonical for canonical, variants in data["bodies"].items()
              for variant in (canonical.lower(), *variants)}
    return set(data["roles"]), set(data["speaker_roles"]), known, set(data["government_roles"]), bodies


def is_role(token: Token) -> bool:
    roles = _people()[0]
    return token.lower_ in roles or token.lemma_.lower() in roles


def _stance(token: Token) -> bool:
    """A name that only says whose side a thing is on: "pro-Iran factions", "an anti-Taliban militia"."""
    doc = token.doc
    words = [doc[i].lower_ for i in range(max(0, token.i - 2), token.i)]
    return bool(words) and (words[-1] in STANCE_PREFIXES or words[-1] == "-" and len(words) > 1
                            and words[0] in STANCE_PREFIXES) or any(token.lower_.startswith(p + "-") for p in STANCE_PREFIXES)


def _quoted(token: Token) -> bool:
    """A name in quotation marks of its own ("a ‘Taliban’ attack"): the words of others, which a headline
    quotes to keep its distance ("so they say"), not the report's own telling of who did it."""
    doc = token.doc
    words = [t for t in token.subtree if not t.is_quote]
    first, last = words[0].i, words[-1].i
    return first > 0 and doc[first - 1].is_quote and last + 1 < len(doc) and doc[last + 1].is_quote


def _habit(verb: Token) -> bool:
    """A deed told as a habit or of the past, not of the attack reported ("has often been targeted by X",
    "X has in the past attacked the area", "X previously struck the town")."""
    for child in verb.children:
        if child.dep_ == "advmod" and child.lower_ in HABITUAL:
            return True
        if child.dep_ == "prep" and child.lower_ == "in" and any(
                p.lower_ in HABITUAL for p in child.children if p.dep_ == "pobj"):
            return True
    return False


def _joins_word(token: Token) -> bool:
    """A hyphen written inside a word ("leader-in-exile", "commander-in-chief"), not a dash between words."""
    return token.text == "-" and token.i > 0 and not token.doc[token.i - 1].whitespace_ and not token.whitespace_


def _datelines(doc: Doc) -> set[int]:
    """Tokens of the datelines that open sentences ("KABUL, Afghanistan (AP) –")."""
    return {i for sent in doc.sents for i in range(sent.start, sent.start + dateline_length(sent))}


class ActorResolver:
    """Resolves tokens of one Doc to canonical actors and people."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.gazetteer = load_gazetteer()
        self.by_token: dict[int, str] = {}
        # "MOSCOW, December 9 (Sputnik) –", "…, AFP reported": where and by whom a report was filed
        # names no party to it; a dateline's city or a news agency is never a claimant or participant
        self.reporting: set[int] = _datelines(doc) | {
            i for span in doc.spans.get("kgb_actors", ()) if span.label_ in self.gazetteer.media
            for i in range(span.start, span.end)}
        for ent in doc.ents:
            if ent.label_ == "ORG" and self.gazetteer.is_media(ent.text):
                self.reporting.update(range(ent.start, ent.end))
        for span in doc.spans.get("kgb_actors", ()):
            for i in range(span.start, span.end):
                if i not in self.reporting:
                    self.by_token[i] = span.label_
        self.country = self._main_country()
        self.built: set[str] = set()  # national bodies named by ``national`` that the gazetteer lacks
        self._qualified: dict[str, str | None] = {}  # body -> the demonym that qualifies it somewhere in the article
        self.people: dict[str, PersonRole] = {}
        self.person_tokens: dict[int, str] = {}
        self.bodies = _people()[4]
        self.names = OrganisationNames(self)
        for ent in doc.ents:
            if ent.label_ == "PERSON" and not any(i in self.by_token or i in self.reporting or i in self.names.named_groups
                                                  for i in range(ent.start, ent.end)):
                role = self._role_of(ent)
                self.people.setdefault(role.name, role)
                if role.affiliation and not self.people[role.name].affiliation:
                    self.people[role.name] = role
                for i in range(ent.start, ent.end):
                    self.person_tokens[i] = role.name
        self._surname = {name.split()[-1]: name for name in self.people if len(name.split()) > 1}

    def _main_country(self) -> str | None:
        counts: Counter[str] = Counter()
        for span in self.doc.spans.get("kgb_places", ()):
            if self.gazetteer.places[span.label_].kind == "country" or span.start in self.by_token \
                    and span.root.dep_ in ("nsubj", "nsubjpass", "dobj", "poss", "compound", "amod"):
                continue  # countries are named in passing, a capital as subject or object stands for its
                # government ("Zelenskiy accused Moscow"); cities and provinces say where the story is
            if _talks_venue(span.root):
                continue  # "resumed peace talks in Kuala Lumpur": talks are often held abroad, the parties' home is not there
            country = self.gazetteer.country_of(span.label_)
            if country:
                counts[country] += 1
        if not counts:
            # no curated town or province: a big town or a province the world gazetteer knows, after "in"
            # ("an army camp in Kupwara"), says where the story is
            for ent in self.doc.ents:
                if ent.label_ == "GPE" and ent.root.dep_ == "pobj" and ent.root.head.lower_ == "in" \
                        and not _talks_venue(ent.root):
                    place = self.gazetteer.world_place(ent.text, near=(), big=BIG_CITY)
                    country = self.gazetteer.country_of(place.name) if place and place.kind != "country" else None
                    if country:
                        counts[country] += 1
        return counts.most_common(1)[0][0] if counts else None

    def kind_of(self, name: str | None) -> str | None:
        """The gazetteer kind of an actor name (None for names the gazetteer does not list)."""
        actor = self.gazetteer.actors.get(name) if name else None
        return actor.kind if actor else None

    # Actors
    def actor_of(self, token: Token) -> str | None:
        """The listed actor a token names or heads ("Taliban", "the Islamic State group", "Afghan negotiators")."""
        name = self._actor(token, open_names=False)
        return name if name in self.gazetteer.actors else None

    def claimant_of(self, token: Token) -> str | None:
        """Like ``actor_of``, but also a name the text builds: "Iraqi police", an appositive organisation."""
        return self._actor(token, open_names=True)

    def _actor(self, token: Token, open_names: bool) -> str | None:
        if token.lower_ in RELATIVE_PRONOUNS and token.head.dep_ == "relcl":
            token = token.head.head  # "the YPG militia, which denied involvement"
        if token.i in self.by_token:
            return self.by_token[token.i]
        if token.i in self.reporting:
            return None
        runner = self._runner(token)
        if runner:
            return runner  # "the Houthi-run health ministry" speaks for the Houthis
        if open_names:
            # "Jamaat-ul-Ahrar, a faction of …" (a name the gazetteer lacks) and "Afghanistan's
            # intelligence agency, the National Directorate of Security": the name wins
            named = self.names.named(token)
            for child in token.children:
                if not named and child.dep_ == "appos":
                    named = self.by_token.get(child.i) or self.names.organisation(child)
            named = named or self.names.local_body(token)
            if named:
                return named
        called = self.names.called(token, open_names)
        if called:
            return called  # "a little-known group called X", "the alliance known as X"
        if unnamed_faction(token):
            return None  # "a Pakistani Taliban faction": a part the text leaves unnamed, not the umbrella group
        owners = [self.by_token[c.i] for c in token.children if c.dep_ in ("compound", "nmod", "amod", "poss")
                  and c.i in self.by_token and not _stance(c) and not self._affiliate(c)]
        # "Yemen's Houthi delegation": the party, not the state it is of; "Russia's defence ministry",
        # "Turkish police": the state's body, not the state
        parties = [o for o in owners if self.kind_of(o) != "State"]
        if parties:
            return parties[0]
        if owners and not self.body(token):
            return owners[0]
        if token.i in self.person_tokens:
            return None
        national = self.national_body(token, open_names)
        if national:
            return national
        if token.lemma_.lower() in GROUP_NOUNS or token.lower_ in GROUP_NOUNS:
            # "a faction of the Pakistani Taliban", "the Kurdish YPG militia", "the Saudi-led coalition … the coalition"
            for prep in token.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    owner = next((self._actor(p, open_names) for p in prep.children if p.dep_ == "pobj"), None)
                    if owner:
                        return owner
            if open_names:
                named = self.names.proper_modifier(token, with_head=False) or self.names.antecedent(token)
                if named:
                    return named
            return self.recent_armed_group(token)
        if open_names and token.lemma_.lower() in UNIT_NOUNS:
            return self.names.proper_modifier(token, with_head=True)  # "the Azov battalion"
        return None

    def _runner(self, token: Token) -> str | None:
        """The party that runs a body ("the Hamas-run health ministry", "the Houthi-controlled ministry")."""
        for child in token.children:
            if child.dep_ in ("compound", "amod") and (child.lower_ in OWNERSHIP_PARTICIPLES
                                                        or child.lemma_.lower() in OWNERSHIP_PARTICIPLES):
                names = [self.by_token[t.i] for t in child.subtree if t.i in self.by_token]
                if names and self.kind_of(names[0]) in ("ArmedGroup", "State"):
                    return names[0]
        return None

    def _affiliate(self, token: Token) -> bool:
        """A name that says whom a party is linked to, not the party: "al-Qaeda" in "the al-Qaeda-linked
        al-Shabaab militia", "Iran" in "the Iran-backed Houthis" (an affiliation participle right after it)."""
        span = next((s for s in self.doc.spans.get("kgb_actors", ()) if s.start <= token.i < s.end), None)
        end = span.end if span is not None else token.i + 1
        following = [t for t in self.doc[end: end + 2] if t.text not in ("-", "‑", "–")]
        return bool(following) and following[0].lower_ in AFFILIATION_PARTICIPLES

    def body(self, token: Token) -> str | None:
        """The canonical generic body a noun phrase names ("defence ministry" → "Ministry of Defence",
        "local officials" → "government"); leading adjectives may be dropped, other nouns may not."""
        bodies = self.bodies
        words = sorted([c for c in token.children if c.dep_ in ("compound", "amod")] + [token], key=lambda t: t.i)
        words = [t for t in words if t.ent_type_ not in ("NORP", "GPE") and t.lower_ not in self.gazetteer.demonyms
                 and t.i not in self.by_token]
        tail = ""
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    parts = sorted([c for c in pobj.children if c.dep_ in ("compound", "det")] + [pobj], key=lambda t: t.i)
                    tail = " of " + " ".join(t.lower_ for t in parts)
        for start in range(len(words)):
            if start and words[start - 1].pos_ != "ADJ":
                break
            phrase = " ".join(t.lower_ for t in words[start:])
            for candidate in (phrase + tail, phrase):
                if candidate in bodies:
                    return bodies[candidate]
        return None

    def national_body(self, token: Token, open_names: bool = False) -> str | None:
        """"Afghan officials", "interior ministry", "Russia's defence ministry": a generic body made national."""
        body = self.body(token)
        if body is None:
            return None
        demonym = self._own_demonym(token) or self._article_demonym(body)
        return self.national(demonym, body, open_names) if demonym else None

    def _own_demonym(self, token: Token) -> str | None:
        """The state a body's own words name: "Afghan interior ministry", "Russia's defence ministry"."""
        demonym = None
        for child in sorted(token.children, key=lambda t: t.i):
            if child.lower_ in self.gazetteer.demonyms:
                demonym = child.text
            elif child.dep_ in ("poss", "compound", "amod") and self.kind_of(self.by_token.get(child.i)) == "State":
                demonym = self.gazetteer.demonym_of(self.by_token[child.i])
        return demonym

    def _article_demonym(self, body: str) -> str | None:
        """Whose a generic body is when its words do not say: the article's country's, else (no city or
        province names the country) the one state that qualifies the same body elsewhere in the article
        ("the interior ministry accused …" … "the Tajik interior ministry said two suspects …"); none when several do."""
        if self.country:
            return self.gazetteer.demonym_of(self.country)
        if body not in self._qualified:
            found = {d.lower(): d for t in self.doc if t.pos_ in ("NOUN", "PROPN") and self.body(t) == body
                     and (d := self._own_demonym(t))}
            states = {self.gazetteer.demonyms.get(d) for d in found}
            self._qualified[body] = next(iter(found.values())) if len(states) == 1 else None
        return self._qualified[body]

    def national(self, demonym: str, body: str, open_names: bool = False) -> str | None:
        """The listed actor for "{demonym} {body}", else (``open_names``) the built name; a government
        the gazetteer does not list is the State itself."""
        variants = [v for v, canonical in _people()[4].items() if canonical == body]
        for variant in (body, *variants):
            actor = self.gazetteer.national(demonym, variant)
            if actor:
                return actor.name
        if body == "government":
            return self.gazetteer.demonyms.get(demonym.lower())
        if open_names:
            name = f"{demonym[0].upper()}{demonym[1:]} {body}"
            self.built.add(name)
            return name
        return None

    def recent_armed_group(self, token: Token) -> str | None:
        """The armed group named last before ``token`` ("the group", "the Somali Islamist group"),
        unless the noun phrase says it is another kind of group ("a rights group")."""
        for child in token.children:
            if child.dep_ in ("compound", "amod") and child.pos_ == "NOUN" and child.lower_ not in ARMED_DESCRIPTORS:
                return None
            if child.dep_ == "det" and child.lower_ in ("a", "an", "another", "no", "any"):
                return None
        for t in token.subtree:  # "the ELN guerrilla group", but "the al-Qaeda-linked group" is not al-Qaeda
            if t.i < token.i and t.i in self.by_token and self.kind_of(self.by_token[t.i]) == "ArmedGroup" \
                    and not any(a.lower_ in AFFILIATION_PARTICIPLES for a in t.ancestors if a.i < token.i):
                return self.by_token[t.i]
        for i in range(token.left_edge.i - 1, -1, -1):
            name = self.by_token.get(i)
            if name and self.kind_of(name) == "ArmedGroup":
                return name
        return None

    def perpetrators_of(self, token: Token) -> list[str]:
        """Parties the narration names as doing it: "Taliban fighters stormed", "a Taliban attack", "shelled
        by Russian forces", "an attack by guerrillas of the ELN", "a Pakistani airstrike", "a US drone strike"."""
        names = []
        # a gerund the parser tags as a verb but that stands as a noun ("Russian shelling of the city killed …")
        verb = token.pos_ == "VERB" and not (token.tag_ == "VBG" and token.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj"))
        if verb and _habit(token):
            return []  # "the area has in the past been targeted by al-Shabaab", "militants often attack"
        if verb:
            for child in token.children:
                if child.dep_ == "nsubj":
                    names.append(self.party(child))
                if child.dep_ == "agent":
                    names += [self.party(p) for p in child.children if p.dep_ == "pobj"]
        else:
            for child in token.children:
                if child.dep_ in ("compound", "amod", "nmod", "poss"):
                    if not _stance(child) and not _quoted(child):  # "a pro-Iran militia attack" is not Iran's
                        names.append(self.by_token.get(child.i) or self._state_of_demonym(child))
                if child.dep_ == "prep" and child.lower_ == "by":
                    names += [self.party(p) for p in child.children if p.dep_ == "pobj"]
            names += self._blamed_in_narration(token)
            # "Taliban militants killed 32 soldiers during a series of attacks"; "two guards were killed by
            # ELN guerrillas in a raid on the pipeline"
            if token.dep_ == "pobj" and token.head.lower_ in ("during", "in") and token.head.head.pos_ == "VERB" \
                    and token.head.head.lemma_ in NARRATION_VERBS:
                verb = token.head.head
                names += [self.party(c) for c in verb.children if c.dep_ == "nsubj"]
                names += [self.party(p) for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
        # "Sri Lanka's worst attack", "the Kenyan hotel siege": a state qualifying a deed says where it was,
        # unless the deed is one that states do from afar ("an Israeli strike", "a US drone strike")
        # ("a Russian missile attack": the weapon compounded on the deed makes it one from afar)
        remote = not verb and any(t.lemma_.lower() in STATE_DEEDS or t.lower_ in STATE_DEEDS
                                  for t in (token, *(c for c in token.children if c.dep_ == "compound")))
        # (the model lemmatizes "shelling" as "shell" in some parses)
        return [n for n in names if n and self.gazetteer.actors[n].kind in PERPETRATOR_KINDS
                and n not in self.gazetteer.media
                and (remote or self.gazetteer.actors[n].kind != "State" or verb)]

    def _blamed_in_narration(self, noun: Token) -> list[str]:
        """"an attack blamed on the Taliban", "bombings linked to IS"; "X was responsible for the attack"
        (also "for the worst attack, the bombing of …": the deed in apposition)."""
        names = []
        for verb in (c for c in noun.children if c.dep_ == "acl" and c.lemma_.lower() in BLAME_PARTICIPLES):
            names += [self.party(p) for prep in verb.children if prep.dep_ == "prep" and prep.lower_ in ("on", "to")
                      for p in prep.children if p.dep_ == "pobj"]
        head = noun.head if noun.dep_ == "appos" else noun
        if any(c.dep_ == "appos" for c in noun.children):
            return names  # the deed in apposition is the one named ("the worst attack, the bombing of …")
        if head.dep_ == "pobj" and head.head.lower_ == "for" and head.head.head.lower_ == "responsible":
            verb = head.head.head.head
            subject = subject_of(verb)  # "X has been a threat for years, and was responsible for …"
            if subject is not None and not negated(verb):  # not "X was not responsible for the attack"
                names.append(self.party(subject))
        names += self._believed_doer(head)
        return names

    def _believed_doer(self, noun: Token) -> list[str]:
        """"X is suspected to have carried out the attack", "X is believed to be behind the attack": the
        narration's hedged attribution, the subject of the passive belief verb."""
        if noun.dep_ == "dobj" and noun.head.lemma_.lower() in PERPETRATION:
            deed = noun.head  # "to have carried out the attack"
        elif noun.dep_ == "pobj" and noun.head.lower_ == "behind" and noun.head.head.lemma_ == "be":
            deed = noun.head.head  # "to be behind the attack"
        else:
            return []
        belief = deed.head
        if deed.dep_ != "xcomp" or belief.lemma_.lower() not in BELIEF_VERBS or negated(belief):
            return []
        return [self.party(c) for c in belief.children if c.dep_ == "nsubjpass"]

    def party(self, token: Token) -> str | None:
        """The listed party a subject or agent names ("Taliban fighters", "guerrillas of the ELN")."""
        name = self.actor_of(token)
        if name is None:  # "a Taliban suicide bomber": a listed name among the words before the head
            name = next((self.by_token[t.i] for t in token.subtree if t.i < token.i and t.i in self.by_token
                         and t.head.i != token.i or t.i in self.by_token and t.dep_ == "compound"), None)
        if name is None:
            owners = [p for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                      for p in c.children if p.dep_ == "pobj"]
            name = next((n for n in map(self.actor_of, owners) if n), None)
        return name

    def _state_of_demonym(self, token: Token) -> str | None:
        """"a Pakistani airstrike", "an Israeli strike": the state whose demonym qualifies the deed."""
        if token.dep_ != "amod" or token.ent_type_ != "NORP":
            return None
        state = self.gazetteer.demonyms.get(token.lower_)
        return state if state and self.gazetteer.actors[state].kind == "State" else None

    def actors_in(self, span: Span) -> list[str]:
        """Distinct actors named in a span, in order."""
        seen: list[str] = []
        for i in range(span.start, span.end):
            name = self.by_token.get(i)
            if name and name not in seen:
                seen.append(name)
        return seen

    # People
    def _role_of(self, ent: Span) -> PersonRole:
        roles, _, known, _, _ = _people()
        name = ent.text.strip()
        head = ent.root
        role, affiliation = None, None
        left = [t for t in self.doc[max(ent.sent.start, ent.start - 6): ent.start]]
        # "Afghan Interior Ministry spokesman Tariq Arian", "the group's spokesman X"
        for j in range(len(left) - 1, -1, -1):
            tok = left[j]
            if tok.lower_ in roles or tok.lemma_.lower() in roles:
                first = j
                while first > 0 and " ".join(t.lower_ for t in left[first - 1: j + 1]) in roles:
                    first -= 1
                role = " ".join(t.lower_ for t in left[first: j + 1])
                before = left[:first]
                cut = max((k for k, t in enumerate(before) if t.is_punct and t.text not in ("'s", "’s")), default=-1)
                before = before[cut + 1:]
                affiliation = self._affiliation_in(before) or self._for_phrase(tok)
                break
            if tok.is_punct and tok.text not in ("'s", "’s") and not _joins_word(tok):
                break  # (a hyphen inside a title goes on: "IRPT leader-in-exile X")
        # "X, a spokesman for Y" / "spokesman for the provincial governor X" / "Y's spokesman, X"
        if role is None:
            for child in head.children:
                if child.dep_ == "appos" and is_role(child):
                    role, affiliation = child.lower_, self._for_phrase(child) or self._affiliation_of_role(child)
            if head.dep_ in ("appos", "pobj") and is_role(head.head):
                role = head.head.lower_
                affiliation = self._for_phrase(head.head) or self._affiliation_of_role(head.head)
            if head.dep_ == "pobj" and head.head.dep_ == "prep" and is_role(head.head.head):
                role = head.head.head.lower_
                affiliation = affiliation or self._affiliation_in(list(head.head.head.children))
        person = known.get(name.lower())
        if person:
            name = person["name"]
            role = role or person["role"]
            affiliation = affiliation or person["affiliation"]
        affiliation = affiliation or self._office(role)
        sent = ent.sent
        return PersonRole(name, role, affiliation, Evidence(sent.text, sent.start_char, sent.end_char, "person-role"))

    def _office(self, role: str | None) -> str | None:
        """The government a minister or president with no stated affiliation serves: the article's country's."""
        if role is None or role.lower() not in _people()[3] or not self.country:
            return None
        demonym = self.gazetteer.demonym_of(self.country)
        return self.national(demonym, "government") if demonym else None

    def _affiliation_of_role(self, role: Token) -> str | None:
        """"the group's main spokesman", "a Taliban commander": whom the role noun itself names."""
        for child in role.children:
            if child.dep_ in ("poss", "compound", "amod", "nmod"):
                name = self.by_token.get(child.i) or (
                    self.recent_armed_group(child) if child.lower_ in GROUP_NOUNS else None)
                if name:
                    return name
        return None

    def _affiliation_in(self, tokens: list[Token]) -> str | None:
        for tok in reversed(tokens):
            if tok.i in self.by_token:
                return self.by_token[tok.i]
            if tok.lower_ in GROUP_NOUNS and any(c.dep_ == "case" or c.lower_ in ("'s", "’s") for c in tok.children):
                return self.recent_armed_group(tok)
        return self._national_words(tokens)

    def _national_words(self, tokens: list[Token]) -> str | None:
        """"interior ministry" (+ the article's country) or "Afghan Interior Ministry" as an actor."""
        bodies = self.bodies
        words = [t for t in tokens if t.pos_ in ("PROPN", "NOUN", "ADJ") and t.lower_ not in _people()[0]]
        demonym = next((t.text for t in words if t.lower_ in self.gazetteer.demonyms), None)
        body = bodies.get(" ".join(t.lower_ for t in words if t.lower_ not in self.gazetteer.demonyms))
        if body is None:
            return None
        demonym = demonym or self._article_demonym(body)
        return self.national(demonym, body) if demonym else None

    def _open_affiliation(self, role: Token) -> str | None:
        """"Ansar al-Fajr's spokesman", "a spokesman for Ansar al-Fajr": an organisation the gazetteer
        lacks, named as the role's owner."""
        owners = [c for c in role.children if c.dep_ == "poss"]
        owners += [p for c in role.children if c.dep_ == "prep" and c.lower_ in ("for", "of")
                   for p in c.children if p.dep_ == "pobj"]
        return next((n for n in (self.names.named(o) for o in owners) if n), None)

    def _for_phrase(self, role_token: Token) -> str | None:
        for prep in role_token.children:
            if prep.dep_ == "prep" and prep.lower_ in ("for", "of"):
                for pobj in prep.children:
                    actor = self.actor_of(pobj)
                    if actor:
                        return actor
        return None

    def person_at(self, token: Token) -> PersonRole | None:
        """The person a token names (also by surname alone, "Rahimi added")."""
        name = self.person_tokens.get(token.i) or self._surname.get(token.text)
        return self.people.get(name) if name else None

    # Speakers
    def speaker(self, verb: Token, open_names: bool = False) -> tuple[str | None, str | None]:
        """(organisation, person) behind a speech or claim verb: its subject, or "according to X".

        Without ``open_names`` the organisation is one the gazetteer lists (or None)."""
        org, person = None, None
        for subject in self._subjects(verb):
            found, named = self._who(subject)
            if named and person is None and (org is None or found in (None, org)):
                person = named
            if found and org is None:
                org = found
            if org and person:
                break
        if not open_names and org not in self.gazetteer.actors:
            org = None
        return org, person

    def _subjects(self, verb: Token) -> list[Token]:
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i not in self.reporting]
        quoting = verb.head.head if verb.dep_ == "pcomp" and verb.head.lower_ == "as" else verb.head
        if not subjects and quoting.lemma_ == "quote" and verb.i != quoting.i:
            # "SITE quoted a JNIM statement as saying …", "the agency quoted a spokesman as saying …"
            return [c for c in quoting.children if c.dep_ == "dobj"]
        if not subjects and verb.dep_ == "relcl":
            subjects = [verb.head]
        if not subjects and verb.dep_ in ("conj", "advcl", "xcomp") and verb.head.pos_ in ("VERB", "AUX"):
            return self._subjects(verb.head)
        for prep in verb.children:
            if prep.lower_ == "according":
                subjects += [t for t in prep.subtree if t.dep_ == "pobj"]
        return [verb.head if s.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl" else s for s in subjects]

    def speaker_of_phrase(self, phrase: Token) -> tuple[str | None, str | None]:
        """(organisation, person) a noun phrase that speaks stands for ("a statement from IS", "police")."""
        if phrase.i in self.reporting:
            return None, None
        return self._who(phrase)

    def party_of(self, token: Token) -> str | None:
        """The listed organisation a noun phrase stands for, through the person it names
        ("Secretary of State Mike Pompeo" → United States)."""
        org, _ = self._who(token)
        return org if self.kind_of(org) else None

    def _who(self, subject: Token) -> tuple[str | None, str | None]:
        """(organisation, person) a subject noun phrase stands for."""
        if subject.lower_ in SPEAKER_PRONOUNS and subject.dep_ == "nsubj" and subject.head.lemma_.lower() in REPORTING \
                and not any(c.dep_ == "neg" for c in subject.head.children):  # not "it could not be confirmed"
            return self._antecedent_speaker(subject), None
        person = self.person_at(subject)
        if person:
            return person.affiliation, person.name
        for child in subject.children:
            # "the group's main spokesman, Mohammad Khurasani", "President Ashraf Ghani's office"
            if child.dep_ in ("appos", "poss"):
                named = self.person_at(child)
                if named:
                    org = self._affiliation_of_role(subject) if child.dep_ == "appos" else None
                    return org or named.affiliation, named.name
        if is_role(subject):
            org = self._affiliation_of_role(subject) or self._for_phrase(subject)
            if org is None:
                org = next((self.by_token[t.i] for t in _own_words(subject) if t.i in self.by_token), None)
            if org is None:
                org = self._national_words([c for c in subject.children if c.dep_ in ("compound", "amod")])
            if org is None:
                org = self._open_affiliation(subject)
            # "a spokesman for the Taliban, Qari Yousuf Ahmadi": the name the role phrase holds
            named = next((p for p in map(self.person_at, subject.subtree) if p is not None), None)
            if org or named:
                return org or named.affiliation, named.name if named else None
        named = self._named_official(subject)
        if named:
            return named
        if subject.lemma_.lower() in STATEMENT_NOUNS:
            # "according to a statement from Islamic State", "a JNIM statement", "the group's statement"
            owners = [c for c in subject.children if c.dep_ in ("poss", "compound", "nmod")]
            owners += [p for c in subject.children if c.dep_ == "prep" and c.lower_ in ("from", "by", "of")
                       for p in c.children if p.dep_ == "pobj"]
            owners += [p for c in subject.children if c.dep_ == "acl" for a in c.children if a.dep_ == "agent"
                       for p in a.children if p.dep_ == "pobj"]  # "a statement issued by the group"
            owner = next((n for n in map(self.claimant_of, owners) if n), None)
            if owner:
                return owner, None
        return self.claimant_of(subject), None

    def _antecedent_speaker(self, pronoun: Token) -> str | None:
        """Who "it" or "they" is as the subject of a reporting verb ("IS claimed the attack … It said the
        bombing killed 30"): the organisation that last spoke or acted as a subject, in this sentence
        before the pronoun or in the two sentences before it."""
        sents = list(self.doc.sents)
        k = next(j for j, s in enumerate(sents) if s.start <= pronoun.i < s.end)
        for sent in [self.doc[sents[k].start: pronoun.i], *reversed(sents[max(0, k - 2): k])]:
            for token in reversed(list(sent)):
                if token.dep_ not in ("nsubj", "nsubjpass") or token.head.pos_ not in ("VERB", "AUX") \
                        or token.lower_ in SPEAKER_PRONOUNS | RELATIVE_PRONOUNS or token.i in self.reporting:
                    continue
                org = self._who(token)[0]
                if org:
                    return org
        return None

    def _named_official(self, subject: Token) -> tuple[str | None, str] | None:
        """"Information Minister Moammar al-Eryani" when the model did not tag the name as a person."""
        if subject.pos_ != "PROPN" or subject.i in self.by_token:
            return None
        compounds = sorted([c for c in subject.children if c.dep_ == "compound"], key=lambda t: t.i)
        roles = [i for i, c in enumerate(compounds) if is_role(c)]
        if not roles:
            return None
        last = roles[-1]
        name_tokens = compounds[last + 1:] + [subject]
        role = " ".join(c.lower_ for c in compounds[roles[0]: last + 1])
        org = next((self.by_token[c.i] for c in compounds[:last] if c.i in self.by_token), None)
        name = self.doc[name_tokens[0].i: subject.i + 1].text
        return org or self._office(role) or self._office(compounds[last].lower_), name


def _own_words(phrase: Token) -> list[Token]:
    """The words of a noun phrase that say who it is, not those of a clause or a place about it ("the head
    of a militia blamed for a massacre in central Mali" names no Mali)."""
    words = []
    def walk(token: Token) -> None:
        words.append(token)
        for child in token.children:
            if child.dep_ in ("acl", "relcl") or child.dep_ == "prep" and child.lower_ not in ("of", "for", "from"):
                continue
            walk(child)
    walk(phrase)
    return sorted(words, key=lambda t: t.i)


def _talks_venue(place: Token) -> bool:
    """A place where talks are held: "talks in Doha", "held talks in Kuwait City", "met in Kuala Lumpur"."""
    if place.dep_ != "pobj" or place.head.lower_ not in ("in", "at"):
        return False
    head = place.head.head
    if head.pos_ in ("NOUN", "PROPN"):
        return noun_kind(head) is not None
    return head.lemma_.lower() in TALKS_VERBS or any(
        c.dep_ in ("dobj", "nsubj", "nsubjpass") and noun_kind(c) is not None for c in head.children)
