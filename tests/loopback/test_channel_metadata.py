"""WC-3 with screen v2: our Rasa channel passes on only the gateway's message id and its
screen codes (level, category), never an identity or evidence text, so Rasa's actions use
the gateway's screen instead of screening the message again."""

from __future__ import annotations

from bot.loopback.rasa_channel import _turn
from bot.safety.levels import ScreenResult


def test_wc3_channel_keeps_message_id_and_screen_codes_only():
    body = {"sender": "c_1", "message": "hi",
            "metadata": {"message_id": 7, "client_id": "someone-else", "phone": "+15550001",
                         "screen": {"level": "high", "category": "suicidal_ideation",
                                    "evidence": "the words they typed"}}}
    sender, text, meta = _turn(body)
    assert (sender, text) == ("c_1", "hi")
    assert meta == {"message_id": 7,
                    "screen": {"level": "high", "category": "suicidal_ideation"}}
    assert ScreenResult.from_metadata(meta) == ScreenResult("high", "suicidal_ideation")


def test_wc3_channel_drops_malformed_screen_metadata():
    _, _, meta = _turn({"sender": "c_1", "message": "hi",
                        "metadata": {"message_id": "7", "screen": "high"}})
    assert meta == {}
    _, _, meta = _turn({"sender": "c_1", "message": "hi",
                        "metadata": {"screen": {"level": 3, "category": None}}})
    assert ScreenResult.from_metadata(meta) is None
