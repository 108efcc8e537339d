"""A local fake of a Twilio-compatible SMS provider, for tests, benchmarks and demos.

It speaks the parts of the API the bot uses:

- `POST /2010-04-01/Accounts/{sid}/Messages.json` (basic auth): records the text, answers
  Twilio-like JSON, refuses numbers marked opted out with error 21610 and bodies over 1,600
  characters with 21617, then posts signed status callbacks (sent, delivered);
- it sends signed inbound webhooks to the gateway, the way the provider would.

Signatures come from twilio's RequestValidator.compute_signature over the URL the gateway is
configured with (`webhook_url`). `post_base` lets the fake post somewhere else than that URL
names, as a reverse proxy would: the signature still covers the public URL (TW-1).
"""

from __future__ import annotations

import asyncio
import itertools
import secrets
from collections.abc import Coroutine
from dataclasses import dataclass, field
from email.utils import formatdate
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import aiohttp
from aiohttp import web
from twilio.request_validator import RequestValidator

from bot.channels.sms_segments import MAX_BODY_CHARS, segment_count
from bot.fake_sms.defaults import DEFAULT_ACCOUNT_SID, DEFAULT_AUTH_TOKEN, DEFAULT_FROM

API_VERSION = "2010-04-01"


def new_sid(prefix: str = "SM") -> str:
    return prefix + secrets.token_hex(16)


@dataclass
class FakeConfig:
    webhook_url: str  # the inbound URL the gateway is configured with (what gets signed)
    account_sid: str = DEFAULT_ACCOUNT_SID
    auth_token: str = DEFAULT_AUTH_TOKEN
    number: str = DEFAULT_FROM  # the bot's number, the "To" of inbound texts
    post_base: str | None = None  # e.g. http://127.0.0.1:PORT when the public URL is a proxy
    status_delay: float = 0.05
    statuses: tuple[str, ...] = ("sent", "delivered")


@dataclass
class FakeProvider:
    config: FakeConfig
    sent: list[dict] = field(default_factory=list)  # bot -> phone
    received: list[dict] = field(default_factory=list)  # phone -> bot
    callbacks: list[dict] = field(default_factory=list)  # status posts and their HTTP status
    opted_out: set[str] = field(default_factory=set)  # numbers answered with 21610
    fail_next: int = 0  # answer the next N sends with HTTP 500
    url: str = ""  # where this fake listens (TWILIO_API_BASE for the bot), once started
    _session: aiohttp.ClientSession | None = None
    _tasks: set[asyncio.Task] = field(default_factory=set)
    _order: itertools.count = field(default_factory=itertools.count)  # one clock for both lists

    # ------------------------------------------------------------- signing and posting

    def sign(self, url: str, params: dict[str, str]) -> str:
        return RequestValidator(self.config.auth_token).compute_signature(url, params)

    def _actual(self, url: str) -> str:
        """Where to post a request signed for `url` (through the configured post_base)."""
        if not self.config.post_base:
            return url
        base, parts = urlsplit(self.config.post_base), urlsplit(url)
        return urlunsplit((base.scheme, base.netloc, parts.path, parts.query, ""))

    async def post_signed(self, url: str, params: dict[str, str]) -> int:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=15))
        headers = {"X-Twilio-Signature": self.sign(url, params)}
        try:
            async with self._session.post(self._actual(url), data=params,
                                          headers=headers) as resp:
                await resp.read()
                return resp.status
        except (aiohttp.ClientError, asyncio.TimeoutError):
            return 0

    def inbound_params(self, from_number: str, body: str, media: int = 0,
                       sid: str | None = None) -> dict[str, str]:
        """The form a provider posts for one inbound text."""
        sid = sid or new_sid()
        params = {
            "ToCountry": "US", "ToState": "", "SmsMessageSid": sid, "NumMedia": str(media),
            "ToCity": "", "FromZip": "", "SmsSid": sid, "FromState": "", "SmsStatus": "received",
            "FromCity": "", "Body": body, "FromCountry": "US", "To": self.config.number,
            "ToZip": "", "NumSegments": str(max(1, segment_count(body))), "MessageSid": sid,
            "AccountSid": self.config.account_sid, "From": from_number,
            "ApiVersion": API_VERSION,
        }
        for index in range(media):
            params[f"MediaUrl{index}"] = f"https://media.invalid/{sid}/{index}"
            params[f"MediaContentType{index}"] = "image/jpeg"
        return params

    async def text_bot(self, from_number: str, body: str, media: int = 0,
                       sid: str | None = None) -> tuple[str, int]:
        """A phone texts the bot: post the signed webhook; returns (MessageSid, HTTP status)."""
        params = self.inbound_params(from_number, body, media, sid)
        seq = next(self._order)  # before posting: the replies come after it
        status = await self.post_signed(self.config.webhook_url, params)
        self.received.append({"sid": params["MessageSid"], "from": from_number, "body": body,
                              "media": media, "http_status": status, "seq": seq})
        return params["MessageSid"], status

    # ------------------------------------------------------------- the REST API

    def _error(self, status: int, code: int, message: str) -> web.Response:
        return web.json_response({"code": code, "message": message, "status": status,
                                  "more_info": f"https://www.twilio.com/docs/errors/{code}"},
                                 status=status)

    def _authorised(self, request: web.Request, account: str) -> bool:
        auth = request.headers.get("Authorization", "")
        try:
            creds = aiohttp.BasicAuth.decode(auth) if auth else None
        except ValueError:
            creds = None
        return (creds is not None and account == self.config.account_sid
                and creds.login == self.config.account_sid
                and secrets.compare_digest(creds.password, self.config.auth_token))

    async def create_message(self, request: web.Request) -> web.Response:
        account = request.match_info["account"]
        if not self._authorised(request, account):
            return self._error(401, 20003, "Authenticate")
        form = await request.post()
        to, body = str(form.get("To", "")), str(form.get("Body", ""))
        if not to:
            return self._error(400, 21604, "A 'To' phone number is required.")
        if not body:
            return self._error(400, 21602, "Message body is required.")
        if len(body) > MAX_BODY_CHARS:
            return self._error(400, 21617, "The concatenated message body exceeds the 1600 "
                                           "character limit.")
        if to in self.opted_out:
            return self._error(400, 21610, "Attempt to send to unsubscribed recipient")
        if self.fail_next > 0:
            self.fail_next -= 1
            return self._error(500, 20500, "Internal Server Error")
        sid = new_sid()
        callback = str(form.get("StatusCallback", "")) or None
        record = {"sid": sid, "to": to, "from": str(form.get("From", "")), "body": body,
                  "status": "queued", "status_callback": callback,
                  "num_segments": segment_count(body), "seq": next(self._order)}
        self.sent.append(record)
        if callback:
            self._spawn(self._report(record, callback))
        return web.json_response(self._resource(record), status=201)

    def _resource(self, record: dict) -> dict:
        return {
            "sid": record["sid"], "account_sid": self.config.account_sid,
            "to": record["to"], "from": record["from"], "body": record["body"],
            "status": "queued", "num_segments": str(record["num_segments"]), "num_media": "0",
            "direction": "outbound-api", "api_version": API_VERSION,
            "date_created": formatdate(usegmt=True), "date_updated": formatdate(usegmt=True),
            "error_code": None, "error_message": None, "price": None,
            "messaging_service_sid": None,
            "uri": f"/{API_VERSION}/Accounts/{self.config.account_sid}/Messages/"
                   f"{record['sid']}.json",
        }

    def _spawn(self, coro: Coroutine[Any, Any, None]) -> None:
        task = asyncio.create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _report(self, record: dict, callback: str) -> None:
        """Status callbacks, in order, like the provider's delivery receipts."""
        for state in self.config.statuses:
            await asyncio.sleep(self.config.status_delay)
            record["status"] = state
            params = {"MessageSid": record["sid"], "SmsSid": record["sid"],
                      "MessageStatus": state, "SmsStatus": state,
                      "AccountSid": self.config.account_sid, "From": record["from"],
                      "To": record["to"], "ApiVersion": API_VERSION}
            status = await self.post_signed(callback, params)
            self.callbacks.append({"sid": record["sid"], "status": state, "http_status": status})

    async def settle(self, timeout: float = 5.0) -> None:
        """Wait until every pending status callback was posted (tests)."""
        if self._tasks:
            await asyncio.wait(set(self._tasks), timeout=timeout)

    async def close(self, _app: web.Application | None = None) -> None:
        for task in list(self._tasks):
            task.cancel()
        if self._session is not None:
            await self._session.close()

    def thread(self, number: str) -> list[dict]:
        """One phone's conversation, oldest first: what it sent and what it got."""
        rows = [{"direction": "in", "text": r["body"] or "(picture)", "seq": r["seq"],
                 "status": _inbound_status(r["http_status"])}
                for r in self.received if r["from"] == number]
        rows += [{"direction": "out", "text": m["body"], "seq": m["seq"], "status": m["status"]}
                 for m in self.sent if m["to"] == number]
        return sorted(rows, key=lambda r: r["seq"])


def _inbound_status(http_status: int) -> str:
    if http_status == 200:
        return "received by the bot"
    return "bot unreachable" if http_status == 0 else f"refused: HTTP {http_status}"
