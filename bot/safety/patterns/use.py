"""Severe craving, intent to use, lapse/relapse and concealment — about the writer only.

A craving is severe at 8/10 or above or in strong words; it becomes high with a high-risk place,
substance at hand or someone about to use ("can't hold on, about to use"). Low cravings
("craving a 3 for beer") are ordinary check-ins. Other people's use is not the writer's lapse.
"""

from __future__ import annotations

from bot.safety.rules import Rule, esc, risk

SC = "severe_craving"
_FP = {"first_person": True}
_INTENT = ("[ [ going / about / bout / ready / decided / have / got / want / need ] to / gonna "
           "/ gunna / will / finna / tryna / wanna ]")
_TESTS = "[ test / tests / ua / uas / u.a. / screen / screening / breathalyzer / tox ]"
_CRAVE_ESC = (esc("place", "high"), esc("means_subst", "high"), esc("alone", "high"))

USE: list[Rule] = [
    risk("uc_intent", SC, "high",
         f"{_INTENT} [ get [ high / drunk / wasted / loaded / lit ] / relapse / cop / score / "
         "shoot up / [ call / text / hit ] up? my dealer / [ buy / get ] some? <SUBST> / go to "
         "the bar / go get a drink ]",
         f"{_INTENT} go? [ buy / get / grab / cop ] [ a / some ]? [ bottle / bag / fifth / pint / "
         "sixpack / drink / beer / <SUBST> ]",
         "[ so / this / really ]? close to [ using / drinking / relapsing / picking up / getting "
         "high / giving in ]",
         "can not [ hold [ on / out ] / fight [ it / this / the / these ]? [ urge / urges / "
         "craving / cravings ]? / resist / stop myself / stay sober / stay clean / do this "
         "sober ] [ anymore / tonight / longer / much longer / any longer ]?",
         "[ texting / text / texted / calling / call / called / meeting / meet / waiting / "
         "hitting / hit / headed / heading / going ] [ for / on / up / to ]? [ my / the ]? "
         "[ dealer / plug / connect ]", "on my way to [ my / the ]? [ dealer / plug ]",
         "[ dealer / plug / connect ] ..3 [ on [ his / her / the ] way / coming / outside / "
         "pulling ]",
         "[ dealer / plug / connect ] ..4 [ texted / called / messaged / offered / showed / "
         "came ] ..8 [ meet / meeting / see / going / gonna / pick / picking / buy / cop ]",
         "[ bought / grabbed / copped / scored / ordered ] [ a / some / an ]? [ bag / fifth / "
         "pint / handle / sixpack / case / <SUBST> / six pack / 12 pack ]",
         "got [ a / some ] [ bag / fifth / pint / handle / sixpack / <SUBST> ]",
         escalate=(esc("alone", "high", "overdose"),), **_FP),
    risk("uc_intent_anchored", SC, "high",
         f"{_INTENT} just? [ use / drink / smoke / using / drinking / relapse ] [ once / again / "
         "one more time ]?",
         "[ bought / got / grabbed ] a bottle", end_anchor=True,
         escalate=(esc("alone", "high", "overdose"),), **_FP),
    risk("uc_heading", SC, "none",
         "[ to / at / outside / in front of / in / near / by / inside / into ] ..2 [ <PLACE> / "
         "old spot ]",
         escalate=(esc("craving", "high"),), **_FP),
    risk("uc_severity", SC, "moderate",
         "{CRAVE} is|'s|are|was|at|about|around|like|a|an|level|of|been|sitting|rn|today|hitting"
         "|currently|literally|honestly|solid|strong|now|right|:|-|=|my|me|a* {HIGH_NUM}",
         "{HIGH_NUM} [ out of 10 / /10 / on the scale ]? {CRAVE}",
         "{CRAVE} ..3 [ through the roof / off the charts / unbearable / overwhelming / insane / "
         "intense / so intense / out of control / so strong / too strong / really strong / so "
         "bad / really bad / worse than ever / the worst / extreme ]",
         "[ worst / strongest / biggest / intense / insane / unbearable / overwhelming / crazy / "
         "massive / huge / severe / extreme / strong ] {CRAVE}",
         "[ can not ] stop thinking about [ using / drinking / getting high / a drink / "
         "heroin / <SUBST> ]",
         escalate=_CRAVE_ESC, **_FP),
    risk("uc_need", SC, "moderate",
         "[ need / needa / dying for / kill for ] [ a / some / to ]? get? [ drink / hit / line / "
         "fix / bump / pill / beer / shot / <SUBST> / use / high / drunk ] "
         "so|bad|badly|right|now|rn|tonight|much*",
         "[ @want / wanna ] [ a / some / to ]? get? [ drink / hit / line / fix / bump / pill / "
         "beer / shot / <SUBST> / use / high / drunk ] [ so bad / so badly / so much / really "
         "bad / really badly ]",
         end_anchor=True, escalate=_CRAVE_ESC, **_FP),
    risk("rl_event", "relapse", "moderate",
         "[ relapsed / lapsed / slipped / drank / used / drink / drinking / using / smoked / "
         "smoking / snorted / popped ] [ again / yesterday / today / tonight / earlier / once / "
         "twice ]",
         "[ relapsed / lapsed / slipped / drank / used / drinking / using / smoked / snorted / "
         "popped ] [ last / this / over ] the? [ night / morning / weekend / week / saturday / "
         "sunday / friday ]", "[ relapsed / lapsed ] on",
         "[ drinking / drank / getting high / smoking / using ] [ every / each / all ] [ night / "
         "day / weekend / morning ]", "[ drank / used / smoked ] a [ little / "
         "bit ]", "relapsed", "[ had / have / my ] [ a ]? [ relapse / slip / lapse / slipup ]",
         "[ keep / been ] relapsing", "relapse again", "slipped up",
         "slipped and [ used / drank / smoked / got / took / had / picked / drink / use ]",
         "picked up [ again / after / yesterday / last / today / tonight ]",
         "[ used / drank / smoked / snorted / shot / did / bought / copped / popped ] ..2 <SUBST>",
         "[ took / popped / snorted / did / hit / shot ] ..3 {STREET}",
         "[ i 'm / i am / im / am ] [ so / really / pretty / very / kinda / a little ]? [ drunk / "
         "high / wasted / loaded / buzzed / tipsy / faded / stoned / hammered / tweaking ] "
         "[ rn / right / now / again / tonight / lol ]*",
         "had [ a / some / few / couple / two / 2 / three / like / of ]* [ drinks / beers / beer "
         "/ shots / wine / drink / vodka / whiskey / liquor / tequila / hits / lines / xans / "
         "pills ]",
         "got [ high / drunk / wasted / loaded / faded / blasted / hammered / smashed / plastered "
         "/ tipsy / buzzed / messed / fucked ]",
         "[ lost / reset / restart / restarted / back / starting / start ] [ to / over / at / "
         "my ]* [ sobriety / date / one / 1 / zero / square ]",
         "[ lost / reset ] my [ clean / sober ] [ time / date / days ]",
         "[ blew / broke / ruined ] my [ sobriety / streak / clean / sober ]",
         "fell off the wagon", "[ recaí / recai / recaída / recaida ]",
         "volví a [ tomar / beber / usar / consumir ]", **_FP),
    risk("rl_anchored", "relapse", "moderate",
         "[ i / just ]? [ slipped / picked up / picking up / used / drank ] [ again / "
         "after / yesterday / today / last night ]?", end_anchor=True, **_FP),
    risk("cc_hide", "concealment", "moderate",
         "[ hide / hiding / cover / covering / mask / masking / conceal ] ..4 [ drunk / high / "
         "drinking / using / smell / breath / relapse / relapsing / pupils / marks / it / that ] "
         "[ from / i / from my ]?",
         f"[ how / tips / tip / way / ways / trick / tricks / help / trying / can / could ] ..3 "
         f"[ pass / beat / cheat / fake / trick / flush ] ..3 {_TESTS}",
         "[ get / make / keep ] my? [ urine / pee / piss / system ] clean",
         f"[ beat / cheat / fake / trick / dilute / around ] ..3 {_TESTS}",
         "[ fake / synthetic / clean / else 's / somebody 's ] [ pee / urine / piss ]",
         "whizzinator", "detox [ drink / kit / drinks ]", "[ etg / ua / drug / urine ] test ..3 "
         "[ beat / pass / cheat / fake ]",
         "[ stay / stays ] in [ your / my / the ] [ system / urine / blood ]",
         "flush [ my / your / the ]? system", "[ nobody / no one ] [ has / needs / will ] to? know",
         "[ keep / keeping ] ..2 [ secret / between / from ] [ us / you / my ]?",
         "so [ my / nobody / no / they / group ] ..3 [ not / never ] [ know / find / notice / see "
         "/ smell ]", "[ sober up / sober-up ] [ fast / quick / quickly / before ]", **_FP),
    risk("cc_dont_tell", "concealment", "moderate",
         "[ not / never ] [ tell / let / inform / say anything to ] [ my / the ]? [ counselor "
         "/ therapist / sponsor / doctor / care team / group / anyone / anybody / staff / "
         "probation officer / po / wife / husband / family / mom / dad / clinic / team ]",
         negatable=False, **_FP),
]
