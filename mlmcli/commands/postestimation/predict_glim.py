"""``predict`` after ``glm`` (Stata's ``glim_p``).

    predict [type] newvar [if] [in] [, statistic standardized studentized modified adjusted nooffset]

statistic: ``mu`` (the default, with the note ``(option mu assumed; predicted mean depvar)``)
m h(x b + offset); ``xb``/``eta`` the linear prediction; ``stdp`` its standard error;
``response`` y - mu; ``pearson`` (y - mu)/sqrt(V(mu)); ``deviance`` sign(y - mu) sqrt(d(y, mu));
``anscombe``; ``working`` (y - mu) d eta/d mu; ``score`` (y - mu) mu'/V(mu); and on the
estimation sample ``hat``, ``cooksd``, ``likelihood`` (``mlmcli.glm.glm_influence``).
Modifiers as glim_p: ``studentized`` divides by sqrt(e(phi)) (label ``Studentized ...``),
``modified`` by sqrt(e(disp)/w) (estimation sample only; ``modified ...``), ``standardized`` by
sqrt(1 - h) (``standardized ...``; not after robust variance estimation, r(198));
``adjusted`` (deviance only) adds glim_v's adjustment.  hat and likelihood take no modifier
(``option standardized not allowed with hat residuals`` r(198)); cooksd ignores them.
Labels are glim_p's: ``response residual``, ``Pearson residual``, ``deviance residual``,
``Anscombe residual``, ``working residual``, ``hat diagonal``,
``Cook's distance``, ``likelihood residual``; ``score`` is ``ml score``'s (glm fits by ml here):
``equation-level score from glm``.
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.postestimation.predict import one_new_variable, rows_selected, store_prediction
from mlmcli.errors import StataError
from mlmcli.estimation.rows import PredictionRows
from mlmcli.syntax.options import OptionSpec, resolve_options

_STATS = ("mu", "xb", "eta", "stdp", "response", "pearson", "deviance", "anscombe", "working", "score",
          "hat", "cooksd", "likelihood")
_MODIFIERS = ("standardized", "studentized", "modified")
_OPTS = [OptionSpec("mu", 1), OptionSpec("xb", 2), OptionSpec("eta", 1), OptionSpec("stdp", 4),
         OptionSpec("response", 1), OptionSpec("pearson", 1), OptionSpec("deviance", 1),
         OptionSpec("anscombe", 1), OptionSpec("working", 1), OptionSpec("score", 1),
         OptionSpec("hat", 1), OptionSpec("cooksd", 1), OptionSpec("likelihood", 1),
         OptionSpec("standardized", 3), OptionSpec("studentized", 3), OptionSpec("modified", 3),
         OptionSpec("adjusted", 3), OptionSpec("nooffset", 7)]
LABELS = {"xb": "Linear prediction", "stdp": "S.E. of the linear prediction", "response": "response residual",
          "pearson": "Pearson residual", "deviance": "deviance residual", "anscombe": "Anscombe residual",
          "working": "working residual",
          # glim_p hands scores to ``ml score`` after an ml fit (mlm's glm fits only by ml; irls's
          # label would be "score residual")
          "score": "equation-level score from glm"}


def glim_inputs(session, e, prows, nooffset: bool = False):
    """(X, offset, binomial denominators m, y) on every row, as glm's fit saw them."""
    fit = e.model
    X = prows.fixed_design()
    n = session.data.nobs
    offset = np.zeros(n)
    if fit.offset_name and not nooffset:
        name = fit.offset_name
        offset = np.log(prows.variable(name[3:-1])) if name.startswith("ln(") else prows.variable(name)
    label_m = fit.family.m_label
    if fit.family.name == "binomial" and fit.family.m is not None:
        try:
            m = np.full(n, float(label_m))
        except ValueError:
            m = prows.variable(label_m)
    else:
        m = np.ones(n)
    return X, offset, m, prows.depvar()


def predict_glim(session, e, cmd) -> None:
    fit = e.model
    opts = resolve_options(cmd.options, _OPTS)
    stats = [s for s in _STATS if opts.get(s)]
    if len(stats) > 1:
        raise StataError("only one statistic may be specified", 198)
    stat = stats[0] if stats else "mu"
    stat = "xb" if stat == "eta" else stat
    mods = [m for m in _MODIFIERS if opts.get(m)]
    if opts.get("adjusted") and stat != "deviance":
        raise StataError("option adjusted allowed only with option deviance", 198)
    vtype, name = one_new_variable(session, cmd)
    rows = rows_selected(session, cmd)
    prows = PredictionRows(session, e)
    X, offset, m, y = glim_inputs(session, e, prows, nooffset=bool(opts.get("nooffset")))
    n = session.data.nobs
    if not stats:
        session.print(f"(option mu assumed; predicted mean {fit.depvar})")
    needs_hat = stat in ("hat", "cooksd", "likelihood") or "standardized" in mods
    if needs_hat and e.macros.get("vcetype") == "Robust":
        raise StataError("option standardized not allowed after robust variance estimation", 198)
    if stat in ("hat", "likelihood") and mods:
        raise StataError(f"option {''.join(mods)} not allowed with {stat} residuals", 198)
    from mlmcli.glm import glm_influence as gi

    fam = _family(fit, m)
    mu = fit.predict("mu", X, offset, y, m)
    sample = e.sample_mask(session.data) if (needs_hat or "modified" in mods) else None
    w = _prior_weights(session, e, sample) if sample is not None else None
    with np.errstate(invalid="ignore", divide="ignore"):
        if stat == "anscombe":
            values, label = gi.anscombe_residuals(fam, y, mu, m), LABELS["anscombe"]
        elif stat in ("hat", "cooksd", "likelihood"):
            values, label = None, ""
        else:
            values = fit.predict(stat, X, offset, y, m)
            label = f"Predicted mean {fit.depvar}" if stat == "mu" else LABELS[stat]
            if opts.get("adjusted"):
                values = values + gi.deviance_adjustment(fam, mu, m, fit.phi)
                label = "adjusted deviance residual"
        if "studentized" in mods and values is not None:
            values, label = values / np.sqrt(fit.phi), f"Studentized {label}"
        if "modified" in mods and values is not None:
            values, label = values * np.sqrt(np.where(sample, w, np.nan)), f"modified {label}"
        if needs_hat:
            v = fam.variance(mu)
            dmu = _mean_derivative(fit, X @ fit.beta + offset, m)
            h = gi.hat_diagonals(X, dmu * dmu / v, w, sample & np.isfinite(mu))
            r = y - mu
            if stat == "hat":
                values, label = h, "hat diagonal"
            elif stat == "cooksd":
                rank = float(e.scalars.get("rank", fit.k))
                values, label = h * r * r / (v * fit.phi) / (rank * (1 - h) ** 2), "Cook's distance"
            elif stat == "likelihood":
                spe2 = r * r / (v * (1 - h))
                d = np.maximum(fam.unit_deviance(y, mu), 0)
                values, label = np.sign(r) * np.sqrt(h * spe2 + d), "likelihood residual"
            else:
                values, label = values / np.sqrt(1 - h), f"standardized {label}"
    store_prediction(session, name, np.where(rows, values, np.nan), vtype, label)


def _family(fit, m):
    from mlmcli.glm.exponential_family import Family
    fam = fit.family
    return fam if fam.m is None else Family(fam.name, m, fam.m_label, fam.k)


def _mean_derivative(fit, eta: np.ndarray, m: np.ndarray) -> np.ndarray:
    """d mu / d eta = s h'(eta) (s the binomial denominators, as the fit's mean)."""
    from mlmcli.glm.generalized_linear import link_scale
    return link_scale(fit.link, m) * fit.link.inverse(eta)[1]


def _prior_weights(session, e, sample: np.ndarray) -> np.ndarray:
    """glim_p's wt: the weight expression on e(sample) (aweights rescaled to mean 1), else 1."""
    wtype = e.macros.get("wtype", "")
    if not wtype:
        return np.ones(session.data.nobs)
    from mlmcli.commands.estimation.common import evaluate_weight
    w = np.asarray(evaluate_weight(session, e.macros["wexp"].lstrip("= ").strip()), float)
    if wtype == "aweight":
        w = w / np.mean(w[sample])
    return w
