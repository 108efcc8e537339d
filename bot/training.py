"""Train the Rasa model only when its inputs changed, so `make run` stays quick."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from bot import PROJECT_ROOT

MODEL_DIR = PROJECT_ROOT / "models"
MODEL_NAME = "current"
MODEL_PATH = MODEL_DIR / f"{MODEL_NAME}.tar.gz"
FINGERPRINT_PATH = MODEL_DIR / f"{MODEL_NAME}.inputs.sha256"
# Everything that changes what the model learns: data, domain, config and our NLU components.
INPUT_GLOBS = ("data/**/*.yml", "domain.yml", "config.yml", "bot/rasa_ext/*.py",
               "bot/nlp/*.py", "bot/safety/**/*.py", "requirements.lock")


def rasa_env() -> dict[str, str]:
    """Environment for every Rasa subprocess: our package importable, no telemetry calls out."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT_ROOT),
                                                      env.get("PYTHONPATH", "")]))
    env.setdefault("RASA_TELEMETRY_ENABLED", "false")
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    env.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")
    return env


def input_files(root: Path = PROJECT_ROOT) -> list[Path]:
    files: set[Path] = set()
    for pattern in INPUT_GLOBS:
        files.update(p for p in root.glob(pattern) if p.is_file())
    return sorted(files)


def fingerprint(root: Path = PROJECT_ROOT) -> str:
    """A hash of every training input's path and content."""
    digest = hashlib.sha256()
    for path in input_files(root):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def needs_training() -> bool:
    if not MODEL_PATH.is_file() or not FINGERPRINT_PATH.is_file():
        return True
    return FINGERPRINT_PATH.read_text().strip() != fingerprint()


def train(force: bool = False) -> bool:
    """Train when needed; returns True when a new model was trained. Progress goes to stdout.
    The screen's learned risk detector is built first (seconds; only when its corpus or code
    changed), so the Rasa model and every process find it ready."""
    from bot.safety.train_detector import main as build_detector

    build_detector(["--force"] if force else ["--if-needed"])
    if not force and not needs_training():
        print(f"Model is up to date: {MODEL_PATH.relative_to(PROJECT_ROOT)}", flush=True)
        return False
    print("Training the Rasa model (about 2-4 minutes on 2 cores)...", flush=True)
    MODEL_DIR.mkdir(exist_ok=True)
    current = fingerprint()
    cmd = [sys.executable, "-m", "rasa", "train", "--fixed-model-name", MODEL_NAME,
           "--out", str(MODEL_DIR), "--force"]
    result = subprocess.run(cmd, cwd=PROJECT_ROOT, env=rasa_env(), check=False)  # noqa: S603 (our own argv, no shell)
    if result.returncode != 0 or not MODEL_PATH.is_file():
        raise SystemExit(f"rasa train failed (exit {result.returncode}); see the output above")
    FINGERPRINT_PATH.write_text(current + "\n")
    print(f"Model trained: {MODEL_PATH.relative_to(PROJECT_ROOT)}", flush=True)
    return True
