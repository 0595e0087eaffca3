"""tsfilter hp, bk and cf: cycles and trends against R's mFilter::hpfilter, bkfilter and cffilter
(tests/tssmooth_reference/tsfilter_hp_reference.R), panels filtered separately, tsfilter.ado's
defaults (Ravn-Uhlig by the tsset unit), labels, r() and messages; tsfilter bw against Pollock's
(2000) finite-sample Butterworth filter written out in R (tests/tssmooth_reference/tsfilter_bw_reference.R);
gain() refused."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

OUT = Path(__file__).parent / "tssmooth_reference" / "tsfilter_hp_reference.out"
REF = {line.split()[0]: np.array([float("nan") if v == "NA" else float(v) for v in line.split()[1:]])
       for line in OUT.read_text().splitlines()}
BW = {line.split()[0]: np.array([float(v) for v in line.split()[1:]])
      for line in (OUT.parent / "tsfilter_bw_reference.out").read_text().splitlines()}
DATA = ("clear\nset obs 40\ngen t = _n\ngen double y = 10 + 0.3*t + (mod(37*t, 11) - 5)/2\n"
        "gen double z = sqrt(t)\ntsset t\n")


@pytest.mark.parametrize("smooth", ["1600", "100", "6.25"])
def test_cycle_and_trend_against_mfilter(do, smooth):
    rc, printed, s = do(DATA + f"tsfilter hp double c = y, smooth({smooth}) trend(double tr)")
    assert rc == 0, printed
    assert printed.strip().endswith("delta:  1 unit")  # tsfilter prints nothing
    cycle = REF[f"y_cycle_{smooth}"]
    np.testing.assert_allclose(s.data.numeric("c"), cycle, atol=1e-9)
    y = s.data.numeric("y")
    np.testing.assert_allclose(s.data.numeric("tr"), y - cycle, atol=1e-9)
    assert s.r["smooth"] == float(smooth) and s.r["method"] == "Hodrick-Prescott"
    assert s.r["filterlist"] == "c" and s.r["trendlist"] == "tr" and s.r["varlist"] == "y"


def test_default_smooth_and_stub_names(do):
    rc, printed, s = do(DATA + "tsfilter hp double c* = y z")
    assert rc == 0, printed
    np.testing.assert_allclose(s.data.numeric("c1"), REF["y_cycle_1600"], atol=1e-9)
    assert s.r["smooth"] == 1600 and s.r["filterlist"] == "c1 c2"
    assert s.data.var_labels["c2"] == "z cyclical component from hp filter"
    assert s.data.types["c1"] == "double"


def test_yearly_unit_takes_ravn_uhlig(do):
    rc, printed, s = do(DATA + "format t %ty\ntsset t\ntsfilter hp double c = z")
    assert rc == 0, printed
    assert s.r["smooth"] == 6.25 and s.r["unit"] == "yearly"
    np.testing.assert_allclose(s.data.numeric("c"), REF["z_cycle_6.25"], atol=1e-9)


def test_panels_filtered_separately(do):
    rc, printed, s = do(DATA + "gen id = 1 + (t > 20)\ntsset id t\ntsfilter hp double c = y, trend(tr)")
    assert rc == 0, printed
    np.testing.assert_allclose(s.data.numeric("c"), REF["y_cycle_panels"], atol=1e-9)
    assert s.data.var_labels["tr"] == "y trend component from hp filter"


@pytest.mark.parametrize("text,rc,message", [
    ("tsfilter bk c = y, stationary", 199, "option stationary of tsfilter bk is not implemented in mlmcli"),
    ("tsfilter bk c = y, drift", 198, "drift option is invalid with the Baxter-King filter"),
    ("tsfilter bk c = y, minperiod(8) maxperiod(6)", 198, "minperiod() must be less than maxperiod()"),
    ("tsfilter bk c = y, minperiod(1)", 198, "minperiod() must be greater than or equal to 2"),
    ("tsfilter bk c = y, smaorder(2.5)", 198, "smaorder() is not an integer"),
    ("tsfilter bk c = y, smaorder(20)", 198,
     "insufficient number of observations for symmetric, fixed-length filter with smaorder(20)"),
    ("tsfilter hp c = y, minperiod(4)", 198, "option minperiod() not allowed"),
    ("tsfilter cf c = y, smaorder(3)", 199, "option smaorder() of tsfilter cf (the symmetric filter) is not implemented"),
    ("tsfilter cf c = y, stationary", 199, "option stationary of tsfilter cf is not implemented in mlmcli"),
    ("tsfilter bw c = y, maxperiod(2)", 198, "maxperiod() must be greater than 2"),
    ("tsfilter bw c = y, maxperiod(4 5)", 200, "only one argument may be specified in maxperiod()"),
    ("tsfilter bw c = y, order(1.5)", 198, "order() is not an integer"),
    ("tsfilter bw c = y, order(0)", 198, "order() must specify an integer greater than 0"),
    ("tsfilter bw c = y, order(2 3)", 200, "only one argument may be specified in order()"),
    ("tsfilter bw c = y, order(x)", 7, "order() does not contain a number"),
    ("tsfilter bw c = y, smooth(3)", 198, "smooth() option is invalid with the butterworth filter"),
    ("tsfilter bw c = y, minperiod(3)", 198, "option minperiod() not allowed"),
    ("tsfilter bw c = y in 1/3, order(3)", 498, "order of the filter is too large for the specified sample"),
    ("tsfilter bw c = y, gain(g a)", 199, "option gain() of tsfilter bw is not implemented in mlmcli"),
    ("tsfilter xx c = y", 198, "filter xx invalid; valid values are bk, bw, cf, or hp"),
    ("tsfilter hp c y", 198, "invalid syntax, missing = sign"),
    ("tsfilter hp c = y, gain(g a)", 199, "option gain() of tsfilter hp is not implemented in mlmcli"),
    ("tsfilter hp c = y, smooth(abc)", 7, "smooth() does not contain a number"),
    ("tsfilter hp c = y, smooth(0)", 198, "smooth() must be greater than zero"),
    ("tsfilter hp c = y, order(2)", 198, "order() is invalid with the Hodrick-Prescott filter"),
    ("tsfilter hp c d = y", 198, "number of variables in namelist must match the number in varlist"),
    ("tsfilter hp y = z", 110, "variable y already defined"),
    ("tsfilter hp c = y in 1/2", 498, "insufficient observations for the specified sample"),
    ("tsfilter hp c = y if t != 5", 498, "Number of gaps in sample:  1\nsample may not contain gaps"),
])
def test_errors_leave_data(do, text, rc, message):
    got, printed, s = do(DATA + text)
    assert got == rc and message in printed, printed
    assert s.data.varnames == ["t", "y", "z"]


def test_baxter_king_against_mfilter(do):
    rc, printed, s = do(DATA + "tsfilter bk double c = y, trend(double tr)\n"
                        "tsfilter bk double c2 = z, minperiod(4) maxperiod(20) smaorder(5)")
    assert rc == 0, printed
    np.testing.assert_allclose(s.data.numeric("c"), REF["bk_y_6_32_12"], atol=1e-10)
    np.testing.assert_allclose(s.data.numeric("c2"), REF["bk_z_4_20_5"], atol=1e-10)
    tr = s.data.numeric("tr")
    np.testing.assert_allclose(tr[12:28], (s.data.numeric("y") - REF["bk_y_6_32_12"])[12:28], atol=1e-10)
    assert np.isnan(tr[:12]).all() and np.isnan(tr[28:]).all()
    assert s.r["method"] == "Baxter-King" and s.r["smaorder"] == 5 and s.r["minperiod"] == 4
    w = s.r["filter"]
    assert w.rownames == tuple(f"b{i}" for i in range(6)) and w.colnames == ("Weight",)
    assert abs(w.values[0, 0] + 2 * w.values[1:, 0].sum()) < 1e-12  # the weights sum to zero
    assert s.data.var_labels["c2"] == "z cyclical component from bk filter"


def test_christiano_fitzgerald_against_mfilter(do):
    rc, printed, s = do(DATA + "tsfilter cf double c = y, trend(double tr)\n"
                        "tsfilter cf double c2 = z, minperiod(4) maxperiod(20) drift")
    assert rc == 0, printed
    np.testing.assert_allclose(s.data.numeric("c"), REF["cf_y_6_32"], atol=1e-10)
    np.testing.assert_allclose(s.data.numeric("tr"), s.data.numeric("y") - REF["cf_y_6_32"], atol=1e-10)
    np.testing.assert_allclose(s.data.numeric("c2"), REF["cf_z_4_20_drift"], atol=1e-10)
    assert s.r["method"] == "Christiano-Fitzgerald" and s.r["drift"] == "yes" and s.r["symmetric"] == "no"
    assert "smaorder" not in s.r and "filter" not in s.r


@pytest.mark.parametrize("options,key,var", [
    ("", "bw_y_32_2", "y"), ("maxperiod(8)", "bw_z_8_2", "z"),
    ("maxperiod(20) order(1)", "bw_y_20_1", "y"), ("maxp(12) or(3)", "bw_y_12_3", "y")])
def test_butterworth_against_pollock(do, options, key, var):
    rc, printed, s = do(DATA + f"tsfilter bw double c = {var}, {options} trend(double tr)")
    assert rc == 0, printed
    assert printed.strip().endswith("delta:  1 unit")  # nothing printed
    np.testing.assert_allclose(s.data.numeric("c"), BW[key], atol=1e-9)
    np.testing.assert_allclose(s.data.numeric("tr"), s.data.numeric(var) - BW[key], atol=1e-9)
    assert s.r["method"] == "Butterworth" and s.r["trendlist"] == "tr"
    assert "smooth" not in s.r and s.r["filterlist"] == "c"
    assert s.data.var_labels["c"] == f"{var} cyclical component from bw filter"
    assert s.data.var_labels["tr"] == f"{var} trend component from bw filter"


def test_butterworth_defaults_by_unit_and_panels(do):
    rc, printed, s = do(DATA + "tsfilter bw double c = y")
    assert rc == 0 and s.r["maxperiod"] == 32 and s.r["order"] == 2, printed
    rc, printed, s = do(DATA + "format t %ty\ntsset t\ntsfilter bw double c = z")
    assert rc == 0 and s.r["maxperiod"] == 8 and s.r["unit"] == "yearly", printed
    np.testing.assert_allclose(s.data.numeric("c"), BW["bw_z_8_2"], atol=1e-9)
    rc, printed, s = do(DATA + "gen id = 1 + (t > 20)\ntsset id t\ntsfilter bw double c = y")
    assert rc == 0, printed
    np.testing.assert_allclose(s.data.numeric("c"), BW["bw_y_panels"], atol=1e-9)


def test_butterworth_short_panel_is_a_note(do):
    rc, printed, s = do(DATA + "gen id = 1 + (t > 2)\ntsset id t\ntsfilter bw double c = y")
    assert rc == 0 and "note: order of the filter is too large for panel 1" in printed, printed
    assert np.isnan(s.data.numeric("c")[:2]).all() and not np.isnan(s.data.numeric("c")[2:]).any()
