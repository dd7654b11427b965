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


def single_process_rate(sample: int) -> float:
    """Pages per second of plain trafilatura.extract, one page after another, in this process."""
    pages = [article_html(n) for n in range(sample)]
    started = time.process_time()
    for html in pages:
        trafilatura.extract(html)
    return float(sample / (time.process_time() - started))


def crawl(
    story: Path, database: Path, proxy: str, extra: list[str]
) -> tuple[float, float, dict[str, Any]]:
    """Run the crawl in a child process; return seconds, peak RSS (MB) of its tree, and stats."""
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
    # RSS of the crawler and its extraction workers together, sampled every 0.2 s.
    peak = 0.0
    while child.poll() is None:
        peak = max(peak, _tree_rss_mb(child))
        time.sleep(0.2)
    seconds = time.perf_counter() - started
    if child.returncode != 0:
        raise SystemExit(f"the crawl exited with {child.returncode}")
    return seconds, peak, _run_counts(database)


def _tree_rss_mb(process: psutil.Process) -> float:
    try:
        members = [process, *process.children(recursive=True)]
        return float(sum(p.memory_info().rss for p in members)) / 2**20
    except psutil.Error:
        return 0.0


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

    context = multiprocessing.get_context("spawn")
    ports = context.Queue()
    server = context.Process(target=serve, args=(ports, args.pages), daemon=True)
    server.start()
    proxy = f"http://127.0.0.1:{ports.get(timeout=30)}"
    try:
        with tempfile.TemporaryDirectory() as tmp:
            directory = Path(tmp)
            extra = [part for setting in args.settings for part in ("-s", setting)]
            seconds, peak, counts = crawl(
                story_file(directory), directory / "bench.db", proxy, extra
            )
    finally:
        server.terminate()
    rate = single_process_rate(min(args.sample, args.pages))
    cores = os.cpu_count() or 1
    # From the spider's opening to its closing (crawl_runs): the process start-up (imports,
    # migrations, worker start) is a constant that a longer crawl would hide.
    pages_per_s = counts["stored"] / counts["crawl_seconds"]
    print(
        f"crawled {counts['fetched']} pages, stored {counts['stored']} in "
        f"{counts['crawl_seconds']:.1f} s ({seconds:.1f} s with start-up); "
        f"trafilatura alone: {rate:.1f} pages/s on one core",
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
                "peak_rss_mb": round(peak, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
