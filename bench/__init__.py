"""Benchmarks: extraction quality and speed on folders of saved, annotated pages."""
