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

# The audit tools (Lighthouse, the Nu HTML Checker, axe-core) at the exact
# versions of package-lock.json; they need Node.js 20 and Java.
node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { echo "make test needs Node.js 20 and npm for the audits (Lighthouse, vnu, axe-core)"; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# --livereload is explicit: with some Click versions `mkdocs serve` turns it off by default.
serve: $(VENV)/.installed
	$(BIN)/mkdocs serve --livereload --dev-addr 127.0.0.1:8000

test: $(VENV)/.installed node_modules/.installed
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

build: $(VENV)/.installed
	$(BIN)/mkdocs build --strict

clean:
	rm -rf site $(VENV) node_modules
