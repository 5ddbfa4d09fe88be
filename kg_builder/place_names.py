"""How a place name is written: the kind noun that introduces it ("the town of X", "the X district",
"X, a village near Y"), where it stands ("in the outskirts of X", "bombs hit X"), the run of words it
spans ("Norte de Santander", "Dasht-e-Barchi"), and the road it may name instead of a place ("the
Kabul-Kandahar highway"). Pure functions over one parse.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from .nlp import read_lexicon
from .organisations import NAMING_VERBS

_WORDS = read_lexicon("places")
KIND_OF_NOUN = {noun: kind for kind, nouns in _WORDS["place_kind_nouns"].items() for noun in nouns}
PLACE_KIND_NOUNS = frozenset(KIND_OF_NOUN)
# kind phrases of several words ("Local Government Area"), longest first, as lower-case word tuples
KIND_PHRASES = sorted(((tuple(phrase.split()), kind) for kind, phrases in _WORDS["place_kind_phrases"].items()
                       for phrase in phrases), key=lambda pk: -len(pk[0]))
KIND_WORDS = frozenset(w for words, _ in KIND_PHRASES for w in words) | PLACE_KIND_NOUNS
CONNECTORS = frozenset(_WORDS["name_connectors"])
ROAD_NOUNS = frozenset(_WORDS["road_nouns"])
LOCATIVE_PREPS = frozenset(_WORDS["locative_prepositions"])
PLACE_PARTS = frozenset(_WORDS["place_parts"])
PLACE_OBJECT_VERBS = frozenset(_WORDS["place_object_verbs"])


def kind_named(token: Token) -> str | None:
    """The kind a kind noun gives the name it introduces: "the town of X", "the X district", "X province",
    "X Local Government Area", "a village called X", "X, a village near Y"."""
    head = token.head
    if token.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in PLACE_KIND_NOUNS:
        return KIND_OF_NOUN[head.head.lemma_.lower()]
    if token.dep_ in ("compound", "nmod", "amod") and head.i > token.i:
        _, end = name_around(token)
        return kind_at(token.doc, end, head.i)
    apposed = next((c for c in token.children if c.dep_ == "appos" and c.lemma_.lower() in PLACE_KIND_NOUNS), None)
    if apposed is not None and any(d.lower_ in ("a", "an") for d in apposed.children):
        return KIND_OF_NOUN[apposed.lemma_.lower()]  # "the attack on X, a village in Y province"
    naming = head.head if token.dep_ == "pobj" and head.lower_ == "as" else head  # "a village known as X"
    if token.dep_ in ("oprd", "attr", "dobj", "pobj") and naming.lemma_.lower() in NAMING_VERBS \
            and naming.dep_ == "acl" and naming.head.lemma_.lower() in PLACE_KIND_NOUNS:
        return KIND_OF_NOUN[naming.head.lemma_.lower()]  # "a village called X"
    return None


def kind_at(doc: Doc, i: int, head: int | None = None) -> str | None:
    """The kind a kind phrase starting at token ``i`` gives ("district", "Local Government Area")."""
    words = [t.lower_ for t in doc[i: i + 3]]
    for phrase, kind in KIND_PHRASES:
        if tuple(words[: len(phrase)]) == phrase:
            return kind
    if words and doc[i].lemma_.lower() in PLACE_KIND_NOUNS and (head is None or head == i):
        return KIND_OF_NOUN[doc[i].lemma_.lower()]
    return None


def name_around(token: Token) -> tuple[int, int]:
    """The proper name a token belongs to: the run of capitalised words, with the lower-case words that
    join them ("Norte de Santander", "Mazar-e-Sharif"), around it."""
    doc, first, last = token.doc, token.sent.start, token.sent.end - 1
    start = end = token.i

    def joined(a: int, b: int) -> bool:  # "Dasht-e-Barchi": written as one word
        return not doc[a].whitespace_ and (doc[a].text[:1].isalpha() or doc[a].text == "-") \
            and (doc[b].text[:1].isalpha() or doc[b].text == "-")

    while start > first and (_capital(doc[start - 1]) and doc[start - 1].lower_ not in KIND_WORDS
                             or joined(start - 1, start)
                             or doc[start - 1].lower_ in CONNECTORS and start - 2 >= first and _capital(doc[start - 2])):
        start -= 1
    while end < last and (_capital(doc[end + 1]) and doc[end + 1].lower_ not in KIND_WORDS
                          or joined(end, end + 1)
                          or doc[end + 1].lower_ in CONNECTORS and end + 2 <= last and _capital(doc[end + 2])):
        end += 1
    while doc[end].text == "-" and end > start:
        end -= 1
    while doc[start].text == "-" and start < end:
        start += 1
    return start, end + 1


def _capital(token: Token) -> bool:
    return token.pos_ == "PROPN" and token.text[:1].isupper()


def road_named_by(place: Span) -> Token | None:
    """The road noun a place name modifies ("Jalalabad road", "Kabul-Kandahar highway", "the Quetta-Sibi
    highway" with Quetta a compound of Sibi), if any."""
    for token in place:
        head = token
        while head.dep_ == "compound" and head.head.i > head.i and head.head.lower_ not in ROAD_NOUNS \
                and head.head.pos_ == "PROPN":
            head = head.head  # "Quetta" -> "Sibi" -> "highway"
        if head.head.lower_ in ROAD_NOUNS and head.head.i >= place.end - 1 and head.dep_ in ("compound", "poss", "amod", "nmod"):
            return head.head
    return None


def in_part_of(token: Token) -> bool:
    """"in the outskirts of Sopore", "in the centre of Kandahar": a name a part of a place belongs to."""
    part = token.head.head if token.dep_ == "pobj" and token.head.lower_ == "of" else None
    return part is not None and (part.lower_ in PLACE_PARTS or part.lemma_.lower() in PLACE_PARTS) and part.dep_ == "pobj" \
        and part.head.lower_ in LOCATIVE_PREPS


def object_of_strike(token: Token) -> bool:
    """"A car bomb hit Kano", "blasts rocked Erbil": the place itself as the object of a striking verb
    (the model often tags such a town PERSON or ORG; the world gazetteer decides)."""
    return token.dep_ == "dobj" and token.head.lemma_ in PLACE_OBJECT_VERBS
