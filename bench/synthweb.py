"""A synthetic news web for throughput runs: many outlets, realistic page weight, served fast.

Pages are rebuilt on demand from their number (deterministic), so the server holds no page
bodies in memory however many pages there are, and a page costs a string join to serve.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

OUTLETS = 20
DAY = "2024-05-16"
_TEXT = """
the minister said on monday that the government would review the budget after talks with
regional leaders while officials in the capital warned of delays to the new rail line and
critics argued the plan ignored rising costs for families across the country as the summit
drew delegations from neighbouring states trade energy security and climate policy were on
the agenda analysts expect the agreement to shape markets investors reacted cautiously
"""
_WORDS = _TEXT.split()
TEMPLATES = ("wire", "magazine", "portal")


@dataclass(frozen=True)
class Page:
    """An article of the synthetic web: its outlet host, path and number."""

    number: int

    @property
    def host(self) -> str:
        """The outlet it belongs to."""
        return f"outlet{self.number % OUTLETS:02d}.bench"

    @property
    def url(self) -> str:
        """Its address."""
        return f"http://{self.host}/news/{DAY.replace('-', '/')}/story-{self.number:06d}.html"


def pages_of(host: str, total: int) -> list[Page]:
    """The articles of one outlet, among ``total`` pages."""
    index = int(host[6:8])
    return [Page(n) for n in range(index, total, OUTLETS)]


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(12, 26))]
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def body_paragraphs(number: int) -> list[str]:
    """The article's own paragraphs (about 600 words)."""
    rng = random.Random(number)
    return [" ".join(_sentence(rng) for _ in range(rng.randint(2, 4))) for _ in range(12)]


@cache
def _chrome(template: str) -> tuple[str, str]:
    """The page furniture around the article: header, menus, inline state, footer."""
    rng = random.Random(template)
    nav = "".join(f'<li><a href="/section/{i}/">Section {i}</a></li>' for i in range(120))
    css = "".join(f".c{i}{{margin:{i % 9}px;color:#{i:06x}}}" for i in range(900))
    head = (
        f"<style>{css}</style>"
        f'<header class="site-header"><nav class="menu"><ul>{nav}</ul></nav></header>'
        '<div class="cookie-consent">We use cookies to improve your experience. Accept</div>'
    )
    links = "".join(
        f'<li><a href="/news/more-{rng.randint(0, 10**6)}.html">{_sentence(rng)}</a></li>'
        for _ in range(60)
    )
    # Teaser rails like real front ends: nested cards with images, kickers and summaries.
    cards = "".join(
        f'<div class="card card--{i % 4}"><a class="card__link" href="/news/more-{i}.html">'
        f'<figure class="card__media"><img src="/img/{i}.jpg" alt="" loading="lazy"></figure>'
        f'<div class="card__body"><span class="card__kicker">Section {i % 12}</span>'
        f'<h3 class="card__title"><span>{_sentence(rng)}</span></h3>'
        f'<p class="card__summary">{_sentence(rng)}</p></div></a></div>'
        for i in range(110)
    )
    foot = (
        f'<aside class="most-read"><h3>Most read</h3><ol>{links[:6000]}</ol></aside>'
        f'<section class="rail"><h2>More news</h2>{cards}</section>'
        f'<footer class="site-footer"><ul>{links}</ul><p>© Bench Media</p></footer>'
    )
    return head, foot


def _state_blob(number: int) -> str:
    # Real pages carry a large inline JSON state (framework data, ads config): most of their weight.
    size = 14_000 + (number * 7919) % 70_000
    unit = '{"id":%d,"slot":"ad-%d","targeting":{"section":"news","kw":["a","b","c"]}},'
    parts, total, i = [], 0, 0
    while total < size:
        piece = unit % (i, number)
        parts.append(piece)
        total += len(piece)
        i += 1
    return '<script type="application/json" id="__STATE__">[' + "".join(parts)[:-1] + "]</script>"


def article_html(number: int) -> str:
    """One article page of 100-200 KB with boilerplate inside and around the article."""
    page = Page(number)
    template = TEMPLATES[number % len(TEMPLATES)]
    head, foot = _chrome(template)
    title = f"Summit talks {number}: " + " ".join(body_paragraphs(number)[0].split()[:8])
    paragraphs = body_paragraphs(number)
    body = "".join(f"<p>{p}</p>" for p in paragraphs[:4])
    body += (
        '<div class="related"><h4>Read more</h4><ul><li><a href="/x.html">Other</a></li></ul></div>'
    )
    body += "".join(f"<p>{p}</p>" for p in paragraphs[4:])
    body += '<div class="newsletter">Sign up for our daily briefing. Subscribe</div>'
    body += '<div class="author-bio">The author covers politics for Bench Media.</div>'
    published = f"{DAY}T{number % 24:02d}:{number % 60:02d}:00+00:00"
    ld = (
        '{"@context":"https://schema.org","@type":"NewsArticle",'
        f'"headline":"{title}","datePublished":"{published}",'
        '"author":{"@type":"Person","name":"Staff"}}'
    )
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        f'<link rel="canonical" href="{page.url}">'
        f'<meta property="og:title" content="{title}">'
        f'<script type="application/ld+json">{ld}</script></head>'
        f'<body class="{template}">{head}<main><article><h1>{title}</h1>'
        f'<div class="share-bar">Share Tweet Email</div>{body}</article></main>'
        f"{foot}{_state_blob(number)}</body></html>"
    )


def sitemap_xml(host: str, total: int) -> str:
    """A Google News sitemap of one outlet's articles."""
    entries = "".join(
        f"<url><loc>{p.url}</loc><news:news><news:publication><news:name>{host}</news:name>"
        f"<news:language>en</news:language></news:publication>"
        f"<news:publication_date>{DAY}T08:00:00+00:00</news:publication_date>"
        f"<news:title>Story {p.number}</news:title></news:news></url>"
        for p in pages_of(host, total)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/'
        'sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
        f"{entries}</urlset>"
    )


def serve(port_queue: object, total: int) -> None:
    """Serve the synthetic web as an HTTP proxy on 127.0.0.1 (run in its own process)."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            host = parts.hostname or self.headers.get("Host") or ""
            path = parts.path
            if path == "/robots.txt":
                body, kind = b"User-agent: *\nAllow: /\n", "text/plain"
            elif path == "/news-sitemap.xml":
                body, kind = sitemap_xml(host, total).encode(), "application/xml"
            elif path.startswith("/news/") and path.endswith(".html"):
                number = int(path.rsplit("-", 1)[1][:-5])
                body, kind = article_html(number).encode(), "text/html; charset=utf-8"
            else:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    port_queue.put(server.server_address[1])  # type: ignore[attr-defined]
    server.serve_forever()
