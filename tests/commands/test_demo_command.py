from tests.commands.cli import scrapy


def test_demo_prints_the_coverage_report_and_a_second_demo_fetches_nothing(tmp_path):
    env = {"DATABASE_URL": f"sqlite:///{tmp_path}/demo.db"}
    first = scrapy("demo", env=env, timeout=300)

    assert first.returncode == 0, first.stderr[-2000:]
    out = first.stdout
    assert "Crawl finished" in out
    assert "Al Jazeera" in out and "Newsworld" in out
    assert "‘Old friend’ Putin arrives in China" in out
    assert "copy of Al Jazeera (syndicated)" in out
    assert "copy of Al Jazeera (duplicate)" in out
    # Off-topic decoys are stored but are not coverage.
    assert "Cannes" not in out
    assert out.splitlines()[-1] == "5 articles from 5 outlets: 3 originals, 2 copies"
    assert " 0 new" not in out

    second = scrapy("demo", env=env, timeout=300)

    assert second.returncode == 0, second.stderr[-2000:]
    assert "0 fetched, 0 stored; 0 new, 0 updated." in second.stdout
    # What the first run stored is still reported.
    assert second.stdout.splitlines()[-1] == "5 articles from 5 outlets: 3 originals, 2 copies"
