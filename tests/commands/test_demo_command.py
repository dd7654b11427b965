from tests.commands.cli import scrapy


def test_demo_crawls_the_fixture_web_and_prints_the_coverage_report(tmp_path):
    result = scrapy("demo", env={"DATABASE_URL": f"sqlite:///{tmp_path}/demo.db"}, timeout=300)

    assert result.returncode == 0, result.stderr[-2000:]
    out = result.stdout
    assert "Crawl finished" in out
    assert "Al Jazeera" in out and "Newsworld" in out
    assert "‘Old friend’ Putin arrives in China" in out
    assert "copy of Al Jazeera (syndicated)" in out
    assert "copy of Al Jazeera (duplicate)" in out
    # Off-topic decoys are stored but are not coverage.
    assert "Cannes" not in out
    assert out.splitlines()[-1] == "5 articles from 5 outlets: 3 originals, 2 copies"
