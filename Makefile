# Two commands from a fresh clone: `make run` and `make test`. Nothing but Python 3.11 is needed.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: install run test lock eval-clean clean-venv

$(STAMP): requirements.lock requirements-nodeps.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -r requirements-nodeps.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

run: install  ## ingest the bundled demo corpus into ./sitrep.db and print what was found
	$(BIN)/sitrep run examples --db sitrep.db
	@echo
	@echo "Look at it in a browser: $(BIN)/sitrep serve --db sitrep.db   then open http://127.0.0.1:8000/"

test: install  ## the whole test suite (slow tests read ../shared/data and skip without it)
	$(BIN)/python -m pytest -q $(PYTEST_ARGS)

eval-clean: install  ## the cleaning benchmark of the README
	$(BIN)/sitrep eval clean --data ../shared/data/article-extraction

lock:  ## re-pin every dependency after changing pyproject.toml
	rm -rf /tmp/sitrep-lock && $(PYTHON) -m venv /tmp/sitrep-lock
	/tmp/sitrep-lock/bin/pip install --quiet -e '.[test]'
	/tmp/sitrep-lock/bin/pip freeze --exclude-editable | grep -v '^sitrep' > requirements.lock

clean-venv:
	rm -rf $(VENV)
