"""predict after stcox, exactp and exactm (stcox_p refits cox with the exact method and
mgale()): the martingale, Cox-Snell and deviance residuals from Breslow's hazard increments at
the exact b, basechazard, basehc and basesurv, against coxph (ties = "exact" for exactp; for
exactm coxph's residuals at the b of R's integrated marginal likelihood):
tests/survival_reference/cox_predict_exact.R and .json."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

HERE = Path(__file__).parent / "survival_reference"
REF = json.loads((HERE / "cox_predict_exact.json").read_text())
MONTHS = "gen month = ceil(time/30)\nstset month, failure(died == 1)\n"
STATS = {"mg": "mgale", "dev": "deviance", "cs": "csnell", "bch": "basechazard", "bs": "basesurv", "bhc": "basehc"}
PREDICTS = "".join(f"\npredict double {name}, {stat}" for name, stat in STATS.items())


@pytest.fixture
def lung():
    return pd.read_csv(HERE / "lung.csv").rename(columns={"ph.ecog": "ph_ecog", "wt.loss": "wt_loss"})


def _col(s, name):
    return np.asarray(s.data.numeric(name), float)


@pytest.mark.parametrize("ties, rtol, atol", [("exactp", 1e-6, 1e-8), ("exactm", 1e-4, 3e-5)])
def test_residuals_after_exact_methods_match_coxph(do, lung, ties, rtol, atol):
    """exactm's tolerance: R's b is optim()'s maximum of the integrated likelihood (mlm's b
    within 3e-6 of it), the residuals' formula the same as exactp's, checked to 1e-6."""
    ref = REF[ties]
    rc, out, s = do(MONTHS + f"stcox age female, {ties}" + PREDICTS, df=lung)
    assert rc == 0, out
    assert np.allclose(s.e.matrices["b"].values.ravel(), ref["b"], rtol=rtol, atol=atol)
    assert np.allclose(_col(s, "mg"), ref["mgale"], rtol=rtol, atol=atol)
    assert np.allclose(_col(s, "dev"), ref["deviance"], rtol=rtol, atol=atol)
    assert np.allclose(_col(s, "cs"), lung["died"] - np.array(ref["mgale"]), rtol=rtol, atol=atol)
    assert np.allclose(_col(s, "bch"), ref["basechazard"], rtol=rtol, atol=atol)
    assert np.allclose(_col(s, "bs"), ref["basesurv"], rtol=rtol, atol=atol)
    basehc = np.array([np.nan if v is None else v for v in ref["basehc"]])
    assert np.allclose(_col(s, "bhc"), basehc, rtol=rtol, atol=atol, equal_nan=True)


def test_exact_residuals_differ_from_breslow_fit(do, lung):
    """The residuals are those of the exact b, not of a Breslow refit."""
    rc, out, s = do(MONTHS + "stcox age female, breslow\npredict double mg, mgale", df=lung)
    assert rc == 0, out
    assert not np.allclose(_col(s, "mg"), REF["exactp"]["mgale"], rtol=1e-4)


@pytest.mark.parametrize("stat", ["scores", "dfbeta"])
def test_score_residuals_after_exact_refused(do, lung, stat):
    rc, out, s = do(MONTHS + f"stcox age female, exactm\npredict a b, {stat}", df=lung)
    assert rc == 198 and "not supported by mlmcli" in out, out


def test_schoenfeld_after_exact_is_statas_error(do, lung):
    rc, out, s = do(MONTHS + "stcox age female, exactm\npredict a b, schoenfeld", df=lung)
    assert rc == 322 and "Schoenfeld residuals not available after estimation with exactm or exactp" in out
