"""``nl (depvar = <sexp>) [if] [in] [, options]`` and ``nl exp3|exp2|exp2a|log3|log4|gom3|gom4 :
depvar x`` (``nl_functions``): nonlinear least squares ([R] nl; engine
``mlmcli.nlme.least_squares``, layout ``mlmcli.render.nl_table``).

The substitutable expression: ``{b0}`` / ``{b0=#}`` a parameter (initial value 0 unless
given; the first value typed counts), ``{xb: x1 x2}`` the linear combination
``{xb_x1}*x1 + {xb_x2}*x2`` (nl.ado, _parmlist).  Each parameter becomes a placeholder the
expression engine evaluates as a scalar.  e(b) is named ``b0:_cons`` (each parameter an
equation, as nl.ado posts it); the table shows ``/b0``.

Options: initial(name # ... | matname), variables(), vce(gnr|robust|cluster v) (robust,
cluster()), level(), leave, nolog/log, eps(), iterate(), delta(), noconstant,
hasconstant(), title(), title2().  Not built in mlm, refused with r(198): weights, lnlsq(),
hc2/hc3, vce(hac ...), mse1, trace and the programmed versions (sexp_prog, func_prog @).
"""
from __future__ import annotations

import re

import numpy as np

from mlmcli.commands.estimation.nl_functions import NAMES as BUILTIN
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, resolve_options
from mlmcli.syntax.varlist import NAME_PATTERN

OPTIONS = [
    OptionSpec("initial", 2, takes_arg=True), OptionSpec("variables", 2, takes_arg=True),
    OptionSpec("vce", 3, takes_arg=True), OptionSpec("robust", 1), OptionSpec("cluster", 2, takes_arg=True),
    OptionSpec("level", 1, takes_arg=True), OptionSpec("leave", 3), OptionSpec("nolog", 4), OptionSpec("log", 3),
    OptionSpec("eps", 3, takes_arg=True), OptionSpec("iterate", 4, takes_arg=True),
    OptionSpec("delta", 3, takes_arg=True), OptionSpec("noconstant", 6), OptionSpec("hasconstant", 1, takes_arg=True),
    OptionSpec("title", 5, takes_arg=True), OptionSpec("title2", 6, takes_arg=True),
    OptionSpec("lnlsq", 2, takes_arg=True), OptionSpec("hc2"), OptionSpec("hc3"), OptionSpec("mse1"),
    OptionSpec("trace", 2),
]
_REFUSED = ("lnlsq", "hc2", "hc3", "mse1", "trace")
_NAME = NAME_PATTERN
_FREE = re.compile(rf"^\s*({_NAME})\s*(?:=\s*(\S+))?\s*$")
_LC = re.compile(rf"^\s*({_NAME})\s*:(.*)$", re.S)
_BRACE = re.compile(r"\{([^{}]*)\}")


def parse_sexp(text: str, ds) -> tuple[str, str, list[str], dict[str, float]]:
    """``depvar = sexp`` -> (depvar, expression with placeholders, parameters, initial values)."""
    from mlmcli.textscan import find_top

    eq = find_top(text, "=", brackets="({[")
    if eq < 0:
        raise StataError("invalid syntax; equal sign required", 198)
    depvar = text[:eq].strip()
    if len(depvar.split()) != 1:
        raise StataError(f"{depvar} invalid name" if depvar else "invalid syntax", 198)
    sexp = text[eq + 1:].strip()
    params: list[str] = []
    init: dict[str, float] = {}

    def add(name: str, value: str | None) -> str:
        if len(name) > 32:
            raise StataError(f"{name} invalid name", 198)
        if name not in params:
            params.append(name)
            init[name] = 0.0
            if value is not None:
                try:
                    init[name] = float(value)
                except ValueError:
                    raise StataError(f"invalid initial value {{{name}={value}}}", 198) from None
        return f"__nl_{params.index(name)}"

    def one(m) -> str:
        inner = m.group(1)
        lc = _LC.match(inner)
        if lc:
            name, body = lc.group(1), lc.group(2).split()
            if not body:
                raise StataError(f"invalid linear combination {{{inner}}}", 198)
            terms = [f"{add(name + '_' + v, None)}*{v}" for v in (ds.resolve(t) for t in body)]
            return "(" + " + ".join(terms) + ")"
        fr = _FREE.match(inner)
        if not fr:
            raise StataError(f"invalid substitutable expression {{{inner}}}", 198)
        return add(fr.group(1), fr.group(2))

    expr = _BRACE.sub(one, sexp)
    if "{" in expr or "}" in expr:
        raise StataError("unmatched braces in the substitutable expression", 198)
    if not params:
        raise StataError("no parameters in expression", 198)
    return depvar, expr, params, init


def _initial(text: str, session, params: list[str], init: dict[str, float]) -> None:
    """initial(name # name # ...) or initial(matname), as nl.ado reads it (r(480))."""
    words = text.split()
    if len(words) == 1:
        m = session.matrices.get(words[0]) if hasattr(session, "matrices") else None
        if m is None:
            raise StataError(f"matrix {words[0]} not found", 480)
        values = np.asarray(m.values, float).ravel()
        if len(values) != len(params):
            raise StataError("initial matrix must have as many columns as parameters in model", 480)
        init.update(zip(params, map(float, values)))
        return
    if len(words) % 2:
        raise StataError("invalid initial() option", 480)
    for name, value in zip(words[::2], words[1::2]):
        if name not in params:
            raise StataError(f"invalid parameter {name} in initial()", 480)
        try:
            init[name] = float(value)
        except ValueError:
            raise StataError("invalid initial() option", 480) from None


def _vce(opts: dict) -> tuple[str, str | None]:
    vce = (opts.get("vce") or "").strip()
    cluster = opts.get("cluster")
    if vce and (opts.get("robust") or cluster):
        raise StataError("cannot specify both vce() and robust", 198)
    words = vce.split()
    if not words:
        return ("cluster", cluster.strip()) if cluster else ("robust" if opts.get("robust") else "gnr", None)
    # nl.ado: _vce_parse, argopt(CLuster HAC) opt(GNR Robust HC2 HC3) old; the replication types
    # come through _vce_parserun.  The type word keeps its case.
    from mlmcli.syntax.options import read_vce, refuse_unbuilt_vce

    built = (("gnr", 3), ("robust", 1), ("cluster", 2))
    refuse_unbuilt_vce(vce, built + (("hc2", 3), ("hc3", 3), ("hac", 3), ("bootstrap", 4), ("jackknife", 4)),
                       [k for k, _ in built], "nl")
    kind, args = read_vce(vce, built)
    if len(args) > 1:
        raise StataError("vce(cluster) with several variables not supported by mlmcli with nl", 198)
    return kind, (args[0] if args else None)


def cmd_nl(session, cmd) -> None:
    from mlmcli.commands.estimation.menl import mean_function
    from mlmcli.sample import mark_sample

    args = cmd.args.strip()
    if args and not args.startswith("(") and re.split(r"[\s:@]", args, maxsplit=1)[0] not in BUILTIN:
        raise StataError("nl: substitutable-expression and function-evaluator programs are not implemented "
                         "in mlm; use nl (depvar = <sexp>) or a built-in function (exp3, exp2, exp2a, log3, "
                         "log4, gom3, gom4)", 198)
    opts = resolve_options(cmd.options, OPTIONS)
    if not args:
        return _replay(session, opts)
    for name in _REFUSED:
        if name in opts:
            raise StataError(f"nl: option {name} is not implemented in mlm", 198)
    if cmd.weight is not None:
        raise StataError("nl: weights are not implemented in mlm", 101)
    if "hasconstant" in opts and "noconstant" in opts:
        raise StataError("cannot combine hasconstant() and noconstant", 198)
    ds = session.data
    if ds is None or not ds.varnames:
        raise StataError("no variables defined", 111)
    title, rhs = None, []
    if args.startswith("("):
        from mlmcli.textscan import matching_close
        end = matching_close(args, 0)
        if end < 0:
            raise StataError("unmatched parentheses", 198)
        if args[end + 1:].strip():
            raise StataError(f"{args[end + 1:].strip()} invalid", 198)
        text = args[1:end]
    else:
        text, title, rhs = _builtin(session, cmd, args)
    depvar, expr, params, init = parse_sexp(text, ds)
    depvar = ds.resolve(depvar)
    if ds.is_string(depvar):
        raise StataError("type mismatch", 109)
    if opts.get("initial"):
        _initial(opts["initial"], session, params, init)
    vce, clustvar = _vce(opts)
    level = confidence_level(opts, getattr(session, "level", 95.0))
    from mlmcli.syntax.options import integer_option, real_option
    eps = real_option(opts, "eps", 0.0)
    eps = eps if eps > 0 else 1e-5  # nl.ado: eps(real 0), <= 0 means 1e-5
    delta = real_option(opts, "delta", 4e-7)
    from mlmcli.syntax.settings import setting_value
    iterate = integer_option(opts, "iterate", 0)
    iterate = iterate if iterate > 0 else int(setting_value(session, "maxiter"))  # c(maxiter)
    variables = ds.expand_varlist(opts["variables"]) if opts.get("variables") else []
    if clustvar:
        clustvar = ds.resolve(clustvar)
    from mlmcli.commands.estimation.menl import expression_variables
    used = [depvar] + [v for v in expression_variables(ds, expr.replace("__nl_", "__menl_")) if v != depvar]
    if any(ds.is_string(v) for v in used + variables):  # a string in the arithmetic: generate's type mismatch
        raise StataError("type mismatch", 109)
    # nl.ado: markout touse clustvar, strok
    sample = mark_sample(session, cmd, varlist=list(dict.fromkeys(used + variables + ([clustvar] if clustvar else []))),
                         strok=bool(clustvar))
    rows = np.flatnonzero(sample)
    if len(rows) == 0:
        raise StataError("no observations", 2000)
    if opts.get("leave"):
        from mlmcli.syntax.varlist import check_new_name
        for p in params:
            check_new_name(ds, p)
    binding = {p: f"__nl_{j}" for j, p in enumerate(params)}
    f = mean_function(session, expr, rows, binding)
    n = len(rows)

    def mean(b):
        return f({p: np.full(n, v) for p, v in zip(params, b)})

    from mlmcli.nlme.least_squares import fit_nls
    y = ds.df[depvar].to_numpy(dtype=float)[rows]
    start = np.array([init[p] for p in params])
    cluster = ds.df[clustvar].to_numpy()[rows] if clustvar else None
    hasconstant = None
    if opts.get("hasconstant"):
        name = opts["hasconstant"].strip()
        if len(name.split()) != 1:
            raise StataError("option hasconstant() incorrectly specified", 198)
        if name not in params:
            raise StataError(f"{name} not found among parameters", 498)
        hasconstant = params.index(name)
    with np.errstate(all="ignore"):
        fit = fit_nls(mean, y, start, eps=eps, delta=delta, iterate=iterate, vce=vce, cluster=cluster,
                      noconstant=bool(opts.get("noconstant")), hasconstant=hasconstant)
    session.print(f"(obs = {n:,})")
    if not opts.get("nolog"):
        session.print("")
        from mlmcli.render.nl_table import iteration_lines
        for line in iteration_lines(fit):
            session.print(line)
    if title and not opts.get("title"):
        opts["title"] = title  # the function's own title (r(title) of its program)
    e = _post(session, cmd, fit, depvar, params, start, expr, opts, vce, clustvar, sample,
              list(dict.fromkeys(variables + rhs)))
    if opts.get("leave"):
        for p, col in zip(params, fit.derivatives.T):
            values = np.full(ds.nobs, np.nan)
            values[rows] = col
            ds.set_variable(p, values, vtype="double")
    _display(session, e, level)
    if not fit.converged:
        raise StataError("convergence not achieved", 430)


def _builtin(session, cmd, args: str) -> tuple[str, str, list[str]]:
    """``exp3 : y x`` -> the function's (depvar = sexp) text, title and x (nl_functions)."""
    from mlmcli.commands.estimation.nl_functions import NAMES, builtin_expression
    from mlmcli.sample import mark_sample

    m = re.match(r"^([^\W\d]\w*)\s*([:@])(.*)$", args, re.S)
    if not m or m.group(1) not in NAMES or m.group(2) != ":":
        raise StataError("invalid syntax", 198)
    ds = session.data
    names = ds.expand_varlist(m.group(3)) if m.group(3).strip() else []
    if len(names) != 2:
        raise StataError("too few variables specified" if len(names) < 2 else "too many variables specified",
                         102 if len(names) < 2 else 103)
    for v in names:
        if ds.is_string(v):
            raise StataError("type mismatch", 109)
    sample = mark_sample(session, cmd, varlist=names)
    if not sample.any():
        raise StataError("no observations", 2000)
    y, x = (ds.df[v].to_numpy(dtype=float)[sample] for v in names)
    text, title = builtin_expression(m.group(1), y, x, names[0], names[1])
    return text, title, [names[1]]


def _post(session, cmd, fit, depvar, params, start, expr, opts, vce, clustvar, sample, variables):
    from mlmcli.missing import stata_ratio
    from mlmcli.syntax.options import real_option
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.results.matrix import Matrix

    names = tuple(f"{p}:_cons" for p in params)
    df_r, df_t = fit.df_r, fit.df_t
    if vce == "cluster":
        df_r, df_t = fit.n_clusters - 1, fit.n_clusters
    scalars = {"N": float(fit.n), "df_m": float(fit.df_m), "df_r": float(df_r), "df_t": float(df_t),
               "mss": fit.mss, "mms": fit.mss / fit.df_m if fit.df_m else np.nan, "msr": fit.msr,
               "rmse": fit.rmse, "ll": float(fit.ll), "r2": fit.r2, "r2_a": 1 - (1 - fit.r2) * stata_ratio(df_t, df_r),
               "dev": float(fit.dev), "converged": float(fit.converged), "rss": fit.rss, "tss": fit.tss,
               "cj": float(fit.constant_index), "gm_2": 1.0, "delta": real_option(opts, "delta", 4e-7),
               "k": float(len(params)), "ic": float(len(fit.iterations)), "log_t": 0.0, "k_eq_model": 0.0,
               "rank": float(np.linalg.matrix_rank(fit.V if np.isfinite(fit.V).all() or fit.V_modelbased is None
                                                   else fit.V_modelbased))}  # one cluster: V missing, J'J's rank
    ex = _unplaceholder(expr, params)
    macros = {"cmd": "nl", "cmdline": f"nl {cmd.text}".strip(), "depvar": depvar, "params": " ".join(params),
              "sexp": ex, "type": "1", "vce": vce, "predict": "nl_p", "properties": "b V",
              "marginsok": "default Yhat", "marginsnotok": "SCores Residuals"}
    for key, option in (("title", "title"), ("title_2", "title2")):
        if opts.get(option):  # an empty ereturn local is no macro
            macros[key] = opts[option]
    if variables:
        macros["rhs"] = " ".join(variables)
    matrices = {"b": Matrix(fit.b[None, :], ("y1",), names), "V": Matrix(fit.V, names, names),
                "init": Matrix(start[None, :], ("r1",), tuple(params))}
    if vce != "gnr":
        macros["vcetype"] = "Robust"
        matrices["V_modelbased"] = Matrix(fit.V_modelbased, names, names)
    if vce == "cluster":
        macros["clustvar"] = clustvar
        scalars["N_clust"] = float(fit.n_clusters)
    from mlmcli.commands.estimation.menl import expression_variables
    from mlmcli.commands.postestimation.margins_nl import NlMarginsModel, empty_design

    read = [v for v in expression_variables(session.data, expr.replace("__nl_", "__menl_")) if v != depvar]
    model = NlMarginsModel(ex, params, variables, list(dict.fromkeys(read + list(variables))))
    e = EstimationResults(cmd="nl", scalars=scalars, macros=macros, matrices=matrices, sample=sample,
                          title=opts.get("title") or "", model=model, design=empty_design(int(sample.sum())))
    e.stamp_sample(session.data)
    session.e = e
    return e


def _unplaceholder(expr: str, params: list[str]) -> str:
    return re.sub(r"__nl_(\d+)", lambda m: "{" + params[int(m.group(1))] + "}", expr)


def _replay(session, opts) -> None:
    e = session.e
    if e is None or e.cmd != "nl":  # nl.ado: error 301
        raise StataError("last estimates not found", 301)
    bad = [k for k in opts if k != "level"]
    if bad:
        raise StataError(f"option {bad[0]} not allowed", 198)
    _display(session, e, confidence_level(opts, getattr(session, "level", 95.0)))


def _display(session, e, level: float) -> None:
    from mlmcli.mixed.spec import CoefLabel
    from mlmcli.postest.coefficient_rows import rows_from_estimates
    from mlmcli.render.nl_table import render_nl

    params = e.macros["params"].split()
    rows = rows_from_estimates([CoefLabel("/" + p) for p in params], e.matrices["b"].values.ravel(),
                               e.matrices["V"].values, level, df=e.scalars["df_r"])
    session.print(render_nl(e.scalars, e.macros, rows, level))
