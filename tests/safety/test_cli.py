"""`python -m bot.safety.cli`: JSON per stdin line, and --eval reports."""

from __future__ import annotations

import argparse
import io
import json
import os
import re
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


def _five_column(tmp_path: Path, folder: str = "") -> Path:
    where = tmp_path / folder if folder else tmp_path
    where.mkdir(parents=True, exist_ok=True)
    tsv = where / "set.tsv"
    tsv.write_text("text\tlevel\tcategory\tkind\tlang\n"
                   "I want to kill myself\thigh\tsuicidal_ideation\tclear\ten\n"
                   "i can't keep doing this\thigh\tsuicidal_ideation\tindirect\ten\n"
                   "i can't keep doing this anymore\thigh\tsuicidal_ideation\tclear\ten\n"
                   "when is group?\tnone\tfaq\tbenign\ten\n"
                   "I'd kill for a coffee\tnone\tidiom\thard_negative\ten\n"
                   "what's the point, I give up\tnone\tidiom\thard_negative\ten\n",
                   encoding="utf-8")
    return tsv


def test_eval_five_columns_by_kind_and_category_ask_counts_only_when_indirect(tmp_path: Path):
    proc = _run_module(["--eval", str(_five_column(tmp_path))])
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert re.search(r"recall kind=clear +50\.0% +\(1/2\)", out)  # a clear one asked: miss
    assert re.search(r"recall kind=indirect +100\.0% +\(1/1\)", out)  # asked counts here
    assert "false alarms benign" in out and "(0/1; 0 of them ask)" in out
    assert "false alarms hard_negative" in out and "(1/2; 1 of them ask)" in out
    assert "  suicidal_ideation" in out
    assert "MISS: \"i can't keep doing this anymore\"" in out


def test_figures_only_never_prints_text_and_is_automatic_for_blind_files(tmp_path: Path):
    tsv = _five_column(tmp_path)
    for args in (["--eval", str(tsv), "--figures-only"],
                 ["--eval", str(_five_column(tmp_path, "tests/safety/blind"))]):
        proc = _run_module(args)
        assert proc.returncode == 0, proc.stderr
        assert "N=6" in proc.stdout and "recall" in proc.stdout
        for text in ("kill myself", "keep doing", "group", "coffee", "MISS", "FALSE ALARM"):
            assert text not in proc.stdout, text
