"""`python -m bot.loopback.rasa_server run ...`: Rasa's own command line, with the log
scrubber installed before Rasa configures logging (AU-2). The runner starts Rasa this way."""

from __future__ import annotations

from bot.loopback.log_scrub import install


def main() -> None:
    install()
    from rasa.__main__ import main as rasa_main

    rasa_main()


if __name__ == "__main__":
    main()
