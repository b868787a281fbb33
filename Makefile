# geokg: `make run` sets everything up and serves the demo; `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: setup run test lint fmt bench clean-test-db help

help:
	@echo "make run   - install everything, start the managed Neo4j, load the samples, serve the API"
	@echo "make test  - install everything, then lint and run the whole test suite on a real Neo4j"
	@echo "make lint  - ruff check + format check"

setup: $(VENV)/.installed node_modules/.installed
	@bash scripts/system-deps.sh

$(VENV)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "geokg needs Python >= 3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check --upgrade pip
	$(BIN)/pip install -q --disable-pip-version-check -c requirements.lock -e ".[dev]"
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

run: setup
	$(BIN)/geokg up

test: setup lint
	bash scripts/test.sh

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

fmt: $(VENV)/.installed
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean-test-db:
	GEOKG_HOME=.geokg/test $(BIN)/geokg neo4j stop || true
	rm -rf .geokg/test
