import gzip
import json
from pathlib import Path

import pytest

from bench.extraction import main, run
from bench.pages import load_pages
from bench.shingles import score_page

BODY = ["alpha beta gamma delta epsilon", "[A Subheading Here]", "zeta eta theta iota kappa"]
FULL = "alpha beta gamma delta epsilon\nzeta eta theta iota kappa"


def test_exact_extraction_scores_one_with_or_without_optional_paragraphs():
    assert score_page(FULL, BODY).f1 == 1.0
    with_optional = "alpha beta gamma delta epsilon\nA subheading here\nzeta eta theta iota kappa"
    assert score_page(with_optional, BODY).f1 == 1.0


def test_missing_paragraph_lowers_recall_only():
    # Required shingles: 2 from each required paragraph; the first paragraph alone finds 2 of 4.
    score = score_page("alpha beta gamma delta epsilon", BODY)

    assert score.precision == 1.0
    assert score.recall == 0.5
    assert score.f1 == pytest.approx(2 / 3)


def test_boilerplate_lowers_precision_only():
    # FULL's 10 words give 7 shingles, all good; 4 words of noise add 4 shingles, none good.
    score = score_page(FULL + "\nsign up now please", BODY)

    assert score.recall == 1.0
    assert score.precision == pytest.approx(7 / 11)


def test_empty_extraction_counts_as_empty_with_zero_scores():
    score = score_page(None, BODY)

    assert score.empty
    assert (score.precision, score.recall, score.f1) == (0.0, 0.0, 0.0)


def test_repeated_text_is_counted_once_as_good():
    score = score_page(FULL + "\n" + FULL, BODY)

    assert score.recall == 1.0
    assert score.precision < 1.0


PARAGRAPHS = [
    "Officials in the capital confirmed on Tuesday that the new bridge would open next spring,"
    " after three years of delays caused by flooding and a shortage of steel.",
    "The mayor said the crossing would cut the journey between the two districts by half and"
    " take thousands of lorries off the old road through the town centre.",
    "Residents who had campaigned against the project said they would keep watching how the"
    " council spends the money that is left over from the construction budget.",
]
PAGE = """<html><head><title>Bridge to open in spring</title></head><body>
<article>{}</article></body></html>"""


def write_set(root: Path) -> None:
    (root / "html").mkdir()
    truth = {}
    for n, body in enumerate([PARAGRAPHS, PARAGRAPHS[:2]]):
        html = PAGE.format("".join(f"<p>{p}</p>" for p in body))
        name = f"Planet_{n}.html.gz"
        (root / "html" / name).write_bytes(gzip.compress(html.encode()))
        truth[name] = {"url": f"https://planet.test/news/{n}", "body": body}
    # The third page's annotation holds a paragraph that its HTML lacks.
    html = PAGE.format("".join(f"<p>{p}</p>" for p in PARAGRAPHS[:2]))
    (root / "html" / "Planet_2.html.gz").write_bytes(gzip.compress(html.encode()))
    truth["Planet_2.html.gz"] = {"url": "https://planet.test/news/2", "body": PARAGRAPHS}
    (root / "ground_truth.json").write_text(json.dumps(truth), encoding="utf-8")


def test_scorer_runs_every_extractor_over_a_folder_and_scores_each_page(tmp_path):
    write_set(tmp_path)

    tallies = run(load_pages(tmp_path))

    for tally in tallies.values():
        assert tally.scores["Planet_0.html.gz"].f1 == 1.0
        assert tally.scores["Planet_1.html.gz"].f1 == 1.0
        missed = tally.scores["Planet_2.html.gz"]
        assert missed.precision == 1.0
        assert 0.5 < missed.recall < 0.8


def test_scorer_command_prints_a_final_json_line_with_overall_figures(tmp_path, capsys):
    write_set(tmp_path)

    assert main([str(tmp_path)]) == 0

    overall = json.loads(capsys.readouterr().out.splitlines()[-1])
    assert overall["pages"] == 3
    for name in ("storywatch", "trafilatura", "trafilatura_precision"):
        assert overall[name]["empty"] == 0
        assert overall[name]["precision"] == 1.0
        assert set(overall[name]) == {"precision", "recall", "f1", "empty", "pages_per_second"}
    assert overall["worse_than_trafilatura"] == 0


def test_scorer_command_without_pages_exits_2(tmp_path, capsys):
    (tmp_path / "ground_truth.json").write_text("{}", encoding="utf-8")

    assert main([str(tmp_path)]) == 2
