"""``estimates table ..., drop(d81-d87)`` / ``keep(a-b)``: est_table.ado expands each keep()/
drop() item with ``_unab ..., matrix(b) row``, so ``first-last`` is every coefficient from
first to last in the table's row order.  Coefficients are checked against numpy."""
from __future__ import annotations

import numpy as np
import pytest

SETUP = """clear
set obs 60
gen x1 = mod(_n, 7)
gen d1 = mod(_n, 2)
gen d2 = mod(_n, 3) == 0
gen d3 = mod(_n, 5) == 0
gen y = x1 + d1 + 2*d2 + mod(_n*7, 11)/5
quietly reg y x1 d1 d2 d3
est store a
quietly reg y x1 d1 d2
est store b
"""


def _rows(out: str) -> list[str]:
    body = out.rsplit("Variable |", 1)[1]
    return [line.split("|")[0].strip() for line in body.splitlines()[2:] if "|" in line]


def test_drop_range_removes_the_rows_between_its_ends(do):
    rc, out, s = do(SETUP + "est table a b, drop(d1-d3)")
    assert rc == 0, out
    assert _rows(out) == ["x1", "_cons"]


def test_keep_range_keeps_its_rows_in_order_with_other_items(do):
    rc, out, s = do(SETUP + "est table a b, keep(d2-d3 x1)")
    assert rc == 0, out
    assert _rows(out) == ["d2", "d3", "x1"]
    n = np.arange(1, 61)
    x1, d1, d2, d3 = n % 7, n % 2, (n % 3 == 0) * 1.0, (n % 5 == 0) * 1.0
    y = x1 + d1 + 2 * d2 + (n * 7 % 11) / 5
    X = np.column_stack([x1, d1, d2, d3, np.ones(60)])
    beta = np.linalg.lstsq(X, y, rcond=None)[0]
    d2_row = [line for line in out.splitlines() if line.strip().startswith("d2 |")][-1]
    assert float(d2_row.split("|")[1].split()[0]) == pytest.approx(beta[2], rel=1e-6)


def test_a_range_whose_ends_are_not_rows_is_refused(do):
    rc, out, _ = do(SETUP + "est table a b, drop(d1-zz)")
    assert rc == 111, out
    assert "coefficient d1-zz does not appear in any of the models" in out
