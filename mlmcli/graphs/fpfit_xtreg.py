"""``twoway fpfit``/``fpfitci`` with ``estcmd(xtreg)``: fracpoly's normal form (y the outcome,
x the FP variable) with xtreg's fits, dispatched from ``graphs.fpfit_plot`` (``own_fit``).

frac_chk gives xtreg dist 0 but not isnorm (only regress, fit and rreg are), so frac_dv's
deviance of each fit is -2 e(ll) (frac_dv.ado 2.1.1).  What xtreg posts decides the rest:

- ``re`` (the default, GLS) and ``pa`` (xtgee) post no e(ll): every deviance, the model
  without x's included, is missing, frac_154's ``if `dev'<`dev`dfi''`` never holds, no powers
  are kept and fracgen stops -- fracpoly fails: twoway__fpfit_serset's note "(note:  fracpoly
  could not fit model)", nothing drawn (as glm's irls, which posts no e(ll) either).
- ``fe`` (the within fit, ``mlmcli.panel.within``), ``be`` (the between fit, ``wls`` too) and
  ``mle`` (``mlmcli.panel.maximum_likelihood``) post e(ll): the powers of the largest log
  likelihood, the final fit's b and V; fracpred draws ``_predict, xb`` -- the FP terms times b
  plus _b[_cons], the constant as xtreg posts it -- and its stdp; fe and be post e(df_r), so
  the band takes t(e(df_r)); mle posts none: the normal quantile.  With one x, fracgen's
  centring reparametrises the terms and the constant: x b and stdp are those of the uncentred
  design.

``estcmd(xtlogit)``: ``graphs.fpfit_xtlogit``; ``estcmd(cox)``: ``graphs.fpfit_cox``;
``estcmd(weibull|ereg)``: ``graphs.fpfit_weibull_ereg`` -- all dispatched by ``own_fit`` below.

The panels: ``estopts(i(v))`` or xtset's panel variable; none set is xtreg's r(459) inside
fracpoly's capture: the note.  Rows whose panel variable is missing are outside xtreg's
sample (fracpred predicts in e(sample): those points are missing).  An option xtreg does not
have, two of re/fe/be/mle/pa, or ``noconstant`` with fe or be (they have none) make xtreg fail
inside fracpoly: the note.  ``noconstant`` with mle: every fit without the constant, the final
one on fracgen's centred terms (x b their part alone).  Weights: aweights, fweights, pweights
with fe (constant within panel; pweights as aweights with the variance robust, as xtreg does);
with be, re or mle xtreg fails (the note).  ``vce(robust)``/``robust`` (clustered at the panels),
``vce(cluster v)``/``cluster(v)`` (panels nested within v) with fe and mle; with be, or an invalid
vcetype, xtreg fails (the note).  vce(bootstrap|jackknife) with fe, be and mle (fe's fweights
and pweights with jackknife): ``graphs.fpfit_xtreg_replicates`` (bootstrap's reject(), group(), saving()
without replace, strata() missing on a row: ``graphs.fpfit_xt_bootstrap``).  mle's ml options (``_ML``): the
typed tolerances in each fit (its maximum is the same: the curve does not move), technique(bhhh)
alone the OPG variance of the band, difficult and the path displays nothing drawn (fracpoly is
captured); with fe or be they fail inside fracpoly (the note); from() starts every fit.  pa's corr():
pa posts no e(ll) (the note, as without it); fe, be and mle fail on it (the note).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.errors import StataError, is_mlm_refusal, not_allowed_text
from mlmcli.graphs.fpfit_models import FracpolyFailed
from mlmcli.syntax.abbreviation import resolve_choice

_MODELS = (("re", 2), ("fe", 2), ("be", 2), ("mle", 3), ("pa", 2))
# options that change nothing drawn (display), or the model's own (i(), wls, iterate())
_REPORTING = (("level", 1), ("nolog", 5), ("log", 3), ("theta", 2), ("sa", 2))
_OWN = (("i", 1), ("wls", 1), ("iterate", 4), ("corr", 1), ("vce", 3), ("robust", 1), ("cluster", 2),
        ("noconstant", 3))
# mle's ml options (xtreg_ml.ado hands them to mlopts and _XTRENORM); the path displays are captured
_ML = (("tolerance", 3), ("ltolerance", 4), ("nrtolerance", 5), ("nonrtolerance", 7), ("technique", 4),
       ("difficult", 4), ("from", 4), ("trace", 5), ("gradient", 4), ("hessian", 4), ("showstep", 8),
       ("showtolerance", 8))


def _conventional(arg) -> bool:
    """vce(conventional), abbreviated to conv at least: xtreg's default variance."""
    kind = str(arg or "").strip().lower()
    return len(kind) >= 4 and "conventional".startswith(kind)


def xtreg_estopts(typed: list) -> dict:
    """estopts() left after fracpoly's own -> xtreg's model settings (module docstring)."""
    spec = {"model": None, "i": None, "wls": False, "iterate": None, "constant": True, "vce": None,
            "cluster": None}
    for option in typed:
        model = resolve_choice(option.name, _MODELS)
        if model is not None and option.arg is None:
            if spec["model"] not in (None, model):  # xtreg: only one of re, fe, be, mle, pa
                raise FracpolyFailed("choose one model")
            spec["model"] = model
            continue
        if resolve_choice(option.name, _REPORTING):
            continue
        ml_word = resolve_choice(option.name, _ML)
        if ml_word is not None:
            spec.setdefault("ml", {})[ml_word] = option.arg if option.arg is not None else True
            continue
        word = resolve_choice(option.name, _OWN)
        if word is None:  # an option xtreg does not have: it fails inside fracpoly
            raise FracpolyFailed(not_allowed_text(option.name, option.arg))
        if word == "i" and option.arg:
            spec["i"] = option.arg.strip()
        elif word == "wls":
            spec["wls"] = True
        elif word == "iterate" and option.arg:
            spec["iterate"] = option.arg.strip()
        elif word == "noconstant":
            spec["constant"] = False
        elif word == "vce" and _conventional(option.arg):
            continue
        elif word in ("vce", "robust", "cluster"):
            _variance(spec, word, option.arg)
        elif word == "corr":  # pa's (xtgee's): pa posts no e(ll), the other models fail on it
            spec["corr"] = option.arg
    spec["model"] = spec["model"] or "re"
    return spec


def _ml_options(spec: dict, model: str, vce: str):
    """(ml's rule or None, the vce) from mle's ml options (``_ML``): with another model xtreg
    fails on them (the note); from() is read by ``_start_options``; technique(bhhh) alone makes the variance ml's
    OPG unless vce() was typed."""
    ml = spec.get("ml") or {}
    if not ml:
        return None, vce
    if model != "mle":  # "option tolerance() not allowed"
        raise FracpolyFailed(f"option {next(iter(ml))} not allowed")
    from mlmcli.conditional_techniques import technique_schedule
    from mlmcli.graphs.fpfit_grouped_engines import maximize_settings
    from mlmcli.panel.maximum_likelihood import MLRule

    tolerances = maximize_settings(ml, FracpolyFailed)[2]
    if "technique" in ml:
        try:
            schedule = technique_schedule(ml["technique"] if ml["technique"] is not True else "")
        except StataError as err:  # ml's "option technique() invalid"
            raise FracpolyFailed(err.message) from None
        if all(name == "bhhh" for name, _ in schedule) and spec["vce"] is None:
            vce = "opg"
    return (None if tolerances is None else MLRule(*tolerances)), vce


def _variance(spec: dict, word: str, arg) -> None:
    """robust, cluster(v), vce(robust|cluster v) -> spec's vce and cluster (xtreg.ado's _vce_parse);
    a vce() xtreg does not take fails inside fracpoly; bootstrap and jackknife are not written."""
    from mlmcli.syntax.options import vce_option

    if word == "robust" and arg is None:
        spec["vce"] = "robust"
        return
    if word == "cluster" and arg:
        spec["vce"], spec["cluster"] = "cluster", arg.strip()
        return
    kind, args = vce_option(str(arg or "").split(",", 1)[0], (("robust", 1), ("cluster", 2), ("oim", 3),
                                                              ("bootstrap", 4), ("jackknife", 4)))
    if kind in ("bootstrap", "jackknife"):  # graphs.fpfit_xtreg_replicates
        from mlmcli.graphs.fpfit_xtreg_replicates import replicate_settings

        if args:  # "vcetype '...' not allowed"
            spec["vce"] = "invalid"
            return
        try:
            spec["replicate"] = replicate_settings(kind, str(arg))
        except StataError as err:  # mlm's refusal, or the prefix's own failure inside fracpoly
            if not is_mlm_refusal(err):
                spec["vce"] = "invalid"
                return
            spec.setdefault("refused", f"vce({arg})")
            spec["refused_message"] = err.message
    elif kind == "oim":
        spec["vce"] = "oim"
    elif kind == "robust" and not args:
        spec["vce"] = "robust"
    elif kind == "cluster" and len(args) == 1:
        spec["vce"], spec["cluster"] = "cluster", args[0]
    else:  # "vcetype '...' not allowed" r(198)
        spec["vce"] = "invalid"


def _weight_fails(model: str, weight_kind) -> bool:
    """xtreg takes aweights, fweights and pweights with fe only ([XT] xtreg; mlm's xtreg command):
    with be, re or mle (iweights with any model) xtreg fails inside fracpoly."""
    return weight_kind is not None and (model != "fe" or weight_kind == "iweight")


def _start_options(ctx, spec: dict, names):
    """mle's from() as ``fpfit_ml_start.ModelOptions`` (None: not typed): every fit starts there
    (xtreg_ml.ado: the matrix is the start, the constant-only fit skipped), over e(b)'s names
    ``y:__fp1 ...`` in the search, ``y:Ix__1 ...`` in the final fit, then ``y:_cons``,
    ``sigma_u:_cons``, ``sigma_e:_cons``; a name a fit lacks without skip fails it (the note)."""
    text = (spec.get("ml") or {}).get("from")
    if text is None or spec["model"] != "mle":
        return None
    from mlmcli.graphs.fpfit_ml_start import ModelOptions, read_from

    session = getattr(getattr(ctx, "jackknife_hooks", None), "session", None)
    if session is None or names is None:
        raise StataError("estopts(from()) with estcmd(xtreg) not supported by mlmcli here", 198)
    try:
        options = ModelOptions(names[0], names[1], (), read_from(session, str(text)))
    except StataError as failure:  # a matrix not found ...: every fit fails
        raise FracpolyFailed(failure.message) from None
    _start(options, 0, spec["constant"], False)  # fracpoly's first fit, the model without x
    return options


def _start(options, k_terms: int, constant: bool, final: bool):
    """from()'s values over one fit's (b, sigma_u, sigma_e); nan where Stata's start stays."""
    if options is None:
        return None
    from mlmcli.graphs.fpfit_ml_start import constraints_and_start

    try:
        return constraints_and_start(options, k_terms, constant, final, None, ("sigma_u", "sigma_e"))[1]
    except StataError as failure:
        raise FracpolyFailed(failure.message) from None


def xtreg_fp(ctx, spec: dict, rows: np.ndarray, y, x, w, weight_kind, fp_settings, names=None):
    """(b with _cons last, V, the FP, e(df_r), e(sample) over the plot's rows) of fracpoly with
    xtreg on the plot's rows ``rows`` (indices into the data); FracpolyFailed when xtreg fails
    inside fracpoly (module docstring)."""
    from mlmcli.panel.time_settings import panel_setting
    from mlmcli.fractional_polynomials import best_fp
    from mlmcli.panel.groups import Panels

    model = spec["model"]
    if model in ("re", "pa"):  # no e(ll): every deviance missing, fracgen finds no powers
        raise FracpolyFailed("no e(ll)")
    if spec.get("corr") is not None:  # fe, be, mle: "option corr() not allowed"
        raise FracpolyFailed("option corr() not allowed")
    if not spec["constant"] and model in ("fe", "be"):  # fe and be have no noconstant option
        raise FracpolyFailed("option noconstant not allowed")
    ds = ctx.data
    ivar = ds.resolve(spec["i"]) if spec["i"] else panel_setting(ds)
    if not ivar:  # "panel variable not set; use xtset varname ..." r(459)
        raise FracpolyFailed("panel variable not set")
    vce = spec["vce"] or ("oim" if model == "mle" else "conventional")
    if w is None:
        weight_kind = None
    if _weight_fails(model, weight_kind) or vce == "invalid" or vce == "oim" and model != "mle" or (
            vce in ("robust", "cluster") and model == "be"):  # xtreg's r(101), "vcetype ... not allowed"
        raise FracpolyFailed("xtreg failed")
    if weight_kind == "pweight" and vce not in ("robust", "cluster"):  # xtreg: pweights, robust variance
        vce = "robust"
    rule, vce = _ml_options(spec, model, vce)
    if spec.get("refused_message"):
        raise StataError(f"estopts(): {spec['refused_message']}", 198)
    replicate = spec.get("replicate")
    group_role = None
    if replicate is not None:
        from mlmcli.graphs.fpfit_xtreg_replicates import check_replicates

        check_replicates(replicate, model, weight_kind)
        if replicate["kind"] == "bootstrap":  # group(v), a typed idcluster(): graphs.fpfit_xt_bootstrap
            from mlmcli.graphs.fpfit_xt_bootstrap import check_group

            group_role = check_group(replicate, ds, {"dependent variable": names[0] if names else None}, ivar,
                                     "xtreg")
    iterate = None
    if spec["iterate"] is not None:
        try:
            iterate = int(spec["iterate"])
        except ValueError:
            raise FracpolyFailed("invalid iterate()") from None
    panel = ds.numeric(ivar)[rows]
    in_sample = np.isfinite(panel)
    strata = None
    if replicate is not None and replicate.get("strata"):  # bootstrap's marksample: strata() known
        from mlmcli.graphs.fpfit_bootstrap import group_codes

        try:  # a row with a stratum missing: out of the draws only (graphs.fpfit_xt_bootstrap)
            strata = group_codes(ds, replicate["strata"], rows)
        except StataError:  # a strata() variable not found: bootstrap fails
            raise FracpolyFailed("variable not found") from None
    cluster = None
    if spec["cluster"] and vce == "cluster":
        from mlmcli.graphs.fpfit_grouped_engines import cluster_over_rows

        cluster = cluster_over_rows(ctx, spec["cluster"], rows)
        in_sample &= cluster >= 0
    if not in_sample.any():
        raise FracpolyFailed("no observations")
    codes = np.unique(panel[in_sample], return_inverse=True)[1]
    panels = Panels(codes)
    y_c = np.asarray(y, float)[in_sample]
    w_c = None if weight_kind is None else np.asarray(w, float)[in_sample]
    if vce == "robust":
        cluster_c = codes  # clustered at the panels
    elif vce == "cluster":
        cluster_c = np.unique(cluster[in_sample], return_inverse=True)[1]
        from mlmcli.panel.replicates import constant_within

        if not constant_within(cluster_c.astype(float), codes):  # panels not nested within clusters
            raise FracpolyFailed("panels are not nested within clusters")
    else:
        cluster_c = None
    if w_c is not None:
        from mlmcli.panel.replicates import constant_within

        if not constant_within(w_c, codes):  # "weight must be constant within panel"
            raise FracpolyFailed("weight must be constant within panel")
    kind_c = "aweight" if weight_kind == "pweight" else weight_kind  # xtreg: pweights as aweights, robust

    start_options = _start_options(ctx, spec, names)

    def fit_slopes(slopes, final=False, keep=None, drawn=None):  # keep: the rows of the sample used, or
        yy, pp, ww, cc = y_c, panels, w_c, cluster_c                # their weights; drawn: (rows, panels)
        if drawn is not None:  # a bootstrap replicate (no weights, no clusters under bootstrap); group(y)'s y
            yy, slopes, pp = y_c[drawn[0]] if len(drawn) < 3 else drawn[2], slopes[drawn[0]], Panels(drawn[1])
        elif keep is not None:
            used = keep > 0 if keep.dtype != bool else keep
            yy, slopes, pp = y_c[used], slopes[used], Panels(np.unique(codes[used], return_inverse=True)[1])
            ww = None if w_c is None else (keep[used] if keep.dtype != bool else w_c[used])
            cc = None if cluster_c is None else np.unique(cluster_c[used], return_inverse=True)[1]
        if model == "fe":
            from mlmcli.panel.within import fit_within

            return fit_within(yy, slopes, pp, varying=slopes, weight=ww, weight_kind=kind_c, vce=vce, cluster=cc)
        if model == "be":
            from mlmcli.panel.between import fit_between

            return fit_between(yy, slopes, pp, wls=spec["wls"])
        from mlmcli.panel.maximum_likelihood import fit_ml

        return fit_ml(yy, slopes, pp, constant=spec["constant"], iterate=iterate, vce=vce, cluster=cc,
                      rule=rule, start=_start(start_options, slopes.shape[1], spec["constant"], final))

    def fit(X, final=False):  # X: the constant first (unless mle's noconstant), then the FP terms
        return fit_slopes(X[in_sample][:, 1:] if spec["constant"] else X[in_sample], final)

    def deviance(X):  # frac_dv: -2 e(ll); a failed fit is skipped (frac_154's capture)
        try:
            out = fit(X)
        except (StataError, np.linalg.LinAlgError, FracpolyFailed):
            return None
        ll = float(out.get("ll", np.nan))
        return -2.0 * ll if np.isfinite(ll) else None

    if replicate is not None and replicate["kind"] == "bootstrap":  # reject(), saving() without replace,
        from mlmcli.graphs.fpfit_xt_bootstrap import routed  # strata() missing on a row, group(y) ...

        if routed(replicate, None if strata is None else strata[in_sample], group_role):
            from mlmcli.graphs.fpfit_xt_bootstrap import xtreg_each_fit

            return xtreg_each_fit(ctx, replicate, spec, model, y, x, in_sample, codes, strata, ivar, fit_slopes,
                                  deviance, fp_settings, names, group_role)
    if replicate is not None and replicate.get("prefix_vce") is not None:  # graphs.fpfit_xt_jackknife
        return _prefixed(ctx, replicate["prefix_vce"], spec, model, y, x, in_sample, codes, ivar, fit_slopes,
                         deviance, fp_settings, names, w_c, weight_kind)
    try:
        chosen = best_fp(y, x, **fp_settings, criterion=deviance)
        out = fit(chosen.terms(x), final=True)
    except (StataError, np.linalg.LinAlgError):  # no candidate, or the final model, fits
        raise FracpolyFailed("xtreg failed") from None
    k = chosen.terms(x[:1]).shape[1]  # the terms and _cons
    b, V = np.asarray(out["b"], float)[:k], np.asarray(out["V"], float)[:k, :k]
    df_r = float(out.get("df_r", np.nan)) if model in ("fe", "be") else float("nan")
    if replicate is not None:  # the prefix's V and e(df_r) (graphs.fpfit_xtreg_replicates)
        from mlmcli.graphs.fpfit_bootstrap import settings_stream
        from mlmcli.graphs.fpfit_xtreg_replicates import replicate_variance

        terms = chosen.terms(x)[in_sample]
        saver = _bootstrap_saver(ctx, replicate, model, chosen, names, ivar, codes, strata, in_sample,
                                 spec["constant"])
        V, df_r = replicate_variance(replicate, model, {"wls": spec["wls"], "_ml_rule": rule}, y_c,
                                     terms[:, 1:] if spec["constant"] else terms, codes, b,
                                     settings_stream(ctx, replicate), w_c, weight_kind,
                                     None if strata is None else strata[in_sample],
                                     np.asarray(out["full_b"], float) if model == "mle" else None, saver)
    return b, V, chosen, df_r, (None if in_sample.all() else in_sample)


def _bootstrap_saver(ctx, replicate, model, chosen, names, ivar, codes, strata, in_sample, constant):
    """bootstrap's saving(): the final fit's replicates as fracgen's centred terms give them (the
    constant moves by the terms' centring), e(b)'s names; None without saving()."""
    if replicate.get("kind") != "bootstrap" or replicate.get("saving") is None:
        return None
    from mlmcli.graphs.fpfit_bootstrap_options import save_bootstrap
    from mlmcli.graphs.fpfit_jackknife import fracgen_names

    depvar, xname = names or ("y", "x")
    k = len(chosen.center)
    terms = fracgen_names(xname, k)
    eq = f"{depvar}:" if model == "mle" else ""
    colnames = [eq + t for t in terms] + [eq + "_cons"] + (["sigma_u:_cons", "sigma_e:_cons"] if model == "mle" else [])

    if not constant:  # mle's noconstant: the centred terms alone
        colnames = [c for c in colnames if c != eq + "_cons"]

    def write(B, observed):
        A = np.eye(len(observed))  # the constant of the centred terms: _cons + sum b_j c_j
        if constant:
            A[k, :k] = np.asarray(chosen.center, float)
        strata_n = None if strata is None else int(np.unique(strata[in_sample]).size)
        save_bootstrap(ctx, replicate, B @ A.T, colnames, A @ observed, cmdname="xtreg",
                       command=f"xtreg {depvar} {' '.join(terms)}, {model}", n_obs=int(in_sample.sum()),
                       cluster=ivar, n_cluster=int(codes.max()) + 1, strata=replicate.get("strata"),
                       n_strata=strata_n)
    return write


def _prefixed(ctx, vce, spec, model, y, x, in_sample, codes, ivar, fit_slopes, deviance, fp_settings, names, w_c,
              weight_kind):
    """fracpoly with xtreg under jackknife's saving() keep n() reject() idcluster() (graphs.fpfit_xt_jackknife):
    (b with _cons last, V, the FP, e(df_r), e(sample))."""
    from mlmcli.graphs.fpfit_xt_jackknife import scalars_of, xt_prefixed

    constant = spec["constant"]

    def estimate_rows(X, keep, final, centre):  # X: the terms, the constant last
        X_c = X[in_sample]
        out = fit_slopes(X_c[:, :-1] if constant else X_c, final, keep)
        b, V = (out["full_b"], out["full_V"]) if model == "mle" else (out["b"], out["V"])
        return np.asarray(b, float), np.asarray(V, float), {**scalars_of(out), "rank": float(np.linalg.matrix_rank(V))}

    depvar, xname = names or ("y", "x")
    mle = model == "mle"
    fitted = xt_prefixed(ctx, vce, "xtreg", depvar, depvar if mle else "_", ("sigma_u", "sigma_e") if mle else (),
                         fp_settings, y, x, in_sample, codes, ivar, estimate_rows, deviance, xname)
    if fitted is None:
        raise FracpolyFailed("fracpoly failed under the prefix")
    chosen, b, V, df_r = fitted
    k = chosen.terms(x[:1]).shape[1]
    return b[:k], V[:k, :k], chosen, df_r, (None if in_sample.all() else in_sample)


@dataclass(frozen=True)
class OwnFit:
    """fracpoly's final fit with one of ``OWN_FIT_COMMANDS``: b (``_cons`` last when there is
    one), V, the FP, e(df_r) (missing: the normal quantile), e(sample) over the plot's rows (None:
    all), the offset over the plot's rows (None: none), fracpred's dresid over the plot's rows
    (None: ``graphs.fpfit_plot``'s), strata()'s indicators over the plot's rows, their coefficients
    after ``_cons`` in b (None: none; ``graphs.fpfit_weibull_ereg``), the plotted x after jackknife's
    keep idcluster(x) renumbered it (None: as typed; ``graphs.fpfit_renumbered_x``)."""

    b: np.ndarray
    V: np.ndarray
    model: object
    df_r: float
    in_sample: np.ndarray | None = None
    offset: np.ndarray | None = None
    residuals: object = None
    strata: np.ndarray | None = None
    x: np.ndarray | None = None


def own_fit(ctx, command: str, settings: dict, rows: np.ndarray, y, x, w, weight_kind, fp_settings,
            names=None) -> OwnFit:
    """fracpoly with one of ``OWN_FIT_COMMANDS`` (``names``: the plot's (y, x) variables);
    FracpolyFailed where it fails inside fracpoly."""
    if command == "xtlogit":
        from mlmcli.graphs.fpfit_xtlogit import xtlogit_fp

        renumbered: dict = {}  # keep idcluster(x) (graphs.fpfit_xt_jackknife)
        b, V, model, df_r, in_sample, offset = xtlogit_fp(ctx, settings["xtlogit"], rows, y, x, w, weight_kind,
                                                           fp_settings, names, renumbered)
        return OwnFit(b, V, model, df_r, in_sample, renumbered.get("offset", offset), x=renumbered.get("x"))
    if command == "xtreg":
        return OwnFit(*xtreg_fp(ctx, settings["xtreg"], rows, y, x, w, weight_kind, fp_settings, names))
    if command == "cox":
        from mlmcli.graphs.fpfit_cox import cox_fp

        b, V, model, df_r, in_sample, offset, residuals = cox_fp(ctx, settings["cox"], rows, y, x, w, weight_kind,
                                                                 fp_settings, None if names is None else names[0])
        return OwnFit(b, V, model, df_r, in_sample, offset, residuals)
    from mlmcli.graphs.fpfit_weibull_ereg import survival_fp

    b, V, model, df_r, in_sample, offset, strata = survival_fp(ctx, command, settings["survival"], rows, y, x, w,
                                                               weight_kind, fp_settings, names)
    return OwnFit(b, V, model, df_r, in_sample, offset, strata=strata)
