"""A form declared once: its questions, each a (slot, prompt, reader), and its wording.

`build_form(spec)` (actions.forms.engine) generates the form's `validate_<form>` action with
one `validate_<slot>` per question, and one `action_ask_<slot>` per question, so the rules
about stops, questions, corrections and drafts hold in every form at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from actions.common import FORM_CONTROL_SLOTS, Prompt
from actions.forms.readers import Reader

# Bookkeeping slots shared by every form (domain.yml). FORM_STOP says how a run ends early:
#   "ask"     a stop after two or more answers: "save what you told me so far?" is asked
#   "partial" yes to that: the answers so far are saved
#   "discard" no to that: the draft is dropped, nothing saved
#   "draft"   a stop with fewer answers (or an unclear reply): the draft is kept for later
#   "finish"  an answer closed the form (a 0 craving): saved as usual
# FORM_DRAFT: a draft found at the start, waiting for "want to finish it?"; RESUME: the
# reply to that; KEEP: the reply to "save what you told me so far?"; HINT: see common.
CONTROL_SLOTS = FORM_CONTROL_SLOTS
FORM_STOP_SLOT, FORM_DRAFT_SLOT, RESUME_SLOT, KEEP_SLOT, _ = CONTROL_SLOTS
SAVE_SO_FAR_FROM = 2  # answers before a stop asks whether to keep them


@dataclass(frozen=True)
class Question:
    """One form question. `correctable`: its reader is strict enough that a later
    "no wait, it's a 6" or "actually it was weed" can be recognised as a correction.
    `asked`: False for an answer only taken when given unasked (a trigger's strength).
    `reads_message`: in the opening message, read the whole text rather than the entity,
    so "urges r bad" is not taken as a strength without a number."""

    prompt: Prompt
    reader: Reader
    correctable: bool = False
    asked: bool = True
    reads_message: bool = False

    @property
    def slot(self) -> str:
        return self.prompt.slot


@dataclass(frozen=True)
class FormSpec:
    """A form: name, questions in order, what to call it ("check-in"), and where a coping
    question ("what should I do?") finds the strength and kind of trigger."""

    name: str
    questions: tuple[Question, ...]
    noun: str
    intensity_slot: str | None = None
    category_of: Callable[[Callable[[str], Any]], str | None] = field(
        default=lambda get: None)

    @property
    def slots(self) -> tuple[str, ...]:
        return tuple(q.slot for q in self.questions)

    @property
    def asked_slots(self) -> tuple[str, ...]:
        return tuple(q.slot for q in self.questions if q.asked)

    def question(self, slot: str) -> Question | None:
        return next((q for q in self.questions if q.slot == slot), None)
