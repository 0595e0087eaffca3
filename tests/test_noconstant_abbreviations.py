"""How short ``noconstant`` may be, command by command, as Stata's own parsers take it:
regress's syntax is noConstant (frac_154.ado's CheckForNoConstant: "-regress- has syntax
noConstant"): ``noc``; logit.ado, probit.ado and poisson.ado declare ``noCONstant`` and cloglog's
help underlines ``nocon``: ``nocon``; anything shorter is ``option ... not allowed`` r(198).  The
abbreviated fit is the same fit as the one with noconstant in full."""
from __future__ import annotations

import numpy as np
import pytest

from graphs_helpers import make_session, run


@pytest.fixture
def s():
    session = make_session(n=30)
    run(session, "generate yb = y > 0")
    run(session, "generate c = mod(_n * 7, 11)")
    return session


@pytest.mark.parametrize("command, shortest", [("regress y x", "noc"), ("logit yb x", "nocon"),
                                               ("probit yb x", "nocon"), ("poisson c x", "nocon"),
                                               ("cloglog yb x", "nocon")])
def test_shortest_abbreviation_is_noconstant(s, command, shortest):
    full, rc = run(s, f"{command}, noconstant")
    assert rc == 0, full
    b = s.e.matrices["b"].values.copy()
    assert "_cons" not in s.e.matrices["b"].colnames
    out, rc = run(s, f"{command}, {shortest}")
    assert rc == 0 and out == full
    np.testing.assert_array_equal(s.e.matrices["b"].values, b)
    shorter = shortest[:-1]
    if len(shorter) >= 3:
        out, rc = run(s, f"{command}, {shorter}", stop_on_error=False)
        assert rc == 198 and f"option {shorter} not allowed" in out


def test_lfit_estopts_noc_is_regress_noconstant(s):
    """twoway__lfit_serset hands estopts() to regress, which takes noc."""
    out, rc = run(s, "twoway lfit y x, estopts(noc)", stop_on_error=False)
    assert rc == 0, out
