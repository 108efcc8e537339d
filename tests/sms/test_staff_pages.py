"""Staff pages by SMS: the on-call number is paged through the provider's REST API (here the
local fake), with no health details (TS-2), retried when the provider fails (ES-2), and a STOP
from an on-call phone never silences the ladder."""

from __future__ import annotations

from datetime import timedelta

from sms_helpers import ACCOUNT_SID, AUTH_TOKEN, BOT_NUMBER

from bot.channels.sms_api import SmsConfig
from bot.dispatch.config import Contact, EscalationConfig
from bot.dispatch.ladder import raise_escalation
from bot.dispatch.worker import Dispatcher
from bot.store import clients, messages
from bot.store.consent import opt_out
from bot.store.db import session_scope
from bot.store.models import utcnow

ON_CALL = {"primary": "+15550100001", "backup": "+15550100002", "lead": "+15550100003"}
TEXT = "my brother collapsed and his lips are blue after we used"


def paging_config() -> EscalationConfig:
    contacts = {rung: Contact(rung=rung, name=rung, sms=number)
                for rung, number in ON_CALL.items()}
    return EscalationConfig(contacts=contacts, console_url="https://clinic.test/staff",
                            sms_enabled=True)


def raise_imminent(config: EscalationConfig) -> int:
    client = clients.enroll_client("Paged").client_id
    msg_id = messages.record_inbound(client, "web", TEXT).message_id
    with session_scope() as s:
        return raise_escalation(s, config, level="imminent", category="overdose",
                                client_id=client, message_id=msg_id)


async def run_pass(provider, config: EscalationConfig, minutes: float = 0) -> int:
    sms = SmsConfig(ACCOUNT_SID, AUTH_TOKEN, BOT_NUMBER, api_base=provider.url)
    later = utcnow() + timedelta(minutes=minutes)
    async with Dispatcher(config=config, sms=sms, clock=lambda: later, worker_id="t") as d:
        return await d.run_once()


async def test_ts2_on_call_is_paged_by_sms_without_health_details(provider):
    config = paging_config()
    esc_id = raise_imminent(config)
    assert await run_pass(provider, config) == 1
    [page] = provider.sent
    assert page["to"] == ON_CALL["primary"]
    assert f"#{esc_id}" in page["body"] and "https://clinic.test/staff" in page["body"]
    assert not any(w in page["body"].lower() for w in ("collapsed", "lips", "overdose", "used"))


async def test_es2_provider_error_is_retried_and_ladder_pages_backup(provider):
    config = paging_config()
    raise_imminent(config)
    provider.fail_next = 1
    assert await run_pass(provider, config) == 0  # HTTP 500: kept for a retry
    assert await run_pass(provider, config, minutes=1) == 1
    assert await run_pass(provider, config, minutes=16) == 1  # unacknowledged: the backup
    assert [m["to"] for m in provider.sent] == [ON_CALL["primary"], ON_CALL["backup"]]


async def test_on_call_stop_does_not_silence_pages(provider):
    config = paging_config()
    opt_out(ON_CALL["primary"], source="keyword")
    raise_imminent(config)
    assert await run_pass(provider, config) == 1
    assert [m["to"] for m in provider.sent] == [ON_CALL["primary"]]
