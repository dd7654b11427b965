"""Crawl throughput: a synthetic outlet web crawled end to end, against trafilatura alone.

    python -m bench.crawl --pages 1000

Serves N article pages (100-200 KB each, three templates with boilerplate, a news sitemap per
outlet) from a separate process on loopback, crawls them with ``scrapy crawl story`` into a fresh
SQLite database (discover, fetch, extract, clean, judge, store, cluster), and measures plain
trafilatura's single-process rate on the same pages. The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import psutil
import trafilatura

from bench.synthweb import OUTLETS, article_html, body_paragraphs, serve

REPO = Path(__file__).resolve().parents[1]


def story_file(directory: Path) -> Path:
    """A story whose sources are the synthetic outlets' news sitemaps."""
    exemplar = directory / "exemplar.txt"
    exemplar.write_text("\n".join(body_paragraphs(0)), encoding="utf-8")
    sources = "".join(
        f'\n[[sources]]\noutlet = "Outlet {i:02d}"\n'
        f'sitemaps = ["http://outlet{i:02d}.bench/news-sitemap.xml"]\n'
        for i in range(OUTLETS)
    )
    path = directory / "bench.toml"
    path.write_text(
        'name = "bench"\ntitle = "Synthetic summit coverage"\n'
        'query = "summit OR minister"\nexemplars = ["exemplar.txt"]\n'
        f"[window]\nstart = 2024-05-15\nend = 2024-05-17\n{sources}",
        encoding="utf-8",
    )
    return path


def single_process_seconds(pages: list[str]) -> float:
    """CPU seconds plain trafilatura.extract takes on these pages, one after another, here."""
    started = time.process_time()
    for html in pages:
        trafilatura.extract(html)
    return time.process_time() - started


@dataclass
class Usage:
    """What the crawl's process tree used: peak memory and CPU seconds, sampled."""

    peak_rss_mb: float = 0.0
    cpu_by_pid: dict[int, float] = field(default_factory=dict)  # last reading per process

    def sample(self, root: psutil.Process) -> None:
        """Read the memory and CPU time of the process and all its descendants."""
        try:
            members = [root, *root.children(recursive=True)]
        except psutil.Error:
            return
        rss = 0
        for member in members:
            try:
                with member.oneshot():
                    rss += member.memory_info().rss
                    times = member.cpu_times()
            except psutil.Error:
                continue
            # A recycled worker's last 0.2 s are lost: a small share of a crawl's CPU.
            self.cpu_by_pid[member.pid] = times.user + times.system
        self.peak_rss_mb = max(self.peak_rss_mb, rss / 2**20)

    @property
    def cpu_seconds(self) -> float:
        """CPU seconds of every process the tree ever held."""
        return sum(self.cpu_by_pid.values())


def crawl(
    story: Path, database: Path, proxy: str, extra: list[str]
) -> tuple[float, Usage, dict[str, Any]]:
    """Run the crawl in a child process; return seconds, what its tree used, and stats."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "STORYWATCH_PROXY": proxy,
        "STORYWATCH_LOG_LEVEL": "WARNING",
    }
    command = [
        sys.executable, "-m", "scrapy", "crawl", "story", "-a", f"story={story}",
        "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "DOWNLOAD_DELAY=0",
        "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=4", "-s", "CONCURRENT_REQUESTS=32",
        "-s", f"STORYWATCH_LOCK_DIR={database.parent}",
        *extra,
    ]  # fmt: skip
    started = time.perf_counter()
    child = psutil.Popen(command, cwd=REPO, env=env, stdout=subprocess.DEVNULL)
    # The crawler and its extraction workers together, sampled every 0.2 s.
    usage = Usage()
    while child.poll() is None:
        usage.sample(child)
        time.sleep(0.2)
    seconds = time.perf_counter() - started
    if child.returncode != 0:
        raise SystemExit(f"the crawl exited with {child.returncode}")
    return seconds, usage, _run_counts(database)


def _run_counts(database: Path) -> dict[str, Any]:
    import sqlite3

    with sqlite3.connect(database) as connection:
        fetched, stored, started, finished = connection.execute(
            "SELECT fetched, stored, started_at, finished_at FROM crawl_runs ORDER BY id DESC"
        ).fetchone()
        (articles,) = connection.execute("SELECT count(*) FROM articles").fetchone()
    crawl_seconds = (
        datetime.fromisoformat(finished) - datetime.fromisoformat(started)
    ).total_seconds()
    return {
        "fetched": fetched,
        "stored": stored,
        "articles": articles,
        "crawl_seconds": crawl_seconds,
    }


def main() -> None:
    """Serve, crawl, measure; print the figures as the last line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--sample", type=int, default=200, help="pages for the single-process rate")
    parser.add_argument(
        "-s",
        dest="settings",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a setting for the crawl, as with scrapy crawl -s",
    )
    args = parser.parse_args()

    sample = [article_html(n) for n in range(min(args.sample, args.pages))]
    # The machine's speed drifts on a shared host: half the single-process sample runs before
    # the crawl and half after, so the rate compared is that of the crawl's own period.
    single_process_seconds(sample[:5])  # warm-up: first-call caches are no page's cost
    single_seconds = single_process_seconds(sample[: len(sample) // 2])
    context = multiprocessing.get_context("spawn")
    ports = context.Queue()
    server = context.Process(target=serve, args=(ports, args.pages), daemon=True)
    server.start()
    proxy = f"http://127.0.0.1:{ports.get(timeout=30)}"
    try:
        with tempfile.TemporaryDirectory() as tmp:
            directory = Path(tmp)
            extra = [part for setting in args.settings for part in ("-s", setting)]
            seconds, usage, counts = crawl(
                story_file(directory), directory / "bench.db", proxy, extra
            )
    finally:
        server.terminate()
    single_seconds += single_process_seconds(sample[len(sample) // 2 :])
    rate = len(sample) / single_seconds
    cores = os.cpu_count() or 1
    # From the spider's opening to its closing (crawl_runs): the process start-up (imports,
    # migrations, worker start) is a constant that a longer crawl would hide.
    pages_per_s = counts["stored"] / counts["crawl_seconds"]
    # CPU per page, start-up included, does not depend on how busy the machine was: with
    # the cores' use it tells a slow crawl from a crawl that ran on a slow moment.
    cpu_ms = 1000 * usage.cpu_seconds / max(counts["stored"], 1)
    print(
        f"crawled {counts['fetched']} pages, stored {counts['stored']} in "
        f"{counts['crawl_seconds']:.1f} s ({seconds:.1f} s with start-up); "
        f"trafilatura alone: {rate:.1f} pages/s on one core ({1000 / rate:.1f} ms a page); "
        f"the crawl's processes: {cpu_ms:.1f} ms of CPU a page, "
        f"cores {usage.cpu_seconds / (seconds * cores):.0%} busy",
        file=sys.stderr,
    )
    print(
        json.dumps(
            {
                "pages": counts["stored"],
                "seconds": round(counts["crawl_seconds"], 1),
                "wall_seconds": round(seconds, 1),
                "pages_per_s": round(pages_per_s, 2),
                "extract_rate_single": round(rate, 2),
                "cores": cores,
                "ratio": round(pages_per_s / (cores * rate), 3),
                "peak_rss_mb": round(usage.peak_rss_mb, 1),
                "crawl_cpu_ms_per_page": round(cpu_ms, 1),
                "extract_cpu_ms_single": round(1000 / rate, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
