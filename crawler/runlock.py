"""One run per story at a time: an fcntl lock file that the kernel releases when its holder dies."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import re
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType


class RunLocked(Exception):
    """Another run of the same story on the same database holds the lock; the message says who."""


def lock_dir(configured: str | None = None) -> Path:
    """Where lock files live: the setting, else $XDG_RUNTIME_DIR/storywatch, else the temp dir."""
    if configured:
        return Path(configured)
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime:
        return Path(runtime) / "storywatch"
    return Path(tempfile.gettempdir()) / f"storywatch-{os.getuid()}"


class StoryLock:
    """An exclusive, non-blocking lock on one story in one database, held for a whole run.

    flock locks belong to the open file: a run that is killed (even with SIGKILL) loses its lock
    with its process, so a stale lock file never blocks the next run.
    """

    def __init__(self, story: str, database_url: str, directory: Path) -> None:
        digest = hashlib.sha256(f"{database_url}\n{story}".encode()).hexdigest()[:12]
        safe = re.sub(r"[^A-Za-z0-9_.-]+", "-", story)[:60]
        self.path = directory / f"{safe}-{digest}.lock"
        self.story = story
        self._handle: int | None = None

    def acquire(self) -> None:
        """Take the lock at once or raise RunLocked naming the holder."""
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(handle, 200, 0).decode("utf-8", "replace").strip()
            os.close(handle)
            raise RunLocked(
                f"another run of story {self.story!r} is still going ({holder or 'unknown'}); "
                f"lock file {self.path}"
            ) from None
        os.ftruncate(handle, 0)
        os.pwrite(
            handle, f"pid {os.getpid()} since {datetime.now(UTC):%Y-%m-%dT%H:%M:%SZ}".encode(), 0
        )
        self._handle = handle

    def release(self) -> None:
        """Let the next run in."""
        if self._handle is None:
            return
        with contextlib.suppress(OSError):
            os.ftruncate(self._handle, 0)
        fcntl.flock(self._handle, fcntl.LOCK_UN)
        os.close(self._handle)
        self._handle = None

    def __enter__(self) -> StoryLock:
        self.acquire()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.release()
