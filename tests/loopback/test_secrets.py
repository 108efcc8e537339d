"""WC-2: the loopback secrets are generated once, private to the owner, and never in the repo."""

from __future__ import annotations

import stat
import subprocess

from bot import PROJECT_ROOT
from bot.loopback.secrets import NAMES, RASA_TOKEN_VAR, peer_secrets, secrets_path, token_ok
from bot.runner import build_children
from bot.settings import load_settings


def test_wc2_secrets_are_generated_once_with_owner_only_access(tmp_path, monkeypatch):
    for name in NAMES:
        monkeypatch.delenv(name, raising=False)
    first = peer_secrets(tmp_path)
    assert set(first) == set(NAMES) and len(set(first.values())) == 2
    assert all(len(v) >= 32 for v in first.values())
    assert peer_secrets(tmp_path) == first  # the next run reuses them
    mode = stat.S_IMODE(secrets_path(tmp_path).stat().st_mode)
    assert mode == 0o600


def test_wc2_an_environment_secret_wins(tmp_path, monkeypatch):
    monkeypatch.setenv(RASA_TOKEN_VAR, "z" * 40)
    assert peer_secrets(tmp_path)[RASA_TOKEN_VAR] == "z" * 40


def test_wc2_each_child_gets_only_its_own_hops(tmp_path, monkeypatch):
    for name in NAMES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("BOT_VAR_DIR", str(tmp_path))
    keys = peer_secrets(tmp_path)
    children = {c.name: c for c in build_children(load_settings())}
    assert {n for n in NAMES if n in children["gateway"].env} == {RASA_TOKEN_VAR}
    assert set(NAMES) <= set(children["rasa"].env)
    assert not set(NAMES) & set(children["dispatcher"].env)
    assert children["rasa"].env[RASA_TOKEN_VAR] == keys[RASA_TOKEN_VAR]
    # Rasa and the actions are started through our wrappers, never the stock servers.
    assert children["rasa"].cmd[2] == "bot.loopback.rasa_server"
    assert children["action server"].cmd[2] == "bot.loopback.action_server"


def test_wc2_token_comparison():
    assert token_ok("a" * 40, "a" * 40)
    assert not token_ok("a" * 39 + "b", "a" * 40)
    assert not token_ok(None, "a" * 40)
    assert not token_ok("", "")


def test_wc2_no_secret_file_is_tracked_by_git():
    tracked = subprocess.run(["git", "ls-files"], cwd=PROJECT_ROOT, capture_output=True,
                             text=True, check=True).stdout
    assert "loopback-secrets" not in tracked
