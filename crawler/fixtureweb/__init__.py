"""A deterministic offline copy of four news outlets (plus an optional hostile one) and its server.

Build the web with ``crawler.fixtureweb.site.build_fixture_web`` and serve it on loopback with
``crawler.fixtureweb.server.FixtureServer``; ``scrapy fixtures serve`` does both from the shell.
"""
