"""Who a negotiation is between, and who mediates it: the parties apart from the mediators.

Parties come from "between X and Y", "with X", the subject (and object) of "met", "Afghan and
Taliban negotiators", "both sides" (the parties already reported), or the parties named together
as the subject of the clause that holds the trigger. Mediators are those who broker, facilitate,
host or sponsor the talks without being a party to them ("talks mediated by Qatar", "UN-sponsored
talks", "under the auspices of the United Nations", "Qatar and Egypt served as mediators between
Israel and Hamas"); peace-agreement datasets list them apart, and so do we. A news agency is a
source, never a party ("…, Agence France-Presse reported").
"""
from __future__ import annotations

from spacy.tokens import Token

from .actors import ActorResolver
from .negotiation_words import (AUSPICES, CALL, DIPLOMATIC_BODIES, GOVERNMENT_SIDE, MEDIATION_PARTICIPLES, MEDIATION_VERBS,
                                MEDIATOR_NOUNS,
                                ARMED, NEWS_AGENCIES, NOUN_KIND, OBSERVERS, OPPOSITION, PARTY_VERBS, PARTY_WORDS, PROXY_VERBS,
                                VERB_KIND)
from .nlp import dateline_length
from .reported import REPORTING

PRONOUNS = {"they", "it", "he", "she", "we"}
DETERMINERS = {"the", "both", "all"}
PARTY_CORES = {" ".join(w for w in phrase.split() if w not in DETERMINERS) for phrase in PARTY_WORDS}
HYPHENS = {"-", "‑", "–"}


def mediators(token: Token, verb: Token, governors: list[Token], actors: ActorResolver, earlier) -> list[str]:
    """The mediators of the negotiation ``token`` names, read from its own phrase and clause."""
    heads: list[Token] = []
    # "a day of talks, facilitated by Qatari mediators": the participle may hang on the noun the talks are "of"
    outer = [token.head.head] if token.dep_ == "pobj" and token.head.lower_ == "of" \
        and token.head.head.pos_ == "NOUN" else []
    outer += _of(token)  # "a new round of talks brokered by Iran, Russia and Turkey"
    for node in (token, verb, *governors, *outer):
        for child in node.children:
            if child.lemma_.lower() in MEDIATION_PARTICIPLES and child.dep_ in ("acl", "amod", "relcl") \
                    and (node.i == token.i or node in outer):  # "talks mediated by Qatar", "UN-sponsored talks"
                heads += _agents(child)
                heads += [t for t in child.subtree if t.i < child.i and t.dep_ in ("npadvmod", "compound", "nmod")]
            if child.dep_ == "prep" and child.lower_ in ("under", "with", "through") and (node is token or node is verb):
                for pobj in (p for p in child.children if p.dep_ == "pobj" and AUSPICES & {p.lemma_.lower(), p.lower_}):
                    heads += [c for c in pobj.children if c.dep_ == "poss"]  # "under UN auspices"
                    heads += [c for c in pobj.children if c.dep_ in ("compound", "amod") and c.pos_ == "PROPN"]
                    heads += [p2 for prep in pobj.children if prep.dep_ == "prep" and prep.lower_ in ("of", "by")
                              for p2 in prep.children if p2.dep_ == "pobj"]  # "the mediation of Egypt"
        if node is verb:  # "were meeting with Algerian mediators"
            heads += [p for prep in node.children if prep.dep_ == "prep" and prep.lower_ == "with"
                      for p in prep.children if p.dep_ == "pobj" and p.lemma_.lower() in MEDIATOR_NOUNS
                      and any(m.dep_ in ("amod", "compound", "nmod", "poss") for m in p.children)]
        if node is verb and node.i != token.i:
            heads += _mediator_subjects(node)
            heads += [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in MEDIATOR_NOUNS
                      and any(m.dep_ in ("amod", "compound", "nmod", "poss") for m in c.children)]
            # ("Saudi and American mediators announced the suspension of the talks")
    if verb.lemma_.lower() in MEDIATION_VERBS and token.dep_ == "dobj":
        heads += [c for c in verb.children if c.dep_ == "nsubj"]  # "Norway hosted the talks"
    heads += conveners(token, verb, actors, earlier)
    mediation = token.head.head if token.dep_ == "pobj" and token.head.lower_ in ("in", "of") else None
    if mediation is not None and AUSPICES & {mediation.lemma_.lower(), mediation.lower_}:
        # "mediation by Egypt and Qatar in indirect negotiations", "Egypt's mediation of the talks"
        heads += [c for c in mediation.children if c.dep_ == "poss"]
        heads += [p for prep in mediation.children if prep.dep_ == "prep" and prep.lower_ in ("by", "from")
                  for p in prep.children if p.dep_ == "pobj"]
    names: list[str] = []
    for head in heads:
        listed = [*(a for a in head.children if a.dep_ == "appos"), *head.conjuncts]  # "Saudi Arabia, the US and IGAD"
        for h in (head, *listed, *(c for a in listed for c in a.conjuncts if c not in listed)):
            # the role is explicit, so a named organisation the gazetteer lacks mediates too ("the African Union")
            for name in parties_of(h, actors, earlier) or [n for n in (actors.claimant_of(h),) if n]:
                if name not in names and not is_news_agency(name, actors):
                    names.append(name)
    return names


def _agents(verb: Token) -> list[Token]:
    return [p for a in verb.children if a.dep_ == "agent" or a.dep_ == "prep" and a.lower_ == "by"
            for p in a.children if p.dep_ == "pobj"]


def conveners(token: Token, verb: Token, actors: ActorResolver, earlier) -> list[Token]:
    """"The US and Saudi Arabia recommenced talks between the army and the RSF": a subject that is
    none of the parties the talks are between convenes them."""
    if verb.i == token.i or token.dep_ not in ("dobj", "nsubjpass") or token.head.i != verb.i:
        return []
    between = [p for node in (token, *_of(token)) for prep in node.children
               if prep.dep_ == "prep" and prep.lower_ in ("between", "among")
               for pobj in prep.children if pobj.dep_ == "pobj" for p in (pobj, *pobj.conjuncts)]
    parties = {n for p in between for n in parties_of(p, actors, earlier)}
    if len(parties) < 2:
        return []
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "agent")]
    return [s for s in subjects for named in [parties_of(s, actors, earlier)] if named and not set(named) & parties]


def _of(token: Token) -> list[Token]:
    return [p for prep in token.children if prep.dep_ == "prep" and prep.lower_ == "of"
            for p in prep.children if p.dep_ == "pobj" and NOUN_KIND.get(p.lower_)]


def _observing(verb: Token) -> bool:
    """"had observer status at the talks", "attended as observers": the subject watches, takes no part."""
    if verb.lemma_.lower() in OBSERVERS:  # "Jordan would be observing the talks"
        return True
    subjects = {t.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
    objects = [c for c in verb.children if c.dep_ in ("dobj", "attr")]
    objects += [t for t in verb.subtree if t.i not in subjects and t.dep_ == "pobj" and t.head.lower_ == "as"]
    # ("will be present at the talks as observer", "attended as observers")
    return any(o.lower_ in OBSERVERS or any(c.dep_ == "compound" and c.lower_ in OBSERVERS for c in o.children)
               for o in objects)


def _mediator_subjects(verb: Token) -> list[Token]:
    """"Qatar and Egypt served as mediators …", "Norway is mediating …": the verb's subject mediates
    (or the noun its participle hangs on)."""
    if verb.lemma_.lower() in MEDIATION_VERBS or any(
            prep.lower_ == "as" and any(p.lemma_.lower() in MEDIATOR_NOUNS for p in prep.children)
            for prep in verb.children if prep.dep_ == "prep"):
        if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
            return [verb.head]  # "Qatar and Egypt, acting as mediators during the talks"
        return [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return []


def participants(token: Token, verb: Token, governors: list[Token], inner: list[Token], actors: ActorResolver,
                 earlier) -> list[str]:
    """The parties of the negotiation ``token`` names (``earlier``: the parties of the one before)."""
    heads: list[Token] = []
    for node in (token, verb, *governors, *inner):
        for child in node.children:
            if child.dep_ in ("prep", "agent") and (child.lower_ in ("between", "with", "among")
                                                    or child.lower_ == "from" and node.pos_ == "VERB"):
                for pobj in child.children:
                    if pobj.dep_ == "pcomp":  # "met with negotiators trying to …", parsed as a clause
                        pobj = next((c for c in pobj.children if c.dep_ == "nsubj"), pobj)
                    heads += [p for p in (pobj, *pobj.conjuncts) if p.lemma_.lower() not in MEDIATOR_NOUNS]
                    # ("were meeting with Algerian mediators": they mediate)
            if child.dep_ == "prep" and child.lower_ == "as" and node is verb:  # "served as mediators between …"
                heads += [p2 for m in child.children if m.lemma_.lower() in MEDIATOR_NOUNS
                          for prep in m.children if prep.dep_ == "prep" and prep.lower_ in ("between", "among")
                          for p in prep.children if p.dep_ == "pobj" for p2 in (p, *p.conjuncts)]
            if child.dep_ in ("nsubj", "nsubjpass") and (node is not token or token.pos_ == "VERB") \
                    and not _observing(node) and child.lemma_.lower() not in MEDIATOR_NOUNS:
                heads += [child, *child.conjuncts]
            if child.dep_ == "dobj" and node is verb and verb.lemma_.lower() in VERB_KIND:
                heads += [child, *child.conjuncts]  # "would meet US envoy Zalmay Khalilzad"
            if child.dep_ in ("compound", "amod", "nmod", "poss") and (node is token or node in inner):
                # ("a third round of Russian-Ukrainian talks")
                heads += [child, *child.conjuncts]
        if node is verb and node.pos_ == "VERB" and (node.lemma_.lower() in VERB_KIND or node.lemma_.lower() in PARTY_VERBS) \
                and not any(c.dep_ in ("nsubj", "nsubjpass") for c in node.children) \
                and node.dep_ in ("xcomp", "advcl") and any(c.lower_ == "to" for c in node.children if c.dep_ == "aux") \
                and not _observing(node):
            # "a team … has travelled to Kabul to meet the TTP": who meets is who travels
            heads += [c for s in node.head.children if s.dep_ in ("nsubj", "nsubjpass") for c in (s, *s.conjuncts)]
        if node.dep_ == "acl" and node.tag_ == "VBG" and node.i != token.i and node is verb \
                and node.lemma_.lower() in PARTY_VERBS:
            heads.append(node.head)  # "opposition leaders attending peace talks": who attends takes part
    names: list[str] = []
    for head in heads:
        for name in parties_of(head, actors, earlier):
            if name not in names:
                names.append(name)
    if len(names) < 2 and token.pos_ != "VERB":
        body = token.sent[dateline_length(token.sent):]
        for subject in (t for t in body if t.dep_ in ("nsubj", "nsubjpass") and _holds(t.head, token)
                        and t.lemma_.lower() not in MEDIATOR_NOUNS and not _observing(t.head)
                        and t.head.lemma_.lower() not in REPORTING | CALL):
            # ("…, the UN's Libya mission said": a source; "Saudi Arabia and the US called on them to …")  # "US and Saudi mediators announced …"
            together = [n for h in (subject, *subject.conjuncts) for n in parties_of(h, actors, earlier)]
            if len(set(together)) >= 2:
                names += [n for n in dict.fromkeys(together) if n not in names]
                break
    return [n for n in dict.fromkeys(side_of(n, actors) for n in names) if not is_news_agency(n, actors)]


def _holds(verb: Token, token: Token) -> bool:
    """The clause of ``verb`` holds the trigger, and says more than what its subject is."""
    return verb.lemma_ != "be" and verb.left_edge.i <= token.i <= verb.right_edge.i and token in verb.subtree


def is_news_agency(name: str, actors: ActorResolver) -> bool:
    known = actors.gazetteer.actors.get(name)
    names = {name, *(known.aliases if known else ())}
    return any(n.lower() in NEWS_AGENCIES for n in names)


def side_of(name: str, actors: ActorResolver) -> str:
    """The party a diplomatic body negotiates for: a State Department envoy or a foreign ministry
    speaks for its state's government ("United States", "Afghan government"), as peace-agreement
    datasets list the parties."""
    gazetteer = actors.gazetteer
    country = gazetteer.actor_country.get(name)
    if country is None or not any(body in name.lower() for body in DIPLOMATIC_BODIES):
        return name
    demonym = gazetteer.demonym_of(country)
    return (actors.national(demonym, "government") if demonym else None) or name


def _pronoun_antecedent(head: Token) -> Token:
    """"they" in "…, when they signed a deal": the subject of the clause it hangs in, if that is no pronoun."""
    for node in head.head.ancestors:  # the clauses above the pronoun's own, nearest first
        if node.pos_ not in ("VERB", "AUX"):
            continue
        named = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in PRONOUNS]
        if named:
            return named[0]
    return head


def _opposition(head: Token, actors: ActorResolver) -> str | None:
    """"the Syrian opposition", "opposition delegates", "the opposition" of the country the report is
    about: the state's opposition, one party of its peace talks."""
    nouns = [t for t in (head, *(c for c in head.children if c.dep_ == "compound")) if t.lemma_.lower() in OPPOSITION]
    if not nouns or head.i in actors.by_token:
        return None
    words = [c for t in (head, nouns[0]) for c in t.children if c.dep_ in ("amod", "compound", "poss")]
    # "the Syrian government and the opposition": the coordinated party says whose opposition
    partners = [c for t in head.conjuncts for c in t.children]
    demonym = next((c.text for c in [*words, *partners] if c.lower_ in actors.gazetteer.demonyms), None)
    if demonym is None and actors.country:
        demonym = actors.gazetteer.demonym_of(actors.country)
        demonym = demonym[0].upper() + demonym[1:] if demonym else None
    return f"{demonym} opposition" if demonym else None


def _party_words(head: Token) -> bool:
    """"The two sides", "both delegations", "Yemen's warring parties": the parties already reported;
    but "the delegations of Russia and Ukraine" name their own."""
    if any(c.dep_ == "prep" and c.lower_ in ("of", "from") for c in head.children):
        return False
    owners = {t.i for c in head.children if c.dep_ == "poss" for t in c.subtree}  # whose conflict, not who
    words = [t.lower_ for t in head.subtree if t.i <= head.i and t.i not in owners and t.lower_ not in DETERMINERS]
    return " ".join(words) in PARTY_CORES


def _armed(head: Token) -> bool:
    """"Rebel groups", "Tuareg-led rebels", "armed movements": fighters, whom a place only situates."""
    return any(t.lemma_.lower() in ARMED or t.lower_ in ARMED
               for t in (head, *(c for c in head.children if c.dep_ in ("amod", "compound"))))


def _hyphenated(head: Token) -> bool:
    """"Russian-Ukrainian talks", "the US-Taliban deal": the word after the hyphen names a party too."""
    return any(c.dep_ == "punct" and c.text in HYPHENS and c.i == head.i - 1 for c in head.children)


def parties_of(head: Token, actors: ActorResolver, earlier) -> list[str]:
    """The actors one noun phrase names: its modifiers first ("US and Taliban negotiators", "the
    group's negotiators"), then the phrase itself ("Afghan negotiators", "Zalmay Khalilzad")."""
    if _party_words(head) and (earlier or not any(c.dep_ == "poss" for c in head.children)):
        return list(earlier)  # (with none reported, "Yemen's warring parties" are at least Yemen's)
    if head.lower_ in ("he", "she") and head.head.dep_ == "ccomp":
        reporter = [c for c in head.head.head.children if c.dep_ == "nsubj"]  # "Griffiths said he had met …"
        head = reporter[0] if reporter else head
    elif head.lower_ == "they" and head.dep_ in ("nsubj", "nsubjpass"):  # "it" is too often the deal or the war
        antecedent = _pronoun_antecedent(head)
        if antecedent.i != head.i:  # "the US and the Taliban say they are nearing a deal"
            return list(dict.fromkeys(n for a in (antecedent, *antecedent.conjuncts)
                                      for n in parties_of(a, actors, earlier)))
    opposition = _opposition(head, actors)
    if opposition:
        return [opposition]
    names: list[str] = []
    modifiers = [c for c in head.children if c.dep_ in ("compound", "amod", "nmod", "poss")]
    for mod in modifiers:
        for m in (mod, *mod.conjuncts):
            name = actors.actor_of(m)  # "the group's negotiators": actor_of finds the group named before
            if name is None and m.lower_ in actors.gazetteer.demonyms and head.lower_ in GOVERNMENT_SIDE:
                name = actors.national(m.text, "government")  # "Afghan and Taliban negotiators"
            if name is None and m.i == head.i - 2 and _hyphenated(head):
                name = actors.gazetteer.demonyms.get(m.lower_)  # "Russian-Ukrainian talks"
            if name and name not in names:
                names.append(name)
    for acl in head.children:  # "a delegation representing the Sudanese army"
        if acl.dep_ == "acl" and acl.lemma_.lower() in PROXY_VERBS:
            names += [n for o in acl.children if o.dep_ == "dobj" for p in (o, *o.conjuncts)
                      for n in parties_of(p, actors, earlier) if n not in names]
    for prep in head.children:  # "representatives of the Afghan government and the Taliban"
        if prep.dep_ == "prep" and (prep.lower_ in ("of", "from") or prep.lower_ == "for" and head.lower_ in GOVERNMENT_SIDE) \
                and head.lower_ not in NOUN_KIND:  # "negotiators for the Afghan government"
            for pobj in prep.children:
                if _armed(head) and actors.gazetteer.places.get(pobj.text) is not None:
                    continue  # "rebel groups from northern Mali" are not Mali
                names += [n for p in (pobj, *pobj.conjuncts) for n in parties_of(p, actors, earlier) if n not in names]
    if (not names or _hyphenated(head)) and not (head.lower_ in GOVERNMENT_SIDE and not modifiers):  # bare "negotiators": whose?
        name = actors.actor_of(head) or actors.party_of(head)
        if name and name not in names:
            names.append(name)
    return names
