"""JSON-LD strings that a CMS escaped as HTML read as the text the page shows."""

import json

from pipelines.extraction.worker import extract_page
from pipelines.saved_page import finish_article, saved_page_item

HEADLINE = "FUTILE EXERCISE: Council&#8217;s bridge inquiry GOES NOWHERE"
SHOWN = "FUTILE EXERCISE: Council’s bridge inquiry GOES NOWHERE"
PARAGRAPHS = [
    f"Paragraph {n}: the council's inquiry into the river crossing heard from engineers, "
    "residents and the contractor, and found nothing it had not already been told."
    for n in range(5)
]


def page() -> str:
    block = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": HEADLINE,
        "author": {"@type": "Person", "name": "Ana O&#039;Neill"},
        "datePublished": "2024-02-28T18:00:00+00:00",
    }
    body = "".join(f"<p>{line}</p>" for line in PARAGRAPHS)
    return (
        f'<html><head><title>Bridge</title><script type="application/ld+json">'
        f"{json.dumps(block)}</script></head><body><article><h1>{SHOWN}</h1>"
        f"{body}</article></body></html>"
    )


def test_escaped_headline_is_the_title_and_is_not_left_in_the_text_as_a_dateline():
    url = "https://news.test/2024/02/28/bridge-inquiry"
    item = saved_page_item(page(), url)
    assert finish_article(item, extract_page(page(), url)) is None

    assert item.title == SHOWN
    assert item.authors == ["Ana O'Neill"]
    # The headline line repeats the title, so cleaning drops it; its kicker is no place.
    assert item.text.splitlines()[0] == PARAGRAPHS[0]
    assert item.dateline is None
