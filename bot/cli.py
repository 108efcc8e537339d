"""The command line. These subcommands are stable: other tools script them (see README)."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable

from bot import data_cli
from bot.fake_sms import cli as fake_sms
from bot.outreach import cli as outreach_cli
from bot.private import private_dir, private_tree, restrict_process
from bot.settings import get_settings
from bot.store.errors import StoreError

Command = Callable[[argparse.Namespace], int]


def _migrate(_args: argparse.Namespace) -> int:
    from bot.store.migrate import upgrade

    upgrade()
    print("Database is up to date.")
    return 0


def _enroll(args: argparse.Namespace) -> int:
    from bot.bootstrap import chat_url
    from bot.store.clients import enroll_client

    settings = get_settings()
    enrolment = enroll_client(args.name, phone=args.phone, token_days=settings.chat_token_days,
                              sms_consent=None if args.no_sms_consent else args.sms_consent)
    url = chat_url(settings, enrolment.chat_token)
    if args.json:
        print(json.dumps({"client_id": enrolment.client_id, "chat_url": url,
                          "chat_token": enrolment.chat_token}))
    else:
        print(f"Enrolled {enrolment.client_id}.\nChat link (give it to the client): {url}")
    return 0


def _link(args: argparse.Namespace) -> int:
    from bot.bootstrap import chat_url
    from bot.store.clients import issue_chat_token, revoke_tokens

    settings = get_settings()
    if args.revoke_old:
        revoke_tokens(args.client_id)
    token = issue_chat_token(args.client_id, settings.chat_token_days)
    print(chat_url(settings, token))
    return 0


def _staff_add(args: argparse.Namespace) -> int:
    from bot.store.staff import add_staff, generate_password

    programs = args.program or None  # clinicians and supervisors default to "iop"
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        add_staff(args.username, args.role, password, programs=programs)
        print(f"Staff user {args.username!r} created.")
    else:
        password = generate_password()
        add_staff(args.username, args.role, password, must_change=True, programs=programs)
        print(f"Staff user {args.username!r} created. One-time password: {password}")
    return 0


def _staff_reset(args: argparse.Namespace) -> int:
    """Recovery when no admin can sign in: a one-time password, audited like the console's."""
    from bot.store import audit
    from bot.store.staff import list_staff, reset_password

    match = [u for u in list_staff() if u.username == args.username]
    if not match:
        raise StoreError(f"no staff user {args.username!r}")
    password = reset_password(match[0].id)
    audit.append("password_reset", actor="cli", target_type="staff", target_id=match[0].id,
                 detail="command line")
    print(f"One-time password for {args.username!r}: {password}")
    return 0


def _staff_list(_args: argparse.Namespace) -> int:
    from bot.store.staff import list_staff

    for u in list_staff():
        state = "active" if u.active else "deactivated"
        print(f"{u.id}\t{u.username}\t{u.role}\t{','.join(u.programs) or '-'}\t{state}")
    return 0


def _train(args: argparse.Namespace) -> int:
    from bot.training import train

    train(force=args.force)
    return 0


def _nlp_prepare(_args: argparse.Namespace) -> int:
    from bot.nlp.pipeline import get_nlp, lemmas

    nlp = get_nlp()
    sample = lemmas("cravings were worse")
    if sample[:2] != ["craving", "be"]:
        raise SystemExit("spaCy lookup lemmas are not working: is spacy-lookups-data installed?")
    print(f"spaCy pipeline ready: blank 'en' with {', '.join(nlp.pipe_names)} (lookup tables).")
    return 0


def _gateway(_args: argparse.Namespace) -> int:
    from bot.gateway.app import serve

    serve()
    return 0


def _dispatch(_args: argparse.Namespace) -> int:
    from bot.dispatch.worker import serve

    serve()
    return 0


def _escalations_ack(args: argparse.Namespace) -> int:
    from bot.store.escalations import acknowledge

    view = acknowledge(args.id, by=args.by)
    print(f"Escalation #{view.id} acknowledged by {view.acknowledged_by}.")
    return 0


def _escalations_list(args: argparse.Namespace) -> int:
    from bot.store.escalations import list_escalations

    status = None if args.all else "open"
    for e in list_escalations(status):
        print(f"#{e.id}\t{e.level}\t{e.status}\tstep {e.ladder_step}\t"
              f"{e.created_at:%Y-%m-%d %H:%M}Z\t{e.acknowledged_by or '-'}")
    return 0


def _run(_args: argparse.Namespace) -> int:
    from bot.bootstrap import first_run
    from bot.runner import supervise
    from bot.store.migrate import upgrade

    settings = get_settings()
    upgrade()
    created = first_run(settings)

    def announce() -> None:
        print("\nRecovery Companion is running.")
        print(f"  Web chat:   {settings.public_url}/chat")
        if created.demo_chat_url:
            print(f"  Demo client chat link: {created.demo_chat_url}")
        else:
            print("  New chat link: python -m bot enroll --name NAME  (or: python -m bot link ID)")
        if created.admin_password:
            print(f"  Staff admin: {created.admin_username} / one-time password "
                  f"{created.admin_password}  (shown once)")
        print(f"  Staff console: {settings.public_url}/staff")
        print(f"  Health:     {settings.public_url}/healthz   Ready: {settings.public_url}/readyz")
        print("Press Ctrl-C to stop everything.", flush=True)

    return supervise(settings, on_ready=announce)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    sub.add_parser("run", help="start Rasa, the action server and the gateway").set_defaults(
        func=_run)
    sub.add_parser("gateway", help="serve only the gateway").set_defaults(func=_gateway)
    sub.add_parser("migrate", help="apply database migrations").set_defaults(func=_migrate)

    p = sub.add_parser("enroll", help="enrol a client and print their chat link")
    p.add_argument("--name", required=True, help="name or alias")
    p.add_argument("--phone", help="mobile number in E.164 form, e.g. +15551234567")
    p.add_argument("--sms-consent", metavar="HOW", default="command line enrolment",
                   help="how the client agreed to texts, recorded with the time "
                        "(default: 'command line enrolment')")
    p.add_argument("--no-sms-consent", action="store_true",
                   help="the client did not agree to texts: the number is never texted")
    p.add_argument("--json", action="store_true", help="print client_id, chat_url, chat_token")
    p.set_defaults(func=_enroll)

    p = sub.add_parser("link", help="issue a new chat link for a client")
    p.add_argument("client_id")
    p.add_argument("--revoke-old", action="store_true", help="revoke the client's old links")
    p.set_defaults(func=_link)

    staff = sub.add_parser("staff", help="manage staff accounts").add_subparsers(
        dest="staff_command", required=True)
    p = staff.add_parser("add", help="create a staff account")
    p.add_argument("--username", required=True)
    p.add_argument("--role", required=True, choices=["admin", "supervisor", "clinician"])
    p.add_argument("--password-stdin", action="store_true",
                   help="read the password from stdin instead of generating a one-time one")
    p.add_argument("--program", action="append", metavar="CODE",
                   help="a program the person works in (repeatable; default: iop)")
    p.set_defaults(func=_staff_add)
    p = staff.add_parser("reset-password", help="print a one-time password for an account")
    p.add_argument("--username", required=True)
    p.set_defaults(func=_staff_reset)
    staff.add_parser("list", help="list staff accounts").set_defaults(func=_staff_list)

    sub.add_parser("dispatch", help="run the notification and escalation worker").set_defaults(
        func=_dispatch)
    esc = sub.add_parser("escalations", help="list or acknowledge escalations").add_subparsers(
        dest="esc_command", required=True)
    p = esc.add_parser("ack", help="acknowledge an escalation (stops its ladder)")
    p.add_argument("id", type=int)
    p.add_argument("--by", required=True, help="the staff username acknowledging it")
    p.set_defaults(func=_escalations_ack)
    p = esc.add_parser("list", help="list open escalations")
    p.add_argument("--all", action="store_true", help="include acknowledged and resolved")
    p.set_defaults(func=_escalations_list)

    p = sub.add_parser("train", help="train the Rasa model if its inputs changed")
    p.add_argument("--force", action="store_true")
    p.set_defaults(func=_train)

    nlp = sub.add_parser("nlp", help="spaCy pipeline tools").add_subparsers(
        dest="nlp_command", required=True)
    nlp.add_parser("prepare", help="build and check the blank spaCy pipeline").set_defaults(
        func=_nlp_prepare)

    # `screen` lives in bot.safety.cli; it is imported only when used, so other commands
    # (the gateway, the dispatcher) do not pay for loading the screen at start-up.
    p = sub.add_parser("screen", add_help=False,
                       help="risk-screen stdin lines, or --eval FILE.tsv (see --help)")
    p.add_argument("screen_args", nargs=argparse.REMAINDER)
    p.set_defaults(func=_screen)

    p = sub.add_parser("fake-sms", help="a local fake SMS provider with a phone page")
    fake_sms.add_arguments(p)
    p.set_defaults(func=fake_sms.main)

    data_cli.add_parsers(sub)
    outreach_cli.add_parsers(sub)
    return parser


def _screen(args: argparse.Namespace) -> int:
    from bot.safety.cli import main as screen_main

    return screen_main(args.screen_args)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["screen"]:
        # Its own parser (stdin or --eval, and --help), and no TensorFlow: thinc would load it.
        sys.modules.setdefault("tensorflow", None)  # type: ignore[arg-type]
        from bot.safety.cli import main as screen_main

        return screen_main(argv[1:])
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    args = build_parser().parse_args(argv)
    restrict_process()
    if get_settings().var_dir.exists() or args.command in ("run", "migrate"):
        private_tree(private_dir(get_settings().var_dir))  # also what an older run left
    try:
        return int(args.func(args) or 0)
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # Ctrl-C (during training, say): no traceback for a person
        print("\nInterrupted.", file=sys.stderr)
        return 130
