# The commands a newcomer needs (see README.md): `make serve`, `make check` and `make test`.
# Each creates .venv from the exact versions in requirements.lock first.
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve check test schema stale markdown zensical links build clean securityhub nist-catalog

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

# `mkdocs serve` rebuilds on an edit under docs/, hooks/ or overrides/ (mkdocs.yml's watch:) and
# reloads the page; it loads the hooks' Python once, so watchmedo (watchdog's command) restarts it
# when a .py file under hooks/ changes, and the open page reloads once the new server answers.
# --livereload is explicit: with some Click versions `mkdocs serve` turns it off by default.
ADDR ?= 127.0.0.1:8000
serve: $(VENV)/.installed
	$(BIN)/watchmedo auto-restart --directory hooks --recursive --patterns '**/*.py' --ignore-directories \
		--debounce-interval 0.5 --no-restart-on-command-exit -- \
		$(BIN)/mkdocs serve --livereload --dev-addr $(ADDR)

# The quick loop while editing: ruff, then every test that needs no browser, Node.js or Java,
# on every core (pytest-xdist; one built site per worker) with Hypothesis's quick profile.
# Under a minute on two cores. The Zensical build (make zensical, about 4 s more) is left to make test.
check: $(VENV)/.installed
	$(BIN)/ruff check .
	HYPOTHESIS_PROFILE=dev $(BIN)/python -m pytest -m "not browser and not audit and not zensical" -q -n auto

# Everything, as CI runs it (.ci/run): the browser tests and the audits too, Hypothesis's thorough profile.
test: $(VENV)/.installed node_modules/.installed
	$(BIN)/ruff check .
	HYPOTHESIS_PROFILE=ci $(BIN)/python -m pytest

# The data file's JSON Schema, generated from the model (hooks/srg/model.py); commit the result.
schema: $(VENV)/.installed
	cd hooks && ../$(BIN)/python -m srg.schema > ../docs/data/responsibilities.schema.json.tmp
	mv docs/data/responsibilities.schema.json.tmp docs/data/responsibilities.schema.json

# Take a new copy of AWS's Security Hub control catalog from a local snapshot (a git directory or clone) of
# awslabs/oscal-content-for-aws-services into docs/data/security-hub/, and print the controls added and retired.
securityhub: $(VENV)/.installed
	@test -n "$(SNAPSHOT)" || { echo "usage: make securityhub SNAPSHOT=<git dir of awslabs/oscal-content-for-aws-services>"; exit 2; }
	cd hooks && ../$(BIN)/python -m srg.securityhub_refresh $(abspath $(SNAPSHOT)) ../docs/data/security-hub

# Refresh the pinned NIST SP 800-53 Rev. 5 catalog (docs/data/nist-800-53/) from a local snapshot of
# usnistgov/oscal-content at NIST_REF; prints the controls added, removed and withdrawn. Nothing here
# reaches the network: NIST_GIT is a git directory already on this machine.
NIST_REF ?= v1.0.0
nist-catalog: $(VENV)/.installed
	@test -n "$(NIST_GIT)" || { echo "usage: make nist-catalog NIST_GIT=<git dir of a usnistgov/oscal-content snapshot> [NIST_REF=<tag>]"; exit 2; }
	cd hooks && ../$(BIN)/python -m srg.nist_refresh $(abspath $(NIST_GIT)) $(NIST_REF) ../docs/data/nist-800-53

# Entries not checked against AWS's documentation in the last 180 days: a report, not a test.
stale: $(VENV)/.installed
	cd hooks && ../$(BIN)/python -m srg.stale ../docs/data/responsibilities.yml 180

# Every page's final Markdown (markers, references and terms expanded) and the generated files, for a build
# without hooks (Zensical runs none): build/markdown/.
markdown: $(VENV)/.installed
	cd hooks && ../$(BIN)/python -m srg.export_markdown ../docs ../build/markdown

# Record the addresses of new pages and responsibilities in tests/published_links.txt (never removes one).
links: $(VENV)/.installed
	$(BIN)/mkdocs build --strict -d build/links-site
	$(BIN)/python tests/record_links.py build/links-site

# The same site built by Zensical (the way out of Material for MkDocs's end of life) from that Markdown,
# with a configuration made from mkdocs.yml (hooks/srg/zensical_build.py): build/zensical-site.
zensical: markdown
	cd hooks && ../$(BIN)/python -m srg.zensical_build ../mkdocs.yml ../build/markdown ../build
	cd build && ../$(BIN)/python -m zensical build --clean --strict -f zensical.yml

build: $(VENV)/.installed
	$(BIN)/mkdocs build --strict

clean:
	rm -rf site build $(VENV) node_modules
