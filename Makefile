# `make extract` and `make test` are the two commands a fresh clone needs; see README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEVSET ?= ../shared/devset
DEVSET_OUT := build/devset-out
OUTPUTS ?= outputs
FRESH := build/fresh-outputs
BASE_REF ?= origin/main

.PHONY: extract test lint schemas eval robustness bench diff pr-diff check-outputs review clean clean-cache \
	stage-fingerprints train learning-curve

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

# After bumping a stage's version: record the fingerprint of its code and knowledge (a test checks it).
stage-fingerprints: $(STAMP)
	$(BIN)/python -m pipeline.fingerprints

eval: $(STAMP)
	$(BIN)/python -m pipeline extract $(DEVSET)/docs --out $(DEVSET_OUT) --quiet
	$(BIN)/python -m pipeline eval --gold $(DEVSET)/gold --pred $(DEVSET_OUT)

# The entity model: spans from training/names, spaCy's training (seed 0, one BLAS thread, so the same
# floats every run) from en_core_web_sm's weights, devset scores, and the result written to models/
# (commit it). About 12 minutes on 2 cores; CI never trains.
TRAIN_VARIANT ?= own
train: $(STAMP)
	OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 $(BIN)/python -m pipeline.train.train --variant $(TRAIN_VARIANT) --ship

# Devset scores of models trained on 25%, 50% and 100% of training/ (build/train/, nothing shipped).
learning-curve: $(STAMP)
	for share in 0.25 0.5 1; do \
		OMP_NUM_THREADS=1 $(BIN)/python -m pipeline.train.train --variant $(TRAIN_VARIANT) --share $$share; done

# Every release of the 5,000-release archive through the worker pool: crashes, budget overruns, slowest.
robustness: $(STAMP)
	$(BIN)/python scripts/robustness.py ../shared/corpora/press-release-archive-5000.jsonl

# Speed, memory and cache of extract on the 5,000-release archive: bench/results.json and bench/results.md.
# BENCH_LIMIT=1000 for a shorter run (~8 min); the full one takes about 30-40 min on 2 cores.
BENCH_LIMIT ?= 5000
bench: $(STAMP)
	$(BIN)/python bench/bench.py --corpus ../shared/corpora/press-release-archive-5000.jsonl \
		--limit $(BENCH_LIMIT) --rss-sweep 1000,5000 --long-release 990000 --out bench/results.json

# The committed outputs/ against a fresh extraction of corpus/ with the current code.
diff: $(STAMP)
	$(BIN)/python -m pipeline extract corpus --out $(FRESH) --quiet
	$(BIN)/python -m pipeline diff $(OUTPUTS) $(FRESH)

# Fails when the committed outputs/ are stale (what CI checks after `make extract`, without touching them).
check-outputs: $(STAMP)
	$(BIN)/python -m pipeline extract corpus --out $(FRESH) --quiet
	@# diff exits 4 when something changed, 1 on a user error (a missing folder): only 4 means stale.
	$(BIN)/python -m pipeline diff $(OUTPUTS) $(FRESH) --fail-on-change > build/check-outputs.md; status=$$?; \
		if [ $$status -eq 4 ]; then cat build/check-outputs.md; \
			echo "$(OUTPUTS)/ is stale: run 'make extract' and commit it"; exit 1; fi; exit $$status

# A pull request's dataset changes: the base branch's outputs/ against a fresh extraction (build/pr-diff.md).
pr-diff: $(STAMP)
	rm -rf build/base && mkdir -p build/base
	git archive $(BASE_REF) outputs | tar -x -C build/base
	$(BIN)/python -m pipeline extract corpus --out $(FRESH) --quiet
	$(BIN)/python -m pipeline diff build/base/outputs $(FRESH) --max-lines 40 > build/pr-diff.md
	$(BIN)/python scripts/pr_summary.py build/pr-diff.md > build/pr-summary.md
	$(BIN)/python -m pipeline review $(FRESH) --diff build/base/outputs --corpus corpus --out build/pr-review.html
	cat build/pr-diff.md

# A self-contained HTML page to review outputs/ (open build/review.html in a browser).
review: $(STAMP)
	$(BIN)/python -m pipeline review $(OUTPUTS) --corpus corpus --out build/review.html

clean-cache:
	rm -rf "$${XDG_CACHE_HOME:-$$HOME/.cache}/press-release-pipeline"

clean:
	rm -rf build .pytest_cache .mypy_cache .ruff_cache .hypothesis *.egg-info
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -exec rm -rf {} +
