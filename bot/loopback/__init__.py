"""The private hops behind the gateway: gateway -> Rasa -> action server (WC-2).

Both peers listen on loopback (or a private network when scaled out), but anything on that
host or network could otherwise talk to them as any client. So each hop carries a shared
secret: the gateway sends `X-Gateway-Token` to our own Rasa input channel (the stock REST
channel is not enabled), and Rasa sends `X-Action-Token` to the action server. The secrets
are generated at first run under `BOT_VAR_DIR` (never in the repo) and handed to every child
in its environment. Both processes also scrub message text from their logs (AU-2).
"""
