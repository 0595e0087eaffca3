"""``ktau``: Kendall's rank correlation ([R] spearman), as ktau.ado.

    ktau [varlist] [if] [in] [, stats(taua taub score se obs p) print(#) star(#) bonferroni
        sidak pw matrix]

Two variables (without matrix): ktau.ado's text and r(N), r(tau_a), r(tau_b), r(score),
r(se_score), r(p).  More (or matrix): "(obs=N)", a key when stats() asks for more than tau_a,
the lower triangle, r() of the last pair and the matrices r(Nobs), r(Tau_a), r(Tau_b),
r(Score), r(Se_Score), r(P).  String variables are skipped with ktau.ado's note; without pw
the observations with any variable missing are left out.  Numbers in mlmcli.kendall_tau.
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.data.common import mark
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

OPTIONS = [OptionSpec("stats", None, True), OptionSpec("print", 1, True), OptionSpec("star", 2, True),
           OptionSpec("bonferroni", 1), OptionSpec("sidak", 3), OptionSpec("pw", None), OptionSpec("matrix", 3)]
_STATS = ("taua", "taub", "score", "se", "obs", "p")


def level_option(opts: dict, name: str, *, closed: bool = False) -> float:
    """print()/star(): a level in (0, 1) (ktau.ado's check), or [0, 1] as a numlist's range
    (tetrachoric.ado's, r(125)); -1 when not given (no p-value is below it)."""
    if opts.get(name) is None:
        return -1.0
    try:
        value = float(str(opts[name]).strip())
    except ValueError:
        raise StataError("invalid numlist", 121) from None
    if closed and not 0 <= value <= 1:
        raise StataError("number out of range", 125)
    if not closed and not 0 < value < 1:
        raise StataError(f"{name}() must be between 0 and 1", 198)
    return value


def cmd_ktau(session, cmd) -> None:
    from mlmcli.kendall_tau import kendall_pair

    opts = resolve_options(cmd.options, OPTIONS)
    ds = session.data
    typed = ds.expand_varlist(cmd.args) if (cmd.args or "").strip() else list(ds.varnames)
    if len(typed) < 2:
        raise StataError("too few variables specified", 102)
    names = []
    for name in typed:
        if ds.is_string(name):
            session.print(f"({name} ignored because string variable)")
        else:
            names.append(name)
    if len(names) < 2:
        raise StataError("too few variables specified", 102)
    if opts.get("bonferroni") and opts.get("sidak"):
        raise StataError("only one of bonferroni and sidak can be specified", 198)
    star, show_below = level_option(opts, "star"), level_option(opts, "print")
    words = str(opts.get("stats") or "").split()
    for w in words:
        if w not in _STATS:
            raise StataError("stats() must contain one or more of taua, taub, score, se, obs, and p", 198)
    stats = tuple(s for s in _STATS if s in words) or ("taua",)
    rows = mark(session, cmd, [] if opts.get("pw") else names)
    k = len(names)
    columns = {n: ds.numeric(n) for n in names}
    nrho = k * (k - 1) / 2

    def pair(a: str, b: str):
        keep = rows & ~np.isnan(columns[a]) & ~np.isnan(columns[b])
        if keep.sum() < 3:
            return None, int(keep.sum())
        return kendall_pair(columns[a][keep], columns[b][keep]), int(keep.sum())

    def adjusted(p: float) -> float:
        if opts.get("bonferroni"):
            return min(nrho * p, 1.0)
        if opts.get("sidak"):
            return min(1.0, 1 - (1 - p) ** nrho)
        return p

    if k == 2 and not opts.get("matrix"):
        result, n = pair(*names)
        if result is None:
            raise StataError("insufficient observations", 2001)
        return _show_pair(session, names, result)
    _show_matrix(session, names, stats, pair, adjusted, star, show_below, rows, columns, bool(opts.get("pw")))


def _show_pair(session, names, result) -> None:
    from mlmcli.render.kendall_tau import render_kendall_pair
    from mlmcli.results.kendall_tau import KendallPairReport

    session.print(render_kendall_pair(KendallPairReport(names[0], names[1], result)))
    session.set_r({"N": float(result.N), "tau_a": result.tau_a, "tau_b": result.tau_b, "score": result.score,
                   "se_score": result.se_score, "p": result.p})


def _show_matrix(session, names, stats, pair, adjusted, star, show_below, rows, columns, pw) -> None:
    from mlmcli.render.kendall_tau import render_kendall_matrix
    from mlmcli.results.kendall_tau import KendallMatrix
    from mlmcli.results.matrix import Matrix

    k = len(names)
    grids = {s: np.zeros((k, k)) for s in ("N", "tau_a", "tau_b", "score", "se_score", "p")}
    last = None
    for i in range(k):
        for j in range(i + 1):
            result, n = pair(names[i], names[j])
            values = ((result.tau_a, result.tau_b, result.score, result.se_score) if result is not None
                      else (np.nan,) * 4)
            p = adjusted(result.p) if result is not None else np.nan
            for key, value in zip(("N", "tau_a", "tau_b", "score", "se_score", "p"), (n,) + values + (p,)):
                grids[key][i, j] = grids[key][j, i] = value
            if i == k - 1 and j == k - 2:
                last = (n,) + values + (p,)
    present = [~np.isnan(columns[n]) for n in names]
    if "obs" in stats:
        note = ""
    elif pw and any((~m & rows).any() for m in present):
        note = "(obs=varies)"
    else:
        note = f"(obs={int((present[0] & rows).sum())})"
    p = grids["p"]
    table = KendallMatrix(
        tuple(names), stats,
        {"taua": grids["tau_a"].tolist(), "taub": grids["tau_b"].tolist(), "score": grids["score"].tolist(),
         "se": grids["se_score"].tolist(), "obs": grids["N"].tolist(), "p": p.tolist()},
        tuple(tuple(bool(show_below != -1 and not p[i, j] <= show_below) for j in range(k)) for i in range(k)),
        tuple(tuple(bool(p[i, j] <= star) for j in range(k)) for i in range(k)),
        note, max(int((session.linesize - 15) / 11) - 1, 0))
    session.print(render_kendall_matrix(table))
    r = {name: float(value) for name, value in zip(("N", "tau_a", "tau_b", "score", "se_score", "p"), last)}
    labels = tuple(names)
    r.update({"P": Matrix(grids["p"], labels, labels), "Se_Score": Matrix(grids["se_score"], labels, labels),
              "Score": Matrix(grids["score"], labels, labels), "Tau_b": Matrix(grids["tau_b"], labels, labels),
              "Tau_a": Matrix(grids["tau_a"], labels, labels), "Nobs": Matrix(grids["N"], labels, labels)})
    session.set_r(r)
