"""Forms that never lose an answer: one declaration per form (spec.py), one engine
(engine.py) with its guards and readers, and one way to end a stopped run (finish.py)."""
