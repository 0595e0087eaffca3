"""``istdize``: indirect standardization against R (tests/power_reference/istdize_reference.R:
epitools::ageadjust.indirect, poisson.test, istdize.ado's approximate limits written out),
istdize.ado's layout, popvars() and rate() standards, r() and refusals."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

REF: dict = {}
for line in (Path(__file__).parent / "power_reference" / "istdize_reference.txt").read_text().splitlines():
    group, stat, value = line.split()
    REF.setdefault(group, {})[stat] = float(value)


@pytest.fixture
def files(tmp_path, do):
    std = tmp_path / "std.dta"
    rates = tmp_path / "rates.dta"
    rc, out, _ = do(f'clear\ninput agecat cases pop\n1 10 10000\n2 40 20000\n3 60 10000\nend\nsave "{std}"\n'
                    f'gen double rate = cases/pop\ngen double crude = 110/40000\nsave "{rates}"')
    assert rc == 0, out
    return std, rates


@pytest.fixture
def data():
    return pd.DataFrame({"state": ["Maine"] * 3 + ["Iowa"] * 3, "agecat": [1.0, 2, 3, 1, 2, 3],
                         "deaths": [90.0] * 3 + [70.0] * 3, "pop": [3000.0, 5000, 2000, 4000, 4500, 1500]})


GROUP = """
----------------------------------------------------------
-> state= Iowa
                   Indirect Standardization
 
                   Standard
                  Population     Observed      Cases
  Stratum            Rate       Population    Expected
----------------------------------------------------------
        1           0.0010         4,000         4.00
        2           0.0020         4,500         9.00
        3           0.0060         1,500         9.00
----------------------------------------------------------
Totals:                            10000        22.00

                                                 Observed Cases:       70
                                                  SMR (Obs/Exp):     3.18
                            SMR exact 95% Conf. Interval: [2.4804, 4.0200]
                                                     Crude Rate:   0.0070
                                                  Adjusted Rate:   0.0087
                                      95% Conf. Interval: [0.0068, 0.0111]"""


def _check(s):
    for i, group in enumerate(("Iowa", "Maine")):
        ref = REF[group]
        for name, key in (("cases_exp", "exp"), ("smr", "smr"), ("lb_smr", "lb_smr"), ("ub_smr", "ub_smr"),
                          ("crude", "crude"), ("adj", "adj"), ("lb_adj", "lb_adj"), ("ub_adj", "ub_adj")):
            assert abs(s.r[name].values[0, i] - ref[key]) < 1e-10, (name, group)


def test_popvars_by(do, data, files):
    std, _ = files
    rc, out, s = do(f'istdize deaths pop agecat using "{std}", popvars(cases pop) by(state)', data)
    assert rc == 0 and GROUP in out, out
    _check(s)
    assert s.r["k"] == 2 and s.r["c2"] == "Maine" and s.r["cases_obs"].values.tolist() == [[70, 90]]


def test_rate_and_print(do, data, files):
    _, rates = files
    rc, out, s = do(f'istdize deaths pop agecat using "{rates}", rate(rate crude) by(state) print', data)
    assert rc == 0 and "Standard population's crude rate:       0.00275" in out, out
    _check(s)
    rc, out, s = do(f'istdize deaths pop agecat using "{rates}", rate(rate 0.00275) by(state)', data)
    assert rc == 0 and abs(s.r["adj"].values[0, 1] - REF["Maine"]["adj"]) < 1e-12


def test_no_by(do, data, files):
    std, _ = files
    rc, out, s = do(f'istdize deaths pop agecat using "{std}" if state == "Iowa", popvars(cases pop)', data)
    assert rc == 0 and "->  state ==" in out and abs(s.r["smr"].values[0, 0] - REF["Iowa"]["smr"]) < 1e-12, out
    rc, out, s = do(f'istdize deaths pop agecat using "{std}" in 4/6, popvars(cases pop)', data)
    assert rc == 0 and "-> Total Sample\n\n" in out


@pytest.mark.parametrize("command, message, code", [
    ('istdize deaths pop agecat using "{std}", by(state)', "must specify either rate() or popvars()", 198),
    ('istdize deaths pop agecat using "{std}", popvars(cases pop) rate(r 1)', "may not be specified together", 198),
    ('istdize deaths pop agecat, popvars(cases pop)', "using required", 100),
    ('istdize deaths pop agecat using nosuch, popvars(cases pop)', "file nosuch not found", 601),
    ('istdize deaths pop agecat using "{std}", popvars(cases pop)', "must be the same for all observations", 499),
    ('istdize deaths pop agecat using "{std}", popvars(cases nosuch) by(state)', "variable nosuch not found", 111),
])
def test_refusals(do, data, files, command, message, code):
    rc, out, _ = do(command.format(std=files[0]), data)
    assert rc == code and message in out, out
