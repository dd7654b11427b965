"""Each general pruning rule removes its furniture on a small snippet and keeps the article."""

import lxml.html
import pytest

from pipelines.extraction.prune import prune_furniture

ARTICLE = "".join(
    f"<p>Paragraph {n} of the article tells readers what happened in the town today.</p>"
    for n in range(6)
)


def pruned(furniture: str) -> str:
    tree = lxml.html.fromstring(
        f"<html><body><article>{ARTICLE}{furniture}</article></body></html>"
    )
    prune_furniture(tree)
    return tree.text_content()


@pytest.mark.parametrize(
    "furniture",
    [
        "<aside><p>FURNITURE more stories</p></aside>",
        "<nav><a href='/'>FURNITURE home</a></nav>",
        "<figure><img src='a.jpg'><figcaption>FURNITURE caption</figcaption></figure>",
        "<div role='complementary'><p>FURNITURE sidebar</p></div>",
        "<div hidden><p>FURNITURE hidden dialog</p></div>",
        "<div style='display: none'><p>FURNITURE hidden</p></div>",
        "<div class='newsletter-signup'><p>FURNITURE Get our newsletter.</p></div>",
        "<section class='related-stories'><p>FURNITURE Another story.</p></section>",
        "<div id='show-comments'><p>FURNITURE Join the conversation.</p></div>",
        "<div class='share-bar'><span>FURNITURE Share</span></div>",
        "<div class='author-bio'><p>FURNITURE Jane Doe is a reporter.</p></div>",
        "<div class='cookie-consent'><p>FURNITURE We use cookies.</p></div>",
        "<blockquote class='twitter-tweet'><p>FURNITURE a post</p></blockquote>",
        "<p><strong><a href='/other'>FURNITURE MAN BITES DOG IN TOWN</a></strong></p>",
    ],
    ids=[
        "aside", "nav", "figure", "aria_complementary", "hidden", "display_none", "newsletter",
        "related", "comments", "share_bar", "author_bio", "cookie_consent", "social_embed",
        "link_only_paragraph",
    ],
)  # fmt: skip
def test_furniture_is_removed_and_the_article_kept(furniture):
    text = pruned(furniture)

    assert "FURNITURE" not in text
    assert text.count("tells readers what happened") == 6


def test_class_words_match_whole_tokens_only():
    text = pruned("<div class='socialist-history'><p>KEPT a paragraph.</p></div>")

    assert "KEPT" in text


def test_a_wrapper_holding_most_of_the_text_is_never_removed():
    tree = lxml.html.fromstring(
        f"<html><body><div class='related-content'>{ARTICLE}</div><p>Short note.</p></body></html>"
    )

    prune_furniture(tree)

    assert tree.text_content().count("tells readers what happened") == 6


def test_a_paragraph_with_a_link_inside_a_sentence_is_kept():
    text = pruned("<p>The report, <a href='/r'>published on Monday</a>, says more.</p>")

    assert "published on Monday" in text
