"""What every theme does the same way: fill the page chrome around the main column."""

from __future__ import annotations

from collections.abc import Sequence

from ..fragments import Fragments
from ..markup import author_url, day_month_year, esc, listing_head, us_date
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


def section_page(
    frag: Fragments,
    outlet: Outlet,
    articles: Sequence[Article],
    popular: Sequence[Article],
    *,
    page_title: str,
    description: str,
) -> str:
    """The theme's section index: one ``card`` per article inside its ``section`` fragment.

    Every card field any theme uses is passed; each theme's fragment picks what it shows.
    """
    cards = "".join(
        frag.fill(
            "card",
            url=esc(a.url),
            title=esc(a.headline),
            description=esc(a.description),
            section=esc(a.section),
            image=esc(a.image_url),
            author_url=esc(author_url(outlet, a.authors[0])),
            author=esc(a.authors[0]),
            date=esc(day_month_year(a.published)),
            published_iso=a.published.isoformat(),
            published=esc(us_date(a.published)),
        )
        for a in articles
    )
    main = frag.fill(
        "section",
        home=esc(outlet.base_url + "/"),
        section=esc(outlet.section_name),
        cards=cards,
        most_read=most_read(frag, popular),
    )
    head = listing_head(
        outlet, page_title=page_title, url=outlet.url(outlet.section_path), description=description
    )
    return fill_page(frag, outlet, head=head, main=main, popular=popular)
