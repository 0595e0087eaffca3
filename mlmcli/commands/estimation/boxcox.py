"""``boxcox depvar [indepvars] [if] [in] [fweight] [, model(lhsonly|rhsonly|lambda|theta) notrans(varlist)
lrtest level(#) nolog nologlr]`` ([R] boxcox; numbers in ``mlmcli.box_cox``), as boxcox.ado fits
and shows it: "Fitting comparison model" (the constant alone with its own theta; rhsonly: the
constant-only regression, no log), "Fitting full model", the header's LR test against the
comparison model, the /lambda and /theta rows, the scale-variant estimates (Notrans, Trans) and
the LR tests of the powers at -1, 0, 1; ``lrtest`` refits without each regressor ("Fitting
comparison models for LR tests").  noconstant, iweights and the maximize options other than
nolog are not in mlmcli and are refused by name.  Typing ``boxcox`` alone replays.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, resolve_options

HELP = {"boxcox": "boxcox depvar [indepvars] [if] [in] [fweight] [, model(lhsonly) notrans(varlist) lrtest level(#)]"
                  " : Box-Cox regression of the dependent variable"}
_OPTIONS = [OptionSpec(*row) for row in (
    ("model", 5, True), ("notrans", 4, True), ("lrtest", 6), ("level", 1, True), ("nolog", 4), ("log", 3),
    ("nologlr", 7), ("noconstant", 6), ("iterate", 4, True), ("from", 4, True), ("lstart", 2, True))]


def _model(text) -> str:
    from mlmcli.syntax.abbreviation import resolve_choice

    words = str(text or "").split()
    if not words:
        return "lhsonly"
    found = [resolve_choice(w.lower(), [("lhsonly", 3), ("rhsonly", 3), ("lambda", 3), ("theta", 5)]) for w in words]
    if None in found:
        raise StataError(f"option {words[found.index(None)]} not allowed", 198)
    if len(found) > 1:
        raise StataError("model specifications are mutually exclusive:  specify only one model", 198)
    return found[0]


def cmd_boxcox(session, cmd) -> None:
    from mlmcli.estimation.active import replay_results

    if not cmd.args.strip() and cmd.weight is None and not cmd.if_exp and not cmd.in_range:
        e = replay_results(session, ("boxcox",))
        opts = resolve_options(cmd.options, [OptionSpec("level", 1, True)])
        return _display(session, e, confidence_level(opts, e.result.level))
    opts = resolve_options(cmd.options, _OPTIONS)
    opts["model"] = _model(opts.get("model"))
    for refused in ("noconstant", "iterate", "from", "lstart"):
        if opts.get(refused) is not None and opts.get(refused) is not False:
            raise StataError(f"option {refused} not supported by mlmcli for boxcox", 198)
    e = _fit(session, cmd, opts)
    session.e = e
    _display(session, e, e.result.level)


def _fit(session, cmd, opts):
    from mlmcli.box_cox import fit, profile
    from mlmcli.commands.data.common import mark, weights
    from mlmcli.syntax.varlist import counted_varlist

    ds = session.data
    model = opts["model"]
    confidence_level(opts, getattr(session, "level", 95.0))  # syntax's cilevel: refused before any fit
    names = counted_varlist(ds, cmd.args, 1, None)
    notrans = counted_varlist(ds, opts["notrans"], 1, None) if opts.get("notrans") else []
    depvar, indep = names[0], list(dict.fromkeys(names[1:]))
    if model == "lhsonly":  # boxcox.ado appends the indepvars to notrans(): notrans() first
        untrans, trans = list(dict.fromkeys([*notrans, *indep])), []
    else:
        untrans, trans = [v for v in dict.fromkeys(notrans) if v not in indep], indep
        if not trans:
            raise StataError("Model not identified\nNo transformed variables leaves lambda unidentified\n"
                             "Specify lhsonly model or transformed variables", 102)
    for name in [depvar, *untrans, *trans]:
        if ds.is_string(name):
            raise StataError("string variables not allowed in varlist;\n" + f"{name} is a string variable", 109)
    rows = mark(session, cmd, [depvar, *untrans, *trans])
    rows, w, _ = weights(session, cmd, rows, ("fweight",), default="fweight")
    if not rows.any():
        raise StataError("no observations", 2000)
    checked = {"lhsonly": [depvar], "rhsonly": trans}.get(model, [depvar, *trans])
    for name in checked:
        if np.any(ds.numeric(name)[rows] <= 0):
            raise StataError(f"{name} contains observations that are not strictly positive", 411)
    y = ds.numeric(depvar)[rows]
    w = np.ones(y.size) if w is None else w[rows]
    Xn = np.column_stack([ds.numeric(v)[rows] for v in untrans]) if untrans else np.zeros((y.size, 0))
    Xt = np.column_stack([ds.numeric(v)[rows] for v in trans]) if trans else np.zeros((y.size, 0))
    if y.size <= Xn.shape[1] + Xt.shape[1] + 1:
        # _rmcoll would drop what the few rows cannot tell apart; the fit is then perfect, and
        # boxcox.ado's ml init(1) meets ln(0) at its start (as `boxcox y in 2/2` does)
        raise StataError("initial values not feasible", 1400)
    if np.linalg.matrix_rank(np.column_stack([Xn, Xt, np.ones(y.size)])) < Xn.shape[1] + Xt.shape[1] + 1:
        raise StataError("collinear regressors are not supported by mlmcli for boxcox", 198)
    quiet, quiet_lr = bool(opts.get("nolog")), bool(opts.get("nologlr"))
    empty = np.zeros((y.size, 0))
    log = []
    if model == "rhsonly":  # the constant-only regression (boxcox.ado's closed form)
        ll0, df0 = profile(None, None, y, empty, empty, w)[0], 2
    else:
        log.append("Fitting comparison model")
        comparison = fit("lhsonly", y, empty, empty, w)
        log += _log_lines(comparison, quiet)
        ll0, df0 = comparison.ll, 3
    full = fit(model, y, Xn, Xt, w)
    log += ["", "Fitting full model"] + _log_lines(full, quiet)
    lr = _lr_tests(model, y, Xn, Xt, w, trans, full, quiet_lr, log) if opts.get("lrtest") else None
    restricted = []
    labels = {"lhsonly": "theta", "rhsonly": "lambda", "lambda": "lambda", "theta": "theta=lambda"}[model]
    for value, text in ((-1.0, "-1"), (0.0, " 0"), (1.0, " 1")):
        theta = None if model == "rhsonly" else value
        lam = None if model == "lhsonly" else value
        ll = profile(theta, lam, y, Xn, Xt, w)[0]
        restricted.append((f"{labels} = {text}", ll, 2 * (full.ll - ll), _chi2_p(2 * (full.ll - ll), 1)))
    for line in log:
        session.print(line)
    level = confidence_level(opts, getattr(session, "level", 95.0))
    return _results(session, cmd, depvar, model, untrans, trans, rows, full, ll0, df0, restricted, lr, level, w)


def _chi2_p(stat: float, df: int) -> float:
    from mlmcli.distributions import chi2 as chi2_dist

    return float(chi2_dist.sf(stat, df))


def _lr_tests(model, y, Xn, Xt, w, trans, full, quiet, log) -> list:
    """boxcox.ado's lrtest: the model refitted without each regressor (untransformed ones first);
    with a single transformed regressor, rhsonly's restricted model is a linear regression and
    theta's a left-hand-side model (2 df, the p-value's; e(df) still says 1)."""
    from mlmcli.box_cox import fit, profile

    log += ["", "Fitting comparison models for LR tests"]
    out = []
    for j in range(Xn.shape[1]):
        sub = fit(model, y, np.delete(Xn, j, axis=1), Xt, w)
        log += _log_lines(sub, quiet)
        out.append((2 * (full.ll - sub.ll), _chi2_p(2 * (full.ll - sub.ll), 1), 1.0))
    for j, name in enumerate(trans):
        rest = np.delete(Xt, j, axis=1)
        dfs = 1
        if len(trans) == 1 and model == "rhsonly":
            log += ["", f"Comparison model for LR test on {name} is a linear regression.",
                    "Lambda is not identified in the restricted model."]
            ll = profile(None, None, y, Xn, rest, w)[0]
            dfs = 2
        elif len(trans) == 1 and model == "theta":
            log += ["", f"Comparison model for {name} is left-hand side only.", "Lambda is not identified in the ",
                    "restricted model."]
            sub = fit("lhsonly", y, Xn, rest, w)
            log += _log_lines(sub, quiet)
            ll, dfs = sub.ll, 2
        else:
            sub = fit(model, y, Xn, rest, w)
            log += _log_lines(sub, quiet)
            ll = sub.ll
        out.append((2 * (full.ll - ll), _chi2_p(2 * (full.ll - ll), dfs), 1.0))
    return out


def _log_lines(fit, quiet) -> list[str]:
    from mlmcli.render.iteration_log import iteration_line

    if quiet:
        return []
    return [""] + [iteration_line(s.iteration, s.loglik, "log likelihood", s.note).rstrip() for s in fit.steps]


def _results(session, cmd, depvar, model, untrans, trans, rows, full, ll0, df0, restricted, lr, level, w):
    from mlmcli.box_cox import PARAMETERS
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.results.matrix import Matrix

    params = PARAMETERS[model]
    nn = len(untrans)
    beta = full.beta  # untransformed, transformed, constant
    b = np.array([*beta[:nn], beta[-1], *beta[nn:-1], *full.params, full.sigma])
    cols = (*(f"Notrans:{v}" for v in untrans), "Notrans:_cons", *(f"Trans:{v}" for v in trans),
            *(f"{q}:_cons" for q in params), "sigma:_cons")
    V = np.zeros((b.size, b.size))
    k = len(params)
    V[-1 - k:-1, -1 - k:-1] = full.V
    chi2 = 2 * (full.ll - ll0)
    scalars = {"N": float(w.sum()), "ll": full.ll, "ll0": ll0, "chi2": chi2, "df_m": float(b.size),
               "df_r": float(df0), "rank": float(k), "ic": float(len(full.steps) - 1),
               "rc": 0.0 if full.converged else 430.0}
    for (_, ll, stat, p), key in zip(restricted, ("tm1", "t0", "t1")):
        scalars[f"ll_{key}"], scalars[f"chi2_{key}"], scalars[f"p_{key}"] = ll, stat, p
    macros = {"cmd": "boxcox", "cmdline": (cmd.text or f"boxcox {cmd.args}").strip(), "depvar": depvar,
              "model": model, "lrtest": "lrtest" if lr is not None else "", "chi2type": "LR",
              "predict": "boxcox_p", "ntrans": "yes", "marginsnotok": "_ALL"}
    if cmd.weight is not None:
        macros["wtype"], macros["wexp"] = "fweight", "= " + cmd.weight.exp
    mats = {"b": Matrix(b[None, :], ("y1",), cols), "V": Matrix(V, cols, cols)}
    if lr is not None:  # boxcox.ado labels the columns Trans only for rhsonly
        eq = "Trans" if model == "rhsonly" else "Notrans"
        lr_cols = (*(f"Notrans:{v}" for v in untrans), *(f"{eq}:{v}" for v in trans))
        for key, j in (("chi2m", 0), ("pm", 1), ("df", 2)):
            mats[key] = Matrix(np.array([[row[j] for row in lr]]), ("y1",), lr_cols)
    e = EstimationResults(cmd="boxcox", scalars=scalars, macros=macros, matrices=mats, model=None,
                          sample=rows.copy(), title="Box-Cox regression")
    e.result = _display_data(e, model, untrans, trans, full, restricted, lr, level)
    e.stamp_sample(session.data)
    return e


def _power_rows(params, values, V, level):
    from mlmcli.postest.coefficient_rows import rows_from_estimates

    labels = tuple(type("Label", (), {"name": f"/{q}", "term": None, "level": None, "base": False,
                                      "omitted": False})() for q in params)
    return tuple(rows_from_estimates(labels, np.asarray(values, float), np.asarray(V, float), level))


def _display_data(e, model, untrans, trans, full, restricted, lr, level):
    from mlmcli.box_cox import PARAMETERS
    from mlmcli.render.box_cox import BoxCoxDisplay

    s = e.scalars
    df = int(s["df_m"] - s["df_r"])
    nn = len(untrans)
    beta = [float(v) for v in full.beta]
    return BoxCoxDisplay(e.macros["depvar"], model, s["N"], s["ll"], s["chi2"], df, _chi2_p(s["chi2"], df),
                         _power_rows(PARAMETERS[model], full.params, full.V, level),
                         tuple(zip([*untrans, "_cons"], [*beta[:nn], beta[-1]])), tuple(zip(trans, beta[nn:-1])),
                         full.sigma, tuple(restricted), None if lr is None else tuple(lr), level)


def _display(session, e, level) -> None:
    from dataclasses import replace

    from mlmcli.box_cox import PARAMETERS
    from mlmcli.render.box_cox import render_box_cox

    r = e.result
    if level != r.level:
        k = len(PARAMETERS[r.model])
        b = e.matrices["b"].values.ravel()
        V = e.matrices["V"].values
        r = replace(r, power_rows=_power_rows(PARAMETERS[r.model], b[-1 - k:-1], V[-1 - k:-1, -1 - k:-1], level),
                    level=level)
    from mlmcli.commands.estimation.common import display_formats

    # boxcox takes no cformat() (its syntax: level() alone); set cformat reaches _diparm's limits
    session.print(render_box_cox(r, linesize=session.linesize, formats=display_formats({})))
