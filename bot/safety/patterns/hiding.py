"""Indirect concealment and use about to happen, as people write them (issue 11, round 2).

Concealment is asked about sideways: detection windows, beating a breath or urine test, the
smell of alcohol before group, "my counselor doesn't need to know". Use about to happen is told
by where the person is and what is in reach: a dealer on the way, a line offered, sitting at
the liquor store now. Found from the training split's misses; about the writer only.
"""

from __future__ import annotations

from bot.safety.rules import Rule, risk

_FP = {"first_person": True}
_MONITORS = ("[ ua / u.a. / uas / breathalyzer / breath test / breath thing / soberlink / "
             "ankle monitor / drug test / urine test / pee test / etg / cup / swab / swabs / "
             "tox screen ]")
_WATCHERS = ("[ counselor / therapist / sponsor / doctor / po / probation officer / wife / "
             "husband / group / consejera / consejero / court / clinic ]")
_BOOZE = "[ alcohol / booze / liquor / whiskey / vodka / beer / weed / wine ]"

HIDING: list[Rule] = [
    risk("cc_sideways", "concealment", "moderate",
         "detection window", f"how long ..5 [ show / shows / show up / stay / stays / detectable "
         f"/ last ] ..4 [ test / {_MONITORS} / system / urine / pee ]",
         f"[ beat / cheat / fool / trick / blow clean ] ..4 {_MONITORS}",
         f"{_MONITORS} ..4 [ detect / go off / show ] ..3 [ if / for ] "
         "[ someone / mouthwash / i ]", "[ detox water / clean urine / fake pee / orina limpia ]",
         "[ dilute / diluted / dilutes ] [ my / the / it / drops / sample ]",
         "[ paso / pasar / pasa ] ..3 [ examen / prueba ]", "limpiar ..2 [ sistema / orina ]",
         "[ cuánto / cuanto ] [ tiempo ]? [ dura / tarda ] ..4 [ cuerpo / salir / orina ]",
         "orina de [ mi / otra / otro ]",
         f"[ smell / olor ] [ of / a ]? {_BOOZE} ..4 [ off / before / antes / out ]",
         "[ get / cover / hide / mask / quito / quitar ] ..3 [ smell / olor ]",
         f"{_BOOZE} breath",
         "[ act / look / seem ] [ normal / sober / less high / alert / less hungover ] ..4 "
         "[ when / if / at / in / before ] ..3 [ high / hungover / faded / drunk / group / "
         "session / court / work ]", "[ visine / eye drops ] ..4 [ group / zoom / counselor / "
         "red eyes / session ]", **_FP),
    # the person named here is the one kept in the dark: not a third-party story
    risk("cc_watchers", "concealment", "moderate",
         f"{_WATCHERS} ..3 [ does not / do not / no ] [ need / needs / have ] to know",
         "no tiene por qué saber", "no tiene porque saber",
         f"[ lying / lied / lie ] to [ my / the ]? {_WATCHERS}",
         "[ stays / stay / keep this ] between us", f"without [ my / the ] {_WATCHERS} "
         "[ seeing / knowing / finding out ]", "promise not to tell", negatable=False),
    risk("sc_supply_coming", "severe_craving", "high",
         "[ dealer / plug / guy / connect ] ..3 [ on his way / on the way / omw / pulling up / "
         "coming over / coming by / is here / is outside ]", end_anchor=True),
    risk("sc_offered", "severe_craving", "high",
         "[ offered / handed ] me [ a / some ]? [ line / bump / hit / pill / pills / xan / bar "
         "/ sample ]", "me ofrecieron [ perico / coca / una línea / una linea / pastillas ]"),
    risk("sc_supply_now", "severe_craving", "high", "[ ya pedí / ya pedi ]",
         "already ordered", "[ estoy / ando ] en [ la / el ] [ licoreria / licorería / cantina "
         "/ bar / esquina ]", "[ at / in / outside ] [ the / my ]? [ liquor store / package "
         "store / bar / old block / corner ] ..4 [ now / right now / rn / just sitting / standing "
         "/ sitting / watching / parked ]", "thumb is on [ call / send ]",
         "i 'm going to use unless", **_FP),
]
