"""Behaviour of the cleaning rules on small hand-made articles, with false-positive guards."""

from __future__ import annotations

import time

import pytest

from pipelines.cleaning.cleaner import ArticleContext, CleanResult, clean_text
from pipelines.cleaning.normalize import text_hash
from pipelines.cleaning.predicates import PREDICATES
from pipelines.cleaning.rules import GENERAL_RULES

PARA_1 = (
    "Russian President Vladimir Putin has arrived in China for a two-day state visit, as the two"
    " countries look to deepen a relationship that has grown closer since 2022."
)
PARA_2 = "The visit comes days after Russia launched a new offensive in the Kharkiv region."
PARA_3 = "China claims to be neutral in the conflict but has not condemned Moscow."


def clean(*lines: str, **context: object) -> CleanResult:
    return clean_text("\n".join(lines), ArticleContext(**context))  # type: ignore[arg-type]


def kept(result: CleanResult) -> list[str]:
    return result.text.split("\n") if result.text else []


def removed_by(result: CleanResult) -> dict[str, str]:
    return {line: rule for rule, line in result.removed}


# Related links


def test_keep_reading_list_is_removed_between_paragraphs() -> None:
    result = clean(
        PARA_1, "Keep reading", "Xi and Putin meet in Beijing", "What the summit means", PARA_2
    )

    assert kept(result) == [PARA_1, PARA_2]
    assert set(removed_by(result).values()) == {"related_links"}


@pytest.mark.parametrize(
    "header",
    [
        "Read more",
        "Related",
        "Related articles",
        "More on this story",
        "Recommended",
        "You may also like",
        "Most read",
        "Read more...",
        "Lire aussi",
    ],
)
def test_related_header_and_its_titles_are_removed(header: str) -> None:
    result = clean(PARA_1, header, "Ukraine war: latest news", "Who is Xi Jinping?", PARA_2)

    assert kept(result) == [PARA_1, PARA_2]


def test_screen_reader_markers_run_together_are_removed() -> None:
    result = clean(PARA_1, "Keep reading", "list of 4 itemsend of list", PARA_2)

    assert kept(result) == [PARA_1, PARA_2]
    assert removed_by(result)["list of 4 itemsend of list"] == "screen_reader_list"


def test_screen_reader_list_with_its_items_is_removed() -> None:
    result = clean(
        PARA_1,
        "list of 3 items",
        "First link.",
        "Second link.",
        "Third link.",
        "end of list",
        PARA_2,
    )

    assert kept(result) == [PARA_1, PARA_2]


def test_subheading_survives() -> None:
    result = clean(PARA_1, "Russia ‘useful’ for China", PARA_2)

    assert kept(result) == [PARA_1, "Russia ‘useful’ for China", PARA_2]


def test_related_list_stops_at_the_first_sentence() -> None:
    result = clean(PARA_1, "Related", "Putin visits Harbin", PARA_2, "A subheading", PARA_3)

    assert kept(result) == [PARA_1, PARA_2, "A subheading", PARA_3]


def test_trailing_rail_of_titles_and_teasers_is_removed() -> None:
    result = clean(
        PARA_1,
        PARA_2,
        "More from The Daily Planet",
        "Budget talks stall again",
        "Congress faces another deadline to fund the government.",
        "Storm season starts early",
        "Forecasters expect more hurricanes than usual this year.",
        "Rail fares rise again",
        "Commuters will pay five percent more from January.",
    )

    assert kept(result) == [PARA_1, PARA_2]


def test_short_paragraphs_after_a_related_header_are_kept() -> None:
    result = clean(
        PARA_1,
        "Related",
        "Putin visits Harbin",
        "Xi welcomed him at the airport.",
        "The talks lasted three hours.",
        "Both sides called them useful.",
    )

    assert kept(result)[1:] == [
        "Xi welcomed him at the airport.",
        "The talks lasted three hours.",
        "Both sides called them useful.",
    ]


def test_link_text_given_twice_is_removed() -> None:
    result = clean(PARA_1, "Budget talks stall again Budget talks stall again", PARA_2)

    assert kept(result) == [PARA_1, PARA_2]


# Read-also lines, counters and widgets


@pytest.mark.parametrize(
    "line",
    [
        "Read also: Putin takes oath for record fifth term",
        "Read Also: Putin Takes Oath For Record Fifth Presidential Term",
        "Also read: Xi visits Paris",
        "READ MORE: Russia presses offensive",
        "See also: Kharkiv offensive explained",
        "SEE ALSO: Kharkiv offensive explained",
        "Related: How the war changed Russia",
        "Lire aussi : La visite de Poutine en Chine",
    ],
)
def test_read_also_line_is_removed(line: str) -> None:
    assert kept(clean(PARA_1, line, PARA_2)) == [PARA_1, PARA_2]


def test_read_more_inside_a_sentence_is_kept() -> None:
    line = "Readers can read more about the plan in the full report, which runs to 40 pages."

    assert kept(clean(PARA_1, line)) == [PARA_1, line]


@pytest.mark.parametrize(
    "line",
    ["0", "207", "1.2K shares", "12 comments", "Comments (12)", "3,456 views", "45 Comments"],
)
def test_counter_line_is_removed(line: str) -> None:
    assert kept(clean(PARA_1, line, PARA_2)) == [PARA_1, PARA_2]


@pytest.mark.parametrize(
    "line",
    [
        *("+", "|", "•", "…", "___", "* * *"),
        *("Share", "Tweet", "Share this article", "Print", "Share Tweet Email"),
        *("Advertisement", "5 min read"),
    ],
)
def test_widget_line_is_removed(line: str) -> None:
    assert kept(clean(PARA_1, line, PARA_2)) == [PARA_1, PARA_2]


def test_numbers_inside_sentences_are_kept() -> None:
    lines = [
        "207 people were evacuated on Thursday.",
        "In 2024 the war went on",
        "Share prices fell.",
    ]

    assert kept(clean(*lines)) == lines


# Tags and author biographies


def test_tag_list_at_the_end_is_removed() -> None:
    result = clean(PARA_1, PARA_2, "Tags:", "Chinese President Xi JinpingGaza warKharkiv Region")

    assert kept(result) == [PARA_1, PARA_2]


@pytest.mark.parametrize("line", ["Topics: Russia, China, Ukraine", "Filed under: World"])
def test_tag_line_with_its_tags_is_removed(line: str) -> None:
    assert kept(clean(PARA_1, PARA_2, line)) == [PARA_1, PARA_2]


def test_paragraph_starting_with_topics_is_kept() -> None:
    line = "Topics discussed included trade, energy and the war in Ukraine."

    assert kept(clean(PARA_1, line)) == [PARA_1, line]


def test_author_profile_and_biography_are_removed() -> None:
    result = clean(PARA_1, PARA_2, "Author profile", "Jane Doe edits the Gazette. She paints too.")

    assert kept(result) == [PARA_1, PARA_2]


def test_about_the_author_with_two_paragraphs_is_removed() -> None:
    result = clean(PARA_1, "About the Author", "Jane Doe covers Asia.", "She lives in Seoul.")

    assert kept(result) == [PARA_1]


def test_closing_biography_with_contact_details_is_removed() -> None:
    bio = "Jane Doe is a reporter covering Asia. Follow her on X @janedoe."

    assert kept(clean(PARA_1, PARA_2, bio)) == [PARA_1, PARA_2]


def test_closing_paragraph_about_the_named_author_is_removed() -> None:
    bio = "Jane Doe has covered Asia since 2010."

    assert kept(clean(PARA_1, PARA_2, bio, authors=("Jane Doe",))) == [PARA_1, PARA_2]


def test_closing_paragraph_about_someone_else_is_kept() -> None:
    line = "John Roe is a reporter who was detained in Moscow last year."

    assert kept(clean(PARA_1, line, authors=("Jane Doe",))) == [PARA_1, line]


# Captions, photo credits and date lines


@pytest.mark.parametrize(
    "line",
    [
        "Xi and Putin met 42 times [File: Mark Ralston/Pool via AFP]",
        "Putin arrives in Beijing (AP Photo/Alexander Zemlianichenko)",
        "Putin and Xi shake hands (Reuters)",
        "Photo: Sergei Guneev/Sputnik",
        "Image: Protesters in Kyiv / Getty Images",
        "AFP via Getty Images",
    ],
)
def test_caption_or_photo_credit_is_removed(line: str) -> None:
    assert kept(clean(PARA_1, line, PARA_2)) == [PARA_1, PARA_2]


def test_line_equal_to_a_page_caption_is_removed() -> None:
    caption = "Putin and Xi at the Great Hall of the People in Beijing"
    result = clean(PARA_1, caption, caption + " Sputnik/Kremlin", PARA_2, captions=(caption,))

    assert kept(result) == [PARA_1, PARA_2]


def test_short_caption_does_not_swallow_paragraphs_starting_with_it() -> None:
    line = "Putin said the talks would go on."

    assert kept(clean(PARA_1, line, captions=("Putin",))) == [PARA_1, line]


def test_caption_above_its_credit_line_is_removed() -> None:
    result = clean(PARA_1, "Raye at the 2024 Brit Awards", "Credit: Ian West/PA Wire", PARA_2)

    assert kept(result) == [PARA_1, PARA_2]


def test_paragraph_above_a_credit_line_is_kept() -> None:
    assert kept(clean(PARA_1, "Credit: Ian West/PA Wire", PARA_2)) == [PARA_1, PARA_2]


@pytest.mark.parametrize(
    "line",
    [
        "“We [Russia] will not back down,” he said",
        "He called the plan “[a] betrayal” (in Russian)",
        "The sign read “Welcom to Beijing” [sic]",
        "Speeds reached 300 (km/h)",
    ],
)
def test_brackets_in_body_text_are_kept(line: str) -> None:
    assert kept(clean(PARA_1, line)) == [PARA_1, line]


@pytest.mark.parametrize(
    "line",
    [
        "Published On 16 May 2024",
        "Updated: 16 May 2024 10:32 GMT",
        "Last updated 3 hours ago",
        "16 May 202416 May 2024",
        "Thursday, May 16, 2024",
        "2024-05-16T10:32:00+00:00",
        "Published 16 May 2024 | Updated 17 May 2024",
    ],
)
def test_date_line_is_removed(line: str) -> None:
    assert kept(clean(PARA_1, line, PARA_2)) == [PARA_1, PARA_2]


def test_caption_run_together_with_date_is_removed() -> None:
    line = "Xi and Putin met 42 times [File: Mark Ralston/Pool via AFP]Published On 16 May 2024"

    assert kept(clean(line, PARA_1)) == [PARA_1]


def test_date_stamp_glued_to_text_leaves_the_text() -> None:
    assert kept(clean("Putin lands in Beijing.Updated 16 May 2024", PARA_1)) == [
        "Putin lands in Beijing.",
        PARA_1,
    ]


@pytest.mark.parametrize(
    "line",
    ["Published on 3 May, the report shows five deaths.", "Updated figures show 5 deaths."],
)
def test_sentence_starting_like_a_date_stamp_is_kept(line: str) -> None:
    assert kept(clean(PARA_1, line)) == [PARA_1, line]


# Headline, standfirst and excerpt


def test_repeated_headline_is_removed_whatever_its_quotes_and_case() -> None:
    result = clean(
        "‘OLD FRIEND’ Putin arrives in China", PARA_1, title="'Old friend' Putin arrives in China"
    )

    assert kept(result) == [PARA_1]


def test_headline_is_recognised_without_the_site_name() -> None:
    result = clean(
        "Putin arrives in China",
        PARA_1,
        title="Putin arrives in China | The Planet",
        site_name="The Planet",
    )

    assert kept(result) == [PARA_1]


def test_standfirst_before_the_date_line_is_removed() -> None:
    standfirst = "Latest visit comes as Russia presses a new offensive."
    result = clean(
        "Putin in China",
        standfirst,
        "16 May 2024",
        PARA_1,
        title="Putin in China",
        description=standfirst,
    )

    assert kept(result) == [PARA_1]


def test_description_equal_to_real_lead_is_kept() -> None:
    result = clean("Putin in China", PARA_1, PARA_2, title="Putin in China", description=PARA_1)

    assert kept(result) == [PARA_1, PARA_2]


def test_lead_after_byline_and_date_is_kept_even_when_it_is_the_description() -> None:
    result = clean("By Jane Doe", "16 May 2024", PARA_1, PARA_2, description=PARA_1)

    assert kept(result) == [PARA_1, PARA_2]


def test_standfirst_repeated_as_lead_leaves_one_copy() -> None:
    assert kept(clean(PARA_1, PARA_1, PARA_2, description=PARA_1)) == [PARA_1, PARA_2]


def test_standfirst_before_a_datelined_lead_is_removed() -> None:
    standfirst = "Latest visit comes as Russia presses a new offensive."
    result = clean(standfirst, "BEIJING — " + PARA_1, description=standfirst)

    assert kept(result) == [PARA_1]
    assert result.dateline == "BEIJING"


@pytest.mark.parametrize("ellipsis", ["[…]", "[...]", "…", "..."])
def test_excerpt_repeated_by_the_following_paragraphs_is_removed(ellipsis: str) -> None:
    excerpt = f"{PARA_1} {PARA_2[:30]}{ellipsis}"

    assert kept(clean(excerpt, PARA_1, PARA_2)) == [PARA_1, PARA_2]


def test_line_ending_in_ellipsis_without_a_copy_is_kept() -> None:
    line = "He paused, looked at the delegation and said he would think about it…"

    assert kept(clean(PARA_1, line, PARA_2)) == [PARA_1, line, PARA_2]


# Credits


@pytest.mark.parametrize(
    "line",
    [
        "Source: Al Jazeera and news agencies",
        "With reporting by Erin Hale in Taipei",
        "Additional reporting by John Roe",
        "Reporting by Jane Doe; Editing by John Roe",
        "(Reporting by Jane Doe in Beijing)",
        "Compiled by the news desk",
        "Written by Jane Doe",
        "Jane Doe and John Roe contributed to this report.",
    ],
)
def test_credit_line_at_the_end_moves_to_credits(line: str) -> None:
    result = clean(PARA_1, PARA_2, line)

    assert kept(result) == [PARA_1, PARA_2]
    assert result.credits == [line]


def test_source_line_mid_article_is_kept() -> None:
    line = "Source: a senior official said the talks would resume next week."
    result = clean(PARA_1, line, PARA_2, PARA_3, PARA_1)

    assert line in kept(result)
    assert result.credits == []


def test_source_sentence_as_last_paragraph_is_kept() -> None:
    line = "Source: a senior official said the talks would resume."

    assert kept(clean(PARA_1, line)) == [PARA_1, line]


def test_credits_keep_their_order_and_survive_a_tag_list() -> None:
    result = clean(PARA_1, "Reporting by Jane Doe", "Tags:", "Russia China", "Source: Agencies")

    assert kept(result) == [PARA_1]
    assert result.credits == ["Reporting by Jane Doe", "Source: Agencies"]


# Datelines


@pytest.mark.parametrize(
    ("lead", "dateline"),
    [
        ("BEIJING. Russian President Vladimir Putin arrived.", "BEIJING"),
        ("WASHINGTON — The Senate voted.", "WASHINGTON"),
        ("WASHINGTON – The Senate voted.", "WASHINGTON"),
        ("KYIV, Ukraine (AP) — The Senate voted.", "KYIV, Ukraine"),
        ("LONDON (Reuters) - The Senate voted.", "LONDON"),
        ("WASHINGTON, March 4 (Reuters) - The Senate voted.", "WASHINGTON"),
        ("ISLAMABAD: The Senate voted.", "ISLAMABAD"),
        ("SÃO PAULO — The Senate voted.", "SÃO PAULO"),
    ],
)
def test_dateline_with_agency_is_moved_out(lead: str, dateline: str) -> None:
    result = clean(lead, PARA_2)

    assert result.dateline == dateline
    assert kept(result)[0] in ("The Senate voted.", "Russian President Vladimir Putin arrived.")


@pytest.mark.parametrize(
    "lead",
    [
        "NATO — the alliance — said it would help.",
        "U.S. officials said the talks would resume.",
        "U.S. President Joe Biden said so.",
        "BREAKING: Putin lands in Beijing.",
        "Russian President Vladimir Putin arrived.",
        # A kicker before a headline: the headline does not end like the lede would.
        "FUTILE EXERCISE: Council’s bridge inquiry GOES NOWHERE",
    ],
)
def test_capitalised_opening_that_is_no_place_is_not_a_dateline(lead: str) -> None:
    result = clean(lead)

    assert result.dateline is None
    assert kept(result) == [lead]


def test_dateline_is_read_from_the_first_paragraph_only() -> None:
    second = "LONDON — Britain said it would send aid."
    result = clean(PARA_1, second)

    assert result.dateline is None
    assert kept(result) == [PARA_1, second]


def test_dateline_on_its_own_line_is_moved_out() -> None:
    result = clean("BEIJING —", PARA_1)

    assert result.dateline == "BEIJING"
    assert kept(result) == [PARA_1]


# Outlet patterns, normalisation, the rule table


def test_outlet_pattern_removes_matching_lines() -> None:
    result = clean(PARA_1, "Our Pledge: The Planet Principles.", extra_patterns=(r"^Our Pledge:",))

    assert kept(result) == [PARA_1]
    assert result.removed == [("outlet_pattern", "Our Pledge: The Planet Principles.")]


def test_bad_outlet_pattern_raises_value_error() -> None:
    with pytest.raises(ValueError, match="bad boilerplate pattern"):
        clean(PARA_1, extra_patterns=("([unclosed",))


def test_blank_lines_and_stray_whitespace_are_tolerated() -> None:
    result = clean_text(f"\n\n  {PARA_1}  \n\n\t\n{PARA_2}\u00a0\n")

    assert kept(result) == [PARA_1, PARA_2]


def test_text_hash_ignores_whitespace_and_unicode_form() -> None:
    assert text_hash("Caf\u00e9  au\nlait") == text_hash("Cafe\u0301 au lait")
    assert clean(PARA_1, PARA_2).text_hash == text_hash(f"{PARA_1} {PARA_2}")


def test_word_count_counts_the_clean_text() -> None:
    assert clean("One two three.", "Share", "Four five.").word_count == 5


def test_empty_text_gives_an_empty_result() -> None:
    result = clean_text("")

    assert (result.text, result.word_count, result.removed) == ("", 0, [])


def test_every_rule_names_a_known_predicate_and_a_unique_name() -> None:
    names = [rule.name for rule in GENERAL_RULES]

    assert len(names) == len(set(names))
    for rule in GENERAL_RULES:
        for predicate in (rule.check, rule.item):
            assert predicate is None or predicate in PREDICATES, rule.name


def test_related_list_closed_by_an_end_marker_is_removed_with_it() -> None:
    result = clean(PARA_1, "Recommended", "Xi and Putin meet", "end of list", PARA_2)

    assert kept(result) == [PARA_1, PARA_2]


def test_standfirst_cut_short_in_the_description_is_still_recognised() -> None:
    standfirst = "Latest visit comes as Russia presses a new offensive on Kharkiv region."
    result = clean(standfirst, "By Jane Doe", PARA_1, description=standfirst[:40] + "…")

    assert kept(result) == [PARA_1]


@pytest.mark.parametrize(
    "line", ["10:32 " * 15 + "x", "2024-05-16 " * 15 + "x", "16 May " * 8 + "x", "(" + "AP " * 70]
)
def test_lines_of_near_dates_and_credits_are_rejected_quickly(line: str) -> None:
    started = time.perf_counter()

    assert kept(clean(PARA_1, line)) == [PARA_1, line.strip()]
    assert time.perf_counter() - started < 0.5


def test_paragraph_starting_like_a_tag_line_is_kept() -> None:
    line = "Topics: the summit will cover trade, energy and security, officials said."

    assert kept(clean(PARA_1, line)) == [PARA_1, line]


@pytest.mark.parametrize(
    "line", ["Also on Monday, officials met.", "More from the interview follows below."]
)
def test_sentence_opening_like_a_related_header_is_kept(line: str) -> None:
    assert kept(clean(PARA_1, line, "Short title line", PARA_2)) == [
        PARA_1,
        line,
        "Short title line",
        PARA_2,
    ]


def test_standards_notice_closing_the_article_is_removed() -> None:
    text = (
        "The council voted on Tuesday to close the bridge for repairs over the summer.\n"
        "Our Standards: The Trust Principles."
    )

    result = clean_text(text)

    assert (
        result.text
        == "The council voted on Tuesday to close the bridge for repairs over the summer."
    )
    assert [rule for rule, _line in result.removed] == ["standards_notice"]


def test_a_sentence_about_editorial_standards_is_kept() -> None:
    text = "Our standards are under review, the editor told staff on Monday in a memo."

    assert clean_text(text).text == text
