"""Which SPARQL keywords a query uses, read from its tokens: does it name its own dataset (FROM,
FROM NAMED), does it call another endpoint (SERVICE)?

Both questions decide how a query is run (`kgb query`, `kgb serve`) before any store sees it, and
neither parser at hand answers them cheaply: pyoxigraph exposes no parsed query, and rdflib's parser
takes 0.1-0.65 s on our competency questions. Keywords need no parser, only the tokens of the
SPARQL 1.1 grammar (section 19.8): FROM occurs only in a dataset clause and SERVICE only in a
federated pattern, so a query uses one exactly when the bare word appears outside the terms that
can hold any text (IRIs, strings, comments, prefixed names, variables, blank nodes, language tags).
Codepoint escapes (\\u0046ROM) are undone first, as the grammar prescribes.
"""
from __future__ import annotations

import re
from functools import lru_cache

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_PN_CHARS = r"\w\u00B7\u0300-\u036F\u203F-\u2040"
_TERMS = "|".join((
    r"'''(?:'{0,2}(?:[^'\\]|\\.))*'''", r'"""(?:"{0,2}(?:[^"\\]|\\.))*"""',  # long strings
    r"'(?:[^'\\\n\r]|\\.)*'", r'"(?:[^"\\\n\r]|\\.)*"',  # strings
    r"<[^<>\"{}|^`\\\x00-\x20]*>",  # IRIREF; a '<' that opens none is the less-than operator
    r"#[^\n\r]*",  # comment
    rf"[?$][{_PN_CHARS}]+",  # variable
    rf"_:[{_PN_CHARS}.\-]*",  # blank node label
    r"@[A-Za-z]+(?:-[A-Za-z0-9]+)*",  # language tag
    rf"(?:[^\W\d_][{_PN_CHARS}.\-]*)?:(?:[{_PN_CHARS}:%.\-]|\\[_~.\-!$&'()*+,;=/?#@%])*",  # prefixed name
    r"(?P<word>[A-Za-z]\w*)",  # a bare word: keyword or function name
))
_TOKEN = re.compile(_TERMS)


def _unescape(match: re.Match) -> str:
    code = int(match[1] or match[2], 16)
    return chr(code) if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else match[0]


@lru_cache(maxsize=256)
def keywords(sparql: str) -> frozenset[str]:
    """The bare words of ``sparql`` (keywords and built-in function names), upper-cased."""
    text = _ESCAPE.sub(_unescape, sparql)
    return frozenset(match["word"].upper() for match in _TOKEN.finditer(text) if match["word"])


def has_dataset_clause(sparql: str) -> bool:
    """Whether the query chooses its own graphs with FROM or FROM NAMED."""
    return "FROM" in keywords(sparql)


def has_service(sparql: str) -> bool:
    """Whether the query asks another endpoint for part of its answer (SERVICE, federated query).

    Escaped keywords (\\u0053ERVICE) count: the grammar undoes escapes before parsing, so an
    engine may run them, and refusing one too many is the safe side.
    """
    return "SERVICE" in keywords(sparql)
