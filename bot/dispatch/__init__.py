"""Background delivery: the outbox, the escalation ladder and staff notifiers."""
