"""The same-origin check shared by the web chat and the staff console (CSRF).

It compares the browser's Origin with the configured public URL only. The request's own Host
header is chosen by whoever sends the request, so an Origin "matching" it proves nothing:
a page on an attacker's domain pointed at our address (DNS rebinding, a misrouted proxy)
would pass such a check.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from aiohttp import web


def public_origin(public_url: str) -> str:
    """`scheme://host[:port]` of the public URL, as a browser writes it in Origin."""
    parts = urlsplit(public_url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def same_origin(request: web.Request, public_url: str) -> bool:
    """Origin names our public URL, and Sec-Fetch-Site (when sent) says same-origin."""
    origin = request.headers.get("Origin", "").lower()
    site = request.headers.get("Sec-Fetch-Site", "same-origin")
    return origin == public_origin(public_url) and site == "same-origin"
