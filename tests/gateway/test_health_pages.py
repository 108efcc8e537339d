"""Health probes, the chat page and security headers."""

from __future__ import annotations

from bot.gateway.middleware import CSP


async def test_healthz_and_readyz(gateway, fake_rasa):
    assert (await gateway.get("/healthz")).status == 200
    resp = await gateway.get("/readyz")
    assert resp.status == 200
    assert (await resp.json())["checks"] == {"database": True, "rasa": True,
                                             "action_servers": []}  # a fake Rasa: none watched
    fake_rasa.down = True
    resp = await gateway.get("/readyz")
    assert resp.status == 503
    assert (await resp.json())["checks"]["rasa"] is False


async def test_readyz_is_for_loopback_or_a_token_holder_only(gateway, monkeypatch):
    """Public readiness opened a database connection per hit for anyone (issue 13, Low)."""
    assert (await gateway.get("/healthz", headers={"X-Forwarded-For": "203.0.113.9"})).status \
        == 200  # liveness stays public
    proxied = await gateway.get("/readyz", headers={"X-Forwarded-For": "203.0.113.9"})
    assert proxied.status == 404
    assert (await gateway.get("/readyz", headers={"Forwarded": "for=203.0.113.9"})).status == 404
    monkeypatch.setenv("READYZ_TOKEN", "monitor-secret")
    assert (await gateway.get("/readyz")).status == 404  # with a token set, loopback is not enough
    wrong = {"Authorization": "Bearer nope"}
    assert (await gateway.get("/readyz", headers=wrong)).status == 404
    right = {"Authorization": "Bearer monitor-secret", "X-Forwarded-For": "203.0.113.9"}
    assert (await gateway.get("/readyz", headers=right)).status == 200


async def test_chat_page_is_local_with_csp(gateway):
    resp = await gateway.get("/chat")
    assert resp.status == 200
    html = await resp.text()
    assert resp.headers["Content-Security-Policy"] == CSP
    assert "<script>" not in html and "http://" not in html and "https://" not in html
    assert "988" in html and "911" in html
    js = await gateway.get("/static/chat.js")
    assert js.status == 200
    assert "textContent" in await js.text()
