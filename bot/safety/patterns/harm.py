"""Self-harm: acts, urges and slang ('sh', 'cutting again'), and injuries that need 911 now."""

from __future__ import annotations

from bot.safety.rules import Rule, risk

SH = "self_harm"

SELF_HARM: list[Rule] = [
    risk("sh_act", SH, "high",
         "@{SELF_INJURY} %ANYSELF",
         "@cut|burn|slash|carve|slit|scratch|slice|stab ..2 [ my / her / his / their ] {BODY}",
         "@cut|burn|cuts|cutting|burns|scars|marks [ on ] [ my / her / his ] {BODY}",
         "self [ - ]? [ harm / harming / harmed / injury / injure / injuring / mutilation / "
         "mutilate ]", "selfharm", "selfharming", "self-harm", "self-harming",
         "[ relapsed / relapse / urge / urges / did / doing / start / started / resisting / "
         "@want / wanna / thinking about ] [ on / to ]? sh",
         "sh [ again / urges / urge / relapse / scars / wounds / marks ]",
         "[ urge / urges / tempted / temptation ] to [ cut / burn / self harm / harm / hurt ]",
         "[ started / start / been / am / back to / keep / kept / went back to / caught myself / "
         "relapsed into / stop ] cutting [ again ]?",
         "cutting again", "@bang ..2 my head ..3 [ wall / walls / floor / against ]",
         "[ punch / punched / punching / hit / hitting ] [ the ]? [ wall / walls ] ..4 [ on "
         "purpose / until / till / to feel ]",
         "[ me corto / me corté / cortarme / me lastimo / hacerme daño / autolesión / "
         "autolesiones / me hago daño ]"),
    risk("sh_deep", SH, "imminent",
         "@cut|slit|slash|slice ..4 [ too deep / really deep / very deep / so deep / deep / "
         "deeper ]",
         "[ slit / slashed / sliced / cut open / opened ] ..2 [ my / her / his / their ] [ wrist "
         "/ wrists / throat / vein / veins ]",
         actual=True, recent_cap=True),
    risk("med_bleeding", "medical_emergency", "imminent",
         "[ will not / can not / does not / won't / not ] stop bleeding",
         "bleeding [ a lot / so much / everywhere / heavily / badly / out / really bad / like "
         "crazy ]", "blood everywhere", "losing [ a lot of ]? blood", "lost a lot of blood",
         "[ throwing up / vomiting / puking / coughing ] blood", recent_cap=True),
]
