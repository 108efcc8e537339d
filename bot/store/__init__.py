"""Persistence for the companion: SQLAlchemy models and small repository modules by concern."""
