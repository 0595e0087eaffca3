PYTHON ?= python3

.PHONY: install test bench refcheck grammar fuzz

install:
	$(PYTHON) -m pip install -e '.[dev]'

# one pytest worker per core, each test file kept whole on one worker (pytest-xdist)
test:
	$(PYTHON) -m pytest -n auto --dist loadfile

bench:
	$(PYTHON) -m pip install -e '.[bench]'
	$(PYTHON) bench/run_all.py

refcheck:
	$(PYTHON) ../shared/tools/refcheck.py --mlm "$(PYTHON) -m mlmcli" ../shared/reference/*.json

# 10,000 random programs (2,000 per family, five families) against issue 18's promises;
# README "Development"
FUZZ_EXAMPLES ?= 2000
fuzz:
	MLM_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(PYTHON) -m pytest -q -p no:cacheprovider tests/test_fuzz_programs.py \
		--hypothesis-show-statistics

# the parse tables shipped beside grammar/*.lark (rerun after editing a grammar)
grammar:
	$(PYTHON) -m mlmcli.grammar_tables
