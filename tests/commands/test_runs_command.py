from __future__ import annotations

import json

from crawler.exitcodes import EXIT_FAILED, EXIT_LOCKED
from crawler.runlock import StoryLock
from tests.commands.cli import scrapy

DEAD_STORY = """
name = "dead-outlets"
title = "Outlets that are not there"
[window]
start = 2024-05-16
end = 2024-05-17
[[sources]]
outlet = "Gone Daily"
feeds = ["http://gone.test/feed/"]
sections = ["http://gone.test/news/"]
"""


def test_a_second_run_of_a_locked_story_exits_at_once_with_its_own_status(tmp_path):
    story = tmp_path / "dead.toml"
    story.write_text(DEAD_STORY, encoding="utf-8")
    database_url = f"sqlite:///{tmp_path}/runs.db"
    env = {"DATABASE_URL": database_url, "STORYWATCH_LOCK_DIR": str(tmp_path / "locks")}

    with StoryLock("dead-outlets", database_url, tmp_path / "locks"):
        result = scrapy("crawl", "story", "-a", f"story={story}", env=env)

    assert result.returncode == EXIT_LOCKED
    assert "another run of story 'dead-outlets' is still going (pid " in result.stderr
    assert "Traceback" not in result.stderr
    listed = scrapy("runs", "--json", env=env)
    (run,) = [json.loads(line) for line in listed.stdout.splitlines()]
    assert (run["story"], run["exit_code"], run["finish_reason"]) == (
        "dead-outlets",
        EXIT_LOCKED,
        "locked",
    )
    assert run["articles_fetched"] == 0


def test_every_source_failing_exits_1_and_scrapy_runs_lists_the_run(tmp_path, fixture_server):
    story = tmp_path / "dead.toml"
    story.write_text(DEAD_STORY, encoding="utf-8")
    env = {
        "DATABASE_URL": f"sqlite:///{tmp_path}/runs.db",
        "STORYWATCH_LOCK_DIR": str(tmp_path / "locks"),
        "STORYWATCH_PROXY": fixture_server.proxy_url,
    }

    result = scrapy("crawl", "story", "-a", f"story={story}", "-s", "DOWNLOAD_DELAY=0", env=env)

    assert result.returncode == EXIT_FAILED
    last_line = result.stderr.strip().splitlines()[-1]
    assert "Run summary for dead-outlets: 0 new, 0 updated, 0 deleted" in last_line
    assert "exit status 1 [Gone Daily: " in last_line
    assert "2 listings failed" in last_line

    listed = scrapy("runs", "--json", env=env)
    assert listed.returncode == 0, listed.stderr
    (run,) = [json.loads(line) for line in listed.stdout.splitlines()]
    assert run["story"] == "dead-outlets"
    assert run["exit_code"] == EXIT_FAILED
    assert run["started_at"] <= run["finished_at"]
    assert (run["new"], run["updated"], run["deleted"], run["articles_fetched"]) == (0, 0, 0, 0)
    assert run["outlets"]["Gone Daily"]["listings_failed"] == 2

    table = scrapy("runs", env=env)
    assert "dead-outlets" in table.stdout and "Exit" in table.stdout.splitlines()[0]
