"""``predictnl``: nonlinear predictions and their delta-method standard errors after any
estimation command ([R] predictnl; predictnl.ado).

``predictnl [type] newvar = pnl_exp [if] [in] [, se(newvar) variance(newvar) wald(newvar)
p(newvar) ci(newvar_lo newvar_hi) level(#) g(stub) iterate(#) force df(#)]``.  pnl_exp is an
expression of the coefficients (``_b[]``, ``[eq]_b[]``) and the variables, evaluated in every
observation; its gradient per observation comes from ``mlmcli.postest.delta_method.jacobian``
(each coefficient perturbed, the whole column re-evaluated).  se = sqrt(g V g'), wald =
(pred/se)^2 (missing where the variance is 0), p = chi2tail(1, wald) and ci = pred -/+ z se;
with df(#) Ftail(1, #, wald) and t(#) (predictnl.ado under version 13 and later ignores
e(df_r)).  Every observation meeting if/in is predicted (marksample, not e(sample)).
``predict()`` and ``xb()`` inside pnl_exp are not built in mlm: refused (r(198)); ``force``
is accepted (mlm does not run predictnl.ado's stochastic-quantity check).
"""
from __future__ import annotations

import dataclasses
import re

import numpy as np

from mlmcli.errors import StataError
from mlmcli.estimation.active import active
from mlmcli.syntax.options import OptionSpec, confidence_level, resolve_options
from mlmcli.textscan import find_top

OPTIONS = [OptionSpec("se", 2, takes_arg=True), OptionSpec("variance", 3, takes_arg=True),
           OptionSpec("wald", 4, takes_arg=True), OptionSpec("p", 1, takes_arg=True),
           OptionSpec("ci", 2, takes_arg=True), OptionSpec("level", 1, takes_arg=True),
           OptionSpec("g", 1, takes_arg=True), OptionSpec("iterate", 4, takes_arg=True),
           OptionSpec("force", 5), OptionSpec("df", 2, takes_arg=True)]


def cmd_predictnl(session, cmd) -> None:
    from mlmcli import distributions as dist
    from mlmcli.commands.postestimation.predict import rows_selected, store_prediction
    from mlmcli.expr import evaluate
    from mlmcli.postest.delta_method import jacobian
    from mlmcli.render.numfmt import format_number
    from mlmcli.results.matrix import Matrix
    from mlmcli.syntax.varlist import check_new_name, parse_new_varlist

    e = active(session)
    if "b" not in e.matrices or "V" not in e.matrices:
        raise StataError("estimation command does not save e(b) and e(V)", 321)
    eq = find_top(cmd.args, "=", brackets="([")
    if eq < 0:
        raise StataError("invalid syntax", 198)
    vtype, names, stub = parse_new_varlist(cmd.args[:eq])
    if stub is not None or len(names) != 1:
        raise StataError("invalid syntax", 198)
    exp = cmd.args[eq + 1:].strip()
    if not exp:
        raise StataError("invalid syntax", 198)
    if re.search(r"\b(predict|xb)\s*\(", exp):
        raise StataError("predictnl: predict() and xb() in the expression are not implemented in mlm; "
                         "type the expression of _b[] and the variables", 198)
    opts = resolve_options(cmd.options, OPTIONS)
    new = [names[0]]
    for key in ("se", "variance", "wald", "p"):
        if opts.get(key):
            if len(opts[key].split()) != 1:
                raise StataError(f"option {key}() incorrectly specified", 198)
            new.append(opts[key].strip())
    ci = opts.get("ci", "").split() if opts.get("ci") else []
    if opts.get("ci") is not None and opts.get("ci") and len(ci) != 2:
        raise StataError("ci() requires two new variable names", 198)
    new += ci
    if opts.get("g"):
        k = e.matrices["b"].values.size
        new += [f"{opts['g'].strip()}{j}" for j in range(1, k + 1)]
    if len(set(new)) != len(new):
        raise StataError(f"{[n for n in new if new.count(n) > 1][0]} already defined", 110)
    for n in new:
        check_new_name(session.data, n)
    level = confidence_level(opts, getattr(session, "level", 95.0))
    rows = rows_selected(session, cmd)
    b0 = e.matrices["b"]
    V = np.asarray(e.matrices["V"].values, float)

    def g(beta: np.ndarray) -> np.ndarray:
        trial = Matrix(np.asarray(beta, float).reshape(1, -1), tuple(b0.rownames), tuple(b0.colnames))
        session.e = dataclasses.replace(e, matrices={**e.matrices, "b": trial})
        out = evaluate(session, exp, rows)
        if out.dtype == object:
            raise StataError("type mismatch", 109)
        return np.asarray(out, float)

    beta = np.asarray(b0.values, float).ravel()
    try:
        with np.errstate(all="ignore"):
            pred = g(beta)
            G = jacobian(g, beta) if len(new) > 1 else None
    finally:
        session.e = e
    pred = np.where(rows, pred, np.nan)
    out = {names[0]: (pred, vtype, "Prediction")}
    new_name = names[0]
    if G is not None:
        G = np.where(rows[:, None], G, np.nan)
        with np.errstate(all="ignore"):
            var = np.einsum("ij,jk,ik->i", G, V, G)
            se = np.sqrt(var)
            wald = np.where(var == 0, np.nan, pred ** 2 / var)
        df_r = None
        if opts.get("df") is not None:
            try:
                df_r = float(opts["df"])
            except ValueError:
                raise StataError("option df() incorrectly specified", 198) from None
        if df_r is not None:
            p = dist.f.sf(wald, 1, df_r)
            q = float(dist.t.ppf(0.5 + level / 200, df_r))
        else:
            p = dist.chi2.sf(wald, 1)
            q = float(dist.norm.ppf(0.5 + level / 200))
        extra = {"variance": (var, "Variance"), "se": (se, "Standard error"), "wald": (wald, "Wald test statistic"),
                 "p": (p, "Level of significance")}
        for key, (values, label) in extra.items():
            if opts.get(key):
                out[opts[key].strip()] = (values, vtype, f"{label}: {new_name}")
        if ci:
            out[ci[0]] = (pred - q * se, vtype, f"{level:g}% lower bound: {new_name}")
            out[ci[1]] = (pred + q * se, vtype, f"{level:g}% upper bound: {new_name}")
        if opts.get("g"):
            for j in range(G.shape[1]):
                out[f"{opts['g'].strip()}{j + 1}"] = (G[:, j], "double", "")
        if np.all(var[rows] == 0):
            session.print("Warning: prediction doesn't vary with respect to e(b).")
    finite = pred[rows & np.isfinite(pred)]
    if finite.size and finite.min() == finite.max():
        session.print("Warning: prediction constant over observations; perhaps you meant to run nlcom.")
    if G is not None and opts.get("p"):
        session.print("note: p-values are with respect to the " + (
            "chi-squared(1) distribution" if df_r is None else f"F(1,{format_number(df_r, '%9.0g').strip()}) distribution"))
    if G is not None and ci:
        session.print("note: confidence intervals calculated using " + (
            "Z critical values" if df_r is None else f"t({format_number(df_r, '%9.0g').strip()}) critical values"))
    for name, (values, vt, label) in out.items():
        store_prediction(session, name, np.where(np.isfinite(values), values, np.nan), vt, label,
                         report_missing=name == names[0])
