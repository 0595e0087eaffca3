"""``pv`` (Kevin Macdonald; SSC): a command run once for each plausible value, the estimates
combined by Rubin's rules, written from pv.ado (the revised syntax; read, not copied):

    pv, pv(varlist) [pv1(varlist) pv2(varlist) mdd mdd1 timss pirls pisa rclass
        weight(varname) brr jrr jrrt2 rw(varlist) jkzone(varname) jkrep(varname) fays(#) jk(#)]
        : cmd [||| cmd ...]

``@pv`` in the command stands for each variable of pv() in turn (``@1pv``, ``@2pv`` for pv1()
and pv2(); every combination is run, or the k-th of each list together with mdd / mdd1).  Each
run is quiet; e(b) and e(V) (r(b), r(V) with rclass) are collected.  The estimate is the mean
of the M b's; its variance the mean V (timss, pirls: the first plausible value's V) plus
(1 + 1/M) times the between-value variance B = sum (b_m - b)'(b_m - b) / (M - 1).  Each
coefficient's degrees of freedom are 1 / (f^2/(M-1) + (1-f)^2/df), f = (1+1/M) B_kk / U_kk and
df the last run's e(df_r) (df when that is missing).  Shown as pv.ado shows it (the commands,
a line per run, the number of observations, the average R-squared, ``matrix list`` of the
table) and posted with ``ereturn post`` plus e(B), e(df_p), e(pv_n), e(N), e(r2), e(cmd).
With brr, jrr or jrrt2 each plausible value's variance comes from replicate weights
(``pv_replicates``).  bs, bsops(), jackknife, matrix, cmd() and cmdops() are not built here and
are refused with r(198), as is the original syntax without ``@pv`` (pv0).
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options, split_options

HELP = {"pv": "pv, pv(varlist) [pv1() pv2() mdd mdd1 timss pirls pisa rclass weight() brr jrr jrrt2 rw() "
              "jkzone() jkrep() fays() jk()] : cmd [||| cmd ...]"}

OPTIONS = [OptionSpec("pv", None, takes_arg=True), OptionSpec("pv1", None, takes_arg=True),
           OptionSpec("pv2", None, takes_arg=True), OptionSpec("mdd", None), OptionSpec("mdd1", None),
           OptionSpec("timss", None), OptionSpec("pirls", None), OptionSpec("pisa", None),
           OptionSpec("rclass", None), OptionSpec("brr", None), OptionSpec("jrr", None),
           OptionSpec("jrrt2", None), OptionSpec("rw", None, takes_arg=True),
           OptionSpec("jkzone", None, takes_arg=True), OptionSpec("jkrep", None, takes_arg=True),
           OptionSpec("fays", None, takes_arg=True), OptionSpec("weight", None, takes_arg=True),
           OptionSpec("jk", None, takes_arg=True)]
UNBUILT = ("bs", "bsops", "jackknife", "matrix", "cmd", "cmdops")
COLUMNS = ("Coef", "Std Err", "t", "t Param", "P>|t|")


def cmd_pv(session, cmd) -> None:
    text = cmd.args
    if "@pv" not in text:
        raise StataError("pv: the original syntax without @pv (pv0) is not available in mlm", 198)
    colon = text.find(":")
    if colon < 0:
        raise StataError("invalid syntax:  ':' missing", 100)
    if "@pv1" in text or "@pv2" in text:
        raise StataError("Location of plausible values should be specified as @1pv or @2pv rather than "
                         "@pv1 or @pv2.  See examples in help pv", 100)
    opts = _options(session, text[:colon])
    commands = [c for c in text[colon + 1:].split("|||")]
    runs = _runs(opts)
    out = session.out
    out.line("")
    replicates = any(opts.get(k) for k in ("brr", "jrr", "jrrt2"))
    out.line("command(s) run for each plausible value and replicate weight:" if opts.get("brr") or opts.get("jrr")
             else "command(s) run for each plausible value:")
    out.line("")
    for c in commands:
        out.line(f"     {c.strip()}")
    out.line("")
    fits = [_fit(session, commands, names, opts, replicates) for names in runs]
    _combine_and_post(session, fits, opts)


def _options(session, text: str) -> dict:
    body, options, _ = split_options(text)
    if body.strip():
        raise StataError("pv: a varlist, weights, if or in before the colon are not used by mlm's pv", 198)
    for opt in options:
        if opt.name.lower() in UNBUILT:
            raise StataError(f"option {opt.name} not allowed", 198)
    opts = resolve_options(options, OPTIONS)
    lists = {}
    for key in ("pv", "pv1", "pv2"):
        lists[key] = session.data.expand_varlist(opts[key]) if opts.get(key) else []
    if not lists["pv"]:
        raise StataError("option pv() required", 198)
    if opts.get("mdd") and opts.get("mdd1"):
        raise StataError("pv: mdd and mdd1 can not both be specified", 100)
    n0, n1, n2 = (len(lists[k]) for k in ("pv", "pv1", "pv2"))
    if opts.get("mdd") and (n0 != max(n1, 1) or not (n1 == n2 or n2 <= 1)):
        raise StataError("If mdd option is specified, the number of plausible values needs to be the same "
                         "for each specified group.", 100)
    if opts.get("mdd1") and n1 != n2:
        raise StataError("pv1 and pv2 need to have the same number of variables if mdd option is specified.", 100)
    return {**opts, "lists": lists, **_replicate_options(session, opts)}


def _replicate_options(session, opts: dict) -> dict:
    """weight(), rw(), jkzone(), jkrep(), fays(), jk() read, and pv.ado's checks of them."""
    data = session.data
    out = {"weight": data.resolve(opts["weight"].strip()) if opts.get("weight") else "",
           "rw": data.expand_varlist(opts["rw"]) if opts.get("rw") else [],
           "jkzone": data.resolve(opts["jkzone"].strip()) if opts.get("jkzone") else "",
           "jkrep": data.resolve(opts["jkrep"].strip()) if opts.get("jkrep") else "",
           "fays": float(opts["fays"]) if opts.get("fays") else 0.0,
           "jk": float(opts["jk"]) if opts.get("jk") else 0.0}
    brr, jrr = opts.get("brr"), opts.get("jrr")
    if jrr and not out["rw"] and not (out["jkzone"] and out["jkrep"]):
        raise StataError("pv: jkzone and jkrep must be specified with jrr if replicate weights are not specified.", 100)
    if brr and not out["rw"] and out["fays"] == 0:
        raise StataError("pv: replicate weights and fays adjustment must be specified with brr.", 100)
    if brr and jrr:
        raise StataError("pv: brr and jrr can not both be specified", 100)
    if opts.get("jrrt2") and out["rw"] and not (brr or jrr):
        raise StataError("pv: jrrt2 with rw() runs no command in pv.ado; use jrr with rw()", 198)
    return out


def _runs(opts: dict) -> list[tuple[str, str, str]]:
    """The (pv, pv1, pv2) names of each run, in pv.ado's loop order."""
    p0, p1, p2 = (opts["lists"][k] for k in ("pv", "pv1", "pv2"))
    word = (lambda names, k: names[k] if k < len(names) else "")
    if opts.get("mdd"):
        return [(p0[i], word(p1, i), word(p2, i)) for i in range(len(p0))]
    if opts.get("mdd1"):
        return [(p0[i], word(p1, j), word(p2, j)) for i in range(len(p0)) for j in range(max(len(p1), 1))]
    return [(p0[i], word(p1, j), word(p2, k)) for i in range(len(p0))
            for j in range(max(len(p1), 1)) for k in range(max(len(p2), 1))]


def _fit(session, commands: list[str], names: tuple[str, str, str], opts: dict, replicates: bool) -> dict:
    from mlmcli.commands.community.pv_replicates import replicate_fit
    from mlmcli.runner import Runner, current_runner

    v0, v1, v2 = names
    lines = [c.replace("@pv", v0).replace("@1pv", v1).replace("@2pv", v2).strip() for c in commands]
    collect = (lambda: _collect(session, opts))
    if replicates:
        fit = replicate_fit(session, lines, opts, collect)
    else:
        runner = current_runner(session) or Runner(session)
        for line in lines:
            runner.execute(f"quietly {line}")
        fit = collect()
    session.print(f"Estimates for {v0} {v1} {v2} complete")
    return fit


def _collect(session, opts: dict) -> dict:
    """b, V and df_r of the last run (r() with rclass), N and r2 from e()."""
    e = session.e
    if opts.get("rclass"):
        b, V = session.r.get("b"), session.r.get("V")
        df = float(session.r.get("df_r", np.nan))
    else:
        b = e.matrices.get("b") if e is not None else None
        V = e.matrices.get("V") if e is not None else None
        df = e.scalars.get("df_r", np.nan) if e is not None else np.nan
    if b is None or (V is None and not any(opts.get(k) for k in ("brr", "jrr", "jrrt2"))):
        raise StataError(f"matrix {'r' if opts.get('rclass') else 'e'}(b) not found", 111)
    scalars = e.scalars if e is not None else {}
    return {"b": b, "V": V, "df": df, "N": scalars.get("N", np.nan), "r2": scalars.get("r2", np.nan)}


def _combine_and_post(session, fits: list[dict], opts: dict) -> None:
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.results.matrix import Matrix

    m = len(fits)
    widths = {np.asarray(f["b"].values).size for f in fits}
    if len(widths) > 1:
        raise StataError("Estimates for  yields different number of coefficients than the previous.", 100)
    bs = np.array([np.asarray(f["b"].values, float).ravel() for f in fits])
    b = bs.mean(axis=0)
    V = np.mean([_values(f["V"]) for f in fits], axis=0)
    r2 = float(np.mean([f["r2"] for f in fits]))
    if opts.get("timss") or opts.get("pirls"):
        V = _values(fits[0]["V"])
    dev = bs - b
    B = dev.T @ dev / (m - 1) if m > 1 else np.zeros_like(V)
    U = V + (1 + 1 / m) * B
    last = fits[-1]
    table = _table(b, U, B, m, last["df"])
    names = _names(session, fits[0]["b"].colnames, opts)
    session.print("")
    session.print(f"Number of observations: {_macro(last['N'])}")
    session.print(f"Average R-Squared: {_macro(r2)}")
    session.print("")
    _list_table(session, table, names)
    first_V = fits[0]["V"]
    if not hasattr(first_V, "rownames"):  # a replicate variance: _brr posts it with e(b)'s names
        first_V = Matrix(V, tuple(fits[0]["b"].colnames), tuple(fits[0]["b"].colnames))
    # ereturn scalar reads the macros pv.ado kept them in
    session.e = EstimationResults(
        cmd="pv",
        scalars={"df_p": last["df"], "pv_n": float(m), "N": _from_macro(last["N"]), "r2": _from_macro(r2)},
        macros={"cmd": "pv", "properties": "b V"},
        matrices={"b": Matrix(b[None, :], ("y1",), names), "V": Matrix(U, names, names),
                  "B": Matrix(B, first_V.rownames, first_V.colnames)})


def _values(matrix) -> np.ndarray:
    return np.asarray(getattr(matrix, "values", matrix), float)


def _table(b, U, B, m: int, df: float) -> np.ndarray:
    from mlmcli import distributions

    rows = []
    with np.errstate(divide="ignore", invalid="ignore"):
        for k in range(len(b)):
            u = U[k, k]
            f = (1 + 1 / m) * B[k, k] / u if u else np.nan
            dof = 1 / (f * f / (m - 1) + (1 - f) ** 2 / df) if m > 1 else np.nan
            if not np.isfinite(dof):
                dof = df  # pv.ado: a missing dof falls back to the last run's e(df_r)
            se = np.sqrt(u) if u >= 0 else np.nan
            t = b[k] / se if se else np.nan
            p = 2 * float(distributions.t.sf(abs(t), dof)) if np.isfinite(t) and np.isfinite(dof) else np.nan
            rows.append((b[k], se, t, dof, p))
    return np.array(rows, float)


def _names(session, colnames, opts: dict) -> tuple[str, ...]:
    """The coefficient names without equations; pv.ado renames the last plausible value of
    each list to pv, pv1, pv2 in them (first occurrence, as a substring) and creates a variable
    of that name when none is found -- for pv() only when that variable's first value exceeds 1."""
    names = " " + " ".join(str(c).split(":")[-1] for c in colnames)
    for key in ("pv", "pv1", "pv2"):
        values = opts["lists"][key]
        if not values:
            continue
        last = values[-1]
        if key == "pv":
            first = session.data.numeric(last)[0] if session.data.nobs else np.nan
            if not (np.isnan(first) or first > 1):
                continue
        names = names.replace(last, key, 1)
        _ensure_variable(session, key)
    return tuple(names.split())


def _ensure_variable(session, name: str) -> None:
    from mlmcli.runner import Runner, current_runner

    try:
        session.data.resolve(name)
    except StataError:
        (current_runner(session) or Runner(session)).execute(f"quietly generate {name} = .")


def _macro(value: float) -> str:
    from mlmcli.commands.program.macro_functions import macro_number

    return macro_number(float(value))


def _from_macro(value: float) -> float:
    return float(value) if np.isnan(value) else float(_macro(value))


def _list_table(session, table: np.ndarray, names: tuple[str, ...]) -> None:
    from mlmcli.render.listings import render_matrix_list
    from mlmcli.results.postestimation import MatrixListing

    listing = MatrixListing("", table, names, COLUMNS, header=False)
    session.print(render_matrix_list(listing))
