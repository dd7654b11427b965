"""The fixture server: proxy and virtual hosts, validators, HEAD, request log, run-time edits."""

from __future__ import annotations

import http.client
import time
import urllib.error
import urllib.request
from datetime import timedelta

import pytest

from crawler.fixtureweb.server import FixtureServer, http_date
from crawler.fixtureweb.site import build_fixture_web


def direct(server: FixtureServer, host: str, path: str, method: str = "GET", headers=None):
    """A request addressed to the server itself, naming the site in the Host header."""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        conn.request(method, path, headers={"Host": host, **(headers or {})})
        response = conn.getresponse()
        return response.status, response.headers, response.read()
    finally:
        conn.close()


def test_same_url_is_served_through_the_proxy_and_by_host_header(fixture_server, fetch):
    url = fixture_server.web.seed_urls["001"]
    host, path = url.split("/", 3)[2], "/" + url.split("/", 3)[3]
    proxied = fetch(url)
    status, headers, body = direct(fixture_server, host, path)
    assert proxied.status == status == 200
    assert proxied.body == body and proxied.headers["ETag"] == headers["ETag"]


def test_urllib_reaches_fixture_hosts_with_a_proxy_handler(fixture_server):
    opener = urllib.request.build_opener(
        urllib.request.ProxyHandler({"http": fixture_server.proxy_url})
    )
    with opener.open("http://aljazeera.test/robots.txt", timeout=10) as response:
        assert response.status == 200
        assert b"Sitemap: http://aljazeera.test/" in response.read()
    assert fixture_server.proxy_url == f"http://127.0.0.1:{fixture_server.port}"


@pytest.mark.parametrize(
    "url", ["http://aljazeera.test/no/such/page", "http://unknown.test/", "http://127.0.0.1/"]
)
def test_unknown_host_or_path_answers_404(fetch, url):
    assert fetch(url).status == 404


def test_if_none_match_with_the_current_etag_answers_304_without_body(fixture_server, fetch):
    url = fixture_server.web.outlets["newsworld.test"].feeds[0]
    etag = fetch(url).headers["ETag"]
    reply = fetch(url, headers={"If-None-Match": etag})
    assert reply.status == 304 and reply.body == b"" and reply.headers["ETag"] == etag
    assert fetch(url, headers={"If-None-Match": '"stale"'}).status == 200


def test_if_modified_since_answers_304_unless_the_resource_is_newer(fixture_server, fetch):
    url = fixture_server.web.seed_urls["002"]
    last_modified = fetch(url).headers["Last-Modified"]
    assert fetch(url, headers={"If-Modified-Since": last_modified}).status == 304
    resource = fixture_server.web.get(url)
    earlier = http_date(resource.last_modified - timedelta(seconds=1))
    assert fetch(url, headers={"If-Modified-Since": earlier}).status == 200
    assert fetch(url, headers={"If-Modified-Since": "not a date"}).status == 200


def test_head_sends_the_get_headers_without_a_body(fixture_server, fetch):
    url = fixture_server.web.seed_urls["000"]
    got, head = fetch(url), fetch(url, method="HEAD")
    assert head.status == 200 and head.body == b""
    for name in ("Content-Type", "Content-Length", "ETag", "Last-Modified"):
        assert head.headers[name] == got.headers[name]


def test_methods_other_than_get_and_head_are_refused(fixture_server, fetch):
    assert fetch(fixture_server.web.seed_urls["000"], method="POST").status == 405


def test_request_log_records_every_request_and_can_be_cleared(fixture_server, fetch):
    url = fixture_server.web.seed_urls["004"]
    before = time.time()
    fetch(url, headers={"User-Agent": "storywatch-test", "If-None-Match": '"x"'})
    fetch("http://newsworld.test/missing?page=2", method="HEAD")
    first, second = fixture_server.request_log.entries
    assert (first.method, first.url, first.status, first.via_proxy) == ("GET", url, 200, True)
    assert first.headers["User-Agent"] == "storywatch-test"
    assert first.headers["If-None-Match"] == '"x"'
    assert first.time >= before
    assert (second.method, second.host, second.path, second.status) == (
        "HEAD", "newsworld.test", "/missing?page=2", 404,
    )  # fmt: skip
    assert fixture_server.request_log.fetched(url)
    fixture_server.clear_request_log()
    assert len(fixture_server.request_log) == 0


def test_editing_a_page_changes_its_etag_and_last_modified(fixture_server, fetch):
    url = fixture_server.web.seed_urls["001"]
    before = fetch(url)
    fixture_server.web.put(url, before.text.replace("two-day state visit", "three-day state visit"))
    after = fetch(url)
    assert b"three-day state visit" in after.body
    assert after.headers["ETag"] != before.headers["ETag"]
    assert after.headers["Last-Modified"] != before.headers["Last-Modified"]
    assert fetch(url, headers={"If-None-Match": before.headers["ETag"]}).status == 200
    fixture_server.web.put(url, after.text + "<!-- again -->")
    assert fetch(url).headers["Last-Modified"] != after.headers["Last-Modified"]


def test_an_edit_can_keep_stale_validators_like_some_servers_do(fixture_server, fetch):
    url = fixture_server.web.seed_urls["000"]
    before = fetch(url)
    fixture_server.web.put(url, "<html><body>changed</body></html>", keep_validators=True)
    after = fetch(url)
    assert after.body != before.body
    assert after.headers["ETag"] == before.headers["ETag"]


def test_removing_a_page_makes_it_404_and_put_can_add_new_urls(fixture_server, fetch):
    url = fixture_server.web.seed_urls["002"]
    fixture_server.web.remove(url)
    assert fetch(url).status == 404
    fixture_server.web.put("http://dailyguardian.test/new/", b"{}", "application/json")
    reply = fetch("http://dailyguardian.test/new/")
    assert (reply.status, reply.body) == (200, b"{}")
    assert reply.headers["Content-Type"] == "application/json"


def test_edits_do_not_leak_into_a_freshly_built_web(fixture_server):
    url = fixture_server.web.seed_urls["001"]
    fixture_server.web.remove(url)
    assert build_fixture_web().get(url) is not None


def test_server_stops_and_frees_its_port():
    server = FixtureServer(build_fixture_web())
    port = server.start()
    server.stop()
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)
