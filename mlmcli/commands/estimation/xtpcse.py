"""``xtpcse`` ([XT] xtpcse): linear regression with panel-corrected standard errors.

    xtpcse depvar [indepvars] [if] [in] [, correlation(independent|ar1|psar1) hetonly independent
           noconstant rhotype(regress|freg|tscorr|dw) np1 casewise pairwise nmk level(#) display_options]

Engine ``panel.pcse``; layout ``render.pcse_display`` (xtpcse.ado's Display).  The data must be
xtset with a time variable (``_xt, trequired``).  e(): N, N_g, g_min/avg/max, r2, chi2, df, p,
n_cf, n_cr, n_cv, n_sigma (casewise), N_gaps, rc; b, V, Sigma, rhomat; cmd, title, panels,
balance, corr, rhotype, vcetype, ivar, tvar, depvar, missmeth.  Not taken (refused with r(101)
"weights not allowed", a decision of this implementation: xtpcse.ado allows iweights and
aweights): weights; ``detail`` (the list of gaps) is not taken either.  rhotype(theil|nagar):
r(198) as the ado.  A gap prints tsreport's "Number of gaps in sample:" line (and, with an AR(1),
the note that rho restarts at each gap).
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.estimation.common import display_option_specs, table_options_with_notes
from mlmcli.commands.estimation.panel_gls_common import fit_options, posted_rows, replay_request
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level

_OPTIONS = [OptionSpec("correlation", 1, takes_arg=True), OptionSpec("hetonly", 3), OptionSpec("independent", 1),
            OptionSpec("noconstant", 6), OptionSpec("rhotype", 3, takes_arg=True), OptionSpec("np1", 3),
            OptionSpec("casewise", 2), OptionSpec("pairwise", 1), OptionSpec("nmk", 3),
            OptionSpec("level", 1, takes_arg=True), *display_option_specs()]
# _crcar1's names and minimal abbreviations: REGress FREG TSCorr DW (THeil, NAGar refused)
_RHOTYPES = {**{"regress"[:n]: "regress" for n in range(3, 8)}, **{"tscorr"[:n]: "tscorr" for n in range(3, 7)},
             "freg": "freg", "dw": "dw"}


def _corr(text: str | None) -> str:
    words = (text or "").lower().split()
    kinds = {w2 for w in words for w2, n in (("ar1", 2), ("psar1", 1), ("independent", 1)) if w2.startswith(w) and len(w) >= n}
    if len(words) > 1 or (words and not kinds):
        raise StataError("may only specify one from ar1, psar1, and independent in option corr()", 198)
    return kinds.pop() if kinds else "independent"


def _rhotype(text: str | None) -> str:
    word = (text or "regress").strip().lower()
    if "theil".startswith(word) and len(word) >= 2 or "nagar".startswith(word) and len(word) >= 3:
        raise StataError(f"invalid method for rhotype(), rhotype({word})", 198)
    if word not in _RHOTYPES:
        raise StataError(f"rhotype({word}) invalid", 198)
    return _RHOTYPES[word]


def cmd_xtpcse(session, cmd) -> None:
    replay = replay_request(session, cmd, "xtpcse")
    if replay is not None:
        return _display(session, *replay)
    opts = fit_options(cmd, _OPTIONS)
    if opts.get("hetonly") and opts.get("independent"):
        raise StataError("options hetonly and independent may not be specified together", 198)
    if opts.get("casewise") and opts.get("pairwise"):
        raise StataError("options casewise and pairwise are mutually exclusive", 198)
    e = _fit(session, cmd, opts)
    session.e = e
    _display(session, e, opts)


def _fit(session, cmd, opts):
    from mlmcli.commands.estimation.limited_dependent import depvar_and_terms
    from mlmcli.panel.time_settings import panel_setting, time_setting
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.commands.postestimation.margins_xb_only import LinearIndexModel
    import dataclasses

    from mlmcli.factor_variables import build_design, term_variables
    from mlmcli.panel.centred_fit import centred_design, restore_design
    from mlmcli.panel.pcse import fit_pcse
    from mlmcli.panel.time_settings import from_hex21
    from mlmcli.postest.coefficient_rows import coefficient_matrices, safe_rank
    from mlmcli.sample import mark_sample
    from mlmcli.results.matrix import Matrix as StataMatrix

    ds = session.data
    ivar, tvar = panel_setting(ds), time_setting(ds)
    if not ivar:
        raise StataError("panel variable not set; use xtset varname ...", 459)
    if not tvar:
        raise StataError("must specify timevar; use xtset", 459)
    corr, rhotype = _corr(opts.get("correlation")), _rhotype(opts.get("rhotype"))
    depvar, terms = depvar_and_terms(ds, cmd.args)
    sample = np.asarray(mark_sample(session, cmd, [depvar, ivar, tvar] + term_variables(terms)), bool)
    if not sample.any():
        raise StataError("no observations", 2000)
    delta = from_hex21(ds.chars.get("_TSdelta"))
    gaps = _gaps(ds.numeric(ivar)[sample], ds.numeric(tvar)[sample], delta)
    if gaps:  # xtpcse.ado's tsreport, report panel
        session.print(f"\nNumber of gaps in sample:  {gaps}")
        if corr != "independent":
            session.print("(note: computations for rho restarted at each gap)")
    constant = not opts.get("noconstant")
    design = build_design(ds, terms, sample, constant=constant)
    for note in design.notes:
        session.print(note)
    y = ds.numeric(depvar)[sample]
    panel, time = ds.numeric(ivar)[sample], ds.numeric(tvar)[sample]
    try:
        Xc, grand, scale = centred_design(design.X, constant)  # a regressor near 1e9 is not the constant
        f = fit_pcse(y, Xc, panel, time, delta, corr=corr, rhotype=rhotype, np1=bool(opts.get("np1")),
                     hetonly=bool(opts.get("hetonly")), independent=bool(opts.get("independent")),
                     casewise=not opts.get("pairwise"), constant=constant)
        f = dataclasses.replace(f, **dict(zip(("b", "V"), restore_design(f.b, f.V, grand, scale, constant))))
    except LookupError:
        raise StataError("no time periods are common to all panels, cannot estimate disturbance\n"
                         "covariance matrix using casewise inclusion", 459) from None
    except ZeroDivisionError:
        raise StataError("model perfectly predicts dependent variable", 2001) from None
    except (ValueError, np.linalg.LinAlgError):
        raise StataError("no observations", 2001) from None
    if f.bounded:
        session.print("(note: estimates of rho outside [-1,1] bounded to be in the range [-1,1])")
    n, k = len(y), design.X.shape[1]
    V = f.V * n / (n - k) if opts.get("nmk") else f.V
    labels = [lab for lab in design.labels if not (lab.base or lab.omitted)]
    names = [lab.name for lab in labels]
    chi2, df, p = _model_test(names, f.b, V)
    codes, sizes = np.unique(panel, return_counts=True)
    balance = _balance(panel, time)
    M = len(codes)
    panels, vcetype = (("heteroskedastic", "Het-corrected") if opts.get("hetonly") else
                       ("independent", "Indep-corrected") if opts.get("independent") else
                       ("correlated", "Panel-corrected"))
    prefix = "Linear regression," if corr == "independent" else "Prais-Winsten regression,"
    title = f"{prefix} {panels} panels corrected standard errors" + (" (PCSEs)" if panels == "correlated" else "")
    n_cr = 0 if corr == "independent" else (1 if corr == "ar1" else M)
    b_mat, V_mat = coefficient_matrices(design.labels, f.b, V)
    scalars = {"N": float(n), "N_g": float(M), "g_min": float(sizes.min()), "g_avg": float(sizes.mean()),
               "g_max": float(sizes.max()), "r2": f.r2, "chi2": chi2, "df": float(df), "p": p, "n_cf": float(k),
               "n_cr": float(n_cr), "n_cv": float({"heteroskedastic": M, "independent": 1}.get(panels, M * (M + 1) // 2)),
               "N_gaps": float(gaps), "rc": 0.0, "rank": float(safe_rank(V))}
    missmeth = ""
    if f.n_sigma is not None and panels == "correlated":
        scalars["n_sigma"] = f.n_sigma
        missmeth = "casewise"
    elif panels == "correlated":
        missmeth = "pairwise"
    macros = {"cmd": "xtpcse", "cmdline": (cmd.text or f"xtpcse {cmd.args}").strip(), "depvar": depvar,
              "title": title, "panels": panels, "balance": balance, "corr": corr, "rhotype": rhotype if n_cr else "",
              "vcetype": vcetype, "ivar": ivar, "tvar": tvar, "chi2type": "Wald", "missmeth": missmeth,
              "predict": "xtpcse_p", "marginsok": "XB default", "properties": "b V",
              "cons": "" if constant else "noconstant"}
    matrices = {"b": b_mat, "V": V_mat, "Sigma": StataMatrix(f.sigma, [f"_{i}" for i in range(1, M + 1)],
                                                              [f"_{i}" for i in range(1, M + 1)])}
    if n_cr:
        rhos = f.rhos[:1] if n_cr == 1 else f.rhos
        matrices["rhomat"] = StataMatrix(rhos.reshape(1, -1), ["r1"], [f"c{i}" for i in range(1, len(rhos) + 1)])
        macros["rho"] = " ".join(format(v, ".15g") for v in rhos)
    e = EstimationResults(cmd="xtpcse", scalars=scalars, macros=macros, matrices=matrices,
                          model=LinearIndexModel(),
                          sample=sample, title=title, design=design)
    e.stamp_sample(session.data)
    return e


def _model_test(names, b, V) -> tuple[float, int, float]:
    """xtpcse.ado's ``qui test `varlist'``: e(chi2), e(df), e(p) are test's r().  A constraint V
    cannot test is dropped as test drops it (all the wave dummies with the constant: the PCSE
    meat has no variation in their directions, since the residuals sum to zero in each period),
    so the header shows Wald chi2(rank) with its value, not a missing one."""
    from mlmcli.panel.design import slopes_wald
    from mlmcli.postest.wald import Constraint, wald_test

    slopes = [j for j, name in enumerate(names) if name != "_cons"]
    if not slopes or not np.all(np.isfinite(V)):
        return slopes_wald(names, b, V)
    unit = np.eye(len(names))
    res = wald_test([Constraint(unit[j], 0.0) for j in slopes], b, V, [names[j] for j in slopes])
    return res.chi2, res.df, res.p


def _balance(panel, time) -> str:
    codes = np.unique(panel)
    first = set(time[panel == codes[0]].tolist())
    return "balanced" if all(set(time[panel == c].tolist()) == first for c in codes[1:]) else "unbalanced"


def _gaps(panel, time, delta) -> int:
    gaps = 0
    for c in np.unique(panel):
        t = np.sort(time[panel == c])
        gaps += int(np.count_nonzero(np.diff(t) > delta * (1 + 1e-9)))
    return gaps


def _display(session, e, opts) -> None:
    from types import SimpleNamespace

    from mlmcli.render.pcse_display import render_pcse

    s, m = e.scalars, e.macros
    level = confidence_level(opts, getattr(session, "level", 95.0))
    rows = posted_rows(e, level)
    rhos = e.matrices["rhomat"].values.ravel() if "rhomat" in e.matrices else np.zeros(0)
    r = SimpleNamespace(title=m["title"], ivar=m["ivar"], tvar=m["tvar"], panels=m["panels"], balance=m["balance"],
                        corr=m["corr"], missmeth=m["missmeth"], nobs=s["N"], n_groups=s["N_g"], g_min=s["g_min"],
                        g_avg=s["g_avg"], g_max=s["g_max"], r2=s["r2"], chi2=s["chi2"], df=int(s["df"]), p=s["p"],
                        n_cv=s["n_cv"], n_cr=int(s["n_cr"]), n_cf=s["n_cf"], rows=rows, level=level,
                        depvar=m["depvar"], vcetype=m["vcetype"], rhos=rhos)
    session.print(render_pcse(r, linesize=session.linesize, options=table_options_with_notes(session, opts)))
