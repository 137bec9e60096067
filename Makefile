# `make extract` and `make test` are the two commands a fresh clone needs; see README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
EXTRACT_STAMP := $(VENV)/.installed-extract
STAMP := $(VENV)/.installed
DEVSET ?= ../shared/devset
DEVSET_OUT := build/devset-out
OUTPUTS ?= outputs
FRESH := build/fresh-outputs
BASE_REF ?= origin/main

.PHONY: extract test lint lock schemas eval robustness bench diff pr-diff check-outputs review clean clean-cache \
	stage-fingerprints train learning-curve

# A venv with pip; a half-created one (Debian without python3-venv leaves one without pip) is rebuilt.
$(BIN)/pip:
	@if [ -d $(VENV) ] && [ ! -x $(BIN)/pip ]; then echo "$(VENV) has no pip: rebuilding it"; rm -rf $(VENV); fi
	$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); echo "Error: '$(PYTHON) -m venv' failed; on Debian or \
	Ubuntu install python3-venv (apt-get install python3-venv), then run make again" >&2; exit 1; }

# `make extract` installs only what extraction needs, at the exact versions and hashes of the lock
# file; `make test` (every other target) adds the dev tools. Both re-install when their lock changes.
$(EXTRACT_STAMP): pyproject.toml requirements/extract.lock | $(BIN)/pip
	$(BIN)/pip install --require-hashes -r requirements/extract.lock
	$(BIN)/pip install --no-deps -e .
	touch $@

$(STAMP): requirements/dev.lock $(EXTRACT_STAMP)
	$(BIN)/pip install --require-hashes -r requirements/dev.lock
	touch $@

# Regenerate the lock files from pyproject.toml's pins (with PyPI's hashes), after changing a pin.
lock:
	$(PYTHON) -m venv build/lock-venv && build/lock-venv/bin/pip install -q pip-tools==7.6.2
	for extra in extract dev; do \
		PIP_CONFIG_FILE=/dev/null build/lock-venv/bin/pip-compile -q --generate-hashes --strip-extras \
			--allow-unsafe --no-emit-index-url --no-emit-find-links --rebuild \
			$$( [ $$extra = dev ] && echo --extra dev ) --output-file requirements/$$extra.lock pyproject.toml; \
	done

extract: $(EXTRACT_STAMP)
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
check-outputs: $(EXTRACT_STAMP)
	$(BIN)/python -m pipeline extract corpus --out $(FRESH) --quiet
	@# diff exits 4 when something changed, 1 on a user error (a missing folder): only 4 means stale.
	$(BIN)/python -m pipeline diff $(OUTPUTS) $(FRESH) --fail-on-change > build/check-outputs.md; status=$$?; \
		if [ $$status -eq 4 ]; then cat build/check-outputs.md; \
			echo "$(OUTPUTS)/ is stale: run 'make extract' and commit it"; exit 1; fi; exit $$status

# A pull request's dataset changes: the base branch's outputs/ against a fresh extraction (build/pr-diff.md).
pr-diff: $(EXTRACT_STAMP)
	rm -rf build/base && mkdir -p build/base
	git archive $(BASE_REF) outputs | tar -x -C build/base
	$(BIN)/python -m pipeline extract corpus --out $(FRESH) --quiet
	$(BIN)/python -m pipeline diff build/base/outputs $(FRESH) --max-lines 40 > build/pr-diff.md
	$(BIN)/python scripts/pr_summary.py build/pr-diff.md > build/pr-summary.md
	$(BIN)/python -m pipeline review $(FRESH) --diff build/base/outputs --corpus corpus --out build/pr-review.html
	cat build/pr-diff.md

# A self-contained HTML page to review outputs/ (open build/review.html in a browser).
review: $(EXTRACT_STAMP)
	$(BIN)/python -m pipeline review $(OUTPUTS) --corpus corpus --out build/review.html

clean-cache:
	rm -rf "$${XDG_CACHE_HOME:-$$HOME/.cache}/press-release-pipeline"

clean:
	rm -rf build .pytest_cache .mypy_cache .ruff_cache .hypothesis *.egg-info
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -exec rm -rf {} +
