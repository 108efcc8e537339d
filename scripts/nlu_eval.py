"""NLU quality: cross-validation on the training data plus the held-out files in tests/nlu.

Prints intent macro-F1 (and response-selection F1 for the FAQ) for both, and writes
results/nlu/summary.json. The held-out files are never trained on.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "results" / "nlu"
CONFUSION_DOC = ROOT / "docs" / "nlu_confusion.md"


def rasa(*args: str) -> None:
    cmd = [sys.executable, "-m", "rasa", *args]
    print("+ rasa " + " ".join(args), flush=True)
    subprocess.run(cmd, cwd=ROOT, check=True)


def macro_f1(report_path: Path) -> float | None:
    if not report_path.is_file():
        return None
    report = json.loads(report_path.read_text())
    return round(report.get("macro avg", {}).get("f1-score", 0.0), 4)


def worst(report_path: Path, n: int = 5) -> list[tuple[str, float]]:
    if not report_path.is_file():
        return []
    report = json.loads(report_path.read_text())
    rows = [(k, v["f1-score"]) for k, v in report.items()
            if isinstance(v, dict) and "f1-score" in v and not k.endswith("avg")]
    return sorted(rows, key=lambda kv: kv[1])[:n]


def confusions(report_path: Path) -> list[tuple[str, str, int, int]]:
    """(true intent, predicted intent, count, support) for every confusion, largest first."""
    if not report_path.is_file():
        return []
    report = json.loads(report_path.read_text())
    rows = [(true, predicted, count, int(v.get("support", 0)))
            for true, v in report.items() if isinstance(v, dict)
            for predicted, count in (v.get("confused_with") or {}).items()]
    return sorted(rows, key=lambda r: (-r[2], r[0], r[1]))


def write_confusion(report_path: Path, folds: int) -> None:
    """The cross-validation confusions as a table in docs/ (Rasa keeps the top few per intent)."""
    lines = [f"# NLU cross-validation confusions ({folds}-fold)", "",
             "Written by `make nlu-eval` (scripts/nlu_eval.py) from Rasa's "
             "`intent_report.json`: for each true intent, the intents it was most often "
             "predicted as (Rasa lists the top confusions per intent).", "",
             "| true intent | predicted as | count | support |", "|---|---|---|---|"]
    lines += [f"| {t} | {p} | {c} | {n} |" for t, p, c, n in confusions(report_path)]
    CONFUSION_DOC.write_text("\n".join(lines) + "\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--skip-cv", action="store_true", help="only score the held-out files")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    summary: dict[str, object] = {}
    holdout = OUT / "holdout"
    rasa("test", "nlu", "--model", "models/current.tar.gz", "--nlu", "tests/nlu",
         "--out", str(holdout), "--no-plot")
    summary["holdout_intent_macro_f1"] = macro_f1(holdout / "intent_report.json")
    summary["holdout_response_macro_f1"] = macro_f1(holdout / "response_selection_report.json")
    summary["holdout_worst_intents"] = worst(holdout / "intent_report.json")
    if not args.skip_cv:
        cv = OUT / "cross_validation"
        rasa("test", "nlu", "--nlu", "data", "--config", "config.yml", "--cross-validation",
             "--folds", str(args.folds), "--out", str(cv), "--no-plot")
        summary["cv_intent_macro_f1"] = macro_f1(cv / "intent_report.json")
        summary["cv_response_macro_f1"] = macro_f1(cv / "response_selection_report.json")
        summary["cv_folds"] = args.folds
        write_confusion(cv / "intent_report.json", args.folds)
    (OUT / "summary.json").write_text(json.dumps(summary, indent=2) + "\n")
    print("\nNLU summary")
    for key, value in summary.items():
        print(f"  {key}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
