"""Who is at the other end: the peer address, or behind our own proxies, X-Forwarded-For.

Behind a TLS proxy every request comes from the proxy, so per-IP limits would become one
global limit (20 bad logins would lock out every staff member). The header is honoured only
when the peer is one of TRUSTED_PROXIES (addresses or networks, comma separated); then the
address is the right-most entry that is not itself a trusted proxy, since anything left of
that was written by the client and can be forged.
"""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass

from aiohttp import web

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@dataclass(frozen=True)
class Proxies:
    networks: tuple[Network, ...] = ()

    @classmethod
    def from_env(cls) -> Proxies:
        raw = os.environ.get("TRUSTED_PROXIES", "")
        try:
            nets = tuple(ipaddress.ip_network(p.strip(), strict=False)
                         for p in raw.split(",") if p.strip())
        except ValueError as exc:
            raise SystemExit(f"TRUSTED_PROXIES must list addresses or networks: {exc}") from exc
        return cls(nets)

    def trusts(self, address: str | None) -> bool:
        try:
            ip = ipaddress.ip_address((address or "").strip())
        except ValueError:
            return False
        return any(ip in net for net in self.networks)


PROXIES = web.AppKey("trusted_proxies", Proxies)


def client_ip(request: web.Request) -> str:
    """The client's address as far as we can trust it."""
    peer = request.remote or "unknown"
    proxies = request.app.get(PROXIES)
    if proxies is None or not proxies.trusts(peer):
        return peer
    hops = [h.strip() for h in ",".join(request.headers.getall("X-Forwarded-For", []))
            .split(",") if h.strip()]
    for hop in reversed(hops):
        if not proxies.trusts(hop):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                return peer  # a garbled header: fall back to the proxy's address
    return peer


def setup(app: web.Application) -> None:
    app[PROXIES] = Proxies.from_env()
