"""simulate: the runs' values against the same draws made by hand, the results dataset, the
legend and dots as simulate.ado shows them, saving(), and errors."""
from __future__ import annotations

import numpy as np
import pytest

PROGRAM = """program define onemean, rclass
    clear
    set obs 20
    generate z = rnormal()
    summarize z
    return scalar mean = r(mean)
    return scalar Var = r(Var)
end
"""


def test_simulate_values_are_the_runs(do):
    rc, out, s = do(PROGRAM + "simulate m=r(mean) (r(Var)*2), reps(7) seed(99): onemean")
    assert rc == 0
    m, v2 = s.data.numeric("m"), s.data.numeric("_sim_2")
    assert s.data.nobs == 7 and s.data.varnames == ["m", "_sim_2"]
    # the same seed, the same runs made one by one
    rc, _, ref = do(PROGRAM + "set seed 99")
    for k in range(7):
        do("onemean", session=ref)
        assert m[k] == pytest.approx(np.float32(ref.r["mean"]))
        assert v2[k] == pytest.approx(np.float32(ref.r["Var"] * 2))
    assert s.data.var_labels["_sim_2"] == "r(Var)*2"
    assert s.data.label == "simulate: onemean"
    assert s.data.chars["command"] == "onemean"
    assert s.data.types["m"] == "float"


def test_legend_and_dots(do):
    rc, out, s = do(PROGRAM + "simulate mean=r(mean), reps(60) seed(1): onemean")
    lines = out.splitlines()
    k = lines.index("      command:  onemean")
    assert lines[k + 1] == "         mean:  r(mean)"
    assert lines[k + 2] == ""
    assert lines[k + 3] == "Simulations (60)"
    assert lines[k + 4] == "----+--- 1 ---+--- 2 ---+--- 3 ---+--- 4 ---+--- 5 "
    assert lines[k + 5] == "." * 50 + "    50"
    assert lines[k + 6] == "." * 10 + " " * 40 + "    60"
    rc, out, s = do(PROGRAM + "simulate mean=r(mean), reps(3) nodots nolegend: onemean")
    assert "Simulations" not in out and "command:" not in out and s.data.nobs == 3


def test_failed_expression_is_missing_and_marked(do):
    rc, out, s = do(PROGRAM + "simulate a=r(mean) b=(1/(r(mean)>0)), reps(40) seed(3) double: onemean")
    assert rc == 0 and s.data.types["a"] == "double"
    b = s.data.numeric("b")
    a = s.data.numeric("a")
    assert np.array_equal(np.isnan(b), a <= 0)
    dots = [ln for ln in out.splitlines() if ln.rstrip().endswith("40") and set(ln[:40]) <= {".", "x", " "}][0]
    assert [c == "x" for c in dots[:40]] == list(a <= 0)


def test_saving(do, tmp_path):
    target = tmp_path / "sims.dta"
    rc, out, s = do(PROGRAM + f'simulate mean=r(mean), reps(4) seed(5) saving("{target}"): onemean')
    assert rc == 0 and target.exists()
    rc, _, t = do(f'use "{target}", clear')
    assert np.allclose(t.data.numeric("mean"), s.data.numeric("mean"))
    rc, out, s = do(PROGRAM + f'simulate mean=r(mean), reps(4) saving("{target}"): onemean')
    assert rc == 602 and "already exists" in out


@pytest.mark.parametrize("text, rc, message", [
    ("simulate r(mean), reps(0): onemean", 198, "reps() is required, and must be a positive integer"),
    ("simulate r(mean): onemean", 198, "reps() is required, and must be a positive integer"),
    ("simulate r(mean), reps(2) bogus: onemean", 198, "option bogus not allowed"),
    ("simulate r(mean), reps(2) noisily: onemean", 198, "not supported by mlmcli"),
    ("simulate, reps(2): onemean", 198, "not supported by mlmcli"),
    ("simulate r(mean), reps(2): simulate r(mean), reps(2): onemean", 199, "simulate is not supported by simulate"),
    ("simulate r(mean), reps(2): summarize nosuch", 111, "an error occurred when simulate executed summarize"),
])
def test_errors_leave_the_data(do, text, rc, message):
    _, _, s = do(PROGRAM + "set obs 5\ngenerate keep = _n")
    before = s.data.df.copy()
    got, out, s = do(text, session=s)
    assert got == rc and message in out
    assert s.data.df.equals(before)
