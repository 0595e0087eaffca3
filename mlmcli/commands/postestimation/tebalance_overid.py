"""``tebalance overid [, bconly nolog]`` after ``teffects ipw|ipwra|aipw`` with a two-level
treatment and a logit treatment model (_tebalance_overid.ado): Imai and Ratkovic's test that the
covariates are balanced (``mlmcli.treatment_effects.overid``); r(chi2), r(df), r(p).  The probit
model, fweights and ml's other options are refused; the notes on propensity scores below 1e-5 or
above 1 - 1e-5 count the treated level's scores (which level the ado's ``predict, ps`` takes was
not read).
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options


def tebalance_overid(session, e, args: str, options) -> None:
    from mlmcli.render.numfmt import format_number
    from mlmcli.render.treatment_effects_balance import render_overid
    from mlmcli.treatment_effects import models
    from mlmcli.treatment_effects.overid import OveridError, overid_test

    if args.strip():
        raise StataError("varlist not allowed", 101)
    opts = resolve_options(options, [OptionSpec("bconly", 3), OptionSpec("nolog", 5), OptionSpec("log", 3)],
                           allow_unknown=True)
    unknown = [k for k in opts if k not in ("bconly", "nolog", "log")]
    if unknown:
        raise StataError(f"option {unknown[0]} not supported by mlmcli with tebalance overid", 198)
    if opts.get("log") and opts.get("nolog"):
        raise StataError("options log and nolog cannot both be specified", 184)
    m, data = e.model, session.data
    if len(m.levels) > 2:
        raise StataError("tebalance overid is not allowed when the treatment variable has more than 2 levels", 322)
    if m.tmodel != "logit":
        raise StataError(f"tebalance overid after tmodel {m.tmodel} is not supported by mlmcli", 198)
    if e.macros.get("wtype"):
        raise StataError("tebalance overid with weights is not supported by mlmcli", 198)
    sample = e.sample_mask(data)
    X = m.columns(m.t_design, data)[sample]
    code = {m.levels[j]: c for c, j in enumerate(m.order)}
    treated_code = code[e.scalars["treated"]]
    t = np.array([code[v] for v in data.numeric(m.tvar)[sample]]) == treated_code
    p_treated = models.level_probabilities(m.tmodel, X @ m.gamma)[:, treated_code]
    for count, side in ((int((p_treated < 1e-5).sum()), "less than"), (int((p_treated > 1 - 1e-5).sum()),
                                                                        "greater than 1 -")):
        if count:
            session.print(f"note: {count} observations have a propensity score {side} {format_number(1e-5, '%9.4g')}"
                          "; overid computations might be prone to numerical instability")
    labels = [lab for lab in m.t_design.labels if not (lab.base or lab.omitted)]
    keep = [j for j, lab in enumerate(labels) if not (opts.get("bconly") and "#" in lab.name)]
    b0 = np.asarray(m.gamma, float).ravel()
    if len(b0) != X.shape[1]:
        raise StataError("tebalance overid: treatment model coefficients not found", 322)
    # logit's index is the treated level's: check the sign against the fitted probabilities
    from scipy.special import expit

    if not np.allclose(expit(X @ b0), p_treated, atol=1e-8):
        b0 = -b0
    try:
        chi2, df, _ = overid_test(X, X[:, keep], t, b0, e.macros.get("stat") == "atet")
    except OveridError:
        raise StataError("overidentification statistic cannot be computed", 430) from None
    if df <= 0:
        raise StataError("overidentification statistic cannot be computed; the gmm model is exactly identified",
                         322)
    from mlmcli.distributions import chi2 as chi2_dist

    p = float(chi2_dist.sf(chi2, df))
    session.print(render_overid(chi2, df, p))
    session.set_r({"chi2": chi2, "df": float(df), "p": p})
