# Every target creates or refreshes the virtual environment first, so a fresh clone
# needs nothing but Python 3.11+.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test test-fast lint format bench screenshot clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/osce-archive demo

test: $(STAMP)
	$(BIN)/ruff check osce_crawler tests bench
	$(BIN)/ruff format --check osce_crawler tests bench
	$(BIN)/pytest -q

# the same without the tests marked slow (scale, fuzz, kills): a quick check while working
test-fast: $(STAMP)
	$(BIN)/ruff check osce_crawler tests bench
	$(BIN)/ruff format --check osce_crawler tests bench
	$(BIN)/pytest -q -m "not slow"

screenshot: $(STAMP)  # docs/report.png, rendered by headless chromium
	OSCE_UPDATE_SCREENSHOTS=1 $(BIN)/pytest -q tests/test_analysis.py -k real_browser

lint: $(STAMP)
	$(BIN)/ruff check osce_crawler tests bench

format: $(STAMP)
	$(BIN)/ruff format osce_crawler tests bench
	$(BIN)/ruff check --fix osce_crawler tests bench

bench: $(STAMP)
	$(BIN)/pip install --quiet -e '.[dev,bench]'
	$(BIN)/python bench/extract_speed.py
	$(BIN)/python bench/generic_pages.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
