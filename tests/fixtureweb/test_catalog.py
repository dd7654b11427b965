"""Building the fixture web from seeds/ and the data files: text provenance and data checks."""

from __future__ import annotations

import shutil
from datetime import date

import pytest

from crawler.fixtureweb.model import FixtureDataError
from crawler.fixtureweb.seeds import seeds_dir
from crawler.fixtureweb.site import build_fixture_web


@pytest.fixture
def seed_copy(tmp_path):
    """A private copy of seeds/ that a test may edit."""
    for path in seeds_dir().glob("*.txt"):
        shutil.copy(path, tmp_path / path.name)
    return tmp_path


def edit_seed(directory, seed_id, old, new):
    (path,) = directory.glob(f"{seed_id}_*.txt")
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_page_text_is_read_from_the_seed_files_when_the_web_is_built(seed_copy):
    edit_seed(seed_copy, "000", "a city with strong ties", "a city with very strong ties")
    web = build_fixture_web(seed_copy)
    assert b"a city with very strong ties" in web.get(web.seed_urls["000"]).body


def test_seeds_dir_comes_from_the_environment_when_set(monkeypatch, tmp_path):
    monkeypatch.setenv("STORYWATCH_SEEDS_DIR", str(tmp_path))
    assert seeds_dir() == tmp_path
    monkeypatch.delenv("STORYWATCH_SEEDS_DIR")
    assert (seeds_dir() / "001_794737118d65ad2f.txt").is_file()


def test_seed_whose_boilerplate_line_moved_fails_loudly(seed_copy):
    edit_seed(seed_copy, "001", "Keep reading\n", "\n")
    with pytest.raises(FixtureDataError, match="seed 001"):
        build_fixture_web(seed_copy)


def test_changed_tag_line_no_longer_matching_the_data_file_fails_loudly(seed_copy):
    edit_seed(seed_copy, "002", "Gaza warKharkiv", "Gaza war Kharkiv")
    with pytest.raises(FixtureDataError, match="tags"):
        build_fixture_web(seed_copy)


def test_missing_seed_file_is_named_in_the_error(seed_copy):
    next(seed_copy.glob("002_*.txt")).unlink()
    with pytest.raises(FixtureDataError, match="002_"):
        build_fixture_web(seed_copy)


def test_decoys_are_150_to_300_words_and_dated_near_the_visit():
    web = build_fixture_web()
    decoys = [a for a in web.articles if a.kind in ("decoy", "members")]
    assert len(decoys) >= 6
    assert len({a.outlet.host for a in decoys}) == 4
    for article in decoys:
        words = sum(len(b.text.split()) for b in article.blocks if b.kind != "title")
        assert 150 <= words <= 300, article.key
        if article.near_topic:
            assert article.published.date() == date(2024, 5, 7)
        else:
            assert date(2024, 5, 15) <= article.published.date() <= date(2024, 5, 18)
    (near,) = [a for a in decoys if a.near_topic]
    assert near.headline == "Putin Takes Oath For Record Fifth Presidential Term"
    assert near.outlet.host == "africatoday.test"
    assert len([a for a in decoys if not a.near_topic and a.kind == "decoy"]) >= 5
