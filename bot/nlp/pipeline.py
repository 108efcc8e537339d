"""One shared blank English spaCy pipeline with lookup lemmas.

Official spaCy models cannot be downloaded on our machines, so the pipeline is built in code:
`spacy.blank("en")` plus the lookup lemmatizer whose tables ship in `spacy-lookups-data`.
Building it in code (rather than loading a directory) keeps Rasa models and tests independent
of any path on disk.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language


def build_nlp() -> Language:
    """Create a fresh blank English pipeline with lookup lemmatization."""
    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    return nlp


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The process-wide pipeline; building it costs ~100 ms, so do it once."""
    return build_nlp()


def lemmas(text: str) -> list[str]:
    """Lower-cased lemmas of `text`, handy for keyword rules and tests."""
    return [(tok.lemma_ or tok.text).lower() for tok in get_nlp()(text)]
