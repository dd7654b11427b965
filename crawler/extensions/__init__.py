"""Scrapy extensions: behaviour that spans a whole crawl rather than one request or item."""
