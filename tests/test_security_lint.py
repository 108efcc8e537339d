"""bandit's rules (ruff S) run over bot/ and actions/ with no blanket ignores (issue 13):
each accepted finding is a `# noqa: S... (why)` next to the code."""

from __future__ import annotations

import re
import subprocess
import sys

import tomli

from bot import PROJECT_ROOT


def test_no_security_rule_is_ignored_for_bot_or_actions():
    lint = tomli.loads((PROJECT_ROOT / "pyproject.toml").read_text())["tool"]["ruff"]["lint"]
    assert "S" in lint["select"]
    assert not [code for code in lint.get("ignore", []) if code.startswith("S")]
    for pattern in lint.get("per-file-ignores", {}):
        assert not pattern.startswith(("bot", "actions")), pattern


def test_every_accepted_security_finding_says_why():
    bare = []
    for path in [*PROJECT_ROOT.joinpath("bot").rglob("*.py"),
                 *PROJECT_ROOT.joinpath("actions").rglob("*.py")]:
        for n, line in enumerate(path.read_text().splitlines(), 1):
            match = re.search(r"#\s*noqa:\s*([A-Z0-9, ]*S\d{3}[A-Z0-9, ]*)(.*)$", line)
            if match and "(" not in match.group(2):
                bare.append(f"{path.relative_to(PROJECT_ROOT)}:{n}")
    assert bare == [], "explain each accepted finding: # noqa: S... (why)"


def test_the_security_lint_passes():
    done = subprocess.run([sys.executable, "-m", "ruff", "check", "--select", "S",
                           "--output-format", "concise", "bot", "actions"],
                          cwd=PROJECT_ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout
