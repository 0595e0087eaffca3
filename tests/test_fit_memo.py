"""tests/fit_memo.py (the fits the slow fpfit files share): a repeat is the engine's own result bit
for bit and a copy; another input bit, control or engine switch is a fit of its own."""
from __future__ import annotations

import numpy as np
import pytest

import fit_memo
from mlmcli.survival import cox
from mlmcli.survival.cox import CoxData


@pytest.fixture
def data():
    rng = np.random.default_rng(3)
    n = 40
    X = rng.normal(size=(n, 2))
    t = np.round(rng.exponential(np.exp(-X @ [0.5, -0.3])) * 10, 1) + 0.1
    return CoxData(t0=np.zeros(n), t=t, d=(rng.uniform(size=n) < 0.8).astype(float), X=X, w=np.ones(n))


@pytest.fixture
def memo(monkeypatch):
    monkeypatch.setattr(fit_memo, "_fits", type(fit_memo._fits)())
    monkeypatch.setattr(fit_memo, "stats", {"hits": 0, "misses": 0, "uncached": 0})
    return fit_memo.memo_fit_cox(cox.fit_cox)


def _same(a, b):
    _, res_a, V_a, ll0_a = a
    _, res_b, V_b, ll0_b = b
    return (np.array_equal(res_a.x, res_b.x) and res_a.f == res_b.f and np.array_equal(V_a, V_b)
            and ll0_a == ll0_b and [s.loglik for s in res_a.steps] == [s.loglik for s in res_b.steps])


def test_a_repeat_is_the_engines_bits_and_a_copy(data, memo):
    direct = cox.fit_cox(data)
    first = memo(data)
    second = memo(data)
    assert fit_memo.stats == {"hits": 1, "misses": 1, "uncached": 0}
    assert _same(direct, first) and _same(direct, second)
    second[1].x[:] = 0.0  # a caller changing its copy leaves the memory alone
    second[2][:] = 0.0
    assert _same(direct, memo(data))
    assert isinstance(memo(data)[0], cox.PartialLikelihood)


def test_another_bit_control_start_or_switch_is_a_fit_of_its_own(data, memo, monkeypatch):
    memo(data)
    X = data.X.copy()
    X[0, 0] = np.nextafter(X[0, 0], np.inf)
    from dataclasses import replace

    assert _same(memo(replace(data, X=X)), cox.fit_cox(replace(data, X=X)))
    memo(data, tolerance=1e-8)
    memo(data, start=np.array([0.1, 0.0]))
    memo(data, likelihood=cox.PartialLikelihood(replace(data, ties="efron")))
    monkeypatch.setattr(cox, "SHARE_DERIVATIVES", False)
    memo(data)
    assert fit_memo.stats["hits"] == 0 and fit_memo.stats["misses"] == 6


def test_an_unknown_likelihood_is_fitted_each_time(data, memo):
    class Other(cox.PartialLikelihood):
        pass

    memo(data, likelihood=Other(data))
    memo(data, likelihood=Other(data))
    assert fit_memo.stats == {"hits": 0, "misses": 0, "uncached": 2}


def test_stcrreg_fits_are_remembered_only_with_their_own_likelihood(data, monkeypatch):
    from mlmcli.survival import subdistribution_hazard as sh

    monkeypatch.setattr(fit_memo, "_fits", type(fit_memo._fits)())
    monkeypatch.setattr(fit_memo, "stats", {"hits": 0, "misses": 0, "uncached": 0})
    memo = fit_memo.memo_fit_subdistribution(sh.fit_subdistribution)
    status = np.where(data.d == 1, np.where(np.arange(len(data.t)) % 3 == 0, 2.0, 1.0), 0.0)
    crr = sh.CompetingData(t=data.t, status=status, X=data.X, offset=np.zeros(len(data.t)))
    _, res, V = sh.fit_subdistribution(crr)
    for lik, res_m, V_m in (memo(crr), memo(crr)):
        assert isinstance(lik, sh.SubdistributionLikelihood)
        assert np.array_equal(res_m.x, res.x) and np.array_equal(V_m, V) and res_m.f == res.f
    memo(crr, likelihood=sh.SubdistributionLikelihood(crr))
    assert fit_memo.stats == {"hits": 1, "misses": 1, "uncached": 1}


def test_shared_frailty_fits_are_remembered_by_records_and_groups(monkeypatch):
    """stcox shared(): a repeat is fit_shared_frailty's own bits and a copy; other groups or
    another bit of the records a fit of its own."""
    from dataclasses import astuple, replace

    from mlmcli.survival import cox_frailty

    monkeypatch.setattr(fit_memo, "_fits", type(fit_memo._fits)())
    monkeypatch.setattr(fit_memo, "stats", {"hits": 0, "misses": 0, "uncached": 0})
    memo = fit_memo.memo_fit_shared_frailty(cox_frailty.fit_shared_frailty)
    rng = np.random.default_rng(1)
    G, m = 30, 4
    groups = np.repeat(np.arange(G), m)
    X = rng.normal(size=(G * m, 2))
    t = rng.exponential(1 / (rng.gamma(1.0, 1.0, G)[groups] * np.exp(X @ [0.5, -0.3])))
    data = CoxData(t0=np.zeros(G * m), t=t, d=(rng.uniform(size=G * m) < 0.8).astype(float), X=X, w=np.ones(G * m))
    direct = cox_frailty.fit_shared_frailty(data, groups)
    assert direct is not None and direct.theta > 0

    def same(a, b):
        return all(np.array_equal(x, y) for x, y in zip(astuple(a), astuple(b)))

    first, second = memo(data, groups), memo(data, groups)
    assert same(first, direct) and same(second, direct)
    assert fit_memo.stats == {"hits": 1, "misses": 1, "uncached": 0}
    second.b[:] = 0.0  # the caller's copy
    assert same(memo(data, groups), direct)
    other = groups.copy()
    other[:2] = other[-1]
    assert same(memo(data, other), cox_frailty.fit_shared_frailty(data, other))
    t2 = t.copy()
    t2[0] = np.nextafter(t2[0], np.inf)
    assert same(memo(replace(data, t=t2), groups), cox_frailty.fit_shared_frailty(replace(data, t=t2), groups))
    assert fit_memo.stats == {"hits": 2, "misses": 3, "uncached": 0}
