"""Discovery: reading the listings (feeds, sitemaps, section pages) that point to articles."""
