"""``pwcompare`` and ``margins, pwcompare``: every pairwise difference of a term's margins.

    pwcompare termlist [, effects cieffects pveffects cimargins groups mcompare() level() asobserved
                        noestimcheck post vsquish cformat() pformat() sformat()]
    margins termlist, pwcompare[(effects cieffects pveffects cimargins groups)] [mcompare() ...]

For the L margins m_1..m_L of a term (its level combinations in order), the comparisons are
m_j - m_i for i < j ("2 vs 1", "3 vs 1", "3 vs 2", ...; cells of an interaction as
"(1 0) vs (0 0)") with SEs from L V(m) L'.  ``mcompare()`` adjusts within each term
(``mlmcli.margins.contrasts.Adjustment``; Scheffe with the rank L - 1).  ``pwcompare``
compares the marginal linear predictions of ``contrast`` (``Margins      : asbalanced``);
``margins, pwcompare`` compares the margins ``margins`` computes.  ``groups``: the margins with
their group letters (``mlmcli.margins.letters``) from the comparisons' adjusted p-values.
"""
from __future__ import annotations

from dataclasses import replace

import numpy as np

from mlmcli.commands.estimation.common import margins_formats
from mlmcli.commands.postestimation.margins_output import command_results, mcompare_method, mctitle, store_results
from mlmcli.errors import StataError
from mlmcli.results.margins import MarginRow, PairwiseResult
from mlmcli.results.matrix import Matrix

HELP = {
    "pwcompare": (
        "pwcompare termlist [, effects cieffects pveffects cimargins groups mcompare(bonferroni|sidak|scheffe|tukey|snk|duncan)"
        " level() asobserved post] -- pairwise comparisons of the marginal linear predictions (asbalanced)."),
}

SUBOPTIONS = ("effects", "cieffects", "pveffects", "cimargins", "groups", "sort")


def _groups(margins, term_offset: int, pool_grand: bool = False) -> dict:
    """(eq, term) -> margin indices in level order.  _marg_work's ._setup_pwcompare makes the
    pairwise term ``_at#over#within#(marginlist)``: the at() rows, over() and within() groups
    are factors of each marginlist term, so every cell of a term is compared with every other
    (contrasts, by ._setup_contrast's ``@``, are taken within each cell; pwcompare has no ``@``).
    ``pool_grand``: margins without a marginlist, whose at()/over()/within() cells are compared
    with each other (the term is then _at#over#within itself)."""
    out: dict = {}
    for i, m in enumerate(margins):
        c = m.cell
        if pool_grand and c is not None and c.term is None and not m.base:
            out.setdefault((m.eq, -1), []).append(i)
            continue
        if m.base or c is None or c.term is None or c.term < term_offset:
            continue
        out.setdefault((m.eq, c.term), []).append(i)
    return out


def comparisons(margins, values, Vm, term_offset: int, *, df_r, level, method: str, pool_grand: bool = False,
                small=None):
    """Rows of every pairwise comparison, their b and V, the counts per term; ``small`` (a
    ``SmallContrasts``): each comparison's t and interval on its own DF."""
    from mlmcli.margins.contrasts import RANGE_METHODS, Adjustment, range_adjusted
    from mlmcli.margins.inference import estimates

    rows, Ls, names, counts = [], [], [], {}
    for (eq, t), idx in _groups(margins, term_offset, pool_grand).items():
        L, labels, rnames = [], [], []
        # an interaction term (a#b, or _at/over/within # the marginlist term): "(a#b) vs (c#d)"
        interaction = "#" in (margins[idx[0]].heading or "")
        texts = [margins[i].label for i in idx]
        for i in range(len(idx)):
            for j in range(i + 1, len(idx)):
                row = np.zeros(len(values))
                row[idx[j]], row[idx[i]] = 1.0, -1.0
                L.append(row)
                a, b = texts[j], texts[i]
                if interaction:
                    a, b = f"({a})", f"({b})"
                labels.append(f"{a} vs {b}")
                na = margins[idx[j]].name.split(":")[-1].replace("bn.", ".")
                nb = margins[idx[i]].name.split(":")[-1].replace("bn.", ".")
                rnames.append((f"{eq}:" if eq else "") + _vs_name(na, nb))
        if not L:
            continue
        L = np.array(L)
        cb, cV = L @ values, L @ Vm @ L.T
        est = estimates(cb, cV, df_r, level)
        row_df = np.full(len(cb), np.nan)
        if small is not None:
            from mlmcli.commands.postestimation.contrast_small import row_estimates

            row_df = small.row_df(L)
            est = row_estimates(cb, cV, row_df, level)
            adj = Adjustment(method, len(cb), max(len(idx) - 1, 1))
            p = np.array([adj.p(est.stat[r:r + 1], row_df[r])[0] for r in range(len(cb))])
            crit = np.array([adj.critical(level, row_df[r]) for r in range(len(cb))])
        elif method in RANGE_METHODS:
            pairs = [(j, i) for i in range(len(idx)) for j in range(i + 1, len(idx))]
            p, crit = range_adjusted(method, values[idx], pairs, est.stat, df_r, level)
        else:
            adj = Adjustment(method, len(cb), max(len(idx) - 1, 1))
            p = adj.p(est.stat, df_r)
            crit = np.full(len(cb), adj.critical(level, df_r))
        heading = margins[idx[0]].heading
        for r in range(len(cb)):
            rows.append(MarginRow(rnames[r], eq, heading, labels[r], float(cb[r]), float(est.se[r]),
                                  float(est.stat[r]), float(p[r]), float(cb[r] - crit[r] * est.se[r]),
                                  float(cb[r] + crit[r] * est.se[r]), df=float(row_df[r])))
        Ls.append(L)
        names += rnames
        counts[heading or "_cons"] = counts.get(heading or "_cons", 0) + len(cb)
    L = np.vstack(Ls) if Ls else np.zeros((0, len(values)))
    return rows, L @ values, L @ Vm @ L.T, tuple(names), tuple(counts.items())


def margin_groups(margins, values, rows, term_offset: int, level: float, pool_grand: bool = False):
    """The group code of each shown (non-base) margin, in ``_margin_rows`` order, from the
    comparisons' (mcompare-adjusted) p-values: ``rows`` as ``comparisons`` made them, term by
    term, pairs i < j.  None when a term needs more letters than the table has."""
    from mlmcli.margins.letters import group_codes

    alpha = (100.0 - level) / 100.0
    code = {}
    r = 0
    for idx in _groups(margins, term_offset, pool_grand).values():
        if len(idx) < 2:
            continue
        sig = np.zeros((len(idx), len(idx)), bool)
        for i in range(len(idx)):
            for j in range(i + 1, len(idx)):
                sig[i, j] = sig[j, i] = rows[r].p < alpha
                r += 1
        codes = group_codes(np.asarray(values)[idx], sig)
        if codes is None:
            return None
        code.update(zip(idx, codes))
    return tuple(code.get(i, "") for i, m in enumerate(margins) if not m.base)


def _vs_name(a: str, b: str) -> str:
    """``1.sector`` vs ``0.sector`` -> ``1vs0.sector`` (Stata's r(b_vs) names)."""
    pa, pb = a.split("#"), b.split("#")
    out = []
    for x, y in zip(pa, pb):
        lx, _, var = x.partition(".")
        ly = y.partition(".")[0]
        out.append(f"{lx}vs{ly}.{var}")
    return "#".join(out)


def _words(words) -> dict:
    """pwcompare()'s suboptions, abbreviated as Stata allows (``eff``, ``ci``, ``pv``, ``cim``)."""
    from mlmcli.syntax.abbreviation import resolve_choice

    out = {}
    for w in words:
        found = resolve_choice(w, [("effects", 3), ("cieffects", 2), ("pveffects", 2), ("cimargins", 3),
                                   ("groups", 5), ("sort", 4)])
        if found is None:
            raise StataError(f"pwcompare({w}) not allowed", 198)
        out[found] = True
    return out


def _tables(flags: dict) -> tuple[str | None, bool]:
    """(the comparisons' columns: ci | pv | full, or None for none; show the margins table).
    ``cimargins`` or ``groups`` alone shows only the margins (with their letters), as Stata does."""
    if flags.get("effects") or (flags.get("cieffects") and flags.get("pveffects")):
        kind = "full"
    elif flags.get("pveffects"):
        kind = "pv"
    elif flags.get("cieffects") or not (flags.get("cimargins") or flags.get("groups")):
        kind = "ci"
    else:
        kind = None
    return kind, bool(flags.get("cimargins"))


def _sorted_tables(result: PairwiseResult) -> PairwiseResult:
    """``sort``: the rows of each table in ascending order of what they show, within each term
    (stored results keep their order)."""
    def order(rows):
        first: dict = {}
        for k, r in enumerate(rows):
            first.setdefault((r.eq, r.term), k)
        return sorted(range(len(rows)), key=lambda k: (first[(rows[k].eq, rows[k].term)], rows[k].b, k))

    m = order(result.margins)
    groups = result.groups if result.groups is None or not result.groups else tuple(result.groups[k] for k in m)
    return replace(result, margins=tuple(result.margins[k] for k in m), groups=groups,
                   comparisons=tuple(result.comparisons[k] for k in order(result.comparisons)))


def _store(session, result, values, Vm, margin_names, cb, cV, cnames, df_r, level, scalars, macros, post,
           margins_est=None, rows=(), margin_rows=()):
    """r()/e(): the margins (b, V, table) and the comparisons (b_vs, V_vs, table_vs: the
    p-values and intervals as printed, adjusted by mcompare()); with ``small`` L_df and M_df,
    the DF of each comparison and of each margin."""
    from mlmcli.margins.inference import Estimates, estimates, interval_critical_values, r_table

    est = estimates(cb, cV, df_r, level)
    if result.small:
        from mlmcli.commands.postestimation.contrast_small import row_estimates

        est = row_estimates(cb, cV, np.array([r.df for r in rows]), level)
    if rows:
        est = Estimates(est.b, est.V, est.se, est.stat, np.array([r.p for r in rows]),
                        np.array([r.lo for r in rows]), np.array([r.hi for r in rows]), est.df_r, level)
    mats = {"b": Matrix(np.asarray(values)[None, :], ("y1",), margin_names),
            "V": Matrix(Vm, margin_names, margin_names),
            "b_vs": Matrix(cb[None, :], ("y1",), cnames), "V_vs": Matrix(cV, cnames, cnames),
            "table_vs": r_table(est, cnames, interval_critical_values(rows) if rows else None)}
    if margins_est is not None:
        mats["table"] = r_table(margins_est, margin_names)
    if result.small:
        mats["L_df"] = Matrix(np.array([[r.df for r in rows]], float), ("r1",), cnames)
        mats["M_df"] = Matrix(np.asarray(margins_est.df_r, float)[None, :], ("r1",), margin_names)
    store_results(session, result, scalars, macros, mats, post=post)
    return mats


def _margin_rows(margins, est):
    per_row = est.df_r is not None and np.ndim(est.df_r) > 0
    return tuple(MarginRow(m.name, m.eq, m.heading, m.label, float(est.b[i]), float(est.se[i]), float(est.stat[i]),
                           float(est.p[i]), float(est.lo[i]), float(est.hi[i]),
                           df=float(est.df_r[i]) if per_row else float("nan"))
                 for i, m in enumerate(margins) if not m.base)


def margins_pwcompare(ctx: dict, words: list[str]) -> None:
    from mlmcli.margins.inference import estimates
    from mlmcli.render.margins import render_pwcompare

    s = ctx["setup"]
    opts = ctx["opts"]
    flags = _words(words)
    method = mcompare_method(opts, pairwise=True)
    offset = 1 if opts.get("grand") and ctx["marginlist"] else 0
    margins = ctx["margins"]
    if any(t.has_operator for t in ctx["marginlist"]):
        raise StataError("contrast operators may not be combined with option pwcompare", 198)
    rows, cb, cV, cnames, counts = comparisons(margins, ctx["values"], ctx["V"], offset, df_r=s.df_r,
                                                level=s.level, method=method, pool_grand=not ctx["marginlist"])
    kind, show_margins = _tables(flags)
    title = "Pairwise comparisons of " + ctx["title"][0].lower() + ctx["title"][1:]
    header = replace(ctx["header"], title=title, n_obs=None)
    est = estimates(ctx["values"], ctx["V"], s.df_r, s.level)
    groups = (margin_groups(margins, ctx["values"], rows, offset, s.level, pool_grand=not ctx["marginlist"])
              if flags.get("groups") else ())
    result = PairwiseResult(header, title, "", tuple(rows) if kind else (), counts, _margin_rows(margins, est),
                            kind or "ci", show_margins,
                            "t" if s.df_r else "z", s.level, mctitle(method), ctx.get("se_title", "Delta-method"), (),
                            *margins_formats(opts),
                            show_groups=bool(flags.get("groups")), groups=groups)
    session = ctx["session"]
    shown = _sorted_tables(result) if flags.get("sort") else result
    session.print(render_pwcompare(shown, linesize=session.linesize, vsquish=ctx["vsquish"]))
    macros = dict(ctx["macros"], title=title, mcmethod=method)
    mats = _store(session, result, ctx["values"], ctx["V"], tuple(m.name for m in margins), cb, cV, cnames,
                  s.df_r, s.level, ctx["scalars"], macros, bool(opts.get("post")), est, rows)
    if ctx.get("save") is not None:  # saving(): _marg_save on pwcompare's posted e(b_vs), r(table_vs)
        ctx["save"](rows, {"table": mats["table_vs"], "at": ctx["stored"].get("at")},
                    dict(macros, cmd="pwcompare"), [_comparison_text(r) for r in rows])


def _comparison_text(row) -> str:
    """The _pw value label of a comparison (_marg_save's CMP2VL: _ms_element_info's level with
    compare nofvlabel): the levels compared as mlm's table shows them, unlabelled --
    ``1 vs 0``, ``(1#1) vs (0#1)``, ``0#1 vs 0#0`` (decided: no Stata file read)."""
    pairs = [part.partition(".")[0].partition("vs")[::2] for part in row.name.split(":")[-1].split("#")]
    a, b = ("#".join(p[i] for p in pairs) for i in (0, 1))
    return f"({a}) vs ({b})" if row.label.startswith("(") else f"{a} vs {b}"


def _options():
    from mlmcli.syntax.options import OptionSpec

    return [OptionSpec("effects", 3), OptionSpec("cieffects", 3), OptionSpec("pveffects", 3),
            OptionSpec("cimargins", 4), OptionSpec("mcompare", 5, takes_arg=True), OptionSpec("level", 1, True),
            OptionSpec("asobserved", 5), OptionSpec("asbalanced", 5), OptionSpec("noestimcheck", 12),
            OptionSpec("post", 4), OptionSpec("vsquish", 7), OptionSpec("cformat", 7, True),
            OptionSpec("pformat", 7, True), OptionSpec("sformat", 7, True), OptionSpec("emptycells", 6, True),
            OptionSpec("df", 2, True), OptionSpec("sort", 4), OptionSpec("groups", 5), OptionSpec("small", 5)]


def _slope_terms(session, cmd):
    """(the command, None) -- or, for ``grp#c.x`` terms ([R] pwcompare compares the slopes of x
    across grp's cells, as contrast does), (the command with ``grp``, ``x``).  Terms on several
    continuous variables, or slopes beside margins, are refused."""
    from mlmcli.commands.postestimation.contrast_slopes import slope_groups

    groups = slope_groups(session, cmd)
    if len(groups) > 1:
        raise StataError("pwcompare: slopes of several variables, or slopes and margins in one termlist,"
                         " are not supported by mlmcli", 198)
    return groups[0]


def _slope_names(margins, rows, cnames, counts, suffix: str):
    """Margins, comparison rows, r(b_vs) names and counts with the slope's ``#c.x`` appended to
    each term, once the comparisons are labelled by the factor's levels (``Black vs White``)."""
    margins = [replace(m, heading=f"{m.heading}{suffix}", name=f"{m.name}{suffix}") for m in margins]
    rows = [replace(r, term=f"{r.term}{suffix}", name=f"{r.name}{suffix}") for r in rows]
    return (margins, rows, tuple(f"{n}{suffix}" for n in cnames),
            tuple((f"{t}{suffix}", n) for t, n in counts))


def cmd_pwcompare(session, cmd) -> None:
    """``pwcompare termlist [, options]`` (module docstring)."""
    from mlmcli.commands.postestimation.contrast import linear_margins, term_list
    from mlmcli.margins.inference import estimates
    from mlmcli.render.margins import render_pwcompare
    from mlmcli.syntax.options import resolve_options

    opts = resolve_options(cmd.options, _options())
    sub, slope = _slope_terms(session, cmd)
    mterms = term_list(session, sub, opts)
    if any(t.has_operator or t.within for t in mterms):
        raise StataError("contrast operators not allowed with pwcompare", 198)
    method = mcompare_method(opts, pairwise=True)
    s, margins, values, J, Vm, labels = linear_margins(session, sub, opts, mterms,
                                                       asobserved=bool(opts.get("asobserved")), slope=slope)
    small = None
    if opts.get("small"):  # after mixed, dfmethod(): t on each comparison's own DF
        from mlmcli.commands.postestimation.contrast_small import SmallContrasts, refuse_small, row_estimates
        from mlmcli.margins.contrasts import RANGE_METHODS

        refuse_small(opts)
        if method in RANGE_METHODS:
            raise StataError(f"option small may not be combined with mcompare({method})", 198)
        small = SmallContrasts(s.e, J)
        Vm = small.margins_V()
    rows, cb, cV, cnames, counts = comparisons(margins, values, Vm, 0, df_r=s.df_r, level=s.level, method=method,
                                                small=small)
    if slope:  # the terms are the slopes' (``race#c.age``), as contrast shows them
        margins, rows, cnames, counts = _slope_names(margins, rows, cnames, counts, f"#c.{slope}")
    flags = {w: True for w in SUBOPTIONS if opts.get(w)}
    kind, show_margins = _tables(flags)
    groups = margin_groups(margins, values, rows, 0, s.level) if flags.get("groups") else ()
    title = "Pairwise comparisons of marginal linear predictions"
    est = (estimates(values, Vm, s.df_r, s.level) if small is None
           else row_estimates(values, Vm, small.row_df(np.eye(len(values))), s.level))
    result = PairwiseResult(None, title, "asobserved" if opts.get("asobserved") else "asbalanced",
                            tuple(rows) if kind else (), counts, _margin_rows(margins, est), kind or "ci",
                            show_margins, "t" if s.df_r or small is not None else "z", s.level, mctitle(method), "",
                            (), *margins_formats(opts),
                            small=small is not None, show_groups=bool(flags.get("groups")), groups=groups)
    shown = _sorted_tables(result) if opts.get("sort") else result
    session.print(render_pwcompare(shown, linesize=session.linesize, vsquish=bool(opts.get("vsquish"))))
    scalars, macros = command_results("pwcompare", cmd, s, len(mterms), opts, method, title)
    _store(session, result, values, Vm, tuple(m.name for m in margins), cb, cV, cnames, s.df_r, s.level, scalars,
           macros, bool(opts.get("post")), est, rows)
