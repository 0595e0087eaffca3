PYTHON ?= python3

.PHONY: install test bench refcheck grammar fuzz fuzz-commands

install:
	$(PYTHON) -m pip install -e '.[dev]'

# one pytest worker per core, each test file kept whole on one worker (pytest-xdist), the files in
# tests/conftest.py's order: the slowest measured (tests/slowest_files.txt) first, then by test count.
# --assert=plain: every worker collects all ~1,000 test modules, and rewriting their asserts for
# pytest's failure details costs ~45 s of CPU per worker (61 s -> 15 s; docs/ci_time.md); the asserts
# still run, a failure shows its line and message.  Rerun a failing file with plain pytest for the
# compared values.
# compileall first: with PYTHONDONTWRITEBYTECODE set (as on CI) no import writes bytecode, so each
# worker and every `mlm` subprocess a test starts compiled mlmcli and the test modules from source
# again; compileall writes the .pyc files whatever that variable says, and imports then read them
# (a source newer than its .pyc is compiled again as usual).  docs/ci_time.md, round ci101 (s45).
test:
	$(PYTHON) -m compileall -q -j 0 mlmcli tests
	$(PYTHON) -m pytest -n auto --dist loadfile --no-loadscope-reorder --assert=plain

bench:
	$(PYTHON) -m pip install -e '.[bench]'
	$(PYTHON) bench/run_all.py

refcheck:
	$(PYTHON) ../shared/tools/refcheck.py --mlm "$(PYTHON) -m mlmcli" ../shared/reference/*.json

# 12,000 random programs (2,000 a test: five families and control flow) against issue 18's promises;
# README "Development"
FUZZ_EXAMPLES ?= 2000
fuzz:
	MLM_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(PYTHON) -m pytest -q -p no:cacheprovider tests/test_fuzz_programs.py \
		tests/test_fuzz_control_flow.py \
		--hypothesis-show-statistics

# every registered command, lines from its help page's syntax (tests/fuzz_commands.py; README
# "Development"); FUZZ_SEED=n for other lines
FUZZ_PER_COMMAND ?= 40
FUZZ_SEED ?= 1
fuzz-commands:
	$(PYTHON) tests/fuzz_commands.py --per-command $(FUZZ_PER_COMMAND) --seed $(FUZZ_SEED)

# the parse tables shipped beside grammar/*.lark (rerun after editing a grammar)
grammar:
	$(PYTHON) -m mlmcli.grammar_tables
