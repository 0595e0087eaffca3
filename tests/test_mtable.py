"""SPost13's mtable: its numbers are margins' on the same model (and, independently, the model's
e(b) evaluated at the same covariate values), its layout that of the SPost13 book's logs, its
stacking, r(table)/r(atspec), and the ado's messages."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import special, stats


def _data(n=500, seed=3):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=n)
    g = rng.integers(1, 4, size=n)
    f = (rng.random(n) < .5).astype(float)
    y = (rng.random(n) < special.expit(-.2 + .6 * x + .5 * (g == 2) - .4 * f)).astype(float)
    k = 1 + (x + rng.normal(size=n) > 0) + (x + rng.normal(size=n) > 1)
    c = rng.poisson(np.exp(.2 + .3 * x + .2 * f))
    cl = np.repeat(np.arange(n // 10), 10)
    yr = (rng.random(n) < special.expit(-.1 + .5 * x + rng.normal(size=n // 10)[cl])).astype(float)
    return pd.DataFrame({"x": x, "g": g.astype(float), "f": f, "y": y, "k": k.astype(float), "c": c.astype(float),
                         "cl": cl.astype(float), "yr": yr})


def _r_table(session):
    m = session.r["table"]
    return np.asarray(m.values, float), list(m.rownames), list(m.colnames)


def _b(session, name):
    """e(b)'s coefficient ``name`` (its equation name left off)."""
    coefs = session.e.coefficients()
    names = [n.split(":")[-1] for n in coefs.names]
    return float(np.asarray(coefs.b, float)[names.index(name)])


def _margins_b(do, text, df):
    """r(b) of a margins run typed in a new session over ``df``."""
    rc, out, s = do(text, df)
    assert rc == 0, out
    return np.asarray(s.r["b"].values, float).ravel()


def _mtable(do, text, df):
    """An mtable run in a new session over ``df``: what it printed, the session, r(table)."""
    rc, out, s = do(text, df)
    assert rc == 0, out
    return out, s, _r_table(s)


def _lines_from(do, text, df, expression):
    """The printed lines of a run, the index of its ``Expression:`` line, the session."""
    out, s, _ = _mtable(do, text, df)
    lines = out.splitlines()
    return lines, lines.index(expression), s


def _margins_table(do, text, df) -> dict:
    """r(table) of a margins run in a new session over ``df``: row name -> its values."""
    rc, out, s = do(text, df)
    assert rc == 0, out
    t = s.r["table"]
    return dict(zip(t.rownames, np.asarray(t.values, float)))


def test_logit_at_atmeans_equals_margins_and_the_model_at_the_means(do):
    df = _data()
    out, s, (vals, rows, cols) = _mtable(do, "quietly logit y x i.g f\nmtable, at(x=(0 1)) atmeans stat(ci)", df)
    assert cols == ["x", "Pr(y)", "ll", "ul"] and rows == ["1", "2"]
    margins = _margins_table(do, "quietly logit y x i.g f\nmargins, at(x=(0 1)) atmeans", df)
    for j, name in ((1, "b"), (2, "ll"), (3, "ul")):
        np.testing.assert_allclose(vals[:, j], margins[name], rtol=1e-12)
    # independent: the logit's e(b) at x = 0/1 and the sample means of the other covariates
    xb_rest = (_b(s, "_cons") + _b(s, "2.g") * (df.g == 2).mean() + _b(s, "3.g") * (df.g == 3).mean()
               + _b(s, "f") * df.f.mean())
    np.testing.assert_allclose(vals[:, 1], special.expit(xb_rest + _b(s, "x") * np.array([0.0, 1.0])), rtol=1e-8)
    assert "Specified values of covariates" in out
    assert s.r["atspec"].startswith("x=0 1b.g=") and s.r["atspec"].endswith(" ")


def test_the_layout_is_the_books(do):
    """The SPost13 book's ``mtable, at(...) atmeans pr(0/5) width(7)`` log: row names after one
    blank in 9 columns, `` |``, each column a blank, the value, a blank; the rule under the names
    leaves the first blank; the constant values under "Specified values of covariates"."""
    df = _data()
    rc, out, s = do("quietly poisson c x f\nmtable, at(f=(0 1)) atmeans pr(0/2) width(7)", df)
    assert rc == 0, out
    lines = out.splitlines()
    i = lines.index("Expression: Pr(c), predict(pr())")
    assert lines[i + 1] == ""
    assert lines[i + 2] == "           |       f        0        1        2"
    assert lines[i + 3] == " ----------+-----------------------------------"
    assert lines[i + 4].startswith("         1 |       0    0.")
    assert lines[i + 6:i + 11] == ["", "Specified values of covariates", "",
                                   "           |       x", " ----------+--------"]
    assert lines[i + 11].startswith("   Current |")


def test_the_layout_without_row_names_is_the_books(do):
    """The book's ``quietly mtable ..., at(kid5=(0/3)) long`` then ``mtable ..., pr(0/5) at(kid5=(0/3))
    atvars(_none) right norownumbers brief``: no row names, columns two blanks apart from the
    first character, the rule as long as the values."""
    df = _data()
    text = ("quietly poisson c x f\nquietly mtable, at(f=(0 1)) long\n"
            "mtable, pr(0/2) at(f=(0 1)) atvars(_none) right norownumbers brief")
    lines, i, s = _lines_from(do, text, df, "Expression: Pr(c), predict(pr())")
    assert lines[i + 2] == "       f        mu         0         1         2"
    assert lines[i + 3] == "-" * 48
    assert lines[i + 4].startswith("       0     ") and len(lines[i + 4]) == 48
    assert list(s.r["table"].colnames) == ["f", "mu", "0", "1", "2"]


def test_coleqnm_and_factor_levels_head_their_columns(do):
    """The book's ``mtable, at(k5=(0 1 2 3)) coleqnm(1st)`` then ``... atmeans right coleqnm(2nd)``:
    each equation name from the blank before its first column; ``2.agecat`` as ``2.`` over
    ``agecat``, the level ending one place right of the name."""
    df = _data()
    text = ("quietly logit y x i.g f\nquietly mtable, at(x=(0 1)) coleqnm(1st)\n"
            "mtable, at(x=(0 1)) atmeans right coleqnm(2nd)")
    lines, i, s = _lines_from(do, text, df, "Expression: Pr(y), predict()")
    assert lines[i + 2:i + 5] == ["           | 1st                 2nd",
                                  "           |        x     Pr(y)         x     Pr(y)",
                                  " ----------+---------------------------------------"]
    j = lines.index("Specified values where .n indicates no values specified with at()")
    assert lines[j + 2:j + 4] == ["           |                  2.        3.",
                                  "           |  No at()         g         g         f"]
    assert lines[j + 5].startswith("     Set 1 |       .n         .")
    assert list(s.r["table"].colnames) == ["1st:x", "1st:Pr(y)", "2nd:x", "2nd:Pr(y)"]


def test_poisson_pr_equals_the_poisson_probabilities_at_the_means(do):
    df = _data()
    out, s, (vals, rows, cols) = _mtable(do, "quietly poisson c x f\nmtable, atmeans pr(0/4)", df)
    assert cols == ["0", "1", "2", "3", "4"] and rows == ["1"]
    mu = np.exp(_b(s, "_cons") + _b(s, "x") * df.x.mean() + _b(s, "f") * df.f.mean())
    np.testing.assert_allclose(vals[0], stats.poisson(mu).pmf(np.arange(5)), rtol=1e-8)
    margins = _margins_b(do, "quietly poisson c x f\nmargins, predict(pr(2)) atmeans", df)
    np.testing.assert_allclose(vals[0, 2], margins[0], rtol=1e-12)
    assert "Expression: Pr(c), predict(pr())" in out
    rc, out, s = do("quietly poisson c x f\nmtable, atmeans", df)
    assert "Expression: Predicted number of c, predict()" in out and list(s.r["table"].colnames) == ["mu"]


def test_margins_after_poisson_takes_pr_ranges_and_the_exposure(do):
    """poisson_p's pr(a,b) and pr(a,.) averaged over the sample, mu = exp(x b) times the exposure."""
    df = _data()
    df["t"] = 1 + np.arange(len(df)) % 3
    text = "quietly poisson c x f, exposure(t)\nmargins, predict(pr(1,3)) predict(pr(2,.))"
    rc, out, s = do(text, df)
    assert rc == 0, out
    assert "Pr(1<=c<=3), predict(pr(1,3))" in out and "Pr(c>=2), predict(pr(2,.))" in out
    mu = df.t * np.exp(_b(s, "_cons") + _b(s, "x") * df.x + _b(s, "f") * df.f)
    dist = stats.poisson(mu)
    expected = [(dist.cdf(3) - dist.cdf(0)).mean(), dist.sf(1).mean()]
    np.testing.assert_allclose(np.asarray(s.r["b"].values, float).ravel(), expected, rtol=1e-8)


def test_margins_after_nbreg_pr_is_the_negative_binomial_with_its_delta_method_se(do):
    """nbreg_p's pr(n): the negative binomial with size 1/alpha at mu = exp(x b); its standard
    error the delta method over (b, lnalpha) with e(V), by numerical derivatives here."""
    df = _data()
    rc, out, s = do("quietly nbreg c x f\nmargins, predict(pr(1)) atmeans", df)
    assert rc == 0, out
    names = [n for n in s.e.coefficients().names]
    theta = np.asarray(s.e.coefficients().b, float)
    V = np.asarray(s.e.coefficients().V, float)
    means = {"c:x": df.x.mean(), "c:f": df.f.mean(), "c:_cons": 1.0}

    def pr1(t):
        mu = np.exp(sum(t[names.index(k)] * v for k, v in means.items()))
        size = np.exp(-t[names.index("lnalpha:_cons")])
        return stats.nbinom(size, size / (size + mu)).pmf(1)

    grad = np.array([(pr1(theta + h) - pr1(theta - h)) / 2e-6 for h in np.eye(len(theta)) * 1e-6])
    t = s.r["table"]
    b, se = (np.asarray(t.values, float)[list(t.rownames).index(r), 0] for r in ("b", "se"))
    np.testing.assert_allclose(b, pr1(theta), rtol=1e-8)
    np.testing.assert_allclose(se, np.sqrt(grad @ V @ grad), rtol=1e-4)
    out, s, (vals, rows, cols) = _mtable(do, "quietly nbreg c x f\nmtable, atmeans pr(1)", df)
    np.testing.assert_allclose(vals[0, 0], b, rtol=1e-12)


def test_ologit_lists_every_outcome_and_they_sum_to_one(do):
    df = _data()
    df["k"] = df["k"].astype(float)
    rc, out, s = do("label define kl 1 \"low one\" 2 mid 3 high\nlabel values k kl\nquietly ologit k x f\n"
                    "mtable, at(f=(0 1)) atmeans", df)
    assert rc == 0, out
    vals, rows, cols = _r_table(s)
    assert cols == ["f", "low_one", "mid", "high"]
    np.testing.assert_allclose(vals[:, 1:].sum(axis=1), 1.0, rtol=1e-10)
    margins = _margins_b(do, "quietly ologit k x f\nmargins, predict(outcome(3)) at(f=(0 1)) atmeans", df)
    np.testing.assert_allclose(vals[:, 3], margins, rtol=1e-12)
    assert "Expression: Pr(k), predict(outcome())" in out
    rc, out, s = do("quietly ologit k x f\nmtable, at(f=(0 1)) atmeans outcome(1 3) stat(ci) nolabels", df)
    vals, rows, cols = _r_table(s)
    assert cols == ["f", "1", "3"] and rows == ["Pr(y)", "ll", "ul", "Pr(y)", "ll", "ul"]


def test_mlogit_wide_and_the_outcomes_probabilities(do):
    df = _data()
    out, s, (vals, rows, cols) = _mtable(do, "quietly mlogit k x f\nmtable, at(x=(-1 1)) wide", df)
    assert cols == ["x", "Pr(y)_1", "Pr(y)_2", "Pr(y)_3"]
    np.testing.assert_allclose(vals[:, 1:].sum(axis=1), 1.0, rtol=1e-10)
    margins = _margins_b(do, "quietly mlogit k x f\nmargins, predict(outcome(2)) at(x=(-1 1))", df)
    np.testing.assert_allclose(vals[:, 2], margins, rtol=1e-12)


def test_melogit_equals_margins(do):
    df = _data()
    out, s, (vals, rows, cols) = _mtable(do, "quietly melogit yr x || cl:\nmtable, at(x=(0 1)) stat(all)", df)
    assert cols == ["x", "Margin", "se", "z", "p", "ll", "ul"]
    margins = _margins_table(do, "quietly melogit yr x || cl:\nmargins, at(x=(0 1))", df)
    for j, name in enumerate(("b", "se", "z", "pvalue", "ll", "ul"), start=1):
        np.testing.assert_allclose(vals[:, j], margins[name], rtol=1e-10)


def test_after_regress_the_third_statistic_is_t(do):
    """The ado takes r(table)'s first six rows by position: after regress the z column holds t."""
    df = _data()
    out, s, (vals, rows, cols) = _mtable(do, "quietly regress y x f\nmtable, at(x=(0 1)) stat(all)", df)
    assert cols == ["x", "xb", "se", "z", "p", "ll", "ul"] and "Expression: Linear prediction, predict()" in out
    margins = _margins_table(do, "quietly regress y x f\nmargins, at(x=(0 1))", df)
    np.testing.assert_allclose(vals[:, 3], margins["t"], rtol=1e-12)
    xb = _b(s, "_cons") + _b(s, "f") * df.f.mean() + _b(s, "x") * np.array([0.0, 1.0])  # asobserved f: linear
    np.testing.assert_allclose(vals[:, 1], xb, rtol=1e-10)


def test_dydx_rowname_estname(do):
    df = _data()
    out, s, (vals, rows, cols) = _mtable(do, "quietly logit y x f\nmtable, dydx(x) rowname(d x) stat(ci) estname(Pr_y) brief", df)
    assert rows == ["d x"] and cols == ["Pr_y", "ll", "ul"]
    np.testing.assert_allclose(vals[0, 0], _margins_b(do, "quietly logit y x f\nmargins, dydx(x)", df)[0], rtol=1e-12)
    assert "Specified values" not in out


def test_rowname_below_and_a_dydx_row_as_the_book_stacks_them(do):
    """The book's ``mtable, at(wc=1) rowname(wc=1) statistics(ci) estname(Pr_LFP)``, the same at
    wc=0 ``below``, then ``mtable, dydx(wc) rowname(wc=1 - wc=0) ... below brief``: the row-name
    column widens to the longest name; a dy/dx table shows underscores as blanks (matlist's
    underscore); the dy/dx row is the difference of the two rows above it."""
    df = _data()
    df["wc"] = df["f"]
    text = ("quietly logit y x i.wc\nquietly mtable, at(wc=1) rowname(wc=1) statistics(ci) estname(Pr_LFP)\n"
            "quietly mtable, at(wc=0) rowname(wc=0) statistics(ci) estname(Pr_LFP) below\n"
            "mtable, dydx(wc) rowname(wc=1 - wc=0) statistics(ci) estname(Pr_LFP) below brief")
    lines, i, s = _lines_from(do, text, df, "Expression: Pr(y), predict()")
    assert lines[i + 2] == "              |   Pr LFP        ll        ul"
    assert lines[i + 3] == " -------------+-----------------------------"
    assert [line[:15] for line in lines[i + 4:i + 7]] == ["         wc=1 |", "         wc=0 |", "  wc=1 - wc=0 |"]
    vals, rows, cols = _r_table(s)
    assert rows == ["wc=1", "wc=0", "wc=1 - wc=0"] and cols == ["Pr_LFP", "ll", "ul"]
    np.testing.assert_allclose(vals[2, 0], vals[0, 0] - vals[1, 0], rtol=1e-10)


def test_stacking_right_and_below(do):
    df = _data()
    text = ("quietly logit y x f\nquietly mtable, at(f=(0 1)) estname(asobserved)\n"
            "mtable, at(f=(0 1)) atmeans atvars(_none) estname(atmeans) right\n")
    out, s, (vals, rows, cols) = _mtable(do, text, df)
    assert cols == ["f", "asobserved", "atmeans"] and vals.shape == (2, 3)
    assert "     Set 1 |" in out and "   Current |" in out
    assert s.globals["mtable_type"] == "W"
    rc, out, s = do("mtable, at(f=(0 1)) atmeans below", session=s)  # 2 columns under 3
    assert rc == 0 and "current table does not match columns of saved table" in out
    rc, out, s = do("quietly logit y x f\nquietly mtable, at(f=(0 1)) clear\nmtable, at(f=(0 1)) atmeans below", df)
    vals, rows, cols = _r_table(s)
    assert vals.shape == (4, 2) and rows == ["1", "2", "1", "2"]
    assert [n for n in s.matrices["_mtab_atstack"].rownames] == ["Set 1", "Set 2"]


def test_the_ados_messages_end_without_an_error_code(do):
    df = _data()
    rc, out, s = do("quietly logit y x f\nmtable, stat(foo)", df)
    assert rc == 0 and "invalid statistic specified: foo" in out
    rc, out, s = do("quietly logit y x f\nmtable, below right", df)
    assert rc == 0 and "options below and right cannot be used together" in out
    rc, out, s = do("quietly logit y x f\nmtable, names(zz)", df)
    assert rc == 0 and "invalid names() option" in out
    rc, out, s = do("quietly logit y x f\nmtable, at(x=(0 1)) atvars(nosuch)", df)
    assert rc == 0 and "nosuch is not in r(at)" in out
    rc, out, s = do("mtable", df)
    assert rc == 0 and "no regression estimates are in memory" in out
    rc, out, s = do("quietly logit y x f\nmargins, post\nmtable", df)
    assert rc == 0 and "margins estimates are in memory, not those from a regression model" in out


def test_refusals_with_stata_codes(do):
    df = _data()
    rc, out, s = do("quietly logit y x f\nmtable set table_a", df)
    assert rc == 101 and "varlist not allowed" in out
    rc, out, s = do("quietly logit y x f\nmtable, nosuchoption", df)  # margins' own refusal
    assert rc == 198 and "option nosuchoption not allowed" in out


def test_names_and_matrix_and_post(do):
    df = _data()
    rc, out, s = do("quietly logit y x f\nmtable, at(x=(0 1)) norownumbers matrix(M)", df)
    assert rc == 0, out
    assert "|" not in out.split("Specified")[0]
    assert list(s.matrices["M"].colnames) == ["x", "Pr(y)"]
    rc, out, s = do("quietly logit y x f\nmtable, at(x=(0 1)) post", df)
    assert s.e.macros.get("cmd") == "margins" and "_mtable_model" in s.estimates
