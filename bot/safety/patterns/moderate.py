"""Moderate signs told in everyday words (issue 11): a lapse told without "relapse", low mood
without "hopeless", eating-disorder and concealment questions in the words people use, and
imminent use (high) told as what is happening ("I already ordered", "about to open it").
"""

from __future__ import annotations

from bot.safety.rules import Rule, esc, risk

LM = "low_mood"
ED = "eating_disorder"
CC = "concealment"
RL = "relapse"
SC = "severe_craving"
_FP = {"first_person": True}
_USED = ("[ xanax / xans / bars / benzos / klonopin / coke / crack / meth / heroin / dope / fent "
         "/ percs / oxy / molly / weed / pills / blow / ice / ketamine / lean / shots / beers ]")
_TEST = "[ test / tests / ua / screen / sample / soberlink / breathalyzer / drug test ]"

MODERATE: list[Rule] = [
    risk("rl_told", RL, "moderate",
         "[ went on / been on / on ] a [ bender / binge / run / three day / 3 day ]",
         "i [ drank / relapsed / blacked out / picked up / got high / got drunk / "
         "got wasted / smoked / snorted / shot up ] [ on / at / before / after / over / friday / "
         "saturday / sunday / monday / tuesday / wednesday / thursday / first / last / this / "
         "again / yesterday / today / and / but / when / because ]",
         "i used [ on / again / last / this / yesterday / today / at / before / after / with / "
         "once / twice / some / a / dope / meth / coke / heroin / fent ]",
         f"[ took / popped / had / did / snorted / smoked ] [ some / a few / a couple / one / "
         f"two / "
         f"a / my ]? ..3 {_USED} [ to / last / yesterday / at / because / and ]?",
         "[ sobriety / sober / clean ] date [ changed / reset / is back / went ]",
         "reset my [ app / days / count / clock / date ]", "chip ..4 [ drawer / back / gone ]",
         "[ was not / wasn't / not ] [ exactly / really / totally ]? sober",
         "[ back at / back to / starting at ] day [ one / 1 / zero ]",
         "[ 4 / 5 / 6 / four / five / six / a bunch of / some ] empties",
         "first time in re:^\\d+$ [ days / weeks / months ]", history_level="none",
         escalate=(esc("abstinent", "high", "opioid_return"),), **_FP),
    risk("lm_told", LM, "moderate",
         "[ feel / feeling / i 'm / im / i am ] [ like ]? [ such ]? [ garbage / trash / shit / a "
         "waste / a failure / nothing / worthless / a burden ]",
         "[ wasted / ruined / messed up / destroyed / fucked up / screwed up ] [ my ]? [ whole ]? "
         "life", "[ feeling / felt / been ] [ really / so / pretty ]? low",
         "[ heavy / grey / gray / dark / empty ] [ since / every day / all the time / lately ]",
         "[ nobody / no one ] [ trusts / wants / likes / believes ] me",
         "[ do not / don't ] [ deserve / have ] [ anyone / a second chance / anything / love / "
         "anybody ]", "[ gave / given ] up on me", "why i even bother", "just existing",
         "[ every single day / every day ] ..3 [ shit / awful / terrible / miserable / empty / "
         "like shit ]", "[ what 's / whats / what is ] even left",
         "[ do not / don't / can not ] see [ a / any ] future", "[ feel / feeling ] [ so ]? "
         "trapped", "[ miserable / unhappy / depressed ] [ sober / and sober / even sober ]",
         "[ sober / clean ] and [ still ]? [ miserable / empty / depressed ]",
         escalate=(esc("emoji_death", "high", "suicidal_ideation"),), **_FP),
    risk("ed_told", ED, "moderate",
         "[ binge / binging / bingeing / binged ] ..6 [ starve / starving / purge / throw / threw "
         "/ sick ]", "[ bulimia / anorexia / my ed / eating disorder ] [ is ]? [ back / again / "
         "came back / coming back ]", "[ have / got ] an eating disorder",
         "threw [ it all / it / everything / all of it ] up", "[ throw / threw ] up ..3 after "
         "[ lunch / dinner / breakfast / eating / meals / every meal ]",
         "[ restricting / restrict / restricted ] [ hard / again / food / calories ]?",
         "[ lose / losing ] [ more / even more ] [ weight ]?", "only eat [ every other day / once "
         "a day / once every ]", "chew ..3 spit", "[ thinking about / obsessed with / counting / "
         "obsessing over ] calories", "[ weigh / weighing ] myself ..3 [ times / every ]",
         "[ exercise / work out / workout / run ] re:^\\d+$ hours", "eat until i 'm in pain",
         "[ not eating / stopped eating / don't eat / dont eat / do not eat ] ..4 [ weight / "
         "skinny / thin / pounds / lbs / fat / number ]", **_FP),
    risk("cc_told", CC, "moderate",
         "[ flush / get / clean ] ..4 out of my system", "stay in [ your / my ] [ pee / urine / "
         "hair / blood / system ]", "smell off [ me / my breath ]", "[ roommates / roommate 's "
         "/ someone else 's / friend 's / friends / clean / my kid 's ] [ pee / urine ]",
         "dilute [ my ]? [ pee / urine / sample ]", f"[ how / trick / tips / tip / way / ways / "
         f"help me / can i / could i ] ..3 [ pass / passing / beat / beating / trick / fool / "
         f"cheat ] [ a / the / my ]? [ hair / drug / urine / breath ]? {_TEST}",
         "[ so / before ] ..4 no one [ can / will ] [ tell / notice / know ]",
         "look like i 'm sober", f"mess up the {_TEST}", "hide my [ pill / drug / drinking / "
         "use / using ] [ use ]?", f"[ get out of / skip / avoid ] [ my / the ] {_TEST}",
         "[ do not / don't ] want it to show up", **_FP),
    risk("sc_now", SC, "high",
         "[ ordered / bought / grabbed / poured / opened / cracked ] [ a / my / the / another ]? "
         "[ drink / beer / shot / bottle / fifth / pint / round / 30 pack / 12 pack / six pack ]",
         "[ one step / one click / one call / seconds / minutes ] [ away ]? from [ using / "
         "drinking / calling / picking up / relapsing ]", "[ copped / scored / bought ] ..3 "
         "[ hour ago / minutes ago / earlier / just now ]", "[ going / headed / heading / "
         "walking / driving / on my way ] [ to / toward / towards ] the [ bar / spot / liquor "
         "store / dealer / trap / plug ]", "about to [ give in / open it / use / drink / cop / "
         "score / call him / call my dealer / pick up ]", "[ go / going to / gonna ] [ score / "
         "cop ]", "[ i have / got / have ] [ cash / money ] ..6 [ selling / dealer / plug ]",
         **_FP),
]
