"""AU-1: every view of clinical data writes an audit row naming its viewer: a flag's detail
(excerpt, notes, phone), the queue, the client list and a client's outreach schedule. The
queue's 5-second background refresh writes at most one row per session every 10 minutes."""

from __future__ import annotations

from console_helpers import add_client, add_flag

from bot.console.config import POLL_HEADER
from bot.store.audit import search
from bot.store.models import utcnow

POLL = {POLL_HEADER: "1"}


def rows(action: str) -> list:
    return search(action=action)


async def test_au1_opening_a_flag_is_audited(sign_in, people):
    sup = await sign_in(people["sup"])
    client_id = add_client("Robin", people["cara"])
    flag = add_flag(client_id, "high", "flagged text", utcnow())
    assert (await sup.get(f"/api/staff/escalations/{flag}")).status == 200
    [row] = rows("view_escalation")
    assert (row.actor, row.client_id, row.target_id) == ("sup", client_id, str(flag))
    assert (await sup.get("/api/staff/escalations/999999")).status == 404
    assert len(rows("view_escalation")) == 1  # nothing shown, nothing to audit


async def test_au1_queue_views_are_audited_and_polls_coalesced(sign_in, people, clock):
    sup = await sign_in(people["sup"])
    add_flag(add_client("Robin", people["cara"]), "high", "flagged text", utcnow())
    assert (await sup.get("/api/staff/queue")).status == 200
    assert (await sup.get("/api/staff/escalations")).status == 200
    for _ in range(3):
        assert (await sup.get("/api/staff/queue", headers=POLL)).status == 200
    assert len(rows("view_queue")) == 3  # two page loads, one row for the polls
    clock.advance(minutes=11)
    assert (await sup.get("/api/staff/queue", headers=POLL)).status == 200
    assert len(rows("view_queue")) == 4  # the next poll, ten minutes on, is audited again
    assert all(r.actor == "sup" and r.client_id is None for r in rows("view_queue"))


async def test_au1_the_client_list_and_outreach_views_are_audited(sign_in, people):
    cara = await sign_in(people["cara"])
    client_id = add_client("Robin", people["cara"])
    assert (await cara.get("/api/staff/clients?q=rob")).status == 200
    [listing] = rows("view_client_list")
    assert listing.actor == "cara" and "search=yes" in (listing.detail or "")
    assert (await cara.get(f"/api/staff/clients/{client_id}/outreach")).status == 200
    outreach = [r for r in rows("view_client") if r.detail == "outreach"]
    assert [(r.actor, r.client_id) for r in outreach] == [("cara", client_id)]
