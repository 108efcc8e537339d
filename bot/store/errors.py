"""Store errors callers can catch without importing SQLAlchemy."""


class StoreError(RuntimeError):
    """A write or read could not be completed; the caller must tell the person, not hide it."""
