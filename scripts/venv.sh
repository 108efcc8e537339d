#!/usr/bin/env bash
# Create .venv with Python 3.10 (Rasa 3.6 needs < 3.11) and install the lockfile,
# but only when the lockfile changed since the last install.
set -euo pipefail
cd "$(dirname "$0")/.."

find_python310() {
  local candidate
  for candidate in "${PYTHON310:-}" python3.10 "$(command -v pyenv >/dev/null 2>&1 && pyenv root)"/versions/3.10*/bin/python3.10 "$HOME"/.pyenv/versions/3.10*/bin/python3.10 /usr/bin/python3.10 /usr/local/bin/python3.10; do
    [ -n "$candidate" ] || continue
    if "$candidate" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 10) else 1)' >/dev/null 2>&1; then
      command -v "$candidate" 2>/dev/null || echo "$candidate"
      return 0
    fi
  done
  return 1
}

if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 10) else 1)' 2>/dev/null; then
  py=$(find_python310) || {
    echo "error: Python 3.10 not found. Install it (e.g. 'pyenv install 3.10.13') or set PYTHON310=/path/to/python3.10." >&2
    exit 1
  }
  echo "Creating .venv with $py"
  rm -rf .venv
  "$py" -m venv .venv
fi

want=$(sha256sum requirements.lock | cut -d' ' -f1)
have=$(cat .venv/.lock.sha256 2>/dev/null || true)
if [ "$want" != "$have" ]; then
  echo "Installing dependencies from requirements.lock (first time: about 3-4 minutes)..."
  .venv/bin/python -m pip install --disable-pip-version-check -q --upgrade "pip==24.0"
  .venv/bin/python -m pip install --disable-pip-version-check --progress-bar off -q -r requirements.lock
  echo "$want" > .venv/.lock.sha256
  echo "Dependencies installed."
fi
