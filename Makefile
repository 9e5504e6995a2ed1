# yokuryu — the two commands that matter: `make demo` and `make test`.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO_ARCHIVE ?= demo-archive

.PHONY: setup demo test bench lint browser-deps clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	$(BIN)/python -m yokuryu.names
	touch $(STAMP)

setup: $(STAMP)
	@scripts/install-web-assets

demo: setup
	$(BIN)/python scripts/demo.py --archive $(DEMO_ARCHIVE)

# Browser tests need Chromium and a CJK font from Debian's packages.
browser-deps:
	@scripts/install-browser-deps

test: setup browser-deps
	$(BIN)/pytest

bench: setup
	$(BIN)/python -m benchmarks

# One stage's figures: make bench-names, bench-link, bench-estimate, bench-web, ...
bench-%: setup
	$(BIN)/python -m benchmarks $*

lint: setup
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts
	$(BIN)/mypy

clean:
	rm -rf $(VENV) $(DEMO_ARCHIVE) bench-out .pytest_cache .mypy_cache .ruff_cache
