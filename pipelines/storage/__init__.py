"""Storage: the article database, its migrations, the store pipeline and the export."""
