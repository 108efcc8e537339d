"""Turn the blind-written NLU rows (intent<TAB>text, topic<TAB>text) into Rasa YAML by topic.

The rows were written from the intent and topic list and the reference only, never from
data/, so they show how people phrase things rather than how we already do. This script keeps
their provenance (data/nlu/blind/README.md), and drops:
- rows already in data/nlu (outside the blind files) or in the held-out files in tests/nlu;
- rows that repeat within the file, or appear under two labels (the label is unclear);
- rows listed in REJECTS below (clearly wrong for their label, read by hand);
- rows read by hand as a crisis under a non-crisis label (CRISIS_LIKE): a crisis must never
  be taught as an FAQ or a check-in. The risk screen's view is printed as a hint only: on
  these rows it raises false alarms ("I'm in the Mountain time zone").
FAQ rows about cost or rides that ask about THIS clinic ("do you take medicaid", "do you
offer rides") are relabelled ask_clinic: clinic facts come from bot/clinic.yml, not the FAQ.
It also holds back the first HOLDOUT_PER_TOPIC rows of each FAQ topic that has fewer than that
in tests/nlu/holdout_faq.yml, so every topic has a held-out test it was never trained on.

Run: .venv/bin/python scripts/blind_nlu.py [--blind DIR]
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.safety import screen  # noqa: E402  (needs the repo on sys.path)

NLU = ROOT / "data" / "nlu"
BLIND_OUT = NLU / "blind"
FAQ_OUT = NLU / "faq"
HOLDOUT_FAQ = ROOT / "tests" / "nlu" / "holdout_faq.yml"
HOLDOUT_PER_TOPIC = 3
URGENT = {"high", "imminent"}

# FAQ topics grouped into files the way data/nlu/faq/ already is.
FAQ_GROUPS = {
    "program": ["what_is_iop", "hours_per_week", "sessions_per_week", "program_length",
                "iop_vs_php", "iop_vs_inpatient", "who_is_it_for"],
    "care": ["group_therapy", "individual_counseling", "family_involvement",
             "medication_management", "therapies", "relapse_prevention", "life_skills",
             "typical_week"],
    "outcomes": ["benefits", "myths", "measuring_success", "aftercare"],
    "practical": ["insurance", "payment_plans", "transportation", "work_or_school",
                  "how_to_begin", "choosing_program", "job_protection", "telehealth"],
    "policies": ["slip_and_program", "drug_testing", "missed_sessions", "confidentiality",
                 "meetings"],
    "safety": ["crisis_numbers", "after_hours", "naloxone"],
}

# (label, text) read by hand and judged wrong for the label; the reason is kept for review.
REJECTS: dict[tuple[str, str], str] = {}
# (label, text) read by hand as a crisis under a non-crisis label (none so far).
CRISIS_LIKE: set[tuple[str, str]] = set()
# FAQ rows that ask for this clinic's own opening hours: ask_clinic has the answer.
TO_CLINIC = {("after_hours", "what are your office hours"),
             ("after_hours", "is the office open on saturdays"),
             ("after_hours", "when does the clinic open in the morning")}
# FAQ topics whose "you / here" questions are about this clinic's own facts.
CLINIC_TOPICS = {"insurance", "payment_plans", "transportation"}
CLINIC_CUE = re.compile(r"\b(you|your|u|yall|y'all|ya'll|here|clinic|aceptan|ofrecen|tienen|"
                        r"parking|address)\b", re.IGNORECASE)


def norm(text: str) -> str:
    """Compare examples ignoring case, spacing and trailing punctuation."""
    return re.sub(r"\s+", " ", text.strip().lower()).rstrip(" ?!.")


def read_tsv(path: Path) -> list[tuple[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [(r[0].strip(), r[1].strip()) for r in rows[1:] if len(r) >= 2 and r[1].strip()]


def nlu_examples(path: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    for item in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu", []):
        if "intent" in item:
            lines = [ln.strip()[2:] for ln in item["examples"].splitlines() if ln.strip()]
            found[item["intent"]].extend(lines)
    return found


def existing_examples() -> set[str]:
    """Every example already trained on (outside the blind files) or held out."""
    seen: set[str] = set()
    paths = [p for p in NLU.rglob("*.yml")
             if p.parent != BLIND_OUT and not p.name.startswith("blind_")]
    for path in [*paths, *sorted((ROOT / "tests" / "nlu").glob("*.yml"))]:
        for lines in nlu_examples(path).values():
            seen.update(norm(line) for line in lines)
    return seen


def clean(rows: list[tuple[str, str]], labels: dict[str, set[str]], label_of: str,
          stats: Counter[str]) -> list[tuple[str, str]]:
    """Rows kept for training, with the reason for each drop counted in stats.

    `labels` maps each normalised text to every label it has in either blind file.
    """
    seen = existing_examples()
    kept, emitted = [], set()
    for label, text in rows:
        key = norm(text)
        if not key:
            stats["empty"] += 1
        elif len(labels[key]) > 1:
            stats["two labels"] += 1
        elif key in seen:
            stats["already in data or holdout"] += 1
        elif key in emitted:
            stats["repeated"] += 1
        elif (label, text) in REJECTS:
            stats["wrong for the label"] += 1
        elif (label, text) in CRISIS_LIKE:
            stats[f"crisis-like under a {label_of}"] += 1
        else:
            if label != "crisis" and screen(text).level in URGENT:
                stats["kept though the screen rates it urgent (false alarm)"] += 1
            emitted.add(key)
            kept.append((label, text))
    return kept


def block(intent: str, texts: list[str]) -> str:
    lines = "".join(f"    - {t}\n" for t in texts)
    return f"- intent: {intent}\n  examples: |\n{lines}"


def write_yaml(path: Path, header: str, blocks: list[str]) -> None:
    body = "\n".join(blocks)
    path.write_text(f'version: "3.1"\n{header}nlu:\n{body}', encoding="utf-8")
    yaml.safe_load(path.read_text(encoding="utf-8"))  # fail loudly on a quoting problem


def safe_text(text: str) -> str:
    """An example line Rasa's markdown-ish reader keeps verbatim."""
    text = text.replace("\t", " ")
    # Rasa reads [x](y) as an entity annotation; the blind rows carry none.
    return re.sub(r"\[([^\]]*)\]\(([^)]*)\)", r"\1 (\2)", text)


def write_intents(rows: list[tuple[str, str]]) -> dict[str, int]:
    BLIND_OUT.mkdir(parents=True, exist_ok=True)
    by_intent: dict[str, list[str]] = defaultdict(list)
    for label, text in rows:
        by_intent[label].append(safe_text(text))
    header = ("# Blind-written examples (see README.md here); generated by "
              "scripts/blind_nlu.py, edit the TSV or REJECTS, not this file.\n")
    for intent, texts in sorted(by_intent.items()):
        write_yaml(BLIND_OUT / f"{intent}.yml", header, [block(intent, texts)])
    return {k: len(v) for k, v in by_intent.items()}


def hold_out(rows: list[tuple[str, str]]) -> tuple[list[tuple[str, str]], dict[str, list[str]]]:
    """Move a few rows of each under-tested topic out of training into the held-out file."""
    held = nlu_examples(HOLDOUT_FAQ)
    new: dict[str, list[str]] = defaultdict(list)
    train = []
    for topic, text in rows:
        need = HOLDOUT_PER_TOPIC - len(held.get(f"faq/{topic}", []))
        if len(new[topic]) < need:
            new[topic].append(safe_text(text))
        else:
            train.append((topic, text))
    return train, new


def append_holdout(new: dict[str, list[str]]) -> None:
    if not any(new.values()):
        return
    blocks = [block(f"faq/{topic}", texts) for topic, texts in sorted(new.items()) if texts]
    with HOLDOUT_FAQ.open("a", encoding="utf-8") as handle:
        handle.write("\n# Held back from the blind-written rows (scripts/blind_nlu.py).\n")
        handle.write("\n".join(blocks))


def relabel_clinic(rows: list[tuple[str, str]]) -> tuple[list[tuple[str, str]], list[str]]:
    """Split off cost and ride questions about this clinic: they are ask_clinic."""
    faq, clinic = [], []
    for topic, text in rows:
        if (topic in CLINIC_TOPICS and CLINIC_CUE.search(text)) or (topic, text) in TO_CLINIC:
            clinic.append(text)
        else:
            faq.append((topic, text))
    return faq, clinic


def write_faq(rows: list[tuple[str, str]]) -> dict[str, int]:
    group_of = {t: g for g, topics in FAQ_GROUPS.items() for t in topics}
    unknown = {t for t, _ in rows} - set(group_of)
    if unknown:
        raise SystemExit(f"topics with no group in FAQ_GROUPS: {sorted(unknown)}")
    by_group: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for topic, text in rows:
        by_group[group_of[topic]][topic].append(safe_text(text))
    header = ("# Blind-written FAQ questions (see data/nlu/blind/README.md); generated by "
              "scripts/blind_nlu.py.\n")
    for group, topics in sorted(by_group.items()):
        blocks = [block(f"faq/{t}", texts) for t, texts in topics.items()]
        write_yaml(FAQ_OUT / f"blind_{group}.yml", header, blocks)
    return Counter(t for t, _ in rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--blind", type=Path, default=ROOT.parent / "blind" / "nlu")
    args = parser.parse_args()
    for stale in [*BLIND_OUT.glob("*.yml"), *FAQ_OUT.glob("blind_*.yml")]:
        stale.unlink()
    report = []
    tables = {name: read_tsv(args.blind / name) if (args.blind / name).is_file() else None
              for name in ("intents.tsv", "faq.tsv")}
    labels: dict[str, set[str]] = defaultdict(set)
    for name, rows in tables.items():
        for label, text in rows or []:
            labels[norm(text)].add(label if name == "intents.tsv" else f"faq/{label}")
    for name, label_of, writer in (("intents.tsv", "non-crisis intent", write_intents),
                                   ("faq.tsv", "FAQ topic", write_faq)):
        rows = tables[name]
        if rows is None:
            report.append(f"{name}: not there yet")
            continue
        stats: Counter[str] = Counter()
        kept = clean(rows, labels, label_of, stats)
        if name == "faq.tsv":
            kept, clinic = relabel_clinic(kept)
            stats["relabelled ask_clinic"] = len(clinic)
            header = "# Cost and ride questions about this clinic from the blind FAQ rows.\n"
            write_yaml(BLIND_OUT / "ask_clinic_from_faq.yml", header,
                       [block("ask_clinic", [safe_text(t) for t in clinic])])
            kept, new = hold_out(kept)
            append_holdout(new)
            stats["held out for tests/nlu"] = sum(len(v) for v in new.values())
        counts = writer(kept)
        report.append(f"{name}: {len(rows)} rows, {len(kept)} kept in {len(counts)} labels; "
                      f"dropped or moved: {dict(stats)}")
    print("\n".join(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
