"""Answer one stored inbound text, after the provider already got its 200 (TW-2).

Runs in the background and again from the sweep, so every step is idempotent: the stored
message is claimed once (bot.store.messages.claim_for_dialogue, the same claim web chat's
dialogue turn uses), its replies are stored, and the batch is queued once (dedup key
"sms:<message id>"). Order of concerns:

1. keywords (SMS-1): STOP & co. opt out, START opts in, HELP answers, for anyone;
2. opted-out numbers get nothing (their risk texts were already escalated at intake, SMS-2);
3. plain-language opt-outs ("stop texting me") are honoured and confirmed;
4. senders texting too fast get their texts stored and screened but replies paused (RL-1);
5. unknown numbers get limited mode: crisis resources, clinic facts, an enrolment invitation;
6. enrolled clients get a dialogue turn, crisis resources first, even when Rasa is down.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta

from bot.channels import sms_store
from bot.channels.sms_buttons import choice
from bot.channels.sms_keywords import is_natural_opt_out, keyword
from bot.channels.sms_texts import (
    MEDIA_NOTICE,
    MEDIA_ONLY_TEXT,
    NOT_ANSWERED,
    SLOW_DOWN,
    UNKNOWN_SENDER,
    help_text,
    opted_in_text,
    opted_out_text,
)
from bot.clinic import answer_clinic_question, load_clinic
from bot.gateway import ask_flow
from bot.gateway.commands import as_user_text
from bot.gateway.dialogue import DialogueUnavailable, run_turn
from bot.gateway.intake import IntakeResult
from bot.gateway.rasa_client import BotReply, RasaClient
from bot.gateway.respond import safety_replies
from bot.safety import ScreenResult
from bot.safety.lang import detect_lang
from bot.store import consent, messages
from bot.store.models import utcnow

log = logging.getLogger(__name__)
CHANNEL = sms_store.CHANNEL
REPLY, NOTICE = "sms_reply", "sms_notice"
THROTTLE_WINDOW_SECONDS = 60.0
THROTTLE_MAX_PER_WINDOW = 10
RETRY_WINDOW = timedelta(hours=1)  # after this, a text Rasa never answered gets an apology


async def _finish(inbound: sms_store.InboundSms, replies: list[str | BotReply],
                  kind: str = REPLY, claim: bool = True) -> None:
    """Claim (unless run_turn already did), store the replies, queue them as one batch."""
    if claim and not await asyncio.to_thread(messages.claim_for_dialogue, inbound.message_id):
        return  # someone else is answering this message
    stored = [messages.StoredReply(r) if isinstance(r, str) else
              messages.StoredReply(r.text, r.buttons) for r in replies]
    await asyncio.to_thread(messages.record_replies, inbound.client_id, CHANNEL,
                            inbound.message_id, stored)
    await _queue(inbound, kind)


async def _queue(inbound: sms_store.InboundSms, kind: str) -> None:
    assert inbound.phone is not None  # noqa: S101 (type narrowing, not a check)
    await asyncio.to_thread(sms_store.enqueue_batch, inbound.message_id, inbound.phone, kind)


def _intake(inbound: sms_store.InboundSms) -> IntakeResult:
    """The stored screen result as intake saw it, with any "no" to the gateway's question."""
    result = ScreenResult(inbound.risk_level, inbound.risk_category,
                          lang=detect_lang(inbound.text))
    declined = None
    if not result.is_risk and not result.is_ask:
        # unknown numbers are asked too (limited mode), so their "no" is read the same way
        question = ask_flow.open_question(inbound.client_id, before_id=inbound.message_id,
                                          address=inbound.phone)
        declined = ask_flow.read_answer(result, question, inbound.text).declined
    return IntakeResult(screen=result, message_id=inbound.message_id,
                        escalation_id=inbound.escalation_id, declined=declined)


def _safety(inbound: sms_store.InboundSms) -> list[BotReply]:
    """Crisis resources for the stored screen result; "notified" only if escalated (ES-4)."""
    return safety_replies(_intake(inbound))


async def _keyword(inbound: sms_store.InboundSms, word: str) -> None:
    assert inbound.phone is not None  # noqa: S101 (type narrowing, not a check)
    clinic = load_clinic()
    if word == "help":
        await _finish(inbound, [help_text(clinic)], NOTICE)
        return
    if not await asyncio.to_thread(messages.claim_for_dialogue, inbound.message_id):
        return
    if word == "opt_out":
        changed = await asyncio.to_thread(consent.opt_out, inbound.phone, "keyword")
        replies = [opted_out_text(clinic)] if changed else []  # confirm once
    else:
        await asyncio.to_thread(consent.opt_in, inbound.phone, "keyword")
        replies = [opted_in_text(clinic)]
    await _finish(inbound, replies, NOTICE, claim=False)


async def _limited(inbound: sms_store.InboundSms, media: bool) -> None:
    """Unknown number: no forms, no check-ins, no dialogue; facts and safety only."""
    safety = _safety(inbound)
    replies: list[str | BotReply] = list(safety)
    if inbound.text == MEDIA_ONLY_TEXT or media:
        replies.append(MEDIA_NOTICE)
    if not safety and inbound.text != MEDIA_ONLY_TEXT:
        replies.append(await asyncio.to_thread(answer_clinic_question, inbound.text,
                                               load_clinic()))
    replies.append(UNKNOWN_SENDER)
    await _finish(inbound, replies)


async def _dialogue(rasa: RasaClient, inbound: sms_store.InboundSms, media: bool) -> None:
    """An enrolled client's turn: crisis resources first, then Rasa (button numbers mapped)."""
    assert inbound.client_id is not None  # noqa: S101 (type narrowing, not a check)
    intake = await asyncio.to_thread(_intake, inbound)
    prefix = safety_replies(intake)
    if ask_flow.answered_here(intake.screen, intake.declined):
        await _finish(inbound, list(prefix))  # the gateway's own question or its "no" reply
        return
    if inbound.text == MEDIA_ONLY_TEXT:
        await _finish(inbound, [*prefix, MEDIA_NOTICE])
        return
    if media:
        prefix.append(BotReply(MEDIA_NOTICE))
    buttons = await asyncio.to_thread(sms_store.last_buttons, inbound.client_id,
                                      inbound.message_id)
    said = choice(inbound.text, buttons) or as_user_text(inbound.text)  # no typed /intent
    try:
        await run_turn(rasa, inbound.client_id, CHANNEL, inbound.message_id, said,
                       duplicate=False, prefix=prefix, screen=intake.screen.to_metadata())
    except DialogueUnavailable as exc:
        log.warning("sms turn incomplete message_id=%s error=%s", inbound.message_id, exc.code)
        if exc.code == "assistant_unavailable" and prefix:
            # Rasa is down: the crisis resources still go out now (ES-4).
            await _finish(inbound, list(prefix))
        return  # otherwise the message stays "failed" and the sweep retries it
    await _queue(inbound, REPLY)


async def process_inbound(rasa: RasaClient, message_id: int, media: bool = False,
                          now: datetime | None = None) -> None:
    """Answer stored inbound text `message_id` exactly once (see the module docstring)."""
    inbound = await asyncio.to_thread(sms_store.load_inbound, message_id)
    if inbound is None or inbound.phone is None:
        return
    if inbound.status == "answered":
        # A crash between storing the replies and queueing them: queue them now.
        notice = keyword(inbound.text, False) or (
            inbound.risk_level == "none" and is_natural_opt_out(inbound.text))
        await _queue(inbound, NOTICE if notice else REPLY)
        return
    opted_out = await asyncio.to_thread(consent.is_opted_out, inbound.phone)
    word = keyword(inbound.text, opted_out)
    risk = inbound.risk_level != "none"
    if word:
        await _keyword(inbound, word)
    elif opted_out:
        await _finish(inbound, [])  # stored and escalated at intake; nothing is sent
    elif not risk and is_natural_opt_out(inbound.text):
        if not await asyncio.to_thread(messages.claim_for_dialogue, inbound.message_id):
            return
        await asyncio.to_thread(consent.opt_out, inbound.phone, "natural_language")
        await _finish(inbound, [opted_out_text(load_clinic())], NOTICE, claim=False)
    elif (now or utcnow()) - inbound.created_at > RETRY_WINDOW:
        await _finish(inbound, [*_safety(inbound), NOT_ANSWERED])
    elif not risk and await _throttled(inbound):
        return
    elif inbound.client_id is None:
        await _limited(inbound, media)
    else:
        await _dialogue(rasa, inbound, media)


async def _throttled(inbound: sms_store.InboundSms) -> bool:
    """Too many texts a minute: store and screen all, answer one "slow down" (RL-1)."""
    count = await asyncio.to_thread(sms_store.recent_inbound, inbound,
                                    THROTTLE_WINDOW_SECONDS)
    if count <= THROTTLE_MAX_PER_WINDOW:
        return False
    await _finish(inbound, [SLOW_DOWN] if count == THROTTLE_MAX_PER_WINDOW + 1 else [])
    return True
