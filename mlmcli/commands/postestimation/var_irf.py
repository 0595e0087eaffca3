"""irf after var ([TS] irf; varirf_set.ado, varirf_create.ado, varirf_table.ado and
varirf_ctable.ado 2.4.12 of the Stata 16 tree -- the last dated 2013, Stata 13's):

    irf set irf_filename [, replace]
    irf create irfname [, set(filename[, replace]) replace step(#) order(varlist) estimates(name)]
    irf table [stat] [, irf(irfnames) impulse(impulsevar) response(endogvars) individual title()
              level(#) noci stderror step(#)]
    irf ctable (irfname impulsevar responsevar stat [, noci stderror]) ... [, title() level(#) noci
               stderror step(#)]

stat: irf oirf cirf coirf fevd.  The irf file is a .dta (variables irfname impulse response step and
each statistic with its std<stat>, characteristics irfnames and <irfname>_order); the active file
is kept with the session.  Numbers: ``time_series.var_irf``; table: ``render.var_irf``; irf graph:
``graphs.irf_plots``, irf ograph and cgraph: ``graphs.irf_overlay_plots``.  Refused by
name: the dynamic multipliers (dm, cdm: exogenous
variables), bootstrap options (bs, bsp, nose, reps(), bsaving()), irf
describe/add/drop/rename, irf after anything but var, svar and vec.
"""
from __future__ import annotations

import os

import numpy as np

from mlmcli.commands.postestimation.irf_file import IrfFile
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, integer_option, resolve_options

HELP = {"irf": "irf set|create|table|ctable ... : impulse-response functions and FEVDs after var",
        "varbasic": "varbasic depvarlist [if] [in] [, lags(numlist) step(#) nograph] : fit a simple VAR"}
STATS = ("irf", "oirf", "cirf", "coirf", "fevd")
STRUCTURAL = ("sirf", "sfevd")  # after svar
_REFUSED_STATS = ("dm", "cdm")


def cmd_irf(session, cmd) -> None:
    words = cmd.args.split(None, 1)
    if not words:
        raise StataError("no subcommand specified", 198)
    sub, rest = words[0], (words[1] if len(words) > 1 else "")  # case counts (irf.ado)
    if sub == "set":
        return _set(session, rest, cmd.options)
    if len(sub) >= 2 and "create".startswith(sub):
        return _create(session, rest, cmd.options)
    if len(sub) >= 1 and "table".startswith(sub):
        return _table(session, rest, cmd.options)
    if len(sub) >= 2 and "ctable".startswith(sub):
        return _ctable(session, rest, cmd.options)
    if len(sub) >= 1 and "graph".startswith(sub):
        from mlmcli.commands.graphs.irf_plots import irf_graph

        return irf_graph(session, cmd, rest)
    if len(sub) >= 2 and "ograph".startswith(sub):
        from mlmcli.commands.graphs.irf_overlay_plots import irf_ograph

        return irf_ograph(session, cmd, rest)
    if len(sub) >= 2 and "cgraph".startswith(sub):
        from mlmcli.commands.graphs.irf_overlay_plots import irf_cgraph

        return irf_cgraph(session, cmd, rest)
    if sub in ("graph", "cgraph", "ograph", "describe", "add", "drop", "rename", "dir", "erase") or \
            (len(sub) >= 1 and "graph".startswith(sub)) or (len(sub) >= 1 and "describe".startswith(sub)):
        raise StataError(f"irf {sub} is not implemented in mlmcli", 199)
    raise StataError(f"{words[0]} is not a valid subcommand", 198)


def _filename(text: str) -> str:
    name = text.strip().strip('"')
    if not name:
        raise StataError("invalid file specification", 198)
    return name if os.path.splitext(name)[1] else name + ".irf"


def _set(session, rest: str, options) -> None:
    opts = resolve_options(options, [OptionSpec("replace", 7)])
    if not rest.strip():
        active = getattr(session, "irf_active", None)
        if active is None:
            session.print("no irf file active")
        else:
            session.print(f"(file {active.path} now active)")
        return
    path = _filename(rest)
    _activate(session, path, bool(opts.get("replace")))


def _activate(session, path: str, replace: bool) -> None:
    if os.path.exists(path) and not replace:
        f = IrfFile.load(path)
    else:
        f = IrfFile(path)
        f.save()
        session.print(f"(file {path} created)")
    session.irf_active = f
    session.print(f"(file {path} now active)")


def _create(session, rest: str, options) -> None:
    from mlmcli.time_series.var_irf import irf_results

    opts = resolve_options(options, [OptionSpec("set", 3, takes_arg=True), OptionSpec("replace", 7),
                                     OptionSpec("step", 2, takes_arg=True), OptionSpec("order", 1, takes_arg=True),
                                     OptionSpec("estimates", 3, takes_arg=True), OptionSpec("bs", 2),
                                     OptionSpec("bsp", 3), OptionSpec("nose", 4), OptionSpec("reps", 1, takes_arg=True),
                                     OptionSpec("bsaving", 3, takes_arg=True), OptionSpec("nodots", 6),
                                     OptionSpec("smemory", 3), OptionSpec("nodfk", 5)])
    for name in ("bs", "bsp", "nose", "reps", "bsaving", "nodots", "smemory", "nodfk"):
        if name == "nodfk" and session.e is not None and session.e.cmd == "vec":
            continue  # vecirf_create's nodfk: Omega as estimated
        if opts.get(name) not in (None, False):
            raise StataError(f"option {name} of irf create is not implemented in mlmcli", 198)
    words = rest.split()
    if len(words) != 1:
        raise StataError("irfname required" if not words else "invalid syntax", 198)
    irfname = words[0]
    if len(irfname) > 15:
        raise StataError(f"irfname {irfname} is too long, irfnames may have at most 15 characters", 198)
    e = session.e
    if opts.get("estimates") is not None and str(opts["estimates"]).strip() != ".":
        from mlmcli.estimation.active import lookup

        e = lookup(session, str(opts["estimates"]).strip())
    if e is None:
        raise StataError("last estimates not found", 301)
    if e.cmd not in ("var", "svar", "vec") or getattr(e, "model", None) is None:
        raise StataError(f"irf create after {e.cmd} is not implemented in mlmcli", 198)
    if e.cmd == "vec" and opts.get("order") is not None:  # vecirf_create takes no order()
        raise StataError("option order() not allowed", 198)
    structural = e.cmd == "svar"
    if structural and opts.get("order") is not None:  # decided: svar's A and B fix the ordering
        raise StataError("order() cannot be specified after svar", 198)
    var_view = _underlying_var(e) if structural else e
    steps = integer_option(opts, "step", 8, minimum=1, maximum=500,
                           out_of_range="step() must specify an integer between 1 and 500")
    endog = var_view.macros["endog"].split()
    order = endog
    if opts.get("order") is not None:
        order = [_resolved(session, w) for w in str(opts["order"]).split()]
        if sorted(order) != sorted(endog):
            raise StataError("order() must contain each of the endogenous variables once", 198)
    if opts.get("set") is not None:
        text, _, sub = str(opts["set"]).partition(",")
        _activate(session, _filename(text), "replace" in sub.split())
    f = getattr(session, "irf_active", None)
    if f is None:
        raise StataError("no irf file active", 198)
    if irfname in f.meta and not opts.get("replace"):
        raise StataError(f"irfname {irfname} already exists in {f.path}", 498)
    if e.cmd == "vec":  # the levels VAR the VECM implies; no standard errors (vecirf_create)
        from mlmcli.commands.postestimation.vec_tests import level_companion
        from mlmcli.time_series.var_irf import point_statistics

        perm = [endog.index(v) for v in order]
        K = len(endog)
        big = level_companion(e)[:K]
        p_lags = big.shape[1] // K
        A = np.hstack([big[:, j * K:(j + 1) * K][np.ix_(perm, perm)] for j in range(p_lags)])
        dfk = 1.0 if opts.get("nodfk") else e.scalars["N"] / (e.scalars["N"] - e.scalars["df_m"])
        Sigma = dfk * e.matrices["omega"].values[np.ix_(perm, perm)]  # vecirf_create's dfk-scaled Omega
        point = point_statistics(A, Sigma, steps)
        se = {k: np.full_like(v, np.nan) for k, v in point.items()}
    else:
        A, V_alpha, Sigma = _var_parts(var_view, order)
        point, se = irf_results(A, Sigma, V_alpha, e.scalars["N"], steps)
    stats = STATS
    if structural:
        from mlmcli.time_series.svar_irf import structural_results

        AB = e.matrices["b"].values.ravel()
        V_AB = e.matrices["V"].values
        if e.macros.get("lrmodel"):  # the long-run model: (A, B) = (I, Abar C), its V by the same map
            from mlmcli.time_series.svar_model import long_run_map

            to_ab, M = long_run_map(e.matrices["A1"].values)
            AB, V_AB = to_ab(AB), M @ V_AB @ M.T
        sp, ss = structural_results(A, V_alpha, AB, V_AB, steps)
        point, se = {**point, **sp}, {**se, **ss}
        stats = STATS + STRUCTURAL
    import pandas as pd

    rows = []
    for k, imp in enumerate(order):
        for j, resp in enumerate(order):
            for s in range(steps + 1):
                row = {"irfname": irfname, "impulse": imp, "response": resp, "step": float(s)}
                for stat in stats:
                    row[stat] = float(point[stat][s, j, k])
                    row["std" + stat] = float(se[stat][s, j, k])
                rows.append(row)
    new = pd.DataFrame(rows)
    frame = f.frame[f.frame["irfname"] != irfname] if len(f.frame) else f.frame
    f.frame = pd.concat([frame, new], ignore_index=True) if len(frame) else new
    f.meta[irfname] = {"order": order, "step": steps, "model": e.cmd}
    f.save()
    session.print(f"(file {f.path} updated)")


def _underlying_var(e):
    """svar's e() seen as its underlying var's (e(b_var), e(V_var), e(endog_var) ...) for
    _var_parts."""
    from types import SimpleNamespace

    return SimpleNamespace(macros={"endog": e.macros["endog_var"], "eqnames": e.macros["eqnames_var"]},
                           matrices={"b": e.matrices["b_var"], "V": e.matrices["V_var"], "Sigma": e.matrices["Sigma"]},
                           scalars={"mlag": e.scalars["mlag_var"], "N": e.scalars["N"]})


def _resolved(session, word):
    from mlmcli.commands.estimation.vector_autoregression import resolved_names as resolve

    names = resolve(session.data, word)
    return names[0] if names else word


def _var_parts(e, order):
    """A = [A_1 .. A_p] (K x K p), Cov(vec A) and Sigma in the order() of the variables."""
    from mlmcli.commands.estimation.vector_autoregression import lag_name

    endog = e.macros["endog"].split()
    eqnames = e.macros["eqnames"].split()
    names = list(e.matrices["b"].colnames)
    b, V = e.matrices["b"].values.ravel(), e.matrices["V"].values
    p = int(e.scalars["mlag"])
    K = len(order)
    perm = [endog.index(v) for v in order]
    pos = np.full((K, K * p), -1)
    for i, yi in enumerate(perm):
        for lag in range(1, p + 1):
            for j, yj in enumerate(perm):
                key = f"{eqnames[yi]}:{lag_name(endog[yj], lag)}"
                if key in names:
                    pos[i, (lag - 1) * K + j] = names.index(key)
    A = np.where(pos >= 0, b[np.clip(pos, 0, None)], 0.0)
    flat = pos.reshape(-1, order="F")
    V_alpha = np.zeros((flat.size, flat.size))
    ok = flat >= 0
    V_alpha[np.ix_(ok, ok)] = V[np.ix_(flat[ok], flat[ok])]
    S = e.matrices["Sigma"].values[np.ix_(perm, perm)]
    return A, V_alpha, S


# ---------------------------------------------------------------------------- tables
def _table_opts():
    return [OptionSpec("irf", 2, takes_arg=True), OptionSpec("impulse", 1, takes_arg=True),
            OptionSpec("response", 1, takes_arg=True), OptionSpec("noci", 4), OptionSpec("stderror", 3),
            OptionSpec("nostructural", 5), OptionSpec("step", 2, takes_arg=True), OptionSpec("title", 2, takes_arg=True),
            OptionSpec("individual", 2), OptionSpec("level", 1, takes_arg=True), OptionSpec("set", 3, takes_arg=True)]


def _active(session):
    f = getattr(session, "irf_active", None)
    if f is None:
        raise StataError("no irf file active", 198)
    return f


def _table(session, rest, options) -> None:
    opts = resolve_options(options, _table_opts())
    if opts.get("level") is not None and opts.get("noci"):
        raise StataError("level() and noci cannot both be specified", 198)
    if opts.get("individual") and opts.get("title") is not None:
        raise StataError("title() cannot be specified with individual", 198)
    if opts.get("set") is not None:
        _activate(session, _filename(str(opts["set"])), False)
    f = _active(session)
    stats = rest.split() or ["irf", "oirf", "fevd"]
    irfs = str(opts.get("irf") or " ".join(f.meta)).split()
    specs = []
    for name in irfs:
        if name not in f.meta:
            raise StataError(f"{name} is not a valid irfname", 498)
        imps = str(opts.get("impulse") or " ".join(f.meta[name]["order"])).split()
        resps = str(opts.get("response") or " ".join(f.meta[name]["order"])).split()
        for imp in imps:
            for resp in resps:
                specs.append((name, imp, resp, stats, {}))
    title = opts.get("title")
    if title is None:
        title = "Results from " + " ".join(irfs)
    if opts.get("individual"):
        for name in irfs:
            sub = [s for s in specs if s[0] == name]
            _render(session, f, sub, opts, f"Results from {name}")
    else:
        _render(session, f, specs, opts, str(title).strip().strip('"'))


def _ctable(session, rest, options) -> None:
    opts = resolve_options(options, _table_opts())
    if opts.get("level") is not None and opts.get("noci"):
        raise StataError("noci and level() cannot both be specified", 198)
    if opts.get("set") is not None:
        _activate(session, _filename(str(opts["set"])), False)
    f = _active(session)
    specs, text = [], rest.strip()
    while text:
        if not text.startswith("("):
            raise StataError(f"tables not properly specified in {text}", 198)
        close = text.find(")")
        if close < 0:
            raise StataError("unmatched open parenthesis", 198)
        inner, text = text[1:close], text[close + 1:].strip()
        body, _, sub = inner.partition(",")
        words = body.split()
        if len(words) < 4:
            raise StataError(["irfname", "impulse", "response", "statlist"][len(words)] + " cannot be empty", 198)
        local = {w.lower(): True for w in sub.split()}
        specs.append((words[0], words[1], words[2], words[3:],
                      {"noci": local.get("noci", False), "stderror": local.get("stderror", False)}))
    if not specs:
        raise StataError("table specifications required", 198)
    title = opts.get("title")
    _render(session, f, specs, opts, None if title is None else str(title).strip().strip('"'))


def _render(session, f, specs, opts, title) -> None:
    from mlmcli.render.var_irf import IrfColumn, render_irf_table

    level = confidence_level(opts, getattr(session, "level", 95.0))
    from mlmcli.distributions import norm

    z = float(norm.ppf(level / 100 + (100 - level) / 200))
    step_max = integer_option(opts, "step", None, minimum=1, maximum=500)
    frame = f.frame
    triples: list[tuple[str, str, str]] = []
    columns = []
    any_ci = False
    for name, imp, resp, stats, local in specs:
        if name not in f.meta:
            raise StataError(f"{name} is not a valid irfname", 498)
        order = f.meta[name]["order"]
        if resp not in order:
            raise StataError(f"{resp} is not a valid response", 498)
        if imp not in order:
            raise StataError(f"{imp} is not a valid impulse", 498)
        for st in stats:
            if st in _REFUSED_STATS:
                raise StataError(f"statistic {st} of irf table is not implemented in mlmcli", 198)
            if st in STRUCTURAL and st not in frame:  # no svar results in the file
                raise StataError(f"variable {st} not found", 111)
            if st not in STATS + STRUCTURAL:
                raise StataError(f"{st} not valid", 198)
        if len(set(stats)) < len(stats):
            raise StataError(f"duplicate elements found in {' '.join(stats)}", 198)
        triple = (name, imp, resp)
        if triple not in triples:
            triples.append(triple)
        k = triples.index(triple) + 1
        rows = frame[(frame["irfname"] == name) & (frame["impulse"] == imp) & (frame["response"] == resp)]
        rows = rows.sort_values("step")
        if step_max is not None:
            rows = rows[rows["step"] <= step_max + 1]
        steps = rows["step"].to_numpy(float)
        noci = bool(opts.get("noci") or local.get("noci"))
        stderr = bool(opts.get("stderror") or local.get("stderror"))
        any_ci = any_ci or not noci
        for st in stats:
            est, sd = rows[st].to_numpy(float), rows["std" + st].to_numpy(float)
            block = [IrfColumn(k, st, est)]
            if not noci:
                block += [IrfColumn(k, "Lower", est - z * sd), IrfColumn(k, "Upper", est + z * sd)]
            if stderr:
                block.append(IrfColumn(k, "S.E.", sd))
            columns.append((steps, block))
    text = render_irf_table(columns, triples, title, level if any_ci else None, linesize=session.linesize)
    session.print(text)


# ---------------------------------------------------------------------------- varbasic
def cmd_varbasic(session, cmd) -> None:
    """varbasic.ado 1.3.0: var with lags() (display options passed on), e(cmdline) ``varbasic
    ...``, then -- captured, so silent -- irf create varbasic, step() set(_varbasic, replace);
    the graph of oirf (irf, fevd) unless nograph (``graphs.irf_plots``)."""
    from mlmcli.commands.estimation import vector_autoregression as var
    from mlmcli.commands.estimation.common import display_option_specs

    opts = resolve_options(cmd.options, [OptionSpec("lags", 2, takes_arg=True), OptionSpec("step", 1, takes_arg=True),
                                         OptionSpec("irf", 1), OptionSpec("fevd", 1), OptionSpec("nograph", 4),
                                         *display_option_specs()])
    if not cmd.args.strip():
        raise StataError("varlist required", 100)
    stats = [k for k in ("irf", "fevd") if opts.get(k)]
    if len(stats) > 1:
        raise StataError("more than one statistic specified", 198)
    if stats and opts.get("nograph"):
        raise StataError(f"nograph cannot be specified with {stats[0]}", 198)
    steps = integer_option(opts, "step", 8, minimum=1, out_of_range="option step() incorrectly specified")
    var_opts = {k: v for k, v in opts.items() if k not in ("step", "irf", "fevd", "nograph")}
    e = var.fit(session, cmd, cmd.args, var_opts)
    e.macros["cmdline"] = ("varbasic " + (cmd.text.split(None, 1)[1] if cmd.text and " " in cmd.text.strip()
                                          else cmd.args)).strip()
    session.e = e
    var.display(session, e, var_opts)
    saved = session.print
    session.print = lambda text="": None  # capture varirf create ...: its notes are not shown
    try:
        _create(session, "varbasic", [_opt("step", str(steps)), _opt("set", "_varbasic, replace")])
    finally:
        session.print = saved
    if not opts.get("nograph"):  # varirf graph stat: oirf unless irf or fevd
        import dataclasses

        from mlmcli.commands.graphs.irf_plots import irf_graph

        stat = stats[0] if stats else "oirf"
        irf_graph(session, dataclasses.replace(cmd, options=[], text=f"irf graph {stat}"), stat)


def _opt(name, arg):
    from mlmcli.ast import Option

    return Option(name, arg)
