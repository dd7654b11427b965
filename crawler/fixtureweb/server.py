"""A loopback HTTP server for the fixture web: a plain forward proxy and a virtual-host server."""

from __future__ import annotations

import contextlib
import logging
import socket
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

from .requestlog import LOGGED_HEADERS, LoggedRequest, RequestLog
from .resource import HTML, Resource, make_resource
from .site import FixtureWeb, build_fixture_web

logger = logging.getLogger(__name__)

LOOPBACK = "127.0.0.1"
_NOT_FOUND = make_resource(
    "<!DOCTYPE html><html><head><title>404 Not Found</title></head>"
    "<body><h1>Not Found</h1></body></html>",
    HTML,
    None,
    status=404,
)
_NOT_ALLOWED = make_resource("Method Not Allowed\n", "text/plain; charset=utf-8", None, status=405)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(
        self,
        port: int,
        web: FixtureWeb,
        log: RequestLog,
        on_request: Callable[[LoggedRequest], None] | None,
    ) -> None:
        self.web = web
        self.log = log
        self.on_request = on_request
        self.connections: set[socket.socket] = set()
        self.connections_lock = threading.Lock()
        super().__init__((LOOPBACK, port), _Handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self.connections_lock:
            self.connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self.connections_lock:
            self.connections.discard(request)
        super().shutdown_request(request)

    def close_connections(self) -> None:
        # Idle keep-alive connections would otherwise hold their threads until they time out.
        with self.connections_lock:
            for connection in list(self.connections):
                with contextlib.suppress(OSError):  # already closed by the client
                    connection.shutdown(socket.SHUT_RDWR)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as crawlers use it
    server_version = "fixtureweb/1.0"
    sys_version = ""
    timeout = 30
    server: _Server

    def do_GET(self) -> None:
        self._answer(send_body=True)

    def do_HEAD(self) -> None:
        self._answer(send_body=False)

    def do_POST(self) -> None:
        self._refuse()

    do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_CONNECT = do_POST

    def log_message(self, format: str, *args: Any) -> None:
        logger.debug(format, *args)

    def _answer(self, *, send_body: bool) -> None:
        arrived = time.time()
        host, path, via_proxy = self._target()
        resource = self.server.web.get(f"http://{host}{path}") if host else None
        if resource is None:
            resource = _NOT_FOUND
        status = resource.status
        if status == 200 and self._not_modified(resource):
            status = 304
        self._record(host, path, status, arrived, via_proxy)
        self.send_response(status)
        if status != 304:
            self.send_header("Content-Type", resource.content_type)
            self.send_header("Content-Length", str(resource.length))
        if resource.last_modified is not None:
            self.send_header("Last-Modified", format_datetime(resource.last_modified, usegmt=True))
        if resource.etag is not None:
            self.send_header("ETag", resource.etag)
        for name, value in resource.headers:
            self.send_header(name, value)
        self.end_headers()
        if send_body and status != 304:
            self._write(resource)

    def _refuse(self) -> None:
        host, path, via_proxy = self._target()
        self._record(host, path, 405, time.time(), via_proxy)
        self.send_response(405)
        self.send_header("Allow", "GET, HEAD")
        self.send_header("Content-Type", _NOT_ALLOWED.content_type)
        self.send_header("Content-Length", str(_NOT_ALLOWED.length))
        self.end_headers()
        self._write(_NOT_ALLOWED)

    def _target(self) -> tuple[str, str, bool]:
        """Host and path asked for, and whether the client used us as a proxy."""
        if self.path.startswith(("http://", "https://")):
            parts = urlsplit(self.path)
            host = parts.netloc.lower().removesuffix(":80")
            path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            return host, path, True
        host = (self.headers.get("Host") or "").lower().removesuffix(":80")
        return host, self.path, False

    def _not_modified(self, resource: Resource) -> bool:
        if_none_match = self.headers.get("If-None-Match")
        if if_none_match is not None:
            # Weak comparison, as RFC 9110 prescribes for If-None-Match.
            tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
            return "*" in tags or (resource.etag or "").removeprefix("W/") in tags
        if_modified_since = self.headers.get("If-Modified-Since")
        if if_modified_since and resource.last_modified is not None:
            try:
                since = parsedate_to_datetime(if_modified_since)
            except (TypeError, ValueError):
                return False  # an unparseable date is ignored, as RFC 9110 says
            if since.tzinfo is None:
                since = since.replace(tzinfo=UTC)
            return resource.last_modified <= since
        return False

    def _record(self, host: str, path: str, status: int, arrived: float, via_proxy: bool) -> None:
        headers = {name: value for name in LOGGED_HEADERS if (value := self.headers.get(name))}
        entry = LoggedRequest(self.command, host, path, status, headers, arrived, via_proxy)
        # Recorded before the response goes out, so a client that has its answer sees the entry.
        self.server.log.record(entry)
        if self.server.on_request is not None:
            self.server.on_request(entry)

    def _write(self, resource: Resource) -> None:
        try:
            for chunk in resource.chunks():
                self.wfile.write(chunk)
        except (BrokenPipeError, ConnectionResetError):
            # Clients with a size limit hang up mid-body; that is their right.
            self.close_connection = True


class FixtureServer:
    """Serve a FixtureWeb on 127.0.0.1 in a background thread; also a context manager."""

    def __init__(
        self,
        web: FixtureWeb | None = None,
        *,
        port: int = 0,
        on_request: Callable[[LoggedRequest], None] | None = None,
    ) -> None:
        self.web = web if web is not None else build_fixture_web()
        self.request_log = RequestLog()
        self._requested_port = port
        self._on_request = on_request
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> int:
        """Start serving; return the port (chosen by the system when 0 was asked for)."""
        if self._server is not None:
            return self.port
        self._server = _Server(self._requested_port, self.web, self.request_log, self._on_request)
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.5},
            name=f"fixtureweb:{self.port}",
            daemon=True,
        )
        self._thread.start()
        return self.port

    def stop(self) -> None:
        """Stop serving and close every connection."""
        if self._server is None:
            return
        stopper = threading.Thread(target=self._server.shutdown, daemon=True)
        stopper.start()
        while stopper.is_alive():
            # A connection wakes the serving loop now instead of at its next poll.
            with contextlib.suppress(OSError):
                socket.create_connection((LOOPBACK, self.port), timeout=0.5).close()
            stopper.join(0.005)
        self._server.close_connections()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join()
        self._server = None
        self._thread = None

    @property
    def port(self) -> int:
        """The port being served."""
        if self._server is None:
            raise RuntimeError("the fixture server is not running")
        return int(self._server.server_address[1])

    @property
    def url(self) -> str:
        """http://127.0.0.1:PORT, the server's own address."""
        return f"http://{LOOPBACK}:{self.port}"

    @property
    def proxy_url(self) -> str:
        """The address to use as HTTP proxy to reach the fixture hosts (same as ``url``)."""
        return self.url

    def clear_request_log(self) -> None:
        """Forget the requests recorded so far."""
        self.request_log.clear()

    def __enter__(self) -> FixtureServer:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


def http_date(when: datetime) -> str:
    """An HTTP date (for If-Modified-Since headers in tests and tools)."""
    return format_datetime(when.astimezone(UTC), usegmt=True)
