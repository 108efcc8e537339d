"""TW-1: only requests the provider signed for the configured URL are accepted; a rejected
request writes nothing. Signatures come from RequestValidator.compute_signature."""

from __future__ import annotations

import pytest
from sms_helpers import (
    AUTH_TOKEN,
    PUBLIC_URL,
    STATUS_URL,
    TWIML_EMPTY,
    counts,
    inbound,
    sign,
)
from twilio.request_validator import RequestValidator

NOTHING = {"messages": 0, "escalations": 0, "notifications": 0}
CRISIS = "I took all my pills and I want to die"


async def test_tw1_valid_signature_is_accepted_and_stored(sms, client_id, fake_rasa):
    params = inbound("when is group on thursday?")
    resp = await sms.post(params)
    assert resp.status == 200
    assert resp.content_type == "text/xml"
    assert await resp.text() == TWIML_EMPTY
    await sms.worker.drain()
    assert counts()["messages"] == 2  # the text and its reply
    assert fake_rasa.calls == [(client_id, "when is group on thursday?")]


async def test_tw1_missing_signature_header_is_403_and_nothing_written(gateway, sms, client_id):
    resp = await gateway.post("/sms/twilio", data=inbound(CRISIS))
    assert resp.status == 403
    assert counts() == NOTHING


def _one_byte_changed(value: str) -> str:
    return value[:-1] + ("A" if value[-1] != "A" else "B")


@pytest.mark.parametrize("tamper", ["signature", "url_path", "url_host", "url_scheme", "port",
                                    "request_url", "param_value", "param_added",
                                    "param_removed", "other_token"])
async def test_tw1_altered_request_is_403_and_nothing_written(sms, client_id, tamper):
    """A crisis text with a bad signature is not stored or escalated (forgery, TW-1)."""
    params = inbound(CRISIS)
    signature = sign(params)
    if tamper == "signature":
        signature = _one_byte_changed(signature)
    elif tamper == "url_path":
        signature = sign(params, PUBLIC_URL + "x")
    elif tamper == "url_host":
        signature = sign(params, PUBLIC_URL.replace("example.test", "example.tesu"))
    elif tamper == "url_scheme":
        signature = sign(params, PUBLIC_URL.replace("https://", "http://"))
    elif tamper == "port":
        signature = sign(params, PUBLIC_URL.replace(".test/", ".test:8443/"))
    elif tamper == "request_url":
        # What request.url says here (the test server); the provider signed the public URL.
        signature = sign(params, str(sms.client.make_url("/sms/twilio")))
    elif tamper == "param_value":
        params = {**params, "Body": CRISIS + "!"}
    elif tamper == "param_added":
        params = {**params, "Extra": "1"}
    elif tamper == "param_removed":
        params = {k: v for k, v in params.items() if k != "NumMedia"}
    elif tamper == "other_token":
        signature = sign(params, token="another-token")
    resp = await sms.post(params, signature=signature)
    assert resp.status == 403
    assert (await resp.json())["error"] == "invalid_signature"
    assert counts() == NOTHING


async def test_tw1_default_port_written_out_is_the_same_url(sms, client_id):
    """The validator accepts the URL with its default port spelled out (providers vary)."""
    params = inbound("hi")
    resp = await sms.post(params, signature=sign(params, PUBLIC_URL.replace(".test/",
                                                                            ".test:443/")))
    assert resp.status == 200


async def test_tw1_not_configured_rejects_everything(gateway, sms, client_id, monkeypatch):
    gateway.server.app["sms"] = None
    resp = await sms.post(inbound("hi"))
    assert resp.status == 403
    assert counts() == NOTHING


async def test_tw1_wrong_content_type_or_garbage_body_is_403(gateway, client_id):
    params = inbound("hi")
    headers = {"X-Twilio-Signature": sign(params)}
    resp = await gateway.post("/sms/twilio", json=params, headers=headers)
    assert resp.status == 403
    resp = await gateway.post("/sms/twilio", data=b"\xff\xfe=\x00",
                              headers={**headers,
                                       "Content-Type": "application/x-www-form-urlencoded"})
    assert resp.status == 403
    assert counts() == NOTHING


async def test_signed_but_unusable_requests_are_400_never_500(sms, client_id):
    """Signed by the provider but with nothing we can store: a clear 400, nothing written."""
    no_sid = {k: v for k, v in inbound("hi").items() if k not in ("MessageSid",
                                                                  "SmsMessageSid")}
    bad_from = inbound("hi", from_="not-a-number")
    too_long = inbound("x" * 4001)
    for params in (no_sid, bad_from, too_long):
        resp = await sms.post(params)
        assert resp.status == 400, params
    assert counts() == NOTHING


async def test_empty_text_without_media_is_acknowledged_and_not_stored(sms, client_id):
    resp = await sms.post(inbound("   "))
    assert resp.status == 200
    assert await resp.text() == TWIML_EMPTY
    assert counts() == NOTHING


async def test_oversized_body_is_413_not_500(gateway, client_id):
    params = inbound("x" * 70_000)
    resp = await gateway.post("/sms/twilio", data=params,
                              headers={"X-Twilio-Signature": sign(params)})
    assert resp.status == 413
    assert counts() == NOTHING


async def test_tw1_status_callback_needs_its_own_signature(sms, client_id):
    params = {"MessageSid": "SM" + "9" * 32, "MessageStatus": "delivered"}
    unsigned = await sms.post(params, signature="", path="/sms/twilio/status")
    inbound_url = await sms.post(params, signature=sign(params, PUBLIC_URL),
                                 path="/sms/twilio/status")
    good = await sms.post(params, path="/sms/twilio/status", url=STATUS_URL)
    assert (unsigned.status, inbound_url.status, good.status) == (403, 403, 200)


@pytest.mark.parametrize("base, allowed", [
    ("http://127.0.0.1:8025", True), ("http://localhost:8025", True), ("http://[::1]:8025", True),
    ("https://api.twilio.com", False), ("http://10.0.0.5:8025", False),
    ("http://127.0.0.1.evil.example", False)])
def test_tw1_the_fake_providers_public_token_only_works_on_loopback(monkeypatch, base, allowed):
    from bot.channels.sms_api import SmsConfig
    from bot.fake_sms.defaults import DEFAULT_AUTH_TOKEN

    monkeypatch.setenv("TWILIO_ACCOUNT_SID", "AC" + "1" * 32)
    monkeypatch.setenv("TWILIO_AUTH_TOKEN", DEFAULT_AUTH_TOKEN)
    monkeypatch.setenv("TWILIO_API_BASE", base)
    if allowed:
        assert SmsConfig.from_env().auth_token == DEFAULT_AUTH_TOKEN
    else:
        with pytest.raises(SystemExit, match="public token"):
            SmsConfig.from_env()
    monkeypatch.setenv("TWILIO_AUTH_TOKEN", "a-real-secret-token")
    assert SmsConfig.from_env().auth_token == "a-real-secret-token"


def _resplit(params: dict[str, str]) -> dict[str, str]:
    """Fold every field after MessageSid into its value: the signed string is the same."""
    names = sorted(params)
    tail = names[names.index("MessageSid") + 1:]
    folded = params["MessageSid"] + "".join(k + params[k] for k in tail)
    return {**{k: params[k] for k in names if k not in tail}, "MessageSid": folded}


async def test_tw1_a_captured_signature_cannot_be_resplit_into_a_new_message(sms, client_id,
                                                                              fake_rasa):
    """The signature joins names and values with no separator, so a captured request can be
    re-split and still verify; its shape gives it away (a 400, nothing stored twice)."""
    params = inbound(CRISIS)
    signature = sign(params)
    assert (await sms.post(params, signature=signature)).status == 200
    await sms.worker.drain()
    stored = counts()
    forged = _resplit(params)
    assert set(forged) == {"AccountSid", "ApiVersion", "Body", "From", "MessageSid"}
    assert RequestValidator(AUTH_TOKEN).validate(PUBLIC_URL, forged, signature)  # it verifies
    resp = await sms.post(forged, signature=signature)
    assert resp.status == 400
    await sms.worker.drain()
    assert counts() == stored and len(fake_rasa.calls) == 1


@pytest.mark.parametrize("change", ["sid_format", "no_to", "unknown_field", "other_account",
                                    "alias_differs"])
async def test_tw1_signed_forms_of_the_wrong_shape_are_400(sms, client_id, change):
    params = inbound("hi")
    if change == "sid_format":
        params = {**params, "MessageSid": "SM" + "z" * 32, "SmsMessageSid": "SM" + "z" * 32}
    elif change == "no_to":
        params.pop("To")
    elif change == "unknown_field":
        params["Extra"] = "1"
    elif change == "other_account":
        params["AccountSid"] = "AC" + "f" * 32
    else:
        params["SmsMessageSid"] = "SM" + "e" * 32
    resp = await sms.post(params)  # signed correctly: only the shape is wrong
    assert resp.status == 400
    assert counts() == NOTHING
