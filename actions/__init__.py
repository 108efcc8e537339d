"""rasa_sdk actions and form validators for the recovery companion, one module per concern."""
