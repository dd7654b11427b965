"""The cleaning rules, as data: what boilerplate looks like and where on the page it may sit.

Each rule names a pattern (matched against the whole line) or a predicate id (see
``predicates.py``), a kind (what happens when it fires) and a zone (where it may fire). The engine
in ``cleaner.py`` applies them in the order listed; each rule sees what the rules before it
decided.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from enum import Enum

from pipelines.cleaning.patterns import BRACKETED_CREDIT, DATE_STAMP, DATES_ONLY, PHOTO_CREDIT_LINE


class Kind(Enum):
    """What a rule does when it fires."""

    LINE = "line"  # the line goes
    BLOCK = "block"  # a header line goes, with the items that follow it
    TAIL_BLOCK = "tail_block"  # a header near the end goes, with everything after it
    CREDIT = "credit"  # a line among the last few moves to the article's credits


class Zone(Enum):
    """Where on the page a rule may fire."""

    ANYWHERE = "anywhere"
    LEADING = "leading"  # among the first LEADING_LINES lines
    TRAILING = "trailing"  # among the last lines still kept, read from the end


LEADING_LINES = 6
TRAILING_LINES = 5  # where a tag list or an author biography may start
CREDIT_LINES = 3  # where a credit line may stand: "Reporting by ..." is often not quite last


@dataclass(frozen=True)
class Rule:
    """One kind of boilerplate: how to recognise it and where it may be."""

    name: str
    kind: Kind = Kind.LINE
    pattern: re.Pattern[str] | None = None  # must match the whole line (``search`` if not anchored)
    check: str | None = None  # id of a predicate in predicates.PREDICATES, tried after pattern
    zone: Zone = Zone.ANYWHERE
    max_words: int | None = None  # longer lines never match: real paragraphs are long
    item: str | None = None  # BLOCK: predicate id for the lines the block holds
    end: re.Pattern[str] | None = None  # BLOCK: a line that closes the block (it goes too)
    extend_to_end: bool = False  # BLOCK: also take a trailing rail of short teasers
    header: bool = False  # the lines belong to an article's header block (byline, date)
    anchored: bool = True


def _rx(pattern: str, flags: re.RegexFlag = re.IGNORECASE) -> re.Pattern[str]:
    return re.compile(pattern, flags)


_RELATED_HEADER = (
    r"(?:keep reading|read more|read next|read this next|related"
    r"|related (?:articles?|stories|story|content|coverage|news|posts?|links?|topics|reading"
    r"|videos?)"
    r"|more on this (?:story|topic)|more (?:stories|news|to read)|more from [^.,;:!?]{1,40}"
    r"|recommended(?: for you| stories| reading| articles| videos)?"
    r"|you (?:may|might) (?:also )?(?:like|enjoy|be interested in|have missed)"
    r"|most (?:read|popular|viewed|shared)|popular(?: now| stories)?|trending(?: now| stories)?"
    r"|top stories|latest (?:news|stories)|further reading|don[’']t miss|editor[’']?s picks"
    r"|what to read next|in other news|also on [^.,;:!?]{1,40}"
    r"|lire aussi|à lire aussi|sur le même sujet|les plus lus|lesen sie auch|mehr zum thema"
    r"|meistgelesen|leer más|lee también|te puede interesar|lo más leído|leia também"
    r"|veja também|mais lidas|leggi anche|i più letti)"
    r"\s*(?::|…|\.\.\.)?"
)
_READ_ALSO_LABEL = (
    r"(?:read (?:also|more|next|this)|also read|see also|also see"
    r"|related(?: articles?| stories| story| coverage| videos?| content)?"
    r"|more|watch(?: video| now)?|listen|recommended"
    r"|lire aussi|à lire aussi|voir aussi|lesen sie auch|siehe auch|mehr zum thema"
    r"|leer también|lee también|ver también|leer más|te puede interesar|leia também|veja também"
    r"|leggi anche|vedi anche|czytaj (?:też|także)|читайте также)"
)
_SHARE_WORD = (
    r"(?:share(?: this(?: article| story| page| post)?| on \w+| via \w+)?|tweet|print|e-?mail"
    r"|copy(?: link)?|link copied|facebook|twitter|x|whatsapp|linkedin|reddit|pinterest|telegram"
    r"|messenger|flipboard|save(?: article)?|bookmark|comments?|follow(?: us)?"
    r"|listen(?: to (?:this|the) (?:article|story))?|\d+\s*min(?:ute)?s?\s+read"
    r"|reading time:?\s*\d+\s*min(?:ute)?s?|gift (?:this )?article"
    r"|partager|teilen|drucken|compartir|imprimir|condividi|stampa)"
)
_CALL_TO_ACTION = (
    r"(?:click here|tap here|sign up|subscribe (?:to|now|for|today)|download (?:the|our)"
    r"|get (?:the|our) .{0,40}\bapp\b|follow us on|join (?:our|the) (?:newsletter|mailing list"
    r"|commenting forum|conversation|channel)|support (?:our|independent) journalism"
    r"|already a subscriber|log ?in to|register (?:now|for free)"
    r"|this (?:article|content) is (?:only )?(?:for|available to) subscribers)\b.*"
)
_BYLINE = r"(?:By|BY|Par|PAR|Von|VON|Por|POR|Door|DOOR)\s+[^\W\d_].*(?<![.!?])"
_SCREEN_READER_START = r"list of \d+ items?.*"
_SCREEN_READER_END = r".*end of list"

GENERAL_RULES: tuple[Rule, ...] = (
    # Lines that are boilerplate wherever they are.
    Rule("read_also", pattern=_rx(rf"{_READ_ALSO_LABEL}\s*[:：|»>]\s*\S.*"), max_words=30),
    # A caption that ends in its credit: "... [File: Name/AFP]", "... (AP Photo/Name)".
    Rule("caption_with_credit", pattern=_rx(rf"(?:.*\S\s*)?{BRACKETED_CREDIT}"), max_words=80),
    Rule("photo_credit", pattern=_rx(PHOTO_CREDIT_LINE), max_words=30),
    Rule("caption", check="repeats_caption"),
    Rule("caption_before_credit", check="precedes_photo_credit", max_words=25),
    Rule("date_line", pattern=_rx(rf"(?:{DATE_STAMP}|{DATES_ONLY})"), max_words=16, header=True),
    # Share, comment and view counters: "0", "207", "1.2K shares", "Comments (12)".
    Rule(
        "counter",
        pattern=_rx(
            r"(?:\d[\d.,]*\s*[km]?\+?"
            r"(?:\s*(?:comments?|views?|shares?|likes?|reads?|reactions?|replies))?"
            r"|(?:comments?|shares?|views?|likes?)\s*[:(]?\s*\d[\d.,]*[km]?\)?)"
        ),
    ),
    # Widget glyphs: "+", "|", "•", "…", "___", "* * *".
    Rule("widget", pattern=_rx(r"(?:[^\w]|_)+")),
    Rule("share_buttons", pattern=_rx(rf"{_SHARE_WORD}(?:\s*[|•·,/]?\s*{_SHARE_WORD})*")),
    Rule(
        "advertisement",
        pattern=_rx(
            r"(?:advertisement|advertising|sponsored(?: content)?|anzeige|publicité|publicidad"
            r"|pubblicità|(?:story|article) continues below(?: advertisement)?"
            r"|continue reading(?: below)?|scroll to continue(?: with content)?)"
        ),
    ),
    Rule("call_to_action", pattern=_rx(_CALL_TO_ACTION), max_words=25),
    Rule("headline", check="repeats_title"),
    Rule("site_name", check="repeats_site_name"),
    # A link whose text comes twice (image alt and title): "Title Here Title Here".
    Rule("repeated_link_text", check="doubled_text", max_words=60),
    # "By Jane Doe", "By Jane Doe and John Roe, Reuters"; a sentence ("By Monday, ...") ends in
    # a full stop. Case matters here: "by" in lower case opens no byline.
    Rule(
        "byline",
        pattern=_rx(_BYLINE, re.NOFLAG),
        zone=Zone.LEADING,
        max_words=12,
        header=True,
    ),
    Rule("author_name", check="is_author_name", header=True),
    # Related-link lists: a screen-reader list, then a header with the link titles after it.
    Rule(
        "screen_reader_list",
        kind=Kind.BLOCK,
        pattern=_rx(_SCREEN_READER_START),
        end=_rx(_SCREEN_READER_END),
    ),
    Rule(
        "related_links",
        kind=Kind.BLOCK,
        pattern=_rx(_RELATED_HEADER),
        max_words=8,
        item="link_title",
        end=_rx(_SCREEN_READER_END),
        extend_to_end=True,
    ),
    # Rules that look at their neighbours come last, once the furniture around them is known.
    Rule("excerpt", check="excerpt_repeated_below"),
    Rule("standfirst", check="standfirst", zone=Zone.LEADING),
    # The tail, read from the end: credits first, so they are kept even under a tag list.
    Rule(
        "credit_source",
        kind=Kind.CREDIT,
        pattern=_rx(
            r"(?:sources?|quelle|fuente|fonte)\s*:\s*(?!.*\b(?:said|says|told|according)\b)\S.*"
        ),
        zone=Zone.TRAILING,
        max_words=15,
    ),
    Rule(
        "credit_reporting",
        kind=Kind.CREDIT,
        pattern=_rx(
            r"\(?\s*(?:(?:(?:with|additional) )?reporting (?:by|from)|written by|compiled by"
            r"|edited by|editing by|writing by|produced by|translated by|research by"
            r"|rédigé par|édité par|écrit par|mit material von|con información de|redacción)\b.*"
            r"|.{0,160}\bcontributed (?:to )?(?:this|the) (?:report|story|article)\.?\)?"
        ),
        zone=Zone.TRAILING,
        max_words=40,
    ),
    Rule(
        "tags",
        kind=Kind.TAIL_BLOCK,
        pattern=_rx(
            r"(?:tags?|topics?|filed under|keywords|related (?:tags|topics)|schlagwörter"
            r"|stichwörter|themen|mots[- ]clés|sujets|etiquetas|temas|tópicos|argomenti)"
            # Tags run on after the colon but never end like a sentence: "Topics: The summit ...
            # officials said." is text.
            r"(?:\s*:(?!.*[.!?][\"”’]?$).*)?"
        ),
        zone=Zone.TRAILING,
    ),
    Rule(
        "author_bio",
        kind=Kind.TAIL_BLOCK,
        pattern=_rx(
            r"(?:author profile|about the authors?|about the writer|about this author"
            r"|about the reporter|über (?:den|die) autor(?:in)?|à propos de l[’']auteur"
            r"|sobre el autor|sobre o autor|sull[’']autore)\s*:?"
        ),
        zone=Zone.TRAILING,
    ),
    Rule("author_bio_paragraph", check="author_bio", zone=Zone.TRAILING, max_words=120),
    # The outlet's pointer to its policies closes many articles: "Our Standards: ...",
    # "Editorial standards and corrections".
    Rule(
        "standards_notice",
        pattern=_rx(
            r"(?:our|editorial) (?:standards|ethics|principles|policies)"
            r"(?:\s*(?::|and|&)\s*\S.*)?"
        ),
        zone=Zone.TRAILING,
        max_words=15,
    ),
)


@functools.lru_cache(maxsize=256)
def outlet_rules(patterns: tuple[str, ...]) -> tuple[Rule, ...]:
    """Rules for one outlet's extra patterns (a story file's ``boilerplate``); ValueError if bad."""
    rules = []
    for pattern in patterns:
        try:
            compiled = re.compile(pattern)
        except re.error as exc:
            raise ValueError(f"bad boilerplate pattern {pattern!r}: {exc}") from None
        rules.append(Rule("outlet_pattern", pattern=compiled, anchored=False))
    return tuple(rules)
