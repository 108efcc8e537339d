"""What the SMS channel itself says: short, warm, GSM-7, each within 2 segments (SMS-3).

Tests check every template with sms_segments, so an edit that grows one past 2 segments or
slips in a curly quote fails loudly.
"""

from __future__ import annotations

from bot.clinic import Clinic

SAFETY_LINE = "In danger? Call 911, or call or text 988."


def help_text(clinic: Clinic) -> str:
    """HELP (SMS-1): program, a contact, how to stop, and the rates notice."""
    contact = f"Call {clinic.phone}" if clinic.phone else "Ask your counselor"
    return (f"{clinic.program_name}: recovery support texts. Msg frequency varies. "
            f"{contact} for help. {SAFETY_LINE} Reply STOP to opt out. "
            f"Msg & data rates may apply.")


def opted_out_text(clinic: Clinic) -> str:
    """The one confirmation after an opt-out; nothing else is sent until START."""
    return (f"You're unsubscribed from {clinic.program_name} texts and won't get more. "
            f"Reply START to resubscribe. {SAFETY_LINE}")


def opted_in_text(clinic: Clinic) -> str:
    return (f"You're subscribed to {clinic.program_name} texts again. Reply HELP for help, "
            f"STOP to opt out. Msg & data rates may apply.")


MEDIA_NOTICE = ("I can only read text messages, so I couldn't see your picture or file. "
                "Please type it out instead.")

UNKNOWN_SENDER = ("This number isn't enrolled, so I can only answer program questions. To use "
                  "check-ins, ask your counselor to enroll this number. Reply STOP to opt out.")

NOT_ANSWERED = ("Sorry, I couldn't answer your last message. Please try again later. "
                + SAFETY_LINE)

SLOW_DOWN = ("You're sending a lot of texts quickly, so I'll pause replies for a minute. "
             "Your messages are still saved. " + SAFETY_LINE)

NOT_SAVED = ("Sorry, your message couldn't be saved. Please send it again in a few minutes. "
             + SAFETY_LINE)

# Stored in place of the body of a message that had only a picture or file, so the
# transcript shows something happened and a retry knows to send MEDIA_NOTICE.
MEDIA_ONLY_TEXT = "[picture or file, not shown]"
