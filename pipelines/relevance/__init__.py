"""Relevance: is an article about the story? Query, exemplar similarity and date window."""
