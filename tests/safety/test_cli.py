"""`python -m bot.safety.cli`: JSON per stdin line, and --eval reports."""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
from pathlib import Path

from bot.safety.cli import add_parser, main, run

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).parent / "data"


def _run_module(args: list[str], stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TF_CPP_MIN_LOG_LEVEL": "3"}
    return subprocess.run([sys.executable, "-m", "bot.safety.cli", *args], input=stdin,
                          capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)


def test_stdin_lines_become_json_lines():
    proc = _run_module([], "his lips are blue\nwhen is group?\nI'd kill for a coffee\n")
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert rows[0] == {"level": "imminent", "category": "overdose", "evidence": "lips are blue"}
    assert rows[1] == {"level": "none", "category": None, "evidence": None}
    assert rows[2]["level"] == "none" and len(rows) == 3


def test_eval_prints_recall_false_alarms_and_errors(tmp_path: Path):
    tsv = tmp_path / "mini.tsv"
    tsv.write_text("text\tlevel\tcategory\n"
                   "I want to kill myself\thigh\tsuicidal_ideation\n"
                   "when is group?\tnone\t\n"
                   "I'm going to the store\thigh\tsuicidal_ideation\n"
                   "I feel hopeless\tnone\t\n", encoding="utf-8")
    proc = _run_module(["--eval", str(tsv)])
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "N=4" in out and "recall high" in out and "50.0%" in out
    assert "false alarms" in out
    assert "MISS: \"I'm going to the store\"" in out
    assert "FALSE ALARM: 'I feel hopeless'" in out


def test_main_and_add_parser_in_process():
    out = io.StringIO()
    args = argparse.Namespace(eval_file=None, figures_only=False)
    assert run(args, stdin=io.StringIO("kms\n"), stdout=out) == 0
    assert json.loads(out.getvalue())["category"] == "suicidal_ideation"
    parser = argparse.ArgumentParser(prog="bot")
    sub = parser.add_subparsers(dest="command")
    add_parser(sub)
    parsed = parser.parse_args(["screen", "--eval", str(DATA / "dev.tsv")])
    assert parsed.command == "screen" and parsed.func is run
    assert parsed.eval_file.endswith("dev.tsv")
    assert main(["--eval", str(DATA / "dev.tsv")]) == 0


def test_python_m_bot_screen_has_help_and_clean_output():
    """Through the real entry point: --help works and stdout carries only the JSON line."""
    help_ = subprocess.run([sys.executable, "-m", "bot", "screen", "--help"],
                           capture_output=True, text=True, check=False)
    assert help_.returncode == 0 and "--eval" in help_.stdout
    out = subprocess.run([sys.executable, "-m", "bot", "screen"], input="kms\n",
                         capture_output=True, text=True, check=True)
    assert [json.loads(line)["level"] for line in out.stdout.splitlines()] == ["high"]
