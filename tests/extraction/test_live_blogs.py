"""Live blogs: the updates a page declares in LiveBlogPosting complete the extracted text."""

import json

from trafilatura import load_html

from pipelines.extraction.choose import missing_updates
from pipelines.extraction.metadata import read_metadata
from pipelines.extraction.worker import extract_page

SUMMARY = [
    f"Summary point {n}: the council vote on the river crossing went ahead this evening, "
    "and residents gathered outside the town hall to hear the result."
    for n in range(4)
]
UPDATES = [
    {
        "@type": "BlogPosting",
        "headline": f"Update {n} from the chamber",
        "articleBody": f"Councillor number {n} spoke for twenty minutes about the cost of the "
        f"bridge and the traffic it would bring.\nA second paragraph of update {n} quotes a "
        "resident who has lived by the river for forty years.",
    }
    for n in range(6)
]


def live_blog(*, rendered_updates: bool, updates: list[dict[str, str]] = UPDATES) -> str:
    """A live blog page: a NewsArticle block, then a LiveBlogPosting block with the updates."""
    blocks = [
        {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Bridge vote"},
        {
            "@context": "https://schema.org",
            "@type": "LiveBlogPosting",
            "headline": "Bridge vote live",
            "liveBlogUpdate": updates,
        },
    ]
    scripts = "".join(
        f'<script type="application/ld+json">{json.dumps(block)}</script>' for block in blocks
    )
    summary = "".join(f"<p>{line}</p>" for line in SUMMARY)
    posts = "".join(
        f"<div class='post'><h3>{u['headline']}</h3>"
        + "".join(f"<p>{line}</p>" for line in u["articleBody"].split("\n"))
        + "</div>"
        for u in updates
    )
    stream = f"<section class='stream'>{posts}</section>" if rendered_updates else ""
    return (
        f"<html><head><title>Bridge vote live</title>{scripts}</head><body><main><article>"
        f"<h1>Bridge vote live</h1>{summary}{stream}</article></main></body></html>"
    )


def test_updates_the_page_loads_by_script_are_added_after_the_summary():
    result = extract_page(live_blog(rendered_updates=False), "https://news.test/live")

    text = result["text"]
    assert text.index(SUMMARY[0]) < text.index("Update 0 from the chamber")
    for update in UPDATES:
        assert text.count(update["headline"]) == 1
        for line in update["articleBody"].split("\n"):
            assert line in text.splitlines()
    assert "added 6 live-blog updates extraction missed" in result["warnings"]


def test_updates_already_in_the_extracted_text_are_not_added_twice():
    result = extract_page(live_blog(rendered_updates=True), "https://news.test/live")

    text = result["text"]
    assert text.count("Councillor number 3 spoke for twenty minutes") == 1
    assert not any("live-blog" in warning for warning in result["warnings"])


def test_markup_in_a_declared_update_is_stripped_and_keeps_its_paragraphs():
    updates = [
        {
            "headline": "Vote passed",
            "articleBody": "<p>The motion passed by <b>nine</b> votes to four.</p>"
            "<p>Work starts in &quot;early spring&quot;.</p>",
        }
    ]
    tree = load_html(live_blog(rendered_updates=False, updates=updates))

    assert read_metadata(tree).live_updates == [
        'Vote passed\n\nThe motion passed by nine votes to four.\nWork starts in "early spring".'
    ]


def test_an_update_mostly_held_in_other_line_breaks_counts_as_held():
    update = "Headline\n\n" + " ".join(f"word{n}" for n in range(40))
    text = "Intro.\n" + update.replace(" word20 ", "\nword20 ")

    assert missing_updates(text, [update]) == []
    assert missing_updates("Intro only.", [update]) == [update]
