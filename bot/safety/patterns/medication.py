"""Medication overdose, withdrawal danger and opioid return-to-use (issue 11).

- Any medication taken in excess ("took the whole bottle of tylenol", "swallowed 30 of my
  sertraline", "took my sleeping pills with a bottle of wine") is imminent: acetaminophen can
  feel fine for a day and still kill. A wish or plan ("thinking of taking all my pills") is high.
- Withdrawal danger before it is an emergency: stopping benzodiazepines or heavy daily drinking
  suddenly or alone, or shaking and sweating after heavy use, is high; seizures, hallucinations
  and DTs stay imminent (emergency.py).
- Opioid use after a period without (days clean, out of rehab or jail, off methadone) is high
  whatever the time frame says, because tolerance drops within days.
"""

from __future__ import annotations

from bot.safety.rules import Rule, esc, risk

MO = "medication_overdose"
WD = "withdrawal"
OR = "opioid_return"
_EVENT = {"info_sensitive": True, "recent_cap": True}
_MANY = ("[ all / whole / entire / handful / handfuls / bunch / bottle / box / pack / packet / "
         "sheet / rest / lot / ton / several / dozen / double / triple / extra / way / "
         "re:^([5-9]|[1-9]\\d+)$ / re:^\\d{3,5}(mg)?$ ]")
# a named medicine or a dose: "took all my pills" stays a (generic) overdose, answered by the
# dialogue's safety check; a named medicine gets Poison Control and "did you take it to hurt
# yourself?"
_MEDS = "[ <MED> / mg / gabapentin / lithium / seroquel / ambien / bottle of pills ]"
_TAKE = "@take|swallow|down|pop|eat|chug|gulp|tomar"
_STOP = ("[ stop / stopping / stopped / quit / quitting / come off / coming off / get off / "
         "getting off / cut off / drop / dropping / flush / flushed / done with / not taking / "
         "threw out / throwing out / quit taking / getting rid of / no more ]")
_BENZOS = ("[ benzos / benzo / klonopin / klonopins / xanax / xans / bars / valium / ativan / "
           "clonazepam / alprazolam / lorazepam / diazepam ]")

MEDICATION: list[Rule] = [
    risk("mo_took_many", MO, "imminent",
         f"{_TAKE} ..3 {_MANY} ..5 {_MEDS}",
         "<MED> ..4 [ the whole / a whole / the entire / all of / all the / a handful ] ..2 "
         "[ bottle / box / pack / of them / pills / tablets ]",
         f"{_TAKE} ..2 <MED> ..6 [ with / and / plus / then ] ..4 [ wine / vodka / beer / "
         f"beers / alcohol / drinks / whiskey / booze / liquor / tequila / a bottle / a fifth ]",
         "[ tomé / tome / me tomé / me tome / se tomó / se tomo ] ..3 [ todas / toda / muchas / "
         "el frasco / la caja / un montón / re:^\\d+$ / una caja / caja / frasco / un frasco / "
         "entera / entero ] ..3 [ pastillas / pastilla / medicinas / "
         "<MED> ]",
         actual=True, **_EVENT),
    risk("mo_overdosed_med", MO, "imminent",
         "[ overdosed / od'd / oded / overdosing / od ] on [ my ]? <MED>", **_EVENT),
    risk("wd_stop_alone", WD, "high",
         f"{_STOP} ..3 {{BENZO_ALCOHOL}} ..6 [ cold turkey / at once / all at once / on my own / "
         "by myself / alone / at home / no taper / without help / without a doctor ]",
         f"{_STOP} ..3 [ all ]? [ my ]? {_BENZOS} ..6 [ tomorrow / tonight / today / starting / "
         "for good / at once / now ]", "cold turkey ..6 {BENZO_ALCOHOL}",
         "{BENZO_ALCOHOL} ..6 cold turkey", escalate=(esc("tremor", "high"),)),
    risk("wd_stop_heavy", WD, "none", f"{_STOP} ..3 {{BENZO_ALCOHOL}}",
         escalate=(esc("heavy_use", "high"),), first_person=True),
    # "drinking a fifth a day... stopping tomorrow on my own": the stop has no object, the
    # heavy use elsewhere in the message says what is being stopped.
    risk("wd_stop_bare", WD, "none",
         f"{_STOP} ..2 [ cold turkey / on my own / by myself / alone / at home / tomorrow / "
         "tonight / today / starting tomorrow / for good / without help / no taper ]",
         "[ detox / detoxing / dry out / drying out / sober up ] [ myself / on my own / by "
         "myself / at home / alone / cold turkey ]",
         escalate=(esc("heavy_use", "high"),), first_person=True),
    risk("wd_heavy_shaking", WD, "none",
         "[ shaking / shakes / shaky / tremors / tremor / trembling / sweats / sweating / "
         "temblando / hands will not stop ]",
         escalate=(esc("heavy_use", "high"),), **_EVENT),
    risk("or_return", OR, "high",
         "[ used / shot / shot up / did / relapsed / snorted / smoked / took / picked up / "
         "copped / bought / went back to / back on / using / use / go back to ] ..4 "
         "{OPIOIDS}",
         "[ took / did / had / snorted / smoked / popped / bought ] [ a / two / 2 / some / one / "
         "three ] [ 30 / 30s / blue / blues / m30 / m30s / perc / percs / roxy ]",
         "chased the dragon", "foil is back", "[ i 'm / im / i am ] [ so ]? pinned",
         "[ relapsed / slipped ] on [ pills / oxy / oxycodone / percs / dope / fent / heroin ]",
         "[ used / using / shot up / picked up ] already",
         first_person=True, ignore_resolved=True, history_level="none"),
]
