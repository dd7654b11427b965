"""Benchmarks run by hand, not tests: python -m bench.extraction, python -m bench.cluster."""
