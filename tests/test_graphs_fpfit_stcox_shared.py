"""twoway fpfit/fpfitci estcmd(stcox) estopts(shared()) (mlmcli/graphs/fpfit_stcox.py): every
fracpoly fit the gamma shared-frailty Cox model, the deviance -2 log L_m(theta^); values from R's
coxph with frailty(id) on the kidney catheter data (tests/survival_reference/fpfit_stcox_shared.R
and .json), read from the drawn series."""
from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy.stats import norm

from graphs_helpers import drawn, run
from mlmcli.dataset import Dataset
from mlmcli.session import Output, Session

HERE = Path(__file__).parent / "survival_reference"
REF = json.loads((HERE / "fpfit_stcox_shared.json").read_text())
NOTE = "(note:  fracpoly could not fit model)"


@pytest.fixture
def s():
    df = pd.read_csv(HERE / "kidney.csv").drop(columns=["disease"])
    df["w"] = 1 + np.arange(len(df)) % 2
    session = Session(out=Output(io.StringIO()))
    session.data = Dataset(df=df.astype(float), types={k: "double" for k in df})
    run(session, "stset time, failure(status)")
    return session


def test_fpfitci_shared_matches_coxph(s):
    graph, fig = drawn(s, "twoway fpfitci age female, estcmd(stcox) estopts(shared(id))")
    band, line = graph.panels[0].series
    np.testing.assert_allclose(line.x, REF["at"])
    # coxph's EM stops at its eps: theta^ (and so b) to about 1e-7
    np.testing.assert_allclose(line.y, REF["xb"], rtol=1e-5)
    np.testing.assert_allclose((band.y2 - band.y) / (2 * norm.ppf(0.975)), REF["se"], rtol=1e-5)


@pytest.mark.parametrize("estopts", ["shared(id) strata(sex)", "shared(id) exactp", "shared(id) vce(robust)",
                                     "shared(sex sex)"])
def test_stcox_fr_failures_are_the_note(s, estopts):
    out, rc = run(s, f"twoway fpfit age female, estcmd(stcox) estopts({estopts})")
    assert rc == 0 and NOTE in out, out
    assert np.isnan(s.graphs[-1].panels[0].series[0].y).all()


def test_stset_weights_are_the_note(s):  # stcox_fr: only iweights are allowed
    run(s, "stset time [fweight = w], failure(status)")
    out, rc = run(s, "twoway fpfit age female, estcmd(stcox) estopts(shared(id))")
    assert rc == 0 and NOTE in out, out


def test_dresid_is_the_refitted_frailty_models_deviance_residuals(s):
    """fracpred: stcox_fr refitted on x b (its own theta^), predict's deviance residuals with the
    groups' log frailties in the linear predictor; R: coxph's at its own EM theta^."""
    graph, fig = drawn(s, "twoway fpfit age female, estcmd(stcox) estopts(shared(id)) predopts(dresid)")
    (line,) = graph.panels[0].series
    np.testing.assert_allclose(line.x, REF["at"])
    np.testing.assert_allclose(line.y, REF["dresid"], rtol=1e-5, atol=1e-6)


def test_shared_with_tvc_matches_coxph_on_split_records(s):
    # theta^ is near 0 here (0.00586), where the profile likelihood is flat: coxph's EM stops
    # at 0.00585 with log L_m 7e-9 below mlm's maximum, so x b agrees to about 1e-4
    ref = REF["tvc"]
    graph, fig = drawn(s, "twoway fpfitci age female, estcmd(stcox) estopts(shared(id) tvc(female))")
    band, line = graph.panels[0].series
    np.testing.assert_allclose(line.y, ref["xb"], rtol=1e-4)
    np.testing.assert_allclose((band.y2 - band.y) / (2 * norm.ppf(0.975)), ref["se"], rtol=1e-4)


def test_iweights_varying_within_group_are_the_note(s):  # stcox_fr's CheckWgt fails inside fracpoly
    run(s, "stset time [iweight = w], failure(status)")
    out, rc = run(s, "twoway fpfit age female, estcmd(stcox) estopts(shared(id))")
    assert rc == 0 and NOTE in out, out


def test_iweights_are_the_groups_copied(s):
    """Whole iweights constant within id: the curve of the data with each id copied iw times as
    ids of their own (stcox's shared() with iweights is checked against coxph on such copies in
    test_survival_stcox_shared_iweights.py)."""
    df = s.data.df.copy()
    df["iw"] = 1 + df["id"] % 3
    s.data = Dataset(df=df, types={k: "double" for k in df})
    run(s, "stset time [iweight = iw], failure(status)")
    graph, fig = drawn(s, "twoway fpfit age female, estcmd(stcox) estopts(shared(id))")
    (weighted,) = graph.panels[0].series
    copies = df.loc[df.index.repeat(df["iw"].astype(int))].copy()
    copies["id"] = copies["id"] * 10 + copies.groupby(level=0).cumcount()
    s.data = Dataset(df=copies.reset_index(drop=True), types={k: "double" for k in copies})
    run(s, "stset time, failure(status)")
    graph, fig = drawn(s, "twoway fpfit age female, estcmd(stcox) estopts(shared(id))")
    (copied,) = graph.panels[0].series
    np.testing.assert_allclose(weighted.x, copied.x)
    np.testing.assert_allclose(weighted.y, copied.y, rtol=1e-6, atol=1e-8)


def test_frailty_variance_at_zero_is_the_cox_model(s):
    """Groups that carry no frailty (every third row): the profile likelihood falls from theta = 0,
    the shared-frailty model is the Cox model ([ST] stcox), and fpfit draws stcox's curve and band."""
    from mlmcli.graphs.fpfit_stcox import frailty_or_cox
    from mlmcli.survival.cox_frailty import fit_shared_frailty

    run(s, "gen grp = mod(_n, 3)")
    graph, fig = drawn(s, "twoway fpfitci age female, estcmd(stcox) estopts(shared(grp))")
    band, line = graph.panels[0].series
    cox, _ = drawn(s, "twoway fpfitci age female, estcmd(stcox)")
    cox_band, cox_line = cox.panels[0].series
    np.testing.assert_allclose(line.y, cox_line.y)
    np.testing.assert_allclose(band.y2 - band.y, cox_band.y2 - cox_band.y)
    # the path taken: theta^ at 0 (here for age and female linear)
    from mlmcli.survival.cox import CoxData

    groups = (np.arange(1, s.data.nobs + 1) % 3).astype(int)
    X = np.column_stack([s.data.numeric("age"), s.data.numeric("female")])
    data = CoxData(t0=np.zeros(s.data.nobs), t=s.data.numeric("time"), d=s.data.numeric("status"), X=X,
                   w=np.ones(s.data.nobs))
    assert fit_shared_frailty(data, groups) is None and frailty_or_cox(data, groups).theta == 0.0
