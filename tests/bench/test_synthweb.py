"""The throughput benchmark's synthetic web stays realistic: page weight, listings, a story."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from bench.crawl import story_file
from bench.synthweb import OUTLETS, article_html, pages_of, sitemap_xml
from crawler.story import load_story


def test_article_pages_weigh_100_to_200_kb_with_a_thousand_elements_or_more():
    for number in range(0, 300, 7):
        html = article_html(number)
        assert 100_000 <= len(html.encode()) <= 200_000
    tree = etree.HTML(article_html(3).encode())
    assert sum(1 for _ in tree.iter()) > 1000  # real news pages hold 500 to 2,000 elements


def test_each_outlet_sitemap_lists_exactly_its_pages():
    total = 95
    listed = []
    for index in range(OUTLETS):
        host = f"outlet{index:02d}.bench"
        root = etree.fromstring(sitemap_xml(host, total).encode())
        locs = [el.text for el in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
        assert locs == [page.url for page in pages_of(host, total)]
        listed += locs
    assert len(set(listed)) == total


def test_benchmark_story_file_loads_with_every_outlet(tmp_path: Path):
    story = load_story(story_file(tmp_path))
    assert len(story.sources) == OUTLETS
    assert story.query_tree is not None
