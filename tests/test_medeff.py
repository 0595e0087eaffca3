"""medeff (Hicks and Tingley's mediation package): quasi-Bayesian simulation of the average
causal mediation effect.  The simulated means are checked against the closed forms the
simulation estimates (statsmodels fits on our own data), within Monte Carlo error."""
import numpy as np
import pandas as pd
import statsmodels.api as sm
from scipy.special import expit


def _data(n=600, seed=5):
    rng = np.random.default_rng(seed)
    t = (rng.random(n) < 0.5).astype(float)
    x = rng.normal(size=n)
    m = 0.4 + 0.7 * t + 0.3 * x + rng.normal(size=n)
    mb = (rng.random(n) < expit(-0.5 + 1.2 * t + 0.4 * x)).astype(float)
    y = 1 + 0.5 * m + 0.8 * mb + 0.3 * t + 0.2 * x + rng.normal(size=n)
    return pd.DataFrame({"t": t, "x": x, "m": m, "mb": mb, "y": y, "tm": t * m})


def test_linear_models_acme_is_a_times_b(do):
    df = _data()
    rc, printed, session = do("medeff (regress m t x) (regress y m t x), mediate(m) treat(t) sims(2000)\n", df=df)
    assert rc == 0, printed
    a = sm.OLS(df["m"], sm.add_constant(df[["t", "x"]])).fit()
    b = sm.OLS(df["y"], sm.add_constant(df[["t", "m", "x"]])).fit()
    acme, direct = a.params["t"] * b.params["m"], b.params["t"]
    se = np.sqrt(a.params["t"] ** 2 * b.bse["m"] ** 2 + b.params["m"] ** 2 * a.bse["t"] ** 2)
    r = session.r
    assert abs(r["delta1"] - acme) < 4 * se / np.sqrt(2000) + 0.01
    assert abs(r["zeta1"] - direct) < 4 * b.bse["t"] / np.sqrt(2000) + 0.01
    assert abs(r["tau"] - (acme + direct)) < 0.03
    assert r["delta1lo"] < r["delta1"] < r["delta1hi"]
    assert abs((r["delta1hi"] - r["delta1lo"]) / (2 * 1.96 * se) - 1) < 0.25  # normal-theory width
    assert "Using 0 and 1 as treatment values" in printed and "% of Tot Eff mediated" in printed
    assert list(session.data.varnames) == list(df.columns)  # the data as before


def test_logit_mediator_acme(do):
    df = _data(n=800, seed=9)
    rc, printed, session = do("medeff (logit mb t x) (regress y mb t x), mediate(mb) treat(t) sims(1500)\n", df=df)
    assert rc == 0, printed
    X = sm.add_constant(df[["t", "x"]])
    a = sm.Logit(df["mb"], X).fit(disp=0)
    b = sm.OLS(df["y"], sm.add_constant(df[["t", "mb", "x"]])).fit()
    x1, x0 = X.copy(), X.copy()
    x1["t"], x0["t"] = 1.0, 0.0
    acme = b.params["mb"] * float(np.mean(a.predict(x1) - a.predict(x0)))
    r = session.r
    assert abs(r["delta1"] - acme) < 0.03
    assert abs(r["zeta1"] - b.params["t"]) < 0.03


def test_interaction_and_from_to_values(do):
    df = _data()
    rc, printed, session = do("medeff (regress m t x) (regress y t m tm x), mediate(m) treat(t 0 1) "
                              "interact(tm) sims(500) seed(3)\n", df=df)
    assert rc == 0, printed
    assert "ACME1" in printed and "Average Mediation" in printed
    r = session.r
    assert {"n0avg", "n1avg", "navg"} <= set(r)
    assert "Using 0 and 1" not in printed


def test_same_seed_same_answer(do):
    df = _data()
    text = "medeff (regress m t x) (regress y m t x), mediate(m) treat(t) sims(300) seed(7)\n"
    r1 = dict(do(text, df=df)[2].r)
    r2 = dict(do(text, df=df)[2].r)
    assert r1 == r2


def test_the_ados_errors(do):
    df = _data()
    cases = [
        ("medeff (regress m t x), mediate(m) treat(t)", "You must specify two equations"),
        ("medeff (regress y t x) (regress y m t x), mediate(m) treat(t)", "not the dependent variable"),
        ("medeff (regress m t x) (regress y m t x), mediate(m) treat(t 0)", "from and to value"),
        ("medeff (regress m t x) (regress y m t x), mediate(m) treat(t 1 1)", "are the same"),
        ("medeff (regress m x) (regress y m t x), mediate(m) treat(t)", "not in equation 1"),
        ("medeff (reg m t x) (regress y m t x), mediate(m) treat(t)", "Perhaps you meant regress"),
        ("medeff (regress m t x) (poisson y m t x), mediate(m) treat(t)", "outcome stage only supports"),
        ("medeff (regress m t x) (regress y m t x), treat(t)", "option mediate() required"),
        ("medeff (regress m t x) (regress y m t x), mediate(m) treat(t) sims(0)", "must be greater than 0"),
    ]
    for text, message in cases:
        rc, printed, session = do(text + "\n", df=df)
        assert rc == 198, (text, printed)
        assert message in printed, (text, printed)
        assert list(session.data.varnames) == list(df.columns)


def test_weights_reach_both_models_and_the_averages(do):
    df = _data(seed=11)
    df["w"] = 1 + np.random.default_rng(2).random(len(df))
    rc, printed, session = do("medeff (regress m t x) (regress y m t x) [pweight=w] if x > -1, mediate(m) "
                              "treat(t) sims(2000) level(90)\n", df=df)
    assert rc == 0, printed
    sub = df[df["x"] > -1]
    a = sm.WLS(sub["m"], sm.add_constant(sub[["t", "x"]]), weights=sub["w"]).fit()
    b = sm.WLS(sub["y"], sm.add_constant(sub[["t", "m", "x"]]), weights=sub["w"]).fit()
    assert abs(session.r["delta1"] - a.params["t"] * b.params["m"]) < 0.02
    assert session.e.scalars["N"] == len(sub)
    assert "[90% Conf. Interval]" in printed


def test_binary_outcome_shows_both_acmes(do):
    df = _data(seed=4)
    df["yb"] = (df["y"] > df["y"].median()).astype(float)
    rc, printed, session = do("medeff (probit mb t x) (logit yb mb t x), mediate(mb) treat(t) sims(400)\n", df=df)
    assert rc == 0, printed
    a = sm.Probit(df["mb"], sm.add_constant(df[["t", "x"]])).fit(disp=0)
    b = sm.Logit(df["yb"], sm.add_constant(df[["t", "mb", "x"]])).fit(disp=0)
    X = sm.add_constant(df[["t", "x"]])
    x1, x0 = X.copy(), X.copy()
    x1["t"], x0["t"] = 1.0, 0.0
    dm = a.predict(x1) - a.predict(x0)
    eta = lambda m: b.params["const"] + b.params["t"] + b.params["mb"] * m + b.params["x"] * df["x"]
    acme1 = float(np.mean(dm * (expit(eta(1.0)) - expit(eta(0.0)))))
    assert abs(session.r["delta1"] - acme1) < 0.03
    assert "ACME0" in printed and {"n0avg", "n1avg"} <= set(session.r)
