"""Send due prompts: one transaction writes the transcript row and its outbox row.

For each pending prompt whose time has come (locked with `FOR UPDATE SKIP LOCKED`):

- an inactive client, a schedule turned off, or a prompt past its expiry: skipped;
- inside the client's quiet hours: held until they end (skipped if that is past expiry);
- SMS when the client has a number that has not opted out: an outbound transcript row and an
  `sms_reply` outbox row (dedup key "outreach:<prompt id>"); the dispatcher checks consent
  again right before the send (SMS-1);
- otherwise web chat, for a client who has used it: the transcript row alone, which the chat
  history shows and server-sent events push to an open page (reply_to_id is null);
- an opted-out number with no web chat, or no channel at all: skipped, nothing is written.

The prompt is marked sent in the same commit, so a crash leaves either everything or nothing,
and a second dispatcher finds nothing left to send.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from bot.outreach import texts
from bot.outreach.config import OutreachConfig
from bot.outreach.schedules import reminders_on, zone_of
from bot.outreach.times import local, out_of_time
from bot.store import consent
from bot.store.db import session_scope
from bot.store.models import (
    Client,
    Message,
    Notification,
    OutreachPrefs,
    OutreachPrompt,
    OutreachSchedule,
    SmsConsent,
    WebSession,
    utcnow,
)

BATCH = 50
CHECK_BACK = "check_back"  # bot.outreach.check_back


@dataclass
class SendResult:
    sent: int = 0
    held: int = 0
    skipped: int = 0


def _uses_web(s: Session, client_id: str) -> bool:
    return bool(s.scalar(select(
        exists().where(WebSession.client_id == client_id)
        | exists().where(Message.client_id == client_id, Message.channel == "web",
                         Message.direction == "in"))))


def _opted_out(s: Session, phone: str) -> bool:
    return bool(s.scalar(select(SmsConsent.opted_out).where(SmsConsent.phone == phone)))


def _stopped(s: Session, prompt: OutreachPrompt, config: OutreachConfig) -> bool:
    """The client turned this kind of outreach off after the prompt was planned."""
    if prompt.kind == "session":
        choice = s.scalar(select(OutreachPrefs.session_reminders)
                          .where(OutreachPrefs.client_id == prompt.client_id))
        return not reminders_on(choice, config)
    if prompt.schedule_id is None:
        return False
    return not s.scalar(select(OutreachSchedule.active)
                        .where(OutreachSchedule.id == prompt.schedule_id))


def _content(prompt: OutreachPrompt, client: Client, tz: str) -> tuple[str, list[dict]]:
    name = texts.first_name(client.display_name)
    if prompt.kind == CHECK_BACK:
        return texts.check_back_prompt(name), []
    if prompt.kind == "daily":
        return texts.daily_prompt(name), texts.PROMPT_BUTTONS
    if prompt.kind == "weekly":
        return texts.weekly_prompt(name), texts.PROMPT_BUTTONS
    start = local(prompt.expires_at, tz)
    today = start.date() == local(prompt.send_after, tz).date()
    return texts.session_reminder(name, start.time(), today), []


def _channel(s: Session, client: Client) -> tuple[str | None, str | None]:
    """(channel, skip reason): SMS first (only with consent on record), then web chat."""
    if client.phone and consent.has_consent(s, client.phone):
        return "sms", None
    if _uses_web(s, client.id):
        return "web", None
    if not client.phone:
        return None, "no_channel"
    return None, "opted_out" if _opted_out(s, client.phone) else "no_consent"


def _skip(prompt: OutreachPrompt, reason: str) -> None:
    prompt.status, prompt.skip_reason = "skipped", reason


def _deliver(s: Session, prompt: OutreachPrompt, client: Client, channel: str, tz: str,
             now: datetime) -> None:
    text, buttons = _content(prompt, client, tz)
    wall = utcnow()
    row = Message(client_id=client.id, channel=channel, direction="out", text=text,
                  buttons=json.dumps(buttons) if buttons else None,
                  status="pending" if channel == "sms" else "sent")
    s.add(row)
    s.flush()
    if channel == "sms":
        # Due now on the wall clock too, so a fast-forwarded demo clock is delivered at once.
        s.add(Notification(kind="sms_reply", target=client.phone, body="",
                           dedup_key=f"outreach:{prompt.id}", message_id=row.id,
                           next_attempt_at=min(now, wall), created_at=wall))
    prompt.status, prompt.channel, prompt.message_id, prompt.sent_at = (
        "sent", channel, row.id, now)


def _handle(s: Session, prompt: OutreachPrompt, now: datetime, config: OutreachConfig,
            result: SendResult) -> None:
    client = s.get(Client, prompt.client_id)
    tz = zone_of(s, prompt.client_id, config)
    if client is None or not client.active:
        _skip(prompt, "inactive")
    elif _stopped(s, prompt, config):
        _skip(prompt, "stopped")
    elif now >= prompt.expires_at:
        _skip(prompt, "expired")
    elif config.quiet.contains(now, tz) and prompt.kind != CHECK_BACK:
        # A check-back was asked for minutes ago: quiet hours are for unasked-for messages.
        resume = config.quiet.ends_after(now, tz)
        if resume >= prompt.expires_at:
            _skip(prompt, "quiet_hours")
        else:
            prompt.send_after = resume
            result.held += 1
            return
    else:
        channel, reason = _channel(s, client)
        if channel is None:
            _skip(prompt, reason or "no_channel")
        else:
            _deliver(s, prompt, client, channel, tz, now)
            result.sent += 1
            return
    result.skipped += 1


def send_due(now: datetime, config: OutreachConfig, deadline: float | None = None
             ) -> SendResult:
    """Send (or hold, or skip) every prompt whose time has come, a batch per commit."""
    result = SendResult()
    while True:
        with session_scope() as s:
            due = s.scalars(
                select(OutreachPrompt)
                .where(OutreachPrompt.status == "pending", OutreachPrompt.send_after <= now)
                .order_by(OutreachPrompt.send_after, OutreachPrompt.id).limit(BATCH)
                .with_for_update(skip_locked=True)).all()
            for prompt in due:
                _handle(s, prompt, now, config, result)
        if len(due) < BATCH or out_of_time(deadline):
            return result
