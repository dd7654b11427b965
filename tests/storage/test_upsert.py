from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from crawler.items import ArticleItem
from pipelines.storage.models import Article
from pipelines.storage.rows import article_row
from pipelines.storage.upsert import upsert_articles


def stored(engine: Engine) -> list[Article]:
    with Session(engine) as session:
        return list(session.scalars(select(Article).order_by(Article.id)))


def test_a_batch_holding_one_url_twice_is_stored_once_with_the_last_version(
    engine: Engine, make_item: Callable[..., ArticleItem]
) -> None:
    first = article_row(make_item(text="First draft."))
    last = article_row(make_item(text="Final text."))

    assert upsert_articles(engine, [first, last]) == 1

    (article,) = stored(engine)
    assert article.text == "Final text."


def test_an_update_keeps_first_seen_at_and_replaces_the_text(
    engine: Engine, make_item: Callable[..., ArticleItem]
) -> None:
    seen = datetime(2024, 5, 16, 8, 0, tzinfo=UTC)
    upsert_articles(engine, [article_row(make_item(fetched_at=seen, text="Early text."))])

    later = seen + timedelta(hours=3)
    upsert_articles(engine, [article_row(make_item(fetched_at=later, text="Updated text."))])

    (article,) = stored(engine)
    assert article.text == "Updated text."
    assert article.first_seen_at == seen
    assert article.fetched_at == later


def test_duplicates_in_a_batch_keep_the_earliest_first_seen_at(
    engine: Engine, make_item: Callable[..., ArticleItem]
) -> None:
    early = datetime(2024, 5, 16, 8, 0, tzinfo=UTC)
    rows = [
        article_row(make_item(fetched_at=early)),
        article_row(make_item(fetched_at=early + timedelta(minutes=5))),
    ]
    upsert_articles(engine, rows)

    (article,) = stored(engine)
    assert article.first_seen_at == early


def test_times_come_back_timezone_aware_in_utc(
    engine: Engine, make_item: Callable[..., ArticleItem]
) -> None:
    paris = timezone(timedelta(hours=2))
    item = make_item(
        published_at=datetime(2024, 5, 16, 9, 0, tzinfo=paris),
        fetched_at=datetime(2024, 5, 16, 10, 0),  # naive: taken as UTC
    )
    upsert_articles(engine, [article_row(item)])

    (article,) = stored(engine)
    assert article.published_at is not None
    assert article.published_at.tzinfo == UTC
    assert article.published_at == datetime(2024, 5, 16, 7, 0, tzinfo=UTC)
    assert article.fetched_at == datetime(2024, 5, 16, 10, 0, tzinfo=UTC)
    assert article.first_seen_at.utcoffset() == timedelta(0)


def test_canonical_url_falls_back_to_the_final_url(
    engine: Engine, make_item: Callable[..., ArticleItem]
) -> None:
    upsert_articles(engine, [article_row(make_item(canonical_url=None))])

    (article,) = stored(engine)
    assert article.canonical_url == "https://news.example/a"
    assert article.story == "flood-2024"
    assert article.authors == ["A. Writer", "B. Reporter"]


def test_nul_characters_and_overlong_values_do_not_fail_the_batch(
    engine: Engine, make_item: Callable[..., ArticleItem]
) -> None:
    item = make_item(text="Before\x00after.", section="S" * 500)
    upsert_articles(engine, [article_row(item)])

    (article,) = stored(engine)
    assert article.text == "Beforeafter."
    assert article.section == "S" * 200
