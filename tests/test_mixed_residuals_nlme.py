"""residuals() structures against R's nlme (lme / gls): the same log likelihood and estimates.

Reference values: ``tests/reference_values/residuals_nlme.json``, written by
``tests/reference_values/make_residuals_nlme.R`` from the datasets of
``tests/residual_datasets.py`` (regenerated here; their checksums are stored) and, for
the pig (Stata's [ME] mixed ar 1 example) and Rodriguez's oxboys (exponential) cases,
``../shared/data``.  Tolerances: log likelihood 1e-6 absolute; fixed effects, their
standard errors and the variance parameters 1e-5 relative (absolute below 1).
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from residual_datasets import DATASETS, case_spec, checksum

from mlmcli.mixed.estimate import fit_mixed

REF = json.loads((Path(__file__).parent / "reference_values" / "residuals_nlme.json").read_text())
GENERATED = {name: make() for name, make in DATASETS.items()}
# exponential rho of oxboys sits at 0.001, where the likelihood is flat in rho (Stata and nlme
# both print .0010001): it is compared to 2e-4, and cov(age2,_cons), which moves with it, to
# 2e-5 (our optimum is 1.1e-8 above nlme's log likelihood there: nlme stops short of it)
LOOSE = {("oxboys_exponential_ml", "rho"): 2e-4, ("oxboys_exponential_ml", "cov(age2,_cons)"): 2e-5}


def close(a: float, b: float, rel: float = 1e-5) -> bool:
    return abs(a - b) <= rel * max(abs(b), 1.0)


def test_generated_data_are_those_fitted_in_R():
    for name, df in GENERATED.items():
        assert checksum(df) == REF["datasets"][name], name


def _data(case, shared):
    if case["data"] in GENERATED:
        return GENERATED[case["data"]]
    if shared is None:
        pytest.skip("../shared is not available")
    if case["data"] == "pig":
        return pd.read_stata(shared / "data" / "stata" / "pig.dta")
    return pd.read_stata(shared / "data" / "grodri" / "oxboys.dta")


@pytest.fixture(scope="module")
def shared():
    root = Path(__file__).resolve().parents[1].parent / "shared"
    return root if (root / "data").is_dir() else None


@pytest.mark.parametrize("case", REF["cases"], ids=[c["name"] for c in REF["cases"]])
def test_fit_matches_nlme(case, shared):
    df = _data(case, shared)
    spec = case_spec(case["name"].rsplit("_", 1)[0], df, case["method"])
    fit = fit_mixed(spec)
    res = fit.result()
    assert fit.converged
    assert abs(fit.loglik - case["loglik"]) < 1e-6
    fixed = {r.name: r for r in res.fixed}
    for name, v in case["fixed"].items():
        assert close(fixed[name].coef, v["coef"]), name
        assert close(fixed[name].se, v["se"]), name
    # the JSON names ar 1's parameter phi1 and toeplitz's rho<k> (nlme's Phi); Stata prints
    # rho and, in the variance metric, cov<k> (rho_k var(e))
    rows = {r.label: r.estimate for r in res.residual_blocks["variance"].rows}
    rows.update({r.label: r.estimate for r in res.residual_blocks["sd"].rows if r.label.startswith("rho")})
    if "rho" in rows and "phi1" in case["residual"]:
        rows["phi1"] = rows.pop("rho")
    rows = {k: v for k, v in rows.items() if not (k.startswith("cov") and k[3:].isdigit())}
    assert set(rows) == set(case["residual"])
    for label, v in case["residual"].items():
        assert close(rows[label], v, LOOSE.get((case["name"], label), 1e-5)), label
    random = {}
    for block in res.random["variance"]:
        for r in block.rows:
            key = r.label if len(res.random["variance"]) == 1 else f"{block.levelvar}: {r.label}"
            random[key] = r.estimate
    for label, v in (case["random"] or {}).items():
        assert close(random[label], v, LOOSE.get((case["name"], label), 1e-5)), label


PREDICTED = [c for c in REF["cases"] if "blups" in c]


@pytest.mark.parametrize("case", PREDICTED, ids=[c["name"] for c in PREDICTED])
def test_blups_and_fitted_values_match_nlme(case):
    """BLUPs (conditional modes given the estimates) and x b + z u after a residuals() fit."""
    df = GENERATED[case["data"]]
    fit = fit_mixed(case_spec(case["name"].rsplit("_", 1)[0], df, case["method"]))
    preds = {p.levelvar: p for p in fit.blups()}
    for term in fit.spec.terms:
        ref = case["blups"][{"id": "id", "school": "school", "pupil": "pupil"}[term.levelvar]]
        # group codes are the sorted values of the level variable
        values = np.unique(df[term.levelvar].to_numpy())
        for g, v in zip(ref["group"], ref["value"]):
            code = int(np.searchsorted(values, int(g)))
            assert preds[term.levelvar].modes[code, 0] == pytest.approx(v, rel=1e-5, abs=1e-6)
    fitted = fit.fitted()
    assert fitted[:20] == pytest.approx(np.array(case["fitted"]), rel=1e-6, abs=1e-6)
    resid = np.asarray(fit.spec.y) - fitted
    # standardized residuals: L_j^-1 (y_j - fitted_j) with L_j L_j' = R_j, panel by panel
    std = fit.standardized_residuals()
    panel = np.asarray(fit.spec.terms[-1].group)
    for j in range(5):
        rows = np.flatnonzero(panel == j)
        L = np.linalg.cholesky(fit.residual_covariance(rows))
        assert std[rows] == pytest.approx(np.linalg.solve(L, resid[rows]), rel=1e-9, abs=1e-12)
