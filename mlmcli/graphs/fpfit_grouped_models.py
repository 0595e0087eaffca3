"""``twoway fpfit``/``fpfitci``'s ``estcmd(clogit|xtgee|mlogit|mprobit)``: what Stata 13's fracpoly
(frac_154, frac_dv) and fracpred do with these commands, fitted by mlm's own engines.

- ``clogit`` (``graphs.fpfit_grouped_engines``): every model is fitted with the groups of
  ``estopts(group(v))`` (or ``strata(v)``), no constant (frac_154 refuses ``noconstant``:
  "invalid with command clogit"), with its ``offset()``, weights, ``vce(robust|cluster|opg|
  bootstrap|jackknife)`` and ``nonest``;
  the powers are those of the smallest deviance -2 ll, the conditional log likelihood
  (frac_dv).  clogit drops the rows whose group is missing and
  the groups whose outcome (y != 0) does not vary; fracpoly's shift, scale and centring
  still use every row of the plot (its own sample).  fracpred's x b is the centred terms
  times b (there is no constant) plus the offset, its stdp sqrt(x V x'), drawn only where
  e(sample) holds:
  twoway__fpfit_serset keeps, of the rows sorted by x and y, the first at each distinct x,
  and fracpred predicts ``if e(sample)`` -- a point whose kept row clogit dropped is missing
  (rows tied in x and y: the first in the data's order).  ``dresid`` is fracpred's error
  "dresid option of fracpred not supported for clogit".  Without ``group()`` clogit fails
  inside fracpoly (Stata's note, nothing drawn).
- ``xtgee`` (``graphs.fpfit_grouped_engines``): the panels of ``xtset`` or ``i()``, every
  family, link and working correlation xtgee fits, its offset()/exposure(), scale(), nmp,
  rgf, force and weights; there is no likelihood, and frac_dv's
  deviance is -e(chi2), the model's Wald chi2 (robust with ``vce(robust)``): the powers
  with the largest Wald statistic win.  fracpred's x b and stdp as after regress (with the
  constant), the band with the normal quantile; ``dresid``: fracpred computes nothing for
  xtgee (its residuals are missing: nothing drawn).
- ``mlogit`` (``mlmcli.glm.multinomial``): fracpoly fits (the deviance -2 ll), but fracpred
  refuses every multinomial model: "mlogit not yet supported by fracpred" r(198) -- the
  graph fails with that error, unless fracpoly itself failed (the note).  estopts()'
  constraints() and from() go to every fit (``_mlogit_ml_options``).
- ``mprobit``: fracpred refuses it as it does mlogit ("mprobit not yet supported by fracpred"
  r(198), fracpred.ado 1.2.2 and 1.3.0 alike), whatever powers fracpoly chose, so mlm fits no
  multinomial probit: it checks only what makes mprobit.ado (1.6.0) fail inside fracpoly -- the
  note: one outcome (r(148)) or more than 30 (r(149)), aweights, ``noconstant`` (frac_154's model
  without x is then ``mprobit y, noconstant``: "too few variables specified" r(102)), a
  ``baseoutcome()`` that is no outcome (r(459)), ``intpoints()`` outside 1..500 with more than two
  outcomes (r(498)), vce(hc2|hc3) (as for the others below), weights with vce(bootstrap) (bootstrap
  takes none), an undefined constraint or a from() ml's init cannot read (``_mprobit_start_fails``)
  -- and otherwise stops with fracpred's r(198) (vce(bootstrap|jackknife) too: the prefix refits
  mprobit and fracpred then refuses it).

clogit's maximisation options (iterate(), the tolerances, difficult, technique(), from()) and
xtgee's iterate()/tolerance() are the fits' (``graphs.fpfit_grouped_engines``); clogit's
``score(newvar)`` makes fracpoly fail whatever else is typed (Stata 13's frac_154 1.4.3,
clogit.ado 1.6.15: the model without x is clogit's null model, ``_clogit``, which makes no
score; the first candidate that fits creates newvar; every later candidate stops on clogit's
``confirm new var`` (r(110), captured: its deviance missing) and so does the final model, not
captured -- or the first fit already, when newvar exists or is not a valid name), so
twoway__fpfit_serset's capture prints the note and draws nothing (its ``preserve`` drops the
variable with the graph); other
options Stata's commands take that mlm does not fit with (mlogit's maximisation options ...)
are refused; vce(bootstrap|jackknife): ``graphs.fpfit_grouped_replicates`` (xtgee with jackknife's saving() keep reject() n(): ``graphs.fpfit_xtgee_jackknife``); options the command would reject make it fail inside fracpoly:
``FracpolyFailed`` (the note).
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.graphs.fpfit_grouped_engines import ConditionalLogitFP, PopulationAveragedFP
from mlmcli.graphs.fpfit_grouped_replicates import (NULL_CLOGIT_UNDER_PREFIX, PrefixedPopulationAveraged,
                                                    check_replicates, replicate_variance)
from mlmcli.graphs.fpfit_models import GROUPED_COMMANDS as COMMANDS, FracpolyFailed
# options that change nothing drawn
_REPORTING = {"clogit": ("or", "nolog", "log", "level", "trace", "gradient", "hessian", "showstep",
                         "showtolerance"),
              "xtgee": ("eform", "nolog", "log", "level", "nodisplay", "trace"),
              # mlogit's optimiser options change its path only (a typed iterate() reached: ml's
              # warning, fracpoly keeps the estimates): whatever they do, fracpred then refuses mlogit
              "mlogit": ("rrr", "nolog", "log", "level", "baseoutcome", "iterate", "tolerance", "ltolerance",
                         "nrtolerance", "nonrtolerance", "difficult", "technique"),
              # mprobit: fracpred refuses it whatever the fit (module docstring)
              "mprobit": ("nolog", "log", "level", "probitparam", "iterate", "tolerance", "ltolerance",
                          "nrtolerance", "nonrtolerance", "difficult", "technique", "trace", "gradient",
                          "hessian", "showstep", "showtolerance")}
# the commands' own options fpfit does not fit with
_NOT_FITTED = {"clogit": (),
               "xtgee": (),
               "mlogit": (),
               "mprobit": ()}
_MODEL = {"clogit": ("group", "strata", "offset", "iterate", "tolerance", "ltolerance", "nrtolerance",
                     "nonrtolerance", "difficult", "technique", "from", "nonest"),
          "xtgee": ("family", "link", "corr", "i", "t", "offset", "exposure", "scale", "nmp", "rgf", "force",
                    "iterate", "tolerance"),
          "mlogit": ("constraints", "from"),
          "mprobit": ("baseoutcome", "intpoints", "constraints", "from")}


# ml's and xtgee's abbreviations (iter, tol, ltol, nrtol, nonrtol, dif, tech, grad, hess, showtol);
# clogit.ado's GRoup() STrata() OFFset()
_SHORTEST = {"group": 2, "strata": 2, "offset": 3, "score": 2, "nonest": 6, "iterate": 4, "tolerance": 3, "ltolerance": 4, "nrtolerance": 5, "nonrtolerance": 7, "difficult": 3,
             "technique": 4, "gradient": 4, "hessian": 4, "showstep": 8, "showtolerance": 8, "trace": 5,
             "from": 4, "intpoints": 4, "probitparam": 6}


def _word(name: str, table) -> str | None:
    from mlmcli.syntax.abbreviation import resolve_choice

    return resolve_choice(name, table)


def read_options(typed: list, command: str, settings: dict, ctx=None) -> list:
    """estopts() after estcmd(clogit|xtgee|mlogit): the model's options into
    ``settings["model"]`` (name -> text), the reporting ones dropped, those fpfit does not fit
    with refused; what is left (noconstant, robust, vce(), cluster()) for
    ``fit_options.estimation_options``, checked here against what the command accepts
    (xtgee's jackknife idcluster(): ``fpfit_xtgee_jackknife.with_panel_cluster``)."""
    model = settings.setdefault("model", {})
    kept = []
    own = [(w, _SHORTEST.get(w, 2 if w in ("or", "rrr", "log") else 1))
           for w in _MODEL[command] + _REPORTING[command] + _NOT_FITTED[command]
           + (("score",) if command == "clogit" else ())]
    if any(_word(option.name, own) == "score" for option in typed):
        raise FracpolyFailed("variable already defined")  # the final clogit (module docstring)
    for option in typed:
        name = option.name
        word = _word(name, own) if name not in ("robust", "vce", "cluster", "noconstant", "nocons") else None
        if word in _REPORTING[command]:
            continue
        if word in _NOT_FITTED[command]:
            raise StataError(f"estopts(): option {option.name} not supported by mlmcli with estcmd({command})", 198)
        if word in _MODEL[command]:
            model[word] = option.arg if option.arg is not None else True  # a flag (nmp, rgf, force)
            continue
        kind = str(option.arg or "").strip()
        if name == "vce" and (kind in ("oim", "conventional") or "conventional".startswith(kind) and len(kind) >= 4):
            continue  # the default variance
        if name == "vce" and kind == "opg":  # ml's OPG variance; xtgee's _vce_parse refuses it
            if command != "clogit":
                raise FracpolyFailed("vcetype 'opg' not allowed")
            model["opg"] = True
            continue
        if command == "clogit" and name.startswith("nocons"):  # frac_154: noconstant invalid with clogit
            raise FracpolyFailed("option noconstant invalid with command clogit")
        if command == "xtgee" and (("cluster".startswith(name) and len(name) >= 2)
                                   or (name == "vce" and kind.startswith("cl"))):
            raise FracpolyFailed("option cluster() not allowed")  # xtgee has vce(robust), not cluster
        kept.append(option)
    if command == "xtgee" and ctx is not None:
        from mlmcli.graphs.fpfit_xtgee_jackknife import with_panel_cluster

        kept = with_panel_cluster(ctx, kept, model.get("i"), settings)
    return kept


def _rows_by_first_point(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """twoway__fpfit_serset's rows: sorted by x and y, the first at each distinct x (x ascending)."""
    order = np.lexsort((y, x))
    order = order[np.isfinite(x[order])]  # idcluster(x): missing outside the command's rows
    return order[np.r_[True, np.diff(x[order]) != 0]]


def _multinomial_fails(y, X, w, weight_kind, constant: bool, outcomes, ml_options=None):
    """mlogit on the design: -2 ll (None when the fit fails); ``ml_options``: (session,
    estopts()' constraints() text, from() text) applied to this fit (a StataError: it fails)."""
    from mlmcli.glm.multinomial import MultinomialSpec, fit_multinomial
    from mlmcli.mixed.spec import CoefLabel

    labels = tuple(CoefLabel(f"_fp{j}") for j in range(X.shape[1] - constant)) + (
        (CoefLabel("_cons"),) if constant else ())
    Xc = np.column_stack([X[:, 1:], X[:, :1]]) if constant else X
    codes = np.searchsorted(outcomes, y)
    counts = np.bincount(codes, weights=w, minlength=len(outcomes))
    spec = MultinomialSpec("y", codes, tuple(outcomes), tuple(str(v) for v in outcomes), int(np.argmax(counts)),
                           Xc, labels, fweight=w if weight_kind == "fweight" else None,
                           pweight=w if weight_kind == "pweight" else None,
                           iweight=w if weight_kind == "iweight" else None, constant=constant)
    if ml_options is not None:
        import dataclasses

        from mlmcli.glm.separation import stata_g
        from mlmcli.graphs.fpfit_ml_start import multinomial_constraints_and_start

        spec = dataclasses.replace(spec, eq_names=tuple(stata_g(v) for v in outcomes))
        spec = dataclasses.replace(spec, **multinomial_constraints_and_start(ml_options[0], spec, *ml_options[1:]))
    fit = fit_multinomial(spec)
    return -2.0 * fit.loglik if np.isfinite(fit.loglik) and fit.converged else None


def _mlogit(y, x, w, weight_kind, fp_settings, rows=None, ctx=None, prefix=None, vce=None, cluster=None,
            model_options=None) -> None:
    """fracpoly with mlogit, then fracpred's refusal (module docstring); ``rows``: mlogit's own
    sample among the plot's rows (vce(cluster)'s variable marked out: graphs.fpfit_command_sample);
    ``prefix``: (plot, cluster variable) with jackknife's saving() keep reject() n()
    (``graphs.fpfit_mlogit_jackknife``)."""
    from mlmcli.fractional_polynomials import best_fp
    from mlmcli.graphs.fpfit_command_sample import subset

    y_c = subset(y, rows)
    outcomes = np.unique(y_c)
    if len(outcomes) < 2 or len(outcomes) > 50 or weight_kind == "aweight":  # mlogit fails inside fracpoly
        raise FracpolyFailed("mlogit failed")
    ww = np.ones(len(y_c)) if w is None else subset(np.asarray(w, float), rows)
    ml_options = _mlogit_ml_options(ctx, model_options or {})

    def deviance(X):
        try:
            return _multinomial_fails(y_c, subset(X, rows), ww, weight_kind, fp_settings["constant"], outcomes,
                                      ml_options)
        except (np.linalg.LinAlgError, StataError):
            return None
    if prefix is not None:
        from mlmcli.graphs.fpfit_mlogit_jackknife import mlogit_prefixed

        mlogit_prefixed(ctx, *prefix, y, x, w, weight_kind, vce, cluster, fp_settings, deviance)
        raise FracpolyFailed("fracpoly failed under the prefix")
    try:
        best_fp(y, x, **fp_settings, criterion=deviance)
    except StataError:  # no candidate fitted: fracpoly fails
        raise FracpolyFailed("mlogit failed") from None
    raise StataError("mlogit not yet supported by fracpred", 198)


def _mprobit(ctx, y, weight_kind, constant: bool, model: dict, depvar: str, degree: int, vce_kind: str) -> None:
    """fracpoly with mprobit (module docstring): the note where mprobit.ado fails, else fracpred's
    refusal."""
    outcomes = np.unique(y)
    fails = len(outcomes) < 2 or len(outcomes) > 30 or weight_kind == "aweight" or not constant
    fails = fails or vce_kind == "bootstrap" and weight_kind is not None  # bootstrap takes no weights
    base = model.get("baseoutcome")
    base_index = None
    if base is not None and not fails:  # AlternativeIndex: the value as typed, or its value label
        text = str(base).strip()
        matches = [k for k, v in enumerate(outcomes)
                   if text == ctx.data.value_label_text(depvar, v) or text == f"{v:g}"]
        fails = not matches
        base_index = matches[0] if matches else None
    points = model.get("intpoints")
    if points is not None and not fails:  # intpoints(integer 15); checked with three outcomes or more
        try:
            n = int(str(points).strip())
            fails = str(points).strip() != str(n) or (len(outcomes) > 2 and not 1 <= n <= 500)
        except ValueError:
            fails = True
    if not fails and (model.get("constraints") is not None or model.get("from") is not None):
        fails = _mprobit_start_fails(ctx, y, outcomes, base_index, degree, model)
    if fails:
        raise FracpolyFailed("mprobit failed")
    raise StataError("mprobit not yet supported by fracpred", 198)


def _mprobit_start_fails(ctx, y, outcomes, base_index, degree: int, model: dict) -> bool:
    """constraints() and from() as ml reads them for each of fracpoly's mprobit fits (its
    parameters: the FP terms and _cons in each equation but the base outcome's; the most
    frequent outcome unless baseoutcome()): an undefined constraint, a from() name the fit lacks
    without skip, a matrix that does not exist or a copy of another length fail every fit (the
    note); otherwise the fits stand and fracpred refuses mprobit."""
    from types import SimpleNamespace

    from mlmcli.glm.separation import stata_g
    from mlmcli.graphs.fpfit_ml_start import multinomial_constraints_and_start
    from mlmcli.mixed.spec import CoefLabel

    session, constraints, start = _mlogit_ml_options(ctx, model)
    if base_index is None:
        base_index = int(np.argmax([np.count_nonzero(y == v) for v in outcomes]))
    labels = tuple(CoefLabel(f"_fp{j}") for j in range(degree)) + (CoefLabel("_cons"),)
    spec = SimpleNamespace(labels=labels, eq_names=tuple(stata_g(v) for v in outcomes), base=base_index)
    try:
        multinomial_constraints_and_start(session, spec, constraints, start)
    except StataError:
        return True
    return False


def _mlogit_ml_options(ctx, model_options: dict):
    """(session, constraints() text, from() text) for each mlogit fit fracpoly runs, or None
    when neither is typed.  Each fit reads them against its own parameters (temporary terms,
    then ``_cons``, in each outcome's equation; ``fpfit_ml_start.multinomial_constraints_and_start``): an undefined constraint,
    a from() name the fit lacks without skip or a copy of another length makes every fit fail
    (fracpoly fails: the note); otherwise the fits stand and fracpred refuses mlogit."""
    if model_options.get("constraints") is None and model_options.get("from") is None:
        return None
    hooks = getattr(ctx, "jackknife_hooks", None)
    if hooks is None or not hasattr(hooks, "session"):
        raise StataError("estopts(constraints() from()) not supported by mlmcli here", 198)
    return hooks.session, model_options.get("constraints"), model_options.get("from")


def _fracpoly_fit(engine, fit, deviance, y, x, vce, fp_settings):
    """(the FP, b, V, e(df_r) or NaN) of fracpoly with clogit or xtgee, b and V over the
    terms, then the constant; under vce(jackknife) (xtgee) every deviance ties
    (``fpfit_xtgee_jackknife.tie_model``: with a constant fracpoly fails), V and e(df_r) the
    final fit's jackknife."""
    from mlmcli.fractional_polynomials import best_fp

    if vce.kind == "jackknife":
        from mlmcli.graphs.fpfit_xtgee_jackknife import fitting_candidates, tie_model

        model = None if fp_settings["constant"] else tie_model(y, x, fp_settings,
                                                                fitting_candidates(x, fp_settings, deviance))
        if model is None:
            raise FracpolyFailed("no powers: every deviance ties with the model without x")
    else:
        try:
            model = best_fp(y, x, **fp_settings, criterion=deviance)
        except StataError:
            raise FracpolyFailed("no model fitted") from None
    X = model.terms(x)
    engine.fp_centre = np.asarray(model.center, float).reshape(-1)  # the final fit's e(b) (bootstrap's saving())
    try:
        b, V, _ = fit(X, final=True)
    except np.linalg.LinAlgError:
        raise FracpolyFailed("the final model failed") from None
    df_r = float("nan")
    if vce.kind == "jackknife":
        V, df_r = replicate_variance(engine, X, b, vce, None)
    if fp_settings["constant"]:  # fpfit_plot's order: the terms, then the constant
        order = list(range(1, len(b))) + [0]
        b, V = b[order], V[np.ix_(order, order)]
    return model, b, V, df_r


def _prefixed_null_fit(ctx, boot, fit, n: int, fp_settings: dict) -> None:
    """xtgee under bootstrap's reject(): frac_154's model without x (the constant), not captured --
    failing under the prefix (reject()'s r(9) ...) is fracpoly's failure -- then the candidates'
    e(b) on frac_154's temporary names (``CommandPrefix.candidate_names``; the search's fits run
    the prefix already: the deviance reads their V)."""
    from mlmcli.graphs.fpfit_ml_jackknife import prefix_hooks

    if fp_settings["constant"]:
        try:
            fit(np.ones((n, 1)))
        except np.linalg.LinAlgError:
            raise FracpolyFailed("the model without x failed under the prefix") from None
    hooks = prefix_hooks(ctx)
    boot.candidate_names = [hooks.temp_name() for _ in range(fp_settings["degree"])]


def grouped_fit(ctx, command: str, rows: np.ndarray, y, x, w, weight_kind, vce, se, dresid, fp_settings, settings,
                cluster: np.ndarray | None = None, names: tuple[str, str] = ("y", "x"), prefix=None,
                renumbered: dict | None = None):
    """(b, V, the FP, the points drawn, the offset over the rows or None, e(df_r) -- NaN but
    after vce(jackknife)) of fracpoly with
    ``command`` on the plot's rows ``rows`` (indices into the data), or None when fracpoly
    fails (Stata's note).  The points: a mask over the distinct x (fracpred's ``if
    e(sample)``); ``cluster``: vce(cluster)'s codes over the rows; ``names``: the plot's y and x
    (from()'s coefficient names); ``prefix``: (plot, cluster variable) with jackknife's saving()
    keep reject() n(); ``renumbered`` gets xtgee's x after keep idcluster(x) (``fpfit_xtgee_jackknife``)."""
    try:
        if vce.kind in ("hc2", "hc3"):  # regress's vcetypes: clogit, xtgee and mlogit fail on them inside fracpoly
            raise FracpolyFailed(f"vcetype {vce.kind} not allowed")
        if command == "mprobit":  # mprobit.ado marks out vce(cluster)'s variable (cluster codes -1)
            kept = y if cluster is None else y[cluster >= 0]
            return _mprobit(ctx, kept, weight_kind, fp_settings["constant"], settings.get("model", {}),
                            names[0], fp_settings["degree"], vce.kind)
        if command == "mlogit":  # mlogit.ado marks out vce(cluster)'s variable (cluster codes -1)
            return _mlogit(y, x, w, weight_kind, fp_settings, None if cluster is None else cluster >= 0,
                           ctx, prefix, vce, cluster, settings.get("model"))
        if weight_kind == "aweight":  # neither clogit nor xtgee takes aweights
            raise FracpolyFailed("aweights not allowed")
        if command == "clogit" and vce.kind in ("bootstrap", "jackknife"):  # graphs.fpfit_grouped_replicates
            raise FracpolyFailed(NULL_CLOGIT_UNDER_PREFIX)
        if vce.kind not in ("ols", "robust", "bootstrap", "jackknife") + (("cluster",) if command == "clogit" else ()):
            raise StataError(f"estopts(): vce({vce.kind}) not supported by mlmcli with estcmd({command})", 198)
        replicated = vce.kind in ("bootstrap", "jackknife")
        if replicated:  # graphs.fpfit_grouped_replicates (idcluster()'s panel cluster(): with_panel_cluster)
            check_replicates(vce, weight_kind, settings.get("panel_cluster"))
        constant = fp_settings["constant"]
        if command == "clogit":
            engine = ConditionalLogitFP(ctx, settings.get("model", {}), rows, y, w, weight_kind, vce.kind, cluster,
                                        *names)
            fit = engine.fit
        else:
            engine = PopulationAveragedFP(ctx, settings.get("model", {}), rows, y, vce.kind == "robust", w,
                                          weight_kind)
            from mlmcli.graphs.fpfit_bootstrap_prefix import gee_prefix

            boot = gee_prefix(ctx, vce, engine, rows, names, constant)  # bootstrap's options (None: jackknife ...)
            fitter = PrefixedPopulationAveraged(engine, vce, ctx, boot) if replicated else engine

            def fit(X, final=False, _fit=fitter.fit):
                return _fit(X, constant)
            if boot is not None and boot.settings.get("reject"):  # the prefix around every fit fracpoly makes
                _prefixed_null_fit(ctx, boot, fit, len(y), fp_settings)

        def deviance(X):
            try:
                return fit(X)[2]
            except np.linalg.LinAlgError:
                return None
        if prefix is not None:  # xtgee with jackknife's saving() keep reject() n()
            from mlmcli.graphs.fpfit_xtgee_jackknife import xtgee_prefixed

            fitted = xtgee_prefixed(ctx, prefix[0], engine, y, x, vce, fp_settings, renumbered, rows)
            if fitted is None:
                raise FracpolyFailed("fracpoly failed under the prefix")
            model, b, V, df_r = fitted  # the terms, then the constant
        else:
            model, b, V, df_r = _fracpoly_fit(engine, fit, deviance, y, x, vce, fp_settings)
    except FracpolyFailed:
        return None
    in_sample = np.zeros(len(y), bool)
    in_sample[engine.used] = True
    if renumbered is not None and "sample" in renumbered:  # a renumbered weight narrowed the final fit's
        in_sample &= renumbered["sample"]
    if renumbered is not None and "x" in renumbered:  # keep idcluster(x): drawn at the panel numbers
        x = renumbered["x"]
    drawn = in_sample[_rows_by_first_point(x, y if renumbered is None else renumbered.get("y", y))]
    if dresid:  # fracpred leaves xtgee's deviance residuals missing
        drawn = np.zeros_like(drawn)
    offset = None
    if engine.offset is not None:  # fracpred's _predict, xb: with the offset (0 where the command dropped the row)
        offset = np.zeros(len(y))
        offset[engine.used] = engine.offset
    return b, V, model, drawn, offset, df_r
