"""Three-stage estimation of systems of simultaneous equations ([R] reg3; reg3.ado, Stata 16 tree):

    reg3 (eq1) (eq2) ... [if] [in] [aw fw] [, exog(varlist) endog(varlist) inst(varlist) allexog
         3sls 2sls ols sure mvreg ireg3 constraints(numlist) dfk dfk2 nodfk small nosmall first
         corr(independent|unstructured) noconstant level(#) iterate(#) tolerance(#) nolog
         noheader notable nofooter display_options]

Equations as sureg's.  The exogenous variables: inst() when given; else every variable of the
system (dependent variables too) and exog(), minus the endogenous ones -- the dependent variables
not named in exog() and endog()'s.  With allexog (ols, sure, mvreg imply it) every variable is
exogenous.  Each endogenous regressor is replaced by its OLS prediction on the exogenous
variables (with a constant unless noconstant) and the system solved by reg3.ado's loop
(``multivariate.linear_systems``): 3sls with S from the 2SLS residuals, 2sls and ols with S's
diagonal only (and small, dfk unless constraints() or nosmall/nodfk), ireg3 iterated.  An
equation with more endogenous regressors than excluded exogenous variables is not identified
(r(481)).  ``first`` prints each first-stage regression as regress does.
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.estimation.common import display_option_specs
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

HELP = {"reg3": "reg3 (eq1) (eq2) ... [if] [in] [weight] [, exog() endog() inst() allexog 2sls ols sure mvreg ireg3 "
                "small dfk first corr()] : three-stage estimation for systems of simultaneous equations"}
_REPORT = [OptionSpec("level", 1, takes_arg=True), OptionSpec("noheader", 4), OptionSpec("notable", 5),
           OptionSpec("nofooter", 4), OptionSpec("nocnsreport", 7), *display_option_specs()]
_OPTIONS = [*_REPORT, OptionSpec("exog", 2, takes_arg=True), OptionSpec("endog", 2, takes_arg=True),
            OptionSpec("inst", 2, takes_arg=True), OptionSpec("allexog", 1), OptionSpec("m3sls", 5),
            OptionSpec("m2sls", 5), OptionSpec("ols", 1), OptionSpec("sure", 2), OptionSpec("mvreg", 1),
            OptionSpec("ireg3", 2), OptionSpec("constraints", 1, takes_arg=True), OptionSpec("dfk", 3),
            OptionSpec("dfk2", 4), OptionSpec("nodfk", 5), OptionSpec("small", 2), OptionSpec("nosmall", 7),
            OptionSpec("first", 1), OptionSpec("corr", 3, takes_arg=True), OptionSpec("noconstant", 6),
            OptionSpec("iterate", 2, takes_arg=True), OptionSpec("tolerance", 3, takes_arg=True),
            OptionSpec("nolog", 5), OptionSpec("log", 3), OptionSpec("trace", 2)]


def _with_digit_options(cmd):
    """reg3 is parsed here (a raw command): Stata's options 2sls and 3sls begin with a digit,
    which the command grammar's option names do not; they are read as m2sls/m3sls."""
    import re

    from mlmcli.parser import parse_arguments
    from mlmcli.textscan import find_top

    text = cmd.args
    comma = find_top(text, ",")
    if comma >= 0:
        text = text[:comma] + re.sub(r"(?<![\w.])([23])sls\b", r"m\1sls", text[comma:])
    import dataclasses

    return dataclasses.replace(parse_arguments(text, "reg3"), name="reg3", text=cmd.text, prefixes=cmd.prefixes)


def cmd_reg3(session, cmd) -> None:
    from mlmcli.commands.estimation.linear_systems import display
    from mlmcli.estimation.active import replay_results

    cmd = _with_digit_options(cmd)
    if not cmd.args.strip() and cmd.weight is None and not cmd.if_exp and not cmd.in_range:
        e = session.e
        if e is None or not (e.cmd == "reg3" or (e.cmd == "sureg" and e.macros.get("method") in ("sure", "isure"))):
            raise StataError("last estimates not found", 301)
        e = replay_results(session, (e.cmd,))
        return display(session, e, resolve_options(cmd.options, _REPORT))
    opts = resolve_options(cmd.options, _OPTIONS)
    e = _fit(session, cmd, opts)
    session.e = e
    display(session, e, opts)


def _method(opts) -> str:
    typed = [m.lstrip("m") if m.startswith("m") and m[1].isdigit() else m
             for m in ("m2sls", "m3sls", "ols", "sure", "mvreg") if opts.get(m)]
    if len(typed) > 1:
        raise StataError(f"cannot specify more that one estimation method: {' '.join(typed)}", 198)  # sic (reg3.ado)
    return typed[0] if typed else "3sls"


def _corr(text) -> str:
    if text is None or not str(text).strip():
        return "unstructured"
    word = str(text).strip()
    for full in ("unstructured", "independent"):
        if full.startswith(word):
            return full
    raise StataError(f"Unsupported disturbance correlation specified: {word}", 198)


def _fit(session, cmd, opts):
    from mlmcli.commands.estimation.linear_systems import (SystemSettings, build_system, exogenous_names,
                                                           post_system, solve_system)
    from mlmcli.factor_terms import term_variables
    from mlmcli.factor_variables import parse_terms

    ds = session.data
    method = _method(opts)
    corr = _corr(opts.get("corr"))
    constraints = opts.get("constraints") is not None
    dfk = "dfk" if opts.get("dfk") else ("dfk2" if opts.get("dfk2") else "")
    small = bool(opts.get("small"))
    if method in ("ols", "mvreg", "2sls"):
        if not constraints:
            if not opts.get("dfk2") and not opts.get("nodfk"):
                dfk = "dfk"
            small = not opts.get("nosmall")
        if method in ("ols", "2sls") and corr == "unstructured" and opts.get("corr") is not None:
            raise StataError(f"options {method} and corr(unstructured) may not both be specified", 198)
        if method in ("ols", "2sls"):
            corr = "independent"
    if opts.get("dfk") and opts.get("dfk2"):
        raise StataError("cannot specify both dfk and dfk2", 198)
    if opts.get("nodfk"):
        dfk = ""
    if opts.get("nosmall"):
        small = False
    allexog = bool(opts.get("allexog")) or method in ("ols", "mvreg", "sure")
    inst_text, exog_text, endog_text = (opts.get(k) for k in ("inst", "exog", "endog"))
    if inst_text and (exog_text or endog_text):
        raise StataError("cannot specify an instrument list with an exogenous or endogenous list.", 198)
    extra = []
    for text in (exog_text, endog_text, inst_text):
        if text:
            extra += term_variables(parse_terms(ds, str(text)))
    system = build_system(session, cmd, extra)
    depvars = [s.depvar for s in system.specs]
    regressors = exogenous_names(system.designs)
    flist = list(dict.fromkeys(depvars + regressors))
    exog_opt = [ds.resolve(v) for v in str(exog_text or "").split()]
    endog_opt = [ds.resolve(v) for v in str(endog_text or "").split()]
    if allexog:
        exlist, enlist = flist, []
    elif inst_text:
        exlist = list(dict.fromkeys(ds.resolve(v) for v in str(inst_text).split()))
        enlist = [v for v in flist if v not in exlist]
    else:
        outside = [v for v in endog_opt if v not in flist]
        if outside:
            session.print("note:  additional endogenous variables not in the system have no effect")
            session.print("       and are ignored:  " + " ".join(outside) + " ")
        enlist = list(dict.fromkeys([v for v in depvars if v not in exog_opt] + endog_opt))
        both = [v for v in exog_opt if v in enlist]
        if both:
            raise StataError("cannot specify variables as both endogenous and exogenous:  " + " ".join(both), 198)
        flist = list(dict.fromkeys(flist + exog_opt))
        exlist = [v for v in flist if v not in enlist]
    constant = not opts.get("noconstant")
    n_obs = int(system.sample.sum())
    if n_obs <= len(exlist) + constant and method in ("3sls", "2sls"):
        raise StataError("insufficient observations", 2001)
    for spec, design in zip(system.specs, system.designs):
        _identified(spec, design, exlist)
    Xhat = None
    if enlist:
        Z = _exogenous_columns(ds, exlist, system.sample, constant)
        if opts.get("first"):
            _show_first_stages(session, cmd, enlist, exlist, system, constant)
        Xhat = _instrumented(ds, system, enlist, Z)
    elif opts.get("first"):
        session.print("\nFirst-stage regressions\n-----------------------")
    fit, cns_labels, iterated = solve_system(session, opts, system, iterated=bool(opts.get("ireg3")), small=small,
                                             dfk=dfk, Xhat=Xhat, independent=corr == "independent")
    settings = SystemSettings("reg3", method, small, dfk, corr, " ".join(exlist), " ".join(enlist), iterated)
    return post_system(session, cmd, settings, system.specs, system.designs, system.names, fit, system.sample,
                       system.kind, cns_labels)


def _identified(spec, design, exlist) -> None:
    """reg3.ado's testIdnt: the order condition."""
    rhs = [lab.name for lab in design.labels if lab.name != "_cons" and not (lab.base or lab.omitted)]
    endog = [v for v in rhs if v not in exlist]
    excluded = [v for v in exlist if v not in rhs]
    if len(endog) > len(excluded):
        raise StataError("Equation is not identified -- does not meet order conditions\n"
                         f"    Equation {spec.name}:  {spec.depvar}  {' '.join(rhs)} \n"
                         f"    Exogenous variables:   {' '.join(exlist)} ", 481)


def _exogenous_columns(ds, exlist, sample, constant):
    from mlmcli.factor_variables import build_design, parse_terms

    return build_design(ds, parse_terms(ds, " ".join(exlist)), sample, constant=constant).X if exlist else \
        np.ones((int(sample.sum()), 1 if constant else 0))


def _instrumented(ds, system, enlist, Z):
    """Each equation's regressors with the endogenous ones replaced by their first-stage predictions."""
    w = system.w
    Zw = Z * w[:, None]
    with np.errstate(over="ignore", invalid="ignore"):
        ZZ = Z.T @ Zw
        Zx = {v: Zw.T @ ds.numeric(v)[system.sample] for v in enlist}
    if not (np.isfinite(ZZ).all() and all(np.isfinite(c).all() for c in Zx.values())):
        raise StataError("matrix has missing values", 504)  # cross-products past the largest double
    coef_inv = np.linalg.pinv(ZZ)
    fitted = {}
    for v in enlist:
        with np.errstate(over="ignore", invalid="ignore"):
            fitted[v] = Z @ (coef_inv @ Zx[v])
        if not np.isfinite(fitted[v]).all():
            raise StataError("matrix has missing values", 504)
    out = []
    for design, eq in zip(system.designs, system.eqs):
        X = eq.X.copy()
        est = [lab for lab in design.labels if not (lab.base or lab.omitted)]
        for j, lab in enumerate(est):
            if lab.name in fitted:
                X[:, j] = fitted[lab.name]
        out.append(X)
    return out


def _show_first_stages(session, cmd, enlist, exlist, system, constant) -> None:
    """``first``: regress of each endogenous variable on the exogenous ones over the system's
    sample, printed as regress prints it; e() is put back afterwards."""
    from mlmcli.factor_terms import term_variables
    from mlmcli.runner import Runner, current_runner

    session.print("\nFirst-stage regressions\n-----------------------")
    variables = list(dict.fromkeys(s.depvar for s in system.specs))
    for s in system.specs:
        variables += term_variables(list(s.terms))
    variables = list(dict.fromkeys(variables + term_variables_safe(exlist)))
    cond = " & ".join(f"!missing({v})" for v in variables)
    if cmd.if_exp:
        cond = f"({cmd.if_exp}) & {cond}"
    where = f" if {cond}"
    if cmd.in_range is not None:
        where += f" in {cmd.in_range.first}" + (f"/{cmd.in_range.last}" if cmd.in_range.last else "")
    weight = f" [{cmd.weight.kind}={cmd.weight.exp}]" if cmd.weight is not None else ""
    kept = session.e
    runner = current_runner(session) or Runner(session)
    try:
        for v in enlist:
            runner.execute(f"regress {v} {' '.join(exlist)}{where}{weight}" + ("" if constant else ", noconstant"))
    finally:
        session.e = kept


def term_variables_safe(names) -> list[str]:
    """The variables under design column names (``2.g`` -> g, ``x`` -> x)."""
    out = []
    for n in names:
        for part in n.split("#"):
            out.append(part.split(".", 1)[1] if "." in part else part)
    return out
