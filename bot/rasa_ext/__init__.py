"""Custom Rasa 3.6 graph components (referenced from config.yml by dotted path)."""
