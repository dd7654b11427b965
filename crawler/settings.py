"""Scrapy settings; our own are prefixed STORYWATCH_ and read from the environment here."""

from __future__ import annotations

import os

BOT_NAME = "storywatch"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"
COMMANDS_MODULE = "crawler.commands"

# --- Politeness -------------------------------------------------------------------------------
# A descriptive User-Agent with a contact, so an outlet's webmaster knows who is calling.
STORYWATCH_CONTACT = os.environ.get(
    "STORYWATCH_CONTACT", "set STORYWATCH_CONTACT to an e-mail or URL"
)
USER_AGENT = f"storywatch/0.1 (news coverage monitor; contact: {STORYWATCH_CONTACT})"
ROBOTSTXT_OBEY = True
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 60.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
CONCURRENT_REQUESTS = 32
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 0.5
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
RETRY_TIMES = 2
COOKIES_ENABLED = False

# robots.txt Crawl-delay is honoured per site, up to this many seconds.
STORYWATCH_MAX_CRAWL_DELAY = 60.0
# A Retry-After (429/503) up to this many seconds slows the site; a longer one ends retries.
STORYWATCH_MAX_RETRY_AFTER = 120.0

# --- Unattended safety: no consoles that accept code ------------------------------------------
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False

# --- Components --------------------------------------------------------------------------------
DOWNLOADER_MIDDLEWARES = {
    # Before HttpProxyMiddleware (750), which reads the proxy from request.meta.
    "crawler.middlewares.proxy.FixedProxyMiddleware": 740,
    # Validators from the store become If-None-Match / If-Modified-Since.
    "crawler.middlewares.conditional.ConditionalRequestMiddleware": 560,
    # After RetryMiddleware (550) in request order, so it sees a 429/503 answer before it.
    "crawler.middlewares.retry_after.RetryAfterMiddleware": 555,
}
# Behind STORYWATCH_PROXY every request shares one destination; this handler keeps enough
# connections to it open instead of opening one per page.
DOWNLOAD_HANDLERS = {"http": "crawler.handlers.proxied_http.ProxiedHTTPDownloadHandler"}
EXTENSIONS = {
    "crawler.extensions.crawl_delay.RobotsCrawlDelay": 500,
    "crawler.extensions.run_recorder.CrawlRunRecorder": 510,
    "crawler.extensions.notifier.RunNotifier": 520,
}
ITEM_PIPELINES = {
    "pipelines.extraction.pipeline.ExtractPipeline": 100,
    "pipelines.cleaning.pipeline.CleanPipeline": 200,
    "pipelines.relevance.pipeline.RelevancePipeline": 300,
    "pipelines.storage.pipeline.StorePipeline": 900,
}

# --- storywatch --------------------------------------------------------------------------------
# Where articles are stored: SQLite in the working directory unless DATABASE_URL says otherwise.
STORYWATCH_DATABASE_URL = os.environ.get("DATABASE_URL", "sqlite:///storywatch.db")
# Apply pending migrations when a crawl starts.
STORYWATCH_AUTO_MIGRATE = True
# Send every request through this HTTP proxy (the fixture server uses it to host *.test outlets).
STORYWATCH_PROXY = os.environ.get("STORYWATCH_PROXY") or None
# Extraction process pool: workers (0 = one per CPU), pages in flight, seconds per page,
# and pages per worker before it is replaced (bounds trafilatura's cache growth).
STORYWATCH_EXTRACT_WORKERS = int(os.environ.get("STORYWATCH_EXTRACT_WORKERS", "0"))
STORYWATCH_EXTRACT_MAX_IN_FLIGHT = 0  # 0 = two per worker
STORYWATCH_EXTRACT_TIMEOUT = 30.0
STORYWATCH_EXTRACT_TASKS_PER_CHILD = 200
# Storage batching: rows per write, and the longest a row waits before it is written.
STORYWATCH_STORE_BATCH_SIZE = 100
STORYWATCH_STORE_FLUSH_SECONDS = 5.0

# --- Incremental runs ---------------------------------------------------------------------------
# Bounds of a listing's polling interval, in seconds (it adapts to how much is new).
STORYWATCH_LISTING_MIN_INTERVAL = 600
STORYWATCH_LISTING_MAX_INTERVAL = 86400
# A listing is asked without validators when its last full answer is older than this (seconds):
# some servers answer 304 after a change.
STORYWATCH_LISTING_REVALIDATE = 21600
# Pretend the crawl runs at this ISO 8601 time (tests and replays); empty: the real clock.
STORYWATCH_NOW = os.environ.get("STORYWATCH_NOW") or None
# Where run locks live (one per story and database); empty: $XDG_RUNTIME_DIR or the temp dir.
STORYWATCH_LOCK_DIR = os.environ.get("STORYWATCH_LOCK_DIR") or None
# Relevance: TF-IDF cosine similarity to the story's exemplars (0 to 1). At or above RELEVANT an
# article is about the story even without the query in its lead; below GREY it shares no more
# with the exemplars than unrelated news does (measured: unrelated 0.08-0.16, same story 0.34+).
STORYWATCH_RELEVANT_SIMILARITY = 0.30
STORYWATCH_GREY_SIMILARITY = 0.20
# Copies: word 5-gram shingles; containment of one article's shingles in another's.
STORYWATCH_COPY_MIN_WORDS = 50  # shorter texts are never clustered as copies
STORYWATCH_DUPLICATE_CONTAINMENT = 0.9  # both ways: the same text
STORYWATCH_SYNDICATED_CONTAINMENT = 0.5  # half the copy's shingles come from the original
STORYWATCH_PARTIAL_CONTAINMENT = 0.2  # a fifth of the text: shared paragraphs
STORYWATCH_PARTIAL_RUN_WORDS = 40  # or one shared passage this long (a paragraph, a long quote)
# Cluster the story's articles when a crawl ends (on the storage thread, off the reactor).
STORYWATCH_CLUSTER_ON_CLOSE = True

# --- Distributed crawling ------------------------------------------------------------------------
# With REDIS_URL set, the add-on switches to a shared scrapy-redis frontier (crawler/distributed/):
# every `scrapy crawl story` on that Redis and story is one more worker. Unset: all in-process.
REDIS_URL = os.environ.get("REDIS_URL") or None
ADDONS = {"crawler.distributed.addon.RedisAddon": 0}
# Key prefix in Redis: one per deployment sharing a Redis server.
STORYWATCH_REDIS_PREFIX = os.environ.get("STORYWATCH_REDIS_PREFIX", "storywatch")
# A worker that has not refreshed its key for this many seconds is dead; its work is recovered.
STORYWATCH_REDIS_WORKER_TTL = 30.0
# A worker ends once the shared queue has stayed empty this long (seconds), so cron runs end.
MAX_IDLE_TIME_BEFORE_CLOSE = 30

LOG_FORMATTER = "crawler.logformatter.ArticleLogFormatter"
LOG_LEVEL = os.environ.get("STORYWATCH_LOG_LEVEL", "INFO")
FEED_EXPORT_ENCODING = "utf-8"
