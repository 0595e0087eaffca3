"""``fracpred``: predictions after fracpoly (Stata 13's fracpred.ado; dresid after regress only).

    fracpred newvar [, for(varname) stdp dresid all]

Without for(): the linear prediction x b (stdp: its standard error; dresid: the deviance
residual, y - x b after regress) in e(sample) (all: every observation).  for(x): the part of
x b of x's terms (the FP terms of xvar, or a covariate) plus the constant -- b_cons + sum b_j
t_j -- and with stdp its standard error from e(V) over those terms and the constant;
e(sample) only unless all.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec

FRACPRED_OPTIONS = [OptionSpec("for", 1, takes_arg=True), OptionSpec("stdp", 1), OptionSpec("dresid", 1),
                    OptionSpec("all", 3)]


def partial_prediction(ds, names: list[str], b: np.ndarray, V: np.ndarray, terms, stdp: bool) -> np.ndarray:
    """x b over ``terms`` and _cons (when the model has one), or with ``stdp`` its standard error
    sqrt(x V x') -- fracpred's for() and all terms, fp predict's fp term."""
    cons = ["_cons"] if "_cons" in names else []
    used = [names.index(t) for t in list(terms) + cons]
    X = np.column_stack([ds.numeric(t) for t in terms] + [np.ones(ds.nobs)] * len(cons))
    if stdp:
        return np.sqrt(np.einsum("ij,jk,ik->i", X, V[np.ix_(used, used)], X))
    return X @ b[used]


def cmd_fracpred(session, cmd) -> None:
    from mlmcli.estimation.rows import sample_in_current_order
    from mlmcli.parser import parse_arguments
    from mlmcli.syntax.options import resolve_options

    e = session.e
    if e is None or e.macros.get("fp_cmd") != "fracpoly":
        raise StataError("last estimates not found", 301)
    line = parse_arguments(cmd.args, "fracpred")
    if line.if_exp or line.in_range or line.weight is not None:
        raise StataError("invalid syntax", 198)  # fracpred's syntax takes neither if nor in
    words = line.args.split()
    if len(words) != 1:
        raise StataError("varlist required" if not words else "invalid syntax", 100 if not words else 198)
    vtype, new = "float", words[0]
    opts = resolve_options(line.options, FRACPRED_OPTIONS)
    ds = session.data
    if new in ds.varnames:
        raise StataError(f"{new} already defined", 110)
    if opts.get("dresid") and e.scalars.get("fp_dist"):  # y - x b is regress's deviance residual only
        raise StataError(f"fracpred's dresid after {e.macros.get('cmd', '')} is not implemented in mlm", 198)
    if opts.get("dresid") and opts.get("stdp"):
        raise StataError("options stdp and dresid may not be combined", 198)  # mlm decision: one statistic
    coefs = e.coefficients()
    names, b, V = list(coefs.names), np.asarray(coefs.b, float), np.asarray(coefs.V, float)
    if len({n.split(":")[0] for n in names if ":" in n}) == 1 and all(":" in n for n in names):
        names = [n.split(":", 1)[1] for n in names]  # glm's e(b): one equation named after y
    sample = sample_in_current_order(session, e)
    rows = np.ones(ds.nobs, bool) if opts.get("all") or sample is None else np.asarray(sample, bool)
    y = e.macros.get("fp_depv", "")
    if opts.get("for") is not None:
        if opts.get("dresid"):
            raise StataError("options for() and dresid may not be combined", 198)  # mlm decision
        which = _for_terms(session, e, str(opts["for"]).strip())
        label_x = ds.resolve(str(opts["for"]).strip())
        values = partial_prediction(ds, names, b, V, which, bool(opts.get("stdp")))
        label = f"se({label_x})" if opts.get("stdp") else f"xb({label_x})"
    else:
        terms = [n for n in names if n != "_cons"]
        values = partial_prediction(ds, names, b, V, terms, bool(opts.get("stdp")))
        if opts.get("stdp"):
            label = f"SE of predicted {y}"
        else:
            label = f"predicted {y}"
            if opts.get("dresid"):
                values = ds.numeric(y) - values
                label = f"deviance residuals for {y}"
                rows = np.asarray(sample, bool) if sample is not None else rows  # missing outside e(sample)
    out = np.where(rows, values, np.nan).astype(np.float32).astype(float)
    ds.set_variable(new, out, vtype)
    ds.var_labels[new] = label
    missing = int(np.sum(~np.isfinite(out)))
    if missing:
        session.print(f"({missing} missing value{'s' if missing != 1 else ''} generated)")


def _for_terms(session, e, text: str) -> list[str]:
    """The variables of e(fp_fvl) that belong to ``text`` (fracpred's index and nuse)."""
    name = session.data.resolve(text)
    count = int(e.scalars.get("fp_nx", 1))
    fvl = e.macros.get("fp_fvl", "").split()
    index = 0
    for i in range(1, count + 1):
        powers = e.macros.get(f"fp_k{i}", "")
        k = 0 if powers == "." else len(powers.split())  # mfp's dropped xvar: no terms in e(fp_fvl)
        k += bool(e.macros.get(f"fp_c{i}")) and powers != "."  # catzero's indicator, before the terms
        if e.macros.get(f"fp_x{i}") == name:
            if powers == ".":
                raise StataError(f"{name} not selected in model", 198)
            return fvl[index:index + k]
        index += k
    raise StataError(f"{name} was not an xvar", 198)
