# Two commands set everything up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app app
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: install install-dev run test test-fast test-pg pg-url db bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --disable-pip-version-check -q -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt $(VENV)/.installed
	$(BIN)/python -m pip install --disable-pip-version-check -q -r requirements-dev.txt
	touch $@

## install: create .venv and install the pinned runtime dependencies
install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

## db: create or upgrade the database schema (migrations) and load the sample pair
db: install
	$(FLASK) init-db
	$(FLASK) load-sample
	$(FLASK) ensure-admin

## run: install, migrate, load the sample, serve on http://$(HOST):$(PORT)
run: db
	FLASK_PO_WRITE_DELAY=1 FLASK_PO_WRITE_PROCESS=1 $(FLASK) run --host $(HOST) --port $(PORT)

## test: install and run the whole suite (core, web, e2e)
test: install-dev
	$(BIN)/python -m pytest -q

## test-fast: skip the browser tests
test-fast: install-dev
	$(BIN)/python -m pytest -q -m "not e2e"

## test-pg: the database tests (web, reliability, end-to-end) against PostgreSQL. Starts no
## server: WORKBENCH_TEST_DATABASE_URL names one (postgresql+psycopg://USER@HOST/DB, USER with
## CREATEDB); each test makes a database of its own there and drops it. .ci/run starts one.
test-pg: pg-url install-dev
	$(BIN)/python -m pytest -q tests/web tests/reliability tests/e2e

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
