"""Recovery companion: gateway, safety screen, store and workers for an IOP chatbot."""

import os
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent

if os.environ.get("BOT_BLOCK_TENSORFLOW") == "1" and "tensorflow" not in sys.modules:
    # thinc (under spaCy) imports TensorFlow whenever it is installed, as it is for Rasa:
    # ~400 MB and seconds per process. The gateway, dispatcher and action server never need
    # it, so the runner sets BOT_BLOCK_TENSORFLOW=1 for them and thinc runs without it.
    sys.modules["tensorflow"] = None  # type: ignore[assignment]
