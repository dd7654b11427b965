"""Choosing the article text: the JSON-LD body only when extraction missed most of it."""

from pipelines.extraction.choose import not_an_article, prefer_declared_body

BODY = " ".join(
    f"Sentence {n} of the declared article body says something new about the story."
    for n in range(20)
)


def test_declared_body_replaces_an_extraction_that_missed_most_of_it():
    assert prefer_declared_body(BODY[:300], BODY)


def test_extraction_holding_the_declared_body_is_kept():
    assert not prefer_declared_body(BODY.replace(". ", ".\n") + "\nA closing line.", BODY)


def test_short_declared_body_is_a_teaser_and_never_replaces_text():
    assert not prefer_declared_body("", "A short teaser.")


def test_text_of_headlines_only_is_no_article():
    headlines = "\n".join(f"Headline number {n} about the day" for n in range(20))

    assert not_an_article(headlines) == "only headlines and links, no sentences"
    assert not_an_article(BODY) is None
