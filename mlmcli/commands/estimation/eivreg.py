"""``eivreg depvar [indepvars] [if] [in] [aweight fweight] [, reliab(indepvar # [indepvar # ...])
level(#) oldstderrors display_options]`` ([R] eivreg): errors-in-variables regression, numbers
in ``mlmcli.errors_in_variables`` (Stata 13's standard errors; ``oldstderrors``, Stata 16's name
for them, is accepted and changes nothing), the header as eivreg.ado shows it.  Typing
``eivreg`` alone replays.  Checks as eivreg.ado: a reliab() variable that is not a regressor is
"x not independent variable" r(111); a reliability outside (0, 1] "0 < r <= 1 required" r(399).
"""
from __future__ import annotations

import dataclasses

import numpy as np

from mlmcli.commands.estimation.common import display_option_specs, table_options_with_notes
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, resolve_options

HELP = {"eivreg": "eivreg depvar [indepvars] [if] [in] [aw fw] [, reliab(indepvar # ...) level(#)] : "
                  "errors-in-variables regression"}
_OPTIONS = [OptionSpec("reliab", 1, takes_arg=True), OptionSpec("level", 1, takes_arg=True),
            OptionSpec("oldstderrors", 12), *display_option_specs()]


def cmd_eivreg(session, cmd) -> None:
    from mlmcli.estimation.active import replay_results

    if not cmd.args.strip() and cmd.weight is None and not cmd.if_exp and not cmd.in_range:
        e = replay_results(session, ("eivreg",))
        opts = resolve_options(cmd.options, [OptionSpec("level", 1, takes_arg=True), *display_option_specs()])
        return _display(session, e, opts)
    opts = resolve_options(cmd.options, _OPTIONS)
    e = _fit(session, cmd, opts)
    session.e = e
    _display(session, e, opts)


def _reliabilities(ds, text: str | None) -> list[tuple[str, float, str]]:
    """(variable, reliability, the number as typed: e(rellist) keeps it) for each pair of reliab()."""
    words = (text or "").split()
    out = []
    for i in range(0, len(words), 2):
        name = ds.expand_varlist(words[i])
        if len(name) != 1:
            raise StataError(f"{words[i]} invalid name", 198)
        if i + 1 >= len(words):
            raise StataError("nothing found where number expected", 7)
        try:
            value = float(words[i + 1])
        except ValueError:
            raise StataError(f"{words[i + 1]} found where number expected", 7) from None
        out.append((name[0], value, words[i + 1]))
    return out


def _fit(session, cmd, opts):
    from mlmcli.commands.estimation.common import evaluate_weight
    from mlmcli.commands.estimation.regress import run_regress
    from mlmcli.errors_in_variables import fit_eiv
    from mlmcli.parser import weight_kind

    ds = session.data
    kind = None
    if cmd.weight is not None:
        kind = {"weight": "aweight"}.get(weight_kind(cmd.weight), weight_kind(cmd.weight))
        if kind not in ("aweight", "fweight"):
            raise StataError(f"{kind} not allowed", 101)
    pairs = _reliabilities(ds, opts.get("reliab"))
    inner = dataclasses.replace(cmd, name="regress", options=[])
    _, design, depvar, sample, _, _, _ = run_regress(session, inner)
    names = list(design.column_names)
    reliab = np.ones(len(names))
    for name, value, _ in pairs:
        if name not in names:
            raise StataError(f"{name} not independent variable", 111)
        if not 0 < value <= 1:
            raise StataError("0 < r <= 1 required", 399)
        reliab[names.index(name)] = value
    for note in design.notes:
        session.print(note)
    X = np.asarray(design.X, float)
    y = ds.numeric(depvar)[sample]
    w = np.ones(X.shape[0]) if kind is None else evaluate_weight(session, cmd.weight.exp)[sample]
    if kind == "aweight":
        w = w * (w.size / w.sum())
    fit = fit_eiv(X, y, w, reliab)
    level = confidence_level(opts, getattr(session, "level", 95.0))
    return _results(session, cmd, depvar, design, fit.b, fit.V, fit, pairs, kind, sample, level)


def _results(session, cmd, depvar, design, b, V, fit, pairs, kind, sample, level):
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.postest.coefficient_rows import safe_rank
    from mlmcli.robust.fit import RobustLinearFit

    model = RobustLinearFit(coef_labels=tuple(design.labels), b=b, V=V, df_r=float(fit.df_r), level=level,
                            engine_fit=None)
    b_mat, V_mat = model.e_matrices()
    F, df_m = _regressors_test(design.column_names, b, V)
    rellist = " ".join(f"{n} {typed}" for n, _, typed in pairs) + " * 1"
    scalars = {"N": fit.N, "df_m": df_m, "df_r": float(fit.df_r), "F": F, "r2": fit.r2,
               "rmse": float(np.sqrt(fit.sigma2)), "rank": float(safe_rank(V))}
    macros = {"cmd": "eivreg", "cmdline": (cmd.text or f"eivreg {cmd.args}").strip(), "depvar": depvar,
              "rellist": rellist.strip(), "predict": "eivreg_p", "marginsok": "default XB", "properties": "b V"}
    if kind:
        macros["wtype"] = kind
        macros["wexp"] = "= " + cmd.weight.exp
    e = EstimationResults(cmd="eivreg", scalars=scalars, macros=macros, matrices={"b": b_mat, "V": V_mat},
                          model=model, sample=sample.copy(), title="Errors-in-variables regression", design=design)
    e.result = _result(e, level)
    model.result_object = e.result
    e.stamp_sample(session.data)
    return e


def _regressors_test(names, b, V) -> tuple[float, float]:
    """eivreg.ado's ``test`` of every coefficient but _cons: (F, its numerator df)."""
    idx = [j for j, name in enumerate(names) if name != "_cons"]
    if not idx:
        return float("nan"), 0.0
    bx = b[idx]
    return float(bx @ np.linalg.solve(V[np.ix_(idx, idx)], bx)) / len(idx), float(len(idx))


def _result(e, level):
    from mlmcli.commands.estimation.common import estimable_rows_and_model_p
    from mlmcli.render.eivreg import EivregResult

    s = e.scalars
    rows, p = estimable_rows_and_model_p(e, level)
    words = e.macros["rellist"].split()
    pairs = tuple((words[i], float(words[i + 1])) for i in range(0, len(words), 2))
    return EivregResult(depvar=e.macros["depvar"], nobs=s["N"], reliabilities=pairs, df_m=s["df_m"],
                        df_r=s["df_r"], F=s["F"], p=p, r2=s["r2"], rmse=s["rmse"], rows=rows, level=level)


def _display(session, e, opts) -> None:
    from mlmcli.render.eivreg import render_eivreg

    r = e.result
    level = confidence_level(opts, r.level)
    if level != r.level:
        r = _result(e, level)
    session.print(render_eivreg(r, linesize=session.linesize, options=table_options_with_notes(session, opts)))
