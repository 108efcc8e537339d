"""Every rule of the screen, by category module (compiled once by bot.safety.engine)."""

from __future__ import annotations

from bot.safety.patterns.context import FEATURES, TIME_FRAMES
from bot.safety.patterns.emergency import EMERGENCY
from bot.safety.patterns.harm import SELF_HARM
from bot.safety.patterns.hiding import HIDING
from bot.safety.patterns.idioms import FRAMES, IDIOMS
from bot.safety.patterns.indirect import INDIRECT
from bot.safety.patterns.medication import MEDICATION
from bot.safety.patterns.moderate import MODERATE
from bot.safety.patterns.mood import MOOD
from bot.safety.patterns.others import OTHERS
from bot.safety.patterns.signs import SIGNS
from bot.safety.patterns.spanish import SPANISH
from bot.safety.patterns.suicide import METHOD, SUICIDE
from bot.safety.patterns.use import USE
from bot.safety.patterns.violence import VIOLENCE
from bot.safety.rules import Rule


def all_rules() -> list[Rule]:
    """Risk rules, then context features, then idioms and frames."""
    return [
        *SUICIDE, *METHOD, *SELF_HARM, *EMERGENCY, *VIOLENCE, *USE, *MOOD, *SPANISH,
        *OTHERS, *MEDICATION, *INDIRECT, *SIGNS, *MODERATE, *HIDING,
        *FEATURES, *TIME_FRAMES, *IDIOMS, *FRAMES,
    ]
