"""Copies: exact and near copies between articles, clustered, each cluster with its original."""
