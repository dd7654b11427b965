"""Alembic migrations of the storywatch database; run them through pipelines.storage.migrate."""
