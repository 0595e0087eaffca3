"""``fp plot [if] [in], residuals(statistic|none) [level(#) legend() ciopts() plotopts()
lineopts() twoway_options]`` after the fp prefix (fp.ado's fp_plot): the fractional polynomial
component (fp predict, fp) against the fp variable, its level() confidence band (component -/+
z stdp, the normal quantile), and with a residuals() statistic of the command's predict the
component plus residual as a scatter; drawn by ``graph twoway`` (rarea, pstyle(ci); scatter,
pstyle(p1); line, lstyle(refline); legend(off) unless legend() is given; ytitle "Component+residual
of depvar" or "Component").  The lines are drawn in the order of the fp variable (fp.ado sorts
the data, sortpreserve: mlm gives the plots the ``sort`` option and leaves the data unsorted).
addplot() is refused."""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.settings import setting_value
from mlmcli.syntax.options import OptionSpec, confidence_level

OWN = [OptionSpec("residuals", 1, takes_arg=True), OptionSpec("equation", 2, takes_arg=True),
       OptionSpec("legend", 3, takes_arg=True), OptionSpec("level", 1, takes_arg=True),
       OptionSpec("ciopts", 4, takes_arg=True), OptionSpec("plotopts", 5, takes_arg=True),
       OptionSpec("lineopts", 5, takes_arg=True), OptionSpec("addplot", 7, takes_arg=True)]


def fp_plot(session, args: str) -> None:
    from mlmcli.commands.program.time_series_names import temporary_name
    from mlmcli.distributions import norm
    from mlmcli.parser import parse_arguments
    from mlmcli.runner import Runner, current_runner
    from mlmcli.syntax.options import resolve_options

    from mlmcli.commands.estimation.fp_replay import fp_results

    e = fp_results(session)
    line = parse_arguments(args, "fp")
    if line.args.strip():
        raise StataError("varlist not allowed", 101)
    own = [o for o in line.options if any(s.matches(o.name) for s in OWN)]
    rest = [o for o in line.options if o not in own]
    opts = resolve_options(own, OWN)
    if opts.get("residuals") is None:
        raise StataError("option residuals() required", 198)
    if opts.get("addplot") is not None:
        raise StataError("fp plot's option addplot() is not implemented in mlm", 198)
    level = confidence_level(opts, setting_value(session, "level"))
    residuals = str(opts["residuals"]).strip()
    runner = current_runner(session) or Runner(session)
    ds = session.data
    where = " ".join(filter(None, [f"if {line.if_exp}" if line.if_exp else "",
                                   f"in {line.in_range.first}" + (f"/{line.in_range.last}" if line.in_range.last else "") if line.in_range else ""]))
    temps: list[str] = []

    def temp() -> str:
        name = temporary_name(session)
        temps.append(name)
        return name

    x = e.macros["fp_variable"]
    try:
        comp, se = temp(), temp()
        runner.execute(f"quietly fp predict double {comp} {where}, fp")
        runner.execute(f"quietly fp predict double {se} {where}, stdp")
        z = float(norm.ppf(0.5 + level / 200))
        lb, ub = temp(), temp()
        ds.set_variable(lb, ds.numeric(comp) - z * ds.numeric(se), "double")
        ds.set_variable(ub, ds.numeric(comp) + z * ds.numeric(se), "double")
        touse = f"if !missing({comp})"
        plots = [f"(rarea {lb} {ub} {x} {touse}, sort pstyle(ci) {opts.get('ciopts') or ''})"]
        depvar = e.macros.get("depvar", "")
        if residuals != "none":
            resid, cpr = temp(), temp()
            runner.execute(f"quietly predict double {resid} {where}, {residuals}")
            ds.set_variable(cpr, ds.numeric(comp) + ds.numeric(resid), "double")
            plots.append(f"(scatter {cpr} {x} {touse}, pstyle(p1) {opts.get('plotopts') or ''})")
            title = "Component+residual" + (f" of {depvar}" if depvar else "")
        else:
            title = "Component"
        plots.append(f"(line {comp} {x} {touse}, sort lstyle(refline) {opts.get('lineopts') or ''})")
        legend = f"legend({opts['legend']})" if opts.get("legend") is not None else "legend(off)"
        typed = " ".join(o.name if o.arg is None else f"{o.name}({o.arg})" for o in rest)
        runner.execute(f'graph twoway {" ".join(plots)}, {legend} ytitle("{title}") {typed}')
    finally:
        gone = [t for t in temps if t in ds.varnames]
        if gone:
            ds.drop_variables(gone)
