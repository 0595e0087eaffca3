"""``set cformat``, ``set pformat``, ``set sformat`` ([R] set cformat): the session's default
formats of the coefficient, P and test-statistic columns of every coefficient table; a
command's cformat()/pformat()/sformat() overrides them, ``set cformat`` alone resets, a
format must be numeric and fit its column (9, 8 and 5 wide), c(cformat) & co. hold them."""
from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from scipy import stats

SET = "set cformat %9.3f\nset pformat %5.2f\nset sformat %7.3f\n"
TYPED = "cformat(%9.3f) pformat(%5.2f) sformat(%7.3f)"


def _data() -> pd.DataFrame:
    rng = np.random.default_rng(20261207)
    n = 240
    df = pd.DataFrame({"id": np.arange(n) % 24 + 1, "t": np.arange(n) // 24 + 1,
                       "x": rng.normal(size=n), "g": rng.integers(1, 4, size=n).astype(float)})
    u = rng.normal(size=24)[df["id"] - 1]
    df["y"] = 2.0 + 1.5 * df["x"] + 0.7 * df["g"] + u + rng.normal(size=n)
    df["b"] = (df["y"] > df["y"].median()).astype(float)
    return df


DATA = _data()


def _row(out: str, name: str) -> list[str]:
    """The numbers of the last table row named ``name`` (the cells after its ``|``)."""
    lines = [line for line in out.splitlines() if re.match(rf"^\s*{re.escape(name)} \|", line)]
    assert lines, out
    return lines[-1].split("|", 1)[1].split()


def _table(out: str) -> str:
    """The output from the last coefficient table's heading on."""
    heads = [h for h in ("Coef.", "Margin", "Contrast", "Mean", "Odds Ratio") if h in out]
    return out[max(out.rindex(h) for h in heads):]


def test_regress_cells_follow_the_settings(do):
    """Every cell of regress's table in the set formats, against numpy's OLS."""
    rc, out, _ = do(SET + "regress y x g", df=DATA)
    assert rc == 0, out
    X = np.column_stack([DATA["x"], DATA["g"], np.ones(len(DATA))])
    y = DATA["y"].to_numpy()
    b, *_ = np.linalg.lstsq(X, y, rcond=None)
    dof = len(y) - 3
    s2 = float(((y - X @ b) ** 2).sum()) / dof
    se = np.sqrt(np.diag(s2 * np.linalg.inv(X.T @ X)))
    t = b / se
    p = 2 * stats.t.sf(np.abs(t), dof)
    q = stats.t.ppf(0.975, dof)
    for k, name in enumerate(("x", "g", "_cons")):
        want = [f"{b[k]:.3f}", f"{se[k]:.3f}", f"{t[k]:.3f}", f"{p[k]:.2f}".replace("0.", "0.", 1),
                f"{b[k] - q * se[k]:.3f}", f"{b[k] + q * se[k]:.3f}"]
        assert _row(out, name) == want, out


def test_the_option_overrides_the_setting(do):
    rc, out, _ = do(SET + "regress y x g, cformat(%9.2f)", df=DATA)
    assert rc == 0, out
    coef, se, t, p, lo, hi = _row(out, "x")
    assert re.fullmatch(r"-?\d+\.\d\d", coef) and re.fullmatch(r"\d+\.\d\d", se), out
    assert re.fullmatch(r"-?\d+\.\d{3}", t) and re.fullmatch(r"\d\.\d\d", p), out  # sformat, pformat: the settings


def test_a_too_wide_option_falls_back_to_statas_default_with_the_note(do):
    """_get_diopts 1.7.0 replaces a too-wide cformat() by %9.0g and hands ``cformat(%9.0g)`` on
    (the Mata _b_table 2.4.8 does the same): the default, not the setting."""
    rc, base, _ = do("regress y x g", df=DATA)
    rc, out, _ = do(SET + "regress y x g, cformat(%12.2f)", df=DATA)
    assert rc == 0 and "note: invalid cformat(), using default" in out, out
    assert _row(out, "x")[:2] == _row(base, "x")[:2], out  # coef and SE in %9.0g
    assert re.fullmatch(r"-?\d+\.\d{3}", _row(out, "x")[2]), out  # t: the sformat setting still


def test_set_without_a_format_resets_and_c_holds_the_formats(do):
    rc, base, _ = do("regress y x g", df=DATA)
    rc, out, s = do(SET + 'display "`c(cformat)\' `c(pformat)\' `c(sformat)\'"', df=DATA)
    assert rc == 0 and "%9.3f %5.2f %7.3f" in out, out
    rc, out, _ = do('set cformat\nset pformat\nset sformat, permanently\n'
                    'display "[`c(cformat)\'][`c(pformat)\'][`c(sformat)\']"\nregress y x g', session=s)
    assert rc == 0 and "[][][]" in out, out
    assert _table(out) == _table(base)  # Stata's %9.0g, %5.3f, %8.2f again


def test_permanently_is_accepted(do):
    rc, out, _ = do('set cformat %8.4f, permanently\ndisplay "`c(cformat)\'"')
    assert rc == 0 and "%8.4f" in out, out


@pytest.mark.parametrize("line, rc_want, message", [
    ("set cformat %10.2f", 198, "invalid cformat; the format's width may be at most 9"),
    ("set pformat %6.3f", 198, "invalid pformat; the format's width may be at most 5"),
    ("set sformat %9.2f", 198, "invalid sformat; the format's width may be at most 8"),
    ("set cformat %9s", 7, "'%9s' found where numeric format expected"),
    ("set cformat abc", 7, "'abc' found where numeric format expected"),
    ("set cformat %9.2f %9.3f", 198, "invalid syntax")])
def test_invalid_formats_are_refused_and_leave_the_setting(do, line, rc_want, message):
    rc, out, s = do("set cformat %9.1f\nset pformat %4.2f\nset sformat %7.1f\n" + line)
    assert rc == rc_want and message in out, out
    rc, out, _ = do('display "`c(cformat)\' `c(pformat)\' `c(sformat)\'"', session=s)
    assert "%9.1f %4.2f %7.1f" in out, out


# the settings give the table the typed options give, for estimators whose tables are drawn by
# different renderers (and the replays, margins, postestimation tables)
SAME_AS_TYPED = [
    "logit b x g", "glm y x g", "xtreg y x g, fe", "xtreg y x g, re", "mixed y x g || id:",
    "melogit b x || id:", "ologit g x", "mlogit g x", "tobit y x, ll(2)",
    "regress y x i.g\nmargins g", "regress y x i.g\npwcompare g", "regress y x i.g\ncontrast r.g",
    "regress y x g\nnlcom _b[x]/_b[g]", "regress y x g\nestimates store m1\nregress y x\nestimates replay m1",
    "regress y x g\nregress", "regress y x g\nereturn display", "mean y x"]


@pytest.mark.parametrize("fit", SAME_AS_TYPED)
def test_the_settings_act_as_the_typed_options(do, fit):
    head, _, last = fit.rpartition("\n")
    head = "xtset id t\n" + (head + "\n" if head else "")
    typed = TYPED if not last.startswith("mean") else "cformat(%9.3f)"
    sep = " " if "," in last else ", "
    rc0, base, s0 = do(head, df=DATA)
    rc1, default, _ = do(last, session=s0)
    rc0, _, s1 = do(head, df=DATA)
    rc2, with_option, _ = do(last + sep + typed, session=s1)
    rc0, _, s2 = do(SET + head, df=DATA)
    rc3, with_setting, _ = do(last, session=s2)
    assert rc1 == rc2 == rc3 == 0, with_setting
    if last.startswith("xtreg"):  # xtreg_re/fe.ado's sigma_u/sigma_e/rho lines read the typed cformat()
        with_option = re.sub(r"(?m)^\s*(sigma_u|sigma_e|rho) \|.*\n", "", with_option)  # alone (cf101)
        with_setting = re.sub(r"(?m)^\s*(sigma_u|sigma_e|rho) \|.*\n", "", with_setting)
    assert _table(with_setting) == _table(with_option), with_setting
    assert _table(with_setting) != _table(default)
    assert re.search(r"\s-?\d+\.\d{3}\s", _table(with_setting)), with_setting


def test_svy_tables_follow_the_setting(do):
    """svy takes no cformat(); its table still reads set cformat (and replays read it when shown)."""
    rc, out, s = do("svyset id\nsvy: regress y x g", df=DATA)
    assert rc == 0 and not re.fullmatch(r"-?\d+\.\d{3}", _row(out, "x")[0]), out
    rc, out, _ = do(SET + "svy", session=s)
    coef, se, t, p, lo, hi = _row(out, "x")
    assert rc == 0 and re.fullmatch(r"-?\d+\.\d{3}", coef) and re.fullmatch(r"\d\.\d\d", p), out
    assert re.fullmatch(r"-?\d+\.\d{3}", t), out


def test_a_replay_reads_the_setting_in_force_when_shown(do):
    rc, out, s = do("regress y x g", df=DATA)
    rc, out, _ = do("set cformat %9.4f\nregress", session=s)
    assert rc == 0 and re.fullmatch(r"-?\d+\.\d{4}", _row(out, "x")[0]), out


def test_the_replicate_prefixes_tables_follow_the_setting(do):
    """bootstrap/jackknife of an expression list: _coef_table reads set cformat there too."""
    rc, out, _ = do(SET + "set seed 5\nbootstrap m=r(mean), reps(10) nodots: summarize y\n"
                    "jackknife m=r(mean), nodots: summarize y", df=DATA)
    assert rc == 0, out
    mean = DATA["y"].mean()
    rows = [line for line in out.splitlines() if re.match(r"^\s+m \|", line)]
    assert len(rows) == 2, out
    for line in rows:
        coef, se, z, p, *_ = line.split("|")[1].split()
        assert coef == f"{mean:.3f}" and re.fullmatch(r"\d+\.\d{3}", se), out
        assert re.fullmatch(r"\d\.\d\d", p) and re.fullmatch(r"-?\d+\.\d{3}", z), out
