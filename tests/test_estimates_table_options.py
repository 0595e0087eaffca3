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
    # est_table.ado (2009 and 2018 texts alike): Header "Statistics" heads the second panel
    assert any(l.startswith("          Statistics |") for l in lines)
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
    assert do("estimates table m1, style(nolines)", session=stored)[0] == 198  # style(columns): test_xthybrid
    assert do("estimates table m1, style(boxes)", session=stored)[0] == 198
    assert do("estimates table m1, b(%q)", session=stored)[0] == 120


def _rows(out):
    return [line for line in out.split("\n") if "|" in line]


def test_omitted_and_estimated_levels_share_a_row(do):
    # est_table unsets the omitted/base markers before it matches rows (_ms_omit_unset):
    # 2o.x of m2 and 2.x of m1 are one row; keep() reads 2o.x as 2.x too
    t = np.arange(1, 41)
    df = pd.DataFrame({"y": np.sin(t) + t / 10, "x": (t % 3).astype(float)})
    df["z"] = (df.x == 2).astype(float)
    rc, first, s = do("quietly regress y i.x\nestimates store m1\nquietly regress y z i.x\n"
                      "estimates store m2\nestimates table m1 m2", df=df)
    assert rc == 0, first
    rc, second, _ = do("estimates table m1 m2, keep(2o.x)", session=s)
    assert rc == 0, second
    labels = [r.split("|")[0].strip() for r in _rows(first)][1:]
    assert labels == ["x", "1", "2", "z", "_cons"]
    two = next(r for r in _rows(first) if r.split("|")[0].strip() == "2")
    cells = two.split("|")[1].split()
    assert len(cells) == 2 and float(cells[0]) < 0 and cells[1] == "(omitted)"
    assert [r.split("|")[0].strip() for r in _rows(second)][1:] == ["2.x"]


def test_time_series_rows_sit_under_their_variable(do):
    # est_table draws L.y / LD.y as _ms_display does: the heading y, then L1. and LD.
    t = np.arange(1, 41)
    df = pd.DataFrame({"t": t, "y": np.sin(t) + t / 10})
    rc, out, _ = do("tsset t\nquietly regress y L.y LD.y\nestimates table", df=df)
    assert rc == 0, out
    rows = _rows(out)
    assert [r.split("|")[0].strip() for r in rows][1:] == ["y", "L1.", "LD.", "_cons"]
    assert rows[1].split("|")[1].strip() == ""  # the heading row holds no numbers


def test_multi_equation_statistics_line(do):
    """est_table's DLine "Statistics" lalign: without newpanel a multi-equation table heads the
    statistics rows with a left-aligned ``Statistics`` line; one equation gets none."""
    rng = np.random.default_rng(5)
    n = 120
    df = pd.DataFrame({"x": rng.normal(size=n)})
    df["y"] = np.where(df.x + rng.normal(size=n) > 0, 1, 0) + (rng.uniform(size=n) > 0.6)
    rc, out, _ = do("quietly mlogit y x\nestimates table ., stats(N)", df=df)
    assert rc == 0, out
    lines = out.split("\n")
    at = lines.index("Statistics   |")
    assert lines[at - 1].startswith("-------------+") and lines[at + 1].strip().startswith("N |")
    rc, out, _ = do("quietly regress y x\nestimates table ., stats(N)", df=df)
    assert "Statistics" not in out


def test_a_statistic_a_model_lacks_is_blank(do):
    """est_table's GetStats posts .z for a statistic not in e(), shown blank; a statistic
    the model has but missing shows '.'."""
    rng = np.random.default_rng(3)
    df = pd.DataFrame({"x": rng.normal(size=40), "g": np.repeat(np.arange(1, 3), 20)})
    df["x2"] = rng.normal(size=40)
    df["y"] = df.x + rng.normal(size=40)
    df["b"] = (df.y > 0).astype(float)
    rc, out, _ = do("regress y x x2, vce(cluster g)\nestimates store m1\nlogit b x\nestimates store m2\n"
                    "estimates table m1 m2, stats(N r2 F chi2)\n", df)
    assert rc == 0, out
    rows = {line.split("|")[0].strip(): line.split("|")[1] for line in out.splitlines()[-7:] if "|" in line}
    r2, F, chi2 = rows["r2"].split(), rows["F"].split(), rows["chi2"].split()
    assert len(r2) == 1 and rows["r2"].index(r2[0]) < 14          # m1 only; m2 blank
    assert F == ["."]                                               # m1's F is missing (2 regressors, 2 clusters)
    assert len(chi2) == 1 and rows["chi2"].index(chi2[0]) > 14      # m2 only; m1 blank
