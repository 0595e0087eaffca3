"""``twoway fpfit``/``fpfitci``'s ``estcmd()``: the estimation command fracpoly fits with.

twoway__fpfit_serset runs ``capture fracpoly estcmd y x [weight], estopts`` and then
``fracpred``; a fracpoly that fails prints "(note:  fracpoly could not fit model)" and the plot
draws nothing.  fracpoly takes the commands frac_chk lists (``ESTIMATION_COMMANDS``; a word
starting ``reg`` is regress); any other word is frac_chk's "invalid or unrecognised command",
which the capture turns into that note.  mlm fits:

- ``regress``: least squares (``mlmcli.fractional_polynomials``);
- ``logit``, ``logistic``, ``probit``, ``poisson``, ``nbreg``, ``ologit``, ``oprobit``
  (``ML_COMMANDS``; nbreg's mean dispersion, its ln alpha estimated with the terms' b; the
  ordinal ones without a constant, their cutpoints estimated with b, x b the centred terms
  times b): maximum likelihood by
  ``mlmcli.glm`` -- each candidate pair of powers by its deviance -2 ll (the same choice
  fracpoly makes: the largest likelihood), the final model's b and V (OIM, or the sandwich
  with robust/cluster); fracpred draws the linear predictor x b and, for the band, its stdp
  sqrt(x V x'), with the normal quantile (these commands keep no e(df_r)).  aweights, which
  these commands refuse, make fracpoly fail: the note, nothing drawn.

fracpoly's other commands (clogit, glm, intreg, qreg, rreg, mlogit,
xtgee, the survival commands ...) are refused: mlm does not fit fractional polynomials with them.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError

# frac_chk's list (Stata's fracpoly)
ESTIMATION_COMMANDS = ("clogit", "cnreg", "_cnreg", "cox", "ereg", "fit", "glm", "intreg", "logistic", "logit",
                       "poisson", "probit", "qreg", "regress", "rreg", "weibull", "xtgee", "streg", "stcox",
                       "stpm", "stpm2", "stcrreg", "ologit", "oprobit", "mlogit", "mprobit", "nbreg", "xtreg",
                       "xtlogit")
ML_COMMANDS = {"logit": ("bernoulli", "logit"), "logistic": ("bernoulli", "logit"),
               "probit": ("bernoulli", "probit"), "poisson": ("poisson", "log"), "nbreg": ("nbinomial", "log"),
               "ologit": ("ordinal", "logit"), "oprobit": ("ordinal", "probit")}
# the ordinal commands: no constant (their cutpoints take its place), the search and the fit on
# the terms alone, fracpred's x b the centred terms times b (fractional_polynomials' noconstant)
ORDINAL_COMMANDS = ("ologit", "oprobit")
FAILED_NOTE = "(note:  fracpoly could not fit model)"


class FracpolyFailed(Exception):
    """The estimation command failed inside fracpoly (twoway's capture turns it into the note)."""


def estimation_command(typed) -> str | None:
    """``estcmd()`` -> regress or one of ``ML_COMMANDS``; None when fracpoly would fail (not a
    command frac_chk knows); a command fracpoly knows that mlm does not fit is refused."""
    if not isinstance(typed, str) or not typed.strip():
        return "regress"
    word = typed.strip()
    if word[:3] == "reg":  # frac_chk: bsubstr(cmd, 1, 3) == "reg" is regress
        return "regress"
    if word not in ESTIMATION_COMMANDS:
        return None
    if word not in ML_COMMANDS:
        raise StataError(f"estcmd({word}) not supported by mlmcli: fpfit fits fractional polynomials by "
                         "regress, logit, logistic, probit, poisson, nbreg, ologit or oprobit", 198)
    return word


def _glm_fit(command: str, y, X, w, weight_kind, vce: str = "oim", cluster=None):
    """fit_glm on the design X (constant last, named _cons), the weights as the command takes them."""
    from mlmcli.glm.fit import fit_glm
    from mlmcli.glm.spec import GLMSpec
    from mlmcli.mixed.spec import CoefLabel

    family, link = ML_COMMANDS[command]
    k = X.shape[1]
    labels = tuple(CoefLabel(f"_fp{j}") for j in range(k))
    y = np.asarray(y, float)
    categories: tuple[float, ...] = ()
    if family == "ordinal":  # the outcome's values coded 1..K in ascending order, as ologit reads them
        values = np.unique(y)
        categories, y = tuple(float(v) for v in values), np.searchsorted(values, y).astype(float) + 1.0
    spec = GLMSpec(depvar="y", y=y, X=X, coef_labels=labels, family=family, link=link, categories=categories,
                   fweight=w if weight_kind == "fweight" else None,
                   pweight=w if weight_kind in ("pweight", "iweight") else None,
                   vce=vce if vce in ("robust", "cluster") else "oim", cluster=cluster)
    return spec, fit_glm(spec)


def _with_constant_named(X: np.ndarray, constant: bool) -> np.ndarray:
    """The design with the constant (fractional_polynomials' first column) moved last."""
    return np.column_stack([X[:, 1:], X[:, :1]]) if constant else X


def deviance_criterion(command: str, y, w, weight_kind, constant: bool):
    """The search's criterion for ``best_fp``: -2 ll of the candidate design (None: no fit)."""
    def deviance(X: np.ndarray) -> float | None:
        try:
            _, fit = _glm_fit(command, y, _with_constant_named(X, constant), w, weight_kind)
        except StataError as failure:  # Stata's command fails the same way on every candidate
            raise FracpolyFailed(str(failure)) from None
        except np.linalg.LinAlgError:
            return None
        return -2.0 * fit.loglik if np.isfinite(fit.loglik) else None
    return deviance


def ml_fit(command: str, y, X: np.ndarray, w, weight_kind, vce: str, cluster) -> tuple[np.ndarray, np.ndarray]:
    """(b, V) of the final model on X (columns as given: the caller's order; vce: ols (OIM),
    robust or cluster); V the terms' block of the whole parameter vector's (nbreg's ln alpha
    estimated with them: the inverse of the full information, as nbreg reports it)."""
    try:
        _, fit = _glm_fit(command, y, X, w, weight_kind, vce, cluster)
    except StataError as failure:
        raise FracpolyFailed(str(failure)) from None
    if len(fit.labels) != X.shape[1]:  # perfect prediction dropped a term: not mimicked
        raise StataError(f"estcmd({command}): a fractional polynomial term predicts the outcome perfectly; "
                         "not supported by mlmcli", 459)
    return np.asarray(fit.beta, float), np.asarray(fit.V, float)[:X.shape[1], :X.shape[1]]


def poisson_deviance_residuals(y, eta) -> np.ndarray:
    """fracpred's dresid after poisson: sign(y - mu) sqrt(2 mu) at y = 0, else
    sign(y - mu) sqrt(2 (y ln(y/mu) - (y - mu))), mu = exp(eta)."""
    mu = np.exp(eta)
    with np.errstate(divide="ignore", invalid="ignore"):
        inner = np.where(y == 0, 2 * mu, 2 * (y * np.log(np.where(y > 0, y, 1.0) / mu) - (y - mu)))
    return np.sign(y - mu) * np.sqrt(inner)
