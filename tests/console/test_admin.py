"""Admin: add and deactivate staff, set roles and programs, one-time password resets; and
`python -m bot staff ...` from the command line."""

from __future__ import annotations

import subprocess
import sys

from console_helpers import origin

from bot import PROJECT_ROOT
from bot.store import staff
from bot.store.audit import search


async def test_add_staff_gives_a_first_login_link_not_a_password(sign_in, people, anon):
    admin = await sign_in(people["admin"])
    resp = await admin.post("/api/staff/admin/staff", {"username": "erin", "role": "clinician",
                                                        "programs": ["iop", "north"]})
    assert resp.status == 201
    body = await resp.json()
    assert body["staff"]["programs"] == ["iop", "north"]
    assert body["staff"]["must_change_password"] is True
    assert "one_time_password" not in body
    token = body["first_login_url"].split("#setup=", 1)[1]
    opened = await anon.post("/api/staff/welcome", json={"token": token},
                             headers={"Origin": origin(anon)})
    assert (await opened.json())["user"]["must_change_password"] is True
    assert search(action="staff_created")[0].actor == "root"
    duplicate = await admin.post("/api/staff/admin/staff", {"username": "erin",
                                                             "role": "clinician"})
    assert duplicate.status == 400
    unknown = await admin.post("/api/staff/admin/staff", {"username": "finn",
                                                           "role": "clinician",
                                                           "programs": ["nowhere"]})
    assert unknown.status == 400


async def test_role_change_and_deactivation_sign_the_person_out(sign_in, people):
    dan = await sign_in(people["dan"])
    admin = await sign_in(people["admin"])
    resp = await admin.post(f"/api/staff/admin/staff/{people['dan'].id}",
                            {"role": "supervisor", "programs": ["north"]})
    assert (await resp.json())["staff"]["programs"] == ["north"]
    assert (await dan.get("/api/staff/me")).status == 401
    dan = await sign_in(people["dan"])
    await admin.post(f"/api/staff/admin/staff/{people['dan'].id}", {"active": False})
    assert (await dan.get("/api/staff/me")).status == 401
    assert [r.detail for r in search(action="staff_updated")] == [
        "deactivated", "role clinician->supervisor; programs iop->north"]


async def test_admins_cannot_demote_or_deactivate_themselves(sign_in, people):
    admin = await sign_in(people["admin"])
    me = f"/api/staff/admin/staff/{people['admin'].id}"
    assert (await admin.post(me, {"active": False})).status == 400
    assert (await admin.post(me, {"role": "clinician"})).status == 400
    assert (await admin.post("/api/staff/admin/staff/999999", {"active": True})).status == 404


async def test_reset_password_issues_a_link_and_ends_sessions(sign_in, people):
    cara = await sign_in(people["cara"])
    admin = await sign_in(people["admin"])
    resp = await admin.post(f"/api/staff/admin/staff/{people['cara'].id}/reset-password")
    assert "#setup=" in (await resp.json())["first_login_url"]
    assert (await cara.get("/api/staff/me")).status == 401
    assert not staff.verify_staff_password("cara", people["cara"].password)  # old one is gone
    assert staff.get_staff(people["cara"].id).must_change_password is True
    assert search(action="password_reset")[0].target_id == str(people["cara"].id)


async def test_programs_are_listed_for_everyone_and_created_by_admins(sign_in, people):
    admin = await sign_in(people["admin"])
    made = await admin.post("/api/staff/programs", {"code": "evening", "name": "Evening IOP"})
    assert made.status == 201
    assert (await admin.post("/api/staff/programs", {"code": "Bad Code!", "name": "x"})
            ).status == 400
    cara = await sign_in(people["cara"])
    codes = [p["code"] for p in (await (await cara.get("/api/staff/programs")).json())["items"]]
    assert codes == ["evening", "iop", "north"]
    assert (await cara.post("/api/staff/programs", {"code": "mine", "name": "Mine"})
            ).status == 403


def _cli(store_db: str, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(PROJECT_ROOT), "DATABASE_URL": store_db,
           "RASA_TELEMETRY_ENABLED": "false"}
    return subprocess.run([sys.executable, "-m", "bot", *args], input=stdin, env=env,
                          capture_output=True, text=True, cwd=PROJECT_ROOT, timeout=120)


def test_cli_staff_add_password_stdin_keeps_working(store_db):
    done = _cli(store_db, "staff", "add", "--username", "gail", "--role", "supervisor",
                "--program", "iop", "--password-stdin", stdin="a passphrase from stdin\n")
    assert done.returncode == 0, done.stderr
    assert staff.verify_staff_password("gail", "a passphrase from stdin")
    listed = _cli(store_db, "staff", "list")
    assert "gail\tsupervisor\tiop\tactive" in listed.stdout
    reset = _cli(store_db, "staff", "reset-password", "--username", "gail")
    temporary = reset.stdout.strip().rsplit(" ", 1)[-1]
    assert staff.verify_staff_password("gail", temporary)
    assert search(action="password_reset")[0].actor == "cli"


async def test_xs1_staff_usernames_are_plain_text_only(sign_in, people):
    admin = await sign_in(people["admin"])
    for bad in ("<b>erin</b>", "erin\"onmouseover=x", "erin smith", "-erin", "érin",
                "er\tin", "a" * 65, ".hidden"):
        resp = await admin.post("/api/staff/admin/staff", {"username": bad, "role": "clinician"})
        assert resp.status == 400, bad
    for good in ("erin", "erin.smith", "e_smith-2", "A1"):
        resp = await admin.post("/api/staff/admin/staff", {"username": good, "role": "clinician"})
        assert resp.status == 201, good
    assert [s.username for s in staff.list_staff() if "<" in s.username] == []
