import gzip
import json

from crawler.fixtureweb.site import build_fixture_web
from tests.cleaning.seed_texts import expected_lines
from tests.commands.cli import scrapy


def test_extract_prints_clean_text_and_metadata_per_saved_page(tmp_path):
    web = build_fixture_web()
    plain = tmp_path / "001.html"
    plain.write_bytes(web.get(web.seed_urls["001"]).body)
    packed = tmp_path / "004.html.gz"
    packed.write_bytes(gzip.compress(web.get(web.seed_urls["004"]).body))
    junk = tmp_path / "junk.html"
    junk.write_bytes(b"\x00\x01\x02 binary junk")

    result = scrapy(
        "extract",
        "--url",
        web.seed_urls["001"],
        "--url",
        web.seed_urls["004"],
        "--url",
        "http://junk.test/",
        str(plain),
        str(packed),
        str(junk),
    )

    assert result.returncode == 0, result.stderr
    first, second, third = (json.loads(line) for line in result.stdout.splitlines())
    assert first["path"] == str(plain)
    assert first["text"].splitlines() == expected_lines("001")
    assert first["canonical_url"] == web.seed_urls["001"]
    assert first["published_at"] == "2024-05-16T01:41:00Z"
    assert first["published_precision"] == "time"
    assert first["outlet"] == "Al Jazeera"
    assert first["credits"] == [
        "With reporting by Erin Hale in Taipei",
        "Source: Al Jazeera and news agencies",
    ]
    assert second["text"].splitlines() == expected_lines("004")
    assert second["dateline"] == "BEIJING"
    assert third["path"] == str(junk)
    assert third["error"].startswith("no article")


def test_extract_without_pages_is_a_usage_error():
    assert scrapy("extract").returncode == 2
