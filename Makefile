# Two commands set everything up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app app
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: install install-dev lock run test test-fast test-pg pg-url db bench clean \
	i18n-extract i18n-update i18n-review

# requirements.txt and requirements-dev.txt name, pinned, what the app and the tests use;
# requirements.lock and requirements-dev.lock (written from them by `make lock`) add all that
# those need, each version with the hashes of its files, and are what gets installed.
PIP_INSTALL := $(BIN)/python -m pip install --disable-pip-version-check -q --require-hashes
# Stops when a pin of the file $(1) is not in the lock $(2) (names compared as pip does).
lock-holds = awk 'match($$0, /^[A-Za-z0-9][A-Za-z0-9._-]*==[^ ;\#\\]+/) { \
	    pin = tolower(substr($$0, 1, RLENGTH)); at = index(pin, "=="); \
	    name = substr(pin, 1, at - 1); gsub(/[._]/, "-", name); pin = name substr(pin, at); \
	    if (FILENAME == "$(2)") locked[pin] = 1; else if (!(pin in locked)) missing = missing " " pin } \
	  END { if (missing != "") { print "$(2) lacks" missing " of $(1): run make lock"; exit 2 } }' $(2) $(1)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt requirements.lock | $(BIN)/python
	@$(call lock-holds,requirements.txt,requirements.lock)
	$(PIP_INSTALL) -r requirements.lock
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt requirements-dev.lock $(VENV)/.installed
	@$(call lock-holds,requirements-dev.txt,requirements-dev.lock)
	$(PIP_INSTALL) -r requirements-dev.lock
	touch $@

# pip-tools, in a venv of its own: it is no part of the app's or the tests' environment.
LOCK_TOOLS := $(VENV)/lock-tools
PIP_COMPILE := CUSTOM_COMPILE_COMMAND="make lock" $(LOCK_TOOLS)/bin/pip-compile -q \
	--generate-hashes --strip-extras --no-emit-index-url --no-emit-find-links --no-emit-trusted-host

$(LOCK_TOOLS)/bin/pip-compile:
	$(PYTHON) -m venv $(LOCK_TOOLS)
	$(LOCK_TOOLS)/bin/python -m pip install --disable-pip-version-check -q pip-tools==7.6.2

## lock: after a change of requirements*.txt, resolve them again into requirements*.lock (needs
## PyPI; locked versions that still fit stay: LOCK_ARGS=--upgrade takes the newest releases)
lock: $(LOCK_TOOLS)/bin/pip-compile
	$(PIP_COMPILE) $(LOCK_ARGS) -o requirements.lock requirements.txt
	$(PIP_COMPILE) $(LOCK_ARGS) -c requirements.lock -o requirements-dev.lock \
	    requirements.txt requirements-dev.txt

# The interface's catalogs (issue 19): app/i18n/LOCALE/LC_MESSAGES/messages.po, kept apart from
# translations/ (the documents' PO files). Their .mo files are compiled here, never committed.
I18N := app/i18n
I18N_PO := $(wildcard $(I18N)/*/LC_MESSAGES/messages.po)
I18N_MO := $(I18N_PO:.po=.mo)
I18N_KEYWORDS := -k _ -k gettext -k ngettext:1,2 -k lazy_gettext -k lazy_pgettext:1c,2 -k N_ -k Counted:1,2 -k Check:5

## install: create .venv, install the runtime dependencies from requirements.lock and compile
## the interface's catalogs
install: $(VENV)/.installed $(I18N_MO)

install-dev: $(VENV)/.installed-dev $(I18N_MO)

$(I18N)/%/LC_MESSAGES/messages.mo: $(I18N)/%/LC_MESSAGES/messages.po $(VENV)/.installed
	$(BIN)/pybabel -q compile -i $< -o $@

## i18n-extract: the interface's marked strings (templates/, app/) into app/i18n/messages.pot
## (not committed): file names without line numbers, so that moving code changes nothing
i18n-extract: $(VENV)/.installed
	$(BIN)/pybabel -q extract -F babel.cfg $(I18N_KEYWORDS) --add-location=file \
	    -c TRANSLATORS: --project="Translation Review Workbench" -o $(I18N)/messages.pot .

## i18n-update: extract, then bring the French catalog up to date (new strings empty, changed
## ones fuzzy with their previous msgid, removed ones dropped); translate, then `make install`
i18n-update: i18n-extract
	$(BIN)/pybabel -q update -i $(I18N)/messages.pot -d $(I18N) -l fr -D messages \
	    --ignore-pot-creation-date --ignore-obsolete

## i18n-review: the French catalog imported into the workbench as a document, with the
## interface glossary, to review it in the browser (`make run`); bring the reviewed file back
## with `flask --app app export SLUG --output app/i18n/fr/LC_MESSAGES/messages.po`, then
## `make i18n-update` (each run imports a new document)
i18n-review: db
	@slug=$$($(FLASK) import --title "Interface (fr)" --format json \
	    $(I18N)/fr/LC_MESSAGES/messages.po | $(BIN)/python -c \
	    'import json, sys; print(json.load(sys.stdin)["slug"])') && \
	$(FLASK) import-glossary "$$slug" $(I18N)/glossary.tsv && \
	echo "review it at http://$(HOST):$(PORT)/documents/$$slug (make run)"

## db: create or upgrade the database schema (migrations) and load the sample pair
db: install
	$(FLASK) init-db
	$(FLASK) load-sample
	$(FLASK) ensure-admin

## run: install, migrate, load the sample, serve on http://$(HOST):$(PORT), with one
## `flask worker` beside the server running the imports, check passes and PO files (the
## server only queues them: reloading or stopping it leaves an import running; Ctrl+C stops
## both, the worker once its running import ends)
run: db
	FLASK_BACKGROUND_WORKER=1 $(FLASK) worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	FLASK_BACKGROUND_WORKER=1 $(FLASK) run --host $(HOST) --port $(PORT)

## test: install and run the whole suite (core, web, e2e)
test: install-dev
	$(BIN)/python -m pytest -q

## test-fast: skip the browser tests
test-fast: install-dev
	$(BIN)/python -m pytest -q -m "not e2e"

## test-pg: the database tests (store, web, reliability, end-to-end) against PostgreSQL. Starts no
## server: WORKBENCH_TEST_DATABASE_URL names one (postgresql+psycopg://USER@HOST/DB, USER with
## CREATEDB); each test makes a database of its own there and drops it. .ci/run starts one.
test-pg: pg-url install-dev
	$(BIN)/python -m pytest -q tests/store tests/web tests/reliability tests/e2e

pg-url:
	@if [ -z "$$WORKBENCH_TEST_DATABASE_URL" ]; then \
	    echo "make test-pg: WORKBENCH_TEST_DATABASE_URL is not set. Point it at a PostgreSQL server" \
	        "whose user may create databases, e.g." \
	        "WORKBENCH_TEST_DATABASE_URL='postgresql+psycopg://postgres@/postgres?host=/run/postgresql'" \
	        "make test-pg (.ci/run starts a throwaway server and does this)." >&2; \
	    exit 2; \
	fi

## bench: the benchmarks of bench/ (peers installed from bench/requirements.txt); long
bench: install-dev
	$(BIN)/python -m pip install --disable-pip-version-check -q -r bench/requirements.txt
	$(BIN)/python bench/page
	$(BIN)/python bench/save
	$(BIN)/python bench/import
	$(BIN)/python bench/import_job
	$(BIN)/python bench/po_export
	$(BIN)/python bench/po_roundtrip
	$(BIN)/python bench/checks
	$(BIN)/python bench/align
	$(BIN)/python bench/workspace
	$(BIN)/python bench/load

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
