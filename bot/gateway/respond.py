"""Compose the answer to one inbound message: crisis resources first, then the dialogue.

Channel-agnostic, so web chat and SMS share the safety guarantees (ES-4): a screened crisis
message gets its resources even when Rasa, the actions or the database are down, and
"your care team has been notified" is said only after the escalation committed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.gateway import ask_flow
from bot.gateway.arrange import arrange
from bot.gateway.dialogue import DialogueUnavailable, run_turn
from bot.gateway.intake import IntakeResult
from bot.gateway.rasa_client import BotReply, RasaClient
from bot.safety import resources, resources_es
from bot.safety.card import build_card
from bot.safety.resources import crisis_reply

URGENT = ("imminent", "high")


@dataclass(frozen=True)
class Outcome:
    replies: list[BotReply]
    error: str | None = None  # None: everything stored and answered
    detail: dict = field(default_factory=dict)
    replayed: bool = False  # the replies of an earlier identical request

    @property
    def ok(self) -> bool:
        return self.error is None


def safety_replies(intake: IntakeResult) -> list[BotReply]:
    """Crisis resources for the screen's category; the "notified" line only after a commit;
    then the gateway's own follow-up question (ask_flow), or its reply to a "no".

    High and imminent in English: one crisis card (bot.safety.card), whose text is the same
    lines for SMS and the transcript. Spanish, and moderate: the lines as plain replies.
    """
    result = intake.screen
    spanish = result.lang == "es"
    texts = resources_es if spanish else resources  # every line in the message's language
    if intake.declined is not None:
        return [BotReply(texts.MEDICATION_DECLINED if intake.declined == ask_flow.MEDICATION
                         else texts.ASK_DECLINED)]
    if result.is_ask:
        return [BotReply(crisis_reply(result.category, result.level, result.lang)[0],
                         texts.YES_NO_BUTTONS)]
    if not result.is_risk:
        return []
    notified = result.level in URGENT and intake.escalation_id is not None
    card = None if spanish else build_card(result.category, result.level, notified)
    if card is not None:
        replies = [BotReply(card.text, card=card)]
    else:
        replies = [BotReply(t) for t in crisis_reply(result.category or "", result.level,
                                                     result.lang)]
        replies.append(BotReply(texts.CARE_TEAM_NOTIFIED if notified
                                else texts.CARE_TEAM_SEES_FLAGS))
    if ask_flow.question_of(result.level, result.category) == ask_flow.MEDICATION:
        replies.append(BotReply(texts.MEDICATION_QUESTION, texts.YES_NO_BUTTONS))
    return replies


async def respond(rasa: RasaClient, client_id: str, channel: str, text: str,
                  intake: IntakeResult) -> Outcome:
    """Everything the person should see for this message, and whether anything failed."""
    prefix = safety_replies(intake)
    if not intake.stored:
        return Outcome(prefix, "store_unavailable", {"error_id": intake.error_id})
    assert intake.message_id is not None  # noqa: S101 (type narrowing, not a check)
    here = ask_flow.answered_here(intake.screen, intake.declined)
    try:
        turn = await run_turn(None if here else rasa, client_id, channel, intake.message_id,
                              text, intake.duplicate, prefix, claimed=intake.claimed,
                              screen=intake.screen.to_metadata())
    except DialogueUnavailable as exc:
        # exc.replies, when there are any, are the whole arranged turn (the card included).
        shown = exc.replies or arrange(prefix, [], channel)
        return Outcome(shown, exc.code, {"message_id": intake.message_id})
    return Outcome(turn.replies, None, {"message_id": intake.message_id}, turn.replayed)
