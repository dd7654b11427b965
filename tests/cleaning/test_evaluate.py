"""The evaluation command scores a page set: body removed, boilerplate removed."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from pipelines.cleaning.evaluate import evaluate, main

BODY = [
    "Russian President Vladimir Putin arrived in Beijing on Thursday for a two-day state visit,"
    " underscoring the deepening alliance between Russia and China.",
    "The visit comes days after Russia launched a new offensive in the northeastern Kharkiv"
    " region of Ukraine, officials said on Wednesday.",
    "China claims to be neutral in the conflict but has not condemned Moscow for its invasion.",
]
PAGE = """<html><head><title>Putin visits China</title>
<meta name="description" content="Putin lands in Beijing."></head>
<body><article><h1>Putin visits China</h1>
<p>{0}</p><p>Read also: Xi meets Macron in Paris</p><p>{1}</p><p>{2}</p>
</article></body></html>"""


def write_set(root: Path) -> None:
    (root / "html").mkdir()
    html = PAGE.format(*BODY).encode()
    (root / "html" / "Planet_0.html.gz").write_bytes(gzip.compress(html))
    truth = {"Planet_0.html.gz": {"url": "https://planet.test/a", "body": BODY}}
    (root / "ground_truth.json").write_text(json.dumps(truth), encoding="utf-8")


def test_evaluation_counts_removed_boilerplate_and_no_body(tmp_path: Path) -> None:
    write_set(tmp_path)

    score = evaluate(tmp_path)

    assert score.pages == 1
    assert score.body_removed == []
    assert score.boilerplate_before == 2  # the headline and the "Read also" line
    assert score.boilerplate_removed == 2


def test_evaluation_command_prints_the_figures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_set(tmp_path)

    assert main([str(tmp_path)]) == 0
    assert "body lines wrongly removed: 0" in capsys.readouterr().out
