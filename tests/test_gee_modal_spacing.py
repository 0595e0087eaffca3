"""xtgee with corr(ar|stationary|nonstationary) on unequally spaced times: xtgee.ado's KeepMode
(Stata 16's copy, version 4.11.2) drops each panel with a step other than the modal one, with
its note; tsset's delta() is only the note's words ("modal spacing is delta t = 1 unit", or the
step and "spacing declared with tsset is #").  The panels kept and the note are worked out by
hand below; the fit is the fit on the kept panels alone."""
from __future__ import annotations

import io

import numpy as np
import pytest

from mlmcli.runner import Runner
from mlmcli.session import Output, Session

DATA = """clear
input id t y x
1 1 1.2 0.5
1 2 2.3 1.1
1 3 2.9 1.7
1 4 4.1 2.0
2 1 0.8 0.2
2 2 1.9 0.9
2 3 3.2 1.5
2 4 3.8 2.4
3 1 1.5 0.7
3 3 2.2 1.0
3 5 3.9 2.1
4 2 1.1 0.4
4 3 2.5 1.3
4 4 2.7 1.6
end
"""


def _run(text):
    s = Session(out=Output(io.StringIO()))
    rc = Runner(s).run_text(text, echo=False, stop_on_error=True)
    return rc, s.out.stream.getvalue(), s


def test_panel_off_the_modal_spacing_is_dropped_with_the_note():
    """Steps (a panel's first row counted with its second's): panels 1, 2 give 1 x 8, panel 4
    1 x 3, panel 3 gives 2 x 3: the mode is 1, panel 3 goes.  The fit equals the fit without
    panel 3."""
    rc, out, s = _run(DATA + "xtset id t\nxtgee y x, corr(ar 1) nolog")
    assert rc == 0, out
    assert ("\nnote:  observations not equally spaced\n       modal spacing is delta t = 1 unit\n"
            "       1 group omitted from estimation\n") in out
    assert s.e.scalars["N"] == 11 and s.e.scalars["N_g"] == 3
    b = np.array(s.e.matrices["b"].values).ravel()
    rc, out2, s2 = _run(DATA + "xtset id t\nxtgee y x if id != 3, corr(ar 1) nolog")
    assert rc == 0 and "not equally spaced" not in out2
    np.testing.assert_allclose(b, np.array(s2.e.matrices["b"].values).ravel(), rtol=1e-10)


def test_modal_step_other_than_tssets_delta_is_named_as_a_number():
    """Times doubled: the modal step is 2, tsset's delta 1 -- the step, then tsset's spacing."""
    rc, out, s = _run(DATA + "replace t = 2*t\nxtset id t\nxtgee y x, corr(stationary 1) nolog")
    assert rc == 0, out
    assert ("       modal spacing is delta t = 2\n       spacing declared with tsset is 1\n"
            "       1 group omitted from estimation\n") in out


def test_modal_step_equal_to_tssets_delta_is_in_its_units():
    """Times doubled and tsset with delta(2): the step is delta, in tsset's words."""
    rc, out, s = _run(DATA + "replace t = 2*t\nreplace t = t + 2 if id == 3\nxtset id t, delta(2)\n"
                      "xtgee y x, corr(ar 1) nolog")
    assert rc == 0, out
    assert "       modal spacing is delta t = 2 units\n" in out and "spacing declared" not in out


def test_force_and_equal_spacing_print_no_note():
    rc, out, _ = _run(DATA + "xtset id t\nxtgee y x, corr(ar 1) force nolog")
    assert rc == 0 and "not equally spaced" not in out
    rc, out, _ = _run(DATA + "xtset id t\nxtgee y x if id != 3, corr(stationary 1) nolog")
    assert rc == 0 and "not equally spaced" not in out
    rc, out, _ = _run(DATA + "xtset id t\nxtgee y x, corr(unstructured) nolog")
    assert "not equally spaced" not in out  # unstructured: no KeepMode
    # this R has a negative eigenvalue: xtgee.ado's symeigen check, the table then r(430)
    assert rc == 430 and "------\nworking correlation matrix not positive definite\nconvergence not achieved" in out


@pytest.mark.parametrize("steps, expected", [
    ([[1, 2, 3], [1, 3, 5]], ([True] * 3 + [False] * 3, 1.0)),  # equally frequent: the smaller
    ([[1, 3, 5], [1, 3, 5], [1, 2, 3]], ([True] * 6 + [False] * 3, 2.0)),
    ([[1, 2, 4], [7]], ([False] * 3 + [True], 1.0)),  # a singleton has no step
])
def test_modal_spacing_by_hand(steps, expected):
    from mlmcli.panel.gee_options import modal_spacing

    tval = np.concatenate([np.asarray(t, float) for t in steps])
    codes = np.concatenate([np.full(len(t), i) for i, t in enumerate(steps)])
    keep, mesh = modal_spacing(tval, codes)
    assert keep.tolist() == expected[0] and mesh == expected[1]
    assert modal_spacing(np.array([1.0, 3, 5, 2, 4]), np.array([0, 0, 0, 1, 1])) is None
