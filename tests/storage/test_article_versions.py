from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from crawler.items import ArticleItem
from pipelines.storage.changes import summarize_change
from pipelines.storage.models import Article, ArticleVersion
from pipelines.storage.rows import article_row
from pipelines.storage.store import Batch, write_batch

T = datetime(2024, 5, 16, 9, 0, tzinfo=UTC)
A = "The summit opened in Beijing.\nLeaders met for two hours."
B = "The summit opened in Beijing.\nLeaders met for three hours."


def store(engine: Engine, make_item: Callable[..., ArticleItem], text: str, hours: int) -> str:
    item = make_item(text=text, text_hash=str(hash(text)), fetched_at=T + timedelta(hours=hours))
    (outcome,) = write_batch(engine, Batch(articles=[article_row(item)])).outcomes
    return outcome[1]


def test_a_changed_text_keeps_the_old_version_and_a_returning_version_is_no_new_one(
    engine: Engine, make_item: Callable[..., ArticleItem]
) -> None:
    outcomes = [store(engine, make_item, text, n) for n, text in enumerate([A, B, A, B, B])]

    assert outcomes == ["new", "updated", "flip_flop", "flip_flop", "unchanged"]
    with Session(engine) as session:
        versions = list(session.scalars(select(ArticleVersion).order_by(ArticleVersion.id)))
        article = session.scalars(select(Article)).one()
    # One row per distinct earlier version, however often the page flips between them.
    assert [v.text for v in versions] == [A, B]
    assert article.text == B
    assert article.updated_at == T + timedelta(hours=1)  # the flip-flops were no news
    assert versions[0].fetched_at == T and versions[0].replaced_at == T + timedelta(hours=1)
    assert (versions[0].chars_added, versions[0].chars_removed) == (5, 3)


def test_whitespace_punctuation_and_date_lines_are_trivial_changes() -> None:
    old = "Updated: May 16, 2024 10:12 GMT\nThe summit opened in Beijing."
    new = "Last updated May 17, 2024 08:00\nThe summit  opened in Beijing!"
    summary = summarize_change(old, "Summit opens", new, "Summit opens.")
    assert summary.trivial and summary.title_changed
    assert summary.correction is None
    assert not summarize_change(old, "T", old + "\nA new paragraph.", "T").trivial


def test_correction_notices_are_flagged_only_when_new() -> None:
    for notice in (
        "Correction: The summit was held in Beijing, not Shanghai.",
        "This article has been updated with a statement from the Kremlin.",
        "An earlier version of this article misstated the date.",
    ):
        assert summarize_change(A, "T", f"{A}\n{notice}", "T").correction == notice
    assert (
        summarize_change(f"{A}\nCorrection: x.", "T", f"{B}\nCorrection: x.", "T").correction
        is None
    )
