"""Crisis replies in Spanish, for messages written in Spanish (issue 11).

Same rules as the English texts: 911 first when life is in danger, no method information, at
most 160 characters each and GSM-7 only (so no a/i/o/u with an acute accent: SMS phones show
them as "?" or split the message; "numero", "aqui" read fine). Categories without a Spanish
text fall back to English (bot.safety.resources.crisis_reply).
"""

from __future__ import annotations

from bot.safety.levels import level_rank

LINE_988 = "Llame o envie un texto al 988 (marque 2 para espanol), a cualquier hora."
ASK_QUESTION = ("Eso suena muy dificil. Le pregunto directamente: esta pensando en el "
                "suicidio o en hacerse dano?")
CARE_TEAM_NOTIFIED = "Le avise a su equipo de cuidado, y alguien se comunicara con usted pronto."
CARE_TEAM_SEES_FLAGS = ("Su equipo de cuidado puede ver alertas de seguridad como esta, asi que "
                        "tal vez se comuniquen con usted.")
# The dialogue's follow-up after a Spanish crisis reply ("Are you safe right now?"), and its
# buttons: the payloads stay "yes"/"no" so the dialogue reads them as in English.
ARE_YOU_SAFE = "Estoy aqui con usted. ¿Esta a salvo ahora mismo?"
SAFE_BUTTONS = [{"title": "Si, estoy a salvo", "payload": "yes"},
                {"title": "No", "payload": "no"}]
MEDICATION_QUESTION = "Cuando pueda, digame: ¿lo tomo para hacerse dano?"
YES_NO_BUTTONS = [{"title": "Si", "payload": "yes"}, {"title": "No", "payload": "no"}]
ASK_DECLINED = ("Gracias por decirmelo. Me alegra. Si eso cambia, o todo se siente mas pesado, "
                "llame o envie un texto al 988 a cualquier hora.")
MEDICATION_DECLINED = ("Gracias por decirmelo. Por favor llame a Control de Envenenamiento al "
                       "1-800-222-1222 ahora, o al 911 si se siente mal, con sueno o confundido.")

_SUICIDE = [
    "Me alegra mucho que me lo dijera. No tiene que cargar con esto solo.",
    LINE_988,
]
_TEXTS: dict[tuple[str, str], list[str]] = {
    ("suicidal_ideation", "high"): _SUICIDE,
    ("self_harm", "high"): _SUICIDE,
    ("method_seeking", "high"): ["No puedo ayudar con eso, pero me importa su seguridad.",
                                 LINE_988],
    ("suicidal_ideation", "imminent"): ["Si esta en peligro ahora, llame al 911.", *_SUICIDE],
    ("self_harm", "imminent"): ["Llame al 911 ahora. Presione con fuerza cualquier herida con "
                                "un pano limpio.", LINE_988],
    ("overdose", "imminent"): [
        "Llame al 911 ahora. Decir que alguien no respira o no despierta es suficiente.",
        "Si tiene naloxona (Narcan), uselo ahora. Quedese con la persona hasta que llegue "
        "ayuda.", LINE_988],
    ("medication_overdose", "imminent"): [
        "Llame al 911 ahora, o a Control de Envenenamiento: 1-800-222-1222. Aunque se sienta "
        "bien: algunas medicinas hacen dano horas despues.",
        "Abra la puerta y digale a alguien cerca lo que tomo. Tenga el frasco con usted.",
        LINE_988],
    ("withdrawal", "imminent"): ["La abstinencia fuerte es peligrosa. Llame al 911 o vaya a la "
                                 "sala de emergencias ahora.", LINE_988],
    ("withdrawal", "high"): ["Por favor no lo deje solo de golpe. Dejar el alcohol o las benzos "
                             "de repente puede causar convulsiones.",
                             "Llame a la clinica o vaya a urgencias hoy. Llame al 911 si hay "
                             "convulsiones o confusion."],
    ("partner_violence", "high"): [
        "Siento mucho lo que esta pasando. No es su culpa. Si esta en peligro, llame al 911.",
        "Linea Nacional de Violencia Domestica: 1-800-799-7233 (en espanol), o envie START al "
        "88788.",
        "Si alguien revisa su telefono, puede borrar este chat y usar un telefono que no vean."],
    ("sexual_assault", "high"): [
        "Siento mucho lo que le paso. No es su culpa, sin importar cuando paso.",
        "Linea Nacional de Agresion Sexual RAINN: 1-800-656-4673, a cualquier hora.",
        "Si esta en peligro ahora, llame al 911."],
    ("opioid_return", "high"): [
        "Gracias por decirmelo. Despues de un tiempo sin usar, su tolerancia es mas baja: su "
        "cantidad de antes puede causar una sobredosis.",
        "Si usa: no use solo, tenga naloxona (Narcan) cerca y empiece con poco. Never Use "
        "Alone: 1-800-484-3731.", LINE_988],
    ("harm_to_others", "high"): [
        "Gracias por decirmelo. Por favor alejese de esa persona ahora.",
        "Si alguien esta en peligro ahora, llame al 911. Puede llamar o escribir al 988 para "
        "hablarlo."],
}


def crisis_reply(category: str | None, level: str) -> list[str]:
    """The Spanish texts for (category, level), imminent falling back to high; [] if none."""
    if level_rank(level) < level_rank("high"):
        return []
    texts = _TEXTS.get((category or "", level)) or _TEXTS.get((category or "", "high"))
    if texts and level == "imminent" and "911" not in texts[0]:
        return ["Si alguien esta en peligro ahora, llame al 911.", *texts]
    return list(texts or [])
