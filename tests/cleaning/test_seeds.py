"""Acceptance: each seed document cleans to its hand-written expected text."""

from __future__ import annotations

import pytest

from pipelines.cleaning.cleaner import clean_text
from pipelines.cleaning.normalize import text_hash
from tests.cleaning.seed_texts import (
    EXPECTED_CREDITS,
    EXPECTED_DATELINES,
    SEED_CONTEXTS,
    SEED_IDS,
    expected_lines,
    seed_text,
)


@pytest.mark.parametrize("seed_id", SEED_IDS)
def test_seed_cleans_to_expected_text(seed_id: str) -> None:
    result = clean_text(seed_text(seed_id), SEED_CONTEXTS[seed_id])

    assert result.text.split("\n") == expected_lines(seed_id)
    assert result.credits == EXPECTED_CREDITS[seed_id]
    assert result.dateline == EXPECTED_DATELINES[seed_id]


@pytest.mark.parametrize("seed_id", SEED_IDS)
def test_seed_counts_and_hash_describe_the_clean_text(seed_id: str) -> None:
    result = clean_text(seed_text(seed_id), SEED_CONTEXTS[seed_id])

    assert result.word_count == len(" ".join(expected_lines(seed_id)).split())
    assert result.text_hash == text_hash("\n".join(expected_lines(seed_id)))


def test_seed_without_blank_lines_cleans_the_same() -> None:
    raw = "\n".join(line for line in seed_text("001").splitlines() if line.strip())

    assert clean_text(raw, SEED_CONTEXTS["001"]).text.split("\n") == expected_lines("001")


def test_every_removed_line_of_001_names_its_rule() -> None:
    result = clean_text(seed_text("001"), SEED_CONTEXTS["001"])

    assert [rule for rule, _line in result.removed] == [
        "headline",
        "standfirst",
        "caption_with_credit",
        "date_line",
        "related_links",
        "screen_reader_list",
        "credit_reporting",
        "credit_source",
    ]
