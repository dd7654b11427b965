"""Page themes: each draws article and section pages the way one family of news sites does."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import NamedTuple

from ..model import Article, Outlet
from . import aljazeera, jannah, jnews, tagdiv


class Theme(NamedTuple):
    """The two page kinds a theme draws."""

    article_page: Callable[[Article, Sequence[Article]], str]
    section_page: Callable[[Outlet, Sequence[Article], Sequence[Article]], str]


THEMES: Mapping[str, Theme] = {
    module.__name__.rsplit(".", 1)[-1]: Theme(module.article_page, module.section_page)
    for module in (aljazeera, jannah, jnews, tagdiv)
}
