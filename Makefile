# The two everyday commands: `make run` (demo on SQLite) and `make test` (the whole suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test install install-test demo serve clean

run: install
	bash scripts/system-deps.sh --runtime || echo "Cảnh báo: chưa cài được Pango và phông chữ: quyết định, bằng khen (PDF) sẽ không tạo được."
	$(BIN)/tdkt demo
	$(BIN)/tdkt serve

test: install-test
	bash scripts/test.sh

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install -q -e '.[test]'
	touch $@

clean:
	rm -rf $(VENV) var
