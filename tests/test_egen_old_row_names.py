"""egen's row functions under their names before Stata 9 (``rmiss()`` ... ): Stata still
ships ``_grmiss.ado``, ``_grmean.ado``, ``_grsum.ado``, ``_grobs.ado`` ... that run the
renamed ``_growmiss`` ... ("-egen- function -rmiss()- renamed to -rowmiss()- for Stata 9"),
so a do-file's ``egen miss1 = rmiss(...)`` works there; mlm answered r(133)."""
from __future__ import annotations

import numpy as np
import pytest

DATA = "clear\ninput a b c\n1 . 3\n. . .\n4 5 6\nend\n"


@pytest.mark.parametrize("old, new", [("rmiss", "rowmiss"), ("robs", "rownonmiss"), ("rsum", "rowtotal"),
                                      ("rmean", "rowmean"), ("rmin", "rowmin"), ("rmax", "rowmax"),
                                      ("rsd", "rowsd"), ("rfirst", "rowfirst"), ("rlast", "rowlast")])
def test_old_name_equals_new(do, old, new):
    rc, out, s = do(DATA + f"egen x = {old}(a b c)\negen y = {new}(a b c)")
    assert rc == 0, out
    np.testing.assert_array_equal(s.data.numeric("x"), s.data.numeric("y"))


def test_values(do):
    rc, out, s = do(DATA + "egen m = rmiss(a b c)\negen t = rsum(a b c)")
    assert rc == 0, out
    np.testing.assert_array_equal(s.data.numeric("m"), [1, 3, 0])
    np.testing.assert_array_equal(s.data.numeric("t"), [4, 0, 15])


def test_by_is_refused_as_for_the_new_name(do):
    rc_old, out_old, _ = do(DATA + "egen m = rmiss(a b), by(c)")
    rc_new, out_new, _ = do(DATA + "egen m = rowmiss(a b), by(c)")
    assert rc_old == rc_new
