"""After a run that found something, the story's webhook receives the new articles as JSON."""

from __future__ import annotations

import json
import sys
import threading
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from scrapy.utils.test import get_crawler

from crawler.spiders.story import StorySpider
from crawler.story import load_story
from tests.aio import async_test
from tests.conftest import fixture_crawl_settings

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def webhook():
    received: list[dict] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append(json.loads(body))
            self.send_response(204)
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/hook", received
    server.shutdown()
    server.server_close()


@pytest.mark.usefixtures("quick_heartbeat")
@async_test
async def test_a_run_that_found_articles_posts_them_to_the_webhook(
    fixture_server, database_url, webhook
):
    url, received = webhook
    story = replace(load_story(REPO / "seeds" / "fixture-putin-china.toml"), notify=url)
    settings = fixture_crawl_settings(fixture_server, database_url)
    crawler = get_crawler(StorySpider, settings)
    await crawler.crawl_async(story=story)

    (message,) = received
    assert message["story"] == "putin-china-2024-fixture"
    # The new story coverage: off-topic articles are stored but not announced.
    assert 0 < len(message["articles"]) < crawler.stats.get_value("storywatch/articles/new")
    assert {a["relevance"] for a in message["articles"]} <= {"relevant", "grey"}
    seeds = set(fixture_server.web.seed_urls.values())
    assert seeds <= {a["canonical_url"] for a in message["articles"]}
    assert {a["change"] for a in message["articles"]} == {"new"}
    assert fixture_server.web.seed_urls["001"] in {a["canonical_url"] for a in message["articles"]}
    assert "text" not in message["articles"][0]

    # Nothing new on a run straight after: nothing is sent.
    again = get_crawler(StorySpider, settings)
    await again.crawl_async(story=story)
    assert len(received) == 1


@pytest.mark.usefixtures("quick_heartbeat")
@async_test
async def test_a_notify_command_receives_the_new_articles_on_stdin(
    fixture_server, database_url, tmp_path
):
    inbox = tmp_path / "inbox.json"
    copy_stdin = "import sys; open(sys.argv[1], 'wb').write(sys.stdin.buffer.read())"
    command = f'{sys.executable} -c "{copy_stdin}" {inbox}'
    story = replace(load_story(REPO / "seeds" / "fixture-putin-china.toml"), notify=command)
    settings = fixture_crawl_settings(fixture_server, database_url)
    crawler = get_crawler(StorySpider, settings)
    await crawler.crawl_async(story=story)

    message = json.loads(inbox.read_text(encoding="utf-8"))
    assert message["story"] == "putin-china-2024-fixture"
    assert crawler.stats.get_value("storywatch/notify/sent") == 1
    assert fixture_server.web.seed_urls["004"] in {a["canonical_url"] for a in message["articles"]}
