from __future__ import annotations

from pathlib import Path

import pytest

from crawler.story import StoryError, load_story
from pipelines.relevance.match import match_query
from pipelines.relevance.query import QuerySyntaxError, parse_query


def matches(query: str, text: str) -> bool:
    return match_query(parse_query(query), text).matched


def test_and_or_not_and_parentheses_combine_as_written() -> None:
    query = "(Putin OR Kremlin) AND China NOT inauguration"
    assert matches(query, "The Kremlin said China would host the talks.")
    assert not matches(query, "Putin's inauguration: China sent an envoy.")
    assert not matches(query, "Putin spoke in Moscow.")


def test_words_side_by_side_mean_and_and_operators_ignore_case() -> None:
    assert matches("putin xi", "Xi met Putin")
    assert not matches("putin xi", "Putin alone")
    assert matches("putin or xi", "Xi alone")


def test_matching_ignores_case_in_any_script() -> None:
    assert matches("Путин AND Китай*", "ПУТИН прибыл в Китай; визит в Китае продлится два дня")
    assert matches("putin", "PUTIN ARRIVES")


def test_chinese_terms_match_inside_unsegmented_text() -> None:
    assert matches("普京 AND 中国", "俄罗斯总统普京抵达北京，开始对中国进行国事访问。")
    assert not matches("普京", "习近平会见外宾")


def test_quoted_phrase_needs_the_words_in_order() -> None:
    assert matches('"state visit"', "a two-day state visit to China")
    assert not matches('"state visit"', "visit of state")


def test_near_matches_within_the_distance_only() -> None:
    text = "Putin " + "word " * 10 + "Xi"
    assert matches("Putin NEAR/11 Xi", text)
    assert not matches("Putin NEAR/5 Xi", text)


def test_prefix_wildcard_matches_word_forms() -> None:
    assert matches("Путин*", "визит Путина в Пекин")
    assert not matches("Путин", "визит Путина в Пекин")


def test_matched_terms_are_reported_as_evidence() -> None:
    result = match_query(parse_query("Putin AND (China OR Beijing)"), "Putin landed in Beijing")
    assert result.found == ["putin", "beijing"]


@pytest.mark.parametrize(
    ("query", "position", "words"),
    [
        ("Putin AND", 10, "ends where a word was expected"),
        ("(Putin OR Xi", 1, "never closed"),
        ("Putin OR Xi)", 12, "unmatched ')'"),
        ('Putin AND "state visit', 11, "unterminated quoted phrase"),
        ("Putin NEAR Xi", 7, "NEAR needs a distance"),
        ("(Putin OR Xi) NEAR/5 China", 15, "NEAR joins two words"),
        ("Putin AND OR Xi", 11, "expected a word"),
        ("", 1, "empty"),
        ("()", 1, "empty parentheses"),
    ],
)
def test_syntax_errors_name_their_position(query: str, position: int, words: str) -> None:
    with pytest.raises(QuerySyntaxError) as error:
        parse_query(query)
    assert error.value.position == position
    assert words in str(error.value)
    assert f"at character {position}" in str(error.value)


def test_story_file_with_a_bad_query_is_refused_naming_field_and_position(tmp_path: Path) -> None:
    story = tmp_path / "story.toml"
    story.write_text(
        'name = "s"\ntitle = "t"\nquery = "Putin AND (China"\n'
        "[window]\nstart = 2024-05-16\nend = 2024-05-17\n"
        '[[sources]]\noutlet = "O"\nfeeds = ["https://o.example/feed"]\n'
    )
    with pytest.raises(StoryError, match=r"field 'query' has a syntax error: .* at character 11"):
        load_story(story)


def test_story_exemplars_are_read_relative_to_the_story_file(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text("Putin arrived in Beijing.")
    story = tmp_path / "seeds" / "story.toml"
    base = (
        'name = "s"\ntitle = "t"\nlanguages = ["en", "RU"]\nexemplars = [{files}]\n'
        "[window]\nstart = 2024-05-16\nend = 2024-05-17\n"
        '[[sources]]\noutlet = "O"\nfeeds = ["https://o.example/feed"]\n'
    )
    story.write_text(base.format(files='"a.txt"'))
    loaded = load_story(story)
    assert loaded.exemplar_texts() == ["Putin arrived in Beijing."]
    assert loaded.languages == ("en", "ru")

    story.write_text(base.format(files='"missing.txt"'))
    with pytest.raises(StoryError, match=r"field 'exemplars\[0\]' cannot be read"):
        load_story(story)
