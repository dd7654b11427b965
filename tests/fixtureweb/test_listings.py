"""Feeds, sitemaps, robots.txt and section pages of the fixture outlets, and the story file."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import feedparser
import lxml.etree
import pytest

from crawler.story import load_story

OUTLETS = ["africatoday.test", "aljazeera.test", "dailyguardian.test", "newsworld.test"]
SEED_OF = {"africatoday.test": "000", "aljazeera.test": "001", "dailyguardian.test": "002",
           "newsworld.test": "004"}  # fmt: skip
NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}
STORY = Path(__file__).resolve().parents[2] / "seeds" / "fixture-putin-china.toml"


def parse_xml(body: bytes):
    parser = lxml.etree.XMLParser(resolve_entities=False, no_network=True)
    return lxml.etree.fromstring(body, parser)


def without_query(url: str) -> str:
    return url.split("?", 1)[0]


@pytest.mark.parametrize("host", OUTLETS)
def test_robots_txt_names_sitemaps_and_disallows_a_path(fixture_server, fetch, host):
    reply = fetch(f"http://{host}/robots.txt")
    assert reply.status == 200 and reply.headers["Content-Type"].startswith("text/plain")
    lines = reply.text.splitlines()
    assert "User-agent: *" in lines
    assert any(line.startswith("Disallow: /") for line in lines)
    sitemaps = [line.split(": ", 1)[1] for line in lines if line.startswith("Sitemap: ")]
    assert sitemaps == list(fixture_server.web.outlets[host].sitemaps)
    assert all(fetch(url).status == 200 for url in sitemaps)


@pytest.mark.parametrize("host", OUTLETS)
def test_feed_parses_and_lists_the_seed_article(fixture_server, fetch, host):
    (feed_url,) = fixture_server.web.outlets[host].feeds
    parsed = feedparser.parse(fetch(feed_url).body)
    assert not parsed.bozo, parsed.get("bozo_exception")
    for entry in parsed.entries:
        assert entry.title and entry.link and entry.id and entry.summary
        assert entry.get("published_parsed") or entry.get("updated_parsed")
    links = [without_query(e.link) for e in parsed.entries]
    assert fixture_server.web.seed_urls[SEED_OF[host]] in links


def test_feeds_include_atom_and_at_least_two_rss(fixture_server, fetch):
    versions = [
        feedparser.parse(fetch(fixture_server.web.outlets[h].feeds[0]).body).version
        for h in OUTLETS
    ]
    assert "atom10" in versions
    assert versions.count("rss20") >= 2


def test_a_feed_link_carries_tracking_parameters_and_still_resolves(fixture_server, fetch):
    parsed = feedparser.parse(fetch(fixture_server.web.outlets["newsworld.test"].feeds[0]).body)
    tracked = [e.link for e in parsed.entries if "utm_source=rss&utm_medium=feed" in e.link]
    assert without_query(tracked[0]) in fixture_server.web.seed_urls.values()
    reply = fetch(tracked[0])
    assert reply.status == 200
    assert reply.html().xpath("//link[@rel='canonical']/@href") == [without_query(tracked[0])]


@pytest.mark.parametrize("host", OUTLETS)
def test_news_sitemap_parses_and_lists_the_seed_with_news_fields(fixture_server, fetch, host):
    outlet = fixture_server.web.outlets[host]
    root = parse_xml(fetch(outlet.news_sitemap).body)
    assert root.tag == f"{{{NS['sm']}}}urlset"
    entries = root.findall("sm:url", NS)
    assert entries
    for entry in entries:
        assert entry.findtext("news:news/news:publication/news:name", namespaces=NS) == outlet.name
        assert entry.findtext("news:news/news:publication/news:language", namespaces=NS) == "en"
        assert "T" in entry.findtext("news:news/news:publication_date", namespaces=NS)
        assert entry.findtext("news:news/news:title", namespaces=NS)
    locs = [e.findtext("sm:loc", namespaces=NS) for e in entries]
    assert fixture_server.web.seed_urls[SEED_OF[host]] in locs


def test_sitemap_index_is_reachable_only_through_robots_and_names_news_and_post_sitemaps(
    fixture_server, fetch
):
    outlet = fixture_server.web.outlets["africatoday.test"]
    (index_url,) = outlet.sitemaps
    root = parse_xml(fetch(index_url).body)
    assert root.tag == f"{{{NS['sm']}}}sitemapindex"
    children = [e.findtext("sm:loc", namespaces=NS) for e in root.findall("sm:sitemap", NS)]
    assert outlet.news_sitemap in children and len(children) == 2
    posts = parse_xml(fetch(children[1]).body)
    assert fixture_server.web.seed_urls["000"] in [e.text for e in posts.iter(f"{{{NS['sm']}}}loc")]
    (source,) = [s for s in load_story(STORY).sources if "africatoday.test" in s.hosts]
    assert source.sitemaps == () and source.robots


@pytest.mark.parametrize("host", OUTLETS)
def test_section_page_links_the_seed_article_among_navigation(fixture_server, fetch, host):
    outlet = fixture_server.web.outlets[host]
    page = fetch(outlet.sections[0]).html()
    links = set(page.xpath("//a/@href"))
    assert fixture_server.web.seed_urls[SEED_OF[host]] in links
    assert len(page.xpath("//nav//a | //ul[contains(@class, 'menu')]//a")) >= 5


def test_a_decoy_is_reachable_only_from_its_section_page(fixture_server, fetch):
    web = fixture_server.web
    url = web.decoy_urls["tram-line-approved"]
    outlet = web.outlets["dailyguardian.test"]
    assert url in fetch(outlet.sections[0]).html().xpath("//a/@href")
    assert url.encode() not in fetch(outlet.feeds[0]).body
    assert url.encode() not in fetch(outlet.news_sitemap).body


def test_disallowed_page_is_linked_from_a_section_page_and_forbidden_by_robots(
    fixture_server, fetch
):
    web = fixture_server.web
    (url,) = web.disallowed_urls.values()
    host = urlsplit(url).hostname
    assert url in fetch(web.outlets[host].sections[0]).html().xpath("//a/@href")
    robots = RobotFileParser()
    robots.parse(fetch(web.outlets[host].robots).text.splitlines())
    assert not robots.can_fetch("storywatch", url)
    assert robots.can_fetch("storywatch", web.seed_urls["004"])


def test_every_seed_article_is_in_at_least_two_listings_of_its_outlet(fixture_server, fetch):
    web = fixture_server.web
    for host, seed_id in SEED_OF.items():
        outlet = web.outlets[host]
        listings = [*outlet.feeds, outlet.news_sitemap, *outlet.sections]
        hits = [u for u in listings if web.seed_urls[seed_id].encode() in fetch(u).body]
        assert len(hits) >= 2, host


def test_story_file_names_every_served_listing_on_the_test_hosts(fixture_server, fetch):
    story = load_story(STORY)
    assert story.name == "putin-china-2024-fixture"
    assert story.start.isoformat() == "2024-05-16T00:00:00+00:00"
    assert story.end.isoformat() == "2024-05-18T00:00:00+00:00"
    assert sorted(h for s in story.sources for h in s.hosts) == [*OUTLETS, "worldwire.test"]
    for source in story.sources:
        for url in (*source.feeds, *source.sitemaps, *source.sections):
            assert url.startswith("http://") and fetch(url).status == 200
