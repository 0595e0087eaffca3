"""``xtserial`` (Drukker 2003, SSC; Stata Journal 3(2): 168-177): Wooldridge's test for
serial correlation in panel data.

    xtserial depvar [indepvars] [if] [in] [, output]

The data must be xtset (tsset) with a panel and a time variable (xtserial.ado's "panel variable
not specified" / "time variable not specified", r(498)).  Engine: ``panel.serial_correlation``.
The text is the published log's (``H0: no first-order autocorrelation``; version 1.1.0 of the
ado printed "first order").  ``output`` (the first regression shown) is refused: mlm's regress
takes no time-series operated depvar.  e() is left as it was (the ado leaves its second
regression's).  Returns r(corr), r(df_r), r(F), r(df), r(p).
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options


def cmd_xtserial(session, cmd) -> None:
    from mlmcli.dataset import panel_setting, time_setting
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
    if opts.get("output"):  # regress D.y ... needs a time-series operated depvar, which mlm's regress lacks
        raise StataError("option output is not available with xtserial in mlmcli", 198)
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

