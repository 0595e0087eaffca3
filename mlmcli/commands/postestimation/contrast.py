"""``contrast`` and ``margins`` with contrast operators (``margins r.a``, ``margins a, contrast``).

    contrast termlist [, effects nowald cieffects pveffects noeffects mcompare() level() asobserved
                       noestimcheck post vsquish cformat() pformat() sformat()]

A term is a factor (``a``), an interaction (``a#b``), operators on them (``r.a``, ``ar.a#r.b``,
``rb2.a``; ``mlmcli.margins.contrasts``) and ``@`` for contrasts within the levels of other
factors (``r.a@b``).  ``contrast`` works on the marginal linear predictions of the model
(``Margins      : asbalanced``: the other factors balanced at 1/L per level, continuous
covariates that interact with a factor at 0 -- so a term's contrasts are those of its
coefficients, as Stata's ``contrast`` and ``anova`` test them -- and the others as
observed); ``margins`` applies the same contrasts to its margins (predictive margins,
average marginal effects ...).  Each term gives a joint Wald test (chi2, or F with the
residual df after ``regress``) and, with operators, the individual contrasts with their
delta-method SEs (``mcompare()``: Bonferroni, Sidak or Scheffe within each term).
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import numpy as np

from mlmcli.commands.estimation.common import margins_formats
from mlmcli.commands.postestimation.margins_output import (DERIVATIVE_TEXT, command_results, mcompare_method, mctitle,
                                                           store_results)
from mlmcli.errors import StataError
from mlmcli.commands.postestimation.contrast_blocks import block_contrasts, joint_dimensions, term_blocks
from mlmcli.results.margins import ContrastResult, MarginRow, WaldRow as _WaldRow

HELP = {
    "contrast": (
        "contrast termlist [, effects nowald cieffects pveffects mcompare(bonferroni|sidak|scheffe) level() "
        "asobserved post] -- Wald tests and contrasts (r. a. ar. g. h. j. p. q. operators, @ within) of the "
        "marginal linear predictions (asbalanced)."),
}


def WaldRow(term, label, w, adjusted_p=None):
    """The Wald row of test ``w``; a test of no estimable contrast (df 0) prints ``(omitted)``."""
    return _WaldRow(term, label, w.df, w.stat, w.p, adjusted_p, "(omitted)" if w.df == 0 else "", w.df_r)
from mlmcli.results.matrix import Matrix

NAN = float("nan")



def _other_name(other: tuple, over, within, at_vars) -> str:
    """The ``@`` part of a contrast's name: ``0.sector``, ``2._at#1.female`` (Stata's r(b) names)."""
    from mlmcli.margins.compute import level_text

    at, over_values, within_values, at_levels = other
    parts = [f"{at}._at"] if at is not None else []
    for names, values in ((over, over_values), (within, within_values), (at_vars, at_levels)):
        parts += [f"{level_text(v)}.{var}" for var, v in zip(names, values)]
    return "#".join(parts)


@dataclass
class ContrastNumbers:
    """Contrasts of a set of margins: the table rows, the Wald rows and r()."""

    rows: list[MarginRow]
    wald: list[WaldRow]
    b: np.ndarray
    V: np.ndarray
    names: tuple
    tests: list  # (chi2 or F, df, p) per Wald row with a test
    L: np.ndarray | None = None  # the contrasts as rows on the margins


def contrast_numbers(margins, values, Vm, mterms, term_offset, terms, labels, over, within, *, df_r, level,
                     method: str, term_label, joint=None, overall: bool = False,
                     noatlevels: bool = False, small=None) -> ContrastNumbers:
    """Apply every operator term's contrasts to the margins (module docstring); ``joint``:
    the dimensions margins' contrast() suboptions move into the terms (``JointDimensions``);
    ``overall``: a last Wald row testing every contrast; ``noatlevels``: a term contrasted
    within the levels of others (@) gets its joint test only; ``small``: a ``SmallContrasts``
    (each contrast's t on its own DF, F tests with their ddf; ``Vm`` is then its V(m))."""
    from mlmcli.margins.contrasts import Adjustment
    from mlmcli.margins.inference import estimates, rounding_floor, wald

    blocks = term_blocks(margins, mterms, term_offset, labels, over, within, joint)
    rows: list[MarginRow] = []
    wald_rows: list[WaldRow] = []
    all_L, all_b, all_names, all_fixed = [], [], [], []
    tests = []
    by_term: dict = {}

    def test(Lsub):
        return small.wald(Lsub) if small is not None else wald(Lsub, values, Vm, df_r)

    for b in blocks:
        by_term.setdefault((b.eq, b.term), []).append(b)
    for (eq, t), bl in by_term.items():
        term = mterms[t]
        heading = term_label(term, has_other=any(x.other_text for x in bl))
        fam_L, fam_labels, fam_names = [], [], []
        block_groups = []  # per block: (family rows, Wald label) of each group tested together
        for b in bl:
            bc = block_contrasts(b, term, terms, labels)
            L = np.zeros((bc.C.shape[0], len(values)))
            L[:, b.idx] = bc.C
            first = len(fam_L)
            for r in range(bc.C.shape[0]):
                fam_L.append(L[r])
                fam_labels.append((bc.labels[r] + (" " + b.other_text if b.other_text else "")).strip())
                suffix = ("@" + _other_name(b.other, over, within, term.within) if b.other_text else "")
                fam_names.append((f"{eq}:" if eq else "") + bc.names[r] + suffix)
            block_groups.append([([first + r for r in rows], label) for rows, label in bc.groups])
        if not fam_L:
            continue
        Lf = np.array(fam_L)
        with np.errstate(over="ignore", invalid="ignore"):  # {f 1e300 -1e300 0}: as lincom, r(504)
            cb = Lf @ values
            cV = Lf @ Vm @ Lf.T
        if np.isinf(cb).any() or not np.isfinite(cV).all():  # also a missing e(V) entry (values near 1e-150)
            raise StataError("matrix has missing values", 504)
        # a contrast the model cannot move (an interaction the model omits): exactly 0, not rounding
        fixed = np.diag(cV) <= np.maximum(rounding_floor(Lf, Vm), 1e-300)
        fixed &= np.abs(cb) <= 1e-9 * max(float(np.max(np.abs(values), initial=0.0)), 1.0)
        cb = np.where(fixed, 0.0, cb)
        cV[fixed, :] = 0.0
        cV[:, fixed] = 0.0
        adj = Adjustment(method, len(cb), int(np.linalg.matrix_rank(cV)) if len(cb) else 0)
        if small is not None:  # each contrast on its own DF
            from mlmcli.commands.postestimation.contrast_small import row_estimates

            row_df = small.row_df(Lf)
            est = row_estimates(cb, cV, row_df, level)
        else:
            row_df = np.full(len(cb), df_r if df_r else np.nan)
            est = estimates(cb, cV, df_r, level)

        def adj_p(sel):  # the first row of sel's adjusted p
            return float(adj.p(est.stat[sel][:1], row_df[sel][0] if small is not None else df_r)[0])
        if method != "noadjust":
            from mlmcli.margins.inference import Estimates

            p = np.array([adj_p([r]) for r in range(len(cb))])
            crit = np.array([adj.critical(level, row_df[r] if small is not None else df_r) for r in range(len(cb))])
            est = Estimates(est.b, est.V, est.se, est.stat, p, est.b - crit * est.se, est.b + crit * est.se,
                            est.df_r, level)
        for r in range(len(cb)):
            rows.append(MarginRow(fam_names[r], eq, heading, fam_labels[r], float(est.b[r]), float(est.se[r]),
                                  float(est.stat[r]), float(est.p[r]), float(est.lo[r]), float(est.hi[r]),
                                  df=float(row_df[r]) if small is not None else NAN))
        all_L.append(Lf)
        all_b.append(cb)
        all_fixed.append(fixed)
        all_names += fam_names
        # Wald rows
        typed = any(p.op for p in (bl[0].parts or term.parts))  # over(r.a) parts count
        multiple_blocks = len(bl) > 1
        groups = block_groups[0]
        if multiple_blocks and noatlevels:
            w = test(Lf)
            wald_rows.append(WaldRow(None, heading, w))
            tests.append((w.stat, w.df, w.p, w.df_r))
        elif multiple_blocks:
            for b, bgroups in zip(bl, block_groups):
                sel = [r for rows, _ in bgroups for r in rows]
                w = test(Lf[sel])
                one = len(bgroups) == 1 and typed
                label = (f"{bgroups[0][1]} {b.other_text}".strip() if one else b.other_text) or heading
                adjusted = None
                if method != "noadjust" and w.df == 1 and len(sel) == 1:
                    adjusted = adj_p(sel)
                wald_rows.append(WaldRow(heading, label, w, adjusted))
                tests.append((w.stat, w.df, w.p, w.df_r))
            w = test(Lf)
            wald_rows.append(WaldRow(heading, "Joint", w))
            tests.append((w.stat, w.df, w.p, w.df_r))
        elif typed and len(groups) > 1:
            for sel, label in groups:
                w = test(Lf[sel])
                adjusted = adj_p(sel) if method != "noadjust" and len(sel) == 1 else None
                wald_rows.append(WaldRow(heading, label, w, adjusted))
                tests.append((w.stat, w.df, w.p, w.df_r))
            w = test(Lf)
            wald_rows.append(WaldRow(heading, "Joint", w))
            tests.append((w.stat, w.df, w.p, w.df_r))
        else:  # one contrast, or the term's joint test: one row under the term's name
            w = test(Lf)
            adjusted = adj_p([0]) if method != "noadjust" and len(cb) == 1 else None
            wald_rows.append(WaldRow(None, heading, w, adjusted))
            tests.append((w.stat, w.df, w.p, w.df_r))
    L = np.vstack(all_L) if all_L else np.zeros((0, len(values)))
    if overall and len(all_L):
        w = test(L)
        wald_rows.append(WaldRow(None, "Overall", w))
        tests.append((w.stat, w.df, w.p, w.df_r))
    V = L @ Vm @ L.T
    fixed = np.concatenate(all_fixed) if all_fixed else np.zeros(0, bool)
    V[fixed, :] = 0.0
    V[:, fixed] = 0.0
    return ContrastNumbers(rows, wald_rows, np.concatenate(all_b) if all_b else np.zeros(0), V,
                           tuple(all_names), tests, L)


def term_label_of(term, has_other: bool = False, others: tuple = ()) -> str:
    base = "#".join(p.var for p in term.parts)
    extra = list(term.within) + list(others)
    return f"{base}@{'#'.join(extra)}" if extra else base


def show_tables(words: list[str], typed: bool, method: str) -> tuple[bool, str | None]:
    """(show the Wald table, effects table kind: None | 'ci' | 'pv' | 'full')."""
    from mlmcli.syntax.abbreviation import resolve_choice

    choices = [("effects", 3), ("noeffects", 5), ("cieffects", 2), ("pveffects", 2), ("nowald", 6), ("wald", 4)]
    resolved = []
    for w in words:
        found = resolve_choice(w, choices)
        if found is None:
            raise StataError(f"contrast({w}) not allowed", 198)
        resolved.append(found)
    words = resolved
    show_wald = "nowald" not in words
    if "noeffects" in words:
        return show_wald, None
    if "effects" in words or ("cieffects" in words and "pveffects" in words):
        return show_wald, "full"
    if "pveffects" in words:
        return show_wald, "pv"
    if "cieffects" in words or typed or method != "noadjust" or not show_wald:
        return show_wald, "ci"
    return show_wald, None


def _stored(num: ContrastNumbers, est, df_r, level, small: bool = False):
    from mlmcli.margins.inference import interval_critical_values, r_table

    names = num.names
    crit = interval_critical_values(num.rows) if num.rows else None
    out = {"b": Matrix(num.b[None, :], ("y1",), names), "V": Matrix(num.V, names, names),
           "table": r_table(est, names, crit)}
    if num.tests:
        stat = np.array([[t[0] for t in num.tests]])
        key = "F" if df_r or small else "chi2"
        cols = tuple(f"c{i}" for i in range(1, stat.shape[1] + 1))
        out[key] = Matrix(stat, ("r1",), cols)
        out["df"] = Matrix(np.array([[float(t[1]) for t in num.tests]]), ("r1",), cols)
        out["p"] = Matrix(np.array([[t[2] for t in num.tests]]), ("r1",), cols)
        if small:  # r(df2): each F test's denominator DF
            out["df2"] = Matrix(np.array([[t[3] if t[3] is not None else np.nan for t in num.tests]], float),
                                ("r1",), cols)
    return out


def _finish(session, result: ContrastResult, num, df_r, level, scalars, macros, post: bool, vsquish: bool):
    from mlmcli.margins.inference import estimates
    from mlmcli.render.margins import render_contrast

    from mlmcli.margins.inference import Estimates

    session.print(render_contrast(result, linesize=session.linesize, vsquish=vsquish))
    if result.small:
        from mlmcli.commands.postestimation.contrast_small import row_estimates

        est = row_estimates(num.b, num.V, np.array([r.df for r in num.rows]), level)
    else:
        est = estimates(num.b, num.V, df_r, level)
    if num.rows:  # as printed: mcompare()-adjusted p-values and intervals
        est = Estimates(est.b, est.V, est.se, est.stat, np.array([r.p for r in num.rows]),
                        np.array([r.lo for r in num.rows]), np.array([r.hi for r in num.rows]), est.df_r, level)
    stored = _stored(num, est, df_r, level, result.small)
    store_results(session, result, scalars, macros, stored, post=post)
    return stored


# ------------------------------------------------------------------ margins r.a ...
def margins_contrast(ctx: dict, words: list[str]) -> None:
    """``margins`` with operators or ``contrast``: contrasts of the computed margins."""
    s = ctx["setup"]
    opts = ctx["opts"]
    method = mcompare_method(opts)
    mterms = ctx["marginlist"]
    offset = 1 if ctx["term_list"] and ctx["term_list"][0] == () and opts.get("grand") else 0
    if not mterms:  # margins, over(a) contrast(overjoint): the joined dimensions are the term
        from mlmcli.commands.postestimation.margins_syntax import MarginTerm

        mterms, offset = [MarginTerm(())], None
    over = list(ctx["macros"].get("over", "").split())
    within = list(ctx["macros"].get("within", "").split())
    at_many = any(m.cell is not None and m.cell.at is not None for m in ctx["margins"])

    joint, flags, words = joint_dimensions(words)
    over_ops, within_ops = ctx.get("dimension_ops", ((), ()))
    if over_ops or within_ops:  # over(r.a): every over() variable joins the term (has_ocontrast)
        from dataclasses import replace as _with

        joint = _with(joint, over=joint.over or bool(over_ops), within=joint.within or bool(within_ops),
                      operators=tuple(over_ops) + tuple(within_ops))
    joined = ((["_at"] if at_many and joint.at is not None else []) + (over if joint.over else [])
              + (within if joint.within else []))
    others = ((["_at"] if at_many and joint.at is None else []) + ([] if joint.over else over)
              + ([] if joint.within else within))

    def label(term, has_other=False):  # _marg_work's prefix#(term)@postfix
        base = "#".join(p.var for p in term.parts)
        extra = list(term.within) + others
        return "#".join(joined + ([base] if base else [])) + ("@" + "#".join(extra) if extra else "")

    num = contrast_numbers(ctx["margins"], ctx["values"], ctx["V"], mterms, offset, s.terms, ctx["labels"],
                           over, within, df_r=s.df_r, level=s.level, method=method, term_label=label, joint=joint,
                           overall="overall" in flags, noatlevels="noatlevels" in flags)
    typed = any(t.has_operator for t in mterms) or bool(joint.operators)
    show_wald, kind = show_tables(words, typed, method)
    title = "Contrasts of " + ctx["title"][0].lower() + ctx["title"][1:]
    header = ctx["header"]
    from dataclasses import replace

    header = replace(header, title=title, n_obs=None)
    effect = ctx["effect"]

    result = ContrastResult(header, title, "", tuple(num.wald), s.df_r if s.df_r else None,
                            tuple(num.rows) if kind else (), show_wald, kind or "ci",
                            "F" if s.df_r else "chi2", "t" if s.df_r else "z", s.level,
                            mctitle(method), ctx.get("se_title", "Delta-method"),
                            "Contrast" if effect == "margin" else f"Contrast\n{DERIVATIVE_TEXT[effect]}",
                            (), *margins_formats(opts))
    macros = dict(ctx["macros"])
    macros["cmd"] = "margins"
    macros["title"] = title
    macros["mcmethod"] = method
    stored = _finish(ctx["session"], result, num, s.df_r, s.level, ctx["scalars"], macros,
                     bool(opts.get("post")), ctx["vsquish"])
    if ctx.get("margins_result") is not None and num.rows:  # marginsplot draws the contrasts
        from mlmcli.commands.postestimation.contrast_plot import contrast_plot_result

        ctx["session"].margins = contrast_plot_result(ctx["session"].data, ctx["margins_result"], num.rows,
                                                      result.column_title)
    if ctx.get("save") is not None:  # saving(): one observation per contrast (_marg_save on e(b), r(table)
        # after contrast posted them: e(cmd) contrast)
        ctx["save"](num.rows, {"table": stored["table"], "at": ctx["stored"].get("at")},
                    dict(macros, cmd="contrast"))


# ------------------------------------------------------------------ contrast command
def linear_margins(session, cmd, opts, mterms, *, asobserved: bool, slope: str | None = None):
    """The marginal linear predictions of the terms' cells (contrast, pwcompare); with
    ``slope`` (``contrast grp#c.x``), the cells' slopes d xb / d slope instead."""
    from mlmcli.commands.postestimation.margins_setup import setup, value_labels
    from mlmcli.margins.compute import Request, compute
    from mlmcli.margins.estimate import MarginCalculator, Parameters
    from mlmcli.margins.grid import AtScenario
    from mlmcli.margins.inference import delta_method

    s = setup(session, cmd, opts)
    terms = s.terms
    for t in mterms:
        for v in t.variables:
            if not terms.is_factor(v):
                raise StataError(f"factor '{v}' not found in list of covariates", 322)
    if slope is not None and (slope not in terms.variables or terms.is_factor(slope)):
        raise StataError(f"'{slope}' not found in list of covariates", 322)
    interacting = {v for r in terms.recipes if r.indicators for v in r.continuous} - {slope}
    specs = []
    for v in terms.variables:
        if terms.is_factor(v):
            if not asobserved:
                specs.append((v, ("stat", "asbalanced")))
        elif v in interacting or (v == slope and _self_interacted(terms, slope)):
            # covariates at 0, as the term's coefficients are: the slope of x beside c.x#c.x
            # (and a#c.x#c.x) is its coefficient sum at x = 0, not the average derivative
            specs.append((v, ("value", 0.0)))
    scenario = AtScenario(tuple(specs))
    pred = s.e.model.margins_prediction("xb")
    params = Parameters(s.b, s.beta_index, np.zeros(0, int))
    request = Request([tuple(t.variables) for t in mterms], [scenario], False,
                      **({"effect": "dydx", "wrt": [slope]} if slope is not None else {}))
    labels = value_labels(session, [v for t in mterms for v in t.variables], s.rows)
    margins, plan = compute(MarginCalculator(terms, s.sample, pred, params), terms, s.sample, request,
                            weighted=s.weighted, value_labels=labels)
    if slope is not None:  # the slopes are the contrasts' margins: no equation of their own
        import dataclasses

        margins = [dataclasses.replace(m, eq="", name=m.name.split(":", 1)[-1]) for m in margins]
    values = np.array([m.value for m in margins])
    J = np.array([m.jacobian for m in margins]).reshape(len(margins), len(s.names))
    ok = np.array([m.estimable for m in margins], bool)
    if not opts.get("noestimcheck") and not ok.all():
        bad = [m.label for m, good in zip(margins, ok) if not good]
        raise StataError(f"{bad[0]}: not estimable", 322)
    return s, margins, values, J, delta_method(values, J, s.V), labels


def _contrast_options():
    from mlmcli.syntax.options import OptionSpec

    return [OptionSpec("effects", 3), OptionSpec("noeffects", 5), OptionSpec("cieffects", 3),
            OptionSpec("pveffects", 3), OptionSpec("nowald", 6), OptionSpec("mcompare", 5, takes_arg=True),
            OptionSpec("level", 1, takes_arg=True), OptionSpec("asobserved", 5), OptionSpec("asbalanced", 5),
            OptionSpec("noestimcheck", 12), OptionSpec("post", 4), OptionSpec("vsquish", 7),
            OptionSpec("cformat", 7, takes_arg=True), OptionSpec("pformat", 7, takes_arg=True),
            OptionSpec("sformat", 7, takes_arg=True), OptionSpec("emptycells", 6, takes_arg=True),
            OptionSpec("df", 2, takes_arg=True), OptionSpec("overall", 4), OptionSpec("noatlevels", 6),
            OptionSpec("small", 5), OptionSpec("lincom", 6)]


def _self_interacted(terms, var: str) -> bool:
    """Whether a term of the model holds ``var`` more than once (``c.x#c.x``)."""
    return any(list(r.continuous).count(var) > 1 for r in terms.recipes)


def term_list(session, cmd, opts: dict) -> list:
    """The termlist of ``contrast``/``pwcompare`` (r(100) when there is none); only
    ``emptycells(strict)``, the default, is allowed."""
    from mlmcli.commands.postestimation.margins_syntax import parse_marginlist

    if opts.get("emptycells") is not None and str(opts["emptycells"]).strip().lower() != "strict":
        raise StataError(f"emptycells({opts['emptycells']}) not allowed", 198)
    text = cmd.args.strip()
    if not text:
        raise StataError("termlist required", 100)
    return parse_marginlist(text, session.data.resolve, session.data)


def cmd_contrast(session, cmd) -> None:
    """``contrast termlist [, options]`` (module docstring)."""
    from mlmcli.commands.postestimation.contrast_slopes import merge_slope_groups, slope_groups
    from mlmcli.syntax.options import resolve_options

    opts = resolve_options(cmd.options, _contrast_options())
    groups = slope_groups(session, cmd)
    method = mcompare_method(opts)
    small = None
    if opts.get("small") and len(groups) > 1:
        raise StataError("option small not allowed with the slopes of several variables", 198)
    parts, n_terms = [], 0
    for sub, slope in groups:
        mterms = term_list(session, sub, opts)
        n_terms += len(mterms)
        if not opts.get("lincom"):
            from mlmcli.commands.postestimation.custom_contrasts import require_zero_sums

            require_zero_sums(mterms)
        s, margins, values, J, Vm, labels = linear_margins(session, sub, opts, mterms,
                                                           asobserved=bool(opts.get("asobserved")), slope=slope)
        suffix = f"#c.{slope}" if slope else ""
        if opts.get("small"):  # after mixed, dfmethod(): t and F on each contrast's own DF
            from mlmcli.commands.postestimation.contrast_small import SmallContrasts, refuse_small

            refuse_small(opts)
            small = SmallContrasts(s.e, J)
            Vm = small.margins_V()
        num = contrast_numbers(margins, values, Vm, mterms, 0, s.terms, labels, [], [], df_r=s.df_r,
                               level=s.level, method=method,
                               term_label=lambda t, has_other=False, suffix=suffix: term_label_of(t) + suffix,
                               overall=bool(opts.get("overall")) and len(groups) == 1,
                               noatlevels=bool(opts.get("noatlevels")), small=small)
        if slope:  # r(b)'s names carry the slope, as the table's terms do
            num = dataclasses.replace(num, names=tuple(f"{n}{suffix}" for n in num.names))
        parts.append((num, J, any(t.has_operator for t in mterms)))
    if len(parts) > 1:
        num = ContrastNumbers(**merge_slope_groups([(n, J) for n, J, _ in parts], s.V))
        if opts.get("overall") and len(num.b):
            from mlmcli.margins.inference import wald

            w = wald(np.eye(len(num.b)), num.b, num.V, s.df_r)
            num.wald.append(WaldRow(None, "Overall", w))
            num.tests.append((w.stat, w.df, w.p, w.df_r))
    f_tests = bool(s.df_r) or small is not None
    words = [w for w in ("effects", "noeffects", "cieffects", "pveffects", "nowald") if opts.get(w)]
    show_wald, kind = show_tables(words, any(typed for _, _, typed in parts), method)
    title = "Contrasts of marginal linear predictions"
    result = ContrastResult(None, title, "asobserved" if opts.get("asobserved") else "asbalanced", tuple(num.wald),
                            s.df_r if s.df_r else None, tuple(num.rows) if kind else (), show_wald,
                            kind or "ci", "F" if f_tests else "chi2", "t" if f_tests else "z", s.level,
                            mctitle(method), "", "Contrast", (), *margins_formats(opts), small=small is not None)
    scalars, macros = command_results("contrast", cmd, s, n_terms, opts, method, title)
    _finish(session, result, num, s.df_r, s.level, scalars, macros, bool(opts.get("post")), bool(opts.get("vsquish")))
