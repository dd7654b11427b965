from __future__ import annotations

import argparse
import csv
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from scrapy.exceptions import UsageError
from scrapy.settings import Settings

from crawler.commands.export import Command
from pipelines.storage.database import create_engine
from pipelines.storage.export import COLUMN_NAMES, EXPORT_COLUMNS
from pipelines.storage.migrate import upgrade
from pipelines.storage.models import Article
from pipelines.storage.testing import database_backends, throwaway_database
from pipelines.storage.upsert import upsert_articles

EXPECTED_COLUMNS = [
    "canonical_url", "url", "final_url", "outlet", "host", "story", "title", "authors",
    "published_at", "published_source", "published_precision", "language", "description",
    "section", "tags", "text", "text_hash", "word_count", "credits", "dateline", "http_status",
    "discovered_via", "first_seen_at", "fetched_at", "updated_at", "deleted_at", "relevance",
    "relevance_reason", "cluster_id", "role", "original_url",
]  # fmt: skip


def article_row(n: int, story: str) -> dict[str, Any]:
    seen = datetime(2024, 5, 16, 9, n, tzinfo=UTC)
    return {
        "canonical_url": f"https://news.example/{story}/{n}",
        "url": f"https://news.example/{story}/{n}?ref=feed",
        "final_url": f"https://news.example/{story}/{n}",
        "outlet": "Example News",
        "host": "news.example",
        "story": story,
        "title": f"Headline {n}",
        "authors": ["A. Writer", "B. Reporter"],
        "published_at": datetime(2024, 5, 16, 7, 0, tzinfo=UTC) if n == 0 else None,
        "published_source": "jsonld" if n == 0 else None,
        "published_precision": "time" if n == 0 else None,
        "language": "en",
        "description": None,
        "section": "World",
        "tags": ["floods"],
        "text": f"Text, with a comma and “quotes” {n}.",
        "text_hash": f"{n:064d}",
        "word_count": 7,
        "credits": [],
        "dateline": None,
        "http_status": 200,
        "discovered_via": "sitemap",
        "first_seen_at": seen,
        "fetched_at": seen,
    }


@pytest.fixture(params=database_backends())
def stored_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A migrated database holding two articles of one story and one of another."""
    with throwaway_database(request.param, tmp_path) as url:
        upgrade(url)
        engine = create_engine(url)
        rows = [article_row(0, "flood-2024"), article_row(1, "flood-2024"), article_row(2, "vote")]
        upsert_articles(engine, rows)
        engine.dispose()
        yield url


def run_export(database_url: str, *argv: str) -> int:
    command = Command()
    command.settings = Settings({"STORYWATCH_DATABASE_URL": database_url})
    parser = argparse.ArgumentParser()
    command.add_options(parser)
    opts, args = parser.parse_known_args(list(argv))
    command.process_options(args, opts)
    command.run(args, opts)
    return command.exitcode


def test_the_documented_columns_are_the_fixed_list_and_all_exist_in_the_store() -> None:
    assert list(COLUMN_NAMES) == EXPECTED_COLUMNS
    assert set(COLUMN_NAMES) - {"original_url"} <= set(Article.__table__.columns.keys())
    assert all(column.description for column in EXPORT_COLUMNS)


def test_jsonl_export_writes_the_columns_in_order_with_arrays_and_utc_times(
    stored_database: str, tmp_path: Path
) -> None:
    output = tmp_path / "articles.jsonl"

    assert run_export(stored_database, "-o", str(output)) == 0

    records = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 3
    first = records[0]
    assert list(first) == EXPECTED_COLUMNS
    assert first["authors"] == ["A. Writer", "B. Reporter"]
    assert first["credits"] == []
    assert first["published_at"] == "2024-05-16T07:00:00Z"
    assert first["first_seen_at"] == "2024-05-16T09:00:00Z"
    assert first["description"] is None
    assert first["word_count"] == 7
    assert records[1]["published_at"] is None


def test_csv_export_writes_a_header_in_order_and_joins_lists(
    stored_database: str, tmp_path: Path
) -> None:
    output = tmp_path / "articles.csv"

    assert run_export(stored_database, "-o", str(output)) == 0

    with output.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == EXPECTED_COLUMNS
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["authors"] == "A. Writer; B. Reporter"
    assert first["text"] == "Text, with a comma and “quotes” 0."
    assert first["fetched_at"] == "2024-05-16T09:00:00Z"
    assert first["description"] == ""
    assert len(rows) == 4


@pytest.mark.parametrize("suffix", [".jsonl", ".csv"])
def test_export_limited_to_one_story(stored_database: str, tmp_path: Path, suffix: str) -> None:
    output = tmp_path / f"vote{suffix}"

    assert run_export(stored_database, "-o", str(output), "--story", "vote") == 0

    lines = output.read_text(encoding="utf-8").splitlines()
    data = lines[1:] if suffix == ".csv" else lines
    assert len(data) == 1
    assert "https://news.example/vote/2" in data[0]


def test_an_unknown_extension_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    output = tmp_path / "articles.xlsx"
    with pytest.raises(UsageError, match=r"\.csv, \.jsonl"):
        run_export("sqlite:///unused.db", "-o", str(output))
    assert not output.exists()


def test_columns_option_prints_each_column_with_its_description(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run_export("sqlite:///unused.db", "--columns") == 0

    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == EXPECTED_COLUMNS


@pytest.mark.parametrize(
    "database_url",
    ["postgresql://postgres@127.0.0.1:1/test", "sqlite:////nonexistent-dir/storywatch.db"],
)
def test_an_unreachable_database_gives_one_line_and_writes_no_file(
    database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "articles.jsonl"

    assert run_export(database_url, "-o", str(output)) == 1

    err = capsys.readouterr().err
    assert err.startswith("scrapy export: ")
    assert err.count("\n") == 1
    assert not output.exists()
    assert list(tmp_path.iterdir()) == []
