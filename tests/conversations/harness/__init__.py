"""The conversation test harness: blind multi-turn conversations run through the real stack.

`python -m tests.conversations.harness` (docs/conversations.md). The loader checks the format,
the runner talks to a real stack as fresh enrolled clients, the judge maps each expectation
word to evidence (acts.yml) and checks what was stored, and the report prints completion.
"""
