"""URL identity: the one spelling of an article's address, whichever link reached it."""

from __future__ import annotations

from urllib.parse import urldefrag, urlsplit

import courlan


def normalize_url(url: str) -> str:
    """Normalise a URL: scheme and host case, default port, tracking parameters, fragment."""
    try:
        normalized = courlan.normalize_url(url.strip())
    except ValueError:
        normalized = url.strip()
    return str(urldefrag(normalized)[0])


def site_of(url: str) -> str:
    """The host a URL belongs to, without the www./m./amp. prefixes outlets mirror under."""
    host = (urlsplit(url).hostname or "").lower()
    for prefix in ("www.", "amp.", "m."):
        host = host.removeprefix(prefix)
    return host
