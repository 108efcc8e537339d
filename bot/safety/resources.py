"""Crisis replies by category and level: short, calm, GSM-7, no method information.

911 comes first for anything imminent. These texts never say the care team "has been notified".
The caller appends exactly one closing line: CARE_TEAM_NOTIFIED once the escalation is committed
(ES-4), otherwise CARE_TEAM_SEES_FLAGS, because secrecy is never promised.
"""

from __future__ import annotations

from bot.safety import resources_es
from bot.safety.levels import ASK, level_rank

CARE_TEAM_SEES_FLAGS = (
    "Your care team can see safety flags like this one, so they may reach out to check on you."
)
CARE_TEAM_NOTIFIED = "I've let your care team know, and someone will reach out to you soon."

LINE_988 = ("Call or text 988 (Suicide & Crisis Lifeline), day or night. For Spanish, call and "
            "press 2.")
TEXT_741741 = "You can also text HOME to 741741 to reach the Crisis Text Line."

OVERDOSE_NOW = [
    "Call 911 now. Saying someone is not breathing or won't wake up is enough.",
    "If you have naloxone (Narcan), give it now. If there is no response in 2-3 minutes, give "
    "a second one.",
    "If they are not breathing, give rescue breaths. If they are breathing, roll them onto "
    "their side (recovery position).",
    "Stay with them until help arrives. Good Samaritan laws protect people who call 911 for an "
    "overdose in most states.",
]
INGESTION_NOW = [
    "If they are awake and breathing, call Poison Control now: 1-800-222-1222.",
    "Call 911 right away if they have trouble breathing, are very sleepy, won't wake up or "
    "have a seizure.",
    "Keep the package or bottle with you to tell them what was taken.",
]
WITHDRAWAL_NOW = [
    "Severe withdrawal can be dangerous. Call 911 now or go to the nearest emergency room.",
    "If someone is having a seizure, move things away from them, don't put anything in their "
    "mouth, and stay with them.",
]
MEDICAL_NOW = [
    "Call 911 now. Chest pain, trouble breathing, a seizure or heavy bleeding need help right "
    "away.",
    "If you can, unlock the door and stay where help can reach you. Press firmly on any "
    "bleeding with a clean cloth.",
]
SUICIDE_NOW = [
    "If you are in danger right now, please call 911.",
    "I'm really glad you told me. Please call or text 988 now, or text HOME to 741741.",
    "If you can, put distance between you and anything you could hurt yourself with, and stay "
    "near someone you trust.",
]
SUICIDE_HIGH = [
    "I'm really glad you told me. You don't have to carry this alone.",
    LINE_988,
    TEXT_741741,
]
METHOD_HIGH = [
    "I can't help with that, but I care about your safety and I'm glad you reached out.",
    LINE_988,
    TEXT_741741,
]
PARTNER_VIOLENCE = [
    "I'm so sorry this is happening. It is not your fault. If you are in danger now, call 911.",
    "National Domestic Violence Hotline: call 1-800-799-7233, or text START to 88788, any time. "
    "They can help you make a safety plan.",
    "If someone may check your phone, you can delete this chat and reach out from a phone or "
    "computer they can't see.",
]
SEXUAL_ASSAULT = [
    "I'm so sorry this happened to you. It is not your fault, whenever it happened.",
    "RAINN National Sexual Assault Hotline: call 1-800-656-4673, any time, for something recent "
    "or long ago.",
    "If you are in danger now, call 911.",
]
HARM_TO_OTHERS = [
    "I'm glad you told me. It sounds like a lot of anger right now. Please put distance between "
    "you and that person.",
    "If anyone is in danger now, call 911. You can call or text 988 to talk it through with "
    "someone, any time.",
]
HARM_TO_OTHERS_NOW = [
    "If anyone is in danger right now, call 911.",
    "Please leave, or put distance between you and that person, and put away anything you could "
    "hurt someone with.",
    "You can call or text 988 to talk it through with someone right now.",
]
MEDICATION_NOW = [
    "Call 911 now, or Poison Control at 1-800-222-1222. Do it even if you feel fine: some "
    "medicines, like Tylenol, do harm hours later.",
    "Unlock the door and tell someone near you what was taken. Keep the bottle or package "
    "with you.",
]
MEDICATION_HIGH = [
    "If you have taken anything, call 911 or Poison Control at 1-800-222-1222 now, even if you "
    "feel fine.",
    "I'm really glad you told me. Please call or text 988, or text HOME to 741741.",
]
WITHDRAWAL_DANGER = [
    "Please don't stop alone. Stopping alcohol or benzos suddenly can cause seizures.",
    "Call the clinic or go to urgent care or the ER today. Call 911 for a seizure, confusion or "
    "seeing things.",
]
OPIOID_RETURN = [
    "Thank you for telling me. After time off, your tolerance is lower, so your old amount can "
    "cause an overdose.",
    "If you use: don't use alone, keep naloxone (Narcan) close, start low, and use fentanyl "
    "test strips.",
    "Never Use Alone: call 1-800-484-3731. Someone stays on the line and sends help if you "
    "stop answering.",
    LINE_988,
]
# `ask`: one direct, kind question; the answer sets the level (docs/safety.md).
ASK_QUESTION = ("That sounds really hard. Can I ask you something directly? Are you thinking "
                "about suicide or about hurting yourself?")
# After a medication overdose, the resources come first, then this (yes: the screener).
MEDICATION_QUESTION = "When you can, tell me: did you take it to hurt yourself?"
YES_NO_BUTTONS = [{"title": "Yes", "payload": "yes"}, {"title": "No", "payload": "no"}]
ASK_DECLINED = ("Thank you for telling me. I'm glad. If that changes, or things feel heavier, "
                "call or text 988 any time.")
MEDICATION_DECLINED = ("Thank you for telling me. Please still call Poison Control at "
                       "1-800-222-1222 now, or 911 if you feel sick, sleepy or confused.")
ABUSE_MINOR = [
    "Thank you for telling me. If a child is in danger right now, call 911.",
    "Childhelp National Child Abuse Hotline: call or text 1-800-422-4453, any time.",
]
ABUSE_ADULT = [
    "I'm so sorry this happened. It is not your fault. If you are in danger now, call 911.",
    "You can call or text 988 any time to talk with someone about what happened.",
]
CRAVING_HIGH = [
    "Let's get through the next few minutes together. If you can, leave where you are and call "
    "your sponsor or someone safe.",
    "Your counselor will be notified so they can check in with you.",
    "If it feels like too much, call or text 988 any time.",
]
USE_ALONE = [
    "Please don't use alone. Keep naloxone (Narcan) where someone can reach it.",
    "If anyone can't be woken or isn't breathing, call 911 right away.",
    LINE_988,
]
WITHDRAWAL_HIGH = [
    "What you describe can be serious. Please go to the ER or call 911, especially with "
    "confusion, hallucinations or a seizure.",
    "Please don't go through withdrawal alone. Your counselor or a doctor can help make it safer.",
]
SUPPORTIVE = {
    "relapse": ["Thank you for telling me. A slip doesn't erase your progress.",
                "What might help right now: water, food, rest, and reaching out to your sponsor "
                "or counselor."],
    "low_mood": ["I'm sorry it feels this heavy right now. You are not alone in this.",
                 "One small step might help: a short walk, a few slow breaths, or texting "
                 "someone you trust. If it gets worse, call or text 988."],
    "eating_disorder": ["Thank you for sharing that. Struggles with food and your body are "
                        "real and they can be treated.",
                        "Please bring this up with your counselor. If you ever feel unsafe, "
                        "call or text 988."],
    "concealment": ["I can't help hide use, and I'm not here to judge you.",
                    "Being honest with your counselor is the quickest way to get support that "
                    "fits. They have heard it all before."],
    "severe_craving": ["That sounds like a strong craving. Cravings rise and fall, often "
                       "within 20-30 minutes.",
                       "Try riding it out: move somewhere safe, drink some water, and call "
                       "someone in your support network."],
    "withdrawal": ["Withdrawal is hard, and stopping alcohol or benzos alone can be dangerous. "
                   "Please don't stop on your own.",
                   "Call the clinic or your doctor first; they can make it safer. If you get "
                   "confused, see things, or have a seizure, call 911."],
    "opioid_return": [*OPIOID_RETURN[:2], LINE_988],
}
SUPPORTIVE_DEFAULT = ["Thank you for telling me. You don't have to handle this alone.",
                      "If things get harder, call or text 988 any time."]

_IMMINENT = {
    "overdose": OVERDOSE_NOW, "ingestion": INGESTION_NOW, "withdrawal": WITHDRAWAL_NOW,
    "medical_emergency": MEDICAL_NOW, "suicidal_ideation": SUICIDE_NOW,
    "self_harm": MEDICAL_NOW + [LINE_988], "method_seeking": SUICIDE_NOW,
    "medication_overdose": MEDICATION_NOW, "harm_to_others": HARM_TO_OTHERS_NOW,
    "emoji_distress": SUICIDE_NOW,
}
_HIGH = {
    "suicidal_ideation": SUICIDE_HIGH, "self_harm": SUICIDE_HIGH, "method_seeking": METHOD_HIGH,
    "partner_violence": PARTNER_VIOLENCE, "abuse_minor": ABUSE_MINOR, "abuse": ABUSE_ADULT,
    "assault": ABUSE_ADULT, "severe_craving": CRAVING_HIGH, "overdose": USE_ALONE,
    "ingestion": INGESTION_NOW, "withdrawal": WITHDRAWAL_DANGER + WITHDRAWAL_HIGH[1:],
    "medical_emergency": MEDICAL_NOW, "medication_overdose": MEDICATION_HIGH,
    "harm_to_others": HARM_TO_OTHERS, "sexual_assault": SEXUAL_ASSAULT,
    "opioid_return": OPIOID_RETURN,
}
_WITH_988 = ("overdose", "ingestion", "withdrawal", "medical_emergency", "medication_overdose")


def crisis_reply(category: str | None, level: str, lang: str = "en") -> list[str]:
    """Messages to send, most urgent first; empty for level none. The caller adds the closing
    CARE_TEAM_NOTIFIED / CARE_TEAM_SEES_FLAGS line (and the follow-up question, if any).

    Imminent levels of non-medical categories (partner violence, abuse) use their high texts,
    which already lead with 911. `ask` is the one question (ASK_QUESTION). lang "es": the
    Spanish texts where they exist (bot.safety.resources_es), else English plus a 988 line
    that says to press 2.
    """
    if level == ASK:
        return [ASK_QUESTION] if lang != "es" else [resources_es.ASK_QUESTION]
    if lang == "es":
        return resources_es.crisis_reply(category, level) or crisis_reply(category, level)
    rank = level_rank(level)
    if rank == 0:
        return []
    if rank == level_rank("imminent") and category in _IMMINENT:
        messages = list(_IMMINENT[category])
        if category in _WITH_988:
            messages.append(LINE_988)
    elif rank >= level_rank("high"):
        messages = list(_HIGH.get(category or "", SUICIDE_HIGH))
    else:
        messages = list(SUPPORTIVE.get(category or "", SUPPORTIVE_DEFAULT))
    return messages
