"""gllamm's ``thresh(eqname)`` (ordinal links with covariates in the thresholds) and its
``link(mlogit)`` on expanded data (``expanded(varname varname o)``), with ``init`` (the model
without random effects).  Engine: ``glmm.row_families`` + ``glmm.row_family_fit`` (the glmm
engine's quadrature); display: gllamm's layout (``render.gllamm_display``).

thresh(eqname): ``eq thr: w1 w2`` defines the threshold covariates; the s-th threshold is
kappa_s = alpha_s0 + w'alpha_s, Pr(y <= s) = F(kappa_s - x'beta - z'u) (gllamm manual, 2004,
sec. 2.3.3).  e(b): ``y:x`` ..., ``_cut11:w1`` ... ``_cut11:_cons``, ``_cut12:w1`` ..., then the
random effects' Cholesky entries as gllamm names them (``pers1:_cons``, ``id1_1:price`` ...).
An equation with no variables gives ordinary cutpoints (``_cut11:_cons`` ...).

link(mlogit) expanded(setvar choicevar o): the data hold one row per alternative of each
original response (rows with the same ``setvar``); ``choicevar`` is 1 on the chosen row; ``o``:
one coefficient per covariate (the covariates are alternative-specific, as clogit's), so
Pr(chosen) = exp(eta_c) / sum_a exp(eta_a), eta_a = x_a'beta + z_a'u (McFadden's conditional
logit, random coefficients u at the level of i()).  A constant is not identified (it cancels):
``noconstant`` is required.  ``m`` (alternative-specific constants and coefficients from the
response variable) and link(mlogit) on unexpanded data are refused.  Numbers of units: level 1
counts the choice sets (the original responses), level 2 the clusters of i().

One level of random effects (one variable in i(); ``nrf()``/``eqs()`` give random
coefficients; ``nocorrel``); ``init``: no random effects at all.  from(), copy, skip as for
every gllamm model (``gllamm_start``).
"""
from __future__ import annotations

import dataclasses

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import integer_option


@dataclasses.dataclass(frozen=True)
class RowFamilyEstimates:
    """e.model after these models: the fit and the names the display needs."""

    fit: object  # glmm.row_family_fit.RowFamilyFit
    depvar: str
    fixed_names: tuple[str, ...]
    threshold_names: tuple[str, ...]  # w1 ... _cons (empty for mlogit)
    n_thresholds: int
    cluster: str | None
    re_variables: tuple[str, ...]  # () = random intercept
    units: tuple[float, ...]
    adapt: bool


def wanted(opts: dict) -> bool:
    """Whether the command line is one of these models."""
    from mlmcli.commands.community.gllamm_syntax import link_word

    link = str(opts.get("link", "")).strip()
    is_mlogit = bool(link) and len(link.split()) == 1 and link_word(link) == "mlogit"
    return is_mlogit or any(k in opts for k in ("thresh", "expanded", "init"))


# ====================================================================== the data
def _refusals(opts: dict) -> None:
    from mlmcli.commands.community.gllamm_syntax import refuse

    for name in ("weightf", "offset", "denom", "ip", "ethresh"):
        if name in opts:
            raise StataError(f"gllamm: option {name}() with thresh(), link(mlogit) or init not available "
                             "in mlmcli", 198)
    if "basecategory" in opts:
        raise refuse("basecategory")


def _family_kind(opts: dict):
    """('ordinal', engine link) or ('mlogit', None)."""
    from mlmcli.commands.community.gllamm_syntax import ENGINE_LINK, link_word

    link = link_word(opts["link"]) if str(opts.get("link", "")).strip() else None
    if link == "mlogit":
        if "expanded" not in opts:
            raise StataError("gllamm: link(mlogit) without expanded() not available in mlmcli", 198)
        if "thresh" in opts:
            raise StataError("thresh() only allowed with ordinal links", 198)
        return "mlogit", None
    if "expanded" in opts:
        raise StataError("gllamm: expanded() with a link other than mlogit not available in mlmcli", 198)
    if link in ("ologit", "oprobit", "ocll"):
        return "ordinal", ENGINE_LINK[link]
    if "thresh" in opts:
        raise StataError("thresh() only allowed with ordinal links", 198)
    raise StataError("gllamm: init not available in mlmcli for this family and link (only with ordinal links "
                     "and thresh(), or link(mlogit) expanded())", 198)


def _expanded(session, text: str):
    words = str(text).split()
    if len(words) != 3:
        raise StataError("expanded() invalid: expanded(varname varname o|m)", 198)
    ds = session.data
    setvar, choice = (ds.expand_varlist([w])[0] for w in words[:2])
    if words[2] not in ("o", "m"):
        raise StataError(f"expanded() invalid: {words[2]} should be o or m", 198)
    if words[2] == "m":
        raise StataError("gllamm: expanded(..., m) (alternative-specific coefficients) not available in mlmcli; "
                         "use o", 198)
    return setvar, choice


def _random_part(session, opts: dict, init: bool):
    """(cluster, random-effect variables ('' = intercept), correlated)."""
    from mlmcli.commands.community.gllamm_syntax import equation_variables, integer_list

    ds = session.data
    clusters = ds.expand_varlist(str(opts.get("i", "")).split(), allow_empty=True)
    if not clusters:
        raise StataError("i() required", 198)
    if len(clusters) > 1:
        raise StataError("gllamm: thresh(), link(mlogit) or init with more than one level not available in "
                         "mlmcli", 198)
    if ds.is_string(clusters[0]):
        raise StataError(f"string variables not allowed in i(): {clusters[0]}", 109)
    nrf = integer_list(opts["nrf"], "nrf") if "nrf" in opts else [1]
    if len(nrf) != 1:
        raise StataError("option nrf() does not contain 1 argument(s)", 198)
    eqs = str(opts.get("eqs", "")).split()
    if not eqs:
        if nrf[0] > 1:
            raise StataError("eqs() option required", 198)
        return clusters[0], (), False
    if len(eqs) != nrf[0]:
        raise StataError(f"{len(eqs)} equations specified: {' '.join(eqs)}, need {nrf[0]}", 198)
    variables = []
    for name in eqs:
        found = equation_variables(session, name)
        if len(found) != 1:
            raise StataError(f"gllamm: equation {name} has {len(found)} variables: factor loadings are "
                             "not available in mlmcli (one variable per random effect)", 198)
        variables.append(found[0])
    return clusters[0], tuple(variables), not opts.get("nocorrel") and len(variables) > 1


@dataclasses.dataclass
class _Data:
    sample: np.ndarray  # over the dataset's rows
    order: np.ndarray  # the sample's rows as the engine holds them
    family: object
    X: np.ndarray
    Z: np.ndarray | None
    group: np.ndarray | None
    units: tuple[float, ...]


def _codes(values: np.ndarray) -> np.ndarray:
    return np.unique(values, return_inverse=True)[1].ravel()


def _data(session, body, opts, kind, link, depvar, xvars, thr_vars, cluster, re_vars, init) -> _Data:
    from mlmcli.glmm.row_families import ChoiceSets, ThresholdOrdinal
    from mlmcli.sample import mark_sample

    ds = session.data
    setvar = choice = None
    if kind == "mlogit":
        setvar, choice = _expanded(session, opts["expanded"])
    used = [depvar, *xvars, *thr_vars, cluster, *re_vars] + ([setvar, choice] if setvar else [])
    for v in used:
        if ds.is_string(v):
            raise StataError(f"{v}: string variables not allowed", 109)
    sample = mark_sample(session, body, list(dict.fromkeys(used)))
    rows = np.flatnonzero(sample)
    if len(rows) == 0:
        raise StataError("no observations", 2000)
    col = {v: ds.numeric(v)[rows] for v in dict.fromkeys(used)}
    clus = _codes(col[cluster])
    if kind == "mlogit":
        sets = _codes(col[setvar])
        # rows by cluster, then choice set (stable): every set contiguous inside its cluster
        order = np.lexsort((np.arange(len(rows)), sets, clus))
        set_cluster = np.full(sets.max() + 1, -1)
        set_cluster[sets] = clus
        if np.any(set_cluster[sets] != clus):
            raise StataError(f"{setvar} not nested within {cluster}", 459)
        chosen = col[choice] != 0
        per_set = np.bincount(sets, weights=chosen.astype(float))
        if np.any(per_set != 1):
            raise StataError(f"{choice} must be 1 on exactly one row of each {setvar}", 459)
        family = ChoiceSets(chosen[order], sets[order])
        units = (float(sets.max() + 1), float(clus.max() + 1))
    else:
        order = np.lexsort((np.arange(len(rows)), clus))
        y = col[depvar]
        levels = np.unique(y)
        if len(levels) < 2:
            raise StataError("outcome does not vary", 2000)
        W = np.column_stack([col[v] for v in thr_vars] + [np.ones(len(rows))])
        family = ThresholdOrdinal(link, (np.searchsorted(levels, y) + 1)[order], W[order], len(levels))
        units = (float(len(rows)), float(clus.max() + 1))
    # no constant: the ordinal thresholds hold it, and it cancels from every choice set
    X = np.column_stack([col[v] for v in xvars]) if xvars else np.zeros((len(rows), 0))
    X = X.reshape(len(rows), -1)[order]
    Z = group = None
    if not init:
        Z = (np.ones((len(rows), 1)) if not re_vars else np.column_stack([col[v] for v in re_vars]))[order]
        group = clus[order]
    return _Data(sample, rows[order], family, X, Z, group, units)


# ====================================================================== the names
def _names(est: RowFamilyEstimates, correlated: bool) -> list[str]:
    names = [f"{est.depvar}:{v}" for v in est.fixed_names]
    for s in range(1, est.n_thresholds + 1):
        names += [f"_cut1{s}:{w}" for w in est.threshold_names]
    if est.cluster is None:
        return names
    if not est.re_variables:
        return names + [f"{est.cluster[:4]}1:_cons"]
    stem = f"{est.cluster[:3]}1_"
    names += [f"{stem}{r}:{v}" for r, v in enumerate(est.re_variables, start=1)]
    q = len(est.re_variables)
    if correlated and q > 1:
        names += [f"{stem}{i}_{j}:_cons" for i in range(2, q + 1) for j in range(1, i)]
    return names


def _default_start(model, data: _Data) -> np.ndarray:
    """The fixed part at zero, ordinary cutpoints at the cumulative logits of the categories'
    shares (covariate thresholds at zero), standard deviations 0.5, covariances 0."""
    start = np.zeros(model.k)
    fam = data.family
    if model.m:
        shares = np.bincount(fam.y, minlength=fam.ncat + 1)[1:] / len(fam.y)
        cum = np.clip(np.cumsum(shares)[:-1], 1e-4, 1 - 1e-4)
        A = np.zeros((fam.ncat - 1, fam.r))
        A[:, -1] = np.log(cum / (1 - cum))
        start[model.p:model.p + model.m] = A.ravel()
    start[model.p + model.m:model.p + model.m + model.q] = 0.5
    return start


# ====================================================================== fit
def fit(session, text: str, opts: dict):
    """(RowFamilyEstimates, sample, iteration lines, names) of the command line."""
    from mlmcli.commands.estimation.mixed_syntax import read_piece
    from mlmcli.glmm.row_family_fit import RowFamilyModel, fit_row_family
    from mlmcli.results.gllamm import IterationLine
    from mlmcli.commands.community.gllamm_start import from_values
    from mlmcli.commands.community.gllamm_syntax import integer_list

    body = read_piece(text)
    if body.weight is not None:
        raise StataError("weights not allowed", 101)
    _refusals(opts)
    kind, link = _family_kind(opts)
    init = bool(opts.get("init"))
    words = body.args.split()
    if not words:
        raise StataError("varlist required", 100)
    if any(("." in w or "#" in w) for w in words):
        raise StataError("factor-variable and time-series operators not allowed", 101)
    variables = session.data.expand_varlist(words)
    depvar, xvars = variables[0], list(dict.fromkeys(variables[1:]))
    if kind == "ordinal" and opts.get("noconstant"):
        raise StataError("noconstant option not allowed for ordinal links:\nThis is the default because all "
                         "thresholds estimated", 198)
    if kind == "mlogit" and not opts.get("noconstant"):
        raise StataError("gllamm: expanded(..., o) needs noconstant (a constant cancels from every choice set)",
                         198)
    thr_vars = ()
    if "thresh" in opts:
        from mlmcli.commands.community.gllamm_syntax import equation_variables

        thr_vars = tuple(equation_variables(session, str(opts["thresh"]).strip()))
    cluster, re_vars, correlated = _random_part(session, opts, init)
    if kind == "mlogit" and not init and not re_vars:
        raise StataError("gllamm: a random intercept cancels from every choice set with expanded(..., o); "
                         "give random coefficients with eqs(), or init", 198)
    nips = integer_list(opts["nip"], "nip") if "nip" in opts else [8]
    if len(set(nips)) > 1:
        raise StataError("gllamm: a different nip() for each random effect not available in mlmcli; "
                         "give one number", 198)
    data = _data(session, body, opts, kind, link, depvar, xvars, thr_vars, cluster, re_vars, init)
    model = RowFamilyModel(data.family, data.X, data.Z, data.group, nips[0], bool(opts.get("adapt")), correlated)
    fixed_names = tuple(xvars)
    est = RowFamilyEstimates(None, depvar, fixed_names, tuple(thr_vars) + ("_cons",) if kind == "ordinal" else (),
                             data.family.ncat - 1 if kind == "ordinal" else 0, None if init else cluster,
                             re_vars, data.units, bool(opts.get("adapt")) and not init)
    names = _names(est, correlated)
    start = _default_start(model, data)
    given = from_values(session, opts, names)
    if given is not None:
        start = np.where(np.isfinite(given), given, start)
    elif not init and model.q:  # gllamm's start: the model without random effects
        bare = RowFamilyModel(data.family, data.X, None, None, 1, False, False)
        first = fit_row_family(bare, start[:bare.k], iterate=100)
        if np.all(np.isfinite(first.theta)):
            start[:bare.k] = first.theta
    iterate = integer_option(opts, "iterate", 300)
    result = fit_row_family(model, start, iterate=iterate)
    sample = np.zeros(session.data.nobs, bool)
    sample[data.order] = True
    est = dataclasses.replace(est, fit=result)
    if est.adapt:
        lines = [IterationLine("adaptive", s.iteration, s.loglik) for s in result.steps]
        lines.append(IterationLine("ml", 0, result.loglik))
    else:
        lines = [IterationLine("ml", s.iteration, s.loglik) for s in result.steps]
    return est, sample, tuple(lines), names, correlated


# ====================================================================== results
def gllamm_result(est: RowFamilyEstimates, level: float, correlated: bool):
    from mlmcli.commands.community.gllamm_results import condition_number
    from mlmcli.glm.inference import eform_rows
    from mlmcli.mixed.inference import fixed_rows
    from mlmcli.mixed.spec import CoefLabel
    from mlmcli.results.gllamm import GllammResult

    f = est.fit
    p, r = f.p, len(est.threshold_names)
    fixed = fixed_rows(tuple(CoefLabel(v) for v in est.fixed_names), f.beta, f.V[:p, :p], level)
    equations = []
    for s in range(est.n_thresholds):
        lo = p + s * r
        rows = fixed_rows(tuple(CoefLabel(w) for w in est.threshold_names), f.theta[lo:lo + r],
                          f.V[lo:lo + r, lo:lo + r], level)
        equations.append((f"_cut1{s + 1}", rows))
    return GllammResult(
        depvar=est.depvar, units=est.units, condition_number=condition_number(f.V), loglik=f.loglik,
        fixed=fixed, fixed_eform=eform_rows(fixed), equations=tuple(equations), level1_variance=None,
        random=_random_blocks(est, correlated), level=level, adapt=est.adapt, converged=f.converged)


def _random_blocks(est: RowFamilyEstimates, correlated: bool):
    from mlmcli.glmm.cholesky_metric import covariance_entries, delta_method
    from mlmcli.glmm.row_family_fit import cholesky_factor
    from mlmcli.results.gllamm import CovarianceEntry, RandomLevelBlock

    f = est.fit
    if est.cluster is None or not f.q:
        return ()
    off = f.p + f.m

    def entries(theta):
        L = cholesky_factor(theta[off:], f.q, f.correlated)
        return covariance_entries(L @ L.T, correlated)

    values, V = delta_method(entries, f.theta, f.V)
    se = np.sqrt(np.maximum(np.diag(V), 0.0))
    S = f.covariance()
    rows, k = [], 0
    for i in range(1, f.q + 1):
        for j in range(1, i + 1):
            if i == j:
                rows.append(CovarianceEntry(i, j, float(values[k]), float(se[k])))
                k += 1
            elif not correlated:
                rows.append(CovarianceEntry(i, j, 0.0, float("nan"), fixed_zero=True))
            else:
                rows.append(CovarianceEntry(i, j, float(values[k]), float(se[k]),
                                            correlation=float(S[i - 1, j - 1] / np.sqrt(S[i - 1, i - 1]
                                                                                       * S[j - 1, j - 1]))))
                k += 1
    return (RandomLevelBlock(2, est.cluster, tuple(rows)),)


def estimation_results(session, cmdline: str, est: RowFamilyEstimates, sample, names, correlated, level,
                       kind_link: str):
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.results.matrix import Matrix

    f = est.fit
    shown = gllamm_result(est, level, correlated)
    cols = tuple(names)
    b = Matrix(np.asarray(f.theta)[None, :], ("y1",), cols)
    V = Matrix(np.asarray(f.V), cols, cols)
    n_levels = 2 if est.cluster is not None else 1
    tprf = max(len(est.re_variables), 1) if est.cluster is not None else 0
    scalars = {"N": est.units[0], "ll": float(f.loglik), "k": float(len(names)),
               "rank": float(np.linalg.matrix_rank(np.nan_to_num(f.V))) if len(names) else 0.0,
               "converged": float(f.converged), "tplv": float(n_levels), "tprf": float(tprf + 1),
               "adapt": float(est.adapt), "cor": float(correlated)}
    if shown.condition_number is not None:
        scalars["cn"] = shown.condition_number
    macros = {"cmd": "gllamm", "cmdline": cmdline, "predict": "gllapred", "depvar": est.depvar,
              "title": "gllamm model", "crittype": "log likelihood", "properties": "b V",
              "clus": est.cluster or ""}
    if kind_link == "mlogit":
        macros["link"] = "mlogit"
    else:
        macros["linko"] = kind_link
    macros = {k: v for k, v in macros.items() if v}
    mats = {"b": b, "V": V,
            "nu": Matrix(np.array([list(est.units)]), ("r1",), tuple(f"c{k}" for k in range(1, len(est.units) + 1)))}
    return EstimationResults(cmd="gllamm", scalars=scalars, macros=macros, matrices=mats, result=shown,
                             model=est, sample=sample, title="gllamm model")


def run(session, text: str, opts: dict) -> None:
    """The whole command: fit, log, e(), display."""
    from mlmcli.commands.community.gllamm_syntax import link_word
    from mlmcli.render.gllamm_display import render_gllamm, render_gllamm_log
    from mlmcli.syntax.options import confidence_level, integer_option

    limit = integer_option(opts, "iterate", None)  # iterate() or iterate(abc): r(198) before the fit
    est, sample, lines, names, correlated = fit(session, text, opts)
    stopped = limit if (not est.fit.converged and est.fit.limit_reached and limit is not None) else None
    if not opts.get("nolog"):
        session.print(render_gllamm_log(lines, est.adapt, stopped_at=stopped))
    if not est.fit.converged and stopped is None:
        raise StataError("(error occurred in ML computation)\n"
                         "(use trace option and check correctness of initial model)", 430)
    link = link_word(opts["link"])
    level = confidence_level(opts, getattr(session, "level", 95.0))
    e = estimation_results(session, f"gllamm {text}", est, sample, names, correlated, level, link)
    e.stamp_sample(session.data)
    session.e = e
    if not opts.get("nodisplay"):
        session.print(render_gllamm(e.result, eform=bool(opts.get("eform")), linesize=session.linesize))


def result_at_level(e, level: float):
    """The display's numbers at another confidence level (replay, ``level()``)."""
    correlated = bool(e.scalars.get("cor")) and len(e.model.re_variables) > 1
    return gllamm_result(e.model, level, correlated)
