"""``mfx`` (Stata 13 still runs it, [R] mfx of Stata 10/11): marginal effects or elasticities at
one point, by default the means, from margins' derivatives.

    mfx [compute] [if] [in] [, dydx | eyex | dyex | eydx  at(atlist)  predict(pred_opt)
                               varlist(varlist)  nodiscrete  nose  nonlinear  level(#)]
    mfx replay [, level(#)]

atlist: [mean | median | zero] [varname = # [varname = # ...]] (the others at their means, or
medians, or zero), or a numlist or matrix with a value for each variable.  The numbers are those of ``margins, dydx(x) atmeans`` (eyex(), dyex(),
eydx()) at the same point with the delta-method standard errors; a 0/1 variable's dy/dx is,
unless nodiscrete or another type, the discrete change from 0 to 1 at the others' values
(``margins, at(x = (0 1)) atmeans``: the difference and its variance
V11 + V22 - 2 V12).  Display and e(Xmfx_*) as mfx.ado's Replay, Display and Displaynose.
"""
from __future__ import annotations

import re

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, resolve_options

SPECS = [OptionSpec(*row) for row in (
    ("at", 2, True), ("eqlist", 2, True), ("predict", 4, True), ("varlist", 3, True), ("dydx", 4), ("eyex", 4),
    ("dyex", 4), ("eydx", 4), ("nonlinear", 4), ("nodiscrete", 3), ("noesample", 5), ("nowght", 5),
    ("nose", 4), ("diagnostics", 4, True), ("tracelvl", 2, True), ("nodrop", 6), ("force", 5), ("level", 1, True))]
_TITLES = {"dydx": "dy/dx", "eyex": "ey/ex", "dyex": "dy/ex", "eydx": "ey/dx"}


def cmd_mfx(session, cmd) -> None:
    words = cmd.args.split()
    sub = words[0] if words else "compute"  # case counts (mfx.ado)
    if len(words) > 1:
        raise StataError("invalid syntax", 198)
    if sub and "replay".startswith(sub):
        if cmd.if_exp or cmd.in_range:
            raise StataError(f"{'if' if cmd.if_exp else 'in'} not allowed", 101)
        opts = resolve_options(cmd.options, [OptionSpec("level", 1, True)])
        return _replay(session, confidence_level(opts, getattr(session, "level", 95.0)))
    if not (sub and "compute".startswith(sub)):
        raise StataError(f"unknown mfx subcommand {words[0]}", 198)
    last_margins = session.margins  # mfx's own margins calls are not what marginsplot draws next
    try:
        _compute(session, cmd)
    finally:
        session.margins = last_margins


def _compute(session, cmd) -> None:
    e = session.e
    if e is None:
        raise StataError("last estimates not found", 301)
    opts = resolve_options(cmd.options, SPECS)
    for name in ("eqlist", "noesample", "nowght", "diagnostics", "tracelvl", "nodrop", "force"):
        if name in opts:
            raise StataError(f"option {name} not supported by mlmcli in mfx", 198)
    types = [t for t in _TITLES if opts.get(t)]
    if len(types) > 1:
        raise StataError("dydx, eyex, dyex, eydx are mutually exclusive", 198)
    kind = types[0] if types else "dydx"
    level = confidence_level(opts, getattr(session, "level", 95.0))
    if "b" not in e.matrices or ("V" not in e.matrices and not opts.get("nose")):
        raise StataError(f"mfx not available after {e.cmd}", 119)
    if any(e.macros.get(k) for k in ("offset", "offset1", "offset2")):
        raise StataError("mfx with an offset not supported by mlmcli", 198)
    ds = session.data
    names = _covariates(session, e)
    chosen = names
    if opts.get("varlist"):
        chosen = _varlist(session, opts["varlist"], names)
    if not chosen:
        raise StataError("no independent variables", 102)
    sample = e.sample_mask(ds)
    if sample is None:
        raise StataError("estimation sample not found", 459)
    discrete = kind == "dydx" and not opts.get("nodiscrete")
    dummies = {v for v in names if _is_dummy(ds.numeric(v)[sample])}
    stat, fixed = _at(session, opts.get("at"), names)
    prefix = " ".join(p for p in (f"if {cmd.if_exp}" if cmd.if_exp else "", _in_text(cmd)) if p)
    predict = f" predict({opts['predict']})" if opts.get("predict") else ""
    run = _runner(session)

    def at_spec(skip: str | None = None, extra: str = "") -> str:
        pairs = " ".join(f"{v}={x!r}" for v, x in fixed.items() if v != skip)
        return f"at(({stat}) _all {pairs} {extra})"
    label = _predict_label(session, run, opts.get("predict") or "")
    run(f"quietly margins {prefix}, {at_spec()}{predict}")
    y = float(session.r["b"].values[0, 0])
    at_row = session.r["at"]
    at_names = [c.split(":")[-1] for c in at_row.colnames]
    # the variables the prediction reads (margins' at()): others in e(b) (ivprobit's instruments)
    # are no covariates of it
    names = [v for v in names if v in at_names]
    chosen = [v for v in chosen if v in names]
    if not chosen:
        raise StataError("no independent variables", 102)
    X = np.array([float(at_row.values[0, at_names.index(v)]) for v in names])
    if kind != "dydx" and not y > 0:
        from mlmcli.render.numfmt import format_number
        raise StataError(f"y = {format_number(y, '%10.0g').strip()} < 0, {kind} not available", 459)
    effects, errors = np.full(len(names), np.nan), np.full(len(names), np.nan)
    continuous = [v for v in chosen if not (discrete and v in dummies)]
    if continuous:
        run(f"quietly margins {prefix}, {kind}({' '.join(continuous)}) {at_spec()}{predict}")
        b, V = session.r["b"].values[0], session.r["V"].values
        for j, v in enumerate(continuous):
            effects[names.index(v)], errors[names.index(v)] = b[j], np.sqrt(V[j, j])
    for v in chosen:
        if v in continuous:
            continue
        run(f"quietly margins {prefix}, {at_spec(skip=v, extra=f'{v}=(0 1)')}{predict}")
        b, V = session.r["b"].values[0], session.r["V"].values
        effects[names.index(v)] = b[1] - b[0]
        errors[names.index(v)] = np.sqrt(max(V[0, 0] + V[1, 1] - 2 * V[0, 1], 0.0))
    _post(session, e, names, chosen, dummies, X, effects, None if opts.get("nose") else errors, y, label,
          kind, discrete, opts)
    _replay(session, level)


def _runner(session):
    from mlmcli.runner import Runner, current_runner

    runner = current_runner(session) or Runner(session)
    return runner.execute


def _predict_label(session, run, options: str) -> str:
    """The label predict gives its variable (mfx's "y = ..."), from a prediction it drops."""
    from mlmcli.commands.program.time_series_names import temporary_name

    name = temporary_name(session)
    run(f"quietly predict double {name}" + (f", {options}" if options else ""))
    try:
        return session.data.var_labels.get(name, "")
    finally:
        session.data.drop_variables([name])


def _in_text(cmd) -> str:
    r = cmd.in_range
    if r is None:
        return ""
    return f"in {r.first}" + (f"/{r.last}" if r.last is not None else "")


def _covariates(session, e) -> list[str]:
    """The variables of e(b)'s columns in order, once each (mfx's colvarlist without _cons)."""
    out: list[str] = []
    columns = list(e.matrices["b"].colnames)
    if e.cmd in ("ivprobit", "ivtobit"):  # mfx.ado: the first equation's effects only
        first = columns[0].split(":")[0] if ":" in columns[0] else None
        columns = [c for c in columns if first is None or c.split(":")[0] == first]
    for full in columns:
        name = full.split(":")[-1]
        name = name[2:] if name.startswith("o.") else name  # a base equation's omitted columns (mlogit)
        if name == "_cons" or name.startswith("/"):
            continue
        if any(c in name for c in ".#"):
            raise StataError("mfx does not support factor variables or time-series operators; use margins", 198)
        if session.data.has_variable(name) and name not in out:
            out.append(name)
    return out


def _is_dummy(values: np.ndarray) -> bool:
    """CheckDummy: every value in e(sample) is 0 or 1."""
    return bool(values.size) and bool(np.all((values == 0) | (values == 1)))


def _varlist(session, text: str, names: list[str]) -> list[str]:
    """GetEq's varlist(): the model's variables named, a warning for each other word."""
    chosen = []
    for word in str(text).split():
        try:
            found = session.data.expand_varlist(word)
        except StataError:
            found = [word]
        for name in found:
            if name in names:
                chosen.append(name)
            else:
                session.print(f"warning: variable {name} not found")
    return [v for v in names if v in chosen]


def _at(session, text, names) -> tuple[str, dict[str, float]]:
    """(mean | median | zero, {variable: value}) of mfx's at() (mfx.ado's at, Parseatlist,
    Parsenum, Parsematrix)."""
    if text is None or not str(text).strip():
        return "mean", {}
    ds = session.data
    words = re.sub(r"\s*=\s*", " = ", str(text).replace(",", " ")).split()
    if words[0].lower() not in ("mean", "median", "zero") and "=" not in words:
        return "mean", _at_values(session, words, names)
    stat = "mean"
    named = words[0].lower() in ("mean", "median", "zero")
    if named:
        stat = words.pop(0).lower()
    fixed, outside = {}, []
    while words:
        if not ds.has_variable(words[0]) and not _resolves(ds, words[0]):
            raise StataError(f"{words[0]} in at() list not found", 198)
        var = ds.resolve(words[0])
        if len(words) < 3 or words[1] != "=":
            raise StataError(f"{str(text).strip()} found where  expected in at()", 198)  # sic: mfx.ado's `exp' is empty
        try:
            value = float(words[2])
        except ValueError:
            raise StataError(f"'{words[2]}' found where number expected", 7) from None
        if var in names:
            fixed[var] = value
        elif var not in outside:
            outside.append(var)
        words = words[3:]
    undone = [v for v in names if v not in fixed]
    if not named and undone:
        session.print(f"\nwarning: no value assigned in at() for variables {' '.join(undone)};\n"
                      f"   means used for {' '.join(undone)}")
    if outside:
        session.print(f"\nwarning: variables {' '.join(outside)} in at() list not found in model\n")
    return stat, fixed


def _resolves(ds, name: str) -> bool:
    try:
        ds.resolve(name)
        return True
    except StataError:
        return False


def _at_values(session, words: list[str], names: list[str]) -> dict[str, float]:
    """at(numlist) or at(matname): a value for each variable in order (a trailing 1: _cons)."""
    if len(words) == 1 and words[0] in getattr(session, "matrices", {}):
        values = [float(v) for v in np.asarray(session.matrices[words[0]].values, float).ravel()]
        if not (len(values) == len(names) or (len(values) == len(names) + 1 and values[-1] == 1)):
            raise StataError("incorrect matrix dimension in at()", 503)
        if any(not np.isfinite(v) for v in values[:len(names)]):
            raise StataError("matrix missing value in at()", 503)
    else:
        try:
            values = [float(w) for w in words]
        except ValueError:
            raise StataError(f"{words[0]} in at() list not found", 198) from None
        if len(values) < len(names):
            raise StataError("numlist too short in at()", 503)
        if len(values) > len(names) + 1 or (len(values) == len(names) + 1 and values[-1] != 1):
            raise StataError("numlist too long in at()", 503)
    return dict(zip(names, values[:len(names)]))


def _post(session, e, names, chosen, dummies, X, effects, errors, y, label, kind, discrete, opts) -> None:
    from mlmcli.results.matrix import Matrix

    import copy

    on = [v in chosen for v in names]
    effects = np.where(on, effects, np.nan)
    # a new e() (mfx's ereturn): estimates stored before keep theirs
    e = copy.copy(e)
    e.macros, e.matrices, e.scalars = dict(e.macros), dict(e.matrices), dict(e.scalars)
    session.e = e
    m = e.macros
    for key in [k for k in m if k.startswith("Xmfx_")]:
        del m[key]
    for key in [k for k in e.matrices if k.startswith("Xmfx_")]:
        del e.matrices[key]
    cols = tuple(names)
    e.matrices["Xmfx_X"] = Matrix(X[None, :], ("r1",), cols)
    e.matrices[f"Xmfx_{kind}"] = Matrix(effects[None, :], ("r1",), cols)
    if errors is not None:
        e.matrices[f"Xmfx_se_{kind}"] = Matrix(np.where(on, errors, np.nan)[None, :], ("r1",), cols)
    m.update({"Xmfx_method": "nonlinear" if opts.get("nonlinear") else "linear",
              "Xmfx_variables": " ".join("1" if o else "0" for o in on),
              "Xmfx_dummy": " ".join("1" if v in dummies else "0" for v in names),
              "Xmfx_predict": str(opts.get("predict") or ""), "Xmfx_label_p": label, "Xmfx_cmd": "mfx",
              "Xmfx_discrete": "discrete" if discrete else "nodiscrete", "Xmfx_type": kind})
    e.scalars["Xmfx_y"] = y
    session.set_r({})


def _replay(session, level: float) -> None:
    from mlmcli.render.mfx import render_mfx
    from mlmcli.results.mfx import MfxResult, MfxRow

    e = session.e
    if e is None or "Xmfx_X" not in e.matrices:
        raise StataError("no mfx results found", 301)
    m = e.macros
    kind = m.get("Xmfx_type", "dydx")
    names = list(e.matrices["Xmfx_X"].colnames)
    X = e.matrices["Xmfx_X"].values[0]
    effects = e.matrices[f"Xmfx_{kind}"].values[0]
    se = e.matrices.get(f"Xmfx_se_{kind}")
    on = m.get("Xmfx_variables", "").split()
    dummy = m.get("Xmfx_dummy", "").split()
    starred = m.get("Xmfx_discrete") == "discrete"
    rows = tuple(MfxRow(n, float(effects[j]), float(se.values[0, j]) if se is not None else None, float(X[j]),
                        starred and dummy[j] == "1") for j, n in enumerate(names) if on[j] == "1")
    cmd = e.macros.get("prefix") and f"{e.macros['prefix']}:{e.macros.get('cmdname', e.cmd)}" \
        or e.macros.get("cmd2") or e.macros.get("cmd") or e.cmd
    session.print(render_mfx(MfxResult(cmd, _TITLES[kind], kind == "dydx", m.get("Xmfx_label_p", ""),
                                       m.get("Xmfx_predict", ""), float(e.scalars["Xmfx_y"]), rows, level)))
