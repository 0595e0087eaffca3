"""A matrix is symmetric when each cell equals its mirror; missing values are equal only when
they are the same missing value (.a == .a, but .a == .z is false in Stata), so ``matrix list``
and ``issymmetric()`` call (1, .a \\ .z, 2) not symmetric and (1, .a \\ .a, 2) symmetric."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("lower, symmetric", [(".z", False), (".a", True), (".", False)])
def test_mirrored_missing_codes(new_session, run, lower, symmetric):
    s = new_session()
    out, rc = run(s, f"matrix A = (1, .a, 3 \\ {lower}, 2, 4 \\ 3, 4, 5)\nmatrix list A\n"
                     "display issymmetric(A)")
    assert rc == 0
    assert out.lstrip().startswith("symmetric A[3,3]") is symmetric
    assert out.strip().splitlines()[-1].strip() == ("1" if symmetric else "0")


def test_plain_missing_mirrored_is_symmetric(new_session, run):
    s = new_session()
    out, rc = run(s, "matrix B = (., 1 \\ 1, .)\nmatrix list B\ndisplay issymmetric(B)")
    assert rc == 0 and "symmetric B[2,2]" in out and out.strip().endswith("1")
