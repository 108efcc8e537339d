"""AU-2: a real Rasa failure leaves no message text in any process's log.

The stack runs with BOT_LOG_DIR, so every child's output is on disk. Rasa's tracker store is
made to refuse writes (a trigger on its events table), the failure Rasa reports by quoting the
SQL error, whose parameters hold the events and so the person's words. The canary must be in
no log line; the failure itself must be logged.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from chat_client import Chat

from bot.stack import running_stack
from bot.training import MODEL_PATH

pytestmark = pytest.mark.e2e
CANARY = "canary-au2-9c4e I keep thinking about Bartholomew's pills"


def test_au2_a_failing_rasa_turn_logs_no_message_text(tmp_path):
    assert MODEL_PATH.is_file(), "train first: make test trains models/current.tar.gz"
    logs = tmp_path / "logs"
    with running_stack(tmp_path / "var", extra_env={"BOT_LOG_DIR": str(logs)},
                       only={"rasa", "action server", "gateway"}) as stack:
        chat = Chat(stack, "AU2 client")
        chat.say("hi")  # the tracker's tables exist and the conversation is open
        tracker = Path(stack.env["TRACKER_DATABASE_URL"].removeprefix("sqlite:///"))
        with sqlite3.connect(tracker) as conn:
            conn.execute("CREATE TRIGGER au2_refuse BEFORE INSERT ON events "
                         "BEGIN SELECT RAISE(ABORT, 'tracker write refused'); END")
        chat.send(CANARY)  # answered or not, the failure is what matters here
    written = {p.name: p.read_text(errors="replace") for p in logs.glob("*.log")}
    assert {"rasa.log", "gateway.log", "action-server.log"} <= set(written)
    everything = "\n".join(written.values())
    assert "tracker write refused" in everything or "IntegrityError" in everything, \
        written["rasa.log"][-3000:]  # the failure happened and was logged...
    for secret in ("canary-au2-9c4e", "Bartholomew"):
        assert secret not in everything  # ...without the person's words
