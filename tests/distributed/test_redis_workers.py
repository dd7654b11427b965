"""Acceptance: crawler processes sharing a Redis frontier and one PostgreSQL database."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select

from pipelines.storage.database import create_engine
from pipelines.storage.migrate import upgrade
from pipelines.storage.models import Article
from pipelines.storage.testing import TEST_DATABASE_URL_VARIABLE, throwaway_database
from tests.distributed.synthetic import HOST, add_synthetic_outlet, synthetic_source

redis = pytest.importorskip("redis")

REPO = Path(__file__).resolve().parents[2]
FIXTURE_STORY = REPO / "seeds" / "fixture-putin-china.toml"
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
PAGES = 500
WORKER_TIMEOUT = 120


def _redis_client():
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip(f"no Redis at {REDIS_URL} (set TEST_REDIS_URL)")
    return client


@pytest.fixture
def shared(tmp_path):
    """A PostgreSQL database, a Redis key prefix of its own (removed afterwards), a story file."""
    if not os.environ.get(TEST_DATABASE_URL_VARIABLE):
        pytest.skip(f"distributed crawling needs PostgreSQL: set {TEST_DATABASE_URL_VARIABLE}")
    client = _redis_client()
    prefix = f"storywatch-test-{uuid.uuid4().hex[:12]}"
    story = tmp_path / "story.toml"
    text = FIXTURE_STORY.read_text().replace('    "0', f'    "{REPO / "seeds"}/0')
    story.write_text(text + synthetic_source())
    with throwaway_database("postgresql", tmp_path) as url:
        # Migrate once up front; workers starting together would race to create the tables.
        upgrade(url)
        yield {"url": url, "prefix": prefix, "story": story, "tmp": tmp_path}
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)
    client.close()


def start_worker(server, shared, name):
    env = {
        **os.environ,
        "DATABASE_URL": shared["url"],
        "REDIS_URL": REDIS_URL,
        "STORYWATCH_REDIS_PREFIX": shared["prefix"],
        "STORYWATCH_PROXY": server.proxy_url,
        "STORYWATCH_LOCK_DIR": str(shared["tmp"]),
    }
    settings = {
        "DOWNLOAD_DELAY": 0,
        "AUTOTHROTTLE_ENABLED": False,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 4,
        "MAX_IDLE_TIME_BEFORE_CLOSE": 2,
        "STORYWATCH_REDIS_WORKER_TTL": 1.5,
        "STORYWATCH_EXTRACT_WORKERS": 1,
        "STORYWATCH_STORE_FLUSH_SECONDS": 0.5,
    }
    command = [sys.executable, "-m", "scrapy", "crawl", "story", "-a", f"story={shared['story']}"]
    for key, value in settings.items():
        command += ["-s", f"{key}={value}"]
    # A session of its own, so the whole worker (extraction processes too) can be killed at once.
    with (shared["tmp"] / f"{name}.log").open("w") as log:
        return subprocess.Popen(
            command, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )


def finished(process, shared, name):
    assert process.wait(timeout=WORKER_TIMEOUT) == 0, (shared["tmp"] / f"{name}.log").read_text()
    return stat_values((shared["tmp"] / f"{name}.log").read_text())


def stat_values(log):
    return {k: int(v) for k, v in re.findall(r"'(storywatch/[\w/]+)': (\d+)", log)}


def stored_urls(url):
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return [row.url for row in connection.execute(select(Article.url))]
    finally:
        engine.dispose()


def fetched_articles(server):
    # robots.txt is read by each worker's own RobotsTxtMiddleware, outside the shared frontier.
    return Counter(
        u.split("?", 1)[0] for u in server.request_log.urls("GET") if not u.endswith("/robots.txt")
    )


def expected_articles(web, synthetic):
    return {*web.seed_urls.values(), *web.decoy_urls.values(), *synthetic}


def test_two_workers_share_one_frontier_and_fetch_every_url_once(fixture_server, shared):
    synthetic = add_synthetic_outlet(fixture_server.web, PAGES)

    workers = [start_worker(fixture_server, shared, f"worker{n}") for n in (1, 2)]
    stats = [finished(process, shared, f"worker{n}") for n, process in enumerate(workers, 1)]

    stored = stored_urls(shared["url"])
    assert len(stored) == len(set(stored))
    assert expected_articles(fixture_server.web, synthetic) <= set(stored)
    fetched = fetched_articles(fixture_server)
    assert [url for url, times in fetched.items() if times > 1] == []
    assert set(synthetic) <= set(fetched)
    # Both workers did part of the work.
    assert all(s.get("storywatch/fetched", 0) > 0 for s in stats), stats
    assert sum(s.get("storywatch/fetched", 0) for s in stats) == len(stored)


def test_killed_worker_in_flight_requests_are_finished_by_the_next_run(fixture_server, shared):
    synthetic = add_synthetic_outlet(fixture_server.web, PAGES)
    victim, survivor = (start_worker(fixture_server, shared, n) for n in ("victim", "survivor"))

    deadline = time.monotonic() + WORKER_TIMEOUT
    while sum(1 for u in fixture_server.request_log.urls() if HOST in u) < PAGES // 4:
        assert time.monotonic() < deadline and victim.poll() is None
        time.sleep(0.02)
    os.killpg(victim.pid, signal.SIGKILL)
    victim.wait()
    finished(survivor, shared, "survivor")
    missing = expected_articles(fixture_server.web, synthetic) - set(stored_urls(shared["url"]))

    time.sleep(2)  # the victim's liveness key expires (STORYWATCH_REDIS_WORKER_TTL)
    fixture_server.clear_request_log()
    follow_up = finished(start_worker(fixture_server, shared, "follow_up"), shared, "follow_up")

    stored = stored_urls(shared["url"])
    assert len(stored) == len(set(stored))
    assert expected_articles(fixture_server.web, synthetic) <= set(stored)
    # The follow-up run fetched what the killed worker left unfinished, and nothing twice.
    fetched = fetched_articles(fixture_server)
    assert missing <= set(fetched)
    assert [url for url, times in fetched.items() if times > 1] == []
    if missing:
        assert follow_up.get("storywatch/frontier/recovered", 0) >= len(missing)
