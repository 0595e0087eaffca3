"""``dfbeta [varlist] [, stub(name)]`` after ``regress`` or ``anova`` ([R] regress
postestimation; dfbeta.ado): for each coefficient of varlist (default: every estimable one
but _cons) ``predict float stub#, dfbeta(x)`` -- its own notes included -- and the line
``stub#: dfbeta(x)``, the name right-aligned in 32 columns.  ``stub#`` is the first name
``stub1``, ``stub2``, ... not yet in the data (default stub ``_dfbeta_``); a stub longer than
20 characters is r(198).  _isfit's refusals: after another command ``last estimates not
found`` r(301), without a constant ``not appropriate after regress, nocons`` r(301)."""
from __future__ import annotations

from mlmcli.commands.postestimation.regress_diagnostics import isfit, no_if_in
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options


def _coefficients(session, e, text: str) -> list[str]:
    """The estimable coefficient names the varlist names (all but _cons when empty)."""
    names = [lab.name for lab in e.model.coef_labels if not (lab.base or lab.omitted) and lab.name != "_cons"]
    if not text.strip():
        return names
    out: list[str] = []
    for word in text.split():
        name = word if word in names else session.data.resolve(word)
        if name not in names:
            raise StataError(f"{name} not found in list of covariates", 322)
        if name not in out:
            out.append(name)
    return out


def cmd_dfbeta(session, cmd) -> None:
    from mlmcli.render.regress_diagnostics import render_dfbeta
    from mlmcli.results.regress_diagnostics import DfbetaLine
    from mlmcli.runner import current_runner

    e = isfit(session)
    no_if_in(cmd)
    opts = resolve_options(cmd.options, [OptionSpec("stub", 4, takes_arg=True)])
    stub = str(opts.get("stub") or "_dfbeta_").strip()
    if len(stub) > 20:
        raise StataError("stub name too long, must be at most 20 characters", 198)
    from mlmcli.syntax.varlist import NAME_RE

    if not NAME_RE.match(stub + "1"):
        raise StataError(f"{stub} invalid name", 198)
    variables = _coefficients(session, e, cmd.args)
    runner = current_runner(session)
    if runner is None:
        raise StataError("dfbeta: cannot run predict here", 198)
    i, made = 1, []
    try:
        for x in variables:
            while f"{stub}{i}" in session.data.varnames:
                i += 1
            name = f"{stub}{i}"
            runner.execute(f"predict float {name}, dfbeta({x})")
            made.append(name)
            session.print(render_dfbeta((DfbetaLine(name, x),)))
    except StataError:  # a failing command leaves the data as they were
        session.data.drop_variables([v for v in made if v in session.data.varnames])
        raise
