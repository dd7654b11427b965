"""A thread-safe record of every request the fixture server answered."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

# Request headers worth keeping: what a polite, caching crawler sends.
LOGGED_HEADERS = (
    "User-Agent",
    "Accept",
    "Accept-Encoding",
    "Accept-Language",
    "If-None-Match",
    "If-Modified-Since",
    "Referer",
    "Cookie",
)


@dataclass(frozen=True)
class LoggedRequest:
    """One request: what was asked, how it arrived, and what was answered."""

    method: str
    host: str
    path: str  # with the query string
    status: int
    headers: Mapping[str, str] = field(default_factory=dict)
    time: float = 0.0  # time.time() when the request arrived
    via_proxy: bool = False  # absolute URI in the request line, as a client of a proxy sends

    @property
    def url(self) -> str:
        """The URL asked for."""
        return f"http://{self.host}{self.path}"


class RequestLog:
    """Requests in the order they were answered; safe to read while the server runs."""

    def __init__(self) -> None:
        self._entries: list[LoggedRequest] = []
        self._lock = threading.Lock()

    def record(self, entry: LoggedRequest) -> None:
        """Append one request."""
        with self._lock:
            self._entries.append(entry)

    @property
    def entries(self) -> list[LoggedRequest]:
        """A snapshot of the requests so far."""
        with self._lock:
            return list(self._entries)

    def clear(self) -> None:
        """Forget every request so far."""
        with self._lock:
            self._entries.clear()

    def urls(self, method: str | None = None) -> list[str]:
        """The URLs asked for, in order, optionally of one method only."""
        return [e.url for e in self.entries if method is None or e.method == method]

    def count(self, url: str) -> int:
        """How many times a URL (query included) was asked for."""
        return sum(1 for e in self.entries if e.url == url)

    def fetched(self, url: str) -> bool:
        """Whether a URL was ever asked for (its query ignored)."""
        base = url.split("?", 1)[0]
        return any(e.url.split("?", 1)[0] == base for e in self.entries)

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)

    def __iter__(self) -> Iterator[LoggedRequest]:
        return iter(self.entries)
