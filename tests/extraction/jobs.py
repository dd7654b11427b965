"""Extraction jobs that misbehave on purpose, importable by worker processes."""

from __future__ import annotations

import os
import time
from typing import Any


def misbehaving_job(html: str, url: str | None) -> dict[str, Any]:
    """Crash the worker on "crash", hang on "hang", otherwise echo the page back."""
    if html == "crash":
        os._exit(3)
    if html == "hang":
        time.sleep(60)
    return {"text": html, "url": url, "pid": os.getpid()}
