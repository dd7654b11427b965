"""storywatch's scrapy commands: crawl, demo, extract, export, db, fixtures."""
