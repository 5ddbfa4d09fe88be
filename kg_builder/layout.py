"""Where each sentence sits on a crawled page: body, photo caption, headline, or clutter to skip.

A crawl delivers the headline, standfirst, captions and repeated teasers among the body paragraphs.
An analyst reads the body first and lets it win where a caption or headline disagrees, so the reader
needs each sentence's rank. Rules (each about how pages are laid out, not about one outlet):

- furniture lines (``data/lexicon/furniture.json``: sharing widgets, "Related", bare links) are skipped;
- a sentence repeated word for word (a teaser or caption printed twice) is read once, where it first stands;
- the leading short lines without final punctuation, any line in title case without final
  punctuation, and any short line that ends no sentence (a teaser, a "Read more" link) are headlines;
- caption lines (a photo credit, "(Photo: …)") and a paragraph that opens in the simple present with a
  verb of what a photo shows ("Rescue workers search the rubble …") are captions.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from .nlp import read_lexicon

CAPTION_VERBS = frozenset(read_lexicon("furniture")["caption_verbs"])
FINAL = ".!?\"'”’:"
TITLE_MIN_WORDS = 3
TITLE_SHARE = 0.7
QUOTES = str.maketrans("‘’“”", "''\"\"")  # a repeat may differ only in its quotation marks
TEASER_MAX_WORDS = 20  # longer unpunctuated lines are body text cut off by the crawl


@dataclass(frozen=True)
class Sentence:
    """A sentence with where it sits on the page."""

    span: Span
    index: int
    rank: int  # 0 body, 1 caption, 2 headline


def read_layout(doc: Doc) -> list[Sentence]:
    """Body sentences in order, then captions, then headlines; furniture and repeats left out."""
    furniture = [(s.start, s.end) for s in doc.spans.get("kgb_furniture", ())]
    captions = [(s.start, s.end) for s in doc.spans.get("kgb_captions", ())]
    headline_end = _headline_end(doc)
    page = doc.text  # spaCy joins Doc.text anew on every access: once here keeps the pass linear
    text_end = len(page.rstrip())
    body, extra, seen = [], [], set()
    for i, sent in enumerate(doc.sents):
        text = " ".join(sent.text.translate(QUOTES).split())
        if not text or any(a <= sent.start < b for a, b in furniture) or text in seen:
            continue
        seen.add(text)
        line = _line_of(page, sent)
        last = sent.end_char >= text_end  # the crawl cuts the last line off: no teaser
        if sent.start < headline_end or _title_line(line) or _teaser_line(line) and not last:
            extra.append(Sentence(sent, i, 2))
        elif any(a <= sent.start < b for a, b in captions) or _describes_photo(doc, sent, line):
            extra.append(Sentence(sent, i, 1))
        else:
            body.append(Sentence(sent, i, 0))
    return body + sorted(extra, key=lambda s: (s.rank, s.index))


def _headline_end(doc: Doc) -> int:
    """Token index where the headline ends: leading short lines without final punctuation."""
    end, offset, page = 0, 0, doc.text
    for line in page.split("\n"):
        stripped = line.strip()
        if stripped and (len(stripped.split()) > 20 or stripped[-1] in FINAL):
            break
        offset += len(line) + 1
        span = doc.char_span(0, min(offset, len(page)), alignment_mode="contract")
        end = span.end if span is not None else end
    return end


def _line_of(page: str, sent: Span) -> str:
    """The line of the page (the Doc's text) that the sentence starts on."""
    start = page.rfind("\n", 0, sent.start_char) + 1
    end = page.find("\n", sent.start_char)
    return page[start: end if end >= 0 else len(page)].strip()


def _title_line(line: str) -> bool:
    """"Gunmen Storm Hotel In Mogadishu": a line in title case that does not end a sentence."""
    if not line or line[-1] in FINAL:
        return False
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", line) if len(w) >= 4]
    return len(words) >= TITLE_MIN_WORDS and sum(w[0].isupper() for w in words) >= TITLE_SHARE * len(words)


def _teaser_line(line: str) -> bool:
    """A short line that ends no sentence: a headline, a standfirst or a related-story link."""
    return bool(line) and line[-1] not in FINAL and len(line.split()) <= TEASER_MAX_WORDS


def _describes_photo(doc: Doc, sent: Span, line: str) -> bool:
    """A paragraph opening in the simple present with a verb of what a photo shows."""
    if not line.startswith(sent.text.strip()[:40]):
        return False
    root = sent.root
    return root.tag_ in ("VBP", "VBZ") and root.lemma_.lower() in CAPTION_VERBS \
        and not any(c.dep_ in ("aux", "auxpass") for c in root.children)
