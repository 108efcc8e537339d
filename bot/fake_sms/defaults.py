"""The fake provider's default credentials and number: fixed, so a restart of the fake needs
no restart of the bot. They only ever authenticate against this local fake."""

DEFAULT_ACCOUNT_SID = "AC" + "f" * 32
DEFAULT_AUTH_TOKEN = "fake-sms-local-auth-token"  # noqa: S105 (the local fake's own token)
DEFAULT_FROM = "+15550006000"
DEFAULT_PORT = 8025
