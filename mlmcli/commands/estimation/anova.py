"""``anova``: analysis of variance and covariance.

    anova depvar [termlist] [if] [in] [weight] [, partial sequential noconstant dropemptycells]

Terms are Stata 13's: variables are categorical unless prefixed ``c.``; ``a#b``
interactions, ``a##b`` factorials, ``b|a`` nested terms.  The table's sums of squares
come from ``mlmcli.anova`` (partial = Type III in effect coding; sequential); the
coefficients (base-level coding, as ``regress`` would report them) from the OLS engine,
so ``regress`` typed afterwards shows them and ``predict``, ``test``, ``lincom``,
``margins`` work as after ``regress``.  Error terms (``/``) and ``repeated()`` are
refused.
"""
from __future__ import annotations

import itertools
import re

import numpy as np

from mlmcli.estimation.active import replay_results
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

# anova.ado's syntax (abbreviations as its capitals); no display options: anova prints no
# coefficient table (regress after anova does), so coeflegend & co. are "option ... not allowed"
# Stata 10's options, trapped by anova.ado's OldOpt with its own message (fit and replay)
OLD_OPTIONS = [OptionSpec("detail", 1), OptionSpec("noanova", 4), OptionSpec("anova", 2), OptionSpec("regress", 1),
               OptionSpec("level", 1, takes_arg=True)]
ANOVA_OPTIONS = [OptionSpec("partial", 1), OptionSpec("sequential", 2), OptionSpec("noconstant", 6),
                 OptionSpec("dropemptycells", 7), OptionSpec("repeated", 3, takes_arg=True),
                 OptionSpec("bse", 3, takes_arg=True), OptionSpec("bseunit", 7, takes_arg=True),
                 OptionSpec("grouping", 5, takes_arg=True), OptionSpec("category", 2, takes_arg=True),
                 OptionSpec("class", 2, takes_arg=True), OptionSpec("continuous", 4, takes_arg=True),
                 *OLD_OPTIONS]
REPLAY_SPECS = [OptionSpec("partial", 1), OptionSpec("sequential", 2), *OLD_OPTIONS]
_OLD_HINT = {"category": "Or, use the i. factor variable operator on your categorical variables.",
             "class": "Or, use the i. factor variable operator on your categorical variables.",
             "continuous": "Or, use the c. factor variable operator on your continuous variables.",
             "noanova": "Or, use prefix command quietly to suppress the ANOVA table.",
             "detail": "Or, use regress, coeflegend after manova.",
             "regress": "Or, use command regress after your anova to display the coefficient table.",
             "level": "Or, use command regress after your anova to display the coefficient table."}


def old_option_error(opts: dict, linesize: int = 80) -> None:
    """anova.ado's OldOpt: Stata 10's options are refused, the first of level(), category(),
    class(), continuous(), then detail, anova, noanova, regress named, r(198)."""
    from mlmcli.render.lrtest import wrap_paragraph

    for name in ("level", "category", "class", "continuous", "detail", "anova", "noanova", "regress"):
        if opts.get(name) is None or opts.get(name) is False:
            continue
        bad = f"{name}({opts[name]})" if name in ("level", "category", "class", "continuous") else name
        text = f"Option {bad} only allowed under version control with version < 11."
        if name in _OLD_HINT:
            text += " " + _OLD_HINT[name]
        lines = wrap_paragraph(text, linesize, first=4, hanging=4, right=2)
        raise StataError("\n".join([f"option {bad} not allowed"] + lines), 198)


def _anova_terms(text: str) -> tuple[str, list[tuple[str, list[str]]]]:
    """(factor-variable text for the design, [(label, factor-variable tokens)] per term)."""
    if "/" in text:
        raise StataError("anova error terms (/) are not implemented in mlmcli", 199)
    design_tokens, terms = [], []
    for tok in text.split():
        if "|" in tok:
            inner, outer = tok.split("|", 1)
            parts = [p for p in outer.split("#") if p] + [inner]
            if not inner or not outer:
                raise StataError("invalid syntax", 198)
            fv = "#".join(_factor(p) for p in parts)
            design_tokens.append(fv)
            terms.append((tok, [_factor(inner), fv]))
            continue
        if "##" in tok:
            parts = tok.split("##")
            for size in range(1, len(parts) + 1):
                for combo in itertools.combinations(parts, size):
                    fv = "#".join(_factor(p) for p in combo)
                    design_tokens.append(fv)
                    terms.append(("#".join(combo), [fv]))
            continue
        fv = "#".join(_factor(p) if "." not in p else p for p in tok.split("#")) if "#" in tok else \
            (tok if "." in tok else "i." + tok)
        design_tokens.append(fv)
        terms.append((tok, [fv]))
    return " ".join(design_tokens), terms


def _factor(part: str) -> str:
    return part if "." in part else "i." + part


def _label(term) -> str:
    """A term as the table names it: ``a``, ``a#b``, ``x`` for c.x, ``a#c.x``."""
    if len(term.components) == 1:
        return term.components[0].var
    return "#".join(c.var if c.factor else "c." + c.var for c in term.components)


def _blocks(ds, terms, sample) -> list:
    """Effect-coded columns per term (``mlmcli.anova.TermBlock``)."""
    from mlmcli.anova import TermBlock, effect_columns, product_columns

    out = []
    for label, group in terms:
        cols = []
        for term in group:
            parts = [effect_columns(ds.numeric(c.var)[sample]) if c.factor else ds.numeric(c.var)[sample][:, None]
                     for c in term.components]
            cols.append(product_columns(parts))
        out.append(TermBlock(label, np.column_stack(cols)))
    return out


def cmd_anova(session, cmd) -> None:
    from mlmcli.anova import f_test, term_sums_of_squares
    from mlmcli.missing import stata_ratio
    from mlmcli.ols import depvar_scale, squares
    from mlmcli.commands.estimation.common import weighted_sample
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.factor_variables import build_design, parse_terms, term_variables
    from mlmcli.ols import fit_ols
    from mlmcli.render.anova import render_anova
    from mlmcli.results.anova import AnovaResult, AnovaRow

    if not cmd.args.strip():
        e = replay_results(session, ("anova",))
        opts = resolve_options(cmd.options, REPLAY_SPECS)  # anova.ado's Replay syntax
        old_option_error(opts, session.linesize)
        if opts.get("partial") and opts.get("sequential"):
            raise StataError("options partial and sequential may not be combined", 198)
        typed = "partial" if opts.get("partial") else "sequential" if opts.get("sequential") else None
        if typed and (typed == "sequential") != (e.macros.get("sstype") == "sequential"):
            raise StataError(f"option {typed} not supported by mlmcli when anova replays: fit the model "
                             f"again with {typed}", 198)
        return replay(session, e)
    ds = session.data
    opts = resolve_options(cmd.options, ANOVA_OPTIONS)
    old_option_error(opts, session.linesize)
    for unsupported in ("repeated", "bse", "bseunit", "grouping"):
        if opts.get(unsupported) is not None:
            raise StataError(f"anova's {unsupported}() is not implemented in mlmcli", 199)
    if opts.get("partial") and opts.get("sequential"):
        raise StataError("options partial and sequential may not be combined", 198)
    words = cmd.args.split(None, 1)
    depvar = ds.resolve(words[0])
    text = words[1] if len(words) > 1 else ""
    design_text, raw_terms = _anova_terms(re.sub(r"\s*([#|])\s*", r"\1", text))
    terms = parse_terms(ds, design_text) if design_text else []
    term_groups = [(label, parse_terms(ds, " ".join(fv))) for label, fv in raw_terms]
    sample, w, kind = weighted_sample(session, cmd, [depvar] + term_variables(terms), ("aweight", "fweight"))
    if not sample.any():
        raise StataError("no observations", 2000)
    constant = not opts.get("noconstant")
    design = build_design(ds, terms, sample, constant=constant)
    if opts.get("dropemptycells"):
        # [R] anova: "dropemptycells drops empty cells from the design matrix": the empty
        # interaction cells leave e(b) and e(V) (kept there as omitted columns otherwise)
        import dataclasses

        design = dataclasses.replace(design, labels=tuple(lab for lab in design.labels
                                                          if not getattr(lab, "empty", False)))
    y = ds.numeric(depvar)[sample]
    wv = w[sample] if w is not None else None
    fit = fit_ols(y, design.X, constant=constant, weight=wv, weight_kind=kind, coef_labels=design.labels,
                  depvar=depvar)
    wn = None if wv is None else (wv if kind == "fweight" else wv * (len(wv) / wv.sum()))
    ys = depvar_scale(y)  # near the largest double: sums of squares of y / ys, scaled back below
    rows, rss, df_r, mss, df_m, tss = term_sums_of_squares(
        y / ys, _blocks(ds, [(label, group) for label, group in term_groups], sample), wn,
        sequential=bool(opts.get("sequential")), constant=constant)
    if rss < 1e-12 * tss:  # a saturated model: no residual variation
        rss = 0.0
        mss = tss
    if df_r < 0 or df_m + df_r <= 0:
        raise StataError("insufficient observations", 2001)
    nan = float("nan")
    mse = rss / df_r if df_r > 0 else nan
    term_rows = []
    for (label, ss, df), (_, group) in zip(rows, term_groups):
        name = label if "|" in label else _label(group[0])
        F, p = f_test(ss, df, rss, df_r)
        term_rows.append(AnovaRow(name, squares(ss, ys), df, squares(ss / df, ys) if df else float("nan"), F, p))
    Fm, pm = f_test(mss, df_m, rss, df_r)
    r2 = mss / tss if tss > 0 else float("nan")
    rmse = float(np.sqrt(mse)) * ys
    mse, rss, mss, tss = squares(mse, ys), squares(rss, ys), squares(mss, ys), squares(tss, ys)
    N = fit.N
    c = 1 if constant else 0
    result = AnovaResult(
        nobs=int(round(N)), rmse=rmse, r2=r2, r2_a=1 - (1 - r2) * (N - c) / df_r if df_r else nan,
        ss_label="Seq. SS" if opts.get("sequential") else "Partial SS",
        model=AnovaRow("Model", mss, df_m, stata_ratio(mss, df_m), Fm, pm), terms=tuple(term_rows),
        residual=AnovaRow("Residual", rss, df_r, mse), total=AnovaRow("Total", tss, df_m + df_r,
                                                                       stata_ratio(tss, df_m + df_r)))
    for note in design.notes:
        session.print(note)
    b, V = fit.e_matrices()
    scalars = {"N": N, "mss": mss, "df_m": float(df_m), "rss": rss, "df_r": float(df_r), "r2": r2,
               "r2_a": result.r2_a, "F": Fm, "rmse": result.rmse, "ll": fit.ll, "ll_0": fit.ll_0,
               "rank": float(fit.rank)}
    macros = {"cmd": "anova", "cmdline": cmd.text or f"anova {cmd.args}", "depvar": depvar, "model": "ols",
              "varnames": " ".join(term_variables(terms)), "sstype": "sequential" if opts.get("sequential")
              else "partial", "properties": "b V", "predict": "regres_p", "marginsok": "XB default",
              "title": "Analysis of variance", "vce": "ols"}
    for k, row in enumerate(term_rows, start=1):
        scalars[f"ss_{k}"], scalars[f"df_{k}"], scalars[f"F_{k}"] = row.ss, float(row.df), row.F
        macros[f"term_{k}"] = row.label
    if kind:
        macros["wtype"], macros["wexp"] = kind, "= " + cmd.weight.exp
    session.e = EstimationResults(cmd="anova", scalars=scalars, macros=macros, matrices={"b": b, "V": V},
                                  result=result, model=fit, sample=sample.copy(), title="Analysis of variance",
                                  design=design)
    session.e.stamp_sample(session.data)  # e(sample) follows its rows
    session.print(render_anova(result))


def replay(session, e) -> None:
    from mlmcli.render.anova import render_anova

    session.print(render_anova(e.result))


# manova reads its terms as anova does (commands/estimation/manova.py)
anova_terms, term_blocks, term_label = _anova_terms, _blocks, _label
