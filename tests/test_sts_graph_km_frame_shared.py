"""``sts graph``'s st_ct table (``sts_graph_st_ct.km_frame``): its S, cumulative hazard and Vh
come from ``survival.kaplan_meier``'s steps, the same numbers sts list's table and sts generate
use; its rows keep the ado's rules (time-0 row, rows without failure or loss dropped, atrisk's
next-row counts, tmin()/tmax()).

- pins.json (tests/km_frame_reference/make_pins.py, written by the code before the change) holds
  every column exactly, for every mode and statistic;
- km_reference.json (km_reference.R: survival's survfit on the same records) checks S, H and
  sum Vh at the failure rows;
- a small table by hand."""
from __future__ import annotations

import json
import sys
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from mlmcli.commands.survival.sts_graph_st_ct import km_frame
from mlmcli.survival.kaplan_meier import hazard_steps, kaplan_meier, nelson_aalen_sums, product_limit

HERE = Path(__file__).parent / "km_frame_reference"
sys.path.insert(0, str(HERE))
import make_pins  # noqa: E402

PINS = json.loads((HERE / "pins.json").read_text())
R = json.loads((HERE / "km_reference.json").read_text())
PLAIN = {"lost": False, "enter": False, "atrisk": False, "censored": False}


@pytest.fixture(scope="module")
def computed():
    return make_pins.pins()


def test_every_pinned_column_is_unchanged(computed):
    assert sorted(computed) == sorted(PINS)
    for key, columns in PINS.items():
        assert computed[key] == columns, key  # exact: json keeps every float's digits


@pytest.mark.parametrize("name", sorted(R))
def test_survival_and_cumulative_hazard_are_survfits(name):
    set_name, g = name.split("/")
    groups = make_pins.data_sets()[set_name]
    ref = {k: np.asarray(v, float) for k, v in R[name].items()}
    for stat, column in (("survival", "surv"), ("cumhaz", "cumhaz")):
        f = km_frame(groups, stat, PLAIN, 0.0, np.inf)
        on = (f["g"] == int(g)) & (f["d"] > 0)
        np.testing.assert_array_equal(f["_t"][on], ref["time"])
        np.testing.assert_array_equal(f["n"][on], ref["n"])
        np.testing.assert_allclose(f["s"][on], ref[column], rtol=1e-13)
        np.testing.assert_allclose(np.cumsum(f["Vh"][f["g"] == int(g)])[on[f["g"] == int(g)]], ref["var_cumhaz"],
                                   rtol=1e-13)


@pytest.mark.parametrize("set_name", ["simple", "delayed", "weighted"])
def test_same_numbers_as_sts_lists_table(set_name):
    """At each failure time S equals kaplan_meier's (sts list) and H nelson_aalen_sums' exactly."""
    groups = make_pins.data_sets()[set_name]
    s = km_frame(groups, "survival", PLAIN, 0.0, np.inf)
    h = km_frame(groups, "cumhaz", PLAIN, 0.0, np.inf)
    for g, (t0, t, d, w, _) in enumerate(groups):
        km = kaplan_meier(t0, t, d, w)
        aalen = nelson_aalen_sums(km.at_risk, km.failed)[0]
        on = (s["g"] == g) & (s["d"] > 0)
        rows = np.searchsorted(km.time, s["_t"][on])
        assert np.array_equal(s["s"][on], km.survival[rows]) and np.array_equal(h["s"][on], aalen[rows])


def test_a_table_by_hand():
    # times 1 2 2 3 4 5, failures at 1, 2, 3 and 5 (one of the 2s censored, 4 censored)
    t = np.array([1.0, 2, 2, 3, 4, 5])
    d = np.array([1.0, 1, 0, 1, 0, 1])
    group = [(np.zeros(6), t, d, np.ones(6), np.ones(6))]
    f = km_frame(group, "survival", PLAIN, 0.0, np.inf)
    assert list(f["_t"]) == [1, 2, 3, 4, 5] and list(f["n"]) == [6, 5, 3, 2, 1]
    surv = [Fraction(5, 6), Fraction(5, 6) * Fraction(4, 5), Fraction(2, 3) * Fraction(2, 3), None, Fraction(0)]
    surv[3] = surv[2]
    assert list(f["s"]) == pytest.approx([float(x) for x in surv], rel=1e-15)
    assert list(f["Vh"]) == pytest.approx([1 / 36, 1 / 25, 1 / 9, 0.0, 1.0], rel=1e-15)
    assert list(km_frame(group, "failure", PLAIN, 0.0, np.inf)["s"]) == pytest.approx([1 - float(x) for x in surv])
    assert list(km_frame(group, "cumhaz", PLAIN, 0.0, np.inf)["s"]) == pytest.approx(
        np.cumsum([1 / 6, 1 / 5, 1 / 3, 0.0, 1.0]), rel=1e-15)


def test_the_shared_steps():
    n, d = np.array([0.0, 4, 3, 2]), np.array([0.0, 1, 0, 2])
    h, vh = hazard_steps(n, d)
    assert list(h) == [0.0, 0.25, 0.0, 1.0] and list(vh) == [0.0, 1 / 16, 0.0, 0.5]
    assert list(product_limit(n, d)) == [1.0, 0.75, 0.75, 0.0]
