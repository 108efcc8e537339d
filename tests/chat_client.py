"""What end-to-end tests drive the stack with: a chat client and a local staff-page receiver."""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import yaml

from bot import PROJECT_ROOT
from bot.stack import Stack, chat_session


class Chat:
    """One enrolled client talking to the gateway's chat API: its link traded for a session."""

    def __init__(self, stack: Stack, name: str = "E2E client") -> None:
        enrol = json.loads(stack.cli("enroll", "--name", name, "--json"))
        self.client_id = enrol["client_id"]
        self.token = chat_session(stack.gateway_url, enrol["chat_token"])
        self.url = f"{stack.gateway_url}/api/chat/messages"

    def send(self, text: str) -> tuple[int, list[dict]]:
        """Post one message; returns (HTTP status, what the page shows), 5xx included.

        On an error the page shows the body's `message` after any messages (crisis resources).
        """
        req = urllib.request.Request(  # noqa: S310 (loopback)
            self.url, data=json.dumps({"text": text}).encode(), method="POST",
            headers={"Content-Type": "application/json",
                     "Authorization": f"Bearer {self.token}"})
        try:
            with urllib.request.urlopen(req, timeout=60) as resp:  # noqa: S310
                body = json.loads(resp.read())
        except urllib.error.HTTPError as err:
            body = json.loads(err.read())
            return err.code, [*body.get("messages", []), {"text": body.get("message", "")}]
        if resp.status == 202:  # a busy machine: the answer comes later, as on the page
            shown = body["messages"]
            return 200, shown + self.late_replies(body["message_id"], len(shown))
        return resp.status, body["messages"]

    def late_replies(self, message_id: int, shown: int, timeout: float = 60.0) -> list[dict]:
        """The replies to a message answered "still thinking", once they are stored."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            req = urllib.request.Request(  # noqa: S310 (loopback)
                self.url.replace("/messages", "/history"),
                headers={"Authorization": f"Bearer {self.token}"})
            with urllib.request.urlopen(req, timeout=30) as resp:  # noqa: S310
                rows = json.loads(resp.read())["messages"]
            late = [r for r in rows if r["reply_to_id"] == message_id][shown:]
            if late:
                return late
            time.sleep(0.3)
        raise AssertionError(f"no late reply to message {message_id}")

    def say(self, text: str) -> list[dict]:
        status, messages = self.send(text)
        assert status == 200, (status, messages)
        return messages

    @staticmethod
    def joined(messages: list[dict]) -> str:
        return "\n".join(m["text"] for m in messages)


@dataclass
class Receiver:
    """A staff webhook endpoint on loopback that records every page it gets."""

    url: str = ""
    posts: list[dict] = field(default_factory=list)
    delay: float = 0.0  # seconds to hold each request (a slow on-call system)

    def rungs(self) -> list[str]:
        return [p["rung"] for p in self.posts]

    def wait_for(self, predicate: Callable[[list[dict]], bool], timeout: float = 20.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate(list(self.posts)):
                return
            time.sleep(0.1)
        raise AssertionError(f"receiver never saw the expected pages; got {self.posts!r}")


@contextmanager
def webhook_receiver() -> Iterator[Receiver]:
    receiver = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (http.server API)
            length = int(self.headers.get("Content-Length") or 0)
            body = json.loads(self.rfile.read(length) or b"{}")
            rung = parse_qs(urlparse(self.path).query).get("rung", [""])[0]
            receiver.posts.append({"rung": rung, "text": body.get("text", ""),
                                   "at": time.monotonic()})
            time.sleep(receiver.delay)
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b'{"ok": true}')

        def log_message(self, *_args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    receiver.url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield receiver
    finally:
        server.shutdown()
        server.server_close()


def clinic_config_paging(receiver: Receiver, tmp: Path) -> Path:
    """The real clinic config, with each ladder rung paging the local receiver."""
    raw = yaml.safe_load((PROJECT_ROOT / "bot" / "clinic.yml").read_text())
    for rung, contact in raw["escalation"]["contacts"].items():
        contact["webhook"] = f"{receiver.url}?rung={rung}"
    path = tmp / "clinic.yml"
    path.write_text(yaml.safe_dump(raw))
    return path
