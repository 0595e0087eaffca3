"""``predict ..., scores`` after logit, logistic, probit, cloglog, poisson and nbreg.

    predict [type] newvar [if] [in], scores                       (one equation)
    predict [type] {stub*|newvar1 newvar2} [if] [in], scores      (nbreg: [depvar] and /lnalpha)

The equation-level scores d lnL_i / d xb_i (eta = x b + offset):

- logit: 1 - F(eta) when y != 0, -F(eta) when y == 0 (logit_p's GenScores);
- probit: phi(eta)/Phi(eta) when y != 0, -phi(eta)/Phi(-eta) when y == 0 (probit_p);
- cloglog: e^eta exp(-e^eta)/(1 - exp(-e^eta)) when y != 0, -e^eta when y == 0;
- poisson: y - e^eta (``ml score``);
- nbreg (dispersion(mean), m = 1/alpha, mu = e^eta): (y - mu)/(1 + alpha mu) and, for /lnalpha,
  -m [psi(y + m) - psi(m) + ln(m/(m + mu)) + (mu - y)/(m + mu)].

As GenScores, the binary commands compute on every row of the if/in with x known (a missing
outcome counts as y != 0: Stata's ``depvar != 0``), quietly (no missing-values note); ``ml score``
(poisson, nbreg) computes on the if/in rows with the outcome and x known and reports the
missing values.  Labels: ``equation-level score from logit``; with two equations
``equation-level score for [y] from nbreg`` and ``equation-level score for /lnalpha from nbreg``.
Refused: nbreg's dispersion(constant) (r(198), not implemented).  ologit/oprobit: see
``predict_ordinal_scores``.
"""
from __future__ import annotations

import numpy as np
from scipy import special

from mlmcli.commands.postestimation.predict import store_prediction
from mlmcli.errors import StataError
from mlmcli.estimation.rows import PredictionRows
from mlmcli.syntax.varlist import equation_score_names

BINARY = ("logit", "logistic", "probit", "cloglog")
SCORE_COMMANDS = BINARY + ("poisson", "nbreg", "ologit", "oprobit")


def _binary_score(link: str, eta: np.ndarray, y: np.ndarray) -> np.ndarray:
    positive = ~(y == 0)  # Stata: depvar != 0 (true when missing)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        if link == "logit":
            return np.where(positive, special.expit(-eta), -special.expit(eta))
        if link == "probit":
            dens = np.exp(-0.5 * eta * eta) / np.sqrt(2 * np.pi)
            return np.where(positive, dens / special.ndtr(eta), -dens / special.ndtr(-eta))
        mu = np.exp(eta)
        return np.where(positive, mu * np.exp(-mu) / -np.expm1(-mu), -mu)


def equation_scores(e, prows) -> list[np.ndarray]:
    """The equation-level score columns of logit ... nbreg (dispersion(mean)) on every row
    (NaN where xb or the outcome is unknown, the binary ones excepted: see the docstring)."""
    fit = e.model
    eta = fit.predict("xb", prows)
    y = prows.depvar()
    if e.cmd in BINARY:
        return [_binary_score(fit.spec.link, eta, y)]
    mu = np.exp(eta)
    if e.cmd == "poisson":
        return [y - mu]
    alpha = float(np.exp(fit.anc[0]))
    m = 1.0 / alpha
    with np.errstate(invalid="ignore", over="ignore"):
        return [(y - mu) / (1 + alpha * mu),
                -m * (special.digamma(y + m) - special.digamma(m) + np.log(m / (m + mu)) + (mu - y) / (m + mu))]


def predict_scores(session, e, cmd, opts: dict, rows: np.ndarray) -> None:
    """The score variable(s) of the module docstring."""
    fit = e.model
    if e.cmd not in SCORE_COMMANDS:
        raise StataError("option scores not allowed", 198)
    if e.cmd in ("ologit", "oprobit"):
        from mlmcli.commands.postestimation.predict_ordinal_scores import predict_ordinal_scores

        return predict_ordinal_scores(session, e, cmd, opts, rows)
    if "outcome" in opts:
        raise StataError("option outcome() not allowed", 198)
    if e.cmd == "nbreg" and fit.spec.dispersion != "mean":
        raise StataError("option scores after nbreg, dispersion(constant) is not implemented in mlmcli", 198)
    n_eq = 2 if e.cmd == "nbreg" else 1
    vtype, names = equation_score_names(session.data, cmd.args, n_eq)
    prows = PredictionRows(session, e)
    scores = equation_scores(e, prows)
    dep = e.macros.get("depvar", "")
    if e.cmd in BINARY:
        values = np.where(rows, scores[0], np.nan)
        return store_prediction(session, names[0], values, vtype, f"equation-level score from {e.cmd}",
                                report_missing=False)
    keep = rows & np.isfinite(fit.predict("xb", prows)) & np.isfinite(prows.depvar())
    labels = ([f"equation-level score from {e.cmd}"] if n_eq == 1 else
              [f"equation-level score for [{dep}] from {e.cmd}", f"equation-level score for /lnalpha from {e.cmd}"])
    for name, values, label in zip(names, scores, labels):
        store_prediction(session, name, np.where(keep, values, np.nan), vtype, label, report_missing=False)
    nmiss = int(np.count_nonzero(~keep))
    if nmiss:
        session.print(f"({nmiss} missing value{'s' if nmiss != 1 else ''} generated)")
