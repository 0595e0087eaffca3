"""``by g: eststo: regress ...`` as eststo.ado (byable(onecall)) runs it: one stored set per
group (est1, est2, ... titled by the group's label unless title() is typed), each fitted on
that group only -- the coefficients checked against numpy's least squares per group."""
from __future__ import annotations

import numpy as np
import pytest

DATA = ("clear\nset obs 40\ngen g = mod(_n,2)\nlabel define gl 0 \"zero\" 1 \"one\"\nlabel values g gl\n"
        "gen x = _n\ngen y = 2*x + mod(_n*7,5)\nreplace g = . in 37/40\nsort g\n")


def _fit(group: int) -> np.ndarray:
    n = np.arange(1, 37)  # observations 37-40 have g missing: no group
    x, y = n[n % 2 == group], (2 * n + (n * 7) % 5)[n % 2 == group]
    return np.linalg.lstsq(np.column_stack([x, np.ones_like(x)]), y.astype(float), rcond=None)[0]


def test_one_stored_set_per_group(do):
    rc, out, s = do(DATA + "by g: eststo: regress y x\n")
    assert rc == 0, out
    assert s.globals["eststo"] == "est1 est2"
    for name, group in (("est1", 0), ("est2", 1)):
        e = s.estimates[name]
        assert e.matrices["b"].values[0] == pytest.approx(_fit(group), rel=1e-10)
        assert e.macros["estimates_title"] == ("zero" if group == 0 else "one")
    assert s.estimates["est1"].scalars["N"] == 18 and s.estimates["est2"].scalars["N"] == 18
    lines = out.split("\n")
    assert "-> zero" in lines and "-> one" in lines and "(est1 stored)" in lines and "(est2 stored)" in lines
    assert lines[lines.index("-> zero") - 1] == "-" * s.linesize


def test_typed_title_and_missing_group(do):
    rc, out, s = do(DATA + "by g: eststo, title(T) missing: regress y x\n")
    assert rc == 0, out
    assert s.globals["eststo"] == "est1 est2 est3" and "-> ." in out.split("\n")
    assert s.estimates["est3"].scalars["N"] == 4
    assert {s.estimates[n].macros["estimates_title"] for n in ("est1", "est2", "est3")} == {"T"}


@pytest.mark.parametrize("line, rc, message", [
    ("by g: eststo clear", 190, "request may not be combined with by"),
    ("by g: eststo", 190, "request may not be combined with by"),
    ("by g: eststo: svy: regress y x", 190, "svy commands not allowed with by ...: eststo:"),
])
def test_errors(do, line, rc, message):
    got, out, _ = do(DATA + line + "\n")
    assert got == rc and message in out, out
