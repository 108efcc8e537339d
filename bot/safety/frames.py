"""Context around a hit: who it is about, when it happened, and whether it is real.

Policy for past events (documented in docs/safety.md):
- a long-ago event ("years ago", "in high school", "used to") with a sign it is resolved
  anywhere in the message ("clean since", "haven't in years") is `none`;
- a long-ago event with no such sign is capped at `moderate` (history worth a clinician's look);
- a recent event ("last night", "yesterday", in the same clause) that would be imminent is
  `high`: the person is describing it after the fact, but it still needs same-day contact;
  a progressive form ("is having a seizure") is happening now and stays imminent;
- a present marker in the same clause ("now", "still"), or a recurrence anywhere in the sentence
  ("again", "started", "lately"), cancels all of the above.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from bot.safety.engine import Analysis, Hit, is_boundary_punct
from bot.safety.levels import cap_level
from bot.safety.lexicon import VIOLENT

PERSON_LABELS = frozenset({"PARTNER", "KIN", "MINOR", "STRANGER"})
FIRST = frozenset({"i", "we", "yo", "i'm", "me"})
THIRD = frozenset({"he", "she", "they", "someone", "somebody", "everyone", "everybody",
                   "people", "él", "ella"})
NONPERSON = frozenset({
    "it", "this", "that", "craving", "cravings", "urge", "urges", "reality", "life", "work",
    "wave", "thought", "thoughts", "memory", "memories", "feeling", "feelings", "truth", "news",
    "depression", "anxiety", "grief", "which", "what", "everything", "nothing", "car", "ball",
    "song", "message", "words", "story", "withdrawal", "withdrawals", "heat", "sun", "cold",
    "dog", "cat", "puppy", "flu", "virus", "boredom", "stress", "pain",
})
AGENT_CATEGORY = {"PARTNER": "partner_violence", "KIN": "abuse", "MINOR": "abuse",
                  "STRANGER": "assault"}
PRONOUN_CATEGORY = {"he": "partner_violence", "she": "partner_violence", "they": "assault",
                    "someone": "assault", "somebody": "assault", "él": "partner_violence",
                    "ella": "partner_violence"}
HARM_VERBS = frozenset(VIOLENT) | {"hurt", "kill", "touch", "grope", "fondle", "force", "control",
                                    "threaten", "say", "tell"}
IRREALIS = frozenset({
    "want", "wanna", "wish", "thinking", "think", "thought", "might", "may", "could", "would",
    "should", "if", "whether", "scared", "afraid", "worried", "urge", "urges", "tempted",
    "considering", "plan", "planning", "going", "will", "'ll", "ll", "'d", "like", "gonna",
    "ready", "how", "what", "need", "needa", "tryna", "trying", "fantasize", "imagine",
})
ANCHOR_FOLLOWERS = frozenset({
    "anymore", "any", "longer", "now", "tonight", "today", "lol", "honestly", "tbh", "rn",
    "either", "too", "already", "again", "fr", "frfr", "ngl", "lmao", "smh", "idk", "soon",
    "forever", "alone", "anyway", "anyways", "so", "bad", "badly", "right", "after",
    "rather", "tomorrow", "this", "please", "man", "dude", "bro", "guys", "everyone", "all",
    "completely", "really", "seriously", "literally", "because", "but", "and", "i",
    "\u2026", "haha",
})


def _scan_back(an: Analysis, hit: Hit, start: int | None = None) -> Iterator[Token]:
    """Tokens before `start` (default: the hit) in its sentence, nearest first."""
    sentence = an.sentence[hit.start]
    for i in range((hit.start if start is None else start) - 1, -1, -1):
        if an.sentence[i] != sentence:
            return
        yield an.doc[i]


def subject_person(an: Analysis, hit: Hit) -> str | None:
    """'first', 'third' or None: the nearest person mentioned before the hit."""
    for tok in _scan_back(an, hit):
        if tok.ent_type_ in PERSON_LABELS:
            return "third"
        if tok.norm_ in FIRST:
            return "first"
        if tok.norm_ in THIRD:
            return "third"
    return None


def violence_category(an: Analysis, hit: Hit) -> str | None:
    """Category from who did it: partner, family, stranger; a child victim wins; no person: None.

    The agent is the nearest person before the harm verb ("I'm scared he'll hurt me" -> he).
    """
    victim_minor = an.has_feature("minor_self") or an.has_feature("minor_other") or any(
        tok.ent_type_ == "MINOR" for tok in an.doc[hit.start : hit.end]
    )
    verbs = [i for i in range(hit.start, hit.end) if an.doc[i].lemma_ in HARM_VERBS]
    for tok in _scan_back(an, hit, verbs[-1] if verbs else hit.start):
        if tok.ent_type_ in PERSON_LABELS:
            return "abuse_minor" if victim_minor else AGENT_CATEGORY[tok.ent_type_]
        if tok.norm_ in PRONOUN_CATEGORY:
            return "abuse_minor" if victim_minor else PRONOUN_CATEGORY[tok.norm_]
        if tok.norm_ in ("i", "we"):
            return "abuse_minor" if victim_minor else None
        if tok.norm_ in NONPERSON:
            return None
    return None


def is_irrealis(an: Analysis, hit: Hit) -> bool:
    """'want to / thinking about / if I' before an act: a wish or question, not an act."""
    clause = an.clause[hit.start]
    for count, i in enumerate(range(hit.start - 1, -1, -1)):
        if count >= 5 or an.clause[i] != clause:
            return False
        tok = an.doc[i]
        if tok.norm_ in IRREALIS or tok.lemma_ in IRREALIS:
            return True
        if tok.norm_ in FIRST or tok.norm_ in THIRD or tok.ent_type_ in PERSON_LABELS:
            return False
    return False


def ends_clause(an: Analysis, hit: Hit) -> bool:
    """End-anchored rules: nothing follows ('I want to end it', not 'end it with him')."""
    i = hit.end
    if i >= len(an.doc):
        return True
    tok = an.doc[i]
    return (is_boundary_punct(an.doc, i) or tok.is_space or tok.norm_ in ANCHOR_FOLLOWERS
            or not any(ch.isalnum() for ch in tok.text))


def laughing(an: Analysis) -> bool:
    """lol / haha / 😂 / 💀 anywhere in the message."""
    return an.has_feature("laugh") or an.has_feature("emoji_laugh")


_PAST_WORDS = frozenset({"was", "were", "had", "did", "used", "tried", "attempted",
                        # Spanish preterite forms that date an event ("tuve una sobredosis")
                        "tuve", "tuvo", "tuvimos", "fui", "fue", "estuve", "estuvo",
                        "intenté", "intente", "intentó", "hice", "hizo"})


def _past_tense(an: Analysis, hit: Hit) -> bool:
    """Crude tense check without a tagger: a past form in or just before the span."""
    start = max(0, hit.start - 3)
    for tok in an.doc[start : hit.end]:
        norm = tok.norm_
        if norm in _PAST_WORDS or (
            norm.endswith(("ed", "'d")) and tok.lemma_ != norm
        ):
            return True
    return False


def _progressive(an: Analysis, hit: Hit) -> bool:
    """'is having a seizure', 'she's turning blue': happening now, whatever else is dated."""
    start = max(0, hit.start - 2)
    return any(tok.norm_.endswith("ing") and tok.lemma_ != tok.norm_
               for tok in an.doc[start : hit.end])


def apply_time(an: Analysis, hit: Hit, level: str) -> str:
    """Lower a level for past, resolved or after-the-fact events (see module docstring)."""
    if an.feature_in("present", "clause", hit.start) or an.feature_in(
            "recurrence", "sentence", hit.start):
        return level
    resolved = an.has_feature("resolved") and not hit.rule.ignore_resolved
    long_ago = an.feature_in("long_ago", "clause", hit.start) or (
        an.feature_in("long_ago", "sentence", hit.start) and _past_tense(an, hit))
    if long_ago or (resolved and _past_tense(an, hit)):
        return "none" if resolved else cap_level(level, hit.rule.history_level)
    if (hit.rule.recent_cap and an.feature_in("recent", "clause", hit.start)
            and not _progressive(an, hit)):
        return cap_level(level, "high")
    return level
