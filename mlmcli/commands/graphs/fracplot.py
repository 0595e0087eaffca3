"""``fracplot [xvar [xaxisvar]] [if] [in] [, plotopts() ciopts() lineopts() rlopts()
twoway_options]`` after ``fracpoly regress`` (Stata 13's fracplot.ado): the component-plus-
residual plot -- fracpred's for(xvar) fitted component (the constant plus xvar's terms times
their b) against xaxisvar (default xvar), its c(level) band (component -/+ z stdp), and the
component plus fracpred's deviance residual as a scatter; title "Fractional Polynomial
(powers)" (", adjusted for covariates" on a second line when the model has covariates), ytitle
"Predictor+residual of y" ("Partial predictor+..." with covariates), xtitle xaxisvar's label,
legend(nodraw).  Drawn by ``graph twoway`` (rarea pstyle(ci); scatter pstyle(p1); line
lstyle(refline) pstyle(p2)); the plots get ``sort`` instead of fracplot's sortpreserve sort of
the data.  After fracpoly with another command (fracpred's dresid is regress's only in mlm) and
with plot()/addplot() fracplot is refused by name."""
from __future__ import annotations

from mlmcli.errors import StataError
from mlmcli.syntax.settings import setting_value
from mlmcli.syntax.options import OptionSpec

OWN = [OptionSpec("plotopts", 5, takes_arg=True), OptionSpec("ciopts", 4, takes_arg=True),
       OptionSpec("lineopts", 5, takes_arg=True), OptionSpec("rlopts", 5, takes_arg=True),
       OptionSpec("plot", 4, takes_arg=True), OptionSpec("addplot", 7, takes_arg=True)]


def cmd_fracplot(session, cmd) -> None:
    from mlmcli.commands.program.time_series_names import temporary_name
    from mlmcli.distributions import norm
    from mlmcli.parser import parse_arguments
    from mlmcli.runner import Runner, current_runner
    from mlmcli.syntax.options import resolve_options

    e = session.e
    if e is None or e.macros.get("fp_cmd") != "fracpoly":
        raise StataError("last estimates not found", 301)
    command = e.macros.get("cmd", "")
    if command in ("clogit", "mlogit", "mprobit", "stcrreg"):
        raise StataError(f"{command} not supported by fracplot", 198)
    if command != "regress":
        raise StataError(f"fracplot after fracpoly {command} is not implemented in mlm (regress only)", 199)
    line = parse_arguments(cmd.args, "fracplot")
    own = [o for o in line.options if any(s.matches(o.name) for s in OWN)]
    rest = [o for o in line.options if o not in own]
    opts = resolve_options(own, OWN)
    if opts.get("plot") is not None or opts.get("addplot") is not None:
        raise StataError("fracplot's options plot() and addplot() are not implemented in mlm", 198)
    ds = session.data
    words = line.args.split()
    if len(words) > 2:
        raise StataError("too many variables specified", 103)
    count = int(e.scalars.get("fp_nx", 1))
    if words:
        rhs = ds.resolve(words[0])
        x = ds.resolve(words[1]) if len(words) == 2 else rhs
        number = next((i for i in range(1, count + 1) if e.macros.get(f"fp_x{i}") == rhs
                       and e.macros.get(f"fp_k{i}") != "."), None)
        if number is None:
            raise StataError(f"{rhs} not in model", 198)
    else:
        number, rhs = 1, e.macros["fp_x1"]
        x = rhs
    powers = e.macros.get(f"fp_k{number}", "")
    title = f'"{e.macros.get("fp_t1t", "Fractional Polynomial")} ({powers})' + (
        ',"' + ' "adjusted for covariates"' if count > 1 else '"')
    y = e.macros.get("fp_depv", "")
    where = " ".join(filter(None, [f"if {line.if_exp}" if line.if_exp else "",
                                   (f"in {line.in_range.first}" + (f"/{line.in_range.last}" if line.in_range.last
                                                                   else "")) if line.in_range else ""]))
    runner = current_runner(session) or Runner(session)
    temps: list[str] = []

    def temp() -> str:
        name = temporary_name(session)
        temps.append(name)
        return name

    level = setting_value(session, "level")
    try:
        dr, eta, se, low, high, yv = (temp() for _ in range(6))
        runner.execute(f"quietly fracpred {dr}, dresid")
        runner.execute(f"quietly fracpred {eta}, for({rhs})")
        runner.execute(f"quietly fracpred {se}, for({rhs}) stdp")
        z = float(norm.ppf(0.5 + level / 200))
        ds.set_variable(low, ds.numeric(eta) - z * ds.numeric(se), "float")
        ds.set_variable(high, ds.numeric(eta) + z * ds.numeric(se), "float")
        ds.set_variable(yv, ds.numeric(eta) + ds.numeric(dr), "float")
        import numpy as np

        predictor = "Partial predictor" if count > 1 else "Predictor"
        ytitle = f"{predictor}+residual of {y}" if np.isfinite(ds.numeric(yv)).any() else f"{predictor} of {y}"
        xtitle = ds.var_labels.get(x) or x
        typed = " ".join(o.name if o.arg is None else f"{o.name}({o.arg})" for o in rest)
        runner.execute(
            f"graph twoway (rarea {low} {high} {x} {where}, sort pstyle(ci) {opts.get('ciopts') or ''}) "
            f'(scatter {yv} {x} {where}, title({title}) ytitle("{ytitle}") xtitle("{xtitle}") pstyle(p1) '
            f"legend(nodraw) {typed} {opts.get('plotopts') or ''}) "
            f"(line {eta} {x} {where}, sort lstyle(refline) pstyle(p2) {opts.get('rlopts') or ''} "
            f"{opts.get('lineopts') or ''})")
    finally:
        gone = [t for t in temps if t in ds.varnames]
        if gone:
            ds.drop_variables(gone)
