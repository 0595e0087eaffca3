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

- ``glm`` with estopts(family() link()) (``glm_model``): mlm's glm engine
  (``mlmcli.glm.generalized_linear``, Stata's ml fit, V = phi times the inverse observed
  information); fracpoly's deviance after glm is frac_dv's -2 e(ll), built for the families
  whose log likelihood has no estimated scale, or whose scale is a multiple of the residual sum of
  squares (the Gaussian: -2 ll is then monotone in it, so the powers are least squares'):
  gaussian (identity), binomial without a denominator (an outcome in [0, 1]; logit, probit,
  cloglog), poisson (log).
  gamma, igaussian and nbinomial (their -2 ll depends on the estimated scale or k), other links
  and binomial's denominators are refused.  glm keeps no e(df_r): the normal quantile.

- ``qreg``, ``rreg``: ``graphs.fpfit_robust`` (frac_dv's deviances of quantile and robust regression).

fracpoly's other commands (clogit, intreg, mlogit,
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
# estcmd(glm)'s families and links fpfit fits (module docstring: -2 e(ll) pinned down for these)
GLM_LINKS = {"gaussian": ("identity",), "binomial": ("logit", "probit", "cloglog"), "poisson": ("log",)}
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
    if word not in ML_COMMANDS and word not in ("glm", "qreg", "rreg"):  # qreg, rreg: graphs.fpfit_robust
        raise StataError(f"estcmd({word}) not supported by mlmcli: fpfit fits fractional polynomials by "
                         "regress, logit, logistic, probit, poisson, nbreg, ologit, oprobit, glm, qreg or rreg", 198)
    return word


def glm_model(family_text, link_text, n: int):
    """estopts(family() link()) of estcmd(glm) -> (Family, Link), or refused (module docstring)."""
    from mlmcli.glm.exponential_family import family_from_option, link_from_option

    words = str(family_text or "").split()
    if len(words) > 1 and words[0].lower().startswith("b"):  # binomial's denominator (# or a variable)
        raise StataError("estopts(family(binomial #|varname)) not supported by mlmcli with estcmd(glm): fpfit "
                         "fits the binomial without a denominator", 198)
    family = family_from_option(family_text, None, np.ones(n, bool))
    link = link_from_option(link_text, family)
    if family.name not in GLM_LINKS:
        raise StataError(f"estopts(family({family.name})) not supported by mlmcli with estcmd(glm): fracpoly's "
                         "deviance -2 e(ll) depends on the estimated scale; fpfit fits family gaussian, binomial "
                         "or poisson", 198)
    if link.name not in GLM_LINKS[family.name]:
        raise StataError(f"estopts(link({link.name})) not supported by mlmcli with estcmd(glm) and family("
                         f"{family.name}): fpfit fits link(s) {', '.join(GLM_LINKS[family.name])}", 198)
    return family, link


def _generalized_linear_fit(model, y, X, w, weight_kind, vce: str, cluster):
    """glm's fit (``mlmcli.glm.generalized_linear``) on X, the weights as glm takes them."""
    from mlmcli.glm.generalized_linear import fit_generalized_linear

    family, link = model
    labels = tuple(f"_fp{j}" for j in range(X.shape[1]))
    pweight = weight_kind == "pweight"
    if pweight and vce == "oim":  # glm: pweights give the robust variance
        vce = "robust"
    return fit_generalized_linear("y", labels, X, np.asarray(y, float), family, link, weight=w, pweight=pweight,
                                  vce=vce if vce in ("robust", "cluster") else "oim", cluster=cluster)


def _glm_fit(command: str, y, X, w, weight_kind, vce: str = "oim", cluster=None, model=None):
    """fit_glm on the design X (constant last, named _cons), the weights as the command takes them."""
    if command == "glm":
        return None, _generalized_linear_fit(model, y, X, w, weight_kind, vce, cluster)
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


def deviance_criterion(command: str, y, w, weight_kind, constant: bool, model=None):
    """The search's criterion for ``best_fp``: -2 ll of the candidate design (None: no fit);
    ``model``: estcmd(glm)'s (Family, Link)."""
    def deviance(X: np.ndarray) -> float | None:
        try:
            _, fit = _glm_fit(command, y, _with_constant_named(X, constant), w, weight_kind, model=model)
        except StataError as failure:  # Stata's command fails the same way on every candidate
            raise FracpolyFailed(str(failure)) from None
        except np.linalg.LinAlgError:
            return None
        return -2.0 * fit.loglik if np.isfinite(fit.loglik) else None
    return deviance


def ml_fit(command: str, y, X: np.ndarray, w, weight_kind, vce: str, cluster, model=None
           ) -> tuple[np.ndarray, np.ndarray]:
    """(b, V) of the final model on X (columns as given: the caller's order; vce: ols (OIM),
    robust or cluster); V the terms' block of the whole parameter vector's (nbreg's ln alpha
    estimated with them: the inverse of the full information, as nbreg reports it)."""
    try:
        _, fit = _glm_fit(command, y, X, w, weight_kind, vce, cluster, model)
    except StataError as failure:
        raise FracpolyFailed(str(failure)) from None
    if command == "glm":
        return np.asarray(fit.beta, float), np.asarray(fit.V, float)
    if len(fit.labels) != X.shape[1]:  # perfect prediction dropped a term: not mimicked
        raise StataError(f"estcmd({command}): a fractional polynomial term predicts the outcome perfectly; "
                         "not supported by mlmcli", 459)
    return np.asarray(fit.beta, float), np.asarray(fit.V, float)[:X.shape[1], :X.shape[1]]


def glm_deviance_residuals(model, y, eta) -> np.ndarray:
    """glm's predict, deviance (fracpred after glm): sign(y - mu) sqrt(d(y, mu)), mu = h(eta)."""
    family, link = model
    mu = link.inverse(np.asarray(eta, float))[0]  # binomial without a denominator: m = 1
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.sign(y - mu) * np.sqrt(np.maximum(family.unit_deviance(y, mu), 0.0))


def poisson_deviance_residuals(y, eta) -> np.ndarray:
    """fracpred's dresid after poisson: sign(y - mu) sqrt(2 mu) at y = 0, else
    sign(y - mu) sqrt(2 (y ln(y/mu) - (y - mu))), mu = exp(eta)."""
    mu = np.exp(eta)
    with np.errstate(divide="ignore", invalid="ignore"):
        inner = np.where(y == 0, 2 * mu, 2 * (y * np.log(np.where(y > 0, y, 1.0) / mu) - (y - mu)))
    return np.sign(y - mu) * np.sqrt(inner)
