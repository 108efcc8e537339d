"""Where the test PostgreSQL is (a plain module: `conftest` is ambiguous between directories)."""

from __future__ import annotations

import os

PG_ADMIN_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
