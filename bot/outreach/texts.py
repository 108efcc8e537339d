"""What outreach says. A prompt shows on a lock screen, so it names no condition, substance,
program or group: only a first name, "check-in" and a time (the rule in docs/outreach.md).

Everything is GSM-7 and within 2 SMS segments (tests check each template with sms_segments).
"""

from __future__ import annotations

import re
from datetime import time

from bot.outreach.times import spoken

# Button payloads are intents, so a tap (web) or "1"/"2" (SMS, mapped by sms_buttons) reaches
# the dialogue the same way whatever the NLU makes of it. "Not now" is a plain stop ("Okay,
# I'll leave it there"). No title is an SMS keyword: a typed "Start" would opt back in.
START = {"title": "Let's go", "payload": "/outreach_start"}
LATER = {"title": "Not now", "payload": "/stop"}
PROMPT_BUTTONS = [START, LATER]


def first_name(display_name: str | None) -> str:
    """The first word of the client's name, if it looks like one; else "there"."""
    words = re.findall(r"[A-Za-z][A-Za-z'-]{0,19}", display_name or "")
    return words[0] if words else "there"


def daily_prompt(name: str) -> str:
    return f"Hi {name}, it's time for your daily check-in."


def weekly_prompt(name: str) -> str:
    return f"Hi {name}, it's time for your weekly check-in. It takes about 2 minutes."


def check_back_prompt(name: str) -> str:
    """The check-back the person asked for after coping help (bot.outreach.check_back)."""
    return f"Hi {name}, checking back in like you asked. How are you doing now?"


def session_reminder(name: str, start: time, today: bool) -> str:
    day = "today" if today else "tomorrow"
    return f"Hi {name}, a reminder: your group starts {day} at {spoken(start)}. See you there!"


def daily_set(at: time, zone_label: str) -> str:
    return (f"Okay! I'll check in with you every day at {spoken(at)} ({zone_label}). "
            "To change it, tell me a new time. To stop, say \"stop the daily check-ins\".")


def daily_stopped() -> str:
    return ("Okay, I've stopped the daily check-ins. You can still check in any time, or say "
            "\"remind me at 8pm\" to start them again.")


def nothing_to_stop() -> str:
    return ("You don't have daily check-ins set up right now. Say \"remind me at 8pm\" if "
            "you'd like them.")


def weekly_stopped() -> str:
    return "Okay, I've stopped the weekly check-ins. Your counselor can turn them back on."


def reminders_stopped() -> str:
    return "Okay, no more group reminders. Your counselor can turn them back on."


def ask_time() -> str:
    return "Sure! What time of day works best? For example 8am or 7:30pm."


def _both(am: time) -> tuple[str, str]:
    pm = time(am.hour + 12, am.minute)
    return spoken(am), spoken(pm)


def ask_half(am: time) -> str:
    morning, evening = _both(am)
    return f"Is that {morning} or {evening}?"


def half_buttons(am: time) -> list[dict[str, str]]:
    """Payloads are full sentences, so a tap or "1"/"2" sets the time in one step."""
    return [{"title": said, "payload": f"remind me at {said.replace(' ', '').lower()}"}
            for said in _both(am)]


def timezone_set(zone_label: str, at: time | None) -> str:
    tail = f" Your daily check-in stays at {spoken(at)} your time." if at else ""
    return f"Got it, I'll use {zone_label} for you.{tail}"


def timezone_unknown() -> str:
    return ("Sorry, I don't know that time zone. Try Eastern, Central, Mountain, Pacific, "
            "Alaska or Hawaii, or a city like Chicago.")


def storage_failed() -> str:
    return "Sorry, I couldn't save that right now. Please try again in a little while."
