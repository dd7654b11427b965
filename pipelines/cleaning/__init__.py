"""Cleaning: strip the boilerplate that extraction leaves around an article's text."""

from pipelines.cleaning.cleaner import ArticleContext, CleanResult, clean_text

__all__ = ["ArticleContext", "CleanResult", "clean_text"]
