"""First-run setup: an admin account and a demo client, so a newcomer can try everything."""

from __future__ import annotations

from dataclasses import dataclass

from bot.settings import Settings
from bot.store import clients, staff


@dataclass(frozen=True)
class FirstRun:
    admin_username: str | None = None
    admin_password: str | None = None
    demo_chat_url: str | None = None


def chat_url(settings: Settings, token: str) -> str:
    """The chat link; the token rides in the fragment, which browsers never send to servers."""
    return f"{settings.public_url}/chat#t={token}"


def first_run(settings: Settings) -> FirstRun:
    """Create the admin and demo client only when the database has none."""
    admin_user = admin_password = demo_url = None
    if staff.count_staff() == 0:
        admin_user, admin_password = "admin", staff.generate_password()
        staff.add_staff(admin_user, "admin", admin_password, must_change=True)
    if clients.count_clients() == 0:
        demo = clients.enroll_client("Demo client", token_days=settings.chat_token_days)
        demo_url = chat_url(settings, demo.chat_token)
    return FirstRun(admin_user, admin_password, demo_url)
