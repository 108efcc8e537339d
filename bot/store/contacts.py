"""Contact requests (re-exported so callers import by concern)."""

from bot.store.logs import save_contact_request

__all__ = ["save_contact_request"]
