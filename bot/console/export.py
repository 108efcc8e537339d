"""CSV export of one client's check-ins and triggers.

The file opens with the 42 CFR Part 2 redisclosure notice (§ 2.32), and every cell that a
spreadsheet could run as a formula is neutralised (XS-1): text starting with = + - @, a tab
or a carriage return gets a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from bot.console.params import iso
from bot.store.timeline import CheckInItem, TriggerItem

REDISCLOSURE_NOTICE = (
    "This record which has been disclosed to you is protected by federal confidentiality "
    "rules (42 CFR part 2). These rules prohibit you from using or disclosing this record, or "
    "testimony that describes the information contained in this record, in any civil, "
    "criminal, administrative, or legislative proceedings by any Federal, State, or local "
    "authority, against the patient, unless authorized by the consent of the patient, except "
    "as provided at 42 CFR 2.12(c)(5) or as authorized by a court in accordance with 42 CFR "
    "2.64 or 2.65. In addition, the Federal rules prohibit you from making any further "
    "disclosure of this record unless authorized by the written consent of the person to "
    "whom it pertains, or as otherwise permitted by 42 CFR part 2. A general authorization "
    "for the release of medical or other information is NOT sufficient for this purpose "
    "(see 42 CFR 2.31). The Federal rules restrict any use of the information to investigate "
    "or prosecute with regard to a crime any patient with a substance use disorder, except as "
    "provided at 42 CFR 2.12(c)(5)."
)
COLUMNS = ("record", "time_utc", "intensity_0_10", "substance", "category", "situation",
           "description", "coping_or_response")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> str:
    """A cell a spreadsheet will show as text, never evaluate."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _rows(checkins: Iterable[CheckInItem], triggers: Iterable[TriggerItem]):  # type: ignore[no-untyped-def]
    for c in checkins:
        yield ("check-in", iso(c.at), c.intensity, c.substance, None, c.situation, None,
               c.coping)
    for t in triggers:
        yield ("trigger", iso(t.at), t.intensity, None, t.category, None, t.description,
               t.response)


def client_csv(client_id: str, exported_by: str, exported_at: str,
               checkins: list[CheckInItem], triggers: list[TriggerItem]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([neutralise("CONFIDENTIAL: 42 CFR Part 2 redisclosure notice")])
    writer.writerow([neutralise(REDISCLOSURE_NOTICE)])
    writer.writerow([neutralise(f"Client {client_id}; exported by {exported_by} at "
                                f"{exported_at}")])
    writer.writerow([])
    writer.writerow(COLUMNS)
    for row in sorted(_rows(checkins, triggers), key=lambda r: (r[1], r[0])):
        writer.writerow([neutralise(v) for v in row])
    return out.getvalue()
