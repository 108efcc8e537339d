"""PA-1 behind a TLS proxy: the per-IP lockout blocks the attacker's address (from
X-Forwarded-For, the proxy being trusted), not everyone who signs in through the proxy."""

from __future__ import annotations

import ipaddress

from console_helpers import PASSWORD, origin

from bot.gateway.client_addr import PROXIES, Proxies
from bot.store.audit import search


async def test_pa1_a_lockout_behind_the_proxy_blocks_one_client_not_everyone(
        app, aiohttp_client, aiohttp_server, people):
    app[PROXIES] = Proxies((ipaddress.ip_network("127.0.0.1/32"),))
    http = await aiohttp_client(await aiohttp_server(app))

    async def login(username: str, password: str, ip: str) -> int:
        resp = await http.post("/api/staff/login",
                               json={"username": username, "password": password},
                               headers={"Origin": origin(http), "X-Forwarded-For": ip})
        return resp.status

    names = [f"guess{i}" for i in range(21)]
    attacker = [await login(name, "wrong password!", "203.0.113.66") for name in names]
    assert attacker[:20] == [401] * 20 and attacker[20] == 429
    assert await login("sup", PASSWORD, "203.0.113.66") == 429  # that address is blocked
    assert await login("sup", PASSWORD, "198.51.100.20") == 200  # colleagues are not
    rows = [r for r in search(action="lockout") if r.detail == "ip"]
    assert [r.ip for r in rows] == ["203.0.113.66"]
