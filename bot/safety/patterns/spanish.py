"""Basic Spanish crisis phrases (suicidal ideation, overdose and violence live with their
categories where the pattern shape is shared; these are the ones with their own grammar).

Idioms such as "me muero de hambre / de risa" never match: every rule needs a wish or intent
("quiero", "me voy a", "ganas de") or a crisis noun.
"""

from __future__ import annotations

from bot.safety.rules import Rule, esc, risk

SI = "suicidal_ideation"
_SI_ESC = (esc("means+now", "imminent"), esc("plan", "imminent"))

SPANISH: list[Rule] = [
    risk("es_si", SI, "high",
         "[ me / voy / ganas / pienso / pensando / pensado / deseo / quiero / quisiera ] [ quiero "
         "/ a / de / en / voy ]* [ a ]? [ morir / morirme / matarme / suicidar / suicidarme / "
         "quitarme / desaparecer / acabar ]",
         "me [ quiero / voy ] a? matar", "[ quiero / deseo ] estar? [ muerto / muerta ]",
         "[ no / ya ] no? [ quiero / aguanto / puedo ] [ vivir / seguir / estar ] [ viviendo / "
         "aquí / aqui / más / mas ]?",
         "[ suicidio / suicida ]", "[ mejor / estarían / estarian ] mejor? [ muerto / muerta / "
         "sin ] [ mí / mi ]?", "no vale la pena vivir", "ya no [ tiene / vale ] [ sentido / la "
         "pena ]", negatable=False, escalate=_SI_ESC),
    risk("es_intent", SI, "high", "me voy a [ matar / suicidar / morir ]", "voy a [ matarme / "
         "suicidarme / quitarme la vida ]", negatable=False,
         escalate=(esc("now", "imminent"), esc("means", "imminent"), esc("plan", "imminent"))),
    risk("es_low", "low_mood", "moderate", "no [ puedo / aguanto ] [ más / mas ]",
         "[ sin esperanza / no sirvo para nada ]", first_person=True),
    risk("es_ms", "method_seeking", "high",
         "[ cuántas / cuantas / cuánto / cuanto / cuánta / cuanta ] ..6 [ morir / matar / "
         "letal / mortal / sobredosis ]", "[ forma / manera ] ..3 [ morir / matarme / "
         "suicidarme ]"),
    risk("es_sh", "self_harm", "high",
         "[ me corto / me corté / me corte / cortarme / me lastimo / lastimarme / hacerme daño / "
         "me hago daño / autolesión / autolesiones / me quemo / quemarme ]"),
    risk("es_relapse", "relapse", "moderate",
         "[ recaí / recai / tuve una recaída / tuve una recaida / volví a tomar / volvi a tomar / "
         "volví a beber / volví a usar / volví a consumir / volvi a consumir ]", first_person=True),
    risk("es_craving", "severe_craving", "moderate",
         "[ necesito / tengo muchas ganas de / me muero por ] [ un trago / una copa / tomar / "
         "beber / drogarme / consumir / usar ]",
         escalate=(esc("place", "high"), esc("means_subst", "high"))),
    risk("es_emergency", "overdose", "imminent",
         "[ no despierta / no reacciona / se desmayó / se desmayo / no está respirando / no esta "
         "respirando ]", negatable=False, info_sensitive=True, recent_cap=True),
]
