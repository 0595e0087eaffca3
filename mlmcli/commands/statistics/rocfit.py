"""``rocfit refvar classvar [if] [in] [fweight] [, level(#) nolog]`` ([R] rocfit): the binormal ROC
model fitted by maximum likelihood (numbers in ``mlmcli.classic_tests.roc_binormal``), shown as
rocfit.ado shows it, e() as it leaves them (b: intercept:_cons slope:_cons /cut#; area, se_area,
deltam, se_delm, de, se_de, da, se_da, chi2_gf, df_gf, p_gf).  Typing ``rocfit`` alone replays.
continuous(), generate(), from() and the other maximize options are not in mlmcli and are
refused by name.  The iteration log starts from rocfit.ado's starting values as its comments
describe them (see the engine); Stata's own least-squares start runs over rows its sort order
picks, so its Iteration 0 can differ from mlmcli's (the fit it converges to does not).
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, resolve_options

HELP = {"rocfit": "rocfit refvar classvar [if] [in] [fweight] [, level(#) nolog] : binormal ROC model"}
_OPTIONS = [OptionSpec(*row) for row in (
    ("level", 1, True), ("nolog", 4), ("log", 3), ("continuous", 4, True), ("generate", 1, True),
    ("from", 4, True), ("mlmethod", 3, True), ("mlopt", 5, True), ("iterate", 4, True))]


def cmd_rocfit(session, cmd) -> None:
    if not cmd.args.strip() and cmd.weight is None and not cmd.if_exp and not cmd.in_range:
        from mlmcli.estimation.active import replay_results

        e = replay_results(session, ("rocfit",))
        opts = resolve_options(cmd.options, [OptionSpec("level", 1, True)])
        return _display(session, e, confidence_level(opts, e.result.level))
    opts = resolve_options(cmd.options, _OPTIONS)
    for refused in ("continuous", "generate", "from", "mlmethod", "mlopt", "iterate"):
        if opts.get(refused) is not None:
            raise StataError(f"option {refused}() not supported by mlmcli for rocfit", 198)
    e = _fit(session, cmd, opts)
    session.e = e
    _display(session, e, e.result.level)


def _fit(session, cmd, opts):
    from mlmcli.classic_tests.roc_binormal import fit_binormal
    from mlmcli.commands.data.common import mark, weights
    from mlmcli.distributions import chi2 as chi2_dist
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.render.iteration_log import iteration_line
    from mlmcli.results.matrix import Matrix
    from mlmcli.syntax.varlist import counted_varlist

    ds = session.data
    names = counted_varlist(ds, cmd.args, 2, 2)
    for name in names:
        if ds.is_string(name):
            raise StataError("type mismatch", 109)
    refvar, classvar = names
    rows = mark(session, cmd, names)
    rows, w, _ = weights(session, cmd, rows, ("fweight",), default="fweight")
    d = ds.numeric(refvar)[rows]
    from mlmcli.roc_analysis import check_true_status

    check_true_status(refvar, d, 198)
    c = ds.numeric(classvar)[rows]
    w = np.ones(d.size) if w is None else w[rows]
    levels = np.unique(c)
    if levels.size > 20:
        raise StataError(f"variable {classvar[:12]} has over 20 unique values; use continuous(#) to group \n"
                         "into # categories or continuous(.) if variable is already categorical", 198)
    if levels.size < 2:
        raise StataError("unable to fit model; use roctab command", 498)
    k = np.searchsorted(levels, c)
    n0 = np.bincount(k[d == 0], weights=w[d == 0], minlength=levels.size)
    n1 = np.bincount(k[d == 1], weights=w[d == 1], minlength=levels.size)
    fit = fit_binormal(n0, n1)
    if not opts.get("nolog"):
        session.print("\nFitting binormal model:\n")
        for s in fit.steps:
            session.print(iteration_line(s.iteration, s.loglik, "log likelihood", s.note).rstrip())
    cols = ("intercept:_cons", "slope:_cons", *(f"/cut{i}" for i in range(1, levels.size)))
    p_gf = float(chi2_dist.sf(fit.chi2_gf, fit.df_gf)) if fit.df_gf > 0 else float("nan")
    (area, se_area), (deltam, se_delm), (de, se_de), (da, se_da) = fit.indices
    scalars = {"N": float(w.sum()), "ll": fit.ll, "k": float(fit.b.size), "chi2_gf": fit.chi2_gf,
               "df_gf": float(fit.df_gf), "p_gf": p_gf, "area": area, "se_area": se_area, "deltam": deltam,
               "se_delm": se_delm, "de": de, "se_de": se_de, "da": da, "se_da": se_da,
               "ic": float(len(fit.steps) - 1), "converged": float(fit.converged)}
    title = f"Binormal model of {refvar[:12]} on {classvar[:12]}"
    macros = {"cmd": "rocfit", "cmdline": (cmd.text or f"rocfit {cmd.args}").strip(), "depvar": f"{refvar} {classvar}",
              "title": title, "chi2type": "GOF"}
    if cmd.weight is not None:
        macros["wtype"], macros["wexp"] = "fweight", "= " + cmd.weight.exp
    e = EstimationResults(cmd="rocfit", scalars=scalars, macros=macros,
                          matrices={"b": Matrix(fit.b[None, :], ("y1",), cols), "V": Matrix(fit.V, cols, cols)},
                          model=None, sample=rows.copy(), title=title)
    e.result = _display_data(e, confidence_level(opts, getattr(session, "level", 95.0)), (tuple(n0), tuple(n1)))
    e.stamp_sample(session.data)
    return e


def _display_data(e, level, counts=()):
    from mlmcli.render.roc_binormal import RocfitDisplay
    from scipy.stats import norm

    s = e.scalars
    b = e.matrices["b"].values.ravel()
    V = e.matrices["V"].values
    alpha = float(norm.ppf(0.5 + level / 200))
    rows = []
    for j, name in enumerate(["intercept", "slope (*)", *(f"/cut{i}" for i in range(1, b.size - 1))]):
        se = float(np.sqrt(V[j, j]))
        z = (b[j] - (1.0 if j == 1 else 0.0)) / se
        rows.append((name, float(b[j]), se, z, float(2 * norm.cdf(-abs(z))), b[j] - alpha * se, b[j] + alpha * se))
    idx = tuple((name, s[est], s[se], s[est] - alpha * s[se], s[est] + alpha * s[se]) for name, est, se in (
        ("ROC area", "area", "se_area"), ("delta(m)", "deltam", "se_delm"), ("d(e)", "de", "se_de"),
        ("d(a)", "da", "se_da")))
    return RocfitDisplay(e.macros["title"], s["N"], s["chi2_gf"], int(s["df_gf"]), s["p_gf"], s["ll"], tuple(rows), 2,
                         idx, level, counts or e.result.counts)


def _display(session, e, level) -> None:
    r = e.result if level == e.result.level else _display_data(e, level)
    from mlmcli.render.roc_binormal import render_rocfit

    session.print(render_rocfit(r))
