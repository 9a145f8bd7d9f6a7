# `make demo` and `make test` each create .venv and install the package first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_INDEX := index

.PHONY: demo test test-fast lint screenshots clean

$(BIN)/cablesearch: setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

demo: $(BIN)/cablesearch
	$(BIN)/cablesearch parse corpus/html/2010-12/08BAKU1187.html --format text
	$(BIN)/cablesearch index corpus --index $(DEMO_INDEX)
	$(BIN)/cablesearch search pipeline gas --limit 5 --format table --index $(DEMO_INDEX)
	$(BIN)/cablesearch search trafficking --facets tag --limit 3 --format table --index $(DEMO_INDEX)
	$(BIN)/cablesearch search '"human rights"' --by-cable --format table --index $(DEMO_INDEX)
	$(BIN)/cablesearch show 07TASHKENT990 ¶3 --context 1 --index $(DEMO_INDEX)
	$(BIN)/cablesearch index corpus/ --index $(DEMO_INDEX)
	@echo
	@echo "The web workbench on this index: $(BIN)/cablesearch serve --index $(DEMO_INDEX)"
	@echo "then open http://127.0.0.1:8080/ (Ctrl-C stops the server)."

test: $(BIN)/cablesearch
	$(BIN)/ruff check cablesearch tests bench
	$(BIN)/mypy cablesearch
	$(BIN)/python -m pytest -q

# The hermetic tier: no ../shared, no killed processes, no benchmark builds, no browser.
test-fast: $(BIN)/cablesearch
	$(BIN)/ruff check cablesearch tests bench
	$(BIN)/mypy cablesearch
	$(BIN)/python -m pytest -q -m "not slow and not real_corpus"

# The README's pictures of the web workbench, taken in Chromium over corpus/.
screenshots: $(BIN)/cablesearch
	CABLESEARCH_SCREENSHOTS=docs $(BIN)/python -m pytest -q tests/test_web_browser.py -k screenshots

lint: $(BIN)/cablesearch
	$(BIN)/ruff check cablesearch tests bench

clean:
	rm -rf $(VENV) build *.egg-info
