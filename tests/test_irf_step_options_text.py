"""irf cgraph/ograph lstep()/ustep() typed as text: Stata's option error (r(198)), not a
traceback; a whole number still draws."""
import pytest

LINES = """clear
set obs 120
set seed 1
gen t = _n
tsset t
gen y1 = rnormal()
gen y2 = rnormal()
quietly var y1 y2, lags(1/2)
irf create a, set({path}, replace) step(8)"""


@pytest.mark.parametrize("sub", ["cgraph", "ograph"])
@pytest.mark.parametrize("option", ["lstep", "ustep"])
def test_step_option_text_is_refused(sub, option, new_session, run, tmp_path):
    session = new_session()
    for line in LINES.format(path=tmp_path / "irfs").splitlines():
        printed, rc = run(session, line)
        assert rc == 0, printed
    printed, rc = run(session, f"irf {sub} (a y1 y2 oirf) (a y2 y1 oirf), {option}(abc)")
    assert rc == 198 and f"option {option}() incorrectly specified" in printed, printed
    printed, rc = run(session, f"irf {sub} (a y1 y2 oirf) (a y2 y1 oirf), {option}(3)")
    assert rc == 0, printed
