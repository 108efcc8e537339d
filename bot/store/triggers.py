"""Trigger logs (re-exported so callers import by concern)."""

from bot.store.logs import save_trigger

__all__ = ["save_trigger"]
