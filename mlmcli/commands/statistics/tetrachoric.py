"""``tetrachoric``: tetrachoric correlations of 0/1 variables ([R] tetrachoric), as tetrachoric.ado.

    tetrachoric varlist [if] [in] [fw] [, stats(rho se p obs) edwards print(#) star(#)
        bonferroni sidak pw matrix notable posdef zeroadjust]

Two variables (without matrix): the ado's text; more: "(obs=N)", a key when stats() asks for
more than rho, the non-positive-semidefinite note, the lower triangle.  r(method), r(N), r(rho),
r(nneg), r(Nobs), r(Rho) and, unless posdef changed the matrix, r(se_rho), r(p), r(Se_Rho), r(P).
Numbers in mlmcli.tetrachoric_correlation.
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.data.common import mark, weights
from mlmcli.commands.statistics.ktau import level_option
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

OPTIONS = [OptionSpec("stats", None, True), OptionSpec("edwards", 2), OptionSpec("print", 1, True),
           OptionSpec("star", 2, True), OptionSpec("bonferroni", 1), OptionSpec("sidak", 3), OptionSpec("pw"),
           OptionSpec("available", 5), OptionSpec("matrix", 3), OptionSpec("notable", 5),
           OptionSpec("posdef", 3), OptionSpec("zeroadjust", 2)]
_STAT_NAMES = (("obs", 1), ("p", 1), ("rho", 1), ("se", 1))


def _stats(text: str) -> list[str]:
    out: list[str] = []
    for word in text.split():
        name = next((n for n, m in _STAT_NAMES if n.startswith(word.lower()) and len(word) >= m), None)
        if name is None:
            raise StataError(f"option {word} not allowed", 198)
        if name not in out:
            out.append(name)
    return out or ["rho"]


def cmd_tetrachoric(session, cmd) -> None:
    from mlmcli.classic_tests.exact_tables import fisher_exact
    from mlmcli.tetrachoric_correlation import (positive_semidefinite, tetrachoric_edwards, tetrachoric_ml,
                                                zero_adjusted)

    opts = resolve_options(cmd.options, OPTIONS)
    ds = session.data
    names = ds.expand_varlist(cmd.args)
    if len(names) < 2:
        raise StataError("too few variables specified", 102)
    for n in names:
        if ds.is_string(n):
            raise StataError(f"string variables not allowed in varlist;\n{n} is a string variable", 109)
    pw = bool(opts.get("pw") or opts.get("available"))
    rows = mark(session, cmd, [] if pw else names)
    rows, w, _ = weights(session, cmd, rows, ("fweight",), default="fweight")
    w = np.ones(ds.nobs) if w is None else w
    if not rows.any():
        raise StataError("no observations", 2000)
    if opts.get("bonferroni") and opts.get("sidak"):
        raise StataError("only one of bonferroni and sidak can be specified", 198)
    star, show_below = level_option(opts, "star", closed=True), level_option(opts, "print", closed=True)
    stats = _stats(str(opts.get("stats") or ""))
    columns = {n: ds.numeric(n) for n in names}
    for n in names:
        x = columns[n][rows]
        x = x[~np.isnan(x)]
        if not np.isin(x, (0.0, 1.0)).all():
            raise StataError(f"variable {n} is not 0/1 coded", 198)
    estimate = tetrachoric_edwards if opts.get("edwards") else tetrachoric_ml
    k = len(names)
    nobs = np.full((k, k), np.nan)
    rho, se, p = np.eye(k), np.zeros((k, k)), np.zeros((k, k))
    for i in range(k):
        xi = columns[names[i]]
        own = rows & ~np.isnan(xi)
        if not own.any():
            raise StataError(f"variable {names[i]} has no observations", 2000)
        if len(np.unique(xi[own])) == 1:
            raise StataError(f"variable {names[i]} does not vary", 198)
        nobs[i, i] = w[own].sum()
        for j in range(i):
            xj = columns[names[j]]
            both = own & ~np.isnan(xj)
            f = np.array([[w[both & (xi == a) & (xj == b)].sum() for b in (0.0, 1.0)] for a in (0.0, 1.0)])
            values = (np.nan, np.nan, np.nan, np.nan)
            if both.any() and (f.sum(axis=1) > 0).all() and (f.sum(axis=0) > 0).all():
                exact = fisher_exact(np.rint(f).astype(np.int64))[0]
                table = zero_adjusted(f) if opts.get("zeroadjust") else f
                r, s = estimate(*table.ravel())
                values = (f.sum(), r, s, exact)
            elif both.any():
                values = (np.nan,) * 4
            else:
                values = (0.0, np.nan, np.nan, np.nan)
            for grid, value in zip((nobs, rho, se, p), values):
                grid[i, j] = grid[j, i] = value
    nneg, mdiff, adjusted = (positive_semidefinite(rho) if not np.isnan(rho).any()
                             else (None, np.nan, None))
    changed = adjusted is not None and bool(opts.get("posdef"))
    notes = []
    if changed:
        rho = adjusted
        ignored = [s for s in ("se", "p") if s in stats]
        if ignored:
            notes.append(f"({' '.join(s for s in stats if s in ignored)} ignored)")
            stats = [s for s in stats if s not in ignored]
        for flag, text in (("bonferroni", "(bonferroni ignored)"), ("sidak", "(sidak ignored)")):
            if opts.get(flag):
                notes.append(text)
                opts.pop(flag)
        if star != -1:
            notes.append("(star() ignored)")
            star = -1
        if show_below != -1:
            notes.append("(print() ignored)")
            show_below = -1
    if opts.get("bonferroni") or opts.get("sidak"):
        lower = np.tril_indices(k, -1)
        nrho = int((~np.isnan(p[lower])).sum())
        adjusted_p = (np.minimum(1, nrho * p) if opts.get("bonferroni") else np.minimum(1, 1 - (1 - p) ** nrho))
        np.fill_diagonal(adjusted_p, 0.0)
        p = adjusted_p
    if notes:
        session.print("\n".join(notes))
    if not opts.get("notable"):
        _display(session, names, stats, nobs, rho, se, p, changed, nneg, mdiff, star, show_below,
                 two=k == 2 and not opts.get("matrix"))
    _store(session, names, nobs, rho, se, p, changed, nneg, "Edwards" if opts.get("edwards") else "ml")


def _display(session, names, stats, nobs, rho, se, p, changed, nneg, mdiff, star, show_below, two) -> None:
    from mlmcli.render.tetrachoric import render_tetrachoric_matrix, render_tetrachoric_pair
    from mlmcli.results.tetrachoric import TetrachoricMatrix

    if two:
        session.print(render_tetrachoric_pair(names[0], names[1], nobs[0, 1], rho[0, 1], se[0, 1], p[0, 1]))
        return
    k = len(names)
    session.print(render_tetrachoric_matrix(TetrachoricMatrix(
        tuple(names), tuple(stats), nobs.tolist(), rho.tolist(), se.tolist(), p.tolist(),
        tuple(tuple(bool(show_below != -1 and not p[i, j] <= show_below) for j in range(k)) for i in range(k)),
        tuple(tuple(bool(p[i, j] <= star) for j in range(k)) for i in range(k)),
        changed, nneg, mdiff, max(int((session.linesize - 15) / 9) - 1, 0))))


def _store(session, names, nobs, rho, se, p, changed, nneg, method) -> None:
    from mlmcli.results.matrix import Matrix

    labels = tuple(names)
    r = {"method": method, "N": float(nobs[0, 1]), "rho": float(rho[0, 1]),
         "nneg": float(nneg) if nneg is not None else float("nan"),
         "Nobs": Matrix(nobs, labels, labels), "Rho": Matrix(rho, labels, labels)}
    if not changed:
        r.update({"se_rho": float(se[0, 1]), "p": float(p[0, 1]), "Se_Rho": Matrix(se, labels, labels),
                  "P": Matrix(p, labels, labels)})
    session.set_r(r)
