# The two commands a newcomer needs (see README.md): `make serve` and `make test`.
# Both create .venv from the exact versions in requirements.lock first.
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test build clean

$(VENV)/.installed: requirements.lock
	python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	touch $@

# --livereload is explicit: with some Click versions `mkdocs serve` turns it off by default.
serve: $(VENV)/.installed
	$(BIN)/mkdocs serve --livereload --dev-addr 127.0.0.1:8000

test: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

build: $(VENV)/.installed
	$(BIN)/mkdocs build --strict

clean:
	rm -rf site $(VENV)
