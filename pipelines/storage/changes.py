"""What changed between two versions of an article: characters, title, triviality, corrections."""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

# Notices by which outlets admit a change; a new one in the text flags the version.
CORRECTION_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(r"^\s*(correction|clarification|editor's note|editor’s note)\s*[:.—-]", re.I | re.M),
    re.compile(
        r"this (article|story|report|post) (has been|was) (updated|corrected|amended)", re.I
    ),
    re.compile(r"an earlier version of this (article|story|report|post)", re.I),
)
# A line that only dates the page ("Updated: 16 May 2024, 10:12") changes without news in it.
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
DATE_LINE = re.compile(
    rf"^\W*(last\s+)?(updated|published|modified|posted)?\W*(on|at)?\W*"
    rf"(\d{{1,2}}\s+{_MONTH}|{_MONTH}\s+\d{{1,2}}|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})"
    rf"[\w\s,.:/+()-]*$",
    re.I,
)
DATE_LINE_MAX_CHARS = 60  # a longer line is prose that happens to start with a date
_TOKENS = re.compile(r"\S+|\s+")
_NOT_WORD = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class ChangeSummary:
    """How a new version differs from the old: chars added and removed, title, trivial, notice."""

    chars_added: int
    chars_removed: int
    title_changed: bool
    trivial: bool
    correction: str | None


def summarize_change(
    old_text: str, old_title: str | None, new_text: str, new_title: str | None
) -> ChangeSummary:
    """Summarise the change from the old version of an article to the new one."""
    added, removed = _char_counts(old_text, new_text)
    title_changed = (old_title or "") != (new_title or "")
    trivial = _essence(old_text) == _essence(new_text) and _words(old_title or "") == _words(
        new_title or ""
    )
    return ChangeSummary(added, removed, title_changed, trivial, new_correction(old_text, new_text))


def new_correction(old_text: str, new_text: str) -> str | None:
    """The first line of the new text holding a correction notice the old text did not have."""
    old_lines = set(old_text.splitlines())
    for line in new_text.splitlines():
        if line not in old_lines and any(p.search(line) for p in CORRECTION_PATTERNS):
            return line.strip()
    return None


def is_date_line(line: str) -> bool:
    """Whether a line only dates the page (e.g. "Updated: May 16, 2024 10:12 GMT")."""
    line = line.strip()
    return len(line) <= DATE_LINE_MAX_CHARS and DATE_LINE.match(line) is not None


def _char_counts(old: str, new: str) -> tuple[int, int]:
    # Word-level matching keeps long articles cheap; counts are the characters of changed tokens.
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    added = removed = 0
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag in ("replace", "delete"):
            removed += sum(len(t) for t in a[i1:i2])
        if tag in ("replace", "insert"):
            added += sum(len(t) for t in b[j1:j2])
    return added, removed


def _words(text: str) -> str:
    return _NOT_WORD.sub(" ", text).strip().casefold()


def _essence(text: str) -> str:
    # What a reader would call the content: no date lines, no punctuation, no spacing differences.
    lines = (line for line in text.splitlines() if not is_date_line(line))
    return " ".join(w for line in lines if (w := _words(line)))
