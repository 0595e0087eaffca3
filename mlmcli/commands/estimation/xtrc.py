"""``xtrc``: Swamy's random-coefficients regression ([XT] xtrc).

    xtrc depvar indepvars [if] [in] [, noconstant offset(varname) i(varname) t(varname)
         betas level(#) vce(conventional) display_options]

As xtrc.ado: the regressors pass _rmcoll on the sample; panels with no more rows than
coefficients are dropped (``Note: # obs. dropped (panels too small)``); every panel's OLS fit
must keep all regressors (else xtrc.ado's ErrOut, r(498)).  Engine:
``mlmcli.panel.random_coefficients``; layout: ``mlmcli.render.random_coefficients``.  The
command typed alone replays (``level()``, ``betas`` and the display options).  ``predict``
gives xb (default, with the offset) and stdp; xtrc_p's ``group(#)`` (a panel's own
coefficients) is refused.  ``vce(bootstrap)``/``vce(jackknife)`` (xtrc's _vce_parserun) are
not available.
"""
from __future__ import annotations

import dataclasses

import numpy as np

from mlmcli.commands.estimation.common import display_option_specs, table_options_with_notes
from mlmcli.errors import StataError
from mlmcli.postest.linear_prediction import LinearIndexPredictions
from mlmcli.syntax.options import OptionSpec, confidence_level, resolve_options

HELP = "xtrc depvar indepvars [if] [in] [, noconstant offset(varname) betas level(#)] : random-coefficients model"

_OPTIONS = [OptionSpec("i", 1, takes_arg=True), OptionSpec("t", 1, takes_arg=True), OptionSpec("noconstant", 6),
            OptionSpec("offset", 3, takes_arg=True), OptionSpec("level", 1, takes_arg=True),
            OptionSpec("betas", 4), OptionSpec("vce", 3, takes_arg=True), *display_option_specs()]
_REPLAY_OPTIONS = [OptionSpec("level", 1, takes_arg=True), OptionSpec("betas", 4), *display_option_specs()]


@dataclasses.dataclass
class RandomCoefficientsPredictions(LinearIndexPredictions):
    """xtrc_p's xb (x b + offset) and stdp."""

    b: np.ndarray
    V: np.ndarray
    offset: str | None = None
    predict_default_note = "(option xb assumed; fitted values)"

    def predict_options(self) -> tuple:
        return (("xb", 2, "Linear prediction"), ("stdp", 4, "S.E. of the prediction"))

    def predict_from_index(self, statistic: str, xb: np.ndarray, rows) -> np.ndarray:
        if self.offset:
            xb = xb + rows.variable(self.offset)
        return xb


def cmd_xtrc(session, cmd) -> None:
    if not cmd.args.strip() and cmd.if_exp is None and cmd.in_range is None and cmd.weight is None:
        from mlmcli.estimation.active import replay_results

        e = replay_results(session, ("xtrc",))
        display(session, e, resolve_options(cmd.options, _REPLAY_OPTIONS))
        return
    _fit(session, cmd)


def _read(session, cmd):
    from mlmcli.commands.estimation.common import depvar_and_terms
    from mlmcli.commands.estimation.panel_common import panel_variable
    from mlmcli.factor_variables import build_design
    from mlmcli.sample import mark_sample

    ds = session.data
    if cmd.weight is not None:
        raise StataError("weights not allowed", 101)
    opts = resolve_options(cmd.options, _OPTIONS)
    table_options_with_notes(session, opts)  # _get_diopts first: a bad format fits nothing
    vce = str(opts.get("vce") or "conventional").strip()
    if vce != "conventional":  # _vce_parse, opt(CONVENTIONAL): the full word
        if vce.split(",")[0].strip() in ("bootstrap", "boot", "bs", "jackknife", "jack", "jknife"):
            raise StataError(f"vce({vce}) is not available with xtrc in mlmcli", 198)
        from mlmcli.syntax.options import read_vce

        read_vce(vce, (("conventional", 12),))  # refuses: vcetype 'word' not allowed / invalid vce() option
    level = confidence_level(opts, getattr(session, "level", 95.0))
    depvar, terms = depvar_and_terms(session, cmd.args)
    ivar = panel_variable(session, opts.get("i"))
    tvar = None
    if opts.get("t") is not None:
        tvar = ds.resolve(str(opts["t"]).strip())
    else:
        from mlmcli.commands.estimation.panel_common import time_variable

        tvar = time_variable(session) or None
    offset = ds.resolve(str(opts["offset"]).strip()) if opts.get("offset") else None
    from mlmcli.factor_terms import term_variables

    names = [depvar] + term_variables(terms)
    sample = np.asarray(mark_sample(session, cmd, names + ([offset] if offset else [])
                                    + ([tvar] if opts.get("t") is not None else [])), bool)
    sample &= np.asarray(mark_sample(session, cmd, [ivar], strok=True), bool)
    constant = not opts.get("noconstant")
    design = build_design(ds, terms, sample, constant=constant)
    return opts, level, depvar, ivar, tvar, offset, sample, design


def _fit(session, cmd) -> None:
    from mlmcli.panel.random_coefficients import PanelCollinear, fit_random_coefficients

    ds = session.data
    opts, level, depvar, ivar, tvar, offset, sample, design = _read(session, cmd)
    for note in design.notes:
        session.print(note)
    X = np.asarray(design.X, float)
    k = X.shape[1]
    if not np.any(sample):
        raise StataError("no observations", 2000)
    codes = np.unique(np.asarray(ds.df[ivar])[sample], return_inverse=True)[1].ravel()
    sizes = np.bincount(codes)
    big = sizes[codes] > k  # xtrc.ado: a panel needs more observations than coefficients
    if not big.all():
        session.print(f"Note: {int((~big).sum())} obs. dropped (panels too small)")
    if not big.any():
        raise StataError("no observations", 2000)
    kept = np.flatnonzero(sample)[big]
    sample = np.zeros_like(sample)
    sample[kept] = True
    X = X[big]
    codes = np.unique(codes[big], return_inverse=True)[1].ravel()
    if codes.max() < 1:  # one panel: Sigma's 1/(m - 1) is missing in xtrc.ado (mlm's refusal)
        raise StataError("insufficient observations", 2001)
    y = ds.numeric(depvar)[sample]
    if offset:
        y = y - ds.numeric(offset)[sample]
    try:
        fit = fit_random_coefficients(y, X, codes)
    except PanelCollinear:
        raise StataError("variables dropped due to collinearity. xtrc requires that you be able to fit\n"
                         "OLS regression to each panel without dropping variables due to collinearity.",
                         498) from None
    e = _estimation_results(session, cmd, fit, design, depvar, ivar, tvar, offset, sample, codes, level)
    e.stamp_sample(ds)
    session.e = e
    display(session, e, opts)


def _group_rows(fit, labels, level):
    """Each panel's rows of the betas table (estimable coefficients only)."""
    from mlmcli.mixed.inference import fixed_rows

    k = fit.beta_ps.shape[1]
    est = tuple(lab for lab in labels if not (lab.base or lab.omitted))
    out = []
    for g in range(fit.beta_ps.shape[0]):
        V = fit.V_ps[g].reshape(k, k, order="F")
        out.append(fixed_rows(est, fit.beta_ps[g], V, level))
    return tuple(out)


def _result(e, level: float):
    from mlmcli.distributions import chi2 as chi2_dist
    from mlmcli.mixed.inference import fixed_rows
    from mlmcli.results.random_coefficients import RandomCoefficientsResult

    s = e.scalars
    fit = e.model.fit
    labels = e.model.labels
    est = [j for j, lab in enumerate(labels) if not (lab.base or lab.omitted)]
    b = e.matrices["b"].values.ravel()[est]
    V = e.matrices["V"].values[np.ix_(est, est)]
    chi2 = s.get("chi2", float("nan"))
    df_m = int(s["df_m"])
    return RandomCoefficientsResult(
        depvar=e.macros["depvar"], ivar=e.macros["ivar"], nobs=int(s["N"]), n_groups=int(s["N_g"]),
        g_min=s["g_min"], g_avg=s["g_avg"], g_max=s["g_max"], rows=fixed_rows(labels, b, V, level),
        wald_chi2=chi2, wald_df=df_m, wald_p=float(chi2_dist.sf(chi2, df_m)) if df_m else float("nan"),
        chi2_c=s["chi2_c"], df_c=int(s["df_chi2c"]), p_c=float(chi2_dist.sf(s["chi2_c"], s["df_chi2c"])),
        level=level, groups=_group_rows(fit, labels, level), offset=e.macros.get("offset"))


@dataclasses.dataclass
class _Stored:
    """What the replay needs beyond e(): the fit (betas) and the design's labels."""

    fit: object
    labels: tuple
    predictions: RandomCoefficientsPredictions

    def predict(self, statistic, rows):
        return self.predictions.predict(statistic, rows)

    def predict_options(self):
        return self.predictions.predict_options()

    predict_default_note = RandomCoefficientsPredictions.predict_default_note


def _estimation_results(session, cmd, fit, design, depvar, ivar, tvar, offset, sample, codes, level):
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.mixed.inference import wald_test
    from mlmcli.results.matrix import Matrix

    labels = tuple(design.labels)
    names = tuple(lab.name for lab in labels)
    est = [j for j, lab in enumerate(labels) if not (lab.base or lab.omitted)]
    b = np.zeros(len(names))
    b[est] = fit.b
    V = np.zeros((len(names), len(names)))
    V[np.ix_(est, est)] = fit.V
    est_names = tuple(names[j] for j in est)
    chi2, df_m, _ = wald_test(labels, fit.b, fit.V)
    sizes = np.bincount(codes)
    scalars = {"N": float(len(codes)), "N_g": float(len(sizes)), "g_min": float(sizes.min()),
               "g_avg": float(sizes.mean()), "g_max": float(sizes.max()), "chi2_c": fit.chi2_c,
               "df_chi2c": float(fit.df_c), "rank": float(np.linalg.matrix_rank(fit.V)), "df_m": float(df_m)}
    if df_m:
        scalars["chi2"] = chi2
    macros = {"cmd": "xtrc", "cmdline": (cmd.text or "xtrc").strip(), "depvar": depvar, "ivar": ivar,
              "title": "Random-coefficients regression", "chi2type": "Wald", "vce": "conventional",
              "predict": "xtrc_p", "properties": "b V", "marginsnotok": "GRoup(passthru) STDP"}
    if tvar:
        macros["tvar"] = tvar
    if offset:
        macros["offset"] = offset
    m, k = fit.beta_ps.shape
    vps_names = tuple(f"{a}:{c}" for c in est_names for a in est_names)
    matrices = {"b": Matrix(b[None, :], ("y1",), names), "V": Matrix(V, names, names),
                "Sigma": Matrix(fit.Sigma, est_names, est_names),
                "beta_ps": Matrix(fit.beta_ps, tuple(f"r{g + 1}" for g in range(m)), est_names),
                "V_ps": Matrix(fit.V_ps, tuple(f"r{g + 1}" for g in range(m)), vps_names)}
    predictions = RandomCoefficientsPredictions(fit.b, fit.V, offset)
    e = EstimationResults(cmd="xtrc", scalars=scalars, macros=macros, matrices=matrices,
                          sample=np.asarray(sample, bool), title=macros["title"],
                          model=_Stored(fit, labels, predictions), design=design)
    e.result = _result(e, level)
    return e


def display(session, e, opts: dict) -> None:
    from mlmcli.render.random_coefficients import render_xtrc

    result = e.result
    level = confidence_level(opts, result.level)
    if level != result.level:
        result = _result(e, level)
    table = table_options_with_notes(session, opts)
    session.print(render_xtrc(result, linesize=session.linesize, options=table, betas=bool(opts.get("betas"))))


def replay(session, e) -> None:
    display(session, e, {})
