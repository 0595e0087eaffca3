"""``fracpoly``: the best fractional polynomial of x in a regression (Stata 13's fracpoly.ado,
fracpoly_10 and frac_154; mlm runs it with ``regress`` only).

    fracpoly regress y x [#...] [covariates] [if] [in] [, degree(#) powers(numlist) compare log
        adjust(mean|no|#) center(...) noscaling regress_options]
    fracpoly [, fracpoly_options] : regress y x [#...] [covariates] [if] [in] [, regress_options]

Searches x's FPs of degree 1..degree() with the covariates in every model (``fractional_polynomials.search``),
drops the variables I<x's first 4 letters>* (frac_mun's purge), generates the best powers'
terms as fracgen does (``Ix__1``, ``Ix__2``, centred at the mean of x), fits the final regress
(its table) and prints ``Deviance: ... Best powers ...``; ``compare`` adds the closed-test table.
Powers typed after x fix them (no search).  The other estimation commands, weights and the
options mlm does not run are refused by name.
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.estimation.fracpoly_models import model_options, parse_estimation_command
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec

FRACPOLY_OPTIONS = [OptionSpec("degree", 3, takes_arg=True), OptionSpec("powers", 2, takes_arg=True),
                    OptionSpec("compare", 3), OptionSpec("log", 2), OptionSpec("adjust", 2, takes_arg=True),
                    OptionSpec("center", 4, takes_arg=True), OptionSpec("noscaling", 5)]
# fracpoly's and frac_154's other options: refused by name rather than passed to regress
REFUSED_OPTIONS = [OptionSpec(name, k, takes_arg=arg) for name, k, arg in (
    ("addpowers", 3, True), ("devthr", 3, True), ("sequential", 3, False), ("all", 3, False),
    ("dead", 4, True), ("expx", 4, True), ("zero", 3, False), ("catzero", 4, False), ("origin", 3, True),
    ("report", 3, True), ("noconstant", 3, False), ("name", 2, True), ("restrict", 8, True),
    ("hascons", 7, False), ("tsscons", 7, False))]  # the last three change the fits the search ranks
ESTIMATION_COMMANDS = ("logit", "logistic", "probit", "poisson", "glm", "stcox", "streg", "cox", "clogit",
                       "nbreg", "ologit", "oprobit", "mlogit", "qreg", "xtgee", "intreg", "tobit", "cnreg")


def _split_prefix(session, args: str):
    """(fracpoly's options, the estimation command's text) in either syntax."""
    from mlmcli.parser import parse_arguments
    from mlmcli.textscan import find_top

    colon = find_top(args, ":")
    if colon >= 0:
        own = parse_arguments(args[:colon], "fracpoly")
        if own.args.strip() or own.if_exp or own.in_range or own.weight:
            raise StataError("invalid syntax", 198)
        return list(own.options), args[colon + 1:].strip()
    return [], args.strip()


def cmd_fracpoly(session, cmd) -> None:
    from mlmcli.textscan import find_top

    if not cmd.args.strip() or (cmd.args.strip().startswith(",") and find_top(cmd.args, ":") < 0):
        from mlmcli.commands.estimation.fracpoly_output import replay

        replay(session, cmd.args)
        return
    prefix_options, text = _split_prefix(session, cmd.args)
    name, inner = parse_estimation_command(text, "fracpoly", ESTIMATION_COMMANDS)
    ours, passed, passed_options = _sort_options(prefix_options + list(inner.options))
    fit_options = model_options(name, passed_options)
    if name == "stcox":
        from mlmcli.survival.settings import is_st

        if not is_st(session.data.chars):
            raise StataError("data not st", 119)
        y, x, fixed, base = _variables(session, "_t " + inner.args)
    else:
        y, x, fixed, base = _variables(session, inner.args)
    _run(session, cmd, inner, ours, passed, y, x, fixed, base, name, fit_options)


def _sort_options(options):
    """fracpoly's options (resolved), the command's (as typed) and those options."""
    from mlmcli.syntax.options import resolve_options

    ours, passed = [], []
    for o in options:
        low = o.name
        if any(s.matches(low) for s in REFUSED_OPTIONS):
            raise StataError(f"fracpoly's option {o.name}() is not implemented in mlm"
                             if o.arg is not None else f"fracpoly's option {o.name} is not implemented in mlm", 198)
        (ours if any(s.matches(low) for s in FRACPOLY_OPTIONS) else passed).append(o)
    resolved = resolve_options(ours, FRACPOLY_OPTIONS)
    if resolved.get("adjust") is not None and resolved.get("center") is not None:
        raise StataError("options adjust() and center() may not be specified together", 198)
    typed = " ".join(o.name if o.arg is None else f"{o.name}({o.arg})" for o in passed)
    return resolved, typed, passed


def _variables(session, text: str):
    """depvar, x, x's fixed powers (None: search) and the covariates."""
    words = text.split()
    if not words:
        raise StataError("varlist required", 100)
    ds = session.data
    y = ds.resolve(words[0])
    if len(words) < 2:
        raise StataError("no xvar found", 198)
    x_names = ds.expand_varlist(words[1])
    if len(x_names) > 1:
        raise StataError(f"{words[1]} ambiguous---xvar [#] required before covariate model is specified", 198)
    x = x_names[0]
    powers, rest = [], words[2:]
    while rest and _is_number(rest[0]):
        powers.append(float(rest.pop(0)))
    base: list[str] = []
    for word in rest:
        if _is_number(word):
            raise StataError("fracpoly: powers of a covariate are not implemented in mlm", 198)
        if any(c in word for c in ".#"):
            raise StataError("factor-variable and time-series operators not allowed", 101)
        base.extend(ds.expand_varlist(word))
    return y, x, tuple(powers) or None, base


def _is_number(word: str) -> bool:
    try:
        float(word)
    except ValueError:
        return False
    return True


def _run(session, cmd, inner, opts, passed, y, x, fixed, base, command, fit_options) -> None:
    from mlmcli.commands.estimation.fracpoly_output import fit_and_show

    degree = 2
    if opts.get("degree") is not None:
        try:
            degree = int(str(opts["degree"]).strip())
        except ValueError:
            raise StataError("invalid option degree()", 198) from None
        if not 1 <= degree <= 9:
            raise StataError("invalid option degree()", 198)
    powers = None
    if opts.get("powers") is not None:
        from mlmcli.syntax.numlist import numlist

        powers = tuple(float(v) for v in numlist(str(opts["powers"])))
        if not powers:
            raise StataError("no powers given", 2002)
    adjust = opts.get("adjust") if opts.get("adjust") is not None else opts.get("center")
    fit_and_show(session, cmd, inner, y, x, base, fixed, degree, powers, adjust, not opts.get("noscaling"),
                 bool(opts.get("compare")), bool(opts.get("log")), passed, command, fit_options)
