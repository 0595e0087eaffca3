"""``symmetry casevar controlvar [if] [in] [fweight] [, notable contrib mh trend cc]`` and
``symmi #11 #12 ... \\ #21 ... [, options]`` ([R] symmetry): the square table of matched pairs
(table's layout, as symmetry.ado shows it) and its tests in symmetry.ado's layout, the exact
significance probability with ``exact``."""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

OPTIONS = [OptionSpec("contrib", 3), OptionSpec("exact", 2), OptionSpec("mh"), OptionSpec("notable"),
           OptionSpec("trend", 2), OptionSpec("cc")]


def _check(opts: dict, strings: bool) -> None:
    if opts.get("cc") and not opts.get("trend"):
        raise StataError("cc option allowed only with trend option", 198)


def _row(label: str, chi2: float, df, p: float) -> str:
    from mlmcli.render.numfmt import format_number

    head = f"{label:<38}| {format_number(chi2, '%9.2f')}"
    return f"{head:<55}{df:<10}{format_number(p, '%5.4f')}"


def render(result, opts: dict) -> list[str]:
    from mlmcli.render.numfmt import format_number

    lines = []
    if opts.get("contrib"):
        lines += ["", "                  Contribution", "                   to symmetry",
                  "   Cells           chi-squared", "-" * 14 + "  " + "-" * 14]
        lines += [f" n{i}_{j} & n{j}_{i}       {format_number(c, '%9.4f')}" for i, j, c in result.contributions]
    lines += ["", " " * 45 + "chi2     df      Prob>chi2", "-" * 38 + "+" + "-" * 33,
              _row("Symmetry (asymptotic)", result.chi2, result.df, result.p),
              _row("Marginal homogeneity (Stuart-Maxwell)", result.chi2_sm, result.df_sm, result.p_sm)]
    if result.mh:
        lines += [_row("Marginal homogeneity (Bickenboller)", result.mh["chi2_b"], result.mh["df_b"], result.mh["p_b"]),
                  _row("Marginal homogeneity (no diagonals)", result.mh["chi2_nd"], result.mh["df_nd"],
                       result.mh["p_nd"])]
    if result.trend:
        lines += ["-" * 38 + "+" + "-" * 33,
                  _row("Linear trend in the (log) RR", result.trend["chi2_t"], 1, result.trend["p_trend"])]
    lines.append("-" * 38 + "+" + "-" * 33)
    if result.p_exact is not None:
        p = result.p_exact
        lines.append(f"{'Symmetry (exact significance probability) ':<65}{format_number(p, '%5.4f')}")
        if p != p:
            lines.append("(Too many observations for exact test, asymptotic result should hold)")
    return lines


def _returns(result) -> dict:
    r = {"N_pair": result.n_pair, "chi2": result.chi2, "df": float(result.df), "p": result.p,
         "chi2_sm": result.chi2_sm, "df_sm": float(result.df_sm), "p_sm": result.p_sm}
    r.update({k: float(v) for k, v in result.mh.items()})
    r.update({k: float(v) for k, v in result.trend.items()})
    if result.p_exact is not None:
        r["p_exact"] = result.p_exact
    return r


def _show_table(session, ds, first: str, second: str, levels, counts: np.ndarray) -> None:
    """table first second, c(sum count) row col center f(%5.0f) over every pair of levels."""
    import pandas as pd

    from mlmcli.dataset import Dataset
    from mlmcli.runner import Runner, current_runner

    r = len(levels)
    a, b = np.repeat(levels, r), np.tile(levels, r)
    work = Dataset(df=pd.DataFrame({first: a, second: b, "__count": counts.reshape(-1)}))
    for name in (first, second):
        for meta in ("types", "formats", "value_label_of"):
            if name in getattr(ds, meta):
                getattr(work, meta)[name] = getattr(ds, meta)[name]
    work.value_labels = {k: dict(v) for k, v in ds.value_labels.items()}
    original, by_mask = session.data, getattr(session, "by_mask", None)
    session.data, session.by_mask = work, None  # under by:, the group's rows are already counted
    try:
        (current_runner(session) or Runner(session)).execute(
            f"table {first} {second}, c(sum __count) row col center f(%5.0f)")
    finally:
        session.data, session.by_mask = original, by_mask


def _tabulate(session, cmd, first: str, second: str):
    from mlmcli.commands.data.common import mark, weights

    ds = session.data
    rows = mark(session, cmd, [first, second], strok=True)
    rows, w, _ = weights(session, cmd, rows, ("fweight",), default="fweight")
    if not rows.any():
        raise StataError("no observations", 2000)
    if ds.is_string(first) != ds.is_string(second):
        raise StataError("type mismatch", 109)
    if w is not None and len(w) == ds.nobs:
        w = w[rows]
    get = (lambda v: ds.df[v].to_numpy(dtype=object)[rows]) if ds.is_string(first) else (lambda v: ds.numeric(v)[rows])
    x, y = get(first), get(second)
    levels = np.array(sorted(set(x.tolist()) | set(y.tolist())), dtype=object if ds.is_string(first) else float)
    index = {v: k for k, v in enumerate(levels.tolist())}
    counts = np.zeros((len(levels), len(levels)))
    weight = np.ones(len(x)) if w is None else np.asarray(w, dtype=float)
    for xi, yi, wi in zip(x.tolist(), y.tolist(), weight.tolist()):
        counts[index[xi], index[yi]] += wi
    return levels, counts


def cmd_symmetry(session, cmd) -> None:
    from mlmcli.classic_tests.symmetry import symmetry_test
    from mlmcli.syntax.varlist import counted_varlist

    opts = resolve_options(cmd.options, OPTIONS)
    ds = session.data
    first, second = counted_varlist(ds, cmd.args, 2, 2)
    for name in (first, second):
        if opts.get("trend") and ds.is_string(name):
            raise StataError(f"trend not allowed with string variable {name}", 198)
    _check(opts, False)
    levels, counts = _tabulate(session, cmd, first, second)
    if not opts.get("notable"):
        _show_table(session, ds, first, second, levels, counts)
    result = symmetry_test(counts, levels if opts.get("trend") else None, mh=bool(opts.get("mh")),
                           trend=bool(opts.get("trend")), cc=bool(opts.get("cc")))
    if opts.get("exact"):
        from dataclasses import replace

        from mlmcli.classic_tests.symmetry import exact_symmetry_p

        result = replace(result, p_exact=exact_symmetry_p(counts))
    session.print("\n".join(render(result, opts)))
    session.set_r(_returns(result))


def cmd_symmi(session, cmd) -> None:
    """The immediate form, as symmi.ado: tabi's rows and columns (levels 1, 2, ...), the empty
    cells dropped, then ``symmetry row col`` on those counts; the data in memory are untouched."""
    import pandas as pd

    from mlmcli.dataset import Dataset
    from mlmcli.runner import Runner, current_runner

    from mlmcli.syntax.options import read_options

    text, _, rest = cmd.args.partition(",")
    options = read_options(rest)
    opts = resolve_options(options, OPTIONS)
    _check(opts, False)
    try:
        table = [[float(t) for t in row.split()] for row in text.split("\\")]
    except ValueError:
        raise StataError("invalid syntax", 198) from None
    if not table or any(len(row) != len(table[0]) or not row for row in table):
        raise StataError("invalid syntax", 198)
    counts = np.array(table)
    if np.any(counts < 0) or np.any(counts != np.floor(counts)):
        raise StataError("may not use noninteger frequency weights", 401)
    i, j = np.nonzero(counts)
    if not len(i):
        raise StataError("no observations", 2000)
    work = Dataset(df=pd.DataFrame({"row": i + 1.0, "col": j + 1.0, "pop": counts[i, j]}),
                   types={"row": "byte", "col": "byte", "pop": "long"})
    written = rest.strip()
    original = session.data
    session.data = work
    try:
        (current_runner(session) or Runner(session)).execute(
            "symmetry row col [fweight=pop]" + (f", {written}" if written else ""))
    finally:
        session.data = original
