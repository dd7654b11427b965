"""Distributed crawling: several processes share one Redis frontier (scrapy-redis)."""
