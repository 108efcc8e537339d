"""Is a message in Spanish? A cheap word count, enough to pick the crisis reply's language.

Spanglish ("no puedo más, I can't") counts as Spanish once it has two or more Spanish function
words and at least as many as English ones: a reply in Spanish still lists 988 and 911.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[a-záéíóúñü]+", re.IGNORECASE)
SPANISH = frozenset({
    "que", "no", "me", "mi", "mis", "de", "la", "el", "los", "las", "y", "estoy", "quiero",
    "puedo", "tengo", "ya", "por", "para", "con", "muy", "pero", "porque", "esta", "está",
    "estás", "soy", "es", "un", "una", "se", "lo", "le", "nadie", "nada", "todo", "todas",
    "voy", "vida", "morir", "hoy", "noche", "aquí", "aqui", "más", "mas", "sin", "cuando",
    "él", "ella", "mamá", "papá", "tomé", "pastillas", "ayuda", "favor",
})
ENGLISH = frozenset({
    "i", "the", "and", "to", "my", "is", "it", "a", "of", "in", "that", "me", "you", "want",
    "can't", "cant", "im", "i'm", "have", "just", "don't", "dont", "not", "so", "this", "he",
    "she", "with", "what", "was", "be", "do", "for", "on", "at",
})


def detect_lang(text: str) -> str:
    """'es' when Spanish function words dominate, else 'en'."""
    words = [w.lower() for w in _WORD.findall(text or "")]
    spanish = sum(w in SPANISH for w in words)
    english = sum(w in ENGLISH and w not in SPANISH for w in words)
    return "es" if spanish >= 2 and spanish >= english else "en"
