"""Spiders: story (a story file's sources) and urls (an ad hoc list)."""
