"""``xtivreg``: instrumental variables for panel data (xtivreg.ado 1.9.0's estimators).

    xtivreg depvar [varlist1] (varlist2 = varlist_iv) [if] [in] [, re|fe|be|fd ec2sls nosa
        vce(conventional|robust|cluster c|bootstrap[, reps() seed() nodots]) first small theta noconstant (fd) lm (fe) level(#)
        i(panelvar) display_options]

Engine: ``mlmcli.panel.instrumental_variables`` (formulas there); layout:
``mlmcli.render.panel_iv``.  vce(robust) clusters at the panels, as the ado does.  Refused,
never ignored: vce(jackknife), vce(bootstrap) with fd.
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.estimation.common import display_option_specs
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

OPTIONS = [OptionSpec("re", 2), OptionSpec("fe", 2), OptionSpec("be", 2), OptionSpec("fd", 2),
           OptionSpec("first", 5), OptionSpec("nosa", 4), OptionSpec("i", 1, takes_arg=True),
           OptionSpec("regress", 3), OptionSpec("theta", 2), OptionSpec("noconstant", 6),
           OptionSpec("ec2sls", 2), OptionSpec("small", 2), OptionSpec("lm", 2),
           OptionSpec("level", 1, takes_arg=True), OptionSpec("vce", 3, takes_arg=True),
           *display_option_specs()]



def _split(args: str) -> tuple[str, str, str, str]:
    """``depvar exog (endog = inst) exog`` -> (depvar, exog, endog, inst)."""
    if args.count("(") != 1 or args.count(")") != 1 or args.index("(") > args.index(")"):
        if "(" not in args:
            raise StataError("no endogenous variables specified", 198)
        raise StataError('syntax is "(all instrumented variables = instrument variables)"', 198)
    before, rest = args.split("(", 1)
    inside, after = rest.split(")", 1)
    if "=" not in inside:
        raise StataError('syntax is "(all instrumented variables = instrument variables)"\n'
                         'the equal sign "=" is required', 198)
    endog, inst = (part.strip() for part in inside.split("=", 1))
    words = before.split()
    if not words:
        raise StataError("invalid syntax", 198)
    return words[0], " ".join(words[1:] + after.split()), endog, inst


def _model(opts: dict) -> str:
    chosen = [w for w in ("re", "be", "fe", "fd") if opts.get(w)]
    if len(chosen) > 1:
        raise StataError("only one model may be specified ", 198)
    model = chosen[0] if chosen else "re"
    for name in ("ec2sls", "nosa", "theta"):
        if opts.get(name) and model != "re":
            raise StataError(f"option {name} may not be specified with {model}", 198)
    if opts.get("noconstant") and model != "fd":
        raise StataError(f"option noconstant invalid in {model} model", 198)
    if opts.get("first") and opts.get("regress"):
        raise StataError("options first and regress may not be specified together", 198)
    if opts.get("lm") and model != "fe":
        raise StataError("option lm not allowed", 198)
    return model


_VCE_TYPES = (("conventional", 12), ("robust", 1), ("cluster", 2), ("bootstrap", 4), ("jackknife", 4))


def _vce(ds, text) -> tuple[str, str | None]:
    """conventional | robust | cluster c (the ado's VceType/Variance/Clusters)."""
    words = str(text or "").split()
    if not words or words == ["conventional"]:
        return "conventional", None
    key = words[0].split(",")[0]  # _vce_parse: the type with its case
    if len(key) >= 4 and "bootstrap".startswith(key):
        return "bootstrap", None
    if len(key) >= 4 and "jackknife".startswith(key):
        raise StataError("vce(jackknife) is not implemented for xtivreg in mlmcli", 198)
    if len(words) == 1 and len(key) >= 1 and "robust".startswith(key):
        return "robust", None
    if len(words) == 2 and len(key) >= 2 and "cluster".startswith(key):
        return "cluster", ds.resolve(words[1])
    if not any(len(key) >= k and name.startswith(key) for name, k in _VCE_TYPES):
        # xtivreg.ado's VceType: ``cap noi syntax, [conventional Robust CLuster BOOTstrap
        # JACKknife]`` prints syntax's refusal, then its own line (not _vce_parse's message)
        raise StataError(f"option {key} not allowed\nThe vce() option is misspecified.", 198)
    raise StataError("invalid vce() option", 198)  # a known type with the wrong words (Variance)


def cmd_xtivreg(session, cmd) -> None:
    from mlmcli.estimation.active import replay_results

    if not cmd.args.strip():
        e = replay_results(session, ("xtivreg",))
        opts = resolve_options(cmd.options, [OptionSpec("level", 1, takes_arg=True), *display_option_specs()])
        import dataclasses

        from mlmcli.commands.estimation.xtivreg_fit import show

        # the ado's replay shows no theta (DispRE without thetad)
        return show(session, dataclasses.replace(e.result, theta=None, theta_quantiles=None), e.model, opts)
    opts = resolve_options(cmd.options, OPTIONS)
    model = _model(opts)
    from mlmcli.commands.estimation.xtivreg_fit import fit_xtivreg

    dep, exog, endog, inst = _split(cmd.args)
    if opts.get("regress") and endog.strip():  # the ado: the instruments are the endogenous themselves
        inst = endog
    fit_xtivreg(session, cmd, model, opts, (dep, exog, endog, inst), _vce(session.data, opts.get("vce")))

