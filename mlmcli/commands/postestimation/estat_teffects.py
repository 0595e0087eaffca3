"""``estat teffects`` after ``sem`` ([SEM] estat teffects): the direct, indirect and total
effects of an observed-variable path model, each table laid out like sem's own (one
``y <-`` block per endogenous variable in the Structural section), with delta-method
standard errors (mlmcli/sem/total_effects.py).  By default every table has the same rows:
an effect with no path shows ``0  (no path)``; ``compact`` leaves those rows out.  r():
``direct``/``indirect``/``total`` and their ``V_`` matrices over the rows shown by default.

Rows follow the variables' order endogenous first (e(depvar)), then exogenous in order of
first appearance in e(b) -- where Stata orders an indirect-only row is not documented.
``standardized`` and sem with latent variables or group() are refused (r(198)/r(321))."""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

_SPECS = [OptionSpec("compact", 4), OptionSpec("standardized", 5), OptionSpec("nolabel", 5),
          OptionSpec("nodirect", 5), OptionSpec("noindirect", 7), OptionSpec("nototal", 5),
          OptionSpec("vsquish", 5), OptionSpec("noomitted", 6), OptionSpec("nolstretch", 10),
          *(OptionSpec(name, 7, takes_arg=True) for name in ("cformat", "pformat", "sformat"))]


def _results(session):
    from mlmcli.estimation.active import replay_results

    if session.e is not None and session.e.cmd != "sem":  # [SEM] estat teffects: after sem, not gsem
        raise StataError("invalid subcommand teffects", 321)
    e = replay_results(session, ("sem",))
    from mlmcli.sem.group_estimate import GroupSEMFit
    from mlmcli.sem.latent_estimate import LatentSEMFit

    if isinstance(e.model, (LatentSEMFit, GroupSEMFit)):
        raise StataError("estat teffects after sem with latent variables or group() is not available in mlm", 321)
    return e


def _rows(eff, which: str, compact: bool, crit: float):
    from mlmcli import distributions as stats
    from mlmcli.results.sem import SEMRow

    values, V = getattr(eff, which), getattr(eff, f"V_{which}")
    present = {"direct": eff.has_direct, "indirect": eff.has_indirect,
               "total": eff.has_direct | eff.has_indirect}[which]
    shown = eff.has_direct | eff.has_indirect
    c = len(eff.causes)
    blocks = []
    for i, y in enumerate(eff.endogenous):
        rows = []
        for j, x in enumerate(eff.causes):
            if not shown[i, j] or (compact and not present[i, j]):
                continue
            if not present[i, j]:
                rows.append(SEMRow(x, 0.0, float("nan"), float("nan"), float("nan"), float("nan"), float("nan"),
                                   constrained=True, note="no path"))
                continue
            b = float(values[i, j])
            se = float(np.sqrt(max(V[i * c + j, i * c + j], 0.0)))
            z = b / se if se > 0 else float("nan")
            p = float(2 * stats.norm.sf(abs(z))) if se > 0 else float("nan")
            rows.append(SEMRow(x, b, se, z, p, b - crit * se, b + crit * se))
        if rows:
            blocks.append((y, tuple(rows)))
    return tuple(blocks)


def _stored(eff, which: str):
    """The effects over every (endogenous, cause) cell with a path of either kind, row-major."""
    from mlmcli.results.matrix import Matrix

    c = len(eff.causes)
    cells = [(i, j) for i in range(len(eff.endogenous)) for j in range(c)
             if eff.has_direct[i, j] or eff.has_indirect[i, j]]
    names = tuple(f"{eff.endogenous[i]}:{eff.causes[j]}" for i, j in cells)
    flat = [i * c + j for i, j in cells]
    values = getattr(eff, which).ravel()[flat]
    V = getattr(eff, f"V_{which}")[np.ix_(flat, flat)]
    return Matrix(values[None, :], ("y1",), names), Matrix(V, names, names)


def estat_teffects(session, cmd) -> None:
    from mlmcli import distributions as stats
    from mlmcli.commands.postestimation.estat import no_arguments
    from mlmcli.render.sem_display import coefficient_table as sem_table
    from mlmcli.results.sem import SEMResult
    from mlmcli.sem.total_effects import path_effects

    no_arguments(cmd)
    opts = resolve_options(cmd.options, _SPECS)
    if opts.get("standardized"):
        raise StataError("option standardized not available in mlm's estat teffects", 198)
    e = _results(session)
    from mlmcli.commands.estimation.common import display_formats

    typed = display_formats(opts)
    fmts = (typed.get("cformat", "%9.0g"), typed.get("sformat", "%8.2f"), typed.get("pformat", "%5.3f"))
    b = e.matrices["b"]
    eff = path_effects(b.colnames, np.asarray(b.values, float).ravel(), e.matrices["V"].values,
                       e.macros.get("depvar", "").split())
    level = float(getattr(session, "level", 95.0))
    crit = float(stats.norm.ppf(0.5 + level / 200.0))
    r = {"N_groups": 1.0}
    from mlmcli.results.matrix import Matrix

    r["nobs"] = Matrix(np.array([[float(e.scalars["N"])]]), ("r1",), ("N",))
    lines: list[str] = []
    for which, title in (("direct", "Direct effects"), ("indirect", "Indirect effects"), ("total", "Total effects")):
        r[which], r[f"V_{which}"] = _stored(eff, which)
        if opts.get(f"no{which}"):
            continue
        res = SEMResult("sem", int(e.scalars["N"]), float("nan"), level, eff.endogenous, (), (),
                        _rows(eff, which, bool(opts.get("compact")), crit), (),
                        vcetype=e.macros.get("vcetype") or None)
        lines += ["", title] + sem_table(res, fmts)
    session.set_r(r)
    session.print("\n".join(lines))
