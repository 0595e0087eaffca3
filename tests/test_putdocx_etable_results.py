"""``putdocx table = etable`` built from the stored results: the table shown last (odds ratios
after ``logit, or``; the margins table after margins, posted or not; the interval of a replay
at level(90)), mixed's random-effects table, the me commands' variance rows -- cells read back
from word/document.xml and checked against statsmodels / numpy."""
from __future__ import annotations

import math
import re
import zipfile

import numpy as np
import pytest

sm = pytest.importorskip("statsmodels.api")
stats = pytest.importorskip("scipy.stats")


@pytest.fixture
def data():
    rng = np.random.default_rng(7)
    n = 240
    g = np.repeat(np.arange(24), 10)
    x = rng.normal(size=n)
    f = np.arange(n) % 3 + 1
    y = 1 + 0.6 * x + 0.4 * (f == 2) - 0.3 * (f == 3) + rng.normal(size=n) + rng.normal(size=24)[g]
    yb = (y + rng.logistic(size=n) > 1.5).astype(int)
    return g, x, f, y, yb


@pytest.fixture
def run_here(new_session, run, tmp_path, monkeypatch, data):
    """``go(text) -> (rc, printed)`` in one session over the data, f value-labelled."""
    import pandas as pd

    monkeypatch.chdir(tmp_path)
    s = new_session(pd.DataFrame(dict(zip(("g", "x", "f", "y", "yb"), data))))
    run(s, "label define fl 1 one 2 two 3 three\nlabel values f fl")

    def go(text):
        out, rc = run(s, text, stop_on_error=False)
        return rc, out
    return go


def _tables(path) -> list[list[list[str]]]:
    xml = zipfile.ZipFile(path).read("word/document.xml").decode()
    out = []
    for tbl in re.findall(r"<w:tbl>.*?</w:tbl>", xml):
        rows = []
        for tr in re.findall(r"<w:tr>.*?</w:tr>", tbl):
            cells = [re.sub(r"<[^>]+>", "", tc).replace("&gt;", ">") for tc in re.findall(r"<w:tc>.*?</w:tc>", tr)]
            while cells and cells[-1] == "":  # the writer pads short rows with empty cells
                cells.pop()
            rows.append(cells)
        out.append(rows)
    return out


def _export(go, lines: str, name: str = "e"):
    rc, out = go(lines + f"\nputdocx begin\nputdocx table t = etable\nputdocx save {name}, replace")
    assert rc == 0, out
    return _tables(f"{name}.docx")


def _close(cell: str, value: float, rel: float = 2e-6):
    assert float(cell) == pytest.approx(value, rel=rel, abs=1e-7), (cell, value)


def test_logit_or_exports_the_odds_ratios_shown(run_here, data):
    g, x, f, y, yb = data
    X = np.column_stack([x, f == 2, f == 3, np.ones_like(x)]).astype(float)
    fit = sm.Logit(yb, X).fit(disp=0)
    [table] = _export(run_here, "logit yb x i.f, or")
    assert table[0][:2] == ["yb", "Odds Ratio"]
    assert table[0][-1] == "[95% Conf. Interval]"
    labels = [r[0] for r in table]
    assert labels == ["yb", "x", "f", "two", "three", "_cons"]  # value labels under the heading
    assert table[2] == ["f"]
    z = stats.norm.ppf(0.975)
    for label, k in (("x", 0), ("two", 1), ("three", 2), ("_cons", 3)):
        row = table[labels.index(label)]
        b, se = fit.params[k], fit.bse[k]
        _close(row[1], math.exp(b), 1e-4)
        _close(row[2], math.exp(b) * se, 1e-3)
        assert float(row[3]) == pytest.approx(b / se, abs=0.011)
        _close(row[5], math.exp(b - z * se), 1e-3)
        _close(row[6], math.exp(b + z * se), 1e-3)


def test_regress_replayed_at_level_90(run_here, data):
    g, x, f, y, yb = data
    fit = sm.OLS(y, np.column_stack([x, np.ones_like(x)])).fit()
    [table] = _export(run_here, "quietly regress y x\nregress, level(90)")
    assert table[0][-1] == "[90% Conf. Interval]"
    lo, hi = fit.conf_int(alpha=0.10)[0]
    _close(table[1][5], lo)
    _close(table[1][6], hi)
    _close(table[1][1], fit.params[0])
    _close(table[1][2], fit.bse[0])
    assert table[1][3] == f"{fit.tvalues[0]:.2f}"
    assert table[1][4] == f"{fit.pvalues[0]:.3f}"


def _predictive_margins(x, f, yb):
    X = np.column_stack([x, f == 2, f == 3, np.ones_like(x)]).astype(float)
    fit = sm.Logit(yb, X).fit(disp=0)
    out = []
    for level in (1, 2, 3):
        Z = np.column_stack([x, np.full_like(x, level == 2), np.full_like(x, level == 3), np.ones_like(x)])
        p = 1 / (1 + np.exp(-Z @ fit.params))
        grad = (p * (1 - p)) @ Z / len(x)  # the delta method's gradient of the mean prediction
        out.append((p.mean(), math.sqrt(grad @ fit.cov_params() @ grad)))
    return out


@pytest.mark.parametrize("post", ["", ", post"])
def test_margins_table_after_margins(run_here, data, post):
    g, x, f, y, yb = data
    [table] = _export(run_here, f"quietly logit yb x i.f\nmargins f{post}")
    assert table[0][:5] == ["", "Margin", "Std. Err.", "z", "P>|z|"]
    assert [r[0] for r in table] == ["", "f", "one", "two", "three"]
    for row, (m, se) in zip(table[2:], _predictive_margins(x, f, yb)):
        _close(row[1], m, 1e-4)
        _close(row[2], se, 1e-3)


def test_margins_dydx_table(run_here, data):
    g, x, f, y, yb = data
    fit = sm.OLS(y, np.column_stack([x, np.ones_like(x)])).fit()
    [table] = _export(run_here, "quietly regress y x\nmargins, dydx(x)")
    assert table[0][1] == "dy/dx" and table[1][0] == "x"
    _close(table[1][1], fit.params[0])
    _close(table[1][2], fit.bse[0])
    assert table[0][3] == "t"  # after regress margins tests on e(df_r)


def test_a_new_fit_after_margins_exports_the_fit(run_here, data):
    g, x, f, y, yb = data
    fit = sm.OLS(y, np.column_stack([x, np.ones_like(x)])).fit()
    [table] = _export(run_here, "quietly logit yb x i.f\nmargins f\nquietly regress y x")
    assert table[0][:2] == ["y", "Coef."]
    _close(table[1][1], fit.params[0])


def test_restored_estimates_after_margins(run_here, data):
    g, x, f, y, yb = data
    X = np.column_stack([x, f == 2, f == 3, np.ones_like(x)]).astype(float)
    fit = sm.Logit(yb, X).fit(disp=0)
    [table] = _export(run_here, "quietly logit yb x i.f\nestimates store m1\nquietly regress y x\nestimates store m2\n"
                           "margins\nestimates restore m1")
    assert table[0][:2] == ["yb", "Coef."]
    _close(table[1][1], fit.params[0], 1e-4)


def test_mixed_fixed_and_random_tables(run_here, data):
    g, x, f, y, yb = data
    md = sm.MixedLM(y, np.column_stack([x, np.ones_like(x)]), groups=g).fit(reml=False)
    first, second = _export(run_here, "mixed y x || g:")
    assert first[0][:2] == ["y", "Coef."] and [r[0] for r in first] == ["y", "x", "_cons"]
    _close(first[1][1], md.fe_params[0], 1e-4)
    _close(first[1][2], md.bse_fe[0], 1e-3)
    assert second[0] == ["Random-effects Parameters", "Estimate", "Std. Err.", "[95% Conf. Interval]"]
    assert [r[0] for r in second] == ["Random-effects Parameters", "g: Identity", "var(_cons)", "var(Residual)"]
    assert second[1] == ["g: Identity"]
    _close(second[2][1], float(np.asarray(md.cov_re)[0, 0]), 1e-3)
    _close(second[3][1], md.scale, 1e-3)
    for row in second[2:]:  # estimate, SE, the log-scale interval of a variance
        v, se, lo, hi = (float(c) for c in row[1:5])
        half = stats.norm.ppf(0.975) * se / v
        _close(row[3], v * math.exp(-half), 1e-5)
        _close(row[4], v * math.exp(half), 1e-5)


def test_mixed_stddeviations_metric_and_pick_table(run_here, data):
    g, x, f, y, yb = data
    md = sm.MixedLM(y, np.column_stack([x, np.ones_like(x)]), groups=g).fit(reml=False)
    rc, out = run_here("mixed y x || g:, stddeviations\nputdocx begin\nputdocx table r = etable(2)\n"
                  "putdocx save sd, replace")
    assert rc == 0, out
    [table] = _tables("sd.docx")
    assert [r[0] for r in table][2:] == ["sd(_cons)", "sd(Residual)"]
    _close(table[2][1], math.sqrt(float(np.asarray(md.cov_re)[0, 0])), 1e-3)
    _close(table[3][1], math.sqrt(md.scale), 1e-3)


def test_melogit_variance_row_in_the_same_table(run_here):
    [table] = _export(run_here, "melogit yb x || g:")
    labels = [r[0] for r in table]
    assert labels == ["yb", "x", "_cons", "g", "var(_cons)"]
    row = table[-1]
    assert row[3] == "" and row[4] == ""  # no test of a variance: z and P blank
    v, se, lo, hi = (float(row[k]) for k in (1, 2, 5, 6))
    half = stats.norm.ppf(0.975) * se / v
    assert lo == pytest.approx(v * math.exp(-half), rel=1e-5)
    assert hi == pytest.approx(v * math.exp(half), rel=1e-5)


def test_nformat_formats_the_numbers(run_here, data):
    g, x, f, y, yb = data
    fit = sm.OLS(y, np.column_stack([x, np.ones_like(x)])).fit()
    rc, out = run_here("quietly regress y x\nputdocx begin\nputdocx table t = etable, nformat(%6.3f)\n"
                  "putdocx save nf, replace")
    assert rc == 0, out
    [table] = _tables("nf.docx")
    assert table[1][1] == f"{fit.params[0]:.3f}" and table[1][4] == f"{fit.pvalues[0]:.3f}"
    rc, out = run_here("putdocx begin\nputdocx table t = etable, nformat(%q)")
    assert rc == 120


def test_no_estimates(run_here):
    rc, out = run_here("putdocx begin\nputdocx table t = etable")
    assert rc == 301 and "last estimates not found" in out


def test_ologit_cutpoints_are_ancillary_rows(run_here):
    [table] = _export(run_here, "gen yo = cond(y < 0, 1, cond(y < 1.5, 2, 3))\nologit yo x")
    assert [r[0] for r in table] == ["yo", "x", "/cut1", "/cut2"]
    for row in table[2:]:  # no test of a cutpoint; the interval b -/+ 1.96 se
        assert row[3] == "" and row[4] == ""
        b, se = float(row[1]), float(row[2])
        _close(row[5], b - stats.norm.ppf(0.975) * se, 1e-5)
        _close(row[6], b + stats.norm.ppf(0.975) * se, 1e-5)


def test_xtreg_fe_sigma_rows(run_here, data):
    g, x, f, y, yb = data
    xd = x - np.bincount(g, x)[g] / np.bincount(g)[g]
    yd = y - np.bincount(g, y)[g] / np.bincount(g)[g]
    b = (xd @ yd) / (xd @ xd)
    n, groups = len(y), len(np.unique(g))
    sigma_e = math.sqrt(((yd - b * xd) ** 2).sum() / (n - groups - 1))
    u = np.bincount(g, y - b * x) / np.bincount(g)
    sigma_u = float(np.std(u - (y - b * x).mean(), ddof=1))
    [table] = _export(run_here, "xtset g\nxtreg y x, fe")
    assert [r[0] for r in table][-3:] == ["sigma_u", "sigma_e", "rho"]
    _close(table[1][1], b, 1e-6)
    _close(table[-3][1], sigma_u, 1e-6)
    _close(table[-2][1], sigma_e, 1e-6)
    _close(table[-1][1], sigma_u ** 2 / (sigma_u ** 2 + sigma_e ** 2), 1e-6)
    assert table[-1][2] == "(fraction of variance due to u_i)"


def test_contrast_table_and_a_contrast_without_one(run_here, data):
    g, x, f, y, yb = data
    fit = sm.OLS(y, np.column_stack([f == 2, f == 3, np.ones_like(x)]).astype(float)).fit()
    [table] = _export(run_here, "quietly regress y i.f\ncontrast r.f")
    assert table[0][1] == "Contrast" and [r[0] for r in table][1:] == ["f", "(two vs one)", "(three vs one)"]
    _close(table[2][1], fit.params[0])
    _close(table[3][2], fit.bse[1])
    rc, out = run_here("contrast f\nputdocx begin\nputdocx table c = etable")
    assert rc == 198 and "no table of contrasts" in out


def test_estimates_table(run_here, data):
    """After ``estimates table`` its table: Variable and the models, b and se rows (or b with
    stars), the statistics; the numbers in estimates table's formats (b(%9.4f); se's: b's)."""
    g, x, f, y, yb = data
    one = sm.OLS(y, np.column_stack([x, np.ones_like(x)])).fit()
    two = sm.OLS(y, np.column_stack([x, f == 2, f == 3, np.ones_like(x)]).astype(float)).fit()
    fits = "quietly regress y x\nestimates store a\nquietly regress y x i.f\nestimates store b\n"
    [table] = _export(run_here, fits + "estimates table a b, b(%9.4f) se stats(N)")
    assert table[0] == ["Variable", "a", "b"]
    labels = [r[0] for r in table]
    assert labels[:4] == ["Variable", "x", "", "f"]
    assert table[1][1:] == [f"{one.params[0]:.4f}", f"{two.params[0]:.4f}"]
    assert table[2][1:] == [f"{one.bse[0]:.4f}", f"{two.bse[0]:.4f}"]
    two_row = table[labels.index("two")]
    assert two_row[1] == "" and two_row[2] == f"{two.params[1]:.4f}"
    assert table[-1] == ["N", "240", "240"]
    [table] = _export(run_here, "estimates table a b, b(%9.4f) star", name="s")
    stars = lambda p: "*" * sum(p < lv for lv in (0.05, 0.01, 0.001))  # noqa: E731
    assert table[1][1:] == [f"{one.params[0]:.4f}{stars(one.pvalues[0])}", f"{two.params[0]:.4f}{stars(two.pvalues[0])}"]


def test_eform_headings(run_here, data):
    """The exponentiated column's title: eform(text) as typed; glm, eform by its family and link
    (Poisson, log: IRR) -- the numbers exp(b) of statsmodels' Poisson GLM."""
    g, x, f, y, yb = data
    cnt = np.floor(np.abs(y) * 2)
    X = np.column_stack([x, np.ones_like(x)])
    fit = sm.GLM(cnt, X, family=sm.families.Poisson()).fit()
    [table] = _export(run_here, 'gen cnt = floor(abs(y) * 2)\nregress cnt x, eform("exp(coef)")')
    assert table[0][1] == "exp(coef)"
    [table] = _export(run_here, "glm cnt x, family(poisson) eform", name="g")
    assert table[0][1] == "IRR"
    _close(table[1][1], math.exp(fit.params[0]), 1e-5)
    _close(table[1][2], math.exp(fit.params[0]) * fit.bse[0], 1e-4)


def test_mixed_replayed_at_level_90_and_in_sd(run_here):
    """A replay at level(90): the variance components' intervals at 90% on their log scale;
    a replay with stddeviations: the sd rows."""
    rc, out = run_here("quietly mixed y x || g:\nmixed, level(90)\nputdocx begin\nputdocx table t = etable\n"
                       "putdocx save lv, replace")
    assert rc == 0, out
    first, second = _tables("lv.docx")
    assert second[0][-1] == "[90% Conf. Interval]" and first[0][-1] == "[90% Conf. Interval]"
    q = stats.norm.ppf(0.95)
    for row in second[2:]:
        v, se = float(row[1]), float(row[2])
        _close(row[3], v * math.exp(-q * se / v), 1e-5)
        _close(row[4], v * math.exp(q * se / v), 1e-5)
    shown = [line for line in out.splitlines() if "var(_cons)" in line][-1].split()
    assert second[2][1:] == shown[2:]  # what the replay printed
    rc, out = run_here("mixed, stddeviations\nputdocx begin\nputdocx table t = etable(2)\nputdocx save sd2, replace")
    assert rc == 0, out
    [table] = _tables("sd2.docx")
    assert [r[0] for r in table][2:] == ["sd(_cons)", "sd(Residual)"]
