from datetime import UTC, datetime
from pathlib import Path

import pytest

from crawler.story import StoryError, load_story

GOOD = """
name = "putin-china"
title = "Putin's state visit to China"
[window]
start = 2024-05-16
end = 2024-05-17
[[sources]]
outlet = "Outlet"
feeds = ["http://outlet.test/feed.xml"]
"""

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def write(tmp_path, text):
    path = tmp_path / "story.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_window_end_date_includes_that_whole_day(tmp_path):
    story = load_story(write(tmp_path, GOOD))
    assert story.start == datetime(2024, 5, 16, tzinfo=UTC)
    assert story.end == datetime(2024, 5, 18, tzinfo=UTC)
    assert story.sources[0].hosts == {"outlet.test"}


@pytest.mark.parametrize(
    ("edit", "field"),
    [
        (lambda t: t.replace('name = "putin-china"\n', ""), "name"),
        (lambda t: t.replace("start = 2024-05-16", 'start = "yesterday"'), "window.start"),
        (lambda t: t.replace("end = 2024-05-17", "end = 2024-05-01"), "window.end"),
        (
            lambda t: t.replace('feeds = ["http://outlet.test/feed.xml"]', 'feeds = ["ftp://x"]'),
            "sources[0].feeds[0]",
        ),
        (
            lambda t: t.replace('outlet = "Outlet"', 'outlet = "Outlet"\nfeed = "typo"'),
            "sources[0].feed",
        ),
        (lambda t: t.replace('outlet = "Outlet"\n', ""), "sources[0].outlet"),
        (lambda t: t.split("[[sources]]")[0], "sources"),
        (
            lambda t: t.replace('outlet = "Outlet"', 'outlet = "Outlet"\nboilerplate = ["([x"]'),
            "sources[0].boilerplate[0]",
        ),
    ],
)
def test_broken_story_file_names_the_field(tmp_path, edit, field):
    with pytest.raises(StoryError) as raised:
        load_story(write(tmp_path, edit(GOOD)))
    assert f"field '{field}'" in str(raised.value)


def test_story_file_that_is_not_toml_says_so(tmp_path):
    with pytest.raises(StoryError, match="not valid TOML"):
        load_story(write(tmp_path, "name = [unclosed"))


def test_missing_story_file_says_so(tmp_path):
    with pytest.raises(StoryError, match="not found"):
        load_story(tmp_path / "nope.toml")


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.toml")), ids=lambda p: p.name)
def test_shipped_story_files_load(path):
    assert load_story(path).sources
