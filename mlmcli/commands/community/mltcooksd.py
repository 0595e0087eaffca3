"""``mltcooksd`` (Katja Moehring and Alexander Schmidt-Catran's ``mlt`` package, ``ssc install
mlt``): Cook's D and DFBETAs of the level-2 units of a two-level ``xtmixed``/``xtmelogit``/
``xtmepoisson`` fit.  A compatible implementation written from the package's help and
ado-file (version 1.4 beta, 25jan2013; read, not copied):

    mltcooksd [, keepvar(prefix) counter graph slabel fixed random approx]

Each level-2 unit is left out in turn and the model refitted by the fit's own command on the
estimation sample (its command line's options kept; a string level-2 identifier is first
encoded into ``mltl2idstr``, which stays in the data as the ado-file leaves it).  With b the
full fit's e(b) and b_j, V_j the refit's: DFBETAs_j = (b - b_j) / sqrt(diag V_j), kept for
the fixed part; Cook's D of the fixed part (1/p) d' V_j^-1 d over the p fixed parameters, of
the random part (1/q) d' W_j^-1 d over the q random parameters on the standard-deviation /
correlation scale (exp of the log standard deviations, tanh of the atanh correlations, W_j
their delta-method variance), and overall (p D_f + q D_r) / (p + q).  Cut-offs 2/sqrt(J) for
DFBETAs and 4/J for Cook's D (Belsley, Kuh and Welsch); the units above them are listed
(``fixed``/``random`` add D_f/D_r), ``graph`` draws a horizontal box plot of the DFBETAs.
The refits are stored as ``WJ<unit>`` (the full fit as ``FULL``), ``$mcdac`` names FULL and
the refits whose Cook's D is above its cut-off, and ``keepvar()`` keeps the statistics as
variables ``<prefix>_*`` on the estimation sample.  Not available: ``approx`` after
xtmelogit/xtmepoisson (one iteration from the full fit's estimates; it has no effect after
xtmixed, as in the ado-file).
"""
from __future__ import annotations

import time

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

HELP = {"mltcooksd": "mltcooksd [, keepvar(prefix) counter graph slabel fixed random]"}

OPTIONS = [OptionSpec("keepvar", None, takes_arg=True), OptionSpec("counter"), OptionSpec("graph"),
           OptionSpec("slabel"), OptionSpec("fixed"), OptionSpec("random"), OptionSpec("approx")]


def _random_part(names, b, V, fixpar):
    """The random parameters on the sd/correlation scale and their delta-method variance."""
    idx, value, grad = [], [], []
    for j in range(fixpar, len(names)):
        head = names[j].split(":", 1)[0].split("_", 1)[0]
        if head in ("lns1", "lnsig"):
            idx.append(j), value.append(np.exp(b[j])), grad.append(np.exp(b[j]))
        elif head == "atr1":
            idx.append(j), value.append(np.tanh(b[j])), grad.append(1.0 - np.tanh(b[j]) ** 2)
    G = np.diag(grad)
    sub = V[np.ix_(idx, idx)]
    return np.array(value), G @ sub @ G.T


def _quadratic(d: np.ndarray, V: np.ndarray, k: int) -> float:
    return float(d @ np.linalg.pinv(V) @ d) / k  # syminv: a generalized inverse


def cmd_mltcooksd(session, cmd) -> None:
    from mlmcli.estimation import active as estimates
    from mlmcli.runner import Runner, current_runner

    opts = resolve_options(cmd.options, OPTIONS)
    if cmd.args.strip():
        raise StataError("varlist not allowed", 101)
    e = session.e
    command = e.cmd if e is not None else ""
    if command not in ("xtmixed", "xtmelogit", "xtmepoisson"):  # the ado-file's message, then exit (rc 0)
        session.print("mltcooksd works only after xtmixed, xtmelogit or xtmepoisson")
        return
    l2 = e.macros.get("ivars", "").split()
    if len(l2) != 1:
        session.print("mltcooksd works only with 2-level models")
        return
    if opts.get("approx") and command != "xtmixed":
        raise StataError("option approx not available in mlm's mltcooksd", 198)
    runner = current_runner(session) or Runner(session)
    ds = session.data
    full = e
    estimates.store(session, "FULL", None)
    for pattern in ("DFB_*", "L2ID", "Cooks*", "mltcdsample", "mltl2idstr"):
        try:
            runner.execute(f"capture drop {pattern}")
        except StataError:
            pass
    lvl2, shown = l2[0], l2[0]
    if ds.is_string(lvl2):
        runner.execute(f"encode {lvl2}, generate(mltl2idstr)")
        lvl2 = "mltl2idstr"
    ds = session.data
    keep = str(opts.get("keepvar") or "").strip()
    if keep and keep[0].isdigit():
        session.print(f"Varname prefix {keep} not allowed")
        session.print("Variables will not be stored")
        session.print(" ")
        keep = ""
    sample = full.sample_mask(ds)
    if sample is None:
        raise StataError("e(sample) not available", 301)
    sample = np.asarray(sample, bool)
    ds.set_variable("mltcdsample", sample.astype(float), "float")
    session.print(f"Level 2 variable is {shown} ")
    session.print(" ")
    ids = ds.numeric(lvl2)
    units = np.unique(ids[sample & ~np.isnan(ids)])
    cmdline = full.macros.get("cmdline", "")
    comma = cmdline.find(",")
    options = cmdline[comma:] if comma >= 0 else ""
    head = cmdline.split()
    fixpar, ranpar = int(full.scalars["k_f"]), int(full.scalars["k_r"])
    b_full = full.matrices["b"].values[0].astype(float)
    V_full = full.matrices["V"].values.astype(float)
    names = list(full.matrices["b"].colnames)
    ivars = [n.split(":", 1)[-1] for n in names[:fixpar - 1]]
    revars = full.macros.get("revars", "").split()
    re_part = revars[0] if ranpar - 1 > 1 and revars else ""
    session.print("Calculating DFBETAs for the fixed effects of ")
    session.print(f" {' '.join(ivars)} _cons ")
    session.print(" ")
    weight = f"[{full.macros['wtype']}{full.macros.get('wexp', '')}]" if full.macros.get("wtype") else ""
    re_full, _ = _random_part(names, b_full, V_full, fixpar)
    dfb, cd_f, cd_r = [], [], []
    left, average = len(units), None
    try:
        for num in units:
            start = time.perf_counter()
            label = f"{num:.0f}" if float(num).is_integer() else repr(float(num))
            runner.execute(f"quietly {head[0]} {head[1]} {' '.join(ivars)} {weight} || {lvl2}: {re_part} "
                           f"if mltcdsample==1 & {lvl2} != {label} {options}")
            estimates.store(session, f"WJ{label}", None)
            b_j = session.e.matrices["b"].values[0].astype(float)
            V_j = session.e.matrices["V"].values.astype(float)
            var = np.diag(V_j)
            if np.any(~(var > 0)):  # cholesky() of diag(V) fails: r(506) in the ado-file
                raise StataError(f"Cook's D and DFBETAs cannot be estimated for the level-two unit {lvl2}=={label} "
                                 "because the model is not identified without unit.", 2000)
            diff = b_full - b_j
            dfb.append(diff / np.sqrt(var))
            cd_f.append(_quadratic(diff[:fixpar], V_j[:fixpar, :fixpar], fixpar))
            re_j, W_j = _random_part(names, b_j, V_j, fixpar)
            cd_r.append(_quadratic(re_full - re_j, W_j, ranpar))
            if opts.get("counter"):
                spent = time.perf_counter() - start
                left -= 1
                average = spent if average is None else (average + spent) / 2
                if left == len(units) - 1:
                    session.print("Estimated time until mltcooksd is finished:")
                remaining = average * left
                if left > 0 and remaining < 60:
                    session.print(f"{remaining:2.0f} seconds")
                elif left > 0 and remaining <= 3600:
                    session.print(f"{remaining / 60:3.1f} minutes")
                elif left > 0:
                    session.print(f"{remaining / 3600:3.1f} hours")
    finally:
        session.e = full
    _report(session, runner, opts, lvl2, units, ivars, np.array(dfb)[:, :fixpar], np.array(cd_f),
            np.array(cd_r), fixpar, ranpar, keep)
    session.set_r({})


def _report(session, runner, opts, lvl2, units, ivars, dfb, cd_f, cd_r, fixpar, ranpar, keep) -> None:
    """Cut-offs, the listings, the graph, $mcdac and the kept variables."""
    from mlmcli.render.numfmt import format_number

    c = len(units)
    cooks = (fixpar * cd_f + ranpar * cd_r) / (fixpar + ranpar)
    df_cut, cd_cut = 2 / np.sqrt(c), 4 / c
    session.print("Cutoff value for DFBETAs is")
    session.print(format_number(df_cut, "%5.4f"))
    session.print("Cutoff value for Cook's D is")
    session.print(format_number(cd_cut, "%5.4f"))
    ds = session.data
    dfb_names = [f"DFB_{v}" for v in ivars] + ["DFB_cons"]
    columns = {"L2ID": units, "CooksD": cooks}
    if opts.get("fixed"):
        columns["CooksD_f"] = cd_f
    if opts.get("random"):
        columns["CooksD_r"] = cd_r
    columns.update({name: dfb[:, k] for k, name in enumerate(dfb_names)})
    from mlmcli.dataset import Dataset
    import pandas as pd

    work = Dataset(df=pd.DataFrame(columns), types={k: "float" for k in columns})
    work.types["L2ID"] = "double"
    if ds.value_label_of.get(lvl2) and not opts.get("slabel"):
        work.value_label_of["L2ID"] = ds.value_label_of[lvl2]
        work.value_labels = {k: dict(v) for k, v in ds.value_labels.items()}
    for name in dfb_names:
        work.formats[name] = "%5.4f"
    nol = ", sep(0) noobs" + (" nol" if opts.get("slabel") else "")
    cond = [f"CooksD >= {df_repr(cd_cut)} & CooksD != ."]
    for part in ("f", "r"):
        if f"CooksD_{part}" in columns:
            cond.append(f"CooksD_{part} >= {df_repr(cd_cut)} & CooksD_{part} != .")
    original = session.data
    session.data = work
    try:
        session.print(" ")
        session.print("Level-two units with Cook's D above the cut off value:")
        runner.execute("gsort -CooksD")
        runner.execute(f"list L2ID CooksD* if {' | '.join(cond)}{nol}")
        session.print("   Legend: CooksD   = overall Cook's D")
        if opts.get("fixed"):
            session.print("           CooksD_f = Cook's D fixed part")
        if opts.get("random"):
            session.print("           CooksD_r = Cook's D random part")
        session.print(" ")
        session.print(" ")
        session.print("Level-two units with DFBETAs above cut off value:")
        values = work.df[dfb_names].to_numpy(dtype=float)
        with np.errstate(invalid="ignore"):
            beyond = np.nanmax(np.column_stack([np.abs(np.nanmin(values, axis=1)), np.nanmax(values, axis=1)]),
                               axis=1) > df_cut
        work.set_variable("dfb_ac", beyond.astype(float), "byte")
        runner.execute(f"list L2ID DFB_* if dfb_ac == 1{nol} ab(10)")
        runner.execute("drop dfb_ac")
        if opts.get("graph"):
            if opts.get("slabel"):
                work.value_label_of.pop("L2ID", None)
            markers = " ".join(f"marker({k},mlab(L2ID) mlabang(45))" for k in range(1, fixpar + 1))
            cut = df_repr(df_cut)
            runner.execute(f'graph hbox DFB*, yline({cut} -{cut}, lc(red)) {markers} showyvar legend(off) '
                           f'ytitle(DFBETAs) text(-{cut} 0 "cutoff", placement(w) color(red)) '
                           f'text({cut} 0 "cutoff", placement(e) color(red))')
        ordered = work.df.sort_values("CooksD", ascending=False, kind="mergesort")
    finally:
        session.data = original
    mcdac = " FULL "
    for unit, value in zip(ordered["L2ID"], ordered["CooksD"]):
        if not value > cd_cut:
            break
        mcdac = f" {mcdac} WJ{unit:.0f}"
    session.globals["mcdac"] = mcdac
    if keep:
        ids = original.numeric(lvl2)
        in_sample = original.numeric("mltcdsample") == 1
        kept = [n for n in columns if n.startswith("DFB_")] + [n for n in columns if n.startswith("CooksD")]
        for name in kept:  # the ado-file's order: DFB_* then CooksD*
            out = np.full(original.nobs, np.nan)
            for unit, value in zip(units, columns[name]):
                out[(ids == unit) & in_sample] = value
            original.set_variable(f"{keep}_{name}", out, "float")
        original.var_labels[f"{keep}_CooksD"] = "Cook's D (random+fixed part)"
        if "CooksD_f" in columns:
            original.var_labels[f"{keep}_CooksD_f"] = "Cook's D (fixed part)"
        if "CooksD_r" in columns:
            original.var_labels[f"{keep}_CooksD_r"] = "Cook's D (random part)"
        for v in ivars:
            original.var_labels[f"{keep}_DFB_{v}"] = f"DFBETAs({v})"
        original.var_labels[f"{keep}_DFB_cons"] = "DFBETAs(Constant)"
        runner.execute(f"rename mltcdsample {keep}_mltcdsample")
        runner.execute("capture drop mltl2idstr")
        session.print(" ")
        session.print(" ")
        session.print(f"Variables stored as {keep}_*")
    else:
        runner.execute("drop mltcdsample")


def df_repr(x: float) -> str:
    """A number as a local macro holds it (full precision)."""
    return f"{float(x):.17g}"
