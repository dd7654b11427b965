"""The storywatch Scrapy project: settings, items, spiders and commands."""
