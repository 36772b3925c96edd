# The single entry point: README, CI and .ci/run call these targets and nothing else.
# Setup is idempotent: a stamp file per lock means pip runs only when a lock changes.

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1
PIP := $(PY) -m pip --disable-pip-version-check --quiet
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
# Where `make offline` builds the copy and writes the zip (tests pass their own).
OFFLINE_SITE ?= dist/offline-site
OFFLINE_ZIP ?= dist/when-therapy-isnt-working-offline.zip

.PHONY: help serve serve-es build offline test lint format check-guide routes review bench mutants lock clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(PY):
	$(PYTHON) -m venv $(VENV)

# The lock (with hashes), then the site's own package from src/ (editable, built with the
# lock's flit_core, so pip fetches nothing the lock does not name).
$(VENV)/.runtime-installed: requirements/runtime.txt pyproject.toml | $(PY)
	$(PIP) install --require-hashes --no-deps -r requirements/runtime.txt
	$(PIP) install --no-deps --no-build-isolation --editable .
	touch $@

$(VENV)/.test-installed: requirements/runtime.txt requirements/test.txt $(VENV)/.runtime-installed
	$(PIP) install --require-hashes --no-deps -r requirements/test.txt
	touch $@

serve: $(VENV)/.runtime-installed ## Serve the site with live reload on http://127.0.0.1:8000
	$(VENV)/bin/mkdocs serve --dev-addr $(HOST):$(PORT) --livereload

serve-es: $(VENV)/.runtime-installed ## Serve the Spanish edition alone with live reload on http://127.0.0.1:8000/es/
	$(VENV)/bin/mkdocs serve --config-file mkdocs-es.yml --dev-addr $(HOST):$(PORT) --livereload

build: $(VENV)/.runtime-installed ## Strict build of both editions into site/ (Spanish in site/es/)
	$(VENV)/bin/mkdocs build --strict --clean --site-dir site
	$(VENV)/bin/mkdocs build --strict --clean --config-file mkdocs-es.yml --site-dir site/es

offline: $(VENV)/.runtime-installed ## Offline copy of both editions (opens from disk, no network) as dist/*.zip
	$(VENV)/bin/mkdocs build --strict --clean --config-file mkdocs-offline.yml --site-dir $(abspath $(OFFLINE_SITE))
	$(VENV)/bin/mkdocs build --strict --clean --config-file mkdocs-offline-es.yml --site-dir $(abspath $(OFFLINE_SITE))/es
	$(PY) -m wtiw.offline $(OFFLINE_SITE) $(OFFLINE_ZIP)

check-guide: $(VENV)/.runtime-installed ## Check the guide: its tree, approved routes and wording; print a summary
	$(PY) -m wtiw check

routes: $(VENV)/.runtime-installed ## Approve the guide's routes: rewrite docs/_data/links/guide-routes.txt
	$(PY) -m wtiw routes > docs/_data/links/guide-routes.txt.new || { rm -f docs/_data/links/guide-routes.txt.new; exit 1; }
	mv docs/_data/links/guide-routes.txt.new docs/_data/links/guide-routes.txt

review: $(VENV)/.runtime-installed ## List pages due for review within 30 days and crisis numbers checked over 6 months ago
	$(PY) -m wtiw review

lint: $(VENV)/.test-installed ## ruff lint and format check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.test-installed ## Apply ruff fixes and formatting
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

test: $(VENV)/.test-installed ## Install everything the tests need, then run every test
	bash tests/setup/system-deps.sh
	$(MAKE) --no-print-directory lint
	$(VENV)/bin/python -m pytest -n auto $(PYTEST_ARGS)

bench: $(VENV)/.test-installed ## Benchmarks: print figures (not a test)
	bash tests/setup/system-deps.sh
	$(PY) -m bench

mutants: $(VENV)/.test-installed ## Mutation testing of the safety and privacy modules: killed and surviving per module (not a test)
	$(PY) -m bench.mutants

lock: ## Re-resolve the pinned, hashed lock files from pyproject.toml and requirements/test.in
	$(PYTHON) -m venv /tmp/wtiw-lock
	/tmp/wtiw-lock/bin/pip install --quiet pip-tools==7.6.2
	cd requirements && /tmp/wtiw-lock/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-header --no-emit-index-url --no-emit-find-links --build-deps-for=editable -o runtime.txt ../pyproject.toml
	cd requirements && /tmp/wtiw-lock/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-header --no-emit-index-url --no-emit-find-links -o test.txt test.in

clean: ## Remove build output and test artefacts (keeps .venv)
	rm -rf site dist .pytest_cache .ruff_cache .hypothesis test-artifacts mutants
