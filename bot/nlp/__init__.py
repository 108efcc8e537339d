"""Rule-based language tools on a blank spaCy pipeline (no statistical model is downloadable)."""
