"""``boxcox depvar [indepvars] [if] [in] [fweight] [, model(lhsonly) notrans(varlist) lrtest level(#)
nolog nologlr]`` ([R] boxcox): the left-hand-side Box-Cox model (numbers in ``mlmcli.box_cox``),
as boxcox.ado fits and shows it: "Fitting comparison model" (the constant alone, its own
theta), "Fitting full model", the header's LR test against the comparison model, the /theta
row, the scale-variant estimates and the LR tests of theta = -1, 0, 1; ``lrtest`` refits
without each regressor ("Fitting comparison models for LR tests").  model(rhsonly|lambda|
theta), noconstant, iweights and the maximize options other than nolog are not in mlmcli and
are refused by name.  Typing ``boxcox`` alone replays.
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
    if found[0] != "lhsonly":
        raise StataError(f"model({found[0]}) not supported by mlmcli for boxcox (only model(lhsonly))", 198)
    return found[0]


def cmd_boxcox(session, cmd) -> None:
    from mlmcli.estimation.active import replay_results

    if not cmd.args.strip() and cmd.weight is None and not cmd.if_exp and not cmd.in_range:
        e = replay_results(session, ("boxcox",))
        opts = resolve_options(cmd.options, [OptionSpec("level", 1, True)])
        return _display(session, e, confidence_level(opts, e.result.level))
    opts = resolve_options(cmd.options, _OPTIONS)
    _model(opts.get("model"))
    for refused in ("noconstant", "iterate", "from", "lstart"):
        if opts.get(refused) is not None and opts.get(refused) is not False:
            raise StataError(f"option {refused} not supported by mlmcli for boxcox", 198)
    e = _fit(session, cmd, opts)
    session.e = e
    _display(session, e, e.result.level)


def _fit(session, cmd, opts):
    from mlmcli.box_cox import fit_lhs, profile
    from mlmcli.commands.data.common import mark, weights
    from mlmcli.distributions import chi2 as chi2_dist
    from mlmcli.syntax.varlist import counted_varlist

    ds = session.data
    names = counted_varlist(ds, cmd.args, 1, None)
    notrans = counted_varlist(ds, opts["notrans"], 1, None) if opts.get("notrans") else []
    # model(lhsonly): boxcox.ado appends the indepvars to notrans(), so notrans() comes first
    depvar, regressors = names[0], [v for v in [*notrans, *names[1:]] if v != names[0]]
    regressors = list(dict.fromkeys(regressors))
    for name in [depvar, *regressors]:
        if ds.is_string(name):
            raise StataError("string variables not allowed in varlist;\n" + f"{name} is a string variable", 109)
    rows = mark(session, cmd, [depvar, *regressors])
    rows, w, _ = weights(session, cmd, rows, ("fweight",), default="fweight")
    if not rows.any():
        raise StataError("no observations", 2000)
    y = ds.numeric(depvar)[rows]
    if np.any(y <= 0):
        raise StataError(f"{depvar} contains observations that are not strictly positive", 411)
    w = np.ones(y.size) if w is None else w[rows]
    X = np.column_stack([*(ds.numeric(v)[rows] for v in regressors), np.ones(y.size)])
    if np.linalg.matrix_rank(X) < X.shape[1]:
        raise StataError("collinear regressors are not supported by mlmcli for boxcox", 198)
    log = ["Fitting comparison model"]  # boxcox.ado shows the headings even with nolog
    comparison = fit_lhs(y, X[:, -1:], w)
    log += _log_lines(comparison, opts.get("nolog"))
    full = fit_lhs(y, X, w)
    log += ["", "Fitting full model"] + _log_lines(full, opts.get("nolog"))
    lr = None
    if opts.get("lrtest"):
        log += ["", "Fitting comparison models for LR tests"]
        lr = []
        for j in range(len(regressors)):
            sub = fit_lhs(y, np.delete(X, j, axis=1), w)
            log += _log_lines(sub, opts.get("nologlr"))
            stat = 2 * (full.ll - sub.ll)
            lr.append((stat, float(chi2_dist.sf(stat, 1)), 1.0))
    restricted = []
    for label, theta in (("theta = -1", -1.0), ("theta =  0", 0.0), ("theta =  1", 1.0)):
        ll = profile(theta, y, X, w)[0]
        stat = 2 * (full.ll - ll)
        restricted.append((label, ll, stat, float(chi2_dist.sf(stat, 1))))
    for line in log:
        session.print(line)
    level = confidence_level(opts, getattr(session, "level", 95.0))
    return _results(session, cmd, depvar, regressors, rows, full, comparison, restricted, lr, level, w)


def _log_lines(fit, quiet) -> list[str]:
    from mlmcli.render.iteration_log import iteration_line

    if quiet:
        return []
    return [""] + [iteration_line(s.iteration, s.loglik, "log likelihood", s.note).rstrip() for s in fit.steps]


def _results(session, cmd, depvar, regressors, rows, full, comparison, restricted, lr, level, w):
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.results.matrix import Matrix

    names = (*regressors, "_cons", "_cons", "_cons")
    eqs = ("Notrans",) * (len(regressors) + 1) + ("theta", "sigma")
    b = np.array([*full.beta, full.theta, full.sigma])
    V = np.zeros((b.size, b.size))
    V[-2, -2] = full.var_theta
    cols = tuple(f"{q}:{n}" for q, n in zip(eqs, names))
    chi2 = 2 * (full.ll - comparison.ll)
    scalars = {"N": float(w.sum()), "ll": full.ll, "ll0": comparison.ll, "chi2": chi2, "df_m": float(b.size),
               "df_r": 3.0, "rank": 1.0, "ic": float(len(full.steps) - 1), "rc": 0.0 if full.converged else 430.0}
    for (label, ll, stat, p), key in zip(restricted, ("tm1", "t0", "t1")):
        scalars[f"ll_{key}"], scalars[f"chi2_{key}"], scalars[f"p_{key}"] = ll, stat, p
    macros = {"cmd": "boxcox", "cmdline": (cmd.text or f"boxcox {cmd.args}").strip(), "depvar": depvar,
              "model": "lhsonly", "lrtest": "lrtest" if lr is not None else "", "chi2type": "LR",
              "predict": "boxcox_p", "ntrans": "yes", "marginsnotok": "_ALL"}
    if cmd.weight is not None:
        macros["wtype"], macros["wexp"] = "fweight", "= " + cmd.weight.exp
    mats = {"b": Matrix(b[None, :], ("y1",), cols), "V": Matrix(V, cols, cols)}
    if lr is not None:
        lr_cols = tuple(f"Notrans:{n}" for n in regressors)
        mats["chi2m"] = Matrix(np.array([[c for c, _, _ in lr]]), ("y1",), lr_cols)
        mats["pm"] = Matrix(np.array([[p for _, p, _ in lr]]), ("y1",), lr_cols)
        mats["df"] = Matrix(np.array([[d for _, _, d in lr]]), ("y1",), lr_cols)
    e = EstimationResults(cmd="boxcox", scalars=scalars, macros=macros, matrices=mats, model=None,
                          sample=rows.copy(), title="Box-Cox regression")
    e.result = _display_data(e, list(regressors), full, restricted, lr, level)
    e.stamp_sample(session.data)
    return e


def _display_data(e, regressors, full, restricted, lr, level):
    from mlmcli.distributions import chi2 as chi2_dist
    from mlmcli.postest.coefficient_rows import rows_from_estimates
    from mlmcli.render.box_cox import BoxCoxDisplay

    class _Label:  # one plain row named /theta
        name, term, level, base, omitted = "/theta", None, None, False, False

    (row,) = rows_from_estimates((_Label(),), np.array([full.theta]), np.array([[full.var_theta]]), level)
    s = e.scalars
    df = int(s["df_m"] - s["df_r"])
    return BoxCoxDisplay(e.macros["depvar"], s["N"], s["ll"], s["chi2"], df, float(chi2_dist.sf(s["chi2"], df)),
                         row, tuple(zip([*regressors, "_cons"], map(float, full.beta))), full.sigma,
                         tuple(restricted), None if lr is None else tuple(lr), level)


def _display(session, e, level) -> None:
    from dataclasses import replace

    from mlmcli.postest.coefficient_rows import rows_from_estimates
    from mlmcli.render.box_cox import render_box_cox

    r = e.result
    if level != r.level:
        b = e.matrices["b"].values.ravel()
        V = e.matrices["V"].values
        (row,) = rows_from_estimates((type("L", (), {"name": "/theta", "term": None, "level": None, "base": False,
                                                     "omitted": False})(),), b[-2:-1], V[-2:-1, -2:-1], level)
        r = replace(r, theta_row=row, level=level)
    session.print(render_box_cox(r, linesize=session.linesize))
