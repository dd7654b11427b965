"""Story files: what to watch (a TOML file naming the story, its date window and its sources)."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pipelines.relevance.query import Node, QuerySyntaxError, parse_query

DEFAULT_DISCOVERY_MARGIN_DAYS = 14


class StoryError(ValueError):
    """A story file that cannot be used; the message names the file and the field."""


@dataclass(frozen=True)
class Source:
    """One outlet to watch and the listings (feeds, sitemaps, section pages) to read it from."""

    outlet: str
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()
    robots: bool = True  # also read the Sitemap: lines of the outlet's robots.txt
    boilerplate: tuple[str, ...] = ()  # extra line patterns to remove for this outlet only

    @property
    def hosts(self) -> frozenset[str]:
        """Host names this source's listings live on."""
        return frozenset(
            (urlsplit(u).hostname or "") for u in (*self.feeds, *self.sitemaps, *self.sections)
        )


@dataclass(frozen=True)
class Story:
    """A story to monitor: its name, title, date window and sources."""

    name: str
    title: str
    start: datetime  # inclusive, UTC
    end: datetime  # exclusive, UTC
    sources: tuple[Source, ...]
    discovery_margin: timedelta = timedelta(days=DEFAULT_DISCOVERY_MARGIN_DAYS)
    path: Path | None = field(default=None, compare=False)
    notify: str | None = None  # a command, or an http(s) URL to POST JSON to, after each run
    query: str | None = None  # as written in the story file
    query_tree: Node | None = field(default=None, compare=False)
    languages: tuple[str, ...] = ()  # primary language subtags ("en", "ru"); empty = any
    exemplars: tuple[Path, ...] = ()  # text files of articles that are the story

    def in_window(self, when: datetime) -> bool:
        """Whether a publication time falls inside the story's window."""
        return self.start <= when < self.end

    def exemplar_texts(self) -> list[str]:
        """The exemplar documents' text (files checked to be readable when the story loaded)."""
        return [p.read_text(encoding="utf-8") for p in self.exemplars]

    def in_discovery_range(self, when: datetime | None) -> bool:
        """Whether a listing date is close enough to the window to be worth fetching."""
        if when is None:
            return True
        return self.start - self.discovery_margin <= when < self.end + self.discovery_margin

    def source_for_host(self, host: str) -> Source | None:
        """The source whose listings live on ``host``, if any."""
        for source in self.sources:
            if host in source.hosts:
                return source
        return None


_TOP_KEYS = {"name", "title", "window", "sources", "notify", "query", "languages", "exemplars"}
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}$")
_WINDOW_KEYS = {"start", "end", "discovery_margin_days"}
_SOURCE_KEYS = {"outlet", "feeds", "sitemaps", "sections", "robots", "boilerplate"}


def load_story(path: str | Path) -> Story:
    """Read and validate a story file; raise StoryError naming the faulty field."""
    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise StoryError(f"{path}: story file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise StoryError(f"{path}: cannot read story file: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise StoryError(f"{path}: not valid TOML: {exc}") from None
    return parse_story(raw, path)


def parse_story(raw: dict[str, Any], path: Path | None = None) -> Story:
    """Validate a story already parsed from TOML."""
    where = str(path) if path else "story"

    def fail(field_name: str, problem: str) -> StoryError:
        return StoryError(f"{where}: field '{field_name}' {problem}")

    _reject_unknown(raw, _TOP_KEYS, "", fail)
    name = _required_str(raw, "name", fail)
    title = _required_str(raw, "title", fail)

    window = raw.get("window")
    if not isinstance(window, dict):
        raise fail("window", "is missing (a table with start and end dates)")
    _reject_unknown(window, _WINDOW_KEYS, "window.", fail)
    start = _as_utc(window.get("start"), "window.start", fail, end_of_day=False)
    end = _as_utc(window.get("end"), "window.end", fail, end_of_day=True)
    if end <= start:
        raise fail("window.end", "must be after window.start")
    margin_days = window.get("discovery_margin_days", DEFAULT_DISCOVERY_MARGIN_DAYS)
    if isinstance(margin_days, bool) or not isinstance(margin_days, int) or margin_days < 0:
        raise fail("window.discovery_margin_days", "must be a whole number of days, 0 or more")

    raw_sources = raw.get("sources")
    if not isinstance(raw_sources, list) or not raw_sources:
        raise fail("sources", "is missing (at least one [[sources]] table)")
    sources = tuple(_parse_source(s, i, fail) for i, s in enumerate(raw_sources))
    notify = raw.get("notify")
    if notify is not None and (not isinstance(notify, str) or not notify.strip()):
        raise fail("notify", "must be a command or an http(s) URL")
    query, query_tree = _parse_query_field(raw, fail)
    return Story(
        notify=notify.strip() if notify else None,
        name=name,
        title=title,
        start=start,
        end=end,
        sources=sources,
        discovery_margin=timedelta(days=margin_days),
        path=path,
        query=query,
        query_tree=query_tree,
        languages=_languages(raw, fail),
        exemplars=_exemplars(raw, path, fail),
    )


def _parse_query_field(raw: dict[str, Any], fail: Any) -> tuple[str | None, Node | None]:
    value = raw.get("query")
    if value is None:
        return None, None
    if not isinstance(value, str):
        raise fail("query", "must be a string, e.g. 'Putin AND (China OR Xi)'")
    try:
        return value, parse_query(value)
    except QuerySyntaxError as exc:
        raise fail("query", f"has a syntax error: {exc}") from None


def _languages(raw: dict[str, Any], fail: Any) -> tuple[str, ...]:
    value = raw.get("languages", [])
    if not isinstance(value, list):
        raise fail("languages", "must be a list of language codes, e.g. ['en', 'ru']")
    for i, code in enumerate(value):
        if not isinstance(code, str) or not _LANGUAGE.match(code):
            raise fail(f"languages[{i}]", f"is not a two- or three-letter language code: {code!r}")
    return tuple(code.lower() for code in value)


def _exemplars(raw: dict[str, Any], path: Path | None, fail: Any) -> tuple[Path, ...]:
    value = raw.get("exemplars", [])
    if not isinstance(value, list):
        raise fail("exemplars", "must be a list of text file paths")
    base = path.parent if path is not None else Path.cwd()
    found: list[Path] = []
    for i, name in enumerate(value):
        if not isinstance(name, str) or not name.strip():
            raise fail(f"exemplars[{i}]", "must be a path to a text file")
        file = (base / name).resolve()
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise fail(f"exemplars[{i}]", f"cannot be read ({file}): {exc}") from None
        if not text.strip():
            raise fail(f"exemplars[{i}]", f"is empty ({file})")
        found.append(file)
    return tuple(found)


def _parse_source(raw: Any, index: int, fail: Any) -> Source:
    prefix = f"sources[{index}]"
    if not isinstance(raw, dict):
        raise fail(prefix, "must be a table")
    _reject_unknown(raw, _SOURCE_KEYS, f"{prefix}.", fail)
    outlet = _required_str(raw, "outlet", fail, prefix=f"{prefix}.")
    lists = {key: _url_list(raw, key, prefix, fail) for key in ("feeds", "sitemaps", "sections")}
    if not any(lists.values()):
        raise fail(prefix, "needs at least one of feeds, sitemaps or sections")
    robots = raw.get("robots", True)
    if not isinstance(robots, bool):
        raise fail(f"{prefix}.robots", "must be true or false")
    boilerplate = raw.get("boilerplate", [])
    if not isinstance(boilerplate, list) or not all(isinstance(p, str) for p in boilerplate):
        raise fail(f"{prefix}.boilerplate", "must be a list of regular expressions")
    for i, pattern in enumerate(boilerplate):
        try:
            re.compile(pattern)
        except re.error as exc:
            raise fail(
                f"{prefix}.boilerplate[{i}]", f"is not a valid regular expression: {exc}"
            ) from None
    return Source(
        outlet=outlet,
        feeds=lists["feeds"],
        sitemaps=lists["sitemaps"],
        sections=lists["sections"],
        robots=robots,
        boilerplate=tuple(boilerplate),
    )


def _url_list(raw: dict[str, Any], key: str, prefix: str, fail: Any) -> tuple[str, ...]:
    value = raw.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise fail(f"{prefix}.{key}", "must be a list of URLs")
    for i, url in enumerate(value):
        parts = urlsplit(url) if isinstance(url, str) else None
        if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
            raise fail(f"{prefix}.{key}[{i}]", f"is not an http(s) URL: {url!r}")
    return tuple(value)


def _required_str(raw: dict[str, Any], key: str, fail: Any, prefix: str = "") -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise fail(f"{prefix}{key}", "is missing or not a non-empty string")
    return value.strip()


def _reject_unknown(raw: dict[str, Any], known: set[str], prefix: str, fail: Any) -> None:
    for key in raw:
        if key not in known:
            raise fail(
                f"{prefix}{key}", f"is not known (expected one of: {', '.join(sorted(known))})"
            )


def _as_utc(value: Any, field_name: str, fail: Any, *, end_of_day: bool) -> datetime:
    """A TOML date or datetime as an aware UTC datetime; a bare end date includes that day."""
    if isinstance(value, datetime):
        return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        day = value + timedelta(days=1) if end_of_day else value
        return datetime.combine(day, time(), tzinfo=UTC)
    raise fail(field_name, "is missing or not a TOML date (e.g. 2024-05-16)")
