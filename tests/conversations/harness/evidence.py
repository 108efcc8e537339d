"""What one turn left behind: the replies shown, and the actions and responses Rasa ran.

The actions and response names come from Rasa's tracker store (the `events` table of the
SQL tracker store the stack writes), read between two turns of one sender, so the judge can
prefer names over wording. Replies the gateway adds itself (crisis resources, SMS notices)
never reach the tracker; they are judged by their text.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine


@dataclass
class TurnEvidence:
    user: str
    replies: list[str] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)
    responses: list[str] = field(default_factory=list)
    intent: str | None = None  # what the NLU read (a diagnostic, never judged)
    error: str | None = None  # the turn did not complete (HTTP error, no reply in time)

    @property
    def shown(self) -> str:
        return "\n".join(self.replies)


class TrackerReader:
    """Reads a sender's new tracker events since the last read (one reader per stack)."""

    def __init__(self, url: str) -> None:
        self.engine: Engine = create_engine(url)

    def last_id(self, sender: str) -> int:
        with self.engine.connect() as conn:
            found = conn.execute(text("SELECT max(id) FROM events WHERE sender_id = :s"),
                                 {"s": sender}).scalar()
        return int(found or 0)

    def since(self, sender: str, after: int) -> tuple[int, list[tuple[str, str | None, dict]]]:
        """(new last id, [(type_name, action_name, data)]) for events after `after`."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                text("SELECT id, type_name, action_name, data FROM events "
                     "WHERE sender_id = :s AND id > :a ORDER BY id"),
                {"s": sender, "a": after}).all()
        events = [(r.type_name, r.action_name, json.loads(r.data or "{}")) for r in rows]
        return (rows[-1].id if rows else after), events

    def dispose(self) -> None:
        self.engine.dispose()


def add_tracker_events(turn: TurnEvidence, events: list[tuple[str, str | None, dict]]) -> None:
    """Fill a turn's actions, response names and intent from its tracker events.

    A form runs its question action (action_ask_<slot>) inside its own step, so the tracker
    logs no ActionExecuted for it; the form's `requested_slot` event says which it asked.
    """
    for type_name, action_name, data in events:
        if type_name == "action" and action_name and action_name != "action_listen":
            turn.actions.append(action_name)
        elif type_name == "slot" and data.get("name") == "requested_slot" and data.get("value"):
            turn.actions.append(f"action_ask_{data['value']}")
        elif type_name == "bot":
            utter = (data.get("metadata") or {}).get("utter_action")
            if utter:
                turn.responses.append(utter)
        elif type_name == "user" and turn.intent is None:
            turn.intent = ((data.get("parse_data") or {}).get("intent") or {}).get("name")
