"""Harm to others, and sexual assault or coercion (categories the first version missed).

Harm to others: the writer's own threat or intent toward a person ("when he gets home I'm going
to hurt him") is high, and imminent with a weapon or a time. Staff decide on any duty to warn;
the bot never does. Reported threats against the writer stay with the violence rules.

Sexual assault: adult assault and coercion ("he kept going after I said no", "made me sleep
with him for a place to stay"), and disclosures of sexual abuse in childhood, which stay high
however long ago they happened (RAINN is for past assault too).
"""

from __future__ import annotations

from bot.safety.rules import Rule, esc, risk

HO = "harm_to_others"
SA = "sexual_assault"
# Single-word alternatives with optional glue words keep this to a few dozen Matcher patterns
# (multi-word alternatives multiply: the first version of this rule compiled to ~1,800).
_WILL = ("[ going / gonna / gon / gunna / finna / about / bout / will / 'll / want / wanna / "
         "ready / plan / planning / fixing / need / have / got / gotta / wait / thinking / voy ] "
         "[ to / of / about / a ]?")
_HARM = ("[ stab / kill / shoot / hurt / beat / murder / strangle / choke / smash / bash / cut / "
         "slash / attack / merk / wreck / poison / poisoning / run / matar / lastimar / put / "
         "fuck / mess / take / end ]")
_VICTIM = ("[ up / over / out / hands / on / a ]? [ him / her / them / <PARTNER> / <KIN> / "
           "<STRANGER> / everyone / everybody ]")
_SOMEONE = ("[ that / the / a / this / those ] [ guy / man / dude / bitch / bastard / woman / "
            "person / people / motherfucker / mf / kid / girl / boy ]")
_HO_ESC = (esc("weapon", "imminent"), esc("now", "imminent"))
_CHILDHOOD = ("[ when i was / as a / growing up / since i was / from when i was / when i "
              "was a ] [ little / kid / child / young / younger / girl / boy / teen / teenager / "
              "re:^([1-9]|1[0-7])$ ]?")

OTHERS: list[Rule] = [
    risk("ho_intent", HO, "high",
         f"{_WILL} [ really / fucking / just / finally / actually ]? {_HARM} {_VICTIM}",
         f"{_WILL} [ really / fucking / just / finally / actually ]? {_HARM} {_SOMEONE}",
         "[ make / making ] [ him / her / them ] [ pay / suffer / regret / bleed ]",
         "[ he / she / they ] [ 's / is / are / will / 'll / 're ] [ going to / gonna ] [ regret "
         "/ pay / be sorry / find out / get what 's coming ]",
         "[ tonight / tomorrow / today ] [ he / she / they ] [ gets / get ] it",
         "[ not / never ] letting [ her / him ] leave me",
         "[ they / he / she / everyone / everybody ] ..2 [ 'll / will ] all? be sorry",
         "[ bringing / bring / brought / taking / take / carrying ] [ a / my / the / his / her ] "
         "{WEAPONS} [ to / into / with me to ] [ work / school / his / her / their / the / my ]",
         "teach [ him / her / them ] a lesson", "[ he / she / they ] [ gets / get ] it [ tonight "
         "/ today / now / tomorrow ]", "[ ready / waiting ] for [ him / her / them ] [ this time "
         "/ tonight / with ]",
         "[ thoughts / thinking / fantasize / fantasizing / urges / urge / picture / imagine ] "
         "..3 [ hurting / killing / stabbing / shooting / strangling / choking ] [ him / her / "
         "them / people / someone / somebody / my / <PARTNER> / <KIN> ]",
         "[ want / wanna / wish ] [ him / her / them / <PARTNER> / <KIN> ] [ dead / gone / to "
         "die ]", "[ lo / la / los ] voy a [ matar / lastimar / apuñalar ]",
         escalate=_HO_ESC, first_person=True, weak=True),
    risk("ho_armed", HO, "none",
         "[ got / have / grabbed / loaded / bought / borrowed / took / brought ] ..3 {WEAPONS}",
         "[ loaded / sharpened ] it", "{WEAPONS} [ by the door / in my bag / in my car / in the "
         "glovebox / in my pocket / on me / in my lap / is loaded ]",
         escalate=(esc("target+now", "imminent", HO), esc("target", "high", HO)),
         first_person=True),
    risk("sa_coercion", SA, "high",
         "[ made / forced / pressured / pressuring / pushed / coerced / guilted / talked ] me "
         "[ into ]? [ sex / having sex / sleeping with / sleep with / hooking up / doing stuff / "
         "doing things / sexual / to have sex / to sleep with / to do stuff ]",
         "[ said / told him / told her / kept saying / was saying ] no ..6 [ kept going / did it "
         "anyway / did not stop / would not stop / still did / kept doing / anyway ]",
         "[ woke up / wake up / came to / passed out ] ..5 [ on top of me / inside me / clothes "
         "off / pants off / naked / undressed / having sex with me / touching me ]",
         "[ kept going / did it anyway / would not stop / did not stop / kept doing it / still "
         "did it ] ..4 [ after / when / even though / though / while ] i [ said / told him / told "
         "her / was saying / kept saying / begged him to ] [ no / stop ]",
         "took advantage of me", "@force himself|herself on me",
         "[ sex / sleep with / hook up / sleeping with / hooking up / sexual stuff / favors ] "
         "..3 [ for / in exchange for / to get / to pay ] ..3 [ drugs / dope / a place / rent / "
         "money / pills / a ride / a fix / <SUBST> / somewhere to stay / a bed ]",
         "[ trade / trading / traded / sell / selling / sold ] [ sex / myself / my body ]",
         "[ grabbed / groped / touched / fondled ] me ..4 [ without / when i said / while i was "
         "asleep / while i was passed out / while i slept / after i said ]",
         "[ drugged / roofied / spiked ] ..3 [ and / then ] ..3 [ woke / raped / sex ]",
         "[ rape / raped / assaulted / molested ] ..3 [ me / my ]",
         "me [ violó / violaron / forzó / obligó a ] ", history_level="high"),
    risk("sa_childhood", SA, "high",
         f"[ touched / touching / touch / molested / abused / raped / fondled / used ] me ..6 "
         f"{_CHILDHOOD}",
         f"{_CHILDHOOD} ..6 [ touched / touching / molested / abused / raped / fondled ] me",
         f"{_CHILDHOOD} ..8 [ made me / had me ] [ touch / do / watch / take off ]",
         "me [ tocaba / tocó / toco / manoseaba ] cuando era [ niña / niño / chiquita / chiquito "
         "/ pequeña / pequeño ]", history_level="high", past_sensitive=False),
]
