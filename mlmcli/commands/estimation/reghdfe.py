"""``reghdfe depvar [indepvars] [if] [in], absorb(absvars) [vce(unadjusted|robust|cluster
clustvar) level(#)]``: linear regression absorbing several fixed effects (the community
command by Sergio Correia, which do-files assume installed).

The fit is ``mlmcli.panel.multiway_absorb``; the layout ``mlmcli.render.hdfe_regression``.
As reghdfe: singletons are dropped first ("(dropped # singleton observations)"), then
"(MWFE estimator converged in # iterations)" -- the count is mlm's own alternating
projections', not reghdfe's accelerated solver's.  Weights: reghdfe 5's ``[aw pw fw/]``
(the weight a variable name: ``unab exp``); pweights imply vce(robust); iweights
"iweights not allowed" r(101) (docs/weights_more_commands.md).  Kept out (refused, not
ignored): heterogeneous slopes in absorb() and multi-way clustering.  Absvars: ``var``, ``i.var``
and intercept interactions ``i.a#i.b`` (one factor of the observed combinations), any number,
their redundant categories counted as reghdfe's estimate_dof does (``absorbed_dof``: "?" where
the count may be higher); quotes in absorb() only group words (``absorb_factors``).  ``absorb(newvar=absvar)`` and ``absorb(...,
savefe)`` save the absorbed effects (``__hdfe#__`` where no newvar names one; ``replace``
replaces existing targets), each on e(sample), d split between two effects by alternating
projections.  ``residuals(newvar)`` (``resid``:
``_reghdfe_resid``, replaced when it exists -- a decision, reghdfe's own code for it not
seen) saves y - xb - d on e(sample) (missing elsewhere) and names it in e(resid), which
predict's residuals, d, xbd and dresiduals read (reghdfe_p; ``predict_reghdfe``).
"""
from __future__ import annotations

import dataclasses
import re

import numpy as np

from mlmcli.commands.estimation.common import display_option_specs, robust_macros, table_options, table_options_with_notes
from mlmcli.errors import StataError
from mlmcli.missing import MAX_DOUBLE
from mlmcli.estimation.active import replay_results
from mlmcli.postest.linear_prediction import LinearIndexPredictions
from mlmcli.syntax.options import OptionSpec, confidence_level, resolve_options, vce_option

REGHDFE_OPTIONS = [
    OptionSpec("absorb", 1, takes_arg=True), OptionSpec("vce", 3, takes_arg=True),
    OptionSpec("cluster", 2, takes_arg=True), OptionSpec("robust", 1), OptionSpec("level", 1, takes_arg=True),
    OptionSpec("noabsorb", 6), OptionSpec("residuals", 3, takes_arg=True, arg_optional=True),
    OptionSpec("keepsingletons", None), OptionSpec("noconstant", 5),
]
# reghdfe 5's Replay (fit and replay alike): noheader, notable, nofootnote, level() and the
# options _get_diopts takes (coeflegend, noomitted, vsquish, baselevels, formats, nofvlabel ...)
DISPLAY_OPTIONS = [OptionSpec("noheader", 4), OptionSpec("notable", 5), OptionSpec("nofootnote", 6),
                   *display_option_specs()]  # noHEader noTABle noFOOTnote
REGHDFE_OPTIONS += DISPLAY_OPTIONS


class HdfeFit(LinearIndexPredictions):
    """reghdfe's fit for predict (xb, stdp) and the estimation interface."""

    def __init__(self, depvar, labels, b, V, df_r, level, y):
        self.depvar, self.coef_labels, self.b, self.V = depvar, labels, b, V
        self.df_r, self.level, self.y = df_r, level, y

    def e_matrices(self):
        from mlmcli.postest.coefficient_rows import coefficient_matrices
        return coefficient_matrices(self.coef_labels, self.b, self.V)

    def coef_rows(self) -> tuple:
        from mlmcli.postest.coefficient_rows import rows_from_estimates
        return rows_from_estimates(self.coef_labels, self.b, self.V, self.level, self.df_r)

    def re_terms(self):
        return ()

    def response(self) -> np.ndarray:
        return self.y

    def predict_from_index(self, statistic: str, xb: np.ndarray, rows) -> np.ndarray:
        if statistic == "xb":
            return xb
        raise StataError(f"option {statistic} not allowed", 198)

    def margins_prediction(self, options: str):
        """margins' hook: xb (reghdfe_p's default; its constant is reported so that margins
        works); the statistics that need the absorbed effects or the residuals (d, xbd,
        dresiduals, residuals, score: reghdfe's e(marginsnotok) "Residuals SCore") and stdp
        are refused as stochastic."""
        from mlmcli.margins.response import linear_prediction_for

        return linear_prediction_for(options, "Linear prediction", ("xb",),
                                     ("stdp", "d", "xbd", "dresiduals", "residuals", "score"))


def _vce(ds, opts) -> tuple[str, str | None]:
    if opts.get("cluster"):
        names = str(opts["cluster"]).split()
        if len(names) != 1:
            raise StataError("multi-way clustering is not available in mlm's reghdfe", 198)
        return "cluster", ds.resolve(names[0])
    if opts.get("robust"):
        return "robust", None
    if opts.get("vce") is None:
        return "unadjusted", None
    kind, args = vce_option(opts["vce"], (("unadjusted", 2), ("ols", 3), ("robust", 1), ("cluster", 2)))
    if kind is None:  # vce(ROBUST), vce(foo): no type reghdfe knows
        from mlmcli.syntax.options import vcetype_not_allowed

        raise vcetype_not_allowed(opts["vce"])
    if kind == "cluster":
        if not args:  # vce(cluster) without a variable: regress's refusal
            raise StataError(f"vcetype '{str(opts['vce']).strip()}' not allowed", 198)
        if len(args) != 1:
            raise StataError("multi-way clustering is not available in mlm's reghdfe", 198)
        return "cluster", ds.resolve(args[0])
    if args:
        raise StataError(f"vcetype '{opts['vce']}' not allowed", 198)
    return ("unadjusted" if kind == "ols" else kind), None


def _display(session, result, opts: dict) -> None:
    from mlmcli.render.hdfe_regression import render_hdfe

    table = table_options_with_notes(session, opts)
    session.print(render_hdfe(result, linesize=session.linesize, options=table, noheader=bool(opts.get("noheader")),
                              notable=bool(opts.get("notable")), nofootnote=bool(opts.get("nofootnote"))))


def _residual_name(ds, opts) -> str | None:
    """residuals(newvar) / resid: the variable e(resid) names (checked before the fit)."""
    if "residuals" not in opts:
        return None
    typed = opts["residuals"]
    if not isinstance(typed, str) or not typed.strip():  # resid / residuals without a name
        return "_reghdfe_resid"
    from mlmcli.syntax.varlist import check_new_name

    words = str(typed).split()
    if len(words) != 1:
        raise StataError("too many variables specified", 103)
    check_new_name(ds, words[0])
    return words[0]


def _check_weight_name(ds, exp: str) -> None:
    """reghdfe's ``unab exp : `exp', min(1) max(1)`` ("simple weights only"): one variable."""
    words = exp.split()
    if len(words) > 1:
        raise StataError("too many variables specified", 103)
    if not words or not re.fullmatch(r"[^\W\d]\w*", words[0]):
        raise StataError(f"{exp.strip()} invalid name", 198)
    ds.resolve(words[0])


def _absorb_suboptions(text: str) -> tuple[str, bool, bool]:
    """absorb(absvars [, savefe|generate replace]) (ms_parse_absvars): the absvars, whether
    every fixed effect is saved (as __hdfe#__ where no newvar= names it), whether existing
    target variables are replaced."""
    from mlmcli.syntax.options import read_options

    if "," not in text:
        return text, False, False
    body, rest = text.split(",", 1)
    sub = resolve_options(read_options(rest), [OptionSpec("savefe", 4), OptionSpec("generate", 1),
                                               OptionSpec("replace", None)])
    return body, bool(sub.get("savefe") or sub.get("generate")), bool(sub.get("replace"))


def _absorb_words(text: str) -> list[str]:
    """The absvars, ``newvar = absvar`` read as one word (ms_parse_absvars trims the blanks)."""
    return re.sub(r"\s*=\s*", "=", text.strip()).split()


def _check_targets(ds, targets: list, replace_targets: bool) -> None:
    """Each newvar must be new (``conf new var``) unless ``replace``; the __hdfe#__ of an
    earlier savefe are replaced, as reghdfe drops them when it starts."""
    from mlmcli.syntax.varlist import check_new_name

    named = [t for t in targets if t is not None]
    for target in named:  # one name for two fixed effects: the second would meet the first
        if named.count(target) > 1:
            raise StataError(f"variable {target} already defined", 110)
    for target in targets:
        if target is None or (target in ds.varnames and (replace_targets or re.fullmatch(r"__hdfe\d+__", target))):
            continue
        check_new_name(ds, target)


def _save_fixed_effects(ds, sample, d, codes, absvars, targets, weights, scale: float = 1.0) -> None:
    """d = y - xb - residual (xb with _cons), in y / ``scale``'s units (the fit's), split into
    the absorbed effects, saved in y's (missing past the largest double): one fixed effect is d
    itself (areg's ``predict, d``); with more, alternating projections from zero -- the first
    effect the (weighted) group mean of d minus the others, and so on to convergence -- fix the
    split, which the data identify only up to a constant moved between them."""
    w = np.ones(len(d)) if weights is None else np.asarray(weights, float)
    effects = [np.zeros(len(d)) for _ in codes]
    for _ in range(10000):
        change = 0.0
        for k, code in enumerate(codes):
            others = sum(effects[j] for j in range(len(codes)) if j != k)
            target = d - others
            with np.errstate(invalid="ignore", divide="ignore"):  # codes left empty by singletons
                mean = np.bincount(code, weights=w * target) / np.bincount(code, weights=w)
            new = mean[code]
            change = max(change, float(np.max(np.abs(new - effects[k]))) if len(new) else 0.0)
            effects[k] = new
        if change <= 1e-12 * max(1.0, float(np.max(np.abs(d))) if len(d) else 1.0) or len(codes) == 1:
            break
    for absvar, effect, target in zip(absvars, effects, targets):
        if target is None:
            continue
        values = np.full(ds.nobs, np.nan)
        with np.errstate(over="ignore", invalid="ignore"):
            values[sample] = np.where(np.abs(effect * scale) <= MAX_DOUBLE, effect * scale, np.nan)
        if target in ds.varnames:
            ds.drop_variables([target])
        ds.set_variable(target, values, vtype="double")
        ds.var_labels[target] = f"[FE] {absvar}"


def cmd_reghdfe(session, cmd) -> None:
    from mlmcli.commands.estimation.absorb_factors import absorb_text, factor_codes, intercept_factor, slope_word
    from mlmcli.commands.estimation.common import group_codes, weighted_sample
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.factor_variables import parse_terms, term_variables
    from mlmcli.panel.design import candidate_columns, design_with, estimable
    from mlmcli.panel.multiway_absorb import (COLLINEAR_TOL, collinear_with_fixed_effects, drop_singletons,
                                              fit_hdfe, partial_out, scaled_back)
    from mlmcli.ols import depvar_scale
    from mlmcli.results.hdfe import AbsorbedEffect, HdfeResult

    if not cmd.args.strip():
        from mlmcli.estimation.replay_level import rows_at_level

        e = replay_results(session, ("reghdfe",))
        opts = resolve_options(cmd.options, [OptionSpec("level", 1, takes_arg=True), *DISPLAY_OPTIONS])
        result = e.result
        if opts.get("level") is not None:  # the intervals at the replay's level (t on the df_r of the fit)
            level = confidence_level(opts, getattr(session, "level", 95.0))
            result = dataclasses.replace(result, level=level, coefs=rows_at_level(result.coefs, level, result.df_r))
        return _display(session, result, opts)
    ds = session.data
    opts = resolve_options(cmd.options, REGHDFE_OPTIONS)
    table_options(opts)  # _get_diopts while parsing: a bad cformat() is r(7) before the fit
    if opts.get("noabsorb"):
        raise StataError("option noabsorb not allowed; use regress", 198)
    if not opts.get("absorb"):
        raise StataError("option absorb() required", 198)
    absorb_words, save_all, replace_targets = _absorb_suboptions(absorb_text(str(opts["absorb"])))
    factors, absvars, targets = [], [], []
    for word in _absorb_words(absorb_words):
        target = None
        if "=" in word:  # newvar=absvar: the fixed effect saved under newvar
            target, word = (part.strip() for part in word.split("=", 1))
        if slope_word(word):
            raise StataError(f"absorb({word}): heterogeneous slopes are not available in mlm's reghdfe", 198)
        factors.append(intercept_factor(ds, word))  # var, i.var, i.a#i.b: one factor of the combinations
        absvars.append("#".join(factors[-1]))
        if target is None and save_all:
            target = f"__hdfe{len(absvars)}__"
        targets.append(target)
    if not absvars:  # absorb(,) or absorb(, savefe): suboptions and no absvar, as absorb() itself
        raise StataError("option absorb() required", 198)
    _check_targets(ds, targets, replace_targets)
    words = cmd.args.split()
    depvar = ds.resolve(words[0])
    terms = parse_terms(ds, " ".join(words[1:])) if len(words) > 1 else []
    vce, clustvar = _vce(ds, opts)
    resid_name = _residual_name(ds, opts)
    if cmd.weight is not None:
        _check_weight_name(ds, cmd.weight.exp)
    sample, w, wkind = weighted_sample(session, cmd, [depvar] + term_variables(terms),
                                       ("fweight", "aweight", "pweight"))
    if wkind == "pweight" and vce == "unadjusted":  # reghdfe.mata: pweights make the VCE robust
        vce = "robust"
    for v in list(dict.fromkeys(v for f in factors for v in f)) + ([clustvar] if clustvar else []):
        sample &= (ds.df[v].astype(str) != "").to_numpy() if ds.is_string(v) else ~np.isnan(ds.numeric(v))
    if not sample.any():
        raise StataError("no observations", 2000)
    codes = [factor_codes(ds, f, sample) for f in factors]
    keep_singletons = bool(opts.get("keepsingletons"))
    if keep_singletons:  # reghdfe.ado warns while parsing, before the fit's messages
        session.print("WARNING: Singleton observations not dropped; statistical significance is biased (link)")
        keep = np.ones(int(sample.sum()), dtype=bool)
    else:
        keep = drop_singletons(codes, w[sample] if wkind == "fweight" else None)
    dropped = int((~keep).sum())
    if dropped:
        session.print(f"(dropped {dropped} singleton observations)")
        rows = np.flatnonzero(sample)
        sample[rows[~keep]] = False
        codes = [c[keep] for c in codes]
    if sample.sum() <= 1:
        raise StataError("insufficient observations", 2001)
    layout, C = candidate_columns(ds, terms, sample)
    wfit = w[sample] if w is not None else None
    y = ds.numeric(depvar)[sample]
    ys = depvar_scale(y)  # a depvar past 2^480 is fitted as y / 2^j, the results scaled back
    # y and every candidate column partialled out once: the collinearity checks and the fit read them
    yC, iterations = partial_out(np.column_stack([y / ys, C]), codes, weights=wfit, weight_kind=wkind)
    swept, on_fixed_effects = collinear_with_fixed_effects(C, yC[:, 1:])
    names = [label.name for kind, label, _, _ in layout if kind not in ("base", "empty", "omitted")]
    for name in np.asarray(names, object)[on_fixed_effects]:
        session.print(f"note: {name} is probably collinear with the fixed effects "
                      f"(all partialled-out values are close to zero; tol = {COLLINEAR_TOL:.1e})")
    # the rank check on the partialled-out columns, as reghdfe's _rmcoll after partialling out
    keep_cols = estimable(swept, C, constant=False)
    # noCONstant (reghdfe 5/6 "for backward compatibility"): _cons is left out of e(b) and the
    # table, and the absorbed effects keep it (d = y - xb - resid with xb free of it)
    report_constant = not opts.get("noconstant")
    design = design_with(ds, terms, layout, C, keep_cols, report_constant)
    level = confidence_level(opts, getattr(session, "level", 95.0))
    cluster = group_codes(ds, clustvar, sample) if clustvar else None
    kept = np.r_[0, 1 + np.flatnonzero(keep_cols)]  # y's column and the kept candidates'
    scaled = fit_hdfe(y / ys, C[:, keep_cols], codes, cluster=cluster, robust=vce == "robust",
                      weights=wfit, weight_kind=wkind, swept=(yC[:, kept], iterations))
    out = scaled_back(scaled, ys)
    session.print(f"(MWFE estimator converged in {out['iterations']} iteration{'s' if out['iterations'] != 1 else ''})")
    for note in design.notes:
        session.print(note)
    b_rep, V_rep = (out["b"], out["V"]) if report_constant else (out["b"][:-1], out["V"][:-1, :-1])
    fit = HdfeFit(depvar, design.labels, b_rep, V_rep, out["df_r"], level, y)
    absorbed = tuple(AbsorbedEffect(v, c, r, n, x) for v, c, r, n, x in
                     zip(absvars, out["categories"], out["redundant"], out["nested"], out["exact"]))
    robust = vce != "unadjusted"
    result = HdfeResult(depvar=depvar, nobs=int(out["N"]), df_m=int(out["df_m"]), df_r=int(out["df_r"]),
                        F=out["F"], p=out["p"], r2=out["r2"], r2_a=out["r2_a"], r2_within=out["r2_within"],
                        rmse=out["rmse"], coefs=fit.coef_rows(), absorbed=absorbed, level=level, robust=robust,
                        cluster=(int(out["N_clust"]), clustvar) if clustvar else None)
    b, V = fit.e_matrices()
    scalars = {k: float(out[k]) for k in ("N", "df_m", "df_r", "df_a", "rss", "tss", "r2", "r2_a", "r2_within",
                                          "r2_a_within", "rmse", "F", "ll", "ll_0")}
    scalars["N_hdfe"] = float(len(absvars))
    scalars["N_hdfe_extended"] = float(len(absvars))  # no heterogeneous slopes: one effect per absvar
    scalars["drop_singletons"] = 0.0 if keep_singletons else 1.0
    scalars["num_singletons"] = float(dropped)
    scalars["report_constant"] = float(report_constant)
    if clustvar:
        scalars["N_clust"] = out["N_clust"]
    if wkind:
        scalars["sumweights"] = out["sum_w"]
    macros = {"cmd": "reghdfe", "cmdline": cmd.text or f"reghdfe {cmd.args}", "depvar": depvar,
              "absvars": " ".join(absvars), "extended_absvars": " ".join(absvars),
              "title": "HDFE Linear regression", "vce": vce,
              "properties": "b V", "predict": "reghdfe_p"}
    if wkind:
        macros["wtype"], macros["wexp"] = wkind, f"= {cmd.weight.exp.strip()}"
    robust_macros(macros, robust, clustvar)
    if resid_name:
        macros["resid"] = resid_name
        values = np.full(ds.nobs, np.nan)
        values[sample] = out["resid"]
        if resid_name in ds.varnames:  # resid's default name only (a typed one was checked new)
            ds.drop_variables([resid_name])
        ds.set_variable(resid_name, values, vtype="double")
        ds.var_labels[resid_name] = "Residuals"
    if any(targets):
        b_fit = np.asarray(scaled["b"])
        d = y / ys - scaled["resid"] - C[:, keep_cols] @ b_fit[:-1] - float(b_fit[-1]) * report_constant
        _save_fixed_effects(ds, sample, d, codes, absvars, targets, wfit, ys)
    session.e = EstimationResults(cmd="reghdfe", scalars=scalars, macros=macros, matrices={"b": b, "V": V},
                                  result=result, model=fit, sample=sample.copy(), title=macros["title"],
                                  design=design)
    session.e.stamp_sample(session.data)
    _display(session, result, opts)
