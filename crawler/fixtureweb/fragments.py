"""Markup fragments of a theme, kept in themes/<theme>.toml and filled with string.Template."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib.resources import files
from string import Template


class Fragments:
    """The named markup fragments of one theme; values passed to fill() must be escaped already."""

    def __init__(self, theme: str) -> None:
        source = files("crawler.fixtureweb.themes").joinpath(f"{theme}.toml")
        raw = tomllib.loads(source.read_text(encoding="utf-8"))
        self._templates = {name: Template(text) for name, text in raw.items()}

    def fill(self, fragment: str, /, **values: object) -> str:
        """The named fragment with its $placeholders replaced; a missing value is an error."""
        return self._templates[fragment].substitute({k: str(v) for k, v in values.items()})


@cache
def fragments(theme: str) -> Fragments:
    """The fragments of ``theme``, read once per process."""
    return Fragments(theme)
