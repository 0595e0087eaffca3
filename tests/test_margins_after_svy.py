"""margins after svy estimation (mgs79): vce(unconditional) -- and its synonym vce(svy) --
linearizes the margins over the svyset design (strata, PSUs, fpc, pweights), as
_marg_work.class's ._parse_vce/._linearize do (Stata 16 ado, opensafely-core/cohort-extractor
1b3e58ab), titles the SE column ``Linearized`` and posts r(prefix) svy, r(N_strata), r(N_psu),
r(N_pop), r(df_r); Stata's refusals (vce(svy) without svy r(322), weights r(101)).  A repeated
predict() is refused by name (redundant ones with Stata's message).  Numbers: a logit fitted
by Newton's method in numpy and the stratified PSU-total variance of the margin's influence,
written out here from [SVY] variance estimation."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(79)
    n = 400
    strata = np.repeat(np.arange(1, 5), 100)
    psu = np.repeat(np.arange(1, 41), 10)
    x = rng.normal(size=n) + 0.2 * strata
    g = rng.integers(1, 4, size=n)
    w = rng.uniform(1, 5, size=n)
    eta = -0.3 + 0.8 * x + 0.4 * (g == 2) - 0.5 * (g == 3) + rng.normal(scale=0.5, size=40)[psu - 1]
    y = (rng.uniform(size=n) < 1 / (1 + np.exp(-eta))).astype(float)
    fpc = np.where(strata <= 2, 20.0, 30.0)
    female = rng.integers(0, 2, size=n).astype(float)
    return pd.DataFrame(dict(strata=strata, psu=psu, x=x, g=g, w=w, y=y, fpc=fpc, female=female))


def _design_variance(z: np.ndarray, strata, psu, fpc) -> float:
    """sum_h (1 - n_h/N_h) n_h/(n_h - 1) sum_j (z_hj - zbar_h)^2 over the PSU totals z_hj."""
    V = 0.0
    for h in np.unique(strata):
        inside = strata == h
        ids = np.unique(psu[inside])
        totals = np.array([z[inside & (psu == j)].sum() for j in ids])
        nh = len(ids)
        f = 0.0 if fpc is None else nh / fpc[inside][0]
        V += (1 - f) * nh / (nh - 1) * ((totals - totals.mean()) ** 2).sum()
    return V


def _hand(df: pd.DataFrame, fpc: bool, level=None, sub=None):
    """The weighted logit of y on x i.g; the predictive margin (g set to ``level``) over the
    rows ``sub`` and its design-based SE: z_i = 1[i in sub] w_i (p_i - m)/W_sub + J IF_i,
    IF_i = w_i (y_i - mu_i) x_i' (sum w mu (1-mu) x x')^-1."""
    X = np.column_stack([df.x, df.g == 2, df.g == 3, np.ones(len(df))]).astype(float)
    y, w = df.y.to_numpy(), df.w.to_numpy()
    b = np.zeros(4)
    for _ in range(50):
        mu = 1 / (1 + np.exp(-X @ b))
        H = (X * (w * mu * (1 - mu))[:, None]).T @ X
        b = b + np.linalg.solve(H, X.T @ (w * (y - mu)))
    mu = 1 / (1 + np.exp(-X @ b))
    H = (X * (w * mu * (1 - mu))[:, None]).T @ X
    IF = (X * (w * (y - mu))[:, None]) @ np.linalg.inv(H)
    Xm = X.copy()
    if level is not None:
        Xm[:, 1], Xm[:, 2] = level == 2, level == 3
    p = 1 / (1 + np.exp(-Xm @ b))
    inside = np.ones(len(df), bool) if sub is None else sub
    W = w[inside].sum()
    m = (w * p)[inside].sum() / W
    J = ((Xm * (w * p * (1 - p))[:, None])[inside]).sum(axis=0) / W
    z = np.where(inside, w * (p - m) / W, 0.0) + IF @ J
    V = _design_variance(z, df.strata.to_numpy(), df.psu.to_numpy(), df.fpc.to_numpy() if fpc else None)
    Vb = np.array([[_design_variance(IF[:, j], df.strata.to_numpy(), df.psu.to_numpy(),
                                     df.fpc.to_numpy() if fpc else None)] for j in range(1)])
    return m, np.sqrt(V), Vb[0, 0]


@pytest.mark.parametrize("fpc", [False, True])
def test_unconditional_margin_is_the_design_linearization(do, data, fpc):
    svyset = "svyset psu [pw=w], strata(strata)" + (" fpc(fpc)" if fpc else "")
    rc, out, s = do(f"{svyset}\nquietly svy: logit y x i.g\nmargins, vce(unconditional)", df=data)
    assert rc == 0, out
    m, se, v_x = _hand(data, fpc)
    # the hand linearization reproduces the fit's own design V (first coefficient) ...
    assert s.e.matrices["V"].values[0, 0] == pytest.approx(v_x, rel=1e-6)
    table = s.r["table"].values
    assert table[0, 0] == pytest.approx(m, rel=1e-8)
    assert table[1, 0] == pytest.approx(se, rel=1e-6)
    assert "             |             Linearized\n" in out
    assert s.r["df_r"] == 36 and s.r["N_strata"] == 4 and s.r["N_psu"] == 40
    assert s.r["N_pop"] == pytest.approx(data.w.sum())
    assert s.r["prefix"] == "svy" and s.r["model_vce"] == "svy" and s.r["vce"] == "unconditional"


def test_vce_svy_by_level_and_subpop(do, data):
    rc, out, s = do("svyset psu [pw=w], strata(strata) fpc(fpc)\nquietly svy: logit y x i.g\n"
                    "margins g, vce(svy)", df=data)
    assert rc == 0, out
    table = s.r["table"].values
    for j, level in enumerate((1, 2, 3)):
        m, se, _ = _hand(data, True, level=level)
        assert table[0, j] == pytest.approx(m, rel=1e-8)
        assert table[1, j] == pytest.approx(se, rel=1e-6)
    rc, out, s = do("margins, vce(unconditional) subpop(female)", session=s)
    assert rc == 0, out
    m, se, _ = _hand(data, True, sub=data.female.to_numpy() == 1)
    assert s.r["table"].values[0, 0] == pytest.approx(m, rel=1e-8)
    assert s.r["table"].values[1, 0] == pytest.approx(se, rel=1e-6)


SURVEY_BLOCK = (
    "Predictive margins\n"
    "\n"
    "Number of strata   =         4                  Number of obs      =       400\n"
    "Number of PSUs     =        40                  Population size    = {pop}\n"
    "                                                Design df          =        36\n")


def test_delta_after_svy_posts_the_design_counts(do, data):
    rc, out, s = do("svyset psu [pw=w], strata(strata)\nquietly svy: logit y x i.g\nmargins", df=data)
    assert rc == 0, out
    assert s.r["vce"] == "delta" and s.r["prefix"] == "svy" and s.r["N_strata"] == 4
    pop = f"{data.w.sum():9.7g}".rjust(9)
    # _coef_table_header's svy block, then _marg_report's vceHeader (vce(delta) only)
    assert SURVEY_BLOCK.format(pop=pop) + "Model VCE    : Linearized\n\nExpression   : Pr(y), predict()\n" in out
    assert "            Delta-method\n" in out
    rc, out, s = do("margins, vce(unconditional)", session=s)
    assert SURVEY_BLOCK.format(pop=pop) + "\nExpression   : Pr(y), predict()\n" in out
    rc, out, s = do("margins, nose", session=s)  # no SEs: _marg_work posts no design counts
    assert "Number of strata" not in out and "Number of obs   =        400" in out


@pytest.mark.parametrize("text, rc, message", [
    ("quietly logit y x i.g\nmargins, vce(svy)", 322,
     "option vce(svy) is allowed only with survey estimation results"),
    ("svyset psu [pw=w], strata(strata)\nquietly svy: logit y x i.g\nmargins [pw=w], vce(unconditional)", 101,
     "weights not allowed with survey estimation results"),
    ("svyset psu [pw=w], strata(strata)\nquietly svy: logit y x i.g\nmargins, vce(unconditional) noweights",
     198, "option noweights not allowed with vce(unconditional) and svy estimation results"),
    ("svyset psu [pw=w], strata(strata) vce(jackknife)\nquietly svy: logit y x i.g\nmargins, vce(unconditional)",
     459, "vce(jackknife) is not supported"),
    ("svyset psu [pw=w], strata(strata)\nquietly svy jackknife: logit y x i.g\nmargins, vce(unconditional)",
     322, "option vce(unconditional) is allowed only after estimation with linearized standard errors"),
])
def test_refusals(do, data, text, rc, message):
    got, out, _ = do(text, df=data)
    assert got == rc and message in out, out


@pytest.mark.parametrize("options, message", [
    # several different predict()s make a _predict dimension (test_margins_several_predictions);
    # with pairwise comparisons they are refused
    ("predict(pr) predict(xb) pwcompare", "margins with several predict() options and contrasts or pairwise"),
    ("predict(xb) predict( xb )", "redundant predict() option;\nmore than one predict option produces the same"),
])
def test_repeated_predict_is_refused(do, data, options, message):
    rc, out, s = do(f"quietly logit y x i.g\nmargins, {options}", df=data)
    assert rc == 198 and message in out, out
    rc, out, s = do("margins, predict(xb)", session=s)
    assert rc == 0 and s.r["expression"] == "predict(xb)", out


def _r_values() -> dict:
    """tests/margins_svy_reference/values.txt: (fpc, level) -> (margin, se) from R's survey."""
    from pathlib import Path

    out = {}
    for line in (Path(__file__).parent / "margins_svy_reference" / "values.txt").read_text().splitlines():
        if line.startswith("fpc="):
            f = dict(part.split("=") for part in line.split())
            out[(f["fpc"] == "TRUE", int(f["level"]))] = (float(f["margin"]), float(f["se"]))
    return out


@pytest.mark.parametrize("fpc", [False, True])
def test_against_r_survey(do, data, fpc):
    svyset = "svyset psu [pw=w], strata(strata)" + (" fpc(fpc)" if fpc else "")
    rc, out, s = do(f"{svyset}\nquietly svy: logit y x i.g\nmargins g, vce(unconditional)", df=data)
    assert rc == 0, out
    ref = _r_values()
    table = s.r["table"].values
    for j, level in enumerate((1, 2, 3)):
        m, se = ref[(fpc, level)]
        assert table[0, j] == pytest.approx(m, rel=1e-9)
        assert table[1, j] == pytest.approx(se, rel=1e-7)


# ------------------------------------------------------------------------------ svy: mlogit

@pytest.fixture(scope="module")
def multinomial(data):
    rng = np.random.default_rng(792)
    u = rng.uniform(size=len(data))
    eta2 = -0.2 + 0.6 * data.x + 0.5 * (data.g == 2)
    eta3 = -0.5 + 0.3 * data.x - 0.4 * (data.g == 3)
    den = 1 + np.exp(eta2) + np.exp(eta3)
    p1, p2 = 1 / den, np.exp(eta2) / den
    return data.assign(yo=np.where(u < p1, 1, np.where(u < p1 + p2, 2, 3)))


def _mlogit_hand(df: pd.DataFrame, outcome: int, level=None):
    """Weighted multinomial logit of yo on x i.g by Newton's method (outcome 1 the base: the
    probabilities, and so the margins and their SEs, do not depend on the base); the margin
    of Pr(yo == outcome) (g set to ``level``), its delta-method SE with the design V and its
    unconditional SE (the design variance of w (p - m)/W + J IF)."""
    X = np.column_stack([df.x, df.g == 2, df.g == 3, np.ones(len(df))]).astype(float)
    Y = np.column_stack([df.yo == k for k in (1, 2, 3)]).astype(float)
    w = df.w.to_numpy()
    n, p = X.shape
    B = np.zeros((p, 2))

    def probs(Xm, B):
        eta = np.column_stack([np.zeros(len(Xm)), Xm @ B])
        e = np.exp(eta - eta.max(axis=1, keepdims=True))
        return e / e.sum(axis=1, keepdims=True)

    def hessian(P):
        H = np.zeros((2 * p, 2 * p))
        for a in range(2):
            for c in range(2):
                q = P[:, a + 1] * ((a == c) - P[:, c + 1])
                H[a * p:(a + 1) * p, c * p:(c + 1) * p] = (X * (w * q)[:, None]).T @ X
        return H

    for _ in range(50):
        P = probs(X, B)
        S = np.hstack([X * (w * (Y[:, k] - P[:, k]))[:, None] for k in (1, 2)])
        B = B + np.linalg.solve(hessian(P), S.sum(axis=0)).reshape(2, p).T
    P = probs(X, B)
    S = np.hstack([X * (w * (Y[:, k] - P[:, k]))[:, None] for k in (1, 2)])
    IF = S @ np.linalg.inv(hessian(P))
    st, ps, fp = df.strata.to_numpy(), df.psu.to_numpy(), df.fpc.to_numpy()
    Vb = np.array([[_design_variance_cross(IF[:, a], IF[:, c], st, ps, fp) for c in range(2 * p)]
                   for a in range(2 * p)])
    Xm = X.copy()
    if level is not None:
        Xm[:, 1], Xm[:, 2] = level == 2, level == 3
    Pm = probs(Xm, B)
    j = outcome - 1
    W = w.sum()
    m = (w * Pm[:, j]).sum() / W
    J = np.concatenate([(Xm * (w * Pm[:, j] * ((j == k + 1) - Pm[:, k + 1]))[:, None]).sum(axis=0) / W
                        for k in range(2)])
    z = w * (Pm[:, j] - m) / W + IF @ J
    return m, np.sqrt(J @ Vb @ J), np.sqrt(_design_variance(z, st, ps, fp))


def _design_variance_cross(a, c, strata, psu, fpc) -> float:
    return (_design_variance(a + c, strata, psu, fpc) - _design_variance(a - c, strata, psu, fpc)) / 4


def test_svy_mlogit_margins(do, multinomial):
    rc, out, s = do("svyset psu [pw=w], strata(strata) fpc(fpc)\nquietly svy: mlogit yo x i.g\n"
                    "margins, predict(outcome(2))", df=multinomial)
    assert rc == 0, out
    m, se_delta, _ = _mlogit_hand(multinomial, 2)
    assert s.r["table"].values[0, 0] == pytest.approx(m, rel=1e-7)
    assert s.r["table"].values[1, 0] == pytest.approx(se_delta, rel=1e-5)
    assert "Number of strata   =         4" in out and "Expression   : Pr(yo==2), predict(outcome(2))" in out
    rc, out, s = do("margins g, predict(outcome(3)) vce(unconditional)", session=s)
    assert rc == 0, out
    for j, level in enumerate((1, 2, 3)):
        m, _, se_unc = _mlogit_hand(multinomial, 3, level)
        assert s.r["table"].values[0, j] == pytest.approx(m, rel=1e-7)
        assert s.r["table"].values[1, j] == pytest.approx(se_unc, rel=1e-5)
    assert "             |             Linearized\n" in out


def test_svy_regress_and_poisson_unconditional(do, data):
    """Linear and Poisson fits (pweights): IF_i = (sum w d x x')^-1 w_i (y_i - mu_i) x_i, d = 1
    (regress) or mu (poisson); the margin's z as for logit."""
    d = data.assign(yc=1 + 2 * data.x + 0.3 * (data.g == 2) + np.sin(np.arange(len(data))),
                    cnt=np.floor(np.exp(0.2 + 0.3 * data.x) + (np.arange(len(data)) % 3)))
    X = np.column_stack([d.x, d.g == 2, d.g == 3, np.ones(len(d))]).astype(float)
    w, st, ps, fp = d.w.to_numpy(), d.strata.to_numpy(), d.psu.to_numpy(), d.fpc.to_numpy()
    for cmd, y, link in (("regress", d.yc.to_numpy(), "identity"), ("poisson", d.cnt.to_numpy(), "log")):
        depvar = "yc" if cmd == "regress" else "cnt"
        rc, out, s = do(f"svyset psu [pw=w], strata(strata) fpc(fpc)\nquietly svy: {cmd} {depvar} x i.g\n"
                        "margins, vce(unconditional)", df=d)
        assert rc == 0, out
        b = np.zeros(4)
        if link == "identity":
            b = np.linalg.solve((X * w[:, None]).T @ X, (X * w[:, None]).T @ y)
        else:
            for _ in range(60):
                mu = np.exp(X @ b)
                b = b + np.linalg.solve((X * (w * mu)[:, None]).T @ X, X.T @ (w * (y - mu)))
        mu = X @ b if link == "identity" else np.exp(X @ b)
        dmu = np.ones(len(d)) if link == "identity" else mu
        IF = (X * (w * (y - mu))[:, None]) @ np.linalg.inv((X * (w * dmu)[:, None]).T @ X)
        W = w.sum()
        m = (w * mu).sum() / W
        J = (X * (w * dmu)[:, None]).sum(axis=0) / W
        z = w * (mu - m) / W + IF @ J
        assert s.r["table"].values[0, 0] == pytest.approx(m, rel=1e-8)
        assert s.r["table"].values[1, 0] == pytest.approx(np.sqrt(_design_variance(z, st, ps, fp)), rel=1e-6)


def test_after_svy_subpop_estimation(do, data):
    """svy, subpop(female): the fit is the subpopulation's, its V the design variance of
    influences zero outside it; margins averages over all of e(sample) (_marg_work's t_touse)
    unless margins' own subpop() restricts it.  e(subpop) holds the specification."""
    rc, out, s = do("svyset psu [pw=w], strata(strata)\nquietly svy, subpop(female): logit y x i.g\n"
                    "margins", df=data)
    assert rc == 0, out
    assert s.e.macros["subpop"] == "female"  # (the margins results are r(); e() is the fit's)
    sub = data.female.to_numpy() == 1
    X = np.column_stack([data.x, data.g == 2, data.g == 3, np.ones(len(data))]).astype(float)
    y, w = data.y.to_numpy(), data.w.to_numpy() * sub
    b = np.zeros(4)
    for _ in range(50):
        mu = 1 / (1 + np.exp(-X @ b))
        b = b + np.linalg.solve((X * (w * mu * (1 - mu))[:, None]).T @ X, X.T @ (w * (y - mu)))
    mu = 1 / (1 + np.exp(-X @ b))
    IF = (X * (w * (y - mu))[:, None]) @ np.linalg.inv((X * (w * mu * (1 - mu))[:, None]).T @ X)
    st, ps = data.strata.to_numpy(), data.psu.to_numpy()
    V = np.array([[(_design_variance(IF[:, a] + IF[:, c], st, ps, None)
                    - _design_variance(IF[:, a] - IF[:, c], st, ps, None)) / 4 for c in range(4)] for a in range(4)])
    wall = data.w.to_numpy()
    for mask, text in ((np.ones(len(data), bool), "margins"), (sub, "margins, subpop(female)")):
        rc, out, s = do(text, session=s)
        assert rc == 0, out
        W = wall[mask].sum()
        m = (wall * mu)[mask].sum() / W
        J = (X * (wall * mu * (1 - mu))[:, None])[mask].sum(axis=0) / W
        assert s.r["table"].values[0, 0] == pytest.approx(m, rel=1e-7)
        assert s.r["table"].values[1, 0] == pytest.approx(np.sqrt(J @ V @ J), rel=1e-5)
        assert s.r["N"] == 400
    # vce(unconditional): _marg_work's ._linearize zeroes the scores outside the fit's
    # subpopulation (t_esub) and linearizes over all of e(sample)
    for mask, text in ((np.ones(len(data), bool), "margins, vce(unconditional)"),
                       (sub, "margins, vce(unconditional) subpop(female)")):
        rc, out, s = do(text, session=s)
        assert rc == 0, out
        W = wall[mask].sum()
        m = (wall * mu)[mask].sum() / W
        J = (X * (wall * mu * (1 - mu))[:, None])[mask].sum(axis=0) / W
        z = np.where(mask, wall * (mu - m) / W, 0.0) + IF @ J
        assert s.r["table"].values[0, 0] == pytest.approx(m, rel=1e-7)
        assert s.r["table"].values[1, 0] == pytest.approx(np.sqrt(_design_variance(z, st, ps, None)), rel=1e-5)


def test_posted_results_after_svy(do, data):
    """margins, post after svy posts e(prefix) svy with the design counts (_marg_work); test
    then takes svy's adjusted Wald F; svy typed alone is refused by name (not a traceback)."""
    rc, out, s = do("svyset psu [pw=w], strata(strata)\nquietly svy: logit y x i.g\nmargins g, post", df=data)
    assert rc == 0, out
    assert s.e.macros["prefix"] == "svy" and s.e.scalars["N_psu"] == 40 and s.e.cmd == "margins"
    rc, out, s = do("test 1.g = 2.g", session=s)
    assert rc == 0 and "Adjusted Wald test" in out and "F(  1,    36)" in out, out
    rc, out, _ = do("svy", session=s)
    assert rc == 198 and "svy replay of margins results not supported by mlmcli" in out


# ------------------------------------------------------------------------------ svy: ologit

def ordered_data(data: pd.DataFrame) -> pd.DataFrame:
    """The fixture with an ordered outcome yo (1..3) from a latent logistic index."""
    rng = np.random.default_rng(793)
    latent = 0.7 * data.x + 0.4 * (data.g == 2) - 0.3 * (data.g == 3) + rng.logistic(size=len(data))
    return data.assign(yo=1 + (latent > 0.2).astype(int) + (latent > 1.4).astype(int))


@pytest.mark.parametrize("fpc", [False, True])
def test_svy_ologit_against_r_svyolr(do, data, fpc):
    from pathlib import Path

    ref = {}
    for line in (Path(__file__).parent / "margins_svy_reference" / "values_ologit.txt").read_text().splitlines():
        f = dict(part.split("=") for part in line.split()[1:])
        ref[f["fpc"] == "TRUE"] = (float(f["margin"]), float(f["se"]))
    svyset = "svyset psu [pw=w], strata(strata)" + (" fpc(fpc)" if fpc else "")
    rc, out, s = do(f"{svyset}\nquietly svy: ologit yo x i.g\nmargins, predict(outcome(2))", df=ordered_data(data))
    assert rc == 0, out
    m, se = ref[fpc]
    assert s.r["table"].values[0, 0] == pytest.approx(m, rel=1e-6)
    assert s.r["table"].values[1, 0] == pytest.approx(se, rel=1e-4)
