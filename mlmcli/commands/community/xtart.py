"""``xtart [name] [, fe re]`` (Volker Ludwig, SSC package xtfeis, xtart.ado 1.0 of 16apr2019): the
artificial regression test (ART) version of the Hausman test after ``xtfeis``.

As the ado: ``estimates restore name`` when a name is given; on e(sample) of the FEIS results,
``_pred_<var>`` (the variable minus its FEIS transform: the panel's fitted values from the
slope variables and the constant) of the depvar and of each indepvar, and ``_mean_<var>``
(panel means) of the depvar, the indepvars and the slope variables but the last column of Z
(the ado's loop over cols(Z) - 1 names: without noconstant, every slope variable).  Then
``quietly xtreg depvar indepvars slopevars <_pred_ indepvars> <_mean_ vars> if e(sample), re
vce(cluster ivar)`` -- the ado clusters whenever e(vcetype) is not empty, which after xtfeis is
always -- and by default ``test`` of the _pred_ variables (FEIS vs. FE); ``fe``: the same xtreg
with the _mean_ variables only, testing them (FE vs. RE); ``re``: with the _pred_ variables
only, testing them (FEIS vs. RE).  r(chi2), r(df), r(p) (macros, as the ado's ``return local``)
and r(estcmd); the added variables are dropped.

Kept out (refused): keep(), addvars(), predicted and predicted2(), and factor-variable or
time-series varlists in the FEIS results (the ado names variables after the tokens, which such
varlists make invalid names).
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

OPTIONS = [OptionSpec("fe", 2), OptionSpec("re", 2), OptionSpec("keep", None, True),
           OptionSpec("addvars", None, True), OptionSpec("predicted", 4), OptionSpec("predicted2", 10, True)]


def _panel_fit_and_means(values: np.ndarray, Z: np.ndarray, groups: np.ndarray):
    """(values minus their within-panel residual on Z, panel means) -- the ado's PUV and MUV."""
    from mlmcli.commands.community.xtfeis import invsym_values

    fitted, means = np.empty_like(values), np.empty_like(values)
    order = np.argsort(groups, kind="stable")
    for rows in np.split(order, np.flatnonzero(np.diff(groups[order])) + 1):
        z = Z[rows]
        fitted[rows] = z @ (invsym_values(z.T @ z) @ (z.T @ values[rows]))
        means[rows] = values[rows].mean(axis=0)
    return fitted, means


def run_quietly(session, runner, line: str) -> None:
    """An ado's ``qui command ...`` (e(cmdline) without the prefix, as Stata records it)."""
    session.out.quiet += 1
    try:
        runner.execute(line)
    finally:
        session.out.quiet -= 1


def cmd_xtart(session, cmd) -> None:
    from mlmcli.commands.program.macro_functions import macro_number
    from mlmcli.runner import Runner, current_runner

    opts = resolve_options(cmd.options, OPTIONS)
    for name in ("keep", "addvars", "predicted", "predicted2"):
        if opts.get(name) is not None:
            raise StataError(f"option {name}() not allowed; mlm's xtart has fe and re", 198)
    runner = current_runner(session) or Runner(session)
    if cmd.args.strip():
        run_quietly(session, runner, f"estimates restore {cmd.args.strip()}")
    e, ds = session.e, session.data
    if e is None or e.macros.get("cmd") != "xtfeis":
        raise StataError("last estimates not found", 301) if e is None else StataError(
            "xtart needs the results of xtfeis", 301)
    av, ivar = e.macros["depvar"], e.macros["ivar"]
    if any(("." in w or "#" in w) for w in (e.macros.get("indepvar", "") + " " + e.macros.get("slopevar", "")).split()):
        raise StataError("xtart needs xtfeis results without factor-variable or time-series operators", 198)
    uv = ds.expand_varlist(e.macros.get("indepvar", "")) if e.macros.get("indepvar") else []
    slope = ds.expand_varlist(e.macros["slopevar"]) if e.macros.get("slopevar") else []
    touse = np.asarray(e.sample_mask(ds), bool)
    Z = np.column_stack([ds.numeric(v)[touse] for v in slope]) if slope else np.empty((int(touse.sum()), 0))
    if not e.macros.get("noconstant"):
        Z = np.column_stack([Z, np.ones(len(Z))])
    _, groups = np.unique(ds.numeric(ivar)[touse], return_inverse=True)
    data = np.column_stack([ds.numeric(v)[touse] for v in [av] + uv])
    fitted, means = _panel_fit_and_means(data, Z, groups)
    slope_means = _panel_fit_and_means(Z, Z, groups)[1][:, :Z.shape[1] - 1]
    added = []

    def add(name: str, column: np.ndarray) -> None:
        if name in ds.varnames:
            raise StataError(f"variable {name} already defined", 110)
        full = np.full(ds.nobs, np.nan)
        full[touse] = column
        ds.set_variable(name, full, vtype="double")
        added.append(name)

    try:
        for k, v in enumerate([av] + uv):
            add(f"_pred_{v}", fitted[:, k])
        for k, v in enumerate([av] + uv):
            add(f"_mean_{v}", means[:, k])
        for k, v in enumerate(slope[:Z.shape[1] - 1]):
            add(f"_mean_{v}", slope_means[:, k])
        predvars = " ".join(f"_pred_{v}" for v in uv)
        meanvars = " ".join([f"_mean_{v}" for v in uv] + [f"_mean_{v}" for v in slope[:Z.shape[1] - 1]])
        base = f"{av} {' '.join(uv)} {' '.join(slope)}"
        robse = f"vce(cluster {ivar})" if e.macros.get("vcetype") else ""
        run_quietly(session, runner, f"xtreg {base} {predvars} {meanvars} if e(sample), re {robse}")
        results = None
        for wanted, title, full, h0, h1, rhs, tested in (
                (not opts.get("fe") and not opts.get("re"), "(FEIS vs. FE model)", "FEIS",
                 "FEIS and FE estimates consistent", "FEIS consistent, FE inconsistent", None, predvars),
                (bool(opts.get("fe")), "(FE vs. RE model)", "FE", "FE and RE estimates consistent",
                 "FE consistent, RE inconsistent", meanvars, meanvars),
                (bool(opts.get("re")), "(FEIS vs. RE model)", "FEIS", "FEIS and RE estimates consistent",
                 "FEIS consistent, RE inconsistent", predvars, predvars)):
            if not wanted:
                continue
            if rhs is not None:
                run_quietly(session, runner, f"xtreg {base} {rhs} if e(sample), re {robse}")
            estcmd = session.e.macros.get("cmdline", "")
            for line in ("di _newline(3)", 'di "------------------------------------"',
                         'di _n in gr "Artificial Regression Test" _n', f'di _n in gr "{title}" _n',
                         'di "------------------------------------"', "di _newline(1)",
                         f'di in gr "Full ({full}) model estimation command : "', f'di in gr `"{estcmd}"\'',
                         "di _newline(1)", f'di in gr "Test of H0: {h0}"', f'di in gr "Alternative H1: {h1}"',
                         "di _newline(1)", 'di in gr "Model constraints"', f"test {tested},"):
                runner.execute(line)
            r = session.r
            results = {key: macro_number(float(r[key])) if isinstance(r.get(key), (int, float)) else str(r.get(key, ""))
                       for key in ("chi2", "df", "p")}
            results["estcmd"] = estcmd
    finally:
        ds.drop_variables([n for n in added if n in ds.varnames])
    session.set_r(results or {})
