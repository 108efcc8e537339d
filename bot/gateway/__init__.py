"""The aiohttp gateway: the only public port. Identity, intake and forwarding to Rasa live here."""
