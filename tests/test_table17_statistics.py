"""Stata 17 ``table``: statistics added by tb82 (proportion, sum/total, sumw, fvfrequency,
fvpercent, fvproportion), weighted statistics (aweights, iweights, pweights, fweights) and
command() results -- every number computed here independently with numpy/pandas from the
definitions ([R] summarize's weighted moments and percentiles, OLS for regress)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture
def data():
    rng = np.random.default_rng(82)
    n = 150
    g = rng.integers(0, 3, n).astype(float)
    f = rng.integers(1, 4, n).astype(float)
    y = np.round(rng.normal(20, 5, n), 2)
    x = np.round(rng.normal(3, 1, n), 3)
    w = np.round(rng.uniform(0.5, 3.0, n), 2)
    fw = rng.integers(1, 4, n).astype(float)
    y[[3, 17]] = np.nan
    return pd.DataFrame({"g": g, "f": f, "y": y, "x": x, "w": w, "fw": fw})


def _rows(out: str) -> dict[str, list[list[str]]]:
    """label -> the cells of every body line with that label (all tables of the output)."""
    cells: dict = {}
    for line in out.split("\n"):
        if "|" in line and not line.startswith("-"):
            label, _, rest = line.partition("|")
            if label.strip():
                cells.setdefault(label.strip(), []).append(rest.split())
    return cells


def _wpct(v: np.ndarray, w: np.ndarray, p: float) -> float:
    """[R] summarize's weighted percentile: the first x_i whose running weight passes W p/100,
    the mean of x_i and x_i+1 when it equals it."""
    order = np.argsort(v, kind="mergesort")
    v, w = v[order], w[order]
    cum = np.cumsum(w)
    P = cum[-1] * p / 100
    for i in range(len(v)):
        if abs(cum[i] - P) < 1e-12 and i + 1 < len(v):
            return (v[i] + v[i + 1]) / 2
        if cum[i] > P:
            return v[i]
    return v[-1]


def test_proportion_total_and_sum_against_pandas(do, data):
    rc, out, _ = do("table (g), stat(proportion) stat(total y) stat(sum x) stat(count y) nformat(%12.6f)", df=data)
    assert rc == 0, out
    cells = _rows(out)
    for k in (0, 1, 2):
        part = data[data.g == k]
        # sum is total's other name; the columns are grouped by variable (y's, then x's)
        expect = [f"{len(part) / len(data):.6f}", f"{part.y.sum():.6f}", f"{part.y.count():.6f}",
                  f"{part.x.sum():.6f}"]
        assert cells[str(k)] == [expect], (k, cells[str(k)])


def test_factor_variable_statistics_against_value_counts(do, data):
    rc, out, _ = do("table (g) (result var), stat(fvfrequency f) stat(fvpercent f) stat(fvproportion f)"
                    " nformat(%10.4f fvproportion)", df=data)
    assert rc == 0, out
    cells = _rows(out)
    for k, label in [(0, "0"), (1, "1"), (2, "2"), (None, "Total")]:
        part = data if k is None else data[data.g == k]
        counts = part.f.value_counts().reindex([1.0, 2.0, 3.0], fill_value=0)
        n = counts.sum()
        expect = ([f"{c}" for c in counts] + [f"{100 * c / n:.2f}" for c in counts]
                  + [f"{c / n:.4f}" for c in counts])
        assert cells[label] == [expect], (label, cells[label])


@pytest.mark.parametrize("kind", ["aweight", "iweight", "pweight"])
def test_weighted_statistics_against_the_definitions(do, data, kind):
    short = {"aweight": "aw", "iweight": "iw", "pweight": "pw"}[kind]
    rc, out, _ = do(f"table (g) [{short}=w], stat(frequency) stat(percent) stat(mean y) stat(sd y)"
                    " stat(median y) stat(p25 y) stat(total y) nformat(%14.6f)", df=data)
    assert rc == 0, out
    cells = _rows(out)
    whole = data.w.sum()
    for k, label in [(0, "0"), (1, "1"), (2, "2"), (None, "Total")]:
        part = data if k is None else data[data.g == k]
        keep = part.y.notna()
        y, w = part.y[keep].to_numpy(), part.w[keep].to_numpy()
        n = len(y)
        scaled = w * n / w.sum() if kind in ("aweight", "pweight") else w
        mean = (w * y).sum() / w.sum()
        var = (scaled * (y - mean) ** 2).sum() / (scaled.sum() - 1)
        expect = [part.w.sum(), 100 * part.w.sum() / whole, mean, np.sqrt(var), _wpct(y, w, 50),
                  _wpct(y, w, 25), (scaled * y).sum()]
        assert cells[label] == [[f"{v:.6f}" for v in expect]], (label, cells[label])


def test_fweights_match_the_expanded_data(do, data):
    rc, out, _ = do("table (g) [fw=fw], stat(frequency) stat(mean y) stat(sd y) stat(median y) stat(count y)"
                    " nformat(%14.6f)", df=data)
    assert rc == 0, out
    cells = _rows(out)
    big = data.loc[data.index.repeat(data.fw.astype(int))]
    for k in (0, 1, 2):
        part = big[big.g == k]
        y = part.y.dropna()
        expect = [len(part), y.mean(), y.std(ddof=1), np.percentile(y, 50, method="averaged_inverted_cdf"), len(y)]
        assert cells[str(k)] == [[f"{v:.6f}" for v in expect]]


def _ols(part: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, float]:
    part = part.dropna(subset=["y", "x"])
    X = np.column_stack([part.x, np.ones(len(part))])
    b, *_ = np.linalg.lstsq(X, part.y.to_numpy(), rcond=None)
    e = part.y.to_numpy() - X @ b
    s2 = e @ e / (len(part) - 2)
    se = np.sqrt(np.diag(s2 * np.linalg.inv(X.T @ X)))
    r2 = 1 - e @ e / ((part.y - part.y.mean()) ** 2).sum()
    return b, se, r2


def test_command_regress_per_cell_against_least_squares(do, data):
    rc, out, session = do("quietly regress x y\ntable (g colname) (result), command(_r_b _r_se: regress y x)"
                          " nformat(%12.6f)", df=data)
    assert rc == 0, out
    cells = _rows(out)
    for k, pos in [(0, 0), (1, 1), (2, 2), (None, 3)]:
        b, se, _ = _ols(data if k is None else data[data.g == k])
        assert cells["x"][pos] == [f"{b[0]:.6f}", f"{se[0]:.6f}"]
        assert cells["Intercept"][pos] == [f"{b[1]:.6f}", f"{se[1]:.6f}"]
    assert session.e.macros.get("depvar") == "x"  # e() as before table


def test_command_default_results_and_scalars(do, data):
    rc, first, _ = do("table () (command result), command(regress y x)", df=data)
    assert rc == 0, first
    assert "regress y x" in first and "Coefficient" in first and "Std. error" in first
    b, se, _ = _ols(data)
    shown = _rows(first)["x"][0]  # %9.0g: seven significant digits
    assert [float(v) for v in shown] == pytest.approx([b[0], se[0]], rel=1e-6)
    rc, out, _ = do("table (g) (result), command(e(r2) e(N): regress y x) nformat(%9.6f r2)", df=data)
    assert rc == 0, out
    second = _rows(out)
    for k, label in [(0, "0"), (1, "1"), (2, "2"), (None, "Total")]:
        part = data if k is None else data[data.g == k]
        _, _, r2 = _ols(part)
        n = part.dropna(subset=["y", "x"]).shape[0]
        # frequency too: table's default statistic stays with command()
        assert second[label] == [[f"{len(part)}", f"{r2:.6f}", f"{n}"]]


def test_command_refusals(do, data):
    for script, code, message in [
            ("table (g), command(_r_foo: regress y x)", 198, "result _r_foo is not available"),
            ("table (g), command(_r_b: summarize y)", 301, "no e(b)"),
            ("table (g), stat(sumw)", 100, "requires a varlist"),
            ("table (g) (g)", 198, "only one dimension"),
            ("table (g) (f) (y) (x)", 198, "at most three dimensions")]:
        rc, out, _ = do(script, df=data)
        assert rc == code and message in out, (script, out)


def test_two_commands_coefficients_and_scalars_side_by_side(do, data):
    rc, out, _ = do("table (g), command(regress y x) command(summarize y)", df=data)
    assert rc == 0, out
    lines = out.split("\n")
    top = next(line for line in lines if "regress y x" in line)
    assert "summarize y" in top  # both commands' headers on one row
    header = next(line for line in lines if "Coefficient" in line)
    assert header.count("Coefficient") == 2 and "Mean" in header and "Standard deviation" in header
    cells = _rows(out)
    for k, label in [(0, "0"), (None, "Total")]:
        part = data if k is None else data[data.g == k]
        b, se, _ = _ols(part)
        shown = [float(v) for v in cells[label][0]]
        y = part.y.dropna()
        assert shown[:4] == pytest.approx([b[0], se[0], b[1], se[1]], rel=1e-6)
        # summarize's r(): N sum_w mean Var sd min max sum
        assert shown[4:] == pytest.approx([len(y), len(y), y.mean(), y.var(), y.std(), y.min(), y.max(), y.sum()],
                                          rel=1e-6)


def test_command_confidence_interval_and_cidelimiter(do, data):
    from scipy import stats
    rc, out, _ = do('table () (command result), command(_r_b _r_p _r_ci: regress y x) nformat(%12.6f)'
                    ' cidelimiter(;) sformat("[%s]" _r_ci)', df=data)
    assert rc == 0, out
    part = data.dropna(subset=["y", "x"])
    b, se, _ = _ols(part)
    crit = stats.t.ppf(0.975, len(part) - 2)
    p = 2 * stats.t.sf(abs(b[0] / se[0]), len(part) - 2)
    assert _rows(out)["x"] == [[f"{b[0]:.6f}", f"{p:.6f}", f"[{b[0] - crit * se[0]:.6f};{b[0] + crit * se[0]:.6f}]"]]


def test_factor_variable_coefficients_labelled_and_against_group_means(do, data):
    rc, out, _ = do('label define fl 1 "low" 2 "mid" 3 "high"\nlabel values f fl\n'
                    "table (colname) (result), command(_r_b: regress y i.f) nformat(%12.6f)", df=data)
    assert rc == 0, out
    cells = _rows(out)
    means = data.dropna(subset=["y"]).groupby("f").y.mean()
    assert "low" not in cells  # the base level has no coefficient
    assert cells["mid"] == [[f"{means[2] - means[1]:.6f}"]]
    assert cells["high"] == [[f"{means[3] - means[1]:.6f}"]]
    assert cells["Intercept"] == [[f"{means[1]:.6f}"]]
