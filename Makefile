# kg-builder: `make test` is what CI runs (.ci/run); `make demo` builds and queries the sample graph.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: venv demo test wheel-check bench bench-large clean

venv: $(STAMP)

# Reinstall only when pyproject.toml changes (the stamp is older than it).
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

demo: venv
	$(BIN)/kgb build --manifest data/articles/manifest.jsonl --store kg
	$(BIN)/kgb query --all
	$(BIN)/kgb timeline --store kg

test: venv
	command -v virtuoso-t >/dev/null 2>&1 || scripts/virtuoso.sh install
	command -v chromium >/dev/null 2>&1 || scripts/browser.sh install
	$(BIN)/python -m pytest -q

# The wheel as a user gets it: built, installed in a fresh venv outside the checkout, and run.
wheel-check:
	scripts/wheel-check.sh $(PYTHON)

# Every figure of issue 14 in one run (results in bench/results/*.json); bench-large: 10 M quads, 20 k articles.
bench: venv
	command -v virtuoso-t >/dev/null 2>&1 || scripts/virtuoso.sh install
	$(BIN)/python bench/run.py
	$(BIN)/python bench/cluster.py --json bench/results/cluster.json
	$(BIN)/python bench/fusion.py

bench-large: venv
	command -v virtuoso-t >/dev/null 2>&1 || scripts/virtuoso.sh install
	$(BIN)/python bench/run.py --large

# Generated files only; `rm -rf .venv` for a fresh environment.
clean:
	rm -rf kg .pytest_cache build *.egg-info bench/results
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +
