"""The call sites moved from ``np.unique(M, axis=0, ...)`` onto ``sorted_codes.unique_rows`` /
``matrix_row_codes`` (nu100) keep their answers: groups, patterns, PSUs, cells and counts checked
against plain-Python groupings (sorted sets of row tuples) and pandas on small data with
fractions, -0.0, infinities, missing values and ties; pwmean and estat gof end to end."""
from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest

from mlmcli.classic_tests.pairwise_means import pairwise_means
from mlmcli.commands.community.catplot import percent_of_total
from mlmcli.commands.community.runmlwin_complex import _units
from mlmcli.dataset import Dataset
from mlmcli.glm.covariate_patterns import CovariatePatterns
from mlmcli.graphs.fpfit_xt_bootstrap_group import stratum_pieces
from mlmcli.panel.absorbed_dof import nested_within
from mlmcli.postest.binary_fit import pearson_fit
from mlmcli.session import Output, Session
from mlmcli.survey.linearized import design_units


def _python_codes(matrix) -> tuple[list, np.ndarray]:
    """Distinct rows as sorted tuples (Python: -0.0 == 0.0) and each row's index among them."""
    rows = [tuple(float(v) for v in r) for r in np.asarray(matrix, float)]
    distinct = sorted(set(rows))
    where = {r: i for i, r in enumerate(distinct)}
    return distinct, np.array([where[r] for r in rows], dtype=np.int64)


def _keys(seed: int, n: int = 60) -> np.ndarray:
    rng = np.random.default_rng(seed)
    a = rng.choice([-0.0, 0.0, 0.5, -1.25, 3.0, np.inf], n)
    b = rng.integers(-2, 3, n).astype(float)
    c = rng.normal(size=n).round(0) * 1e9  # a wide range of whole numbers
    return np.column_stack([a, b, c])


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_covariate_patterns_number_rows_in_sorted_order(seed):
    keys = _keys(seed)
    n = len(keys)
    in_sample = np.arange(n) % 7 != 3
    cp = CovariatePatterns(keys, np.zeros(n), np.full(n, 0.5), in_sample)
    distinct, codes = _python_codes(keys[in_sample])
    np.testing.assert_array_equal(cp.pattern, codes)
    assert cp.count == len(distinct)
    np.testing.assert_array_equal(cp.m, np.bincount(codes).astype(float))


@pytest.mark.parametrize("seed", [3, 4])
def test_pearson_fit_groups_by_pattern(seed):
    rng = np.random.default_rng(seed)
    keys = _keys(seed)[:, :2]
    y = (rng.random(len(keys)) < 0.4).astype(float)
    distinct, codes = _python_codes(keys)
    p = 0.2 + 0.6 * (codes + 0.5) / len(distinct)  # one probability per pattern
    w = rng.integers(1, 4, len(keys)).astype(float)
    fit = pearson_fit(y, p, w, keys, n_coef=2, outsample=False)
    m = np.bincount(codes, weights=w)
    o = np.bincount(codes, weights=w * y)
    e = np.bincount(codes, weights=w * p)
    assert len(fit.groups) == len(distinct) and fit.df == len(distinct) - 2
    assert fit.chi2 == pytest.approx(float(np.sum((o - e) ** 2 / (e * (1 - e / m)))))
    assert [g.total for g in fit.groups] == pytest.approx(list(m))  # ascending p: the sorted order


def test_pairwise_means_cells_in_sorted_order_with_their_means():
    rng = np.random.default_rng(5)
    groups = np.column_stack([rng.integers(1, 4, 50), rng.choice([0.5, 2.0], 50)]).astype(float)
    y = rng.normal(size=50)
    out = pairwise_means(y, groups)
    distinct, codes = _python_codes(groups)
    assert out.cells == tuple(distinct)
    np.testing.assert_allclose(out.means, [y[codes == j].mean() for j in range(len(distinct))])
    np.testing.assert_array_equal(out.counts, np.bincount(codes))


def test_pairwise_means_keeps_np_unique_for_negative_zero_cells():
    groups = np.array([[-0.0, 1.0], [0.0, 1.0], [1.0, 1.0], [1.0, 2.0]])
    out = pairwise_means(np.array([1.0, 3.0, 2.0, 5.0]), groups)
    assert [c[1] for c in out.cells] == [1.0, 1.0, 2.0]
    np.testing.assert_allclose(out.means, [2.0, 2.0, 5.0])


def test_survey_psus_are_the_strata_psu_pairs():
    rng = np.random.default_rng(6)
    strata = rng.integers(1, 4, 40).astype(float)
    psu = rng.choice([10.5, 11.0, 12.0, -3.0], 40)
    units = design_units(40, strata, psu, None, "missing")
    distinct, codes = _python_codes(np.column_stack([strata, psu]))
    np.testing.assert_array_equal(units.psu, codes)
    assert units.n_psu == len(distinct)


def test_catplot_percent_of_total_groups_missing_values_together():
    g1 = np.array([1.0, np.nan, 1.0, 2.0, np.nan, 2.0, 1.0])
    g2 = np.array([0.5, 0.5, 0.5, -1.0, 0.5, -1.0, 3.0])
    w = np.array([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0])
    rows = np.array([True] * 6 + [False])
    got = percent_of_total(w, rows, [g1, g2], 100.0)
    frame = pd.DataFrame({"g1": g1, "g2": g2, "w": w})[rows]
    want = 100 * frame.w / frame.groupby(["g1", "g2"], dropna=False).w.transform("sum")
    np.testing.assert_allclose(got[rows], want.to_numpy())
    assert np.isnan(got[~rows]).all()


def test_runmlwin_units_and_bootstrap_stratum_pieces_number_pairs():
    school = np.array([3.0, 1.0, 3.0, 2.0, 1.0, 3.0])
    klass = np.array([1.0, 1.0, 2.0, 1.0, 1.0, 1.0])
    np.testing.assert_array_equal(_units([school, klass]), _python_codes(np.column_stack([school, klass]))[1])
    strata = np.array([-1, 0, 1, 0, 1, -1])
    panel = np.array([4, 4, 4, 2, 2, 2])
    np.testing.assert_array_equal(stratum_pieces(strata, panel), _python_codes(np.column_stack([strata, panel]))[1])


def test_nested_within_counts_distinct_pairs():
    fe = np.array([0, 0, 1, 1, 2])
    assert nested_within(fe, np.array([5, 5, 7, 7, 7]))
    assert not nested_within(fe, np.array([5, 6, 7, 7, 7]))


def _session(frame: pd.DataFrame) -> Session:
    s = Session(out=Output(io.StringIO()))
    s.data = Dataset(df=frame, types={c: "double" for c in frame})
    return s


def test_pwmean_over_two_variables_end_to_end():
    from graphs_helpers import run

    rng = np.random.default_rng(7)
    frame = pd.DataFrame({"y": rng.normal(size=40).round(2), "a": rng.integers(1, 3, 40).astype(float),
                          "b": rng.integers(1, 4, 40).astype(float)})
    s = _session(frame)
    out, rc = run(s, "pwmean y, over(a b)")
    assert rc == 0, out
    cells = frame.groupby(["a", "b"]).y
    mean, size = cells.mean(), cells.size()
    s2 = float(((frame.y - cells.transform("mean")) ** 2).sum()) / (len(frame) - len(mean))
    lines = [ln for ln in out.splitlines() if ln.startswith("(")]
    assert len(lines) == len(mean) * (len(mean) - 1) // 2
    for line in lines:  # "(2 1) vs (1 1)  |  contrast  se  lower  upper"
        label, numbers = line.split("|")
        j, i = (tuple(float(v) for v in part.strip(" ()").split()) for part in label.split(" vs "))
        contrast, se = (float(v) for v in numbers.split()[:2])
        assert contrast == pytest.approx(mean[j] - mean[i], rel=1e-6, abs=1e-7)
        assert se == pytest.approx(np.sqrt(s2 * (1 / size[j] + 1 / size[i])), rel=1e-6)
    assert lines[0].startswith("(1 2) vs (1 1)") and lines[-1].startswith("(2 3) vs (2 2)")  # sorted cells
