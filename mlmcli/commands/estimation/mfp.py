"""``mfp``: multivariable fractional polynomials (Stata 13's mfp.ado and mfp_10.ado).

    mfp [, options] : regression_cmd [yvar] xvarlist [if] [in] [, regression_cmd_options]
    mfp regression_cmd [yvar] xvarlist [if] [in] [, options regression_cmd_options]   (mfp_10)
    mfp [, level(#) display_options]                                                  (replay)

regression_cmd: regress, logit, logistic, probit, poisson, glm, stcox (fracpoly_models'
deviances).  options: alpha(), select(), df(), dfdefault(), cycles(), xorder(+|-|n), powers(),
xpowers(), center()/adjust(), zero(), catzero(), sequential, noscaling, all, level().  The
backfitting and closed tests are ``multivariable_fp``; the log and the table ``render.mfp``; the
final model is the command's, fitted on the generated terms (fracgen's Ix__1 ... as fracpoly names
them).  What mlm does not run is refused by name (``REFUSED``); docs/mfp.md.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec

MFP_OPTIONS = [OptionSpec("alpha", 2, takes_arg=True), OptionSpec("select", 3, takes_arg=True),
               OptionSpec("df", 2, takes_arg=True), OptionSpec("dfdefault", 3, takes_arg=True),
               OptionSpec("cycles", 3, takes_arg=True), OptionSpec("xorder", 2, takes_arg=True),
               OptionSpec("powers", 2, takes_arg=True), OptionSpec("center", 4, takes_arg=True),
               OptionSpec("adjust", 3, takes_arg=True), OptionSpec("noscaling", 5), OptionSpec("level", 3, takes_arg=True),
               OptionSpec("sequential", 3), OptionSpec("xpowers", 2, takes_arg=True), OptionSpec("all", 3),
               OptionSpec("zero", 3, takes_arg=True), OptionSpec("catzero", 3, takes_arg=True)]
# mfp_10's other options: not run by mlm, refused by name
REFUSED = [OptionSpec(name, k, takes_arg=arg) for name, k, arg in (
    ("addpowers", 3, True), ("fixpowers", 3, True), ("aic", 3, False), ("fp01", 4, False),
    ("notestlinear", 6, False), ("dead", 4, True), ("noconstant", 6, False))]
OTHER_COMMANDS = ("clogit", "intreg", "mlogit", "nbreg", "ologit", "oprobit", "qreg", "streg", "xtgee", "cnreg",
                  "cox", "ereg", "weibull", "stcrreg", "rreg", "fit", "mprobit", "stpm")


def cmd_mfp(session, cmd) -> None:
    from mlmcli.textscan import find_top

    text = cmd.args.strip()
    if not text or (text.startswith(",") and find_top(text, ":") < 0):
        from mlmcli.commands.estimation.mfp_results import replay

        replay(session, text)
        return
    own, command_text = _split(text)
    _run(session, own, command_text, text)


def _split(text: str):
    """(mfp's options, the regression command's text) in either syntax."""
    from mlmcli.parser import parse_arguments
    from mlmcli.textscan import find_top

    colon = find_top(text, ":")
    if colon < 0:
        return None, text  # mfp_10's syntax: the options are mixed with the command's
    head = parse_arguments(text[:colon], "mfp")
    if head.args.strip() or head.if_exp or head.in_range or head.weight:
        raise StataError("invalid syntax", 198)
    return list(head.options), text[colon + 1:].strip()


def _sort_options(options):
    ours, passed = [], []
    for o in options:
        low = o.name
        if any(s.matches(low) for s in REFUSED):
            shown = f"{o.name}()" if o.arg is not None else o.name
            raise StataError(f"mfp's option {shown} is not implemented in mlm", 198)
        (ours if any(s.matches(low) for s in MFP_OPTIONS) else passed).append(o)
    return ours, passed


def _run(session, own, command_text: str, full: str) -> None:
    from mlmcli.commands.estimation.fracpoly_models import model_options, parse_estimation_command
    from mlmcli.syntax.options import resolve_options

    name, inner = parse_estimation_command(command_text, "mfp", OTHER_COMMANDS)
    if own is None:
        ours, passed = _sort_options(list(inner.options))
    else:
        ours, unknown = _sort_options(list(own))
        if unknown:  # newmfp hands mfp's options to mfp_10's syntax, which knows no others
            from mlmcli.errors import option_not_allowed

            raise option_not_allowed(unknown[0].name, unknown[0].arg)
        passed = list(inner.options)  # newmfp: all the command's (mfp's own there reach the command)
    opts = resolve_options(ours, MFP_OPTIONS)
    fit_options = model_options(name, passed, prefix="mfp")
    typed = " ".join(o.name if o.arg is None else f"{o.name}({o.arg})" for o in passed)
    if opts.get("level") is not None:
        typed = f"{typed} level({opts['level']})".strip()
    from mlmcli.commands.estimation.mfp_results import fit_and_show

    fit_and_show(session, full, name, inner, opts, typed, fit_options)
