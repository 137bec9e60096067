# `make extract` and `make test` are the two commands a fresh clone needs; see README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEVSET ?= ../shared/devset
DEVSET_OUT := build/devset-out

.PHONY: extract test lint schemas eval robustness clean

# Re-installs when pyproject.toml changes; creates the venv only if it is missing.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -e ".[dev]"
	touch $@

extract: $(STAMP)
	$(BIN)/python -m pipeline extract corpus --out outputs

test: $(STAMP) lint
	$(BIN)/pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

schemas: $(STAMP)
	$(BIN)/python -m pipeline schemas --out schemas

eval: $(STAMP)
	$(BIN)/python -m pipeline extract $(DEVSET)/docs --out $(DEVSET_OUT) --quiet
	$(BIN)/python -m pipeline eval --gold $(DEVSET)/gold --pred $(DEVSET_OUT)

# Every release of the 5,000-release archive through the worker pool: crashes, budget overruns, slowest.
robustness: $(STAMP)
	$(BIN)/python scripts/robustness.py ../shared/corpora/press-release-archive-5000.jsonl

clean:
	rm -rf build .pytest_cache .mypy_cache .ruff_cache .hypothesis *.egg-info
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -exec rm -rf {} +
