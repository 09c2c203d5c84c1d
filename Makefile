# The two everyday commands: `make run` (demo on SQLite) and `make test` (the whole suite).
# `make lint` checks the code (ruff) and the layering of design.md (import-linter).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Install the versions the suite passed with (constraints.txt), within pyproject.toml's ranges.
PIP_INSTALL := $(BIN)/pip install -q -c constraints.txt

.PHONY: run test lint install install-test demo serve clean constraints

run: install
	bash scripts/system-deps.sh --runtime || echo "Cảnh báo: chưa cài được Pango và phông chữ: quyết định, bằng khen (PDF) sẽ không tạo được."
	$(BIN)/tdkt demo
	$(BIN)/tdkt serve

test: install-test
	bash scripts/test.sh

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/lint-imports

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

$(VENV)/.installed: pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(PIP_INSTALL) -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PIP_INSTALL) -e '.[test]'
	touch $@

# After a deliberate upgrade (pip install -U … in .venv and a green `make test`): record the versions.
constraints: install-test
	{ sed -n '1,2p' constraints.txt; $(BIN)/pip freeze --exclude-editable | grep -v '^tdkt\|^pip=='; } > constraints.tmp
	mv constraints.tmp constraints.txt

clean:
	rm -rf $(VENV) var
