"""Deterministic risk screen for inbound client messages (see docs/safety.md).

    from bot.safety import screen
    result = screen(text)          # ScreenResult(level, category, evidence)
    if result.is_risk: ...         # escalate per clinical-safety.md, reply via crisis_reply()
"""

from __future__ import annotations

from bot.safety.levels import CATEGORIES, LEVELS, NO_RISK, ScreenResult, level_rank
from bot.safety.resources import CARE_TEAM_NOTIFIED, CARE_TEAM_SEES_FLAGS, crisis_reply
from bot.safety.screen import screen, screen_async

__all__ = [
    "CARE_TEAM_NOTIFIED",
    "CARE_TEAM_SEES_FLAGS",
    "CATEGORIES",
    "LEVELS",
    "NO_RISK",
    "ScreenResult",
    "crisis_reply",
    "level_rank",
    "screen",
    "screen_async",
]
