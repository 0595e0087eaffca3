"""mlm reaches lme4's optimum on the hard-model sweep (bench/hard_models.py).

The data are regenerated from fixed seeds; lme4's log likelihoods are stored in
bench/hard_models_lme4.json by ``python3 bench/hard_models.py --refresh-lme4``
(R is not needed here).  mlm's log likelihood must not be below lme4's by more
than 1e-6 on every case lme4 fits (above is allowed: lme4 stops short on some).
"""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import numpy as np
import pytest

from mlmcli.mixed.fit import fit_mixed

BENCH = Path(__file__).resolve().parents[1] / "bench"


def _load():
    spec = importlib.util.spec_from_file_location("hard_models", BENCH / "hard_models.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


HARD = _load()
LME4 = json.loads((BENCH / "hard_models_lme4.json").read_text())
CASES = HARD.cases()


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_reaches_lme4_optimum(case):
    ref = LME4[case["name"]]
    # the stored values belong to exactly these data
    assert float(np.sum(case["data"]["y"])) == pytest.approx(ref["ysum"], rel=1e-12)
    fit = fit_mixed(HARD.to_spec(case))
    assert fit.converged
    if "error" in ref:  # lme4 refuses the model (e.g. as many random effects as rows)
        assert np.isfinite(fit.loglik)
        return
    assert fit.loglik >= ref["loglik"] - 1e-6
    if not ref["singular"] and not ref["messages"]:
        # an interior optimum lme4 reports without warnings is the same point
        for lam, ((lv,), zc) in zip(fit.model.lambdas(fit.theta), case["re"]):
            S = fit.sigma2 * lam @ lam.T
            # lme4 orders a term's columns (Intercept) first, then the slopes as typed
            order = ([zc.index("_cons")] if "_cons" in zc else []) + [
                i for i, c in enumerate(zc) if c != "_cons"]
            S = S[np.ix_(order, order)]
            np.testing.assert_allclose(S, np.array(ref["cov"][lv]).reshape(S.shape), rtol=2e-4,
                                       atol=2e-4 * np.abs(S).max())


def test_sweep_covers_the_hard_shapes():
    names = {c["name"] for c in CASES}
    assert {"un4_ml", "near_singular_corr", "badly_scaled", "tiny_groups_slope",
            "crossed_slope_ml", "three_level_slope"} <= names
    assert all(c["name"] in LME4 for c in CASES)
