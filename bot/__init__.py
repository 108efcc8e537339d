"""Recovery companion: gateway, safety screen, store and workers for an IOP chatbot."""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
