"""Form drafts: one per client and form, replaced on every answer, dropped on save, purged."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.store import form_drafts
from bot.store.clients import enroll_client
from bot.store.retention import purge

NOW = datetime(2026, 12, 1, 20, 0)


def test_a_draft_is_replaced_loaded_and_deleted(store_db):
    client = enroll_client("Draft Client").client_id
    assert form_drafts.load_draft(client, "craving_form") is None
    form_drafts.save_draft(client, "craving_form", {"craving_intensity": 4.0,
                                                    "craving_substance": None}, NOW)
    form_drafts.save_draft(client, "craving_form", {"craving_intensity": 6.0,
                                                    "craving_substance": "alcohol"}, NOW)
    assert form_drafts.load_draft(client, "craving_form") == {
        "craving_intensity": 6.0, "craving_substance": "alcohol"}
    form_drafts.save_draft(client, "trigger_form", {"trigger_description": "my ex texted"},
                           NOW + timedelta(minutes=5))
    assert form_drafts.latest_draft(client) == ("trigger_form",
                                                {"trigger_description": "my ex texted"})
    form_drafts.delete_draft(client, "trigger_form")
    assert form_drafts.latest_draft(client)[0] == "craving_form"
    form_drafts.save_draft(client, "craving_form", {"craving_intensity": None}, NOW)
    assert form_drafts.load_draft(client, "craving_form") is None  # nothing left to keep


def test_old_drafts_are_purged_with_the_other_health_data(store_db):
    client = enroll_client("Old Draft").client_id
    form_drafts.save_draft(client, "craving_form", {"craving_intensity": 3.0},
                           NOW - timedelta(days=400))
    form_drafts.save_draft(client, "weekly_form", {"bam_sleep": 1}, NOW)
    report = purge(365, now=NOW)
    assert report.counts["form drafts"] == 1
    assert form_drafts.load_draft(client, "craving_form") is None
    assert form_drafts.load_draft(client, "weekly_form") == {"bam_sleep": 1}
