"""Shortest abbreviations from the commands' ado syntax: logistic.ado and nbreg.ado
``noCONstant`` (and [ME] mixed's ``noCONstant``, fixed and random parts) take ``nocon`` and refuse
``noco``; clogit.ado's ``GRoup()``/``STrata()`` take ``gr``/``st`` but not ``g``/``s`` -- inside
fpfit's estopts() a clogit that fails its syntax is fracpoly's note."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from graphs_helpers import run


@pytest.fixture
def df():
    n = np.arange(1, 61)
    return pd.DataFrame({"id": np.ceil(n / 6), "x": (n * 7) % 11, "y": (n * 7) % 11 + (n * 5) % 7 + np.ceil(n / 6) / 3,
                         "c": (n * 5) % 7, "b": ((n * 5) % 7 > 3).astype(float)})


@pytest.mark.parametrize("command, names", [
    ("logistic b x, nocon", ("b:x",)), ("nbreg c x, nocon nolog", ("c:x", "lnalpha:_cons")),
    ("mixed y x, nocon || id:, nolog", ("y:x", "lns1_1_1:_cons", "lnsig_e:_cons")),
    ("mixed y x || id: x, nocon nolog", ("y:x", "y:_cons", "lns1_1_1:_cons", "lnsig_e:_cons"))])
def test_nocon_is_noconstant(do, df, command, names):
    rc, out, s = do(command, df=df)
    assert rc == 0, out
    assert s.e.matrices["b"].colnames == names
    if "|| id: x" in command:  # the random part's noconstant: var(x) alone
        assert "var(x)" in out and "var(_cons)" not in out


@pytest.mark.parametrize("command", ["logistic b x, noco", "nbreg c x, noco", "mixed y x, noco || id:"])
def test_noco_is_not_allowed(do, df, command):
    rc, out, _ = do(command, df=df)
    assert rc == 198 and "option noco not allowed" in out


REFERENCE = json.loads((Path(__file__).parent / "graphs_reference" / "fpfit_grouped.json").read_text())


@pytest.fixture
def s(new_session):
    return new_session(pd.DataFrame({k: np.asarray(REFERENCE[k], float) for k in ("x", "y", "g", "t")}))


@pytest.mark.parametrize("estopts, fails", [("g(g)", True), ("gr(g)", False), ("s(g)", True), ("st(g)", False)])
def test_fpfit_clogit_group_and_strata_abbreviations(s, estopts, fails):
    out, rc = run(s, f"twoway fpfit y x, estcmd(clogit) estopts({estopts} nolog)")
    assert rc == 0
    assert ("(note:  fracpoly could not fit model)" in out) == fails
    assert np.isfinite(s.graphs[-1].panels[0].series[0].y).any() != fails
