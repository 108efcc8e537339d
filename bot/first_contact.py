"""The first-contact notice: what the companion is, that it is not for emergencies, and that
the care team sees risk flags (no secrecy is promised).

The action server sends NOTICE once per client at the start of its first session. The gateway
(bot/gateway/arrange.py) recognises it: after a crisis card it becomes SHORT, one line; on the
web chat it is dropped from an ordinary turn, because the page's own greeting already says it.
"""

from __future__ import annotations

NOTICE = (
    "Hi, I'm your program's recovery companion, an automated assistant, not a person. I can "
    "log cravings and triggers and answer program questions. I'm not for emergencies: call "
    "911, or call or text 988. Your care team can see risk flags and may follow up."
)
SHORT = "I'm an automated assistant, not a person, and I'm not watched around the clock."
