"""``cluster dendrogram`` (synonym ``cluster tree``; cluster_tree.ado 3.2.0): the dendrogram of
a hierarchical analysis drawn as the ado draws it --

    twoway pcspike y1 x1 y2 x2, pstyle(dendrogram) title("Dendrogram for clname cluster analysis")
        plotregion(margin(b=0)) xlabel(<position> "<label>" ..., nogrid notick) xscale(lstyle(none))
        xtitle("") ylabel(, nogrid) ytitle("<measure> dissimilarity measure") options

(x and y swapped with horizontal).  Leaves sit at 1, 2, ... in dendrogram order, each merge
at the midpoint of its two branches.  labels(varname), cutnumber(#), cutvalue(#),
showcount, countprefix(), countsuffix(), countinline and horizontal are honoured; if/in,
quick and addplot() are refused (not implemented).  The data in memory are not changed."""
from __future__ import annotations

import numpy as np

from mlmcli.ast import Option
from mlmcli.commands.statistics import cluster_objects as store
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec

SPECS = [OptionSpec("labels", 2, True), OptionSpec("showcount", 5), OptionSpec("countprefix", 6, True),
         OptionSpec("countsuffix", 6, True), OptionSpec("countinline", 6), OptionSpec("cutvalue", 4, True),
         OptionSpec("cutnumber", 4, True), OptionSpec("quick", 5), OptionSpec("horizontal", 3),
         OptionSpec("addplot", None, True)]


def segments(heights: np.ndarray) -> list[tuple[float, float, float, float]]:
    """(y1, x1, y2, x2) of the dendrogram of leaves 1..m whose neighbours are linked at
    ``heights`` (m-1 values): split at the highest link (the leftmost of a tie), the merge
    drawn at the midpoint of its two branches."""
    out = []

    def build(lo: int, hi: int) -> tuple[float, float]:  # leaves lo..hi -> (x, y) of its top
        if lo == hi:
            return float(lo + 1), 0.0
        cut = lo + int(np.argmax(heights[lo:hi]))
        top = float(heights[cut])
        (xl, yl), (xr, yr) = build(lo, cut), build(cut + 1, hi)
        out.extend([(yl, xl, top, xl), (yr, xr, top, xr), (top, xl, top, xr)])
        return (xl + xr) / 2, top

    if len(heights):
        build(0, len(heights))
    return out


def cluster_dendrogram(session, cmd) -> None:
    from mlmcli.commands.graphs.current import finish
    from mlmcli.commands.graphs.ready_series import refuse_by_prefix, session_with_columns, take_options
    from mlmcli.commands.graphs.twoway import new_builder
    from mlmcli.graphs.syntax import PlotCall, TwowayCall

    refuse_by_prefix(cmd, "cluster dendrogram")
    ds = session.data
    opts, rest = take_options(cmd.options, SPECS)
    for name in ("quick", "addplot"):
        if opts.get(name):
            raise StataError(f"cluster dendrogram, {name} is not implemented in mlm", 198)
    if cmd.if_exp or cmd.in_range:
        raise StataError("cluster dendrogram with if or in is not implemented in mlm", 198)
    words = (cmd.args or "").split()
    current = store.names(ds)
    if not current and not words:
        raise StataError("no cluster solutions currently defined", 198)
    name = store.expand(ds, words[0], onlyone=True)[0] if words else current[0]
    r = store.query(ds, name)
    if r.get("type") != "hierarchical":
        raise StataError("dendrograms allowed only after hierarchical clustering", 198)
    if opts.get("cutvalue") and opts.get("cutnumber"):
        raise StataError("only one of cutvalue() and cutnumber() may be specified", 198)
    ident = ds.numeric(r["idvar"])
    used = np.flatnonzero(~np.isnan(ident))
    used = used[np.argsort(ident[used], kind="stable")]
    order = ds.numeric(r["ordervar"])[used].astype(int)
    heights = ds.numeric(r["heightvar"])[used]
    similarity = r.get("similarity")
    match = float(next((r[f"o{k[1:-4]}_val"].split()[0] for k in r if k.startswith("o") and k.endswith("_tag")
                        and r[k] == "range"), 0))
    if similarity:  # drawn on match - similarity, then shown as similarities on a reversed axis
        heights = match - heights
    n = len(used)
    kept = np.arange(n)
    cut = opts.get("cutnumber") or opts.get("cutvalue")
    if cut:
        if opts.get("cutnumber"):
            try:
                count = int(str(cut).strip())
            except ValueError:
                raise StataError("cutnumber() invalid -- invalid number", 121) from None
            if count <= 1 or count > 100:
                raise StataError("cutnumber() invalid -- invalid numlist has elements outside of allowed range", 125)
            finite = np.flatnonzero(~np.isnan(heights))
            ranked = finite[np.argsort(-heights[finite], kind="stable")]
            if count - 1 < len(ranked) and heights[ranked[count - 2]] == heights[ranked[count - 1]]:
                raise StataError(f"cannot cut exactly {count} groups because of ties in the dendrogram", 198)
            chosen = np.concatenate([ranked[:count - 1], np.flatnonzero(np.isnan(heights))])
        else:
            try:
                value = float(str(cut).strip())
            except ValueError:
                raise StataError("cutvalue() invalid -- invalid number", 121) from None
            value = match - value if similarity else value
            chosen = np.flatnonzero(np.isnan(heights) | (heights >= value))
            if len(chosen) <= 1:
                raise StataError(f"nothing to display; all tree divisions fall below cutvalue({cut})", 198)
        kept = np.sort(chosen)
    if len(kept) > 100:
        raise StataError("too many leaves; use a more restrictive value for cutvalue() or use the cutnumber() option"
                         if cut else "too many leaves; consider using the cutvalue() or cutnumber() options", 198)
    if cut:
        texts = [f"G{i + 1}" for i in range(len(kept))]
    elif opts.get("labels"):
        var = ds.expand_varlist(str(opts["labels"]))[0]
        column = ds.column(var).to_numpy()
        texts = [str(column[used[o - 1]]) if ds.is_string(var) else _number_text(column[used[o - 1]])
                 for o in order]
    else:
        texts = [str(o) for o in order]
    showcount = any(opts.get(k) for k in ("showcount", "countprefix", "countsuffix", "countinline"))
    if showcount:
        sizes = np.diff(np.concatenate([[-1], kept]))
        typed = opts.get("countprefix") or opts.get("countsuffix")
        prefix = str(opts.get("countprefix") or "") if typed else "n="
        counts = [f"{prefix}{s}{opts.get('countsuffix') or ''}" for s in sizes]
        texts = ([f"{t} {c}" for t, c in zip(texts, counts)] if opts.get("countinline")
                 else [f"{t}\n{c}" for t, c in zip(texts, counts)])  # the ado's two-line label
    labels = " ".join(f'{i + 1} `"{t}"\'' for i, t in enumerate(texts))
    pieces = segments(heights[kept][:-1])
    y1, x1, y2, x2 = (np.array([p[k] for p in pieces]) for k in range(4))
    if similarity:
        y1, y2 = match - y1, match - y2
    title = f"{similarity} similarity measure" if similarity else f"{r.get('dissimilarity', '')} dissimilarity measure"
    scratch = session_with_columns(session, [("__dg_y1", y1, None), ("__dg_x1", x1, None), ("__dg_y2", y2, None),
                                             ("__dg_x2", x2, None)])
    axis, other = ("y", "x") if opts.get("horizontal") else ("x", "y")
    options = [Option("pstyle", "p1"), Option("title", f'`"Dendrogram for {name} cluster analysis"\''),
               Option("plotregion", f"margin({'l' if axis == 'y' else 'b'}=0)"),
               Option(f"{axis}label", f"{labels}, nogrid notick"), Option(f"{axis}scale", "lstyle(none)"),
               Option(f"{axis}title", '""'), Option(f"{other}label", ", nogrid"),
               Option(f"{other}title", f'`"{title}"\'')]
    if similarity:
        options.append(Option(f"{other}scale", "reverse"))
    if opts.get("horizontal"):
        options.append(Option("horizontal"))
    plots = [PlotCall("pcspike", "__dg_y1 __dg_x1 __dg_y2 __dg_x2", None, None, tuple(options + list(rest)))]
    builder = new_builder(scratch)
    graph = builder.build(TwowayCall(tuple(plots), None, None, ()), cmd.text)
    for note in builder.notes:
        session.print(note)
    finish(session, graph, builder.graph_options)


def _number_text(value) -> str:
    from mlmcli.render.numfmt import format_number
    return "." if value != value else format_number(float(value), "%9.0g").strip()
