"""``xtserial`` (Drukker 2003, SSC; Stata Journal 3(2): 168-177): Wooldridge's test for
serial correlation in panel data.

    xtserial depvar [indepvars] [if] [in] [, output]

The data must be xtset (tsset) with a panel and a time variable (xtserial.ado's "panel variable
not specified" / "time variable not specified", r(498)).  Engine: ``panel.serial_correlation``.
The text is the published log's (``H0: no first-order autocorrelation``; version 1.1.0 of the
ado printed "first order").  ``output`` shows the first regression, ``regress D.y D.(x...),
noconstant vce(cluster panel)``, as a published log of ``xtserial ..., output`` does.  e() is
left as it was (the ado leaves its second regression's).  Returns r(corr), r(df_r), r(F), r(df), r(p).
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options


def cmd_xtserial(session, cmd) -> None:
    from mlmcli.panel.time_settings import panel_setting, time_setting
    from mlmcli.panel.serial_correlation import wooldridge_test
    from mlmcli.panel.time_settings import from_hex21
    from mlmcli.render.numfmt import format_number
    from mlmcli.sample import mark_sample

    opts = resolve_options(cmd.options, [OptionSpec("output", 1)])
    ds = session.data
    if not cmd.args.strip():
        raise StataError("varlist required", 100)
    names = ds.expand_varlist(cmd.args)
    for n in names:
        if ds.is_string(n):
            raise StataError(f"string variables not allowed in varlist;\n{n} is a string variable", 109)
    rows = np.asarray(mark_sample(session, cmd, names), bool)
    ivar, tvar = panel_setting(ds), time_setting(ds)
    if not tvar and not ivar:
        raise StataError("time variable not set, use tsset varname ...", 111)
    if not ivar:
        raise StataError("panel variable not specified", 498)
    if not tvar:
        raise StataError("time variable not specified", 498)
    y = ds.numeric(names[0])
    X = np.column_stack([ds.numeric(n) for n in names[1:]]) if len(names) > 1 else np.zeros((ds.nobs, 0))
    if X.shape[1] == 0:
        raise StataError("no observations", 2000)  # regress D.y, noconstant: no regressors
    if opts.get("output"):
        _show_first_differences(session, cmd, names, ivar)
    try:
        test = wooldridge_test(y, X, ds.numeric(ivar), ds.numeric(tvar), from_hex21(ds.chars.get("_TSdelta")), rows)
    except ValueError:
        raise StataError("no observations", 2000) from None
    except np.linalg.LinAlgError:
        raise StataError("matrix not positive definite", 506) from None
    session.print("\n".join(["", "Wooldridge test for autocorrelation in panel data",
                             "H0: no first-order autocorrelation",
                             "    F(" + format_number(test.df, "%3.0f") + "," + format_number(test.df_r, "%8.0f")
                             + ") = " + format_number(test.F, "%10.3f"),
                             "           Prob > F = " + format_number(test.p, "%11.4f")]))
    session.set_r({"corr": test.corr, "df_r": float(test.df_r), "F": test.F, "df": float(test.df), "p": test.p})



def _show_first_differences(session, cmd, names: list[str], ivar: str) -> None:
    """``output``: the regression in first differences, clustered by panel, printed as regress
    prints it; e() is put back afterwards (xtserial leaves no estimates of its own here)."""
    from mlmcli.runner import Runner, current_runner

    qualifiers = (f" if {cmd.if_exp}" if cmd.if_exp else "") + (
        f" in {cmd.in_range.first}" + (f"/{cmd.in_range.last}" if cmd.in_range.last else "")
        if cmd.in_range is not None else "")
    kept = session.e
    runner = current_runner(session) or Runner(session)
    try:
        runner.execute(f"regress D.{names[0]} D.({' '.join(names[1:])}){qualifiers}, noconstant vce(cluster {ivar})")
    finally:
        session.e = kept
