"""``linktest [if] [in] [, cmd_options]``: Pregibon's link test ([R] linktest), as linktest.ado
does it: the last model's linear prediction ``_hat`` and its square ``_hatsq`` are the only
covariates of a refit of the same command on e(sample) (or on if/in), whose own output is the
test's; r(t) is _hatsq's t (z) statistic and r(df) the refit's e(df_r).  The model's e() is held
during the refit and restored after it (``estimates hold``/``unhold``), and _hat/_hatsq are
dropped, whether the refit succeeds or fails."""
from __future__ import annotations

from mlmcli.errors import StataError
from mlmcli.estimation.active import require

# the commands linktest.ado (Stata 13) refuses: `not possible after cmd` r(131)
_NOT_POSSIBLE = {"blogit", "bprobit", "corc", "glogit", "gprobit", "rreg", "mlogit", "zip", "zinb",
                 "biprobit", "sureg", "mvreg", "manova", "reg3", "heckprob", "eivreg"}
# the refit's command: linktest.ado refits logistic with logit and anova with regress
_REFIT = {"regress": "regress", "anova": "regress", "stepwise": "regress", "logistic": "logit",
          "cnsreg": "regress"}


def _command(e, options: str) -> tuple[str, str, str]:
    """The refit's command, dependent variable and options (linktest.ado's rules)."""
    cmd = e.cmd
    lhs = e.macros.get("depvar", "")
    cmd2 = e.macros.get("cmd2", "")
    if cmd2 == "stcox":
        cmd, lhs, options = "stcox", "", (options + " nohr").strip()
    elif cmd2 == "streg":
        cmd, lhs = "streg", ""
    if cmd in _NOT_POSSIBLE or cmd.startswith("xt") or cmd.startswith("iv"):
        raise StataError(f"not possible after {cmd}", 131)
    if cmd == "cnsreg":
        options = ""
    return _REFIT.get(cmd, cmd), lhs, options


def _option_text(cmd) -> str:
    return " ".join(o.name if o.arg is None else f"{o.name}({o.arg})" for o in cmd.options)


def cmd_linktest(session, cmd) -> None:
    from mlmcli.runner import current_runner

    if cmd.args.strip() or cmd.weight is not None:
        raise StataError("invalid syntax" if cmd.args.strip() else "weights not allowed", 101 if cmd.weight else 198)
    e = require(session)
    nxtcmd, lhs, options = _command(e, _option_text(cmd))
    ds = session.data
    if lhs and any(v not in ds.varnames for v in lhs.split()):  # confirm var (intreg: two)
        raise StataError(f"dependent variable {lhs} not found", 111)
    for name in ("_hat", "_hatsq"):
        if name in ds.varnames:
            raise StataError(f"{name} already defined", 110)
    runner = current_runner(session)
    if runner is None:
        raise StataError("linktest: cannot run the refit here", 198)
    touse, hat = _temp_name(session), _temp_name(session)
    wtype, wexp = e.macros.get("wtype", ""), e.macros.get("wexp", "")
    weight = f" [{wtype}{wexp if wexp.lstrip().startswith('=') else ' = ' + wexp}]" if wtype else ""
    held = session.e
    try:
        _mark(runner, touse, cmd)
        runner.execute(f"quietly predict double {hat} if {touse}, xb")
        depvar = e.macros.get("depvar", "").split()[:1]  # `e(depvar)' < . reads the first
        usable = ds.numeric(hat)[ds.numeric(touse) != 0]
        if depvar and depvar[0] in ds.varnames:
            y = ds.numeric(depvar[0])[ds.numeric(touse) != 0]
            usable = usable[~(_missing(usable) | _missing(y))]
        else:
            usable = usable[~_missing(usable)]
        if len(usable) < 3:
            raise StataError("insufficient observations", 2001)
        runner.execute(f"quietly generate double _hat = {hat}")
        runner.execute("quietly generate double _hatsq = _hat^2")
        tail = f", {options}" if options else ""
        runner.execute(f"{nxtcmd} {lhs} _hat _hatsq{weight} if {touse}{tail}".replace("  ", " "))
        t, df = _refit_scalar(runner, session, "_b[_hatsq]/_se[_hatsq]"), _refit_scalar(runner, session, "e(df_r)")
    finally:
        session.e = held  # estimates unhold
        session.data.drop_variables([v for v in (touse, hat, "_hat", "_hatsq") if v in session.data.varnames])
    session.set_r({"t": t, "df": df})


def _mark(runner, touse: str, cmd) -> None:
    """linktest.ado's touse: e(sample), or the observations if/in select."""
    if cmd.if_exp is None and cmd.in_range is None:
        runner.execute(f"quietly generate byte {touse} = e(sample)")
        return
    runner.execute(f"quietly generate byte {touse} = 0")
    cond = f" if {cmd.if_exp}" if cmd.if_exp is not None else ""
    rng = ""
    if cmd.in_range is not None:
        rng = f" in {cmd.in_range.first}" + (f"/{cmd.in_range.last}" if cmd.in_range.last else "")
    runner.execute(f"quietly replace {touse} = 1{cond}{rng}")


def _refit_scalar(runner, session, exp: str) -> float:
    """The value of ``exp`` on the refit's e() (ret scalar t = _b[_hatsq]/_se[_hatsq])."""
    name = _temp_name(session)
    runner.execute(f"scalar {name} = {exp}")
    return session.scalars.pop(name)


def _missing(values):
    import numpy as np

    return np.isnan(values) | (values >= 8.98846567431158e307)


def _temp_name(session) -> str:
    """The next ``__000000`` name (tempvar's counter)."""
    counter = getattr(session, "_temp_counter", 0)
    session._temp_counter = counter + 1
    return f"__{counter:06X}"
