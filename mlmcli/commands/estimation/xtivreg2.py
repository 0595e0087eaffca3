"""``xtivreg2`` (SSC; Schaffer): ivreg2 on within-transformed panel data.

    xtivreg2 depvar [varlist1] (varlist2 = varlist_iv) [if] [in], fe|fd [ivar(panelvar) ivreg2 options]

As xtivreg2.ado does: singleton panels are dropped (with its warning); every variable is
demeaned within panels; ivreg2 runs without a constant and with dofminus = N_g, the number of
panels, so large-sample statistics use N - N_g; cluster() must nest the panels.  The output is
its FIXED EFFECTS ESTIMATION block (groups and their sizes) and then ivreg2's.  e(df_a) = N_g,
e(df_b) the regressors, e(df_m) = N_g + df_b (cluster: df_b), e(sigma_e) the root MSE.  fd (first
differences) runs ivreg2 on D. of every variable, with its FIRST DIFFERENCES ESTIMATION block;
the ivreg2 options ivreg2 itself refuses here are refused.
"""
from __future__ import annotations

import dataclasses

import numpy as np

from mlmcli.commands.estimation.ivreg2 import OPTIONS, REFUSED, REPLAY, ARG_OPTIONS, show, fit_and_post
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options
from mlmcli.sorted_codes import unique_rows

XT_OPTIONS = [OptionSpec("fe", 2), OptionSpec("fd", 2), OptionSpec("ivar", 1, takes_arg=True), *OPTIONS]


def cmd_xtivreg2(session, cmd) -> None:
    from mlmcli.estimation.active import replay_results

    if not cmd.args.strip():
        e = replay_results(session, ("xtivreg2",))
        return show(session, e.result, resolve_options(cmd.options, REPLAY))
    opts = resolve_options(cmd.options, XT_OPTIONS)
    if bool(opts.get("fe")) == bool(opts.get("fd")):
        raise StataError("error - must specify either fe or fd option", 198)
    for name in REFUSED:
        if opts.get(name) not in (None, False):
            raise StataError(f"xtivreg2's {name}{'()' if name in ARG_OPTIONS else ''} option is not implemented in mlmcli", 198)
    if cmd.weight is not None:
        raise StataError("weights are not implemented for xtivreg2 in mlmcli", 101)
    from mlmcli.commands.estimation.panel_common import panel_variable

    if opts.get("partial"):
        raise StataError("xtivreg2's partial() option is not implemented in mlmcli", 198)
    if len(str(opts.get("cluster") or "").split()) > 1:
        raise StataError("xtivreg2's two-way cluster() is not implemented in mlmcli", 198)
    ivar = panel_variable(session, opts.get("ivar"))
    if opts.get("fd"):
        return first_differences(session, cmd, opts, ivar)
    opts["noconstant"] = True  # the within transformation removes the constant
    opts["_markout"] = (ivar,)
    codes_all = session.data.numeric(ivar) if not session.data.is_string(ivar) else \
        session.data.df[ivar].astype(str).to_numpy()

    def within(data, sample, clustvar):
        return fixed_effects(session, data, sample, codes_all, ivar, clustvar)

    fit_and_post(session, cmd, opts, panel=within)


def first_differences(session, cmd, opts, ivar: str) -> None:
    """fd: ivreg2 on D. of every variable (the constant kept), the FIRST DIFFERENCES ESTIMATION
    block counting the panels of the differenced sample."""
    from mlmcli.commands.estimation.ivregress import split_iv_equation
    from mlmcli.commands.estimation.panel_common import time_variable

    tvar = time_variable(session)
    if not tvar:
        raise StataError("must specify timevar; use xtset", 459)
    dep, exog, endog, inst = split_iv_equation(cmd.args)
    words = [dep] + exog.split() + endog.split() + inst.split()
    if any("." in w or "#" in w for w in words):  # mlmcli's restriction
        raise StataError("xtivreg2's fd with factor variables or time-series operators is not implemented in mlmcli",
                         198)
    d = lambda text: " ".join(f"D.{w}" for w in text.split())  # noqa: E731
    args = f"D.{dep} {d(exog)}" + (f" ({d(endog)} = {d(inst)})" if endog or inst else "")
    opts["_markout"] = (ivar,)
    values = session.data.numeric(ivar) if not session.data.is_string(ivar) else \
        session.data.df[ivar].astype(str).to_numpy()

    def groups(data, sample, clustvar):
        from mlmcli.panel.groups import panel_codes

        T = np.bincount(panel_codes(values[np.flatnonzero(sample)])).astype(float)
        header = ("FIRST DIFFERENCES ESTIMATION", len(T), float(T.min()), float(T.mean()), float(T.max()))
        scalars = {"N_g": float(len(T)), "g_min": float(T.min()), "g_avg": float(T.mean()), "g_max": float(T.max())}
        macros = {"cmd": "xtivreg2", "xtmodel": "fd", "ivar": ivar, "tvar": tvar, "predict": "xtivreg2_p"}
        return data, sample, 0, {"header": header, "scalars": scalars, "macros": macros}

    fit_and_post(session, dataclasses.replace(cmd, args=args), opts, panel=groups)


def fixed_effects(session, data, sample, values, ivar: str, clustvar):
    from mlmcli.panel.groups import Panels, panel_codes

    rows = np.flatnonzero(sample)
    codes = panel_codes(values[rows])
    sizes = np.bincount(codes)
    single = sizes[codes] == 1
    if single.any():
        session.print(f"Warning - singleton groups detected.  {int(single.sum())} observation(s) not used.")
    keep = ~single
    if not keep.any():  # every panel a singleton: nothing left to demean (decided: r(2000))
        raise StataError("no observations", 2000)
    sample = sample.copy()
    sample[rows[~keep]] = False
    panels = Panels(panel_codes(values[rows[keep]]))
    if clustvar and clustvar != ivar and data.cluster is not None:
        pairs = unique_rows(np.column_stack([panels.codes, data.cluster[keep]]))
        if len(pairs) > panels.n:
            raise StataError("cluster option not supported if a panel spans more than one cluster", 198)
    w = data.w[keep]
    dm = lambda a: panels.within(a[keep], w)  # noqa: E731
    X1 = dm(data.X1)
    if X1.size and np.any(np.all(np.abs(X1) < 1e-12 * (1 + np.abs(data.X1[keep]).max(axis=0)), axis=0)):
        raise StataError(f"independent variables are collinear with the panel variable {ivar}", 198)
    new = dataclasses.replace(data, y=dm(data.y), Y=dm(data.Y), X1=X1, Z1=dm(data.Z1), w=w,
                              cluster=data.cluster[keep] if data.cluster is not None else None, constant=False)
    n_g = panels.n
    T = panels.sizes
    header = ("FIXED EFFECTS ESTIMATION", n_g, float(T.min()), float(T.mean()), float(T.max()))
    scalars = {"N_g": float(n_g), "g_min": float(T.min()), "g_avg": float(T.mean()), "g_max": float(T.max()),
               "df_a": float(n_g), "singleton": float(single.sum())}
    xt = {"header": header, "scalars": scalars,
          "macros": {"cmd": "xtivreg2", "xtmodel": "fe", "ivar": ivar, "predict": "xtivreg2_p"},
          "reference": (data.Y[keep], data.X1[keep], data.Z1[keep])}
    return new, sample, n_g, xt

