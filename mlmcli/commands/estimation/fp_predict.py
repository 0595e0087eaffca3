"""``fp predict [type] newvar [if] [in] [, fp stdp equation()]`` after the fp prefix (fp.ado's
fp_predict): the fractional polynomial component sum_j b_j term_j + b_cons (fp, the default)
or its standard error sqrt(g V g') over those coefficients (stdp, fp.ado's predictnl se()),
labelled as fp.ado labels them.  equation() other than the first (#1) is refused: fp's
estimation commands in mlm have one equation."""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec

OPTIONS = [OptionSpec("fp", 2), OptionSpec("stdp", 4), OptionSpec("equation", 2, takes_arg=True)]


def fp_predict(session, args: str) -> None:
    from mlmcli.commands.estimation.fracpred import partial_prediction
    from mlmcli.parser import parse_arguments
    from mlmcli.render.numfmt import fmt
    from mlmcli.sample import mark_sample
    from mlmcli.syntax.options import resolve_options

    from mlmcli.commands.estimation.fp_replay import fp_results

    e = fp_results(session)
    line = parse_arguments(args, "fp")
    opts = resolve_options(line.options, OPTIONS)
    if opts.get("fp") and opts.get("stdp"):
        raise StataError("only one of fp or stdp is allowed", 198)
    if opts.get("equation") is not None and str(opts["equation"]).strip() not in ("#1", ""):
        raise StataError("fp predict's equation() is not implemented in mlm (one equation)", 198)
    words = line.args.split()
    vtype = "float"
    if len(words) == 2 and words[0] in ("float", "double"):
        vtype, words = words[0], words[1:]
    if len(words) != 1:
        raise StataError("varlist required" if not words else "too many variables specified",
                         100 if not words else 103)
    new = words[0]
    ds = session.data
    if new in ds.varnames:
        raise StataError(f"{new} already defined", 110)
    coefs = e.coefficients()
    names = [n.split(":", 1)[-1] for n in coefs.names]
    b, V = np.asarray(coefs.b, float), np.asarray(coefs.V, float)
    terms = e.macros.get("fp_terms", "").split()
    rows = np.asarray(mark_sample(session, line, strok=True), bool) if (line.if_exp or line.in_range) else np.ones(ds.nobs, bool)
    powers = e.matrices["fp_fp"].values.ravel()
    text = e.macros["fp_variable"] + "^(" + " ".join(fmt(p, "%9.0g").strip() for p in powers) + ")"
    values = partial_prediction(ds, names, b, V, [t for t in terms if t in names], bool(opts.get("stdp")))
    if opts.get("stdp"):
        label = f"Standard error of linear prediction, {text}, other covariates = 0"
    else:
        label = f"linear prediction, {text}, other covariates = 0"
    out = np.where(rows, values, np.nan)
    if vtype == "float":
        out = out.astype(np.float32).astype(float)
    ds.set_variable(new, out, vtype)
    ds.var_labels[new] = label
    missing = int(np.sum(~np.isfinite(out)))
    if missing:
        session.print(f"({missing} missing value{'s' if missing != 1 else ''} generated)")
