"""NLU quality: cross-validation on the training data plus the held-out files in tests/nlu.

Prints intent macro-F1 (and response-selection F1 for the FAQ) for both, and writes
results/nlu/summary.json. The held-out files are never trained on.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter
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


def confusions(errors_path: Path, target: str, predicted: str) -> Counter[tuple[str, str]]:
    """(true, predicted) -> count over every misclassified example of a Rasa errors file."""
    if not errors_path.is_file():
        return Counter()
    return Counter((e[target], (e[predicted] or {}).get("name") or "None")
                   for e in json.loads(errors_path.read_text()))


def _per_intent(report_path: Path) -> list[str]:
    report = json.loads(report_path.read_text()) if report_path.is_file() else {}
    rows = sorted((v["f1-score"], k, v) for k, v in report.items()
                  if isinstance(v, dict) and "f1-score" in v and not k.endswith("avg")
                  and k not in ("accuracy", "micro avg"))
    return [f"| {k} | {int(v['support'])} | {v['precision']:.3f} | {v['recall']:.3f} | "
            f"{f1:.3f} |" for f1, k, v in rows]


def threshold_rows(cv: Path, thresholds: tuple[float, ...] = (0.3, 0.4, 0.5, 0.6)) -> list[str]:
    """How many right and wrong FAQ picks fall below each confidence threshold.

    action_answer_faq (actions/faq.py) sends the fallback menu below FAQ_MIN_CONFIDENCE; this
    shows what that costs (right answers withheld) and buys (wrong answers not sent).
    """
    def confidences(name: str) -> list[float]:
        path = cv / name
        rows = json.loads(path.read_text()) if path.is_file() else []
        return [float((r.get("intent_response_key_prediction") or {}).get("confidence") or 0)
                for r in rows]

    right = confidences("response_selection_successes.json")
    wrong = confidences("response_selection_errors.json")
    if not right and not wrong:
        return ["(no response-selection results)"]
    lines = ["| threshold | right picks below (withheld) | wrong picks below (caught) |",
             "|---|---|---|"]
    for t in thresholds:
        r = sum(c < t for c in right)
        w = sum(c < t for c in wrong)
        lines.append(f"| {t} | {r}/{len(right)} ({r / max(len(right), 1):.0%}) | "
                     f"{w}/{len(wrong)} ({w / max(len(wrong), 1):.0%}) |")
    return lines


def write_confusion(cv: Path, folds: int) -> None:
    """The cross-validation confusions (every error, not only Rasa's top few) into docs/."""
    intents = confusions(cv / "intent_errors.json", "intent", "intent_prediction")
    faq = confusions(cv / "response_selection_errors.json", "intent_response_key_target",
                     "intent_response_key_prediction")
    lines = [f"# NLU cross-validation confusions ({folds}-fold)", "",
             "Written by `make nlu-eval` (scripts/nlu_eval.py) from Rasa's cross-validation "
             "results (`results/nlu/cross_validation`). Every misclassified example is counted "
             "once, as (true, predicted). Figures and discussion: docs/nlu.md.", "",
             "## FAQ pick confidence and the fallback threshold", "",
             *threshold_rows(cv), "",
             "## Per intent (worst first)", "",
             "| intent | support | precision | recall | F1 |", "|---|---|---|---|---|",
             *_per_intent(cv / "intent_report.json"), "",
             f"## Intent confusions ({sum(intents.values())} errors)", "",
             "| true intent | predicted as | count |", "|---|---|---|",
             *[f"| {t} | {p} | {n} |" for (t, p), n in intents.most_common()], "",
             f"## FAQ response confusions ({sum(faq.values())} errors)", "",
             "| true response | predicted as | count |", "|---|---|---|",
             *[f"| {t} | {p} | {n} |" for (t, p), n in faq.most_common()]]
    CONFUSION_DOC.write_text("\n".join(lines) + "\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--skip-cv", action="store_true", help="only score the held-out files")
    parser.add_argument("--skip-holdout", action="store_true",
                        help="only cross-validate (the held-out files need a trained model)")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    summary_path = OUT / "summary.json"
    # A partial run (--skip-cv / --skip-holdout) keeps the other half's last figures.
    summary: dict[str, object] = (json.loads(summary_path.read_text())
                                  if summary_path.is_file() else {})
    if not args.skip_holdout:
        holdout = OUT / "holdout"
        rasa("test", "nlu", "--model", "models/current.tar.gz", "--nlu", "tests/nlu",
             "--out", str(holdout), "--no-plot")
        summary["holdout_intent_macro_f1"] = macro_f1(holdout / "intent_report.json")
        summary["holdout_response_macro_f1"] = macro_f1(
            holdout / "response_selection_report.json")
        summary["holdout_worst_intents"] = worst(holdout / "intent_report.json")
    if not args.skip_cv:
        cv = OUT / "cross_validation"
        rasa("test", "nlu", "--nlu", "data", "--config", "config.yml", "--cross-validation",
             "--folds", str(args.folds), "--out", str(cv), "--no-plot", "--successes")
        summary["cv_intent_macro_f1"] = macro_f1(cv / "intent_report.json")
        summary["cv_response_macro_f1"] = macro_f1(cv / "response_selection_report.json")
        summary["cv_folds"] = args.folds
        write_confusion(cv, args.folds)
    summary_path.write_text(json.dumps(summary, indent=2) + "\n")
    print("\nNLU summary")
    for key, value in summary.items():
        print(f"  {key}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
