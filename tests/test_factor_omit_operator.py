"""``o.x`` in a varlist ([U] 11.4.3.7): x omitted -- reported as ``(omitted)``, 0 in e(b) and
e(V), the fit that of the model without x (regress, logit: the common design code)."""
from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest

from mlmcli.runner import Runner
from mlmcli.session import Output, Session

ROOT = Path(__file__).resolve().parents[1]


def _run(text):
    s = Session(out=Output(io.StringIO()))
    rc = Runner(s).run_text(f"use {ROOT / 'samples/data/hsb.dta'}, clear\nkeep if school < 2000\n{text}",
                            stop_on_error=False)
    return rc, s.out.stream.getvalue(), s


def test_regress_o_keeps_the_column_at_zero():
    rc, out, s = _run("regress mathach ses o.sector minority")
    assert rc == 0, out
    assert "      sector |          0  (omitted)" in out.split("\n")
    assert "omitted because of collinearity" not in out
    b, V = s.e.matrices["b"], s.e.matrices["V"]
    assert list(b.colnames) == ["ses", "o.sector", "minority", "_cons"]
    assert b.values[0, 1] == 0 and np.all(V.values[1] == 0) and np.all(V.values[:, 1] == 0)
    rc, _, plain = _run("regress mathach ses minority")
    np.testing.assert_allclose(b.values[0, [0, 2, 3]], plain.e.matrices["b"].values.ravel(), rtol=1e-12)
    assert s.e.scalars["df_m"] == 2 and s.e.scalars["rank"] == 3


def test_o_variable_still_marks_out_the_sample():
    rc, out, s = _run("replace sector = . in 1/5\nregress mathach ses o.sector")
    assert rc == 0, out
    rc, _, full = _run("regress mathach ses")
    assert s.e.scalars["N"] == full.e.scalars["N"] - 5


def test_logit_o_operator():
    rc, out, s = _run("gen hi = mathach > 13\nlogit hi ses o.sector, nolog")
    assert rc == 0, out
    assert "      sector |          0  (omitted)" in out.split("\n")
    assert "o.sector" in str(s.e.matrices["b"].colnames[1]) and s.e.matrices["b"].values[0, 1] == 0


@pytest.mark.parametrize("varlist, message", [
    ("io.sector", "the o. operator on factor variables is not supported by mlmcli"),
    ("c.ses#o.sector", "the o. operator inside an interaction is not supported by mlmcli"),
])
def test_o_operator_refusals(varlist, message):
    rc, out, _ = _run(f"regress mathach ses {varlist}")
    assert rc == 198 and message in out
