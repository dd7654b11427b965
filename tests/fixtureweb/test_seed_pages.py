"""Each seed page, fetched through the running server: its text, its boilerplate, its metadata."""

from __future__ import annotations

import json
import re

import pytest

from crawler.fixtureweb.server import FixtureServer

SEED_IDS = ["000", "001", "002", "004"]
TIMESTAMP_WITH_OFFSET = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?[+-]\d\d:\d\d$")


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def container_of(fixture_server: FixtureServer, fetch, url: str):
    page = fetch(url).html()
    host = url.split("/")[2]
    (container,) = page.xpath(fixture_server.web.outlets[host].container)
    return page, container


@pytest.mark.parametrize("seed_id", SEED_IDS)
def test_seed_page_is_served_as_html_with_validators(fixture_server, fetch, seed_id):
    reply = fetch(fixture_server.web.seed_urls[seed_id])
    assert reply.status == 200
    assert reply.headers["Content-Type"].startswith("text/html; charset=")
    assert int(reply.headers["Content-Length"]) == len(reply.body)
    assert reply.headers["ETag"] and reply.headers["Last-Modified"]


@pytest.mark.parametrize("seed_id", SEED_IDS)
def test_seed_page_holds_every_body_line_of_its_seed_in_order(
    fixture_server, fetch, seed_id, seed_data, seed_lines
):
    _, container = container_of(fixture_server, fetch, fixture_server.web.seed_urls[seed_id])
    text = squash(container.text_content())
    boilerplate = {n for lines in seed_data[seed_id].get("roles", {}).values() for n in lines}
    position = 0
    for number, line in enumerate(seed_lines(seed_id), start=1):
        if not line.strip() or number in boilerplate:
            continue
        found = text.find(squash(line), position)
        assert found >= 0, f"seed {seed_id} line {number} missing or out of order: {line[:60]}"
        position = found + len(squash(line))


@pytest.mark.parametrize("seed_id", SEED_IDS)
def test_boilerplate_lines_of_the_seed_sit_in_the_article_container_not_in_aside_or_nav(
    fixture_server, fetch, seed_id, seed_data, seed_lines
):
    _, container = container_of(fixture_server, fetch, fixture_server.web.seed_urls[seed_id])
    lines = seed_lines(seed_id)
    for numbers in seed_data[seed_id].get("roles", {}).values():
        for number in numbers:
            # A line can hold pieces printed apart (a caption and its date): look for each piece.
            for piece in re.split(r"(?<=\])|(?<=items)(?=end of list)", lines[number - 1]):
                hits = container.xpath(
                    ".//*[contains(normalize-space(.), $p)][not(ancestor-or-self::aside)]"
                    "[not(ancestor-or-self::nav)]",
                    p=piece.strip()[:40],
                )
                assert hits, f"seed {seed_id} line {number} not in the container: {piece[:50]}"


def test_al_jazeera_keep_reading_list_sits_between_body_paragraphs_two_and_three(
    fixture_server, fetch, seed_lines
):
    _, container = container_of(fixture_server, fetch, fixture_server.web.seed_urls["001"])
    (heading,) = container.xpath(".//h2[normalize-space()='Keep reading']")
    block = heading.getparent()
    spans = [s.text for s in block.xpath("./span[contains(@class, 'screen-reader-text')]")]
    assert spans == ["list of 4 items", "end of list"]
    links = block.xpath("./ul/li//a/@href")
    assert len(links) == 4
    assert all(link in fixture_server.web.decoy_urls.values() for link in links)
    lines = seed_lines("001")
    assert block.getprevious().text_content() == lines[8]  # body paragraph 2 (line 9)
    assert block.getnext().text_content() == lines[14]  # body paragraph 3 (line 15)


def test_al_jazeera_page_has_standfirst_captioned_photo_dates_subheading_and_credits(
    fixture_server, fetch, seed_lines
):
    _, container = container_of(fixture_server, fetch, fixture_server.web.seed_urls["001"])
    standfirst = container.xpath(".//header/h1/following-sibling::p[1]/em/text()")
    assert standfirst == [seed_lines("001")[2]]
    (caption,) = container.xpath(".//figure/figcaption")
    assert caption.text_content().endswith("decade [File: Mark Ralston/Pool via AFP]")
    assert container.xpath(".//span[normalize-space()='Published On 16 May 2024']")
    assert container.xpath(".//span[normalize-space()='16 May 2024']")
    subheading = seed_lines("001")[36]
    assert container.xpath(".//h2[normalize-space()=$t]/preceding-sibling::p", t=subheading)
    tail = [p.text_content() for p in container.xpath(".//p")][-2:]
    assert tail == [seed_lines("001")[56], seed_lines("001")[58]]


def test_africa_today_read_also_is_a_bold_body_paragraph_linking_the_near_topic_decoy(
    fixture_server, fetch, seed_lines
):
    web = fixture_server.web
    _, container = container_of(fixture_server, fetch, web.seed_urls["000"])
    (paragraph,) = container.xpath(".//p[strong[starts-with(normalize-space(), 'Read Also:')]]")
    assert paragraph.xpath("./strong/a/@href") == [web.near_topic_urls["putin-inauguration"]]
    assert paragraph.text_content() == seed_lines("000")[6]
    assert paragraph.getprevious().text_content() == seed_lines("000")[5]
    assert paragraph.getnext().text_content() == seed_lines("000")[7]
    assert fetch(web.near_topic_urls["putin-inauguration"]).status == 200


def test_daily_guardian_share_toggle_precedes_headline_and_tags_run_together_at_the_end(
    fixture_server, fetch, seed_lines
):
    _, container = container_of(fixture_server, fetch, fixture_server.web.seed_urls["002"])
    texts = [" ".join(e.text_content().split()) for e in container.xpath(".//p | .//h1")]
    assert texts.index("+") < texts.index(seed_lines("002")[2])  # the "+" comes before the h1
    excerpt = seed_lines("002")[4]
    assert excerpt.endswith("[…]") and excerpt in texts
    assert texts[-2:] == ["Tags:", seed_lines("002")[24]]
    assert len(container.xpath(".//p[last()]/a[@rel='tag']")) == 8


def test_newsworld_counters_dateline_and_author_profile_are_inside_the_article(
    fixture_server, fetch, seed_lines
):
    _, container = container_of(fixture_server, fetch, fixture_server.web.seed_urls["004"])
    paragraphs = [p.text_content() for p in container.xpath(".//p")]
    first_body = paragraphs.index(seed_lines("004")[5])
    assert paragraphs[:first_body] == ["0", "207"]
    assert container.xpath(".//p/strong[1]/text()")[0] == "BEIJING."
    assert container.xpath(".//h3[normalize-space()='Author profile']")
    assert paragraphs[-1] == seed_lines("004")[31]


@pytest.mark.parametrize(
    ("seed_id", "published"),
    [
        ("000", "2024-05-16T14:20:00+01:00"),
        ("001", "2024-05-16T04:41:00+03:00"),
        ("002", "2024-05-16T11:30:00+05:30"),
        ("004", "2024-05-17T09:15:00+08:00"),
    ],
)
def test_seed_json_ld_date_published_carries_time_and_offset(
    fixture_server, fetch, seed_id, published
):
    page = fetch(fixture_server.web.seed_urls[seed_id]).html()
    assert news_article(page)["datePublished"] == published
    assert page.xpath("//meta[@property='article:published_time']/@content") == [published]


def test_og_description_is_the_standfirst_or_the_excerpt_without_its_ellipsis(
    fixture_server, fetch, seed_lines
):
    def og_description(seed_id):
        page = fetch(fixture_server.web.seed_urls[seed_id]).html()
        return page.xpath("//meta[@property='og:description']/@content")[0]

    assert og_description("001") == seed_lines("001")[2]
    assert og_description("002") == seed_lines("002")[4].removesuffix("[…]").rstrip()


def test_every_article_page_carries_title_open_graph_canonical_lang_and_news_article(
    fixture_server, fetch
):
    web = fixture_server.web
    for url in [*web.seed_urls.values(), *web.decoy_urls.values(), *web.disallowed_urls.values()]:
        page = fetch(url).html()
        assert page.get("lang", "").startswith("en")
        assert page.findtext(".//title")
        for prop in ("title", "description", "url", "type", "site_name", "image"):
            assert page.xpath(f"//meta[@property='og:{prop}']/@content"), (url, prop)
        assert page.xpath("//meta[@property='og:url']/@content") == [url]
        assert page.xpath("//link[@rel='canonical']/@href") == [url]
        assert page.xpath("//meta[@property='article:published_time']/@content")
        article = news_article(page)
        assert TIMESTAMP_WITH_OFFSET.match(article["datePublished"])
        assert TIMESTAMP_WITH_OFFSET.match(article["dateModified"])
        assert article["headline"]
        assert article["author"] and all(a["@type"] == "Person" for a in article["author"])
        publisher = article["publisher"]
        assert publisher["@type"] == "Organization"
        assert publisher["name"] and publisher["description"]
        assert article["mainEntityOfPage"]["@id"] == url


def news_article(page) -> dict:
    """The NewsArticle in a page's JSON-LD, alone or inside an @graph."""
    (script,) = page.xpath("//script[@type='application/ld+json']/text()")
    document = json.loads(script)
    nodes = document.get("@graph", [document])
    (article,) = [n for n in nodes if n.get("@type") == "NewsArticle"]
    return article
