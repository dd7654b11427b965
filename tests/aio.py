"""Run async test bodies on the Twisted asyncio reactor that pytest-twisted drives."""

from __future__ import annotations

import functools
from collections.abc import Callable, Coroutine
from typing import Any

import pytest_twisted
from scrapy.utils.defer import deferred_from_coro


def async_test(fn: Callable[..., Coroutine[Any, Any, Any]]) -> Callable[..., Any]:
    """Decorate an ``async def`` test so it runs on the reactor (pytest fixtures still work)."""

    @pytest_twisted.inlineCallbacks
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        return (yield deferred_from_coro(fn(*args, **kwargs)))

    return wrapper
