"""One response of the fixture web: status, content type, body or lazy body, and its validators."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

HTML = "text/html; charset=UTF-8"
XML = "application/xml; charset=UTF-8"
RSS = "application/rss+xml; charset=UTF-8"
ATOM = "application/atom+xml; charset=UTF-8"
TEXT = "text/plain; charset=utf-8"
PDF = "application/pdf"


@dataclass(frozen=True)
class Resource:
    """What the server answers for one URL; ``stream`` makes a body generated only when sent."""

    status: int
    content_type: str
    body: bytes = b""
    last_modified: datetime | None = None
    etag: str | None = None
    stream: Callable[[], Iterator[bytes]] | None = None
    stream_length: int = 0
    headers: tuple[tuple[str, str], ...] = ()  # extra response headers, e.g. Retry-After

    @property
    def length(self) -> int:
        """Content-Length of the full body."""
        return self.stream_length if self.stream is not None else len(self.body)

    def chunks(self) -> Iterator[bytes]:
        """The body, in pieces small enough to write one at a time."""
        if self.stream is not None:
            yield from self.stream()
        else:
            yield self.body


def make_resource(
    body: str | bytes,
    content_type: str,
    last_modified: datetime | None,
    *,
    status: int = 200,
    headers: tuple[tuple[str, str], ...] = (),
) -> Resource:
    """A resource whose ETag is derived from its body, so any edit changes it."""
    data = body.encode("utf-8") if isinstance(body, str) else body
    return Resource(
        status=status,
        content_type=content_type,
        body=data,
        last_modified=_whole_seconds(last_modified) if last_modified else None,
        etag=body_etag(data),
        headers=headers,
    )


def body_etag(data: bytes) -> str:
    """A strong ETag for a body."""
    return '"' + hashlib.sha1(data, usedforsecurity=False).hexdigest()[:20] + '"'


def _whole_seconds(when: datetime) -> datetime:
    # HTTP dates have one-second resolution; comparing If-Modified-Since needs the same.
    return when.astimezone(UTC).replace(microsecond=0)
