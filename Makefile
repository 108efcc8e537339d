# Recovery Companion. Two commands matter: `make run` and `make test` (see README.md).
SHELL := /bin/bash
PY := .venv/bin/python
export PYTHONPATH := $(CURDIR)
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 2
export SQLALCHEMY_SILENCE_UBER_WARNING := 1

.PHONY: run test setup venv spacy model migrate lint validate axe pytest stories nlu-eval \
	conversations conversations-holdout test-clock-ahead bench lock clean help

help:
	@echo "make run       set up, train if needed, migrate and start the whole stack (SQLite)"
	@echo "make test      set up, then ruff, rasa data validate, pytest, rasa test stories"
	@echo "make nlu-eval  cross-validation plus the held-out NLU files (report in results/nlu)"
	@echo "make conversations          the blind conversation suite through the real stack (report)"
	@echo "make conversations-holdout  the blind holdout, figures only"
	@echo "make test-clock-ahead       pytest with the system clock a year ahead (faketime)"
	@echo "make bench     performance figures against baselines (about 15 min; var/bench/latest.json)"
	@echo "make lock      regenerate requirements.lock from requirements.in"

venv:
	@bash scripts/venv.sh

spacy: venv
	@$(PY) -m bot nlp prepare 2>&1 | grep -v -E "tensorflow|TensorRT|cuda|AVX|Created vocabulary|Finished initializing nlp" || true

model: spacy
	@$(PY) -m bot train

migrate: venv
	@$(PY) -m bot migrate

setup: venv spacy model migrate

run: setup
	@$(PY) -m bot run

lint: venv
	@echo "== ruff"
	@$(PY) -m ruff check .
	@echo "== security lint: bandit's rules (ruff S) over bot/ and actions/, no blanket ignores"
	@$(PY) -m ruff check --select S --output-format concise bot actions

validate: venv
	@echo "== rasa data validate"
	@$(PY) -m rasa data validate --fail-on-warnings

axe:
	@[ -f tests/browser/axe/node_modules/axe-core/axe.min.js ] || npm ci --prefix tests/browser/axe --no-audit --no-fund --loglevel=error

pytest: venv axe
	@echo "== pytest"
	@$(PY) -m pytest

stories: model
	@echo "== rasa test (stories)"
	@$(PY) -m rasa test core --model models/current.tar.gz --stories tests/stories \
		--fail-on-prediction-errors --out results/stories

test: setup
	@$(MAKE) --no-print-directory lint validate pytest stories

# No test may depend on today's date: run the suite a year from now (libfaketime). Tests that
# start Rasa (markers e2e, browser) are left out: Rasa does not start under libfaketime, and
# those tests take every time from the real clock, relative to now.
test-clock-ahead: setup
	@command -v faketime >/dev/null || (apt-get update -q && apt-get install -y -q faketime)
	@echo "== pytest with the clock moved 365 days ahead (not e2e, not browser)"
	@FAKETIME_DONT_FAKE_MONOTONIC=1 faketime -f "+365d" $(PY) -m pytest -q -m "not e2e and not browser"

nlu-eval: model
	@$(PY) scripts/nlu_eval.py

# Completion reports, not gates yet (docs/conversations.md). JOBS=N conversations at once.
JOBS ?= 6
conversations: model
	@$(PY) -m tests.conversations.harness --suite tests/conversations/suite --jobs $(JOBS)

conversations-holdout: model
	@$(PY) -m tests.conversations.harness --suite tests/conversations/holdout --figures-only \
		--jobs $(JOBS)

bench: setup
	@$(PY) scripts/bench.py

lock:
	@bash scripts/lock.sh

clean:
	rm -rf models results .rasa var/tracker.db
