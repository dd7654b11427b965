"""Extraction: article text and metadata from fetched HTML, in worker processes."""
