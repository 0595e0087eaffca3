"""``estat vce`` and ``estat summarize``: the estat subcommands Stata has after every
estimation command ([R] estat vce, [R] estat summarize)."""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.estimation.active import active
from mlmcli.syntax.options import OptionSpec, resolve_options

VCE_OPTIONS = [OptionSpec("covariance", 3), OptionSpec("correlation", 3), OptionSpec("format", 3, takes_arg=True),
               OptionSpec("nolines", 6), OptionSpec("equation", 2, takes_arg=True), OptionSpec("block", 5),
               OptionSpec("diag", 4)]


def estat_vce(session, cmd) -> None:
    """``estat vce [, correlation format(%fmt) equation(names) nolines]``: e(V) (or the
    correlations) as a lower triangle, with the title Stata prints; r(V) holds the matrix."""
    from mlmcli.commands.postestimation.estimates import format_option
    from mlmcli.render.estat_vce import render_estat_vce
    from mlmcli.results.matrix import Matrix
    from mlmcli.results.postestimation import EstatVceResult

    e = active(session)
    if len(cmd.args.split()) > 1:
        raise StataError("invalid syntax", 198)
    opts = resolve_options(cmd.options, VCE_OPTIONS)
    if opts.get("correlation") and opts.get("covariance"):
        raise StataError("options covariance and correlation may not be combined", 198)
    if opts.get("block") or opts.get("diag"):
        raise StataError("options block and diag are not implemented in mlmcli's estat vce", 198)
    coefs = e.stata_coefficients() if hasattr(e, "stata_coefficients") else e.coefficients()  # version 15's /:
    names = list(coefs.names)
    V = np.asarray(coefs.V, float)
    keep = list(range(len(names)))
    if isinstance(opts.get("equation"), str):
        from mlmcli.syntax.coefnames import split_eq
        wanted = opts["equation"].replace(",", " ").split()
        depvar = e.macros.get("depvar", "").split()
        eqs = [split_eq(n)[0] or (depvar[0] if depvar else "") for n in names]
        ordered = list(dict.fromkeys(eqs))
        for i, w in enumerate(wanted):  # #k: the k-th equation
            if w.startswith("#") and w[1:].isdigit():
                if not 1 <= int(w[1:]) <= len(ordered):
                    raise StataError(f"equation {w} not found", 303)
                wanted[i] = ordered[int(w[1:]) - 1]
        keep = [j for j, eq in enumerate(eqs) if eq in wanted]
        if not keep:
            raise StataError(f"equation {wanted[0]} not found", 303)
    names = [names[j] for j in keep]
    V = V[np.ix_(keep, keep)]
    correlation = bool(opts.get("correlation"))
    if correlation:
        with np.errstate(all="ignore"):  # a negative variance (a fit short of a maximum): missing
            d = np.sqrt(np.diag(V))
            V = V / np.outer(d, d)
    fmt = format_option(opts.get("format")) or ("%8.4f" if correlation else "%10.0g")
    title = f"{'Correlation' if correlation else 'Covariance'} matrix of coefficients of {e.cmd or '.'} model"
    session.print(render_estat_vce(EstatVceResult(title, tuple(names), V, fmt, lines=not opts.get("nolines"))))
    session.set_r({"V": Matrix(V, tuple(names), tuple(names))})


def estat_summarize(session, cmd) -> None:
    """``estat summarize [varlist] [, noheader labels]``: mean, standard deviation, minimum
    and maximum over e(sample) of the dependent variable and the covariates of e(b)'s first
    equation (a factor level as its indicator); r(stats) is that k x 4 matrix.  Weights are
    not applied (as with ``noweights``)."""
    from mlmcli.render.estat_vce import render_estat_summarize
    from mlmcli.results.matrix import Matrix
    from mlmcli.results.postestimation import EstatSummarizeResult
    from mlmcli.syntax.coefnames import parse_coef_name, split_eq

    e = active(session)
    opts = resolve_options(cmd.options, [OptionSpec("noheader", 5), OptionSpec("labels", 3),
                                         OptionSpec("noweights", 5), OptionSpec("equation", 2)])
    if e.sample is None:
        raise StataError("e(sample) not set: estat summarize needs the estimation sample", 498)
    data = session.data
    sample = np.asarray(e.sample, dtype=bool)
    if len(sample) != data.nobs:
        raise StataError("the data have changed since estimation; estat summarize needs the estimation data", 459)
    words = cmd.args.split()[1:] or list(getattr(e.model, "summary_variables", ()))  # teffects: its variables
    depvar = e.macros.get("depvar", "").split()
    if words:
        columns = [(v, data.numeric(v)) for v in data.expand_varlist(" ".join(words))]
    else:
        columns = [(v, data.numeric(v)) for v in depvar[:1]]
        first_eq = None
        for full in e.coefficients().names:
            eq, name = split_eq(full)
            first_eq = eq if first_eq is None else first_eq
            if eq != first_eq or name == "_cons":
                continue
            parsed = parse_coef_name(name)
            if parsed.is_base_or_omitted and not parsed.parts[0].level:
                continue
            columns.append((name, _indicator_column(data, parsed)))
    rows = []
    for name, values in columns:
        v = values[sample]
        v = v[~np.isnan(v)]
        if v.size:
            rows.append((name, float(v.mean()), float(v.std(ddof=1)) if v.size > 1 else float("nan"),
                         float(v.min()), float(v.max())))
        else:
            rows.append((name, float("nan"), float("nan"), float("nan"), float("nan")))
    labels = {name: data.var_labels.get(name, "") for name, *_ in rows} if opts.get("labels") else {}
    session.print(render_estat_summarize(EstatSummarizeResult(e.cmd, int(sample.sum()), tuple(rows),
                                                              header="noheader" not in opts, labels=labels)))
    stats = np.array([r[1:] for r in rows], float).reshape(len(rows), 4)
    session.set_r({"stats": Matrix(stats, tuple(r[0] for r in rows), ("mean", "sd", "min", "max"))})


def _indicator_column(data, parsed) -> np.ndarray:
    """A covariate of e(b) on the data: a variable, a factor level's indicator, or the product
    of an interaction's parts."""
    out = np.ones(data.nobs)
    for part in parsed.parts:
        x = data.numeric(part.var)
        if part.level:
            x = np.where(np.isnan(x), np.nan, (x == float(part.level)).astype(float))
        out = out * x
    return out
