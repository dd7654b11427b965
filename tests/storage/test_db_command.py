from __future__ import annotations

import argparse

import pytest
from scrapy.exceptions import UsageError
from scrapy.settings import Settings

from crawler.commands.db import Command
from pipelines.storage.migrate import current_revision, head_revision


def run_db(database_url: str, *argv: str) -> int:
    command = Command()
    command.settings = Settings({"STORYWATCH_DATABASE_URL": database_url})
    parser = argparse.ArgumentParser()
    command.add_options(parser)
    opts, args = parser.parse_known_args(list(argv))
    command.process_options(args, opts)
    command.run(args, opts)
    return command.exitcode


def test_db_upgrade_migrates_to_head_and_says_so(
    database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_db(database_url, "upgrade") == 0

    assert current_revision(database_url) == head_revision()
    assert "upgraded from revision none to 0002 (head)" in capsys.readouterr().out


def test_db_current_reports_the_revision(
    database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    run_db(database_url, "upgrade")
    capsys.readouterr()

    assert run_db(database_url, "current") == 0

    assert "at revision 0002 (head)" in capsys.readouterr().out


@pytest.mark.parametrize(
    "database_url",
    ["postgresql://postgres:secret@127.0.0.1:1/test", "sqlite:////nonexistent-dir/x.db"],
)
@pytest.mark.parametrize("action", ["upgrade", "current"])
def test_an_unreachable_database_gives_one_line_and_a_failing_exit_code(
    database_url: str, action: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_db(database_url, action) == 1

    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"scrapy db {action}: ")
    assert captured.err.count("\n") == 1
    assert "secret" not in captured.err
    assert "Traceback" not in captured.err


def test_an_unknown_action_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="upgrade or current"):
        run_db("sqlite:///unused.db", "downgrade")
