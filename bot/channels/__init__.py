"""Channel adapters that talk to outside providers."""
