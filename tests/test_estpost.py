"""estpost summarize (estout package): e() as estpost.ado posts it, the matlist-style
listing, and esttab's cells() reading e(mean), e(sd) ... (estout's ``myel`` elements)."""
from __future__ import annotations

import re

import numpy as np
import pytest

DATA = "clear\ninput x y str3 s g\n1 2 \"a\" 0\n3 . \"b\" 0\n5 7 \"c\" 1\n. . \"d\" 1\n10 4 \"e\" 1\nend"


@pytest.fixture
def session(new_session, run):
    s = new_session()
    run(s, DATA)
    return s


def row(session, name):
    return session.e.matrices[name].values[0].tolist()


def test_summarize_posts_each_statistic_by_variable(session, run):
    out, rc = run(session, "estpost summarize x y")
    assert rc == 0, out
    e = session.e
    assert e.macros["cmd"] == "estpost" and e.macros["subcmd"] == "summarize"
    assert e.scalars == {"N": 4.0, "k": 2.0}  # obs 4 is missing on both: dropped (_estpost_markout2)
    assert "b" not in e.matrices and "V" not in e.matrices
    assert list(e.matrices) == ["count", "sum_w", "mean", "Var", "sd", "min", "max", "sum"]
    assert tuple(e.matrices["mean"].colnames) == ("x", "y")
    x, y = np.array([1, 3, 5, 10.]), np.array([2, 7, 4.])
    assert row(session, "count") == [4, 3]
    assert row(session, "mean") == pytest.approx([x.mean(), y.mean()])
    assert row(session, "sd") == pytest.approx([x.std(ddof=1), y.std(ddof=1)])
    assert row(session, "Var") == pytest.approx([x.var(ddof=1), y.var(ddof=1)])
    assert row(session, "min") == [1, 2] and row(session, "max") == [10, 7] and row(session, "sum") == [19, 13]
    lines = out.splitlines()
    assert lines[1].split() == ["|", "e(count)", "e(sum_w)", "e(mean)", "e(Var)", "e(sd)", "e(min)", "e(max)", "e(sum)"]
    assert lines[3].split() == ["x", "|", "4", "4", "4.75", "14.91667", "3.86221", "1", "10", "19"]


def test_listwise_and_detail(session, run):
    run(session, "estpost summarize x y, listwise quietly")
    assert session.e.scalars["N"] == 3 and row(session, "count") == [3, 3]
    assert row(session, "mean") == pytest.approx([16 / 3, 13 / 3])
    out, rc = run(session, "estpost su x, detail")
    assert rc == 0
    assert list(session.e.matrices) == ["count", "sum_w", "mean", "Var", "sd", "skewness", "kurtosis", "sum",
                                        "min", "max", "p1", "p5", "p10", "p25", "p50", "p75", "p90", "p95", "p99"]
    # Stata's percentiles of 1 3 5 10: p25 = (1+3)/2, p50 = (3+5)/2, p75 = (5+10)/2
    assert [row(session, p)[0] for p in ("p25", "p50", "p75", "p1", "p99")] == [2, 4, 7.5, 1, 10]


def test_esttab_cells_read_the_posted_matrices(session, run):
    out, rc = run(session, 'estpost summarize x y, quietly\nesttab, cells("mean sd count")')
    assert rc == 0, out
    assert re.search(r"^x\s+4\.750\s+3\.862\s+4\s*$", out, re.M), out
    assert re.search(r"^y\s+4\.333\s+2\.517\s+3\s*$", out, re.M), out
    assert re.search(r"^N\s+4\s*$", out, re.M), out
    out, rc = run(session, 'eststo: estpost summarize x, quietly\neststo: estpost summarize x y, listwise quietly\n'
                           'esttab, cells("mean(fmt(2)) max") noobs')
    assert rc == 0, out
    assert re.search(r"^x\s+4\.75\s+10\s+5\.33\s+10\s*$", out, re.M), out
    assert re.search(r"^y\s+4\.33\s+7\s*$", out, re.M), out


def test_regression_tables_still_read_b_and_se_with_an_e_element(session, run):
    out, rc = run(session, 'regress y x\nmatrix m = e(b)\nestadd matrix m = m\nesttab, cells("b m")')
    assert rc == 0, out
    b = session.e.matrices["b"].values[0]
    assert re.search(rf"^x\s+{b[0]:.3f}\s+{b[0]:.3f}\s*$", out, re.M), out


@pytest.mark.parametrize("line, rc, message", [
    ("estpost summarize s x, listwise", 109, "string variables not allowed in varlist"),
    ("estpost summarize x if x > 100", 2000, "no observations"),
    ("estpost summarize nosuch", 111, "variable nosuch not found"),
    ("estpost summarize x [pw=x]", 101, "pweights not allowed"),  # es78: aw fw iw are summarize's (test_estpost_weights.py)
    ("estpost nosuch x", 198, "invalid subcommand"),
    ("estpost tabulate x y, chi2", 198, "estpost tabulate: option chi2 not available in mlm"),
    ("estpost tabulate x y x", 103, "too many variables specified"),
    ("estpost tabulate x, missing", 198, "estpost tabulate: option missing not available in mlm"),
    ("estpost correlate x", 102, "too few variables specified"),
    ("estpost correlate x y, bonferroni sidak", 198, "only one of bonferroni and sidak allowed"),
    ("estpost ci x", 198, "estpost ci: not available in mlm yet"),
    ("estpost ttest x", 198, "option by() required"),
    ("estpost ttest x, by(x)", 420, "more than 2 groups found, only 2 allowed"),
    ("estpost ttest s, by(g)", 109, "string variables not allowed in varlist"),
    ("estpost tabstat x, s(foo)", 198, "foo invalid statistic"),
    ("estpost tabstat x, columns(rows)", 198, "columns(rows) invalid"),
    ("estpost tabstat x, by(nosuch)", 111, "variable nosuch not found"),
])
def test_errors(session, run, line, rc, message):
    out, code = run(session, line, stop_on_error=False)
    assert code == rc and message in out, out
    assert session.e is None


def test_ttest_posts_the_difference_and_its_test(session, run):
    from scipy import stats

    out, rc = run(session, "estpost ttest x y, by(g)")
    assert rc == 0, out
    e = session.e
    assert e.macros["subcmd"] == "ttest" and e.macros["byvar"] == "g" and "V" not in e.matrices
    x0, x1, y0, y1 = np.array([1, 3.]), np.array([5, 10.]), np.array([2.]), np.array([7, 4.])
    assert row(session, "b") == pytest.approx([x0.mean() - x1.mean(), y0.mean() - y1.mean()])
    assert row(session, "count") == [4, 3] and row(session, "N_1") == [2, 1] and row(session, "N_2") == [2, 2]
    tx = stats.ttest_ind(x0, x1)
    assert row(session, "t")[0] == pytest.approx(tx.statistic) and row(session, "p")[0] == pytest.approx(tx.pvalue)
    assert row(session, "df_t") == [2, 1]
    out, rc = run(session, "estpost ttest x, by(g) welch quietly\nesttab, wide")
    assert rc == 0 and session.e.macros["welch"] == "welch"
    t = (x0.mean() - x1.mean()) / np.sqrt(x0.var(ddof=1) / 2 + x1.var(ddof=1) / 2)
    assert re.search(rf"^x\s+-5\.500\s+\({t:.2f}\)\s*$", out, re.M), out  # t from e(t): no e(V)


def test_tabstat_columns_statistics_and_variables(session, run):
    out, rc = run(session, "estpost tabstat x y, statistics(mean sd n median) columns(statistics)")
    assert rc == 0, out
    assert out.splitlines()[1:3] == ["Summary statistics: mean sd count p50", "     for variables: x y"]
    assert list(session.e.matrices) == ["mean", "sd", "count", "p50"]
    x, y = np.array([1, 3, 5, 10.]), np.array([2, 7, 4.])
    assert row(session, "sd") == pytest.approx([x.std(ddof=1), y.std(ddof=1)])
    assert row(session, "count") == [4, 3] and row(session, "p50") == [4, 4]
    out, rc = run(session, 'esttab, cells("mean(fmt(2)) count") noobs')
    assert re.search(r"^x\s+4\.75\s+4\s*$", out, re.M) and re.search(r"^y\s+4\.33\s+3\s*$", out, re.M), out
    out, rc = run(session, "estpost tabstat x y, s(mean q) quietly")  # several variables: columns(variables)
    assert rc == 0 and list(session.e.matrices) == ["x", "y"]
    assert tuple(session.e.matrices["x"].colnames) == ("mean", "p25", "p50", "p75")
    assert row(session, "x") == pytest.approx([4.75, 2, 4, 7.5])
    out, rc = run(session, 'esttab, cells("x y") noobs')
    assert re.search(r"^p75\s+7\.500\s+7\s*$", out, re.M), out


def test_tabulate_oneway_frequencies_percents_and_labels(new_session, run):
    s = new_session()
    run(s, 'clear\ninput x str5 s\n1 "a b"\n2 "c"\n2 "c"\n3 "d"\n. ""\nend\n'
           'label define xl 1 "one" 2 "two words" 3 "three"\nlabel values x xl')
    out, rc = run(s, "estpost tabulate x")
    assert rc == 0, out
    assert out.splitlines()[1:7] == [
        "           x |      e(b)     e(pct)  e(cumpct) ",  # matlist.ado: values two blanks apart
        "-------------+---------------------------------",
        "         one |         1         25         25 ",
        "   two_words |         2         50         75 ",
        "       three |         1         25        100 ",
        "-------------+---------------------------------"]
    e = s.e
    assert tuple(e.matrices["b"].colnames) == ("one", "two words", "three", "Total")
    assert e.matrices["b"].values.tolist() == [[1, 2, 1, 4]] and e.scalars == {"N": 4, "r": 3}
    assert e.matrices["pct"].values.tolist() == [[25, 50, 25, 100]]
    assert e.matrices["cumpct"].values[0][:3].tolist() == [25, 75, 100] and np.isnan(e.matrices["cumpct"].values[0][3])
    out, rc = run(s, 'esttab, cells("b pct(fmt(2))") noobs')
    assert re.search(r"^two words\s+2\s+50\.00\s*$", out, re.M), out
    run(s, "estpost tab s, nototal quietly")
    assert tuple(s.e.matrices["b"].colnames) == ("a b", "c", "d")
    run(s, 'label define xl 2 "a.b", modify\nestpost tab x, quietly')  # a label with "." cannot be a name
    assert tuple(s.e.matrices["b"].colnames) == ("1", "2", "3", "Total")
    assert s.e.macros["labels"] == '1 `"one"\' 2 `"a.b"\' 3 `"three"\''


def test_esttab_of_elements_the_results_lack_has_no_rows(session, run):
    out, rc = run(session, "estpost summarize x, quietly\nesttab")  # cells(b): summarize posts no e(b)
    assert rc == 0, out
    assert not re.search(r"^x\s", out, re.M) and re.search(r"^N\s+4\s*$", out, re.M), out


def test_correlate_first_variable_with_the_others_and_matrix(new_session, run):
    from scipy import stats

    s = new_session()
    run(s, "clear\ninput x y z\n1 2 3\n3 . 1\n5 7 2\n. . 4\n10 4 8\n2 3 9\nend")
    out, rc = run(s, "estpost correlate x y z")
    assert rc == 0, out
    e = s.e
    assert tuple(e.matrices["b"].colnames) == ("y", "z") and e.macros["depvar"] == "x"
    xy = stats.pearsonr([1, 5, 10, 2], [2, 7, 4, 3])
    xz = stats.pearsonr([1, 3, 5, 10, 2], [3, 1, 2, 8, 9])
    assert e.matrices["rho"].values[0].tolist() == pytest.approx([xy.statistic, xz.statistic])
    assert e.matrices["p"].values[0].tolist() == pytest.approx([xy.pvalue, xz.pvalue])
    assert e.matrices["count"].values.tolist() == [[4, 5]]
    out, rc = run(s, 'esttab, cells("rho(fmt(3)) p(fmt(3)) count") noobs')
    assert re.search(rf"^z\s+{xz.statistic:.3f}\s+{xz.pvalue:.3f}\s+5\s*$", out, re.M), out
    run(s, "estpost correlate x y z, matrix quietly")
    assert tuple(s.e.matrices["b"].colnames) == ("x:x", "x:y", "x:z", "y:y", "y:z", "z:z")
    assert s.e.matrices["count"].values.tolist() == [[5, 4, 5, 4, 4, 6]] and s.e.macros["depvar"] == ""
    assert np.isnan(s.e.matrices["p"].values[0][0])
    run(s, "estpost correlate x y z, print(0.581) bonferroni quietly")
    assert np.isnan(s.e.matrices["p"].values[0]).all()  # 3 pairs: p = min(1, 3 p) > .581 for both
    run(s, "estpost correlate x y z, print(0.581) quietly")  # p 0.580 shown, 0.582 left missing
    assert s.e.matrices["count"].values[0][0] == 4 and np.isnan(s.e.matrices["count"].values[0][1])
