# Two commands a newcomer needs: `make serve` and `make test`. Both install what they use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: serve test build zensical validate new-frame schema edition bench clean chromium

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

## serve: install and serve the site at http://127.0.0.1:8000/frames/
serve: $(STAMP)
	$(BIN)/mkdocs serve --strict

## test: install and run the whole suite (models, renderers, built site, browser)
test: $(STAMP) chromium
	$(BIN)/python -m pytest

# The browser tests drive Debian's chromium (Playwright downloads no browser here).
chromium:
	@test -x /usr/bin/chromium || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else \
	    echo "The browser tests need Debian's chromium at /usr/bin/chromium: run 'sudo apt-get install chromium'" >&2; exit 1; \
	  fi; }

## build: strict build into site/
build: $(STAMP)
	$(BIN)/mkdocs build --strict

## zensical: the same site built by Zensical (Material's successor) into site-zensical/, through the same build timeline
zensical: $(STAMP)
	$(BIN)/python -m pip install --quiet 'zensical==0.0.73'
	$(BIN)/python -m macros.engines.zensical

## validate: check data/*.yml without building the site
validate: $(STAMP)
	$(BIN)/python -m macros.cli validate

## new-frame: add a frame (data entry, page, nav entry): make new-frame ID=value-learning TITLE="Value Learning" GROUP=outer
new-frame: $(STAMP)
	$(BIN)/python -m macros.cli new-frame "$(ID)" --title "$(TITLE)" --group "$(GROUP)"

## edition: make a dated edition from the current commit (tag + data/editions/<name>.json): make edition NAME=2026-12
edition: $(STAMP)
	$(BIN)/python -m macros.cli edition "$(NAME)"

## schema: regenerate data/frames.schema.json after a change to macros/model.py
schema: $(STAMP)
	$(BIN)/python -m macros.cli schema

## bench: time the builds (real and 10/100/1,000-frame sites), weigh pages and a first query, run Lighthouse; writes bench/RESULTS.md (BASELINE=rev adds a before/after table)
bench: $(STAMP) chromium
	@command -v npm >/dev/null || { echo "make bench needs Node 20 and npm (Lighthouse 12 runs on them)" >&2; exit 1; }
	$(BIN)/python -m bench $(if $(BASELINE),--baseline $(BASELINE))

clean:
	rm -rf site site-zensical .cache .card-cache $(VENV) .pytest_cache
