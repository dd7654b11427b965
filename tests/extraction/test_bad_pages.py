"""Pages with no article give a reason, never a crash, within the pool's time limit."""

import pytest

from pipelines.extraction.pool import ExtractionPool
from pipelines.extraction.worker import extract_page

HOME_PAGE = (
    "<html><head><title>Daily News</title></head><body>"
    "<nav><a href='/world'>World</a> <a href='/politics'>Politics</a></nav>"
    + "".join(
        f"<div class='card'><h3><a href='/story-{i}'>Headline number {i} about the day</a></h3>"
        "</div>"
        for i in range(60)
    )
    + "</body></html>"
)
ERROR_PAGE = (
    "<html><head><title>404 Not Found</title></head><body><h1>Page not found</h1>"
    "<p>Sorry, we couldn't find that page.</p></body></html>"
)
BINARY_JUNK = bytes(range(256)).decode("latin-1") * 400
# 10 MB of divs nested far deeper than libxml2 accepts without huge_tree.
DEEP_DIVS = "<div>" * 1_000_000 + "text" + "</div>" * 1_000_000


@pytest.mark.parametrize(
    ("html", "reason"),
    [
        ("", "empty page"),
        (HOME_PAGE, "only headlines and links, no sentences"),
        (ERROR_PAGE, "too little text (49 characters)"),
        (BINARY_JUNK, "not parseable as HTML"),
        (DEEP_DIVS, "not parseable as HTML"),
    ],
    ids=["empty", "home_page", "error_page", "binary_junk", "deep_divs"],
)
def test_page_without_article_gives_no_article_with_a_reason(html, reason):
    result = extract_page(html, "https://news.test/page")

    assert result["text"] is None
    assert result["no_article_reason"] == reason


def test_ten_megabytes_of_shallow_divs_finish_within_the_pool_time_limit():
    page = "<div><div><span>x</span></div></div>" * 300_000  # about 10 MB, no paragraph text
    pool = ExtractionPool(workers=1, timeout=30.0)  # the crawl's default time limit
    try:
        result = pool.result(page, "https://news.test/page")
    finally:
        pool.close()

    assert result["text"] is None
    assert result["no_article_reason"] == "page too large to extract (over 30000 elements)"
