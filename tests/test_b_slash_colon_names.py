"""``_b[/:var(_cons[id])]``: the name Stata 15 and later give the me commands' variance
parameters (equation ``/``); Stata 13 names the same parameter ``[var(_cons[id])]_cons``,
which ``_b[/var(_cons[id])]`` reaches in every version.  A public do-file written for
Stata 16 takes the between-trust variance after ``melogit`` as ``_b[/:var(_cons[trust_id])]``;
mlm answered r(111).  The form is read as the Stata 13 name; an unknown name is still r(111)."""
from __future__ import annotations

import pytest

SETUP = """clear
set seed 1
set obs 30
gen g = _n
gen u = rnormal()
expand 20
gen y = rbinomial(1, invlogit(u))
quietly melogit y || g:
"""


def test_same_parameter_as_the_stata13_name(do):
    rc, out, s = do(SETUP + "scalar a = _b[/:var(_cons[g])]\nscalar b = _b[var(_cons[g]):_cons]\n"
                    "scalar c = _se[/:var(_cons[g])]\nscalar d = _se[var(_cons[g]):_cons]")
    assert rc == 0, out
    assert s.scalars["a"] == pytest.approx(s.scalars["b"]) and s.scalars["b"] > 0
    assert s.scalars["c"] == pytest.approx(s.scalars["d"]) and s.scalars["d"] > 0


def test_unknown_name_is_not_found(do):
    rc, out, _ = do(SETUP + "display _b[/:var(_cons[nope])]")
    assert rc == 111 and "[/:var(_cons[nope])] not found" in out
