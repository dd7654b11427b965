"""What every theme does the same way: fill the page chrome around the main column."""

from __future__ import annotations

from collections.abc import Sequence

from ..fragments import Fragments
from ..markup import esc
from ..model import Article, Outlet


def most_read(frag: Fragments, popular: Sequence[Article]) -> str:
    """The theme's most-read widget items, numbered from 1."""
    return "".join(
        frag.fill("most_read_item", number=n, url=esc(a.url), title=esc(a.headline))
        for n, a in enumerate(popular, start=1)
    )


def fill_page(
    frag: Fragments, outlet: Outlet, *, head: str, main: str, popular: Sequence[Article]
) -> str:
    """The theme's ``page`` fragment: header, menu, main column, most-read list, footer, cookies."""
    nav = "".join(
        frag.fill("nav_item", url=esc(outlet.url(path)), label=esc(label))
        for label, path in outlet.nav
    )
    return frag.fill(
        "page",
        lang=esc(outlet.language),
        head=head,
        home=esc(outlet.base_url + "/"),
        host=esc(outlet.host),
        outlet=esc(outlet.name),
        logo=esc(outlet.logo_url),
        nav=nav,
        main=main,
        most_read=most_read(frag, popular),
    )
