"""`python -m bot fake-sms`: run the fake provider and print the settings that point the bot
at it (also written to an env file, so `BOT_ENV_FILE=var/fake-sms.env make run` picks them up).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from bot.fake_sms.defaults import (
    DEFAULT_ACCOUNT_SID,
    DEFAULT_AUTH_TOKEN,
    DEFAULT_FROM,
    DEFAULT_PORT,
)
from bot.private import write_private
from bot.settings import get_settings


def add_arguments(parser: argparse.ArgumentParser) -> None:
    settings = get_settings()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    parser.add_argument("--webhook-url", default=settings.sms_public_url,
                        help="the bot's inbound SMS URL, as configured (default: %(default)s)")
    parser.add_argument("--post-base", default=None,
                        help="post to this base URL instead of the webhook URL's own host "
                             "(like a reverse proxy); signatures still cover --webhook-url")
    parser.add_argument("--account-sid", default=DEFAULT_ACCOUNT_SID)
    parser.add_argument("--auth-token", default=DEFAULT_AUTH_TOKEN)
    parser.add_argument("--number", default=DEFAULT_FROM, help="the bot's phone number")
    parser.add_argument("--opt-out", action="append", default=[], metavar="NUMBER",
                        help="answer sends to NUMBER with error 21610 (repeatable)")
    parser.add_argument("--env-file", default=str(settings.var_dir / "fake-sms.env"),
                        help="where to write the settings (default: %(default)s); '' to skip")


def env_lines(webhook_url: str, account_sid: str, auth_token: str, number: str,
              api_base: str) -> list[str]:
    """The bot's settings for talking to this fake (the gateway and dispatcher read them)."""
    return [
        f"TWILIO_ACCOUNT_SID={account_sid}",
        f"TWILIO_AUTH_TOKEN={auth_token}",
        f"TWILIO_FROM_NUMBER={number}",
        f"TWILIO_API_BASE={api_base}",
        f"SMS_PUBLIC_URL={webhook_url}",
    ]


def main(args: argparse.Namespace) -> int:
    from aiohttp import web

    from bot.fake_sms.phone import create_app
    from bot.fake_sms.provider import FakeConfig, FakeProvider

    config = FakeConfig(webhook_url=args.webhook_url, account_sid=args.account_sid,
                        auth_token=args.auth_token, number=args.number,
                        post_base=args.post_base)
    provider = FakeProvider(config, opted_out=set(args.opt_out))
    base = f"http://{args.host}:{args.port}"
    lines = env_lines(config.webhook_url, config.account_sid, config.auth_token,
                      config.number, base)
    print(f"Fake SMS provider on {base}")
    print(f"  Phone page: {base}/   (type as a phone; replies appear there)")
    print(f"  Texts go to: {config.webhook_url}")
    print("  Point the bot at it with these settings (add them to .env, or use the file):")
    for line in lines:
        print(f"    {line}")
    if args.env_file:
        path = Path(args.env_file)
        write_private(path, "\n".join(lines) + "\n")  # it holds the auth token
        print(f"  Written to {path}; start the bot with:  BOT_ENV_FILE={path} make run")
    print("Press Ctrl-C to stop.", flush=True)
    web.run_app(create_app(provider), host=args.host, port=args.port, access_log=None,
                print=None)
    return 0
