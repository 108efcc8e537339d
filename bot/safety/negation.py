"""Negation scope: 'I'm not suicidal', 'never would hurt myself', 'self harm: none'.

A cue negates a hit when it comes before it in the same clause, within a few tokens, with no
new subject in between ("I don't think I want to die" is NOT negated: the second "I" starts a
new claim, and flagging it is the safe error). Some cue + word pairs only look negative:
"can't stop thinking about killing myself" is a disclosure, not a denial.
"""

from __future__ import annotations

from bot.safety.engine import Analysis, Hit, is_boundary_punct

CUES = frozenset({
    "not", "never", "no", "without", "none", "nothing", "neither", "nor", "zero", "denies",
    "denied", "deny", "denying", "nunca", "nada", "tampoco", "free",
})
# cue followed by one of these is not a denial ("can't stop", "not gonna lie", "no matter")
PSEUDO_NEXT = frozenset({
    "stop", "stopping", "help", "only", "matter", "shake", "escape", "quit", "ignore",
    "seem", "control", "sure", "saying", "say", "lie", "lying", "one", "idea", "resist",
    "fight", "handle", "tell", "rid",
})
SUBJECTS = frozenset({"i", "he", "she", "they", "we", "you", "yo", "él", "ella"})
WINDOW = 6
POST_DENIALS = frozenset({
    "no", "none", "nope", "never", "negative", "denied", "denies", "nah", "0", "zero",
    "n/a", "na", "nil", "nada",
})
POST_NOUNS = frozenset({"thoughts", "thought", "ideation", "urges", "urge", "feelings", "ideas",
                        "plans", "plan", "attempts", "behavior", "behaviour", "thinking"})
POST_JOINERS = frozenset({":", "-", "?", "=", "\u2014", "\u2013", "->", ">"})


def is_negated(an: Analysis, hit: Hit) -> bool:
    """True when the hit is denied before ('not suicidal') or after ('suicidal thoughts: no')."""
    return _negated_before(an, hit) or _denied_after(an, hit)


def _negated_before(an: Analysis, hit: Hit) -> bool:
    doc, clause = an.doc, an.clause[hit.start]
    seen = 0
    for i in range(hit.start - 1, -1, -1):
        if an.clause[i] != clause or is_boundary_punct(doc, i):
            return False
        norm = doc[i].norm_
        if norm in CUES and not _pseudo(an, i, hit.start):
            return True
        if norm in SUBJECTS:
            return False
        if not doc[i].is_punct:
            seen += 1
            if seen >= WINDOW:
                return False
    return False


def _pseudo(an: Analysis, cue: int, hit_start: int) -> bool:
    """'can't stop', 'not gonna lie', 'no matter': the cue does not deny what follows."""
    nxt = cue + 1
    if nxt >= hit_start:
        return False
    tok = an.doc[nxt]
    if tok.norm_ in ("going", "gonna") and nxt + 2 < len(an.doc):
        return an.doc[nxt + 2].norm_ in ("lie", "lying") or an.doc[nxt + 1].norm_ == "lie"
    return tok.norm_ in PSEUDO_NEXT or tok.lemma_ in PSEUDO_NEXT


def _denied_after(an: Analysis, hit: Hit) -> bool:
    """'self harm: none', 'suicidal? no' — a denial right after the hit, ending the clause."""
    doc = an.doc
    i = hit.end
    while i < len(doc) and doc[i].norm_ in POST_NOUNS and i < hit.end + 2:
        i += 1
    while i < len(doc) and doc[i].norm_ in POST_JOINERS:
        i += 1
    if i >= len(doc) or doc[i].norm_ not in POST_DENIALS:
        return False
    after = i + 1
    return after >= len(doc) or doc[after].is_punct or doc[after].is_space or (
        doc[after].norm_ in ("this", "today", "thanks", "currently", "lately", "now"))
