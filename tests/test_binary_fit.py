"""estat classification / lstat, estat gof / lfit, lroc and lsens after logit, logistic and
probit: numbers computed here from the model's predicted probabilities (numpy: counts,
covariate patterns, Mann-Whitney area), Stata 13's printed layout (lstat.ado, lfit.ado,
lroc.ado) and the drawn figures."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.stats import chi2 as chi2_dist

from graphs_helpers import all_texts, axes, figure, legend_texts, run
from mlmcli.dataset import Dataset
from mlmcli.render.numfmt import format_number
from mlmcli.session import Output, Session


def make(n: int = 80, seed: int = 5) -> Session:
    import io

    rng = np.random.default_rng(seed)
    x = np.round(rng.normal(0, 1, n), 1)       # rounded: covariate patterns repeat
    g = rng.integers(0, 3, n).astype(float)
    a = (np.arange(n) % 8 < 3).astype(float)   # 30 of 80 ones
    y = (rng.uniform(size=n) < 1 / (1 + np.exp(-(0.3 + 0.9 * x - 0.4 * g)))).astype(float)
    fw = (np.arange(n) % 3 + 1).astype(float)
    s = Session(out=Output(io.StringIO()))
    s.data = Dataset(df=pd.DataFrame({"y": y, "x": x, "g": g, "a": a, "fw": fw}),
                     types={"y": "byte", "x": "float", "g": "byte", "a": "byte", "fw": "byte"})
    return s


def ok(s, text):
    out, rc = run(s, text)
    assert rc == 0, out
    return out


def fails(s, text):
    out, rc = run(s, text, stop_on_error=True)
    assert rc != 0, out
    return out.strip().splitlines()[-2], rc


def probabilities(s, model="logit y x i.g"):
    ok(s, f"quietly {model}\ncapture drop __p\nquietly predict double __p, pr")
    return s.data.numeric("__p"), s.data.numeric("y")


@pytest.fixture()
def s():
    return make()


# ---------------------------------------------------------------- classification
def _counts(y, p, cutoff, w=None):
    w = np.ones_like(y) if w is None else w
    d, plus = y != 0, p >= cutoff
    return [w[m].sum() for m in (d & plus, ~d & plus, d & ~plus, ~d & ~plus)]


@pytest.mark.parametrize("command, cutoff", [("estat classification", 0.5), ("estat clas, cutoff(0.3)", 0.3),
                                             ("lstat, cut(.7)", 0.7)])
def test_classification_table_and_r(s, command, cutoff):
    p, y = probabilities(s)
    a, b, c, d = _counts(y, p, cutoff)
    out = ok(s, command)
    g = lambda v: format_number(v, "%9.0g")  # noqa: E731
    cut = format_number(cutoff, "%18.0g").strip()
    expected_head = ["", "Logistic model for y", "",
                     "              -------- True --------",
                     "Classified |         D            ~D  |      Total",
                     "-----------+--------------------------+-----------",
                     f"     +     | {g(a)}     {g(b)}  |  {g(a + b)}",
                     f"     -     | {g(c)}     {g(d)}  |  {g(c + d)}",
                     "-----------+--------------------------+-----------",
                     f"   Total   | {g(a + c)}     {g(b + d)}  |  {g(a + b + c + d)}",
                     "", f"Classified + if predicted Pr(D) >= {cut}", "True D defined as y != 0", "-" * 50]
    lines = out.rstrip("\n").split("\n")
    assert lines[:14] == expected_head
    sens = a / (a + c) * 100
    assert lines[14] == f"Sensitivity                     Pr( +| D){sens:8.2f}%"
    assert lines[-2] == f"Correctly classified                    {(a + d) / (a + b + c + d) * 100:9.2f}%"
    r = s.r
    assert r["P_p1"] == pytest.approx(sens)
    assert r["P_n0"] == pytest.approx(d / (b + d) * 100)
    assert r["P_1p"] == pytest.approx(a / (a + b) * 100)
    assert r["P_0n"] == pytest.approx(d / (c + d) * 100)
    assert r["P_corr"] == pytest.approx((a + d) / (a + b + c + d) * 100)
    np.testing.assert_allclose(r["ctable"].values, [[a, b, a + b], [c, d, c + d], [a + c, b + d, a + b + c + d]])
    assert r["ctable"].rownames == ("+", "-", "Total") and r["ctable"].colnames == ("D", "~D", "Total")


def test_classification_fweights_equal_expanded_data(s):
    ok(s, "quietly logit y x [fw=fw]\nestat classification")
    weighted = s.r["ctable"].values.copy()
    ok(s, "expand fw\nquietly logit y x\nestat classification")
    np.testing.assert_allclose(s.r["ctable"].values, weighted)
    assert weighted[2, 2] == 27 * 1 + 27 * 2 + 26 * 3  # 80 rows weighted 1, 2, 3, 1, ...


def test_classification_sample_if_all_and_probit_title(s):
    ok(s, "quietly logit y x if g < 2")
    p, y = s.data.numeric("x"), s.data.numeric("y")
    n_sample = int((s.data.numeric("g") < 2).sum())
    ok(s, "estat classification")
    assert s.r["ctable"].values[2, 2] == n_sample
    ok(s, "estat classification, all")
    assert s.r["ctable"].values[2, 2] == 80
    ok(s, "estat classification if g == 2")
    assert s.r["ctable"].values[2, 2] == 80 - n_sample
    out = ok(s, "quietly probit y x\nestat classification")
    assert out.split("\n")[1] == "Probit model for y"


def test_classification_errors(s):
    ok(s, "quietly logit y x")
    assert fails(s, "estat classification, cutoff(2)") == ("cutoff() must be between 0 and 1", 198)
    assert fails(s, "estat classification if x > 0, all") == ("all option not allowed with if or in", 198)
    assert fails(s, "lstat x") == ("varlist not allowed (except with beta() option)", 198)
    assert fails(s, "lstat [aw=fw]") == ("aweight not allowed", 101)
    assert fails(s, "estat classification, rules") == ("option rules invalid", 198)
    ok(s, "lstat y")  # the dependent variable may be typed
    ok(s, "quietly regress y x")
    assert fails(s, "estat classification") == ("invalid subcommand classification", 321)
    assert fails(s, "estat gof") == ("invalid subcommand gof", 321)
    assert fails(s, "lstat") == ("last estimates not found", 301)
    assert fails(s, "lroc") == ("last estimates not found", 301)


# ---------------------------------------------------------------- goodness of fit
def test_pearson_gof_by_covariate_pattern(s):
    p, y = probabilities(s)
    x, g = s.data.numeric("x"), s.data.numeric("g")
    keys = {}
    for xi, gi, yi, pi in zip(x, g, y, p):
        m, o, e = keys.get((xi, gi), (0, 0.0, 0.0))
        keys[(xi, gi)] = (m + 1, o + yi, e + pi)
    chi2 = sum((o - e) ** 2 / (e * (1 - e / m)) for m, o, e in keys.values())
    df = len(keys) - 4  # x, 1.g, 2.g, _cons (the base level 0.g is omitted)
    out = ok(s, "estat gof")
    assert out.rstrip("\n").split("\n") == [
        "", "Logistic model for y, goodness-of-fit test", "",
        "       number of observations =        80",
        f" number of covariate patterns = {len(keys):9d}",
        " " * (29 - len(f"Pearson chi2({df})")) + f"Pearson chi2({df}) = {chi2:12.2f}",
        f"                  Prob > chi2 = {chi2_dist.sf(chi2, df):14.4f}"]
    assert s.r["chi2"] == pytest.approx(chi2) and s.r["df"] == df and s.r["m"] == len(keys) and s.r["N"] == 80
    ok(s, "estat gof, outsample")
    assert s.r["df"] == len(keys)
    ok(s, "lfit")  # the old name
    assert s.r["chi2"] == pytest.approx(chi2)


def _hl_by_hand(y, p, w, g):
    """Hosmer-Lemeshow as [R] logistic postestimation describes it: the sorted distinct
    probabilities, each ending the group int(g W / N) its cumulative weight W reaches (whole
    numbers taken as they are), the counts of a group those since the previous group's end."""
    values = np.unique(p)
    W = np.array([w[p <= v].sum() for v in values])
    N = W[-1]
    rows, last_end, last_k = [], None, 0
    for v, cw in zip(values, W):
        k = int(np.floor(g * cw / N + 1e-9))
        if k > last_k:
            block = (p <= v) & (p > last_end) if last_end is not None else (p <= v)
            m, o, e = w[block].sum(), (w * y)[block].sum(), (w * p)[block].sum()
            rows.append((k, m, o, e))
            last_end, last_k = v, k
    chi2 = sum((o - e) ** 2 / (e * (1 - e / m)) for _, m, o, e in rows if 0 < e < m)
    return rows, chi2


@pytest.mark.parametrize("groups, weighted", [(8, False), (10, False), (6, True)])
def test_hosmer_lemeshow_groups_by_hand(s, groups, weighted):
    model = "logit y x" + (" [fw=fw]" if weighted else "")
    p, y = probabilities(s, model)
    w = s.data.numeric("fw") if weighted else np.ones_like(p)
    expected, chi2 = _hl_by_hand(y, p, w, groups)
    out = ok(s, f"estat gof, group({groups}) table")
    rows = [[c.strip() for c in ln.split("|")[1:-1]] for ln in out.split("\n")
            if ln.startswith("  |") and ln[4:9].strip().isdigit()]
    assert [int(r[0]) for r in rows] == [k for k, *_ in expected]
    for r, (_, m, o, e) in zip(rows, expected):
        assert (int(r[2]), r[3], int(r[4]), r[5], int(r[6])) == (o, f"{e:.1f}", m - o, f"{m - e:.1f}", m)
    assert s.r["chi2"] == pytest.approx(chi2) and s.r["df"] == len(expected) - 2
    assert s.r["N"] == w.sum() and s.r["m"] == len(expected)
    lines = out.split("\n")
    assert lines[1:5] == ["Logistic model for y, goodness-of-fit test", "",
                          "  (Table collapsed on quantiles of estimated probabilities)",
                          "  +--------------------------------------------------------+"]
    assert lines[5] == "  | Group |   Prob | Obs_1 | Exp_1 | Obs_0 | Exp_0 | Total |"
    df = len(expected) - 2
    assert out.rstrip("\n").split("\n")[-3:] == [
        f"             number of groups = {len(expected):9d}",
        " " * (29 - len(f"Hosmer-Lemeshow chi2({df})")) + f"Hosmer-Lemeshow chi2({df}) = {chi2:12.2f}",
        f"                  Prob > chi2 = {chi2_dist.sf(chi2, df):14.4f}"]
    plain = ok(s, f"estat gof, group({groups})")
    assert plain.split("\n")[3:6] == ["  (Table collapsed on quantiles of estimated probabilities)", "",
                                      f"       number of observations = {int(w.sum()):9d}"]


def test_hosmer_lemeshow_ties_leave_fewer_groups(s):
    # one binary covariate: two probabilities, n1 of the 80 rows at the lower one. group(4): the
    # lower value ends group int(4 n1 / 80) (q not whole), the higher group 4; the others stay empty
    p, _ = probabilities(s, "logit y a")
    n1 = int((p == p.min()).sum())
    assert n1 in (30, 50)
    out = ok(s, "estat gof, group(4) table")
    lines = out.split("\n")
    assert lines[3:5] == ["  (Table collapsed on quantiles of estimated probabilities)",
                          "  (There are only 2 distinct quantiles because of ties)"]
    rows = [ln for ln in lines if ln.startswith("  |") and ln[4:9].strip().isdigit()]
    assert [int(r.split("|")[1]) for r in rows] == [4 * n1 // 80, 4]
    assert [int(r.split("|")[7]) for r in rows] == [n1, 80 - n1]
    assert s.r["m"] == 2 and s.r["df"] == 0 and s.r["chi2"] == pytest.approx(0, abs=1e-9)


def test_hosmer_lemeshow_cut_on_a_tie_boundary_averages_probability():
    # 40 of 80 at each of two probabilities, group(2): q = 1 exactly at the first value ->
    # that group's Prob is the mean of the two probabilities (lfit.ado's Quantile)
    from mlmcli.postest.binary_fit import hosmer_lemeshow

    y = np.r_[np.zeros(30), np.ones(10), np.zeros(10), np.ones(30)]
    p = np.r_[np.full(40, 0.25), np.full(40, 0.75)]
    fit = hosmer_lemeshow(y, p, np.ones(80), 2, False)
    assert [g.number for g in fit.groups] == [1, 2]
    assert fit.groups[0].prob == pytest.approx(0.5) and fit.groups[1].prob == pytest.approx(0.75)
    assert [g.total for g in fit.groups] == [40, 40]
    assert fit.chi2 == pytest.approx(0)


def test_gof_errors(s):
    ok(s, "quietly logit y x")
    assert fails(s, "estat gof, group(-1)") == ("group() cannot be negative", 411)
    assert fails(s, "estat gof, group(81)") == ("number of groups cannot be greater than number of observations", 498)
    assert fails(s, "estat gof, bogus") == ("option bogus not allowed", 198)
    out = ok(s, "quietly probit y x\nestat gof, group(5)")
    assert out.split("\n")[1] == "Probit model for y, goodness-of-fit test"


def test_lfit_is_never_the_twoway_plot(s):
    """Typed without ``twoway``, ``lfit`` is lfit.ado: lfit_p's ``syntax [varname(default=none)]
    ...`` runs before any look at e(), so two variables are r(103) after any fit (or none), a
    variable not found r(111), one variable after a non-binary fit lfit_p's r(301)."""
    assert fails(s, "lfit y x") == ("too many variables specified", 103)  # nothing fitted
    assert fails(s, "quietly logit y x\nlfit y x") == ("too many variables specified", 103)
    assert fails(s, "lfit y x, lcolor(red)") == ("too many variables specified", 103)
    assert fails(s, "lfit y nosuch") == ("variable nosuch not found", 111)
    assert fails(s, "quietly regress y x\nlfit y") == ("last estimates not found", 301)
    assert fails(s, "quietly regress y x\nlfit y, asif") == ("option asif invalid", 198)
    assert fails(s, "quietly regress y x\nlfit y [aw=fw]") == ("aweight not allowed", 101)
    assert not s.graphs
    ok(s, "quietly logit y x")
    out = ok(s, "lfit if x > 0, group(4)")  # if/in/options: the goodness-of-fit test
    assert "Hosmer-Lemeshow chi2(2)" in out and s.r["N"] == int((s.data.numeric("x") > 0).sum())
    ok(s, "lfit y in 1/40 [fw=fw], g(3) table")
    assert s.r["N"] == s.data.numeric("fw")[:40].sum() and not s.graphs
    # the plot is drawn where Stata draws it: after twoway, or as a later plot of an overlay
    ok(s, "twoway lfit y x")
    assert [x.kind for x in s.graphs[-1].panels[0].series] == ["line"]
    ok(s, "scatter y x || lfit y x")
    assert [x.kind for x in s.graphs[-1].panels[0].series] == ["scatter", "line"]


@pytest.mark.parametrize("command", ["lroc", "lsens", "lstat"])
def test_lfit_p_commands_parse_their_varname_first(s, command):
    """lroc, lsens and lstat share lfit_p's syntax: r(103) before r(301)."""
    assert fails(s, f"{command} y x") == ("too many variables specified", 103)
    assert fails(s, f"quietly regress y x\n{command} y") == ("last estimates not found", 301)
    assert fails(s, f"quietly logit y x\n{command} x") == ("varlist not allowed (except with beta() option)", 198)


# ---------------------------------------------------------------- lroc, lsens
def _mann_whitney(y, p, w=None):
    w = np.ones_like(y) if w is None else w
    pos, neg = y != 0, y == 0
    greater = (p[pos][:, None] > p[neg][None, :]).astype(float) + 0.5 * (p[pos][:, None] == p[neg][None, :])
    return float((w[pos][:, None] * w[neg][None, :] * greater).sum() / (w[pos].sum() * w[neg].sum()))


def test_lroc_area_text_graph(s):
    p, y = probabilities(s)
    area = _mann_whitney(y, p)
    out = ok(s, "lroc")
    assert out.rstrip("\n").split("\n") == ["", "Logistic model for y", "",
                                           "number of observations =       80",
                                           f"area under ROC curve   = {area:8.4f}"]
    assert s.r["area"] == pytest.approx(area, abs=1e-6) and s.r["N"] == 80
    graph = s.graphs[-1]
    curve, reference = graph.panels[0].series
    assert curve.kind == "connected" and reference.kind == "line"
    assert (curve.x[0], curve.y[0], curve.x[-1], curve.y[-1]) == (0, 0, 1, 1)
    np.testing.assert_allclose(np.sum(np.diff(curve.x) * (curve.y[1:] + curve.y[:-1])) / 2, area, atol=1e-6)
    np.testing.assert_allclose(reference.x, [0, 1]) and np.testing.assert_allclose(reference.y, [0, 1])
    fig = figure(graph)
    ax = axes(fig)
    assert ax.get_xlabel() == "1 - Specificity" and ax.get_ylabel() == "Sensitivity"
    assert [t.get_text() for t in ax.get_xticklabels()] == ["0.00", "0.25", "0.50", "0.75", "1.00"]
    assert f"Area under ROC curve = {area:.4f}" in all_texts(fig)
    assert legend_texts(fig) == []


def test_lroc_fweights_nograph_and_options(s):
    p, y = probabilities(s, "logit y x [fw=fw]")
    w = s.data.numeric("fw")
    n_graphs = len(s.graphs)
    out = ok(s, "lroc, nograph")
    assert len(s.graphs) == n_graphs
    assert s.r["N"] == 159 and s.r["area"] == pytest.approx(_mann_whitney(y, p, w), abs=1e-6)
    assert "number of observations =      159" in out
    assert fails(s, "lroc, nograph title(x)") == ("option title() not allowed", 198)
    ok(s, "lroc, title(ROC) rlopts(lcolor(red)) addplot(scatter y x)")
    graph = s.graphs[-1]
    assert graph.title == "ROC" and len(graph.panels[0].series) == 3
    assert "Reference" in legend_texts(figure(graph))
    assert fails(s, "lroc, by(g)") == ("option by() not allowed", 198)
    ok(s, "lroc, msymbol(none) name(roc1)")
    assert s.graphs[-1].name == "roc1" and s.graphs[-1].panels[0].series[0].kind == "connected"


def test_lsens_points_generated_and_graph(s):
    p, y = probabilities(s)
    out = ok(s, "lsens, genprob(cut) gensens(se) genspec(sp)")
    k = len(np.unique(p)) + 2
    assert out == ("" if k <= 80 else f"obs was 80, now {k}\n")
    cut, se, sp = (s.data.numeric(n)[:k] for n in ("cut", "se", "sp"))
    d = y != 0
    for c, sens, spec in zip(cut, se, sp):  # each point: shares of D at or above, of ~D below the cutoff
        assert sens == pytest.approx((p[d] >= c).mean(), abs=1e-6)
        assert spec == pytest.approx((p[~d] < c).mean(), abs=1e-6)
    assert cut[0] == 1 and cut[-1] == 0 and np.all(np.diff(cut) <= 0)
    assert s.data.var_labels["cut"] == "Probability cutoff" and s.data.formats["se"] == "%9.6f"
    graph = s.graphs[-1]
    sens_series, spec_series = graph.panels[0].series
    np.testing.assert_allclose(sens_series.x, cut)
    np.testing.assert_allclose(spec_series.y, sp)
    fig = figure(graph)
    assert legend_texts(fig) == ["Sensitivity", "Specificity"]
    assert axes(fig).get_xlabel() == "Probability cutoff" and axes(fig).get_ylabel() == "Sensitivity/Specificity"
    assert s.r["N"] == 80
    assert fails(s, "lsens, genprob(cut) nograph") == ("variable cut already defined", 110)
    ok(s, "lsens, genprob(cut) replace nograph")
    assert fails(s, "lsens, genprob(a b)") == ("too many variables specified in genprob()", 103)


# ---------------------------------------------------------------- R reference (MASS's birthwt)
def test_lbw_against_r_reference():
    """tests/binary_fit_reference/lbw_reference.R: R's glm on Hosmer & Lemeshow's data, the
    Pearson and Hosmer-Lemeshow sums, the classification counts and the trapezoid area by hand."""
    import json
    from pathlib import Path

    from graphs_helpers import double_session

    here = Path(__file__).parent / "binary_fit_reference"
    ref = json.loads((here / "lbw_reference.json").read_text())
    df = pd.read_csv(here / "lbw.csv")
    s = double_session({c: df[c] for c in df})
    ok(s, "quietly logistic low age lwt i.race smoke ptl ht ui")
    out = ok(s, "estat gof")
    pearson = ref["pearson"]
    assert s.r["chi2"] == pytest.approx(pearson["chi2"], rel=1e-6)
    assert (s.r["m"], s.r["df"]) == (pearson["patterns"], pearson["df"])
    assert s.r["p"] == pytest.approx(pearson["p"], rel=1e-5)
    assert "            Pearson chi2(173) =       179.25" in out
    ok(s, "estat gof, group(10) table")
    hl = ref["hl10"]
    assert s.r["chi2"] == pytest.approx(hl["chi2"], rel=1e-6) and s.r["df"] == hl["df"]
    assert s.r["p"] == pytest.approx(ref["hl10_p"], rel=1e-5)
    ok(s, "estat classification")
    a, b, c, d = ref["ctable"]
    np.testing.assert_allclose(s.r["ctable"].values[:2, :2], [[a, b], [c, d]])
    out = ok(s, "lroc, nograph")
    assert s.r["area"] == pytest.approx(ref["area"], abs=1e-6)
    assert out.endswith(f"area under ROC curve   = {ref['area']:8.4f}\n")


# ---------------------------------------------------------------- $S_# double saves
def test_the_ados_double_save_in_s_globals(s):
    """lstat.ado: S_1..S_9 = r(P_corr) r(P_p1) r(P_n0) r(P_p0) r(P_n1) r(P_1p) r(P_0n) r(P_0p)
    r(P_1n); lfit.ado: S_1..S_4 = r(N) r(m) r(chi2) r(df) (set before its r(322)); lroc.ado:
    S_1 = r(N), S_2 = r(area); lsens.ado: S_1 = r(N). estat classification/gof run lstat/lfit."""
    from mlmcli.commands.program.macros import macro_number

    ok(s, "quietly logit y x")
    for line in ("lstat, cutoff(.4)", "estat classification, cutoff(.4)"):
        s.globals.clear()
        ok(s, line)
        keys = ["P_corr", "P_p1", "P_n0", "P_p0", "P_n1", "P_1p", "P_0n", "P_0p", "P_1n"]
        assert [s.globals[f"S_{k}"] for k in range(1, 10)] == [macro_number(s.r[k]) for k in keys]
    s.globals.clear()
    out = ok(s, 'lfit, group(5)\ndisplay "$S_1|$S_2|$S_4"')
    assert out.strip().splitlines()[-1] == f"{int(s.r['N'])}|5|3"
    assert s.globals["S_3"] == macro_number(s.r["chi2"]) and "." in s.globals["S_3"]
    s.globals.clear()
    assert fails(s, "lfit, group(1)") == ("not enough degrees of freedom to perform the test", 322)
    assert (s.globals["S_2"], s.globals["S_4"]) == ("1", "-1")  # saved before lfit's exit 322
    ok(s, "estat gof")
    assert s.globals["S_2"] == macro_number(s.r["m"]) and s.globals["S_4"] == macro_number(s.r["df"])
    ok(s, "lroc, nograph")
    assert (s.globals["S_1"], s.globals["S_2"]) == ("80", macro_number(s.r["area"]))
    assert float(s.globals["S_2"]) == pytest.approx(s.r["area"], abs=1e-15)
    s.globals.clear()
    assert fails(s, "lroc, nograph xtitle(a)")[1] == 198
    assert s.globals == {"S_1": "80"}  # lroc sets S_1 before it checks its options
    s.globals.clear()
    ok(s, "lsens if x > 0, nograph")
    assert s.globals == {"S_1": str(int((s.data.numeric("x") > 0).sum()))}


def test_estat_takes_no_varlist_nor_beta(s):
    """logit_estat's and probit_estat's CheckForBad: ``capture syntax varlist [fw] [if] [in]``
    succeeding is r(101) (lstat/lfit take the depvar, estat does not); a name that is no variable
    goes on to lfit_p's r(111); ``beta()`` r(198)."""
    for model in ("logit y x", "probit y x"):
        ok(s, f"quietly {model}")
        assert fails(s, "estat classification y") == ("varlist not allowed", 101)
        assert fails(s, "estat gof y x if x > 0, group(4)") == ("varlist not allowed", 101)
        assert fails(s, "estat gof nosuch") == ("variable nosuch not found", 111)
        assert fails(s, "estat class, beta(b)") == ("option beta() not allowed", 198)
    ok(s, "lstat y")  # the old names take it
    ok(s, "lfit y")


def test_lsens_sorts_the_data_as_lsens_x(s):
    """lsens is not sortpreserve: lsens_x's ``sort touse p`` and ``sort spec sens`` leave first
    the observation holding each point -- the last of its probability, so its own probability is
    the distinct value just below the point's cutoff -- in the points' order (cutoffs descending),
    then the rest (Stata: ties in random order; mlm: the rows outside the sample in their order,
    then the others by p, as a stable sort). The gen*() values sit on those observations."""
    ok(s, "generate id = _n")
    p, y = probabilities(s)
    ok(s, "lsens if g < 2, genprob(cut) gensens(se) nograph")
    data = s.data
    ids = data.numeric("id").astype(int) - 1
    assert sorted(ids) == list(range(80)) and data.sortedby == ()
    inside = (np.asarray(make().data.numeric("g")) < 2)  # the same draws: g of the original rows
    distinct = np.unique(p[inside])
    k = len(distinct)
    cut = data.numeric("cut")
    own = p[ids[:k]]
    np.testing.assert_allclose(own, distinct[::-1])  # holders: distinct probabilities descending
    np.testing.assert_allclose(cut[:k], np.r_[1.0, distinct[::-1][:-1]])  # cutoff: the next larger one
    assert cut[k] == distinct[0] and cut[k + 1] == 0 and np.isnan(cut[k + 2:]).all()
    for j in range(k):  # each holder is the last (in data order) of its probability
        tied = np.flatnonzero(inside & (p == own[j]))
        assert ids[j] == tied[-1]
    rest = ids[k:]
    outside = np.flatnonzero(~inside)
    assert list(rest[:len(outside)]) == list(outside)  # then the rows outside the sample, in order
    others = rest[len(outside):]
    assert np.all(np.diff(p[others]) >= 0)  # then the sample's others by p
    # an error before lsens_x leaves the data as they were
    before = data.numeric("id").copy()
    assert fails(s, "lsens, genprob(cut) nograph")[1] == 110
    np.testing.assert_array_equal(s.data.numeric("id"), before)
