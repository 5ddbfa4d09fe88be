"""Read articles: plain text files, folders of them, and JSON Lines manifests with metadata.

Bad input never stops a batch: each problem becomes a ``Problem`` naming the file (and line) and
what to do, and every good article is still returned. What a manifest asks to be read is checked
before it is read: fields of the wrong type are refused (not coerced), a ``path`` must stay inside
the manifest's folder unless the caller allows otherwise, only regular files are read, and never
more than the size limit, so that one record cannot make the build read ``/dev/zero`` or another
user's files into the extraction cache.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from .types import Article, Problem

TEXT_SUFFIXES = {".txt", ".text", ".md"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
ID_PATTERN = re.compile(r"[^A-Za-z0-9._-]+")
# A long report is 20 k characters; a megabyte is a book or a crawl gone wrong. Longer texts are cut
# at a paragraph break before the limit (with a warning), so one cannot hold up the batch: reading is
# linear in length (make bench: a megabyte parses in ~36 s and extracts in ~3 s).
MAX_ARTICLE_CHARS = 1_000_000
# Language identification needs some running text: shorter texts are taken as English.
LANGUAGE_MIN_WORDS = 20
LANGUAGE_SAMPLE_CHARS = 5_000
LANGUAGE_MIN_CONFIDENCE = 0.9
# JSON types a manifest field may have; anything else is refused with its name and type.
FIELD_TYPES = {"id": (str, int), "published": (str,), "source": (str,), "url": (str,), "title": (str,),
               "text": (str,), "path": (str,)}


@dataclass(frozen=True)
class ReadOptions:
    """How far reading may go: the size limit, and whether manifest paths may leave their folder."""

    max_chars: int = MAX_ARTICLE_CHARS
    allow_outside: bool = False


class _Refused(Exception):
    """A record that cannot become an article; the message says why and what to do."""


def read_articles(paths: Iterable[str | Path], manifest: str | Path | None = None,
                  options: ReadOptions = ReadOptions()) -> tuple[list[Article], list[Problem]]:
    """Every article under ``paths`` (files, folders, JSON Lines) and in ``manifest``, with problems."""
    reader = _Reader(options)
    sources = [Path(p) for p in paths] + ([Path(manifest)] if manifest else [])
    for source in sources:
        if not source.exists():
            reader.problems.append(Problem(str(source), "no such file or folder; check the path"))
        elif source.is_dir():
            reader.folder(source)
        elif source.suffix.lower() in JSONL_SUFFIXES:
            reader.jsonl(source)
        else:
            reader.add(reader.plain(source))
    return _drop_duplicate_ids(reader.articles, reader.problems)


class _Reader:
    def __init__(self, options: ReadOptions):
        self.options = options
        self.articles: list[Article] = []
        self.problems: list[Problem] = []

    def folder(self, folder: Path) -> None:
        manifests = sorted(p for p in folder.iterdir() if p.suffix.lower() in JSONL_SUFFIXES)
        listed: set[Path] = set()
        for manifest in manifests:
            listed |= self.jsonl(manifest)
        for path in sorted(folder.rglob("*")):
            if not path.is_file() or path.resolve() in listed or path in manifests:
                continue
            if any(part.startswith(".") for part in path.relative_to(folder).parts):
                continue  # hidden files and folders (.git, .DS_Store) are no input
            if path.suffix.lower() not in TEXT_SUFFIXES:
                self.problems.append(Problem(str(path), f"no reader takes {path.suffix or 'files without a suffix'} "
                                             f"here; kg-builder reads {', '.join(sorted(TEXT_SUFFIXES))} files and "
                                             f"{', '.join(sorted(JSONL_SUFFIXES))} manifests at the folder's top "
                                             "(convert it to text, or list it in a manifest)", skipped=False))
            elif not path.name.lower().startswith("readme"):
                self.add(self.plain(path))

    def jsonl(self, manifest: Path) -> set[Path]:
        """Read a manifest; return the resolved text paths it lists (so a folder scan skips them)."""
        listed: set[Path] = set()
        try:
            lines = manifest.read_text(encoding="utf-8").splitlines()
        except UnicodeDecodeError:
            self.problems.append(Problem(str(manifest), "not UTF-8 text; save the manifest as UTF-8"))
            return listed
        for number, line in enumerate(lines, 1):
            where = f"{manifest}:{number}"
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as err:
                self.problems.append(Problem(where, f"not valid JSON ({err.msg} at column {err.colno}); fix the line"))
                continue
            try:
                result, path = self.record(record, manifest.parent, where)
            except _Refused as refused:
                self.problems.append(Problem(where, str(refused)))
                continue
            if path is not None and isinstance(result, Article):
                listed.add(path)
            self.add(result)
        return listed

    def record(self, record, base: Path, where: str) -> tuple[Article | Problem | tuple, Path | None]:
        if not isinstance(record, dict):
            raise _Refused("each line must be a JSON object with id, published, source, url, text or path")
        for name, kinds in FIELD_TYPES.items():
            value = record.get(name)
            if value is not None and (not isinstance(value, kinds) or isinstance(value, bool)):
                wanted = " or ".join("a string" if k is str else "a number" for k in kinds)
                raise _Refused(f"'{name}' is {type(value).__name__} {json.dumps(value)[:40]}; it must be {wanted}")
            if isinstance(value, str):
                _check_encodable(value, name)
        text, path = record.get("text"), record.get("path")
        if text is None and path is None:
            raise _Refused("record has neither 'text' nor 'path'; give the article text or a path to it")
        published, warning = _parse_date(record.get("published"), where)
        article_id = str(record["id"]) if record.get("id") not in (None, "") else (Path(path).stem if path else "")
        if not article_id:
            raise _Refused("record has no 'id' and no 'path' to derive one from; add an 'id'")
        meta = {"published": published, "source": record.get("source"), "url": record.get("url")}
        file = None
        if text is None:
            file = self.confined(base, path)
            result = self.text_file(file, article_id, origin=where, **meta)
        else:
            result = self.check(text, article_id, where, **meta)
        return ((result, warning) if warning and isinstance(result, Article) else result), file

    def confined(self, base: Path, path: str) -> Path:
        """``path`` resolved against the manifest's folder; outside it only when the caller allows."""
        file = (base / path).resolve()
        if not self.options.allow_outside and not file.is_relative_to(base.resolve()):
            raise _Refused(f"path {path!r} leaves the manifest's folder {base}; move the file beside the "
                           "manifest, or allow outside paths (kgb build --allow-outside-paths)")
        return file

    def plain(self, path: Path) -> Article | Problem | tuple:
        """A text file given without metadata: read it, and warn that its dates cannot be resolved."""
        result = self.text_file(path, path.stem, origin=str(path))
        if isinstance(result, Article):
            return result, Problem(str(path), "no publication date for a plain text file: relative dates stay "
                                              "unresolved; list it in a JSON Lines manifest with 'published'",
                                   skipped=False)
        return result

    def text_file(self, path: Path, article_id: str, origin: str, **meta) -> Article | Problem:
        if not path.is_file():
            what = "not a regular file" if path.exists() else "no such file"
            return Problem(origin, f"cannot read {path}: {what}; give the path of a UTF-8 text file")
        limit = 4 * self.options.max_chars + 4  # UTF-8 takes at most 4 bytes a character
        try:
            with path.open("rb") as handle:
                raw = handle.read(limit + 1)
        except OSError as err:
            return Problem(origin, f"cannot read {path}: {err.strerror}; check the path and permissions")
        if b"\x00" in raw[:4096]:
            return Problem(origin, f"{path} is a binary file, not text; give a UTF-8 text file")
        data = raw[:limit]
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            if not (len(raw) > limit and err.start >= limit - 3):  # else only the cut split a character
                return Problem(origin, f"{path} is not UTF-8 (byte {err.start}); convert it, e.g. iconv -f latin1 -t utf-8")
            text = data[:err.start].decode("utf-8-sig")
        return self.check(text, article_id, origin, **meta)

    def check(self, text: str, article_id: str, origin: str, **meta) -> Article | Problem | tuple:
        if not text.strip():
            return Problem(origin, "the article is empty; remove it or add its text")
        clean_id = ID_PATTERN.sub("_", article_id).strip("_")
        if not clean_id:
            return Problem(origin, f"id {article_id!r} has no letter or digit to name the article by; give it a "
                                   "readable id (letters, digits, '.', '_', '-')")
        language = language_of(text)
        if language != "en":
            return Problem(origin, f"the text is in another language ({language}), not English; kg-builder "
                                   "reads English articles only")
        warning = None
        if len(text) > self.options.max_chars:
            text, cut = _cut(text, self.options.max_chars), len(text)
            warning = Problem(origin, f"the article has {cut:,} characters, more than the limit of "
                                      f"{self.options.max_chars:,}: only its first {len(text):,} were read; "
                                      "raise the limit with --max-chars to read it all", skipped=False)
        article = Article(id=clean_id, text=text, origin=origin, **meta)
        return (article, warning) if warning else article

    def add(self, result) -> None:
        if isinstance(result, tuple):
            result, warning = result
            self.problems.append(warning)
        if isinstance(result, Article):
            self.articles.append(result)
        else:
            self.problems.append(result)


def language_of(text: str) -> str | None:
    """The ISO 639-1 code of ``text``'s language, "en" when too short to tell or not confident."""
    words = re.findall(r"\w+", text[:LANGUAGE_SAMPLE_CHARS])
    if len(words) < LANGUAGE_MIN_WORDS:
        return "en"
    language, confidence = _identifier().classify(text[:LANGUAGE_SAMPLE_CHARS])
    return language if confidence >= LANGUAGE_MIN_CONFIDENCE else "en"


@lru_cache(maxsize=1)
def _identifier():
    # py3langid: the maintained fork of langid.py (97 languages, model shipped in the wheel, ~0.1 ms a
    # text); our own list of English function words could not tell French from English or see Arabic.
    from py3langid.langid import MODEL_FILE, LanguageIdentifier
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _check_encodable(value: str, name: str) -> None:
    """Refuse lone UTF-16 surrogates (valid JSON escapes, but no text can hold them)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as err:
        raise _Refused(f"'{name}' holds an invalid character ({value[err.start]!r} at position {err.start}: a lone "
                       "surrogate, usually half of a badly escaped emoji); fix the encoding of that record") from None


def _cut(text: str, limit: int) -> str:
    """The text up to the last paragraph (else sentence) break before ``limit`` characters."""
    head = text[:limit]
    for mark in ("\n\n", "\n", ". "):
        at = head.rfind(mark)
        if at > limit // 2:
            return head[:at + len(mark)].rstrip()
    return head


def _parse_date(value, where: str) -> tuple[date | None, Problem | None]:
    if value in (None, ""):
        return None, Problem(where, "no publication date: relative dates stay unresolved; add 'published' (YYYY-MM-DD)", skipped=False)
    try:
        return date.fromisoformat(str(value)[:10]), None
    except ValueError:
        return None, Problem(where, f"publication date {value!r} is not a real YYYY-MM-DD date; relative dates stay unresolved", skipped=False)


def _drop_duplicate_ids(articles: list[Article], problems: list[Problem]) -> tuple[list[Article], list[Problem]]:
    seen: dict[str, Article] = {}
    kept = []
    for article in articles:
        if article.id in seen:
            if seen[article.id].text != article.text:
                problems.append(Problem(article.origin or article.id,
                                        f"duplicate id {article.id!r} (first in {seen[article.id].origin}); give each article its own id"))
            continue
        seen[article.id] = article
        kept.append(article)
    return kept, problems
