"""Read articles: plain text files, folders of them, and JSON Lines manifests with metadata.

Bad input never stops a batch: each problem becomes a ``Problem`` naming the file (and line) and
what to do, and every good article is still returned.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from .types import Article, Problem

TEXT_SUFFIXES = {".txt", ".text", ".md"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
ID_PATTERN = re.compile(r"[^A-Za-z0-9._-]+")
# Common English function words: a text with almost none of them is not English prose.
ENGLISH_MARKERS = frozenset("the of and to in a is was were said on for with by at that from".split())


def read_articles(paths: Iterable[str | Path], manifest: str | Path | None = None
                  ) -> tuple[list[Article], list[Problem]]:
    """Every article under ``paths`` (files, folders, JSON Lines) and in ``manifest``, with problems."""
    articles: list[Article] = []
    problems: list[Problem] = []
    sources = [Path(p) for p in paths] + ([Path(manifest)] if manifest else [])
    for source in sources:
        if not source.exists():
            problems.append(Problem(str(source), "no such file or folder; check the path"))
        elif source.is_dir():
            _read_folder(source, articles, problems)
        elif source.suffix.lower() in JSONL_SUFFIXES:
            _read_jsonl(source, articles, problems)
        else:
            _add(_read_plain(source), articles, problems)
    return _drop_duplicate_ids(articles, problems)


def _read_folder(folder: Path, articles: list[Article], problems: list[Problem]) -> None:
    manifests = sorted(p for p in folder.iterdir() if p.suffix.lower() in JSONL_SUFFIXES)
    listed: set[Path] = set()
    for manifest in manifests:
        listed |= _read_jsonl(manifest, articles, problems)
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.resolve() in listed or path in manifests:
            continue
        if any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue  # hidden files and folders (.git, .DS_Store) are no input
        if path.suffix.lower() not in TEXT_SUFFIXES:
            problems.append(Problem(str(path), f"no reader takes {path.suffix or 'files without a suffix'} "
                                    f"here; kg-builder reads {', '.join(sorted(TEXT_SUFFIXES))} files and "
                                    f"{', '.join(sorted(JSONL_SUFFIXES))} manifests at the folder's top "
                                    "(convert it to text, or list it in a manifest)", skipped=False))
        elif not path.name.lower().startswith("readme"):
            _add(_read_plain(path), articles, problems)


def _read_jsonl(manifest: Path, articles: list[Article], problems: list[Problem]) -> set[Path]:
    """Read a manifest; return the resolved text paths it lists (so a folder scan skips them)."""
    listed: set[Path] = set()
    try:
        lines = manifest.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError:
        problems.append(Problem(str(manifest), "not UTF-8 text; save the manifest as UTF-8"))
        return listed
    for number, line in enumerate(lines, 1):
        where = f"{manifest}:{number}"
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            problems.append(Problem(where, f"not valid JSON ({err.msg} at column {err.colno}); fix the line"))
            continue
        if not isinstance(record, dict):
            problems.append(Problem(where, "each line must be a JSON object with id, published, source, url, text or path"))
            continue
        result = _article_from_record(record, manifest.parent, where)
        if isinstance(result, Article) and record.get("path"):
            listed.add((manifest.parent / record["path"]).resolve())
        _add(result, articles, problems)
    return listed


def _article_from_record(record: dict, base: Path, where: str) -> Article | Problem | tuple:
    text, path = record.get("text"), record.get("path")
    if text is None and path is None:
        return Problem(where, "record has neither 'text' nor 'path'; give the article text or a path to it")
    published, warning = _parse_date(record.get("published"), where)
    article_id = str(record.get("id") or (Path(path).stem if path else "")) or None
    if not article_id:
        return Problem(where, "record has no 'id' and no 'path' to derive one from; add an 'id'")
    meta = {"published": published, "source": record.get("source"), "url": record.get("url")}
    if text is None:
        result = _read_text_file(base / path, article_id, origin=where, **meta)
    else:
        result = _check_text(str(text), article_id, where, **meta)
    return (result, warning) if warning and isinstance(result, Article) else result


def _read_plain(path: Path) -> Article | Problem | tuple:
    """A text file given without metadata: read it, and warn that its dates cannot be resolved."""
    result = _read_text_file(path, path.stem, origin=str(path))
    if isinstance(result, Article):
        return result, Problem(str(path), "no publication date for a plain text file: relative dates stay "
                                          "unresolved; list it in a JSON Lines manifest with 'published'", skipped=False)
    return result


def _read_text_file(path: Path, article_id: str, origin: str, **meta) -> Article | Problem:
    try:
        raw = path.read_bytes()
    except OSError as err:
        return Problem(origin, f"cannot read {path}: {err.strerror}; check the path and permissions")
    if b"\x00" in raw[:4096]:
        return Problem(origin, f"{path} is a binary file, not text; give a UTF-8 text file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        return Problem(origin, f"{path} is not UTF-8 (byte {err.start}); convert it, e.g. iconv -f latin1 -t utf-8")
    return _check_text(text, article_id, origin, **meta)


def _check_text(text: str, article_id: str, origin: str, **meta) -> Article | Problem:
    if not text.strip():
        return Problem(origin, "the article is empty; remove it or add its text")
    words = re.findall(r"[A-Za-z]+", text.lower())
    if len(words) >= 20 and sum(w in ENGLISH_MARKERS for w in words) / len(words) < 0.04:
        return Problem(origin, "the text does not look like English; kg-builder reads English articles only")
    clean_id = ID_PATTERN.sub("_", article_id).strip("_")
    return Article(id=clean_id, text=text, origin=origin, **meta)


def _parse_date(value, where: str) -> tuple[date | None, Problem | None]:
    if value in (None, ""):
        return None, Problem(where, "no publication date: relative dates stay unresolved; add 'published' (YYYY-MM-DD)", skipped=False)
    try:
        return date.fromisoformat(str(value)[:10]), None
    except ValueError:
        return None, Problem(where, f"publication date {value!r} is not a real YYYY-MM-DD date; relative dates stay unresolved", skipped=False)


def _add(result, articles: list[Article], problems: list[Problem]) -> None:
    if isinstance(result, tuple):
        result, warning = result
        problems.append(warning)
    if isinstance(result, Article):
        articles.append(result)
    else:
        problems.append(result)


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
