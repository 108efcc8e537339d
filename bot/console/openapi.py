"""The OpenAPI document for /api/staff/ (served at /api/openapi.json).

It is written by hand in openapi.yaml; one rule is applied here so no operation can forget
it: every state-changing operation (except signing in) needs the session and the CSRF token.
"""

from __future__ import annotations

import copy
from functools import lru_cache
from pathlib import Path

import yaml
from aiohttp import web

SOURCE = Path(__file__).resolve().parent / "openapi.yaml"
STATE_CHANGING = ("post", "put", "patch", "delete")
WITH_CSRF = [{"staffSession": [], "csrfToken": []}]


@lru_cache(maxsize=1)
def document() -> dict:
    doc = yaml.safe_load(SOURCE.read_text(encoding="utf-8"))
    for path, item in doc["paths"].items():
        for method in STATE_CHANGING:
            operation = item.get(method)
            if operation is not None and path != "/api/staff/login":
                operation["security"] = copy.deepcopy(WITH_CSRF)
    return doc


async def serve(_request: web.Request) -> web.Response:
    return web.json_response(document())


def setup(app: web.Application) -> None:
    app.router.add_get("/api/openapi.json", serve)
