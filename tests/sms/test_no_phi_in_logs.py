"""AU-2: no message text and no phone number in any log line of the SMS path, failures
included."""

from __future__ import annotations

import logging

from sms_helpers import CLIENT_PHONE, STRANGER

from bot.gateway import sms_turn

CANARY = "canary-7f3a my cousin Bartholomew relapsed"


async def test_au2_sms_path_logs_no_text_or_number(sms, client_id, provider, dispatcher,
                                                   fake_rasa, caplog, monkeypatch):
    caplog.set_level(logging.DEBUG)
    await sms.text(CANARY)
    await sms.text(CANARY, from_=STRANGER)
    await dispatcher.run_once()
    await provider.settle()

    def broken(*_a, **_k):  # type: ignore[no-untyped-def]
        raise RuntimeError(f"boom {CANARY} {CLIENT_PHONE}")

    monkeypatch.setattr(sms_turn.sms_store, "last_buttons", broken)
    await sms.text(CANARY)  # a failing background turn is logged by type only
    fake_rasa.down = True
    await sms.text(CANARY)
    fmt = logging.Formatter()
    logged = "\n".join(r.getMessage() + (fmt.formatException(r.exc_info) if r.exc_info else "")
                       for r in caplog.records)
    assert "sms answer failed" in logged  # the failure was logged...
    for secret in (CANARY, "Bartholomew", CLIENT_PHONE, STRANGER):
        assert secret not in logged  # ...without the text or the number
