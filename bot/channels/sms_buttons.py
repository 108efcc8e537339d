"""Buttons over SMS: shown as numbered options, and a reply "1" or the option text mapped back.

Phones have no buttons, so "Reply 1 for Yes, 2 for No." stands in for them. The answer maps
to the payload of the buttons most recently sent to that sender (see sms_store.last_buttons).
"""

from __future__ import annotations

import re


def is_scale(buttons: list[dict]) -> bool:
    """Buttons that are bare numbers naming themselves (a 0-10 scale): on SMS the person
    just texts the number, so they are neither listed nor numbered ("Reply 1 for 0" would
    make "1" mean 0)."""
    return bool(buttons) and all(
        str(b.get("title", "")).strip().isdigit()
        and str(b.get("title", "")).strip() == str(b.get("payload", "")).strip()
        for b in buttons)


def render(text: str, buttons: list[dict]) -> str:
    """The message text followed by its options, compact enough for one line."""
    titles = [str(b.get("title", "")).strip() for b in buttons]
    titles = [t for t in titles if t]
    if not titles or is_scale(buttons):
        return text
    options = ", ".join(f"{n} for {title}" for n, title in enumerate(titles, start=1))
    line = f"Reply {options}."
    return f"{text}\n{line}" if text.strip() else line


def _norm(text: str) -> str:
    return re.sub(r"[^\w]+", " ", text.lower()).strip()


def choice(text: str, buttons: list[dict]) -> str | None:
    """The payload chosen by `text` ("1", "#2", "2.", or an option's title), else None."""
    if not buttons or is_scale(buttons):
        return None  # the text itself ("7") is the answer
    said = _norm(text)
    number = re.fullmatch(r"#?\s*(\d{1,2})\s*[.)]?", text.strip())
    if number:
        index = int(number.group(1)) - 1
        titled = [b for b in buttons if str(b.get("title", "")).strip()]
        if 0 <= index < len(titled):
            return str(titled[index].get("payload", "")) or None
        return None
    for button in buttons:
        if said and said == _norm(str(button.get("title", ""))):
            return str(button.get("payload", "")) or None
    return None
