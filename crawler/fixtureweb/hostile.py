"""hostile.test: listings and pages broken in the ways a crawler meets in the wild."""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .catalog import article_from_toml, load_toml, outlet_from_toml
from .listings import rss_feed
from .markup import esc
from .model import Article, Outlet
from .resource import HTML, PDF, RSS, TEXT, XML, Resource, make_resource
from .themes import THEMES

# The archive sitemap is generated while it is sent: over 12 MB, never held in memory.
_HUGE_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
)
_HUGE_ENTRY = (
    "<url><loc>http://hostile.test/archive/2024/05/16/item-{:07d}/</loc>"
    "<lastmod>2024-05-16</lastmod></url>\n"
)
_HUGE_TAIL = b"</urlset>\n"
HUGE_SITEMAP_ENTRIES = 140_000
_HUGE_CHUNK_ENTRIES = 2_000


@dataclass(frozen=True)
class HostileSite:
    """The hostile outlet's responses and the URL of each kind of trouble, by name."""

    outlet: Outlet
    resources: dict[str, Resource]
    urls: dict[str, str]


def build_hostile_site() -> HostileSite:
    """Every response of hostile.test."""
    data = load_toml("hostile.toml")
    outlet = outlet_from_toml(data["outlet"])
    good, malformed = (article_from_toml(raw, {outlet.key: outlet}) for raw in data["article"])
    broken: dict[str, Any] = data["broken"]
    urls = {
        "good": good.url,
        "malformed": malformed.url,
        **{name: outlet.url(path) for name, path in broken.items()},
        "feed": outlet.url(outlet.feed_path),
        "bomb_sitemap": outlet.url(outlet.news_sitemap_path),
        "section": outlet.url(outlet.section_path),
        "robots": outlet.url("/robots.txt"),
    }
    when = good.modified
    error_page = (
        "<!DOCTYPE html><html><head><title>{0}</title></head><body><h1>{0}</h1></body></html>"
    )
    resources = {
        urls["good"]: make_resource(THEMES["tagdiv"].article_page(good, [malformed]), HTML, when),
        urls["malformed"]: make_resource(malformed_page(malformed), HTML, malformed.modified),
        urls["not_found"]: make_resource(
            error_page.format("Page not found"), HTML, None, status=404
        ),
        urls["server_error"]: make_resource(
            error_page.format("Internal Server Error"), HTML, None, status=500
        ),
        urls["empty"]: make_resource(b"", HTML, when),
        urls["pdf"]: make_resource(briefing_pdf(), PDF, when),
        urls["feed"]: make_resource(truncated_feed(outlet, [malformed, good]), RSS, when),
        urls["bomb_sitemap"]: make_resource(BILLION_LAUGHS, XML, when),
        urls["huge_sitemap"]: huge_sitemap(),
        urls["section"]: make_resource(section_page(outlet, urls), HTML, when),
        urls["robots"]: make_resource(
            "User-agent: *\nDisallow: /wp-admin/\n\n"
            f"Sitemap: {urls['bomb_sitemap']}\nSitemap: {urls['huge_sitemap']}\n",
            TEXT,
            when,
        ),
    }
    return HostileSite(outlet=outlet, resources=resources, urls=urls)


def malformed_page(article: Article) -> bytes:
    """The article in badly broken HTML: unclosed and stray tags, bytes that are not UTF-8."""
    paragraphs = [b.text.encode("utf-8") for b in article.blocks if b.kind == "paragraph"]
    title = esc(article.headline).encode("utf-8")
    return (
        b"<html><head><title>" + title + b'</title><meta charset="utf-8">\n'
        b"<body bgcolor=#fff><div id=page><font face=arial><div class=post-content><h1>"
        + title
        + b"\n"
        b"<p>" + paragraphs[0] + b"\n<p>" + paragraphs[1] + b" <b><i>\n"
        # Stray closing tags, then bytes no decoder accepts, a NUL and a terminal escape code.
        b"</span></td></table>\xff\xfe\x00\x81\x9f\x0b\x1b[0m<<<>>\n"
        b"<p>" + b"\n<p>".join(paragraphs[2:-1]) + b"</b>\n<li><p>" + paragraphs[-1] + b"\n"
        b'<!-- a comment never closed <script>var x = "</p>'
    )


def truncated_feed(outlet: Outlet, articles: list[Article]) -> bytes:
    """An RSS feed cut off mid-item, as a dropped connection or a full disk leaves it."""
    full = rss_feed(outlet, articles).encode("utf-8")
    return full[: int(len(full) * 0.6)]


def section_page(outlet: Outlet, urls: dict[str, str]) -> str:
    """A bare news index linking every hostile article, good and broken."""
    names = ["good", "not_found", "server_error", "malformed", "empty", "pdf"]
    items = "".join(
        f'<li><a href="{esc(urls[n])}">{esc(_link_text(urls[n]))}</a></li>\n' for n in names
    )
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>News - {esc(outlet.name)}</title>"
        f'<link rel="canonical" href="{esc(urls["section"])}"></head><body>\n'
        f'<h1>News</h1>\n<ul class="news-list">\n{items}</ul>\n</body></html>\n'
    )


def huge_sitemap() -> Resource:
    """A sitemap of over 12 MB, produced chunk by chunk only when a client asks for it."""
    entry_size = len(_HUGE_ENTRY.format(0))
    length = len(_HUGE_HEAD) + HUGE_SITEMAP_ENTRIES * entry_size + len(_HUGE_TAIL)

    def chunks() -> Iterator[bytes]:
        yield _HUGE_HEAD
        for start in range(0, HUGE_SITEMAP_ENTRIES, _HUGE_CHUNK_ENTRIES):
            stop = min(start + _HUGE_CHUNK_ENTRIES, HUGE_SITEMAP_ENTRIES)
            yield "".join(_HUGE_ENTRY.format(i) for i in range(start, stop)).encode("ascii")
        yield _HUGE_TAIL

    return Resource(
        status=200,
        content_type=XML,
        stream=chunks,
        stream_length=length,
        etag=f'"archive-{HUGE_SITEMAP_ENTRIES}"',
    )


def briefing_pdf() -> bytes:
    """A small but well-formed PDF, so the binary body is a real document and not noise."""
    content = zlib.compress(b"BT /F1 18 Tf 72 720 Td (Summit briefing: Beijing, 16 May 2024) Tj ET")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content)
        + content
        + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _link_text(url: str) -> str:
    slug = url.rstrip("/").rsplit("/", 1)[-1]
    return slug.replace("-", " ").capitalize()


def _billion_laughs() -> str:
    # Nine levels of tenfold entity expansion: a naive parser builds a billion "lol"s in memory.
    entities = ['  <!ENTITY lol "lol">']
    previous = "lol"
    for level in range(1, 10):
        entities.append(f'  <!ENTITY lol{level} "{("&" + previous + ";") * 10}">')
        previous = f"lol{level}"
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE urlset [\n'
        + "\n".join(entities)
        + '\n]>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        + f"  <url><loc>http://hostile.test/&{previous};</loc></url>\n</urlset>\n"
    )


BILLION_LAUGHS = _billion_laughs()
