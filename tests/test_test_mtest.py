"""test's mtest[(bonferroni|holm|sidak|noadjust)] (test.ado 2.4.0, _mtest.ado 1.4.3): each
constraint's own Wald test beside the joint one; hand-derivable numbers (a one-coefficient
constraint's statistic is (b/se)^2) and test.ado's table."""
from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

SETUP = "use samples/data/hsb.dta, clear\nquietly logit minority ses mathach female\n"


def _zs(session):
    b = session.e.matrices["b"].values[0]
    se = np.sqrt(np.diag(session.e.matrices["V"].values))
    return (b / se)[:3]


@pytest.mark.parametrize("method", ["noadjust", "bonferroni", "holm", "sidak"])
def test_each_constraint_and_the_adjustments(do, root_dir, method):
    option = "mtest" if method == "noadjust" else f"mtest({method})"
    rc, out, s = do(f"cd {root_dir}\n" + SETUP + f"test ses mathach female, {option}")
    assert rc == 0, out
    z = _zs(s)
    p = stats.chi2.sf(z * z, 1)
    expected = {"noadjust": p, "bonferroni": np.minimum(1, 3 * p), "sidak": 1 - (1 - p) ** 3,
                "holm": np.minimum(1, np.array([1 + sum(p[i] <= p[j] * (1 + 1e-8) for j in range(3) if j != i)
                                                for i in range(3)]) * p)}[method]
    m = s.r["mtest"]
    assert m.values[:, 0] == pytest.approx(z * z, rel=1e-9)
    assert list(m.values[:, 1]) == [1, 1, 1]
    assert m.values[:, 2] == pytest.approx(p, rel=1e-9)
    if method == "noadjust":
        assert m.colnames == ("chi2", "df", "p")
    else:
        assert m.colnames == ("chi2", "df", "p", "adjustp")
        assert m.values[:, 3] == pytest.approx(expected, rel=1e-9)
    assert s.r["mtmethod"] == method and s.r["df"] == 3
    label = "unadjusted" if method == "noadjust" else method.capitalize() + "-adjusted"
    assert out.rstrip().endswith(f"# {label} p-values".rjust(39))
    lines = out.splitlines()
    at = lines.index("       |        chi2     df       p")
    assert lines[at - 1] == "-" * 39 and lines[at + 1] == "-" * 7 + "+" + "-" * 31
    shown = expected[0] if method != "noadjust" else p[0]
    assert lines[at + 2] == f"  (1)  |   {z[0] ** 2:9.2f} {1:6d}     {shown:6.4f} #"
    assert lines[at + 6].startswith(f"  all  |   {s.r['chi2']:9.2f} {3:6d}     ")


def test_after_regress_the_f_heading(do, root_dir):
    rc, out, s = do(f"cd {root_dir}\nuse samples/data/hsb.dta, clear\nquietly regress mathach ses minority\n"
                    "test ses minority, mtest(sidak)")
    assert rc == 0, out
    assert "       |  F(df,7182)     df       p" in out
    assert s.r["mtest"].colnames[0] == "F"
    t = s.e.matrices["b"].values[0][0] / np.sqrt(s.e.matrices["V"].values[0, 0])
    assert s.r["mtest"].values[0, 2] == pytest.approx(stats.f.sf(t * t, 1, 7182), rel=1e-9)


@pytest.mark.parametrize("typed,message", [
    ("test ses, mtest notest", "options mtest and notest may not be combined"),
    ("test ses, mtest accumulate", "options mtest and accumulate may not be combined"),
    ("test ses, mtest(foo)", "invalid mtest(): foo"),
])
def test_refusals(do, root_dir, typed, message):
    rc, out, _ = do(f"cd {root_dir}\n" + SETUP + typed)
    assert rc == 198 and message in out


@pytest.mark.parametrize("dfm", ["kroger", "satterthwaite", "residual"])
def test_small_after_mixed_each_row_its_own_ddf_test(do, root_dir, dfm):
    """WaldTest_ddf (test.ado 2.4.0): each constraint through the dfmethod()'s F test alone (the
    same F and ddf as ``test x, small``), p = Ftail(1, ddf, F), Bonferroni over them; r(ddf)."""
    bir = f'import delimited using "{root_dir}/tests/suest_reference/birthwt.csv", clear\n'
    rc, out, s = do(bir + f"quietly mixed bwt age smoke lwt || id:, reml dfmethod({dfm})\n"
                    "test age, small\nscalar F1 = r(F)\nscalar d1 = r(df_r)\n"
                    "test lwt, small\nscalar F3 = r(F)\nscalar d3 = r(df_r)\n"
                    "test age smoke lwt, small mtest(bonferroni)")
    assert rc == 0, out
    m, ddf = s.r["mtest"].values, s.r["ddf"].values[:, 0]
    assert list(s.r["mtest"].colnames) == ["F", "df", "p", "adjustp"] and s.r["mtmethod"] == "bonferroni"
    assert m[0, 0] == pytest.approx(s.scalars["F1"], rel=1e-10) and ddf[0] == pytest.approx(s.scalars["d1"])
    assert m[2, 0] == pytest.approx(s.scalars["F3"], rel=1e-10) and ddf[2] == pytest.approx(s.scalars["d3"])
    p = stats.f.sf(m[:, 0], 1, ddf)
    assert m[:, 2] == pytest.approx(p, rel=1e-9) and m[:, 3] == pytest.approx(np.minimum(1, 3 * p), rel=1e-9)
    lines = out.splitlines()
    at = lines.index("       |  F(df, ddf)     df     ddf       p")
    assert lines[at - 1] == "-" * 46 and lines[at + 1] == "-------+" + "-" * 38
    row = lines[at + 2]
    assert row.startswith("  (1)  |   ") and row.endswith(" #") and len(row) == 47
    assert row[30:36] == f"{ddf[0]:6.2f}" and lines[at + 6].startswith("  all  |")
    assert lines[at + 8] == "# Bonferroni-adjusted p-values".rjust(46)
