"""The two speed-ups of xtmlogit's ``pr`` (margins, mfx after ``re``): the marginal
probabilities memoized on the fit per (index, Sigma) -- same values, a fresh copy each time, a
new quadrature when the index or the variance parameters change, the oldest entries dropped past
the byte budget -- and ``logsumexp_last``, scipy's logsumexp over the last axis bit for bit
(ties, infinities and NaN included)."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from scipy import special

from mlmcli.panel import multinomial_panel_fit, multinomial_random_effects
from mlmcli.panel.multinomial_random_effects import logsumexp_last, marginal_probabilities

REF = Path(__file__).resolve().parent / "xtmlogit_reference"


@pytest.fixture(scope="module")
def fit():
    from mlmcli.dataset import Dataset
    from mlmcli.runner import Runner
    from mlmcli.session import Session

    s = Session()
    s.data = Dataset(pd.read_csv(REF / "panel.csv").astype(float))
    assert Runner(s).run_text("xtset id t\nquietly xtmlogit y x z, nolog") == 0
    return s.e.model


@pytest.fixture
def calls(fit, monkeypatch):
    """Count the quadratures actually computed (the memo emptied first)."""
    fit.__dict__.pop("_pr_memo", None)
    seen = []

    def counting(*args):
        seen.append(1)
        return marginal_probabilities(*args)

    monkeypatch.setattr(multinomial_random_effects, "marginal_probabilities", counting)
    return seen


def _index(seed: int, n: int = 40) -> np.ndarray:
    index = np.random.default_rng(seed).normal(size=(n, 3))
    index[:, 0] = 0.0  # the base outcome
    return index


def test_memo_gives_the_quadratures_values_and_computes_each_point_once(fit, calls):
    index = _index(1)
    direct = marginal_probabilities(index, fit.sigma(), fit.spec.base, *fit.rule)
    first = fit.probabilities_of(index, "pr")
    again = fit.probabilities_of(index.copy(), "pr")
    assert np.array_equal(first, direct) and np.array_equal(again, direct)
    assert len(calls) == 1
    again[:] = -1.0  # the caller's copy: the memo keeps its own
    assert np.array_equal(fit.probabilities_of(index, "pr"), direct) and len(calls) == 1


def test_memo_recomputes_for_a_new_index_or_new_variance_parameters(fit, calls):
    index = _index(2)
    base = fit.probabilities_of(index, "pr")
    shifted = index.copy()
    shifted[3, 1] += 1e-9
    assert not np.array_equal(fit.probabilities_of(shifted, "pr")[3], base[3])
    gamma = np.asarray(fit.gamma, float) * 1.5
    wider = fit.probabilities_of(index, "pr", gamma)
    assert np.array_equal(wider, marginal_probabilities(index, fit.sigma(gamma), fit.spec.base, *fit.rule))
    assert not np.allclose(wider, base)
    assert fit.probabilities_of(index[:10], "pr").shape == (10, 3)  # a slice is its own point
    assert len(calls) == 4


def test_memo_drops_its_oldest_entries_past_the_byte_budget(fit, calls, monkeypatch):
    one = _index(3).nbytes  # an answer is as large as its index
    monkeypatch.setattr(multinomial_panel_fit, "_MEMO_BYTES", 2 * one)
    points = [_index(10 + i) for i in range(3)]
    for p in points:
        fit.probabilities_of(p, "pr")
    assert len(fit.__dict__["_pr_memo"]) == 2 and len(calls) == 3
    fit.probabilities_of(points[2], "pr")  # kept
    assert len(calls) == 3
    fit.probabilities_of(points[0], "pr")  # dropped: computed again
    assert len(calls) == 4


def test_pu0_is_not_memoized(fit, calls):
    index = _index(4)
    got = fit.probabilities_of(index, "pu0")
    assert np.allclose(got, np.exp(index) / np.exp(index).sum(axis=1, keepdims=True))
    assert calls == [] and not fit.__dict__.get("_pr_memo")


# logsumexp_last follows scipy 1.17's steps; bit-identity is checked against that scipy only
_SCIPY_STEPS_FOLLOWED = __import__("scipy").__version__.startswith("1.17.")


def test_logsumexp_last_is_scipys_bit_for_bit():
    rng = np.random.default_rng(7)
    for trial in range(600):
        k = int(rng.integers(1, 6))
        shape = tuple(int(d) for d in rng.integers(1, 6, size=int(rng.integers(1, 4)))) + (k,)
        a = rng.normal(scale=float(rng.choice([1e-3, 1.0, 30.0, 800.0])), size=shape)
        r = rng.random(shape)
        a[r < 0.05] = np.inf
        a[(r >= 0.05) & (r < 0.1)] = -np.inf
        a[(r >= 0.1) & (r < 0.13)] = np.nan
        if trial % 5 == 0:
            a = np.round(a)  # ties for the maximum
        if trial % 7 == 0:
            a[...] = a[..., :1]  # every entry of a row the maximum
        with np.errstate(all="ignore"):
            want = special.logsumexp(a, axis=-1)
        got = logsumexp_last(a)
        if _SCIPY_STEPS_FOLLOWED:
            assert np.array_equal(got, want, equal_nan=True), (a, got, want)
        else:  # another scipy may take other steps: the same numbers to rounding
            np.testing.assert_allclose(got, want, rtol=1e-13, atol=0, equal_nan=True)
