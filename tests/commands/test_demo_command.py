from tests.commands.cli import scrapy


def test_demo_crawls_the_fixture_web_and_prints_the_stored_articles(tmp_path):
    result = scrapy("demo", env={"DATABASE_URL": f"sqlite:///{tmp_path}/demo.db"}, timeout=300)

    assert result.returncode == 0, result.stderr[-2000:]
    out = result.stdout
    assert "Crawl finished" in out
    assert "Al Jazeera" in out and "Newsworld" in out
    assert "‘Old friend’ Putin arrives in China" in out
    assert "articles stored" in out.splitlines()[-1]
