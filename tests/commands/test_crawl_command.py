from tests.commands.cli import scrapy


def test_broken_story_file_exits_2_and_names_the_field(tmp_path):
    story = tmp_path / "broken.toml"
    story.write_text('name = "x"\ntitle = "X"\n[window]\nstart = 2024-05-16\n', encoding="utf-8")

    result = scrapy(
        "crawl", "story", "-a", f"story={story}", env={"DATABASE_URL": f"sqlite:///{tmp_path}/db"}
    )

    assert result.returncode == 2
    assert "field 'window.end'" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "db").exists()  # nothing was started


def test_missing_story_argument_exits_2():
    result = scrapy("crawl", "story")
    assert result.returncode == 2
    assert "-a story=" in result.stderr
