"""``twoway fpfit``/``fpfitci`` with ``estcmd(xtlogit)``: fracpoly's normal form (y the outcome,
x the FP variable) with xtlogit's fits, dispatched through ``graphs.fpfit_xtreg.own_fit``.

frac_chk gives xtlogit dist 1 (not xtgee's flag), so frac_dv scores each fit by -2 e(ll):

- ``pa`` is xtgee underneath, which posts no e(ll): every deviance missing, no powers kept,
  fracgen stops -- the note (as xtreg's pa); no panels (no ``i()``, not xtset): xtlogit's r(459),
  the note.
- ``re`` (the default): the random-intercept logit, e(ll) its marginal log likelihood by
  mean-variance adaptive Gauss-Hermite quadrature with 12 points (xtlogit's defaults;
  ``intmethod(ghermite|aghermite|mvaghermite)``, ``intpoints(#)``), fitted by mlm's GLMM engine
  (``mlmcli.glmm``); fracpred's ``_predict, xb`` is the terms times b plus ``_b[_cons]`` (the
  fixed part; ``noconstant`` drops the constant and fracpoly then centres the terms), stdp from
  e(V)'s fixed block, the normal quantile.
- ``fe``: the conditional logit on the panels (clogit's likelihood, ``graphs.fpfit_grouped_engines``;
  panels whose outcome does not vary are out of e(sample), so their points are missing), no
  constant: x b the centred terms times b, stdp, the normal quantile.  fe with ``noconstant``
  (xtlogit's "option noconstant not allowed") fails: the note.

``offset(v)`` in every fit and in x b (``_predict, xb`` includes it).  ``dresid``: fracpred's
``cap predict r, deviance`` fails after xtlogit (its predict has no deviance): missing, nothing
drawn.  Weights: fpfit's aweights, fweights and pweights (it takes no iweights, the only ones
xtlogit's re and fe take) are xtlogit's r(101) ("fweight not allowed for fixed- and random-effects
cases", xtlogit.ado 2.12.4 and 2.16.0 alike): the note.  vce(robust), robust, cluster(v),
vce(cluster v) with re (Stata 13's ``_vce_parse, opt(OIM Robust) argopt(Cluster)``, 2.16.0's
``_caller() >= 13`` branch; Stata 12's 2.12.4 took OIM only): the sandwich by panel (or by v, the
panels nested within it); with fe or ``intmethod(aghermite)`` xtlogit refuses them: the note.  ``intpoints()``/``quad()``
outside 4..195 or above the number of observations: the note.  An option xtlogit does not have, two
of re/fe/pa: the note.  vce(bootstrap|jackknife), ``constraints()`` (re), ``from()`` and
``collinear``: ``graphs.fpfit_xtlogit_ml`` (bootstrap's reject(), group(), saving() without replace,
strata() missing on a row: ``graphs.fpfit_xt_bootstrap``); fe's ``constraints()`` fitted as xtlogit, fe does
(``commands.estimation.conditional_constraints``), not with vce(bootstrap|jackknife).
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError, is_mlm_refusal, not_allowed_text
from mlmcli.graphs.fpfit_models import FracpolyFailed
from mlmcli.syntax.abbreviation import resolve_choice

_MODELS = (("re", 2), ("fe", 2), ("pa", 2))
_REPORTING = (("level", 1), ("nolog", 5), ("log", 3), ("or", 2), ("noskip", 6), ("nodisplay", 5))
_ARGUMENTS = (("i", 1), ("offset", 3), ("intmethod", 4), ("intpoints", 4), ("quad", 1), ("iterate", 4),
              ("vce", 3), ("cluster", 2), ("corr", 2), ("family", 3), ("link", 3))
_INTMETHODS = (("mvaghermite", 3), ("aghermite", 2), ("ghermite", 2))
_ML = (("constraints", 5), ("from", 4))


def xtlogit_estopts(typed: list) -> dict:
    """estopts() left after fracpoly's own -> xtlogit's settings (module docstring)."""
    spec = {"model": None, "i": None, "offset": None, "intmethod": "mvaghermite", "intpoints": 12,
            "iterate": None, "constant": True, "failed": None, "refused": None, "vce": "oim", "cluster": None,
            "replicate": None, "constraints": None, "from": None}
    for option in typed:
        name = option.name
        model = resolve_choice(name, _MODELS)
        if model is not None and option.arg is None:
            if spec["model"] not in (None, model):  # xtlogit: only one of re, fe, pa
                spec["failed"] = "choose one model"
            spec["model"] = model
            continue
        if resolve_choice(name, (("noconstant", 3),)) and option.arg is None:
            spec["constant"] = False
            continue
        if resolve_choice(name, (("robust", 1),)) and option.arg is None:
            spec["vce"] = "robust"
            continue
        if resolve_choice(name, _REPORTING) or resolve_choice(name, (("collinear", 3),)) and option.arg is None:
            continue  # collinear: fracpoly's terms are not collinear where xtlogit fits them
        word = resolve_choice(name, _ARGUMENTS)
        ml = resolve_choice(name, _ML)
        if word is not None and option.arg:
            _argument(spec, word, option.arg.strip())
        elif ml is not None and option.arg:
            spec[ml] = option.arg.strip()
        else:  # an option xtlogit does not have: it fails inside fracpoly
            spec["failed"] = spec["failed"] or not_allowed_text(option.name, option.arg)
    spec["model"] = spec["model"] or "re"
    return spec


def _argument(spec: dict, word: str, text: str) -> None:
    if word in ("i", "offset"):
        spec[word] = text
    elif word == "intmethod":
        method = resolve_choice(text, _INTMETHODS)  # xtlogit.ado: bsubstr(), case kept
        if method is None:
            spec["failed"] = spec["failed"] or "invalid intmethod()"
        spec["intmethod"] = {"aghermite": "mcaghermite"}.get(method, method)
    elif word in ("intpoints", "quad", "iterate"):
        try:
            spec["intpoints" if word == "quad" else word] = int(text)
        except ValueError:
            spec["failed"] = spec["failed"] or f"invalid {word}()"
    elif word == "cluster":
        spec["vce"], spec["cluster"] = "cluster", text
    elif word == "vce":  # _vce_parse: oim; robust and cluster v with re (Stata 13 on); bootstrap, jackknife
        from mlmcli.syntax.options import vce_option

        kind, args = vce_option(text.split(",", 1)[0], (("oim", 1), ("robust", 1), ("cluster", 2),
                                                        ("bootstrap", 4), ("jackknife", 4)))
        if kind in ("bootstrap", "jackknife") and not args:  # graphs.fpfit_xtlogit_ml
            from mlmcli.graphs.fpfit_xtreg_replicates import replicate_settings

            try:
                spec["replicate"] = replicate_settings(kind, text, "xtlogit")
            except StataError as err:  # mlm's refusal, or the prefix's own failure inside fracpoly
                if is_mlm_refusal(err):
                    spec["refused"] = spec["refused"] or f"vce({text})"
                else:
                    spec["failed"] = spec["failed"] or err.message
        elif kind == "cluster" and len(args) == 1:
            spec["vce"], spec["cluster"] = "cluster", args[0]
        elif kind in ("oim", "robust") and not args:
            spec["vce"] = kind
        else:  # "vcetype ... not allowed"
            spec["failed"] = spec["failed"] or f"vce({text}) not allowed"
    else:  # pa's corr(), family(), link(): only pa has them
        spec.setdefault("pa_only", word)


def _panels(ctx, spec: dict, rows: np.ndarray) -> tuple[str, np.ndarray]:
    from mlmcli.panel.time_settings import panel_setting

    if spec["i"]:
        try:
            return ctx.data.resolve(spec["i"]), rows
        except StataError:  # i() not a variable: xtlogit fails
            raise FracpolyFailed("variable not found") from None
    ivar = panel_setting(ctx.data)
    if not ivar:  # "panel variable not set; use xtset varname ..." r(459)
        raise FracpolyFailed("panel variable not set")
    return ivar, rows


def xtlogit_fp(ctx, spec: dict, rows: np.ndarray, y, x, w, weight_kind, fp_settings, names=None, renumbered=None):
    """(b (_cons last with re), V, the FP, e(df_r) (missing but after jackknife), e(sample) over
    the plot's rows or None, the offset over the plot's rows or None) of fracpoly with xtlogit;
    FracpolyFailed where xtlogit fails inside fracpoly (module docstring); ``names``: the plot's
    (y, x) variables, constraints()' and from()'s names; ``renumbered`` gets x after jackknife's keep
    idcluster(x) (fe: ``graphs.fpfit_xt_jackknife.xtlogit_fe_prefixed``)."""
    ivar, _ = _panels(ctx, spec, rows)
    if spec["failed"] or spec["model"] == "pa" or (spec.get("pa_only") and spec["model"] != "pa"):
        raise FracpolyFailed(spec["failed"] or "no e(ll)")  # pa: xtgee posts no e(ll), no powers kept
    if spec["model"] == "fe" and not spec["constant"]:  # xtlogit, fe: "option noconstant not allowed"
        raise FracpolyFailed("option noconstant not allowed")
    if spec["refused"]:
        raise StataError(f"estopts(): {spec['refused']} with estcmd(xtlogit) not supported by mlmcli", 198)
    if w is not None:  # fpfit's aw fw pw: "fweight not allowed for fixed- and random-effects cases" r(101)
        raise FracpolyFailed(f"{weight_kind} not allowed")
    if spec["replicate"] is not None:
        if spec["replicate"].get("cluster"):  # _vce_parserun's cluster(panelvar) is a second cluster()
            raise FracpolyFailed("option cluster() not allowed")
        if spec["vce"] != "oim":  # vce() with robust or cluster(): _vce_parse's r(198)
            raise FracpolyFailed("options vce() and robust may not be combined")
    from mlmcli.graphs.fpfit_xtlogit_ml import ml_options

    ml = ml_options(ctx, spec, names, spec["constant"] and spec["model"] == "re")
    robust = spec["vce"] in ("robust", "cluster")
    if robust and (spec["model"] == "fe" or spec["intmethod"] == "mcaghermite"):
        raise FracpolyFailed("vce() not allowed")  # fe: opt(OIM); re: not with aghermite
    if not 4 <= spec["intpoints"] <= 195:  # "number of quadrature points must be between 4 and 195"
        raise FracpolyFailed("invalid intpoints()")
    offset = None
    if spec["offset"]:
        try:
            offset = np.asarray(ctx.data.numeric(ctx.data.resolve(spec["offset"])), float)[rows]
        except StataError:
            raise FracpolyFailed("offset() not found") from None
    if spec["model"] == "fe":
        return _conditional(ctx, spec, ivar, rows, y, x, fp_settings, offset, names, ml, renumbered)
    return _random_intercept(ctx, spec, ivar, rows, y, x, fp_settings, offset, ml, names)


def _conditional(ctx, spec, ivar, rows, y, x, fp_settings, offset, names, ml=None, renumbered=None):
    """xtlogit, fe: clogit's likelihood on the panels (its offset() and from() as clogit reads
    them, constraints() ``ml``'s, fitted under them as clogit's ml does); vce(bootstrap|jackknife):
    the informative panels' replicates."""
    from mlmcli.graphs.fpfit_grouped_engines import ConditionalLogitFP

    options = {"group": ivar, "offset": spec["offset"], "from": spec["from"]}
    y_name, x_name = names or ("y", "x")
    engine = ConditionalLogitFP(ctx, options, rows, np.asarray(y, float), y_name=y_name, x_name=x_name)
    if spec["constraints"] is not None:
        engine.constraint_options = ml

    def deviance(X):
        try:
            return engine.fit(X)[2]
        except np.linalg.LinAlgError:
            return None

    routed = _bootstrap_checks(ctx, spec, rows, engine.used, ivar, names)
    if routed is not False:  # bootstrap's reject(), saving() without replace ...: graphs.fpfit_xt_bootstrap
        from mlmcli.graphs.fpfit_xt_bootstrap import xtlogit_fe_each_fit

        strata, role = routed
        b, V, chosen = xtlogit_fe_each_fit(ctx, spec["replicate"], engine, strata, ivar, y, x, fp_settings, deviance,
                                           names, None if role is None else (role, engine.offset))
        in_sample = np.zeros(len(rows), bool)
        in_sample[engine.used] = True
        return b, V, chosen, float("nan"), (None if in_sample.all() else in_sample), offset
    prefix = (spec["replicate"] or {}).get("prefix_vce")
    if prefix is not None:  # jackknife's saving() keep n() reject() idcluster(): graphs.fpfit_xt_jackknife
        from mlmcli.graphs.fpfit_xt_jackknife import xtlogit_fe_prefixed

        fitted = xtlogit_fe_prefixed(ctx, prefix, engine, ivar, y, x, fp_settings, deviance, names, renumbered)
        if fitted is None:
            raise FracpolyFailed("fracpoly failed under the prefix")
        b, V, chosen, df_r, in_sample = fitted
        return b, V, chosen, df_r, (None if in_sample.all() else in_sample), offset
    try:
        chosen = _best(y, x, fp_settings, False, deviance)
        b, V, _ = engine.fit(chosen.terms(x), final=True)
    except (np.linalg.LinAlgError, StataError):
        raise FracpolyFailed("xtlogit failed") from None
    df_r = float("nan")
    if spec["replicate"] is not None:
        from mlmcli.graphs.fpfit_bootstrap import settings_stream
        from mlmcli.graphs.fpfit_xtlogit_ml import conditional_refit, replicate_variance

        strata, saver = _bootstrap_extras(ctx, spec["replicate"], rows, engine.used, chosen, names, ivar,
                                          engine.codes, False, "fe")
        V, df_r = replicate_variance(spec["replicate"], conditional_refit(engine, chosen.terms(x)), engine.codes,
                                     b, settings_stream(ctx, spec["replicate"]), strata, None, saver)
    in_sample = np.zeros(len(rows), bool)
    in_sample[engine.used] = True
    return b, V, chosen, df_r, (None if in_sample.all() else in_sample), offset


def _best(y, x, fp_settings, constant: bool, deviance):
    from mlmcli.fractional_polynomials import best_fp

    return best_fp(y, x, **{**fp_settings, "constant": constant}, criterion=deviance)


def _random_intercept(ctx, spec, ivar, rows, y, x, fp_settings, offset, ml=None, names=None):
    """xtlogit, re: the random-intercept logit by adaptive quadrature (mlmcli.glmm); vce(robust)
    the sandwich clustered at the panels, vce(cluster v) at v's (panels nested within them);
    ``ml``: constraints() and from() (``graphs.fpfit_xtlogit_ml``); vce(bootstrap|jackknife):
    the panels' replicates of the final fit."""
    import dataclasses

    from mlmcli.graphs.fpfit_xtlogit_ml import parameters
    from mlmcli.glm.spec import GLMSpec
    from mlmcli.glmm.fit import fit_glmm
    from mlmcli.glmm.spec import GLMMSpec
    from mlmcli.graphs.fpfit_grouped_engines import variable_codes
    from mlmcli.mixed.spec import CoefLabel, RandomTerm

    ok, codes = variable_codes(ctx, ivar, rows)
    if offset is not None:
        keep = np.isfinite(offset[ok])
        ok[ok] = keep
        codes = np.unique(codes[keep], return_inverse=True)[1]
    cluster = None
    if spec["vce"] == "cluster":
        from mlmcli.graphs.fpfit_grouped_engines import cluster_over_rows

        full = cluster_over_rows(ctx, spec["cluster"], rows)
        keep = full[ok] >= 0
        ok[ok] = keep
        codes = np.unique(codes[keep], return_inverse=True)[1]
        cluster = full[ok]
    outcome = (np.asarray(y, float)[ok] != 0).astype(float)
    if not ok.any() or outcome.min() == outcome.max():  # logit's "outcome does not vary" r(2000)
        raise FracpolyFailed("outcome does not vary")
    if spec["intpoints"] > outcome.size:  # "number of quadrature points must be less than ... obs"
        raise FracpolyFailed("too many quadrature points")
    constant = spec["constant"]
    G = int(codes.max()) + 1
    iterate = spec["iterate"] if spec["iterate"] is not None else 300

    def glmm_spec(X, final=False, centre=None):  # X: the plot's rows, the constant first when there is one
        design = X[ok]
        if constant:
            design = np.column_stack([design[:, 1:], design[:, :1]])  # xtlogit's order: _cons last
        k_terms = design.shape[1] - constant
        labels = tuple(CoefLabel(f"_fp{j}") for j in range(k_terms)) + ((CoefLabel("_cons"),) if constant else ())
        cns, start = parameters(ml, k_terms, constant, final, centre, True)
        fixed = GLMSpec("y", outcome, design, labels, "bernoulli", "logit",
                        offset=None if offset is None else offset[ok], iterate=iterate,
                        vce={"oim": "oim", "robust": "robust", "cluster": "cluster"}[spec["vce"]],
                        cluster=cluster, cluster_var=spec["cluster"], constraints=cns, start=start)
        term = RandomTerm(ivar, codes, np.ones((outcome.size, 1)), ("_cons",), "identity", G)
        return GLMMSpec(fixed, (term,), spec["intmethod"], spec["intpoints"])

    def fit(X, final=False, centre=None):
        out = fit_glmm(glmm_spec(X, final, centre))
        if not np.isfinite(out.loglik) or not (out.converged or spec["iterate"] is not None):
            raise np.linalg.LinAlgError("xtlogit did not converge")
        return out

    def deviance(X):
        try:
            return -2.0 * fit(X).loglik
        except (np.linalg.LinAlgError, StataError, FloatingPointError):
            return None

    routed = _bootstrap_checks(ctx, spec, rows, np.flatnonzero(ok), ivar, names)
    if routed is not False:  # bootstrap's reject(), saving() without replace ...: graphs.fpfit_xt_bootstrap
        from mlmcli.graphs.fpfit_xt_bootstrap import xtlogit_re_each_fit

        strata, role = routed
        b, V, chosen = xtlogit_re_each_fit(ctx, spec["replicate"], glmm_spec, fit, ok, codes, strata, ivar, y, x,
                                           fp_settings, deviance, names, constant,
                                           None if role is None else (role, None if offset is None else offset[ok]))
        p = len(chosen.center) + constant
        return b[:p], V[:p, :p], chosen, float("nan"), None if ok.all() else ok, offset
    prefix = (spec["replicate"] or {}).get("prefix_vce")
    if prefix is not None:  # jackknife's saving() keep n() reject() idcluster(): graphs.fpfit_xt_jackknife
        from mlmcli.graphs.fpfit_xt_jackknife import xtlogit_re_prefixed

        fitted = xtlogit_re_prefixed(ctx, prefix, glmm_spec, fit, ok, codes, ivar, y, x,
                                     {**fp_settings, "constant": constant}, deviance, names, constant)
        if fitted is None:
            raise FracpolyFailed("fracpoly failed under the prefix")
        b, V, chosen, df_r = fitted
        return b, V, chosen, df_r, None if ok.all() else ok, offset
    try:
        chosen = _best(y, x, fp_settings, constant, deviance)
        out = fit(chosen.terms(x), True, chosen.center if constant else None)
    except (np.linalg.LinAlgError, StataError, FloatingPointError):
        raise FracpolyFailed("xtlogit failed") from None
    p = out.model.p
    b, V, df_r = np.asarray(out.beta, float), np.asarray(out.V, float)[:p, :p], float("nan")
    if spec["replicate"] is not None:  # every replicate the final model again, from its estimates
        from mlmcli.glmm.spec import subset_random_intercept as subset_glmm_spec
        from mlmcli.graphs.fpfit_bootstrap import settings_stream
        from mlmcli.graphs.fpfit_xtlogit_ml import replicate_variance

        full = glmm_spec(chosen.terms(x), True, chosen.center if constant else None)
        full = dataclasses.replace(full, fixed=dataclasses.replace(full.fixed, start=np.asarray(out.theta, float)))

        strata, saver = _bootstrap_extras(ctx, spec["replicate"], rows, np.flatnonzero(ok), chosen, names, ivar,
                                          codes, constant, "re")
        whole = saver is not None  # saving(): e(b) whole, lnsig2u = 2 ln sigma_u after b

        def refit(rows_used, new_codes):
            r = fit_glmm(subset_glmm_spec(full, rows_used, new_codes))
            if not r.converged or not np.all(r.used):
                raise np.linalg.LinAlgError("replicate did not converge")
            beta = np.asarray(r.beta, float)
            return np.append(beta, 2.0 * float(r.theta[-1])) if whole else beta

        V, df_r = replicate_variance(spec["replicate"], refit, codes, b, settings_stream(ctx, spec["replicate"]), strata,
                                     np.append(b, 2.0 * float(out.theta[-1])) if whole else None, saver)
    return b, V, chosen, df_r, None if ok.all() else ok, offset


def _bootstrap_checks(ctx, spec: dict, rows, used, ivar, names):
    """bootstrap's group()/idcluster() checks: (strata() over the estimation rows ``used`` (of
    ``rows``), group()'s role: ``check_group``) when the prefix must run around each fit
    (``graphs.fpfit_xt_bootstrap.routed``: reject(), saving() without replace, a stratum missing on
    a row, group() renumbering what a fit reads, JKAccel's saving()); False otherwise."""
    settings = spec["replicate"] or {}
    if settings.get("kind") != "bootstrap":
        return False
    from mlmcli.graphs.fpfit_xt_bootstrap import check_group, routed, xt_strata

    role = check_group(settings, ctx.data, {"dependent variable": names[0] if names else None,
                                            "offset": spec["offset"]}, ivar, "xtlogit")
    strata = xt_strata(ctx, settings, rows, used)
    return (strata, role) if routed(settings, strata, role) else False


def _bootstrap_extras(ctx, settings: dict, rows, used, chosen, names, ivar, codes, constant: bool, model: str):
    """bootstrap's strata() codes over the estimation rows ``used`` (indices into ``rows``) and
    saving()'s writer ``(B, observed)`` (graphs.fpfit_bootstrap_options); (None, None) otherwise.
    (A stratum missing on a row and saving() without replace: ``_bootstrap_checks``.)"""
    if settings.get("kind") != "bootstrap":
        return None, None
    from mlmcli.graphs.fpfit_bootstrap_options import save_bootstrap
    from mlmcli.graphs.fpfit_jackknife import fracgen_names
    from mlmcli.graphs.fpfit_xt_bootstrap import xt_strata

    strata = xt_strata(ctx, settings, rows, used)
    if settings.get("saving") is None:
        return strata, None
    depvar, xname = names or ("y", "x")
    k = len(chosen.center)
    terms = fracgen_names(xname, k)
    colnames = [f"{depvar}:{t}" for t in terms] + ([f"{depvar}:_cons"] if constant else [])
    colnames += ["lnsig2u:_cons"] if model == "re" else []

    def write(B, observed):
        A = np.eye(len(observed))  # the constant of fracgen's centred terms: _cons + sum b_j c_j
        if constant:
            A[k, :k] = np.asarray(chosen.center, float)
        save_bootstrap(ctx, settings, B @ A.T, colnames, A @ observed, cmdname="xtlogit",
                       command=f"xtlogit {depvar} {' '.join(terms)}, {model}", n_obs=len(used), cluster=ivar,
                       n_cluster=int(np.max(codes)) + 1, strata=settings.get("strata"),
                       n_strata=None if strata is None else int(np.unique(strata).size))
    return strata, write
