"""The real-world corpus as a ratchet (tests/realworld/README.md).

Runs every command line of the corpus and held-out do-files (except the few slow files
listed in ``tests/realworld/ratchet.json``) through ``tests/realworld/measure.py`` and checks:

- no internal error (Python exception) on any line beyond the known, shrinking list in
  ``tests/realworld/known_internal_errors.json``;
- the harness itself is sound: every dataset builds and every rewritten data-loading line
  loads (no ``harness``/``skipped`` lines);
- for the corpus and for the held-out set, at least as many command lines run as the
  baseline in ``ratchet.json`` (raise it as mlm improves; the goal is 97% / 95%).

Needs ``../shared`` (several files use its real datasets); skips without it.
"""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent / "realworld"


def _measure_module():
    spec = importlib.util.spec_from_file_location("realworld_measure", HERE / "measure.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["realworld_measure"] = module  # dataclasses look the module up by name
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def measured(shared_dir):
    measure = _measure_module()
    ratchet = json.loads((HERE / "ratchet.json").read_text())
    excluded = set(ratchet["excluded_from_test"])
    files = [cf for cf in measure.corpus_files("all") if cf.rel not in excluded]
    results = measure.measure(files, timeout=60.0)
    return measure, ratchet, results


def test_no_new_internal_errors(measured):
    measure, _ratchet, results = measured
    known = set(json.loads((HERE / "known_internal_errors.json").read_text())["known"])
    new = [f"{measure.internal_key(r)}\n    {r.text}\n{r.traceback}" for r in results
           if r.status == "internal" and measure.internal_key(r) not in known]
    assert not new, "new internal errors on real-world lines:\n" + "\n".join(new)


def test_harness_is_sound(measured):
    _measure, _ratchet, results = measured
    broken = [f"{r.file}:{r.lineno}: {r.status}: {r.note or r.message}" for r in results
              if r.status in ("harness", "skipped")]
    assert not broken, "look-alike data or rewrite rules are broken:\n" + "\n".join(broken)


@pytest.mark.parametrize("which", ["corpus", "heldout"])
def test_run_rate_does_not_fall(measured, which):
    _measure, ratchet, results = measured
    rows = [r for r in results if r.file.startswith(which + "/") and r.status != "skipped"]
    ok = sum(r.status == "ok" for r in rows)
    base = ratchet[which]
    assert ok >= base["ok"], (
        f"{which}: {ok} of {len(rows)} command lines run, fewer than the baseline {base['ok']} of {base['lines']}; "
        "run PYTHONPATH=. python3 tests/realworld/measure.py --set all --failures to see which")
    if base["lines"]:
        assert ok / len(rows) >= base["ok"] / base["lines"] - 1e-9, (
            f"{which}: run rate {ok}/{len(rows)} below the baseline {base['ok']}/{base['lines']}")
