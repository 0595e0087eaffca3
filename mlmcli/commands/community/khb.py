"""``khb model depvar keyvars || zvars [if] [in] [weight] [, options]`` (Kohler, Karlson and
Holm's SSC package, khb.ado 2.13 and its Mata library lkhb 0.5): the KHB decomposition of a
key variable's effect in a nonlinear model into the part the z-variables (mediators) carry and
the rest, with both models on one scale.

As khb.ado does, on the estimation sample (if/in, weight, no missing value in the model's
variables; a z-variable constant there is dropped with a note):

1. the helper regression ``sureg (zvars = keyvars concomitants)`` and each z's residual;
2. the full model ``model y keyvars zvars concomitants`` and the reduced model with the
   residuals in the z-variables' place (the same scale, KHB's point);
3. per key variable: Reduced, Full and Diff = Reduced - Full; Diff's variance is
   ``deriv * sigma * deriv'`` (lkhb's khb_deriv/khb_sigma: row i of deriv is sureg's
   coefficients of key variable i followed by the full model's z coefficients once per key
   variable, sigma block-diagonal: the full model's z block, then sureg's block of each key
   variable), e(V) the three variances on its diagonal;
4. ``summary``: the naive model without the z-variables; Conf_ratio = Reduced/Full,
   Conf_Pct = 100 (Reduced - Full)/Reduced, Resc_Fact = Reduced/Naive (e(ratio_x),
   e(pct_x), e(rescale_x));
5. ``disentangle``: z's part of key variable i's Diff, b_z gamma_zi, its standard error
   sqrt(var(gamma_zi) b_z^2 + var(b_z) gamma_zi^2), and its percent of Diff and of Reduced
   (e(disentangle), rows key:z).

mlm computes the KHB method only: ape (average partial effects), keep, xstandard,
zstandard, outcome() (mlogit), and khb.ado's suest path (a 0/1 z-variable, pweights or
vce()) are refused, as are factor variables among the key and z variables.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.results.matrix import Matrix
from mlmcli.syntax.options import OptionSpec, resolve_options, split_options

KHB_SPECS = [OptionSpec("concomitant", 1, takes_arg=True), OptionSpec("summary", 1), OptionSpec("ape", None),
             OptionSpec("disentangle", 1), OptionSpec("vce", None, takes_arg=True), OptionSpec("verbose", 1),
             OptionSpec("keep", 1), OptionSpec("or", None), OptionSpec("continuous", None),
             OptionSpec("notable", 3), OptionSpec("outcome", 3, takes_arg=True), OptionSpec("xstandard", 1),
             OptionSpec("zstandard", 1), OptionSpec("nopost", None)]
_REFUSED = {"ape": "average partial effects", "keep": "the residuals kept", "xstandard": "standardized key variables",
            "zstandard": "standardized z-variables", "outcome": "mlogit's outcome()"}
# khb.ado's typ2 list and regress (typ1): other models run with its "experimental" note
_SUPPORTED = ("regress", "logit", "ologit", "probit", "oprobit", "scobit", "cloglog", "clogit", "xtlogit", "xtprobit")
_NOT_HERE = ("mlogit", "slogit", "rologit")
_TOUSE = "__mlm_khb_touse"


def _typed(option) -> str:
    return option.name if option.arg is None else f"{option.name}({option.arg})"


def _parse(session, text: str):
    """(model, depvar, keyvars, zvars, if, in, weight, khb's options, the model's options)."""
    from mlmcli.commands import lookup
    from mlmcli.graphs.syntax import split_if_in, split_weight
    from mlmcli.textscan import find_top

    body, options, _ = split_options(text)
    body, weight = split_weight(body)
    body, if_exp, in_range = split_if_in(body)
    bar = find_top(body, "||")
    if bar < 0:
        raise StataError('No mediator specified (Use "||" to separate mediators from variables to be decomposed)', 198)
    left, right = body[:bar].split(), body[bar + 2:].split()
    if len(left) < 3 or "|" in " ".join(left):
        raise StataError('Key variable of interest not specified; check position of "||".', 198)
    if not right:
        raise StataError('No mediator specified (Use "||" to separate mediators from variables to be decomposed)', 198)
    model = lookup(left[0]).name
    data = session.data
    y = data.expand_varlist(left[1])
    x = data.expand_varlist(" ".join(left[2:]))
    z = data.expand_varlist(" ".join(right))
    if any("." in v or "#" in v for v in x + z):
        raise StataError("khb in mlm takes no factor variables among the key and z-variables", 198)
    mine = [o for o in options if any(s.matches(o.name) for s in KHB_SPECS)]
    passed = " ".join(_typed(o) for o in options if o not in mine)
    return model, y[0], x, z, if_exp, in_range, weight, resolve_options(mine, KHB_SPECS), passed


def _values(session, name: str) -> np.ndarray:
    return np.asarray(session.data.numeric(name), dtype=float)


def cmd_khb(session, cmd) -> None:
    from mlmcli.ast import Command
    from mlmcli.commands.data.common import weights
    from mlmcli.runner import Runner, current_runner
    from mlmcli.sample import mark_sample

    model, y, x, z, if_exp, in_range, weight, opts, passed = _parse(session, cmd.args)
    for name, what in _REFUSED.items():
        if opts.get(name):
            raise StataError(f"option {name} not allowed: khb in mlm computes the KHB method only, not {what}", 198)
    if model in _NOT_HERE:
        raise StataError(f"khb {model} is not available in mlm", 198)
    vce = (opts.get("vce") or "").strip() if isinstance(opts.get("vce"), str) else ""
    c = session.data.expand_varlist(opts["concomitant"]) if isinstance(opts.get("concomitant"), str) else []
    probe = Command(name="khb", if_exp=if_exp, in_range=in_range, weight=weight)
    touse = mark_sample(session, probe, [y] + x + z + c)
    touse, w, kind = weights(session, probe, touse, ("aweight", "fweight", "pweight"))
    if not np.any(touse):  # if 0, a string variable, all missing: the models' own stop
        raise StataError("no observations", 2000)
    if vce or kind == "pweight":
        raise StataError("khb's suest path (pweights or vce()) is not implemented in mlm", 198)
    if model not in _SUPPORTED:
        session.print(f" Note: {model} not supported. Output is experimental")
    runner = current_runner(session) or Runner(session)
    full_data = session.data
    work = full_data.copy()
    work.take_rows(touse)
    session.data = work
    try:
        fit = _fit(session, runner, model, y, x, z, c, weight, passed, opts)
    finally:
        session.data = full_data
    _post(session, runner, fit, model, y, fit["x"], z, c, touse, opts)


def _fit(session, runner, model, y, x, z, c, weight, passed, opts) -> dict:
    """khb.ado's _KHB on the estimation sample (session.data): the fits and lkhb's numbers."""
    kept = []
    for var in z:
        v = _values(session, var)
        if v.min() == v.max():
            session.print(f"Note: {var} is a constant in estimation sample; not used")
        else:
            kept.append(var)
    z = kept
    if not z:
        raise StataError("khb: every z-variable is constant in the estimation sample", 198)
    for var in z:
        v = _values(session, var)
        if np.all((v == 0) | (v == 1)):
            raise StataError(f"khb's suest path (a 0/1 z-variable, {var}) is not implemented in mlm", 198)
    wtext = f" [{weight.kind}={weight.exp}]" if weight is not None else ""
    tail = f", {passed}" if passed else ""
    verbose = "noisily" if opts.get("verbose") else "quietly"
    xs, cs = " ".join(x), " ".join(c)
    runner.execute(f"quietly sureg ({' '.join(z)} = {xs} {cs}){wtext}")
    sur = (session.e.matrices["b"], session.e.matrices["V"])
    residuals = []
    for k, var in enumerate(z, 1):
        name = f"__mlm_khb_e{k}"
        runner.execute(f"quietly predict double {name}, resid equation({var})")
        residuals.append(name)
    runner.execute(f"{verbose} {model} {y} {xs} {' '.join(z)} {cs}{wtext}{tail}")
    e = session.e
    full = (e.matrices["b"], e.matrices["V"])
    r2 = e.scalars.get("r2" if model == "regress" else "r2_p", np.nan)
    n_obs = e.scalars.get("N")
    vcetype = e.macros.get("vcetype", "")
    runner.execute(f"{verbose} {model} {y} {xs} {' '.join(residuals)} {cs}{wtext}{tail}")
    reduced = (session.e.matrices["b"], session.e.matrices["V"])
    naive = None
    if opts.get("summary"):
        runner.execute(f"{verbose} {model} {y} {xs} {cs}{wtext}{tail}")
        naive = (session.e.matrices["b"], session.e.matrices["V"])
    # a key variable the full model omitted (collinear with the others) has no effect to decompose
    kept = [_short(full[0].colnames[j]) for j in _pick(full[0], x)]
    if not kept:
        raise StataError("khb: every key variable was omitted because of collinearity", 459)
    return {"z": z, "x": kept, "sur": sur, "full": full, "reduced": reduced, "naive": naive, "r2": r2,
            "N": n_obs, "vcetype": vcetype, **khb_numbers(kept, z, sur, full, reduced, naive)}


def _short(name: str) -> str:
    return name.rsplit(":", 1)[-1]


def _pick(matrix: Matrix, names: list[str]) -> list[int]:
    """Columns whose variable part is one of ``names`` (lkhb's khb_tag with khb_touse: not
    _cons, not omitted), in matrix order."""
    return [j for j, col in enumerate(matrix.colnames)
            if _short(col) in names and _short(col) != "_cons" and "o." not in _short(col)]


def khb_numbers(x, z, sur, full, reduced, naive) -> dict:
    """lkhb's khb(), khb_summary() and khb_disentangle() on the fits' e(b) and e(V)."""
    sur_b, sur_v = (np.asarray(m.values, float) for m in sur)
    full_b, full_v = (np.asarray(m.values, float) for m in full)
    red_b, red_v = (np.asarray(m.values, float) for m in reduced)
    sur_b, full_b, red_b = sur_b.ravel(), full_b.ravel(), red_b.ravel()
    xi, zi = _pick(full[0], x), _pick(full[0], z)
    b_full, b_red = full_b[xi], red_b[xi]
    diff = b_red - b_full
    # sureg's columns eq:var -- per key variable its coefficient in each z equation
    sur_cols = [_short(cn) for cn in sur[0].colnames]
    gamma_idx = [[j for j, v in enumerate(sur_cols) if v == xv] for xv in x]  # X lists of Z positions
    bz = full_b[zi]
    deriv = np.array([np.concatenate([sur_b[idx]] + [bz] * len(x)) for idx in gamma_idx])
    from scipy.linalg import block_diag

    sigma = block_diag(full_v[np.ix_(zi, zi)], *[sur_v[np.ix_(idx, idx)] for idx in gamma_idx])
    v_diff = deriv @ sigma @ deriv.T
    out = {"b_full": b_full, "b_reduced": b_red, "diff": diff, "v_diff": v_diff,
           "var_full": np.diag(full_v)[xi], "var_reduced": np.diag(red_v)[xi]}
    if naive is not None:
        nb = np.asarray(naive[0].values, float).ravel()[_pick(naive[0], x)]
        with np.errstate(all="ignore"):
            out["summary"] = np.column_stack([b_red / b_full, 100 * (b_red - b_full) / b_red, b_red / nb])
    gamma = np.array([[sur_b[idx[k]] for idx in gamma_idx] for k in range(len(z))])  # Z x X
    gamma_var = np.array([[np.diag(sur_v)[idx[k]] for idx in gamma_idx] for k in range(len(z))])
    with np.errstate(all="ignore"):  # Mata's sqrt() of a negative and x/0 are missing
        part = bz[:, None] * gamma
        se = np.sqrt(gamma_var * bz[:, None] ** 2 + np.diag(full_v)[zi][:, None] * gamma ** 2)
        # rows key variable by key variable, z within (lkhb's vec() of the Z x X matrices)
        out["disentangle"] = np.column_stack([part.T.ravel(), se.T.ravel(), (100 * part / diff).T.ravel(),
                                              (100 * part / b_red).T.ravel()])
    for key in ("disentangle", "summary"):
        if key in out:
            out[key] = np.where(np.isfinite(out[key]), out[key], np.nan)
    return out


def _post(session, runner, fit, model, y, x, z, c, touse, opts) -> None:
    from mlmcli.render.numfmt import format_number

    names = tuple(f"{v}:{kind}" for v in x for kind in ("Reduced", "Full", "Diff"))
    b = np.column_stack([fit["b_reduced"], fit["b_full"], fit["diff"]]).ravel()[None, :]
    var = np.column_stack([fit["var_reduced"], fit["var_full"], np.diag(fit["v_diff"])]).ravel()
    session.matrices["__mlm_khb_b"] = Matrix(b, ("y1",), names)
    session.matrices["__mlm_khb_V"] = Matrix(np.diag(var), names, names)
    data = session.data
    data.df[_TOUSE], data.types[_TOUSE] = touse.astype(float), "byte"
    fit_word = "R-squared" if model == "regress" else "Pseudo R2"
    title = "Linear Probability Models" if model == "regress" else "the KHB-Method"
    n_obs = fit["N"]
    session.print("")
    session.print(f"Decomposition using {title}")
    session.print("")
    left1, left2 = f"Model-Type:  {model}", "Variables of Interest: " + " ".join(x)
    session.print(f"{left1:<51}Number of obs     =" + format_number(n_obs, "%8.0f"))
    session.print(f"{left2:<51}{fit_word:<18}=" + format_number(fit["r2"], "%8.2f"))
    session.print(f"Z-variable(s): {' '.join(z)}")
    if c:
        session.print(f"Concomitant: {' '.join(c)}")
    runner.execute(f"ereturn post __mlm_khb_b __mlm_khb_V, esample({_TOUSE}) obs({int(n_obs)}) depname({y})")
    runner.execute(f'ereturn local vcetype "{fit["vcetype"]}"')
    if not opts.get("notable"):
        runner.execute("ereturn display" + (", eform(or)" if opts.get("or") else ""))
    e = session.e
    scalars, matrices = dict(e.scalars), dict(e.matrices)
    macros = {**e.macros, "cmd": "khb", "model": model, "method": "KHB", "depvar": y, "key_vars": " ".join(x),
              "mediator_vars": " ".join(fit["z"]), "title": "Decomposition", "vce": fit["vcetype"]}
    if fit.get("summary") is not None:
        summary = fit["summary"]
        session.print(_table("Summary of confounding", "Variable", [("", v) for v in x],
                             ("Conf_ratio", "Conf_Pct", "Resc_Fact"), ("%10.0g", "%10.2f", "%10.0g"), summary))
        for i, v in enumerate(x):
            key = v.replace(".", "_")
            scalars[f"ratio_{key}"], scalars[f"pct_{key}"], scalars[f"rescale_{key}"] = (float(t) for t in summary[i])
        matrices["Naive_b"], matrices["Naive_V"] = fit["naive"]
    if opts.get("disentangle"):
        rows = [(xv, zv) for xv in x for zv in fit["z"]]
        cols = ("Coef", "Std_Err", "P_Diff", "P_Reduced")
        session.print(_table("Components of Difference", "Z-Variable", rows, cols,
                             ("%9.0g", "%9.0g", "%9.2f", "%9.2f"), fit["disentangle"]))
        matrices["disentangle"] = Matrix(fit["disentangle"], tuple(f"{a}:{b}" for a, b in rows), cols)
    xnames = tuple(x)
    matrices.update({"Reduced_V": fit["reduced"][1], "Reduced_b": fit["reduced"][0], "Full_V": fit["full"][1],
                     "Full_b": fit["full"][0], "SUR_V": fit["sur"][1], "SUR_b": fit["sur"][0],
                     "Diff_V": Matrix(fit["v_diff"], xnames, xnames)})
    import dataclasses

    session.e = dataclasses.replace(e, cmd="khb", scalars=scalars, macros=macros, matrices=matrices)
    for name in ("__mlm_khb_b", "__mlm_khb_V"):
        session.matrices.pop(name, None)
    if _TOUSE in session.data.varnames:  # ereturn post, esample() takes the variable
        session.data.drop_variables([_TOUSE])


def _table(title: str, rowtitle: str, rows, cols, fmts, values) -> str:
    """khb's ``matlist ..., rowtitle() title() cspec(o4& %12s | ... o2&) rspec(&-&...-)``:
    four spaces, the row names in 12 columns, a rule under the header and after the last row;
    rows with an equation part (key:z) under a line naming the equation."""
    from mlmcli.render.abbrev import abbrev
    from mlmcli.render.numfmt import format_number

    widths = [max(int(f[1:].split(".")[0]), len(cn)) for f, cn in zip(fmts, cols)]
    rule = "-" * 17 + "+" + "-" * (sum(w + 2 for w in widths) + 3)
    out = ["", title, "", "    " + abbrev(rowtitle, 12).rjust(12) + " |"
           + "".join("  " + cn.rjust(w) for cn, w in zip(cols, widths)), rule]
    last_eq = None
    for (eq, name), row in zip(rows, values):
        if eq and eq != last_eq:
            out.append("    " + abbrev(eq, 12).ljust(12) + " |")
            last_eq = eq
        cells = "".join("  " + format_number(v, f).strip().rjust(w) for v, f, w in zip(row, fmts, widths))
        out.append("    " + abbrev(name, 12).rjust(12) + " |" + cells)
    out.append("-" * len(rule))
    return "\n".join(out)
