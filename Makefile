# The two commands a newcomer needs: `make run` and `make test`.
PORT ?= 5000
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi

.PHONY: run run-example test preflight lint format bench load translations messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

translations: $(VENV)/.installed
	$(BIN)/pybabel compile -d quiz/translations >/dev/null

instance/secret-key:
	mkdir -p instance
	$(BIN)/python -c "import secrets; print(secrets.token_hex(32))" > $@
	chmod 600 $@

run: $(VENV)/.installed translations instance/secret-key
	SECRET_KEY=$$(cat instance/secret-key) $(FLASK) db upgrade
	SECRET_KEY=$$(cat instance/secret-key) $(FLASK) run --host 127.0.0.1 --port $(PORT)

# The same app on the example of several parties (examples/mange-partier: ten fictional ones).
run-example:
	$(MAKE) run STATEMENTS_DIR=$(CURDIR)/examples/mange-partier

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(VENV)/.installed-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The database tests run against SQLite and PostgreSQL. Where no PostgreSQL is configured
# (no PGHOST) and pg_virtualenv is installed, the suite runs inside a throwaway cluster.
PYTEST := $(BIN)/python -m pytest $(PYTEST_ARGS)
VNU := tests/html/node_modules/vnu-jar/build/dist/vnu.jar
$(VNU): tests/html/package.json tests/html/package-lock.json
	npm ci --prefix tests/html --no-audit --no-fund --silent
	touch $@

# Chromium, PostgreSQL, Java and npm come from the system: .ci/requirements.tsv lists them;
# the preflight installs them where it may (Debian, root or passwordless sudo), or names
# what is missing and the command, in one line, before anything else runs.
preflight:
	@$(PYTHON) .ci/preflight.py

test: preflight $(VENV)/.installed-dev translations lint $(VNU)
	@if [ -z "$$PGHOST" ] && command -v pg_virtualenv >/dev/null 2>&1; then \
		echo "pytest inside pg_virtualenv (a throwaway PostgreSQL cluster)"; \
		pg_virtualenv -o log_min_messages=panic -- $(PYTEST); \
	else \
		$(PYTEST); \
	fi

clean:
	rm -rf $(VENV) instance .pytest_cache .ruff_cache .hypothesis

# After changing UI strings: extract them and update the nn and en catalogues.
messages: $(VENV)/.installed
	$(BIN)/pybabel extract -F quiz/babel.cfg -k _l --no-location --sort-output -o quiz/translations/messages.pot .
	$(BIN)/pybabel update -i quiz/translations/messages.pot -d quiz/translations --ignore-obsolete --no-fuzzy-matching

# Scoring timings and every route's req/s as a ratio to a bare Flask hello (needs wrk).
bench: $(VENV)/.installed-dev
	$(BIN)/python -m tests.bench.bench $(BENCH_ARGS)
	$(BIN)/python -m tests.bench.bench_share

# Complete quizzes against gunicorn, without and with JavaScript; quizzes/s, p50/p99, errors.
load: $(VENV)/.installed-dev
	$(BIN)/python -m tests.load.load $(LOAD_ARGS)
