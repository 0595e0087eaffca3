"""estimates table: every option honoured (star levels, formats, keep/drop order, equations(),
varwidth/modelwidth, varlabel, newpanel, title, eform, stats/stfmt) or refused."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture
def stored(do):
    rng = np.random.default_rng(2)
    n = 80
    df = pd.DataFrame({"x": rng.normal(size=n), "z": rng.normal(size=n)})
    df["y"] = 1 + 2 * df.x - 0.3 * df.z + rng.normal(size=n)
    rc, _, s = do('label variable x "slope variable"\nquietly regress y x\nestimates store m1\n'
                  "quietly regress y x z\nestimates store m2", df=df)
    assert rc == 0
    return s


def table_lines(do, s, opts):
    rc, out, _ = do(f"estimates table m1 m2, {opts}", session=s)
    assert rc == 0, out
    return out.split("\n")


def test_constant_last_and_star_levels(do, stored):
    lines = table_lines(do, stored, "star(.1 .05 .01) b(%7.3f)")
    labels = [l.split("|")[0].strip() for l in lines if "|" in l][1:]
    assert labels == ["x", "z", "_cons"]
    assert lines[-2].strip() == "legend: * p<0.1; ** p<0.05; *** p<0.01"


def test_keep_orders_and_drop_removes(do, stored):
    lines = table_lines(do, stored, "keep(z x)")
    assert [l.split("|")[0].strip() for l in lines if "|" in l][1:] == ["z", "x"]
    lines = table_lines(do, stored, "drop(_cons z)")
    assert [l.split("|")[0].strip() for l in lines if "|" in l][1:] == ["x"]
    assert do("estimates table m1, keep(nosuch)", session=stored)[0] == 111


def test_widths_title_newpanel_varlabel(do, stored):
    lines = table_lines(do, stored, "varwidth(20) modelwidth(14) title(My table) newpanel varlabel stats(N r2)")
    assert lines[1] == "My table"
    head = next(l for l in lines if "Variable |" in l)
    assert head.index("|") == 21
    assert any(l.startswith("      slope variable |") for l in lines)
    assert any("Statistic |" in l for l in lines)
    widths = {len(l) for l in lines if l.startswith("-")}
    assert widths == {22 + 2 * 17}


def test_eform_exponentiates_b_and_scales_se(do, stored):
    lines = table_lines(do, stored, "eform se b(%9.4f) se(%9.4f)")
    b = stored.estimates["m2"].matrices["b"].values.ravel()
    se = np.sqrt(np.diag(stored.estimates["m2"].matrices["V"].values))
    row = next(l for l in lines if l.strip().startswith("x |")).split()
    assert float(row[-1]) == pytest.approx(np.exp(b[0]), abs=1e-4)
    se_row = lines[lines.index(next(l for l in lines if l.strip().startswith("x |"))) + 1].split()
    assert float(se_row[-1]) == pytest.approx(np.exp(b[0]) * se[0], abs=1e-4)


def test_equations_matches_by_position(do, stored):
    rng = np.random.default_rng(3)
    rc, _, s = do("gen g = mod(_n, 8)\nquietly mixed y x || g:\nestimates store mm", session=stored)
    lines = table_lines(do, s, "equations(1)")  # m1 m2 only: all single-equation
    rc, out, _ = do("estimates table m2 mm, equations(1)", session=s)
    assert rc == 0 and "#1" in out and "lns1_1_1" in out
    assert do("estimates table m2 mm, equations(3)", session=s)[0] == 111


def test_refused_and_invalid_options(do, stored):
    assert do("estimates table m1, star se", session=stored)[0] == 198
    assert do("estimates table m1, star(.1 .05)", session=stored)[0] == 198
    assert do("estimates table m1, varwidth(x)", session=stored)[0] == 198
    assert do("estimates table m1, style(columns)", session=stored)[0] == 198
    assert do("estimates table m1, b(%q)", session=stored)[0] == 120
