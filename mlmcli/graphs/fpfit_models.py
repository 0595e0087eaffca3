"""``twoway fpfit``/``fpfitci``'s ``estcmd()``: the estimation command fracpoly fits with.

twoway__fpfit_serset runs ``capture fracpoly estcmd y x [weight], estopts`` and then
``fracpred``; a fracpoly that fails prints "(note:  fracpoly could not fit model)" and the plot
draws nothing.  fracpoly takes the commands frac_chk lists (``ESTIMATION_COMMANDS``; a word
starting ``reg`` is regress); any other word is frac_chk's "invalid or unrecognised command",
which the capture turns into that note.  mlm fits:

- ``regress``: least squares (``mlmcli.fractional_polynomials``);
- ``logit``, ``logistic``, ``probit``, ``poisson``, ``nbreg``, ``ologit``, ``oprobit``
  (``ML_COMMANDS``; nbreg's dispersion(mean|constant), its ln alpha or ln delta estimated with the terms' b; the
  ordinal ones without a constant, their cutpoints estimated with b, x b the centred terms
  times b): maximum likelihood by
  ``mlmcli.glm`` -- each candidate pair of powers by its deviance -2 ll (the same choice
  fracpoly makes: the largest likelihood), the final model's b and V (OIM, or the sandwich
  with robust/cluster); fracpred draws the linear predictor x b and, for the band, its stdp
  sqrt(x V x'), with the normal quantile (these commands keep no e(df_r)).  aweights, which
  these commands refuse, make fracpoly fail: the note, nothing drawn.  Their own estopts()
  (offset, exposure, iterate, tolerances, asis, vce(opg), glm's scale/vfactor/irls ...) are read
  by ``fpfit_ml_options`` into ``MLSettings``, which every fit here takes.

- ``glm`` with estopts(family() link()) (``glm_model``): mlm's glm engine
  (``mlmcli.glm.generalized_linear``, Stata's ml fit, V = phi times the inverse observed
  information) with every family and link mlm's glm has -- gaussian, binomial (without a
  denominator, or ``binomial #|varname``), poisson, gamma, igaussian, ``nbinomial #`` and
  ``nbinomial ml`` (glm.ado fits nbreg first and takes its alpha as k: here for every candidate);
  links identity, log, logit, probit, cloglog, loglog, logc, power #.  fracpoly's deviance after
  glm is frac_dv's -2 e(ll), glm's log likelihood as the family programs (glim_v1 ... glim_v6)
  write it: gamma -y/mu - ln mu and inverse Gaussian -((y-mu)^2/(y mu^2) + ln(2 pi y^3))/2 at
  scale 1 (the estimated phi is not in them), the negative binomial's at its k, the binomial's
  with ln C(m, y), the Gaussian's at the ML variance (monotone in the residual sum of squares).
  glm keeps no e(df_r): the normal quantile.  A family and link whose fit fails (a mean outside
  its range: glm's "data not suitable") is fracpoly failing: the note.

- ``clogit``, ``xtgee``, ``mlogit``: ``graphs.fpfit_grouped_models``.
- ``cnreg`` (and ``_cnreg``) with estopts(censored(varname)), and ``intreg``, which fails inside
  fracpoly under twoway's ``y x``: ``graphs.fpfit_censored``.
- ``stcox``, ``streg``: fracpoly's st form, in ``graphs.fpfit_survival``.
- ``qreg``, ``rreg``: ``graphs.fpfit_robust`` (frac_dv's deviances of quantile and robust regression).
- ``stcrreg`` (estopts(compete())): fracpoly's st form, in ``graphs.fpfit_competing``.

- ``mprobit``: fracpred refuses it (``graphs.fpfit_grouped_models``).
- ``xtreg`` (fe, be, mle; re and pa post no e(ll): the note), ``xtlogit`` (re, fe; pa: the note),
  ``weibull``, ``ereg``, ``cox`` (Stata's built-in cox with dead(); without it the note):
  ``graphs.fpfit_xtreg.own_fit`` (``graphs.fpfit_xtreg``, ``graphs.fpfit_xtlogit``,
  ``graphs.fpfit_weibull_ereg``, ``graphs.fpfit_cox``).
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
# fitted by graphs.fpfit_grouped_models
GROUPED_COMMANDS = ("clogit", "xtgee", "mlogit", "mprobit")
# the ordinal commands: no constant (their cutpoints take its place), the search and the fit on
# the terms alone, fracpred's x b the centred terms times b (fractional_polynomials' noconstant)
ORDINAL_COMMANDS = ("ologit", "oprobit")
FAILED_NOTE = "(note:  fracpoly could not fit model)"

# cnreg (and _cnreg): graphs.fpfit_censored; intreg: fracpoly fails with twoway's `y x` (the note);
# stpm and stpm2 are community commands (SSC), not Stata 13's: running them fails inside fracpoly
CENSORED_COMMANDS = ("cnreg", "_cnreg")
FAILING = ("intreg", "stpm", "stpm2")


# fitted by graphs.fpfit_xtreg and graphs.fpfit_weibull_ereg (``fpfit_xtreg.own_fit``)
OWN_FIT_COMMANDS = ("xtreg", "xtlogit", "weibull", "ereg", "cox")


class FracpolyFailed(Exception):
    """The estimation command failed inside fracpoly (twoway's capture turns it into the note)."""


def check_fit_alias(typed, weight_kind: str | None, constant: bool) -> None:
    """``estcmd(fit)``: fit.ado (1998, Stata 6's) takes aweights and fweights only and runs
    ``regress``, then stops with "may not drop constant" r(399) when ``_b[_cons]`` is gone
    (``noconstant``); either failure is fracpoly's (FracpolyFailed)."""
    if not (isinstance(typed, str) and typed.strip() == "fit"):
        return
    if weight_kind not in (None, "aweight", "fweight"):
        raise FracpolyFailed(f"{weight_kind} not allowed")
    if not constant:
        raise FracpolyFailed("may not drop constant")


def estimation_command(typed) -> str | None:
    """``estcmd()`` -> regress (also for ``fit``) or one of ``ML_COMMANDS``; None when fracpoly
    would fail (not a command frac_chk knows, or not Stata 13's); a command fracpoly knows that mlm
    does not fit is refused."""
    if not isinstance(typed, str) or not typed.strip():
        return "regress"
    word = typed.strip()
    if word[:3] == "reg" or word == "fit":  # frac_chk: bsubstr(cmd, 1, 3) == "reg" is regress; fit.ado runs it
        return "regress"
    if word not in ESTIMATION_COMMANDS or word in FAILING:
        return None
    if word in GROUPED_COMMANDS:  # graphs.fpfit_grouped_models
        return word
    if (word not in ML_COMMANDS and word not in ("glm", "stcox", "streg", "stcrreg", "qreg", "rreg") + OWN_FIT_COMMANDS
            and word not in CENSORED_COMMANDS):
        raise StataError(f"estcmd({word}) not supported by mlmcli: fpfit fits fractional polynomials by "
                         "regress, logit, logistic, probit, poisson, nbreg, ologit, oprobit, glm, clogit, xtgee, "
                         "mlogit, mprobit, cnreg, stcox, streg, stcrreg, qreg, rreg, xtreg, weibull or ereg", 198)
    return "cnreg" if word in CENSORED_COMMANDS else word


def glm_model(family_text, link_text, data, sample: np.ndarray):
    """estopts(family() link()) of estcmd(glm) -> (Family, Link) as mlm's glm reads them
    (``family(binomial varname)``: the denominators on the plot's sample rows)."""
    from mlmcli.glm.exponential_family import family_from_option, link_from_option

    family = family_from_option(family_text, data, sample, allow_ml=True)
    if family.name == "nbinomial" and str(family_text).split()[-1] == "ml":
        return family, link_from_option(link_text, family), "ml"
    return family, link_from_option(link_text, family)


def _generalized_linear_fit(model, y, X, w, weight_kind, vce: str, cluster, ml, offset, constant=True,
                            final=False, centre=None):
    """glm's fit (``mlmcli.glm.generalized_linear``) on X, the weights as glm takes them;
    family(nbinomial ml): glm.ado's nbreg first, its alpha the k of the glm fit; constraints()
    and from() as ``fpfit_ml_start`` reads them for this fit (``constant``, ``final``, ``centre``:
    as ``_glm_fit``)."""
    import dataclasses

    from mlmcli.glm.generalized_linear import estimated_nbinomial_k, fit_generalized_linear
    from mlmcli.mixed.spec import CoefLabel

    family, link = model[:2]
    if ml.asis and not family.bernoulli:  # glm.ado: asis only with binomial and a denominator of 1
        raise FracpolyFailed("option asis not allowed")
    pweight = weight_kind == "pweight"
    constraints = start = None
    if ml.model_options is not None:
        from mlmcli.graphs.fpfit_ml_start import constraints_and_start

        cns, start = constraints_and_start(ml.model_options, X.shape[1] - int(constant), constant, final, centre)
        constraints = None if cns is None else (cns.R, cns.r)
    if len(model) > 2:  # nbinomial ml: k = nbreg's e(alpha) on the same terms
        nb_cns = None
        if ml.model_options is not None:  # glm.ado's nbreg gets constraints() (its mlopts), not from()
            from mlmcli.graphs.fpfit_ml_start import constraints_and_start

            nb_cns = constraints_and_start(dataclasses.replace(ml.model_options, start=None),
                                           X.shape[1] - int(constant), constant, final, centre, ("lnalpha",))[0]
        k = estimated_nbinomial_k(X, y, tuple(CoefLabel(f"_fp{j}") for j in range(X.shape[1])), offset=offset,
                                  weight=w, pweight=pweight, iterate=ml.iterate, constraints=nb_cns)
        family = dataclasses.replace(family, k=k)
    labels = tuple(f"_fp{j}" for j in range(X.shape[1]))
    if ml.opg and vce in ("oim", "ols"):
        if pweight:  # glm.ado: pweights are robust, and robust needs a Hessian
            raise FracpolyFailed("robust allowed only with hessian matrices")
        vce = "opg"
    if pweight and vce in ("oim", "ols"):  # glm: pweights give the robust variance
        vce = "robust"
    if ml.scale is not None and vce in ("robust", "cluster", "opg"):
        raise FracpolyFailed("cannot use scale() with alternate variances")
    return fit_generalized_linear("y", labels, X, np.asarray(y, float), family, link, weight=w, pweight=pweight,
                                  vce=vce if vce in ("robust", "cluster", "opg") else "oim", cluster=cluster,
                                  offset=offset, iterate=ml.iterate, tolerance=ml.tolerance,
                                  ltolerance=ml.ltolerance, scale=ml.scale, vfactor=ml.vfactor,
                                  constraints=constraints, start=start)


def _glm_fit(command: str, y, X, w, weight_kind, vce: str = "oim", cluster=None, model=None, ml=None,
             offset=None, constant: bool = True, final: bool = False, centre=None):
    """fit_glm on the design X (constant last, named _cons), the weights as the command takes them;
    ``ml``: estopts()' ``MLSettings``, ``offset``: offset() or ln(exposure()) on the rows;
    ``constant``: X's last column is the constant; ``final``: the final model (its terms
    fracgen's, ``centre`` their centring values), else the model without x or a candidate
    (constraints() and from(): ``fpfit_ml_start``)."""
    from mlmcli.graphs.fpfit_ml_options import MLSettings

    ml = ml or MLSettings()
    if command == "glm":
        return None, _generalized_linear_fit(model, y, X, w, weight_kind, vce, cluster, ml, offset, constant,
                                             final, centre)
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
    if ml.opg and vce in ("oim", "ols"):
        if weight_kind == "pweight":  # pweights give the robust variance; opg is not one
            raise FracpolyFailed("vce(opg) not allowed with pweights")
        vce = "opg"
    spec = GLMSpec(depvar="y", y=y, X=X, coef_labels=labels, family=family, link=link, categories=categories,
                   dispersion=ml.dispersion, offset=offset, offset_name="offset" if offset is not None else None,
                   fweight=w if weight_kind == "fweight" else None,
                   pweight=w if weight_kind in ("pweight", "iweight") else None,
                   vce=vce if vce in ("robust", "cluster", "opg") else "oim", cluster=cluster,
                   iterate=ml.iterate, tolerance=ml.tolerance, ltolerance=ml.ltolerance,
                   nrtolerance=ml.nrtolerance, asis=ml.asis)
    if ml.model_options is not None:
        from mlmcli.graphs.fpfit_ml_start import apply

        spec = apply(spec, ml.model_options, k - int(constant), constant, final, centre)
    return spec, fit_glm(spec)


def _converged(command: str, fit, ml) -> bool:
    """ml's end (``commands.estimation.convergence``): iterate() reached when typed (always
    after glm, which hands ml iterate()) is a warning and the results stay; any other failure
    to converge is r(430), the command failing."""
    if getattr(fit, "converged", True):
        return True
    return bool(fit.limit_reached and (ml.iterate_typed or command == "glm"))


def _with_constant_named(X: np.ndarray, constant: bool) -> np.ndarray:
    """The design with the constant (fractional_polynomials' first column) moved last."""
    return np.column_stack([X[:, 1:], X[:, :1]]) if constant else X


def null_model(command: str, y, w, weight_kind, constant: bool, model=None, ml=None, offset=None) -> None:
    """frac_154's first fit, which it does not capture: the command on the constant alone (ologit,
    oprobit: the cutpoints alone) with estopts(); its failure (an outcome that does not vary,
    exposure() <= 0 ...) is fracpoly's (``FracpolyFailed``).  Without a constant frac_154 fits
    no such model for these commands (logit's has no column left either)."""
    from mlmcli.graphs.fpfit_ml_options import MLSettings

    ml = ml or MLSettings()
    n = len(y)
    if command in ORDINAL_COMMANDS:
        X = np.zeros((n, 0))
    elif constant:
        X = np.ones((n, 1))
    else:
        return
    try:
        _, fit = _glm_fit(command, y, X, w, weight_kind, model=model, ml=ml, offset=offset,
                          constant=X.shape[1] == 1)
    except (StataError, np.linalg.LinAlgError) as failure:
        raise FracpolyFailed(str(failure)) from None
    if not _converged(command, fit, ml):
        raise FracpolyFailed("convergence not achieved")


def deviance_criterion(command: str, y, w, weight_kind, constant: bool, model=None, ml=None, offset=None):
    """The search's criterion for ``best_fp``: -2 ll of the candidate design, None when the
    command fails on it (frac_154 captures each candidate's fit and skips the failures: its
    deviance missing); ``model``: estcmd(glm)'s (Family, Link); ``ml``, ``offset``: as ``_glm_fit``."""
    from mlmcli.graphs.fpfit_ml_options import MLSettings

    ml = ml or MLSettings()

    def deviance(X: np.ndarray) -> float | None:
        try:
            _, fit = _glm_fit(command, y, _with_constant_named(X, constant), w, weight_kind, model=model, ml=ml,
                              offset=offset, constant=constant)
        except (StataError, np.linalg.LinAlgError):
            return None
        if not _converged(command, fit, ml):
            return None
        return -2.0 * fit.loglik if np.isfinite(fit.loglik) else None
    return deviance


def ml_fit(command: str, y, X: np.ndarray, w, weight_kind, vce: str, cluster, model=None, ml=None, offset=None,
           constant: bool = True, centre=None, ancillary: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """(b, V) of the final model on X (columns as given: the caller's order, the constant last;
    vce: ols (OIM), robust or cluster); V the terms' block of the whole parameter vector's (nbreg's
    ln alpha estimated with them: the inverse of the full information, as nbreg reports it), after
    nbreg with ln alpha's (ln delta's) row and column last, as e(V); ``centre``: the terms'
    centring values (fracgen's, for constraints() on the constant); ``ancillary``: b with nbreg's
    ln alpha last too, or ologit's and oprobit's cutpoints (e(b)'s /cut1 ...: the parameters its
    replicates cover, which bootstrap's reject() reads as [cut1]_b[_cons])."""
    fit = _checked_fit(command, y, X, w, weight_kind, vce, cluster, model, ml, offset, constant, True, centre)
    if command == "glm":
        return np.asarray(fit.beta, float), np.asarray(fit.V, float)
    k = X.shape[1] + (1 if command == "nbreg" else 0)  # nbreg: ln alpha's row too (fracpred's for() reads it)
    theta, V = _with_omitted(fit, X.shape[1])
    if ancillary and command in ORDINAL_COMMANDS:  # the cutpoints follow the terms in e(b)
        k = len(theta)
    b = theta[:k] if ancillary else theta[:X.shape[1]]
    return b, V[:k, :k]


def glm_deviance_residuals(model, y, eta, rows) -> np.ndarray:
    """glm's predict, deviance (fracpred after glm): sign(y - mu) sqrt(d(y, mu)), mu = m h(eta),
    m the binomial denominators of the observations ``rows`` (of the plot's sample)."""
    import dataclasses

    family, link = model[:2]
    if family.m is not None:
        family = dataclasses.replace(family, m=np.asarray(family.m, float)[rows])
    from mlmcli.glm.generalized_linear import link_scale

    mu = link_scale(link, family.denominators(len(rows))) * link.inverse(np.asarray(eta, float))[0]
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.sign(y - mu) * np.sqrt(np.maximum(family.unit_deviance(y, mu), 0.0))


def poisson_deviance_residuals(y, eta) -> np.ndarray:
    """fracpred's dresid after poisson: sign(y - mu) sqrt(2 mu) at y = 0, else
    sign(y - mu) sqrt(2 (y ln(y/mu) - (y - mu))), mu = exp(eta)."""
    mu = np.exp(eta)
    with np.errstate(divide="ignore", invalid="ignore"):
        inner = np.where(y == 0, 2 * mu, 2 * (y * np.log(np.where(y > 0, y, 1.0) / mu) - (y - mu)))
    return np.sign(y - mu) * np.sqrt(inner)


def ml_estimate(command: str, y, X: np.ndarray, w, weight_kind, model=None, ml=None, offset=None,
                constant: bool = True, final: bool = False, centre=None, scalars: bool = False):
    """(e(b), e(V), e()'s scalars) of one of fracpoly's fits under vce(jackknife, ...)'s prefix
    (``graphs.fpfit_ml_jackknife``): b with the ancillary parameters last (nbreg's ln alpha,
    ologit's cutpoints), V the OIM's, the scalars (``scalars``: those the command posts,
    ``glm.stored_results``, else {}) what reject() and n() read; FracpolyFailed when the command fails (``_glm_fit``'s arguments)."""
    from mlmcli.glm.stored_results import glm_scalars, ml_scalars

    fit = _checked_fit(command, y, X, w, weight_kind, "oim", None, model, ml, offset, constant, final, centre)
    if command == "glm":
        values = glm_scalars(fit, constant) if scalars else {}
        return np.asarray(fit.beta, float), np.asarray(fit.V, float), values
    theta, V = _with_omitted(fit, X.shape[1])
    return theta, V, (ml_scalars(fit) if scalars else {})


def _checked_fit(command: str, y, X, w, weight_kind, vce, cluster, model, ml, offset, constant, final, centre):
    """``_glm_fit``'s fit; FracpolyFailed when the command fails or does not converge (ml's r(430)).
    A term logit/probit drops for predicting the outcome perfectly is not a failure: frac_154 goes
    on with the command's e(b) (``_with_omitted``)."""
    from mlmcli.graphs.fpfit_ml_options import MLSettings

    ml = ml or MLSettings()
    try:
        _, fit = _glm_fit(command, y, X, w, weight_kind, vce, cluster, model, ml, offset, constant=constant,
                          final=final, centre=centre)
    except (StataError, np.linalg.LinAlgError) as failure:
        raise FracpolyFailed(str(failure)) from None
    if not _converged(command, fit, ml):
        raise FracpolyFailed("convergence not achieved")
    return fit


def _with_omitted(fit, k: int) -> tuple[np.ndarray, np.ndarray]:
    """(theta, V) over all k columns of the design, then the ancillary parameters: a term the
    command dropped for predicting the outcome perfectly (logit's ``x != c predicts failure
    perfectly``, its observations left out) keeps its place with b = 0 and a zero row and column
    of V, as e(b) and e(V) carry Stata's ``o.`` coefficient; fracpred's x b and stdp read them so."""
    kept = [j for j, lab in enumerate(fit.labels) if not (lab.base or lab.omitted)]
    p = len(kept)
    index = np.r_[kept, np.arange(k, k + len(fit.theta) - p)].astype(int)
    theta = np.zeros(k + len(fit.theta) - p)
    V = np.zeros((theta.size, theta.size))
    theta[index] = fit.theta
    V[np.ix_(index, index)] = fit.V
    return theta, V
