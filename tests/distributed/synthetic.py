"""A synthetic outlet of many small articles, added to the fixture web for multi-worker crawls."""

from __future__ import annotations

from crawler.fixtureweb.site import FixtureWeb

HOST = "synthetic.test"
WORDS = [
    "council",
    "budget",
    "river",
    "harbour",
    "school",
    "rail",
    "museum",
    "festival",
    "bridge",
    "market",
    "election",
    "library",
    "hospital",
    "airport",
    "stadium",
    "theatre",
    "forest",
    "valley",
    "coast",
    "orchard",
    "factory",
    "tram",
    "ferry",
]


def article_url(number: int) -> str:
    return f"http://{HOST}/news/2024/05/16/report-{number:04d}.html"


def _paragraph(number: int, line: int) -> str:
    words = [WORDS[(number * 7 + line * 3 + i * i) % len(WORDS)] for i in range(40)]
    return f"Report {number} paragraph {line}: " + " ".join(words) + "."


def _page(number: int) -> str:
    paragraphs = "".join(f"<p>{_paragraph(number, line)}</p>" for line in range(5))
    return (
        f"<!DOCTYPE html><html lang='en'><head><title>Local report {number}</title>"
        f"<meta property='og:title' content='Local report {number}'></head><body>"
        f"<nav><a href='/'>Home</a></nav><article><h1>Local report {number}</h1>"
        f"{paragraphs}</article><footer>Synthetic Gazette</footer></body></html>"
    )


def add_synthetic_outlet(web: FixtureWeb, pages: int) -> list[str]:
    """Serve ``pages`` articles and a sitemap listing them on synthetic.test; return their URLs."""
    urls = [article_url(n) for n in range(pages)]
    for number, url in enumerate(urls):
        web.put(url, _page(number))
    entries = "".join(f"<url><loc>{url}</loc></url>" for url in urls)
    web.put(
        f"http://{HOST}/sitemap.xml",
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>',
        "application/xml",
    )
    web.put(f"http://{HOST}/robots.txt", "User-agent: *\nAllow: /\n", "text/plain")
    return urls


def synthetic_source() -> str:
    """The story-file section that points a crawl at the synthetic outlet."""
    return (
        '\n[[sources]]\noutlet = "Synthetic Gazette"\n'
        f'sitemaps = ["http://{HOST}/sitemap.xml"]\nrobots = false\n'
    )
