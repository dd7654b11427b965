"""Item pipelines: extract, clean and store articles."""
