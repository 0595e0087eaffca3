"""_prefix_footnote's note when replicates are posted missing (a replicate whose fit drops a
coefficient or fails): ``Note: one or more parameters could not be estimated in # bootstrap
replicates; standard-error estimates include only complete replications.`` ({p 0 6 0 79}), after
the table and on replay, not with notable; e(N_misreps) and e(missing) (_bs_sum, _jk_sum)."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
SETUP = (f"use {ROOT / 'samples/data/hsb.dta'}, clear\nkeep if school < 1500\ngen hi = mathach > 13\n"
         "gen cat = 1 + (mathach>8) + (mathach>16)\ngen rare = _n <= 2\ngen rare3 = _n <= 3\n")


def _note(count: int, kind: str) -> list[str]:
    reps = "replicate" if count == 1 else "replicates"
    return [f"Note: one or more parameters could not be estimated in {count} {kind} {reps};",
            "      standard-error estimates include only complete replications."]


def _ends_with_note(out: str, count: int, kind: str) -> bool:
    lines = out.rstrip("\n").split("\n")
    return lines[-2:] == _note(count, kind) and lines[-3] == "-" * 78


@pytest.mark.parametrize("line", ["logit hi ses rare3, vce(bootstrap, reps(10) seed(1) nodots)",
                                  "bootstrap, reps(10) seed(1) nodots: logit hi ses rare3",
                                  "regress mathach ses rare, vce(bootstrap, reps(10) seed(1) nodots)"])
def test_bootstrap_note_counts_the_missing_replicates(new_session, run, line):
    s = new_session()
    out, rc = run(s, SETUP + line)
    B = s.e.matrices["b_bs"]  # the complete replicates are N_reps of the reps() drawn
    missing = 10 - int(s.e.scalars["N_reps"])
    assert missing > 0 and s.e.scalars["N_misreps"] == missing and s.e.macros["missing"] == "missing"
    assert _ends_with_note(out, missing, "bootstrap"), out
    assert B is not None
    name = line.split(":")[-1].split()[0] if ":" in line else line.split()[0]
    again, _ = run(s, name)  # the replay repeats it
    assert _ends_with_note(again, missing, "bootstrap"), again


def test_jackknife_note_and_e_n_misreps(new_session, run):
    s = new_session()
    out, rc = run(s, SETUP + "mlogit cat ses rare, vce(jackknife, cluster(school) nodots)")
    # the cluster holding both rare rows leaves rare constant: that replicate is missing
    assert s.e.scalars["N_misreps"] == 1 and s.e.scalars["N_reps"] == 12 and s.e.macros["missing"] == "missing"
    assert _ends_with_note(out, 1, "jackknife")
    out, _ = run(s, "logit hi ses, vce(jackknife, cluster(school) nodots)")
    assert s.e.scalars["N_misreps"] == 0 and "missing" not in s.e.macros and "Note:" not in out


def test_prefix_on_a_replayed_command(new_session, run):
    s = new_session()
    out, rc = run(s, SETUP + "jackknife, nodots cluster(school): tobit mathach ses rare, ll(0)")
    assert s.e.scalars["N_misreps"] == 1 and s.e.macros["missing"] == "missing"
    lines = out.rstrip("\n").split("\n")
    assert lines[-2:] == _note(1, "jackknife")


def test_no_note_with_notable_or_without_missing(new_session, run):
    s = new_session()
    out, _ = run(s, SETUP + "regress mathach ses rare, vce(bootstrap, reps(10) seed(1) nodots notable)")
    assert "Note:" not in out and s.e.macros["missing"] == "missing"
    out, _ = run(s, "logit hi ses, vce(bootstrap, reps(10) seed(1) nodots)")
    assert "Note:" not in out and s.e.scalars["N_misreps"] == 0 and "missing" not in s.e.macros
    assert np.isfinite(s.e.matrices["V"].values).all()
