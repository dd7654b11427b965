"""Regular-expression fragments shared by the cleaning rules: dates, photo credits, labels."""

from __future__ import annotations

# Link titles, headlines and subheadings do not end like a sentence; paragraphs do.
SENTENCE_END = r"[.;:,…][\"”’'»)\]]*$"

# Month names: English plus the cheap ones (French, German, Spanish, Italian, Portuguese),
# full and abbreviated, so date lines from other languages' editions go too.
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec"
    "|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
    "|januar|februar|märz|juni|juli|oktober|dezember"
    "|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre"
    "|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre"
    "|janeiro|fevereiro|março|maio|junho|julho|setembro|outubro|novembro|dezembro"
)
MONTH = rf"(?:{_MONTHS})\.?"
_WEEKDAY = (
    r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|rsday|urday)?\.?"
    r"|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
    r"|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag"
    r"|lunes|martes|miércoles|jueves|viernes|sábado|domingo"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th|er)?\.?"
# No look-ahead after the year: "16 May 202416 May 2024" (a date glued to its copy) must parse.
_DATE = (
    rf"(?:{_DAY}\s*(?:de\s+)?{MONTH},?\s*(?:de\s+)?\d{{4}}"  # 16 May 2024, 16. Mai 2024
    rf"|{MONTH}\s*{_DAY},?\s*\d{{4}}"  # May 16, 2024
    rf"|{MONTH}\s*{_DAY}"  # May 16
    r"|\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?"  # ISO
    r"|\d{1,2}[/.]\d{1,2}[/.]\d{2,4})"  # 16/05/2024, 16.05.24
)
_ZONE = (
    r"(?:gmt|utc|bst|cet|cest|[ecmp][sd]t|et|pt|msk|hkt|jst|ist|aest)(?:[+-]\d{1,2}(?::?\d{2})?)?"
)
_TIME = rf"(?:\d{{1,2}}[:.h]\d{{2}}(?::\d{{2}})?(?:\s?[ap]\.?m\.?)?(?:\s?{_ZONE})?)"
# Atomic groups (?>...): once a date or a separator has matched, the engine never re-splits it,
# so a long line of near-dates fails in linear time instead of trying every way to parse it.
_JOINER = r"(?>\s*(?:[,|•·/\-–—]|\bat\b|\bà\b|\bum\b|\ba las\b)?\s*)"
_DATE_OR_TIME = rf"(?>(?:(?:{_WEEKDAY}),?\s*)?(?:{_DATE}|{_TIME}))"
# A line made of nothing but dates and times ("16 May 2024", "Thursday, May 16, 2024 10:32 GMT").
DATES_ONLY = rf"{_DATE_OR_TIME}(?:{_JOINER}{_DATE_OR_TIME})*"

# Labels that introduce a publication or update stamp.
DATE_LABEL = (
    r"(?:published|posted|updated|last\s+updated|first\s+published|last\s+modified|modified"
    r"|publié|mis\s+à\s+jour|veröffentlicht|aktualisiert|publicado|actualizado"
    r"|pubblicato|aggiornato|atualizado)"
)
_RELATIVE = (
    r"(?:\d+\s*(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?)\s+ago"
    r"|today|yesterday|just\s+now)"
)
_STAMP = rf"(?>{DATE_LABEL}(?:\s+(?:on|at|le|am|el|il|em))?\s*:?\s*)(?:{DATES_ONLY}|{_RELATIVE})"
# "Published On 16 May 2024", "Updated: 3 hours ago", "Published 16 May 2024 | Updated 17 May 2024";
# only dates may follow the label, so "Posted on 3 May, the video shows ..." is not a stamp.
DATE_STAMP = rf"{_STAMP}(?:\s*[,|•·]?\s*{_STAMP})*"

# Photo agencies and picture desks. A list of the trade, not of any one publisher.
AGENCY = (
    r"(?:AFP|AP|AP Photo|Associated Press|Reuters|Getty(?: Images)?|EPA(?:-EFE)?|EFE|Shutterstock"
    r"|Alamy|Xinhua|Pool|Anadolu(?: Agency)?|Bloomberg|PA(?: Wire| Images| Media)?|Sputnik|TASS"
    r"|SOPA Images|NurPhoto|ZUMA(?: Press| Wire)?|WireImage|FilmMagic|Sipa(?: USA)?|Imago|dpa"
    r"|ANSA|Kyodo|Yonhap|UPI|IANS|PTI|Handout|File(?: photo)?|Courtesy)"
)
# The label that starts a labelled credit ("Photo: ...", "Image: ...", "Credit: ...").
CREDIT_LABEL = (
    r"(?:photo(?:graph)?s?|images?|pictures?|credits?|photo\s+credit|image\s+credit|illustration"
    r"|fotos?|bild|crédit|crédito|file)"
)
# A credit in brackets or parentheses: "[File: Name/Agency]", "(AP Photo/Name)", "(Reuters)".
# Parentheses need a label or an agency: a slash alone is too common in body text.
BRACKETED_CREDIT = (
    rf"(?:\[\s*(?:{CREDIT_LABEL}\s*:[^\[\]]{{2,150}}|[^\[\]]{{0,100}}(?:/|\bvia\b|\b{AGENCY}\b)[^\[\]]{{0,100}})\]"
    rf"|\(\s*(?:{CREDIT_LABEL}\s*:[^()]{{2,150}}|[^()]{{0,80}}\b{AGENCY}\b[^()]{{0,80}})\))"
)
# A credit on its own line: "Photo: Name/Agency", "Credit: Name / Getty Images", "AFP via Getty".
PHOTO_CREDIT_LINE = (
    rf"(?:{CREDIT_LABEL}\s*:\s*\S.*"
    rf"|(?:[\w.'’ \-]{{1,40}}\s*/\s*)?{AGENCY}(?:\s*/\s*[\w.'’ \-]{{1,40}})?(?:\s+via\s+{AGENCY})?)"
)
