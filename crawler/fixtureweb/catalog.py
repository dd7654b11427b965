"""The catalogue of the fixture web: outlets and articles read from the data files and the seeds."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from importlib.resources import files
from pathlib import Path
from typing import Any

from .model import LISTING_KINDS, Article, Block, FixtureDataError, Link, Outlet
from .seeds import SeedLayout, read_seed_lines, seed_blocks


@dataclass(frozen=True)
class Catalog:
    """Every outlet and article of the fixture web, before any markup is drawn."""

    outlets: Mapping[str, Outlet]
    articles: tuple[Article, ...]

    def articles_of(self, outlet: Outlet) -> tuple[Article, ...]:
        """An outlet's articles, newest first (the order its listings use)."""
        own = [a for a in self.articles if a.outlet.key == outlet.key]
        return tuple(sorted(own, key=lambda a: a.published, reverse=True))


def load_catalog(seeds_directory: Path) -> Catalog:
    """Read outlets.toml and decoys.toml, and build each seed article from its seed file."""
    outlet_data = load_toml("outlets.toml")
    outlets = {raw["key"]: outlet_from_toml(raw) for raw in outlet_data["outlet"]}
    decoys = [article_from_toml(raw, outlets) for raw in load_toml("decoys.toml")["decoy"]]
    by_key = {d.key: d for d in decoys}
    seeds = [_seed(raw, outlets, by_key, seeds_directory) for raw in outlet_data["seed"]]
    by_seed = {s.key: s for s in seeds}
    copies = [_republication(raw, outlets, by_seed) for raw in outlet_data.get("republication", [])]
    return Catalog(outlets=outlets, articles=(*seeds, *decoys, *copies))


def load_toml(name: str) -> dict[str, Any]:
    """A data file of this package, parsed."""
    return tomllib.loads(files("crawler.fixtureweb").joinpath(name).read_text(encoding="utf-8"))


def outlet_from_toml(raw: dict[str, Any]) -> Outlet:
    """An outlet from its [[outlet]] table."""
    return Outlet(
        key=raw["key"],
        name=raw["name"],
        host=raw["host"],
        language=raw["language"],
        theme=raw["theme"],
        description=raw["description"],
        container=raw["container"],
        disallow=tuple(raw["disallow"]),
        feed_path=raw["feed_path"],
        feed_format=raw["feed_format"],
        news_sitemap_path=raw["news_sitemap_path"],
        section_path=raw["section_path"],
        section_name=raw["section_name"],
        nav=tuple((label, path) for label, path in raw["nav"]),
        sitemap_index_path=raw.get("sitemap_index_path"),
        post_sitemap_path=raw.get("post_sitemap_path"),
        feed_link_query=raw.get("feed_link_query", ""),
    )


def article_from_toml(raw: dict[str, Any], outlets: Mapping[str, Outlet]) -> Article:
    """An article written out in a data file: headline and paragraphs ("## " marks a subheading)."""
    blocks = [Block("title", raw["headline"])]
    for paragraph in raw["paragraphs"]:
        if paragraph.startswith("## "):
            blocks.append(Block("subheading", paragraph[3:]))
        else:
            blocks.append(Block("paragraph", paragraph))
    return _article(raw, outlets, kind=raw.get("kind", "decoy"), blocks=tuple(blocks))


def _seed(
    raw: dict[str, Any],
    outlets: Mapping[str, Outlet],
    decoys: Mapping[str, Article],
    seeds_directory: Path,
) -> Article:
    seed_id = raw["id"]

    def link_to(key: str) -> Link:
        if key not in decoys:
            raise FixtureDataError(f"seed {seed_id}: no decoy {key!r} to link to")
        return Link(decoys[key].headline, decoys[key].url)

    layout = SeedLayout(
        seed_id=seed_id,
        roles=raw.get("roles", {}),
        patterns=raw.get("patterns", {}),
        related_links=tuple(link_to(k) for k in raw.get("related_targets", [])),
        read_also_link=link_to(raw["read_also_target"]) if "read_also_target" in raw else None,
    )
    blocks = seed_blocks(read_seed_lines(seeds_directory, seed_id), layout)
    titles = [b.text for b in blocks if b.kind == "title"]
    if not titles:
        if "headline" not in raw:
            raise FixtureDataError(
                f"seed {seed_id}: no title line, so outlets.toml needs a headline"
            )
        blocks = (Block("title", raw["headline"]), *blocks)
    fields = {**raw, "key": seed_id, "headline": titles[0] if titles else raw["headline"]}
    fields["description"] = _seed_description(blocks)
    _check_tags(seed_id, blocks, raw["tags"])
    return _article(fields, outlets, kind="seed", blocks=blocks)


def _republication(
    raw: dict[str, Any], outlets: Mapping[str, Outlet], seeds: Mapping[str, Article]
) -> Article:
    """Another outlet's verbatim copy of a seed: its body, with a canonical link to the seed."""
    original = seeds.get(raw["of"])
    if original is None:
        raise FixtureDataError(f"{raw['key']}: no seed {raw['of']!r} to republish")
    body = tuple(b for b in original.blocks if b.kind in ("title", "paragraph", "subheading"))
    fields = {
        **raw,
        "headline": original.headline,
        "description": original.description,
        "tags": raw.get("tags", list(original.tags)),
    }
    article = _article(fields, outlets, kind="republished", blocks=body)
    return replace(article, canonical=original.url)


def _seed_description(blocks: tuple[Block, ...]) -> str:
    """What the page's meta description says: standfirst, else excerpt, else the lead sentence."""
    for block in blocks:
        if block.kind == "standfirst":
            return block.text
        if block.kind == "excerpt":
            # WordPress ends an automatic excerpt with "[…]"; meta descriptions drop it.
            return block.text.removesuffix("[…]").rstrip()
    lead = next(b.text for b in blocks if b.kind == "paragraph")
    sentence = re.match(r".+?[.!?](?=\s|$)", lead)
    return sentence.group(0) if sentence else lead


def _check_tags(seed_id: str, blocks: tuple[Block, ...], tags: list[str]) -> None:
    for block in blocks:
        if block.kind == "tags" and "".join(tags) != block.part("run"):
            raise FixtureDataError(
                f"seed {seed_id}: tags in outlets.toml do not spell the seed's tag line"
            )


def _article(
    raw: Mapping[str, Any], outlets: Mapping[str, Outlet], *, kind: str, blocks: tuple[Block, ...]
) -> Article:
    key = raw["key"]
    outlet = outlets.get(raw["outlet"])
    if outlet is None:
        raise FixtureDataError(f"{key}: unknown outlet {raw['outlet']!r}")
    listings = frozenset(raw["listings"])
    available = {"feed", "news_sitemap", "section"} | (
        {"post_sitemap"} if outlet.post_sitemap_path else set()
    )
    if not listings <= LISTING_KINDS or not listings <= available:
        raise FixtureDataError(
            f"{key}: listings {sorted(listings - available)} not published by {outlet.host}"
        )
    published, modified = raw["published"], raw["modified"]
    for stamp in (published, modified):
        if not isinstance(stamp, datetime) or stamp.utcoffset() is None:
            raise FixtureDataError(f"{key}: dates need a time and an offset")
    return Article(
        key=key,
        kind=kind,
        outlet=outlet,
        path=raw["path"],
        headline=raw["headline"],
        description=raw["description"],
        published=published,
        modified=modified,
        authors=tuple(raw["authors"]),
        section=raw["section"],
        tags=tuple(raw["tags"]),
        image_path=raw["image_path"],
        listings=listings,
        blocks=blocks,
        near_topic=bool(raw.get("near_topic", False)),
    )
