"""The staff console: the escalation queue, client timelines, enrolment and admin.

`setup` adds the deny-by-default guard for the whole gateway (AC-1), the JSON API under
/api/staff/ (described at /api/openapi.json) and the pages under /staff/.
"""

from __future__ import annotations

from aiohttp import web

from bot.clinic import load_clinic
from bot.console import (
    admin_api,
    auth_api,
    clients_api,
    config,
    guard,
    openapi,
    outreach_api,
    pages,
    queue_api,
    view_audit,
)
from bot.settings import Settings


def setup(app: web.Application, settings: Settings) -> None:
    config.install(app, settings)
    view_audit.setup(app)
    app.middlewares.append(guard.guard)
    auth_api.setup(app)
    queue_api.setup(app, load_clinic(settings.clinic_config))
    clients_api.setup(app)
    outreach_api.setup(app)
    admin_api.setup(app)
    openapi.setup(app)
    pages.setup(app)
