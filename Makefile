PYTHON ?= python3

.PHONY: install test bench refcheck grammar fuzz

install:
	$(PYTHON) -m pip install -e '.[dev]'

test:
	$(PYTHON) -m pytest

bench:
	$(PYTHON) -m pip install -e '.[bench]'
	$(PYTHON) bench/run_all.py

refcheck:
	$(PYTHON) ../shared/tools/refcheck.py --mlm "$(PYTHON) -m mlmcli" ../shared/reference/*.json

# the parse tables shipped beside grammar/*.lark (rerun after editing a grammar)
grammar:
	$(PYTHON) -m mlmcli.grammar_tables
