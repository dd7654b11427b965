"""`scrapy fixtures serve`: run the offline fixture web on loopback until Ctrl-C."""

from __future__ import annotations

import signal
import threading
from typing import TYPE_CHECKING, Any, ClassVar

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from crawler.fixtureweb.server import FixtureServer
from crawler.fixtureweb.site import build_fixture_web

if TYPE_CHECKING:
    import argparse

    from crawler.fixtureweb.requestlog import LoggedRequest

DEFAULT_PORT = 8899
FIXTURE_STORY = "seeds/fixture-putin-china.toml"


class Command(ScrapyCommand):
    """Serve the fixture outlets (*.test) through a local HTTP proxy for offline crawls."""

    requires_project = True
    requires_crawler_process = False
    default_settings: ClassVar[dict[str, Any]] = {"LOG_ENABLED": False}

    def syntax(self) -> str:
        """Command syntax."""
        return "serve [--port N] [--hostile]"

    def short_desc(self) -> str:
        """One line for `scrapy -h`."""
        return "Serve the offline fixture news sites through a local HTTP proxy"

    def long_desc(self) -> str:
        """Help text for `scrapy fixtures -h`."""
        return (
            "Serve the fixture web (four news outlets built from seeds/, on *.test hosts) on "
            "127.0.0.1 as a plain HTTP proxy, until Ctrl-C. Point a crawl at it with "
            "STORYWATCH_PROXY. --hostile adds hostile.test, whose listings and pages are broken."
        )

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        """The command's options, after Scrapy's global ones."""
        super().add_options(parser)
        parser.add_argument(
            "--port",
            type=int,
            default=DEFAULT_PORT,
            help=f"port to listen on (default {DEFAULT_PORT}; 0 picks a free one)",
        )
        parser.add_argument(
            "--hostile", action="store_true", help="also serve hostile.test (broken inputs)"
        )
        parser.add_argument("--quiet", action="store_true", help="do not print a line per request")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        """Serve in the foreground until interrupted."""
        if args != ["serve"]:
            raise UsageError("expected the subcommand 'serve'")
        web = build_fixture_web(hostile=opts.hostile)
        server = FixtureServer(web, port=opts.port, on_request=None if opts.quiet else _print)
        try:
            server.start()
        except OSError as exc:
            raise UsageError(f"cannot listen on 127.0.0.1:{opts.port}: {exc}") from None
        hosts = ", ".join(sorted(web.hosts))
        print(f"Fixture web serving {hosts}")
        print(f"HTTP proxy: {server.proxy_url}")
        print("Crawl through it with:")
        print(f"  STORYWATCH_PROXY={server.proxy_url} scrapy crawl story -a story={FIXTURE_STORY}")
        print(
            f"Fetch one page with: curl -x {server.proxy_url} {next(iter(web.seed_urls.values()))}"
        )
        print("Press Ctrl-C to stop.", flush=True)
        stopping = threading.Event()
        # SIGTERM (a container or service manager stopping us) ends the run like Ctrl-C does.
        signal.signal(signal.SIGTERM, lambda signum, frame: stopping.set())
        try:
            stopping.wait()
        except KeyboardInterrupt:
            pass
        finally:
            print("\nStopping.")
            server.stop()


def _print(entry: LoggedRequest) -> None:
    print(f"{entry.status} {entry.method} {entry.url}", flush=True)
