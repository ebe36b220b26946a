# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev

.PHONY: run test bench bundle lint format screenshots clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	touch $@

$(DEVSTAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@ $(STAMP)

run: $(STAMP)
	$(VENV)/bin/xhdesk --demo

test: $(DEVSTAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -p no:cacheprovider -n auto --dist loadgroup

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/xhdesk bench

# The one-folder bundle (dist/xhdesk: xhdesk + xhdesk-cli); on Windows the same spec makes the .exe files.
bundle: $(DEVSTAMP)
	$(VENV)/bin/pyinstaller --noconfirm build.spec
	@du -sh dist/xhdesk

lint: $(DEVSTAMP)
	$(VENV)/bin/ruff check xhdesk tests
	$(VENV)/bin/ruff format --check xhdesk tests
	$(VENV)/bin/mypy

format: $(DEVSTAMP)
	$(VENV)/bin/ruff format xhdesk tests
	$(VENV)/bin/ruff check --fix xhdesk tests

screenshots: $(STAMP)
	$(VENV)/bin/xhdesk --demo --screenshot docs/screenshots

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache
