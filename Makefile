# Two commands a newcomer needs: `make serve` and `make test`. Both install what they use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: serve test build validate clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

## serve: install and serve the site at http://127.0.0.1:8000
serve: $(STAMP)
	$(BIN)/mkdocs serve --strict

## test: install and run the whole suite (models, renderers, built site, browser)
test: $(STAMP)
	$(BIN)/python -m pytest

## build: strict build into site/
build: $(STAMP)
	$(BIN)/mkdocs build --strict

## validate: check data/*.yml without building the site
validate: $(STAMP)
	$(BIN)/python -m macros.cli validate

clean:
	rm -rf site $(VENV) .pytest_cache
