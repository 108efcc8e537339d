"""Proactive outreach: daily and weekly check-ins, IOP session reminders, silence monitoring.

Schedules and prompts live in our database and are driven by the dispatcher (`tick`), never
by Rasa reminders, so they survive restarts and run on several dispatchers without sending
twice. Every prompt goes out through the same outbox and transcript as any other message.
See docs/outreach.md.
"""
