# Two commands a newcomer needs: `make serve` and `make test`. Both install what they use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: serve test build validate clean chromium

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

## serve: install and serve the site at http://127.0.0.1:8000
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

## validate: check data/*.yml without building the site
validate: $(STAMP)
	$(BIN)/python -m macros.cli validate

clean:
	rm -rf site $(VENV) .pytest_cache
