"""Craving check-ins (re-exported so callers import by concern)."""

from bot.store.logs import save_checkin

__all__ = ["save_checkin"]
