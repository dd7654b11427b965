from __future__ import annotations

import http.client
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from importlib.resources import files
from typing import Any

import lxml.html
import pytest

from crawler.fixtureweb.seeds import read_seed_lines, seeds_dir
from crawler.fixtureweb.server import FixtureServer


@dataclass
class Reply:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    def html(self) -> Any:
        return lxml.html.fromstring(self.body)


Fetch = Callable[..., Reply]


@pytest.fixture
def fetch(fixture_server: FixtureServer) -> Fetch:
    """GET (or another method) a fixture URL through the server used as an HTTP proxy."""

    def _fetch(url: str, method: str = "GET", headers: dict[str, str] | None = None) -> Reply:
        conn = http.client.HTTPConnection("127.0.0.1", fixture_server.port, timeout=10)
        try:
            conn.request(method, url, headers=headers or {})
            response = conn.getresponse()
            return Reply(response.status, response.headers, response.read())
        finally:
            conn.close()

    return _fetch


@pytest.fixture(scope="session")
def seed_data() -> dict[str, dict[str, Any]]:
    """outlets.toml's [[seed]] tables by id: which seed lines are which boilerplate."""
    raw = tomllib.loads(files("crawler.fixtureweb").joinpath("outlets.toml").read_text("utf-8"))
    return {seed["id"]: seed for seed in raw["seed"]}


@pytest.fixture(scope="session")
def seed_lines() -> Callable[[str], list[str]]:
    """The lines of a seed document, read from seeds/."""
    return lambda seed_id: read_seed_lines(seeds_dir(), seed_id)
