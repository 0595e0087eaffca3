"""Multivariate analysis of variance and its tests ([MV] manova; manova.ado, Stata 16 tree):

    manova depvarlist = termlist [if] [in] [aw fw] [, noconstant dropemptycells nomvregstats]
    manovatest term [term ...] [, ytransform(matname)]
    manovatest, test(matname) [ytransform(matname)]
    manovatest, showorder

Terms as anova reads them (categorical unless ``c.``; ``a#b``, ``a##b``, ``b|a``).  Each term's
hypothesis SSCP is the partial one: H_T = E(model without T) - E(full model) with the terms'
columns in effect coding (anova's partial SS, a matrix); the Model's H = E(constant only) - E.
The four tests: ``multivariate.manova_tests``; layout: ``render.manova``.  e(b) and e(V) are the
multivariate regression's (mvreg's: base-level coding, one equation per depvar), so test,
lincom and predict (xb, stdp, residuals with equation()) work after manova.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

HELP = {"manova": "manova depvarlist = termlist [if] [in] [weight] [, noconstant] : multivariate analysis of variance",
        "manovatest": "manovatest term [term ...] [, ytransform(matname)] | manovatest, test(matname) : "
                      "multivariate tests after manova"}
_OPTIONS = [OptionSpec("noconstant", 6), OptionSpec("dropemptycells", 7), OptionSpec("nomvregstats", 12),
            OptionSpec("category", 2, takes_arg=True), OptionSpec("class", 2, takes_arg=True),
            OptionSpec("continuous", 4, takes_arg=True), OptionSpec("detail", 1)]


def cmd_manova(session, cmd) -> None:
    from mlmcli.estimation.active import replay_results

    if not cmd.args.strip() and cmd.weight is None and not cmd.if_exp and not cmd.in_range:
        e = replay_results(session, ("manova",))
        opts = resolve_options(cmd.options, [OptionSpec("detail", 1)])
        _old_options(opts)
        return _show(session, e)
    opts = resolve_options(cmd.options, _OPTIONS)
    _old_options(opts)
    e = _fit(session, cmd, opts)
    session.e = e
    _show(session, e)


def _old_options(opts) -> None:
    """manova.ado's OldOpt: Stata 10's options, r(198) with its explanation."""
    for name, hint in (("category", "Or, use the i. factor variable operator on your categorical variables."),
                       ("class", "Or, use the i. factor variable operator on your categorical variables."),
                       ("continuous", "Or, use the c. factor variable operator on your continuous variables."),
                       ("detail", "Or, use regress, coeflegend after manova.")):
        if opts.get(name) in (None, False):
            continue
        bad = name if name == "detail" else f"{name}({opts[name]})"
        raise StataError(f"option {bad} not allowed\n    Option {bad} only allowed under version control with "
                         f"version < 11.\n    {hint}", 198)


def _show(session, e) -> None:
    from mlmcli.render.manova import render_manova

    session.print(render_manova(e.result))


@dataclass(frozen=True)
class ManovaParts:
    Y: np.ndarray
    w: np.ndarray
    base: np.ndarray
    blocks: tuple
    labels: tuple
    E: np.ndarray
    nu_e: float
    X: np.ndarray  # the design's estimable columns (e(b)'s order, base and omitted ones left out)
    B: np.ndarray  # depvar x column coefficients


def _parse(ds, args: str):
    left, eq, right = args.partition("=")
    if not eq:
        raise StataError("equal sign required between dependent variables and terms of the model", 198)
    if not left.split():
        raise StataError("at least one dependent variable required", 198)
    if "." in left or "#" in left:
        raise StataError("factor variables and time-series operators not allowed among the dependent variables",
                         101)
    depvars = [ds.resolve(v) for v in left.split()]
    for v in depvars:
        if ds.is_string(v):
            raise StataError("string variables not allowed in varlist;\n" f"{v} is a string variable", 109)
    if not right.strip():
        raise StataError("at least one independent variable required", 198)
    return depvars, re.sub(r"\s*([#|])\s*", r"\1", right.strip())


def _fit(session, cmd, opts):
    from mlmcli.commands.estimation.anova import anova_terms, term_blocks, term_label
    from mlmcli.commands.estimation.common import weighted_sample
    from mlmcli.factor_variables import build_design, parse_terms, term_variables
    from mlmcli.multivariate.linear_systems import fit_mvreg
    from mlmcli.multivariate.manova_tests import multivariate_tests, residual_sscp

    ds = session.data
    depvars, text = _parse(ds, cmd.args)
    design_text, raw_terms = anova_terms(text)
    terms = parse_terms(ds, design_text)
    groups = [(label, parse_terms(ds, " ".join(fv))) for label, fv in raw_terms]
    sample, w, kind = weighted_sample(session, cmd, depvars + term_variables(terms), ("aweight", "fweight"))
    if not sample.any():
        raise StataError("no observations", 2000)
    if sample.sum() == 1:
        raise StataError("insufficient observations", 2001)
    n = int(sample.sum())
    wv = np.ones(n) if w is None else np.asarray(w, float)[sample]
    if kind == "aweight":
        wv = wv * (n / wv.sum())
    Y = np.column_stack([ds.numeric(v)[sample] for v in depvars])
    with np.errstate(over="ignore", invalid="ignore"):
        finite = np.isfinite((Y * wv[:, None]).T @ Y).all()
    if not finite:  # Y'WY past the largest double (every SSCP is bounded by it): matrix accum's missing
        raise StataError("matrix has missing values", 504)
    constant = not opts.get("noconstant")
    base = np.ones((n, 1)) if constant else np.zeros((n, 0))
    E0, _ = residual_sscp(Y, base, wv)
    if np.linalg.matrix_rank(E0) < len(depvars):
        raise StataError("collinearity among the dependent variables", 506)
    blocks = term_blocks(ds, groups, sample)
    full = np.column_stack([base] + [b.columns for b in blocks])
    E, rank = residual_sscp(Y, full, wv)
    N = float(wv.sum())
    nu_e = N - rank
    if nu_e <= 0:
        raise StataError("insufficient observations", 2001)
    sources, H_terms = [], []
    for i, (blk, (_, group)) in enumerate(zip(blocks, groups)):
        reduced = np.column_stack([base] + [b.columns for j, b in enumerate(blocks) if j != i])
        Er, rank_r = residual_sscp(Y, reduced, wv)
        H = Er - E
        label = blk.label if "|" in blk.label else term_label(group[0])
        sources.append((label, H, rank - rank_r))
        H_terms.append(H)
    model_df = rank - (1 if constant else 0)
    H_model = E0 - E
    tested = [(label, multivariate_tests(H, E, df, nu_e)) for label, H, df in sources]
    model = multivariate_tests(H_model, E, model_df, nu_e)
    design = build_design(ds, terms, sample, constant=constant)
    for note in design.notes:
        session.print(note)
    mv = fit_mvreg(Y, design.X, wv, constant)
    e = _post(session, cmd, depvars, design, mv, E, H_model, model, model_df, sources, tested, nu_e, N, constant,
              sample, kind, opts)
    # what manovatest needs: the data of the fit (its terms' effect-coded columns, Y, weights)
    e.model.manova_parts = ManovaParts(Y, wv, base, tuple(blocks), tuple(label for label, _, _ in sources), E, nu_e,
                                 design.X, mv.B)
    return e


def _post(session, cmd, depvars, design, mv, E, H_model, model, model_df, sources, tested, nu_e, N, constant,
          sample, kind, opts):
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.multivariate.linear_systems import LinearSystemModel
    from mlmcli.postest.coefficient_rows import safe_rank
    from mlmcli.render.numfmt import format_number
    from mlmcli.results.manova import ManovaSource, ManovaTable
    from mlmcli.results.matrix import Matrix

    names = [f"{y}:{lab.name}" for y in depvars for lab in design.labels]
    estimable = [f"{y}:{lab.name}" for y in depvars for lab in design.labels if not (lab.base or lab.omitted)]
    pos = [names.index(nm) for nm in estimable]
    b = np.zeros(len(names))
    b[pos] = mv.B.ravel()
    V = np.zeros((len(names), len(names)))
    V[np.ix_(pos, pos)] = mv.V
    ys = tuple(depvars)
    scalars = {"N": N, "k": float(len(names)), "k_eq": float(len(depvars)), "df_m": float(model_df),
               "df_r": float(nu_e), "rank": float(safe_rank(V))}
    matrices = {"b": Matrix(b[None, :], ("y1",), tuple(names)), "V": Matrix(V, tuple(names), tuple(names)),
                "E": Matrix(E, ys, ys), "H_m": Matrix(H_model, ys, ys), "stat_m": _stat_matrix(model),
                "eigvals_m": Matrix(model.eigenvalues[None, :], ("r1",), _cols(len(model.eigenvalues))),
                "aux_m": Matrix(np.array([[model.s, model.m, model.n]]), ("r1",), ("s", "m", "n"))}
    macros = {"cmd": "manova", "cmdline": (cmd.text or f"manova {cmd.args}").strip(), "depvar": " ".join(depvars),
              "indepvars": " ".join(label for label, _, _ in sources), "predict": "manova_p",
              "estat_cmd": "manova_estat", "marginsok": "XB default", "marginsnotok": "stdp Residuals STDDp",
              "properties": "b V"}
    for k, ((label, H, df), (_, tests)) in enumerate(zip(sources, tested), start=1):
        scalars[f"df_{k}"] = float(df)
        macros[f"term_{k}"] = label
        matrices[f"H_{k}"] = Matrix(H, ys, ys)
        matrices[f"stat_{k}"] = _stat_matrix(tests)
        matrices[f"eigvals_{k}"] = Matrix(tests.eigenvalues[None, :], ("r1",), _cols(len(tests.eigenvalues)))
        matrices[f"aux_{k}"] = Matrix(np.array([[tests.s, tests.m, tests.n]]), ("r1",), ("s", "m", "n"))
    if not opts.get("nomvregstats"):
        macros["rmse"] = " ".join(format_number(v, "%9.0g").strip() for v in mv.rmse)
        macros["r2"] = " ".join(format_number(v, "%6.4f").strip() for v in mv.r2)
        macros["F"] = " ".join(format_number(v, "%9.0g").strip() for v in mv.F)
        macros["p_F"] = " ".join(format_number(v, "%6.4f").strip() for v in mv.p)
    if kind:
        macros["wtype"], macros["wexp"] = kind, "= " + cmd.weight.exp
    terms = tuple(ManovaSource(label, df, t.tests) for (label, _, df), (_, t) in zip(sources, tested))
    result = ManovaTable(nobs=N, model=ManovaSource("Model", model_df, model.tests) if len(terms) > 1 else None,
                         terms=terms, residual_df=nu_e, total_df=N - (1 if constant else 0))
    model_obj = LinearSystemModel(ys, ys, tuple([design] * len(depvars)), tuple(names))
    e = EstimationResults(cmd="manova", scalars=scalars, macros=macros, matrices=matrices, model=model_obj,
                          sample=sample.copy(), title="MANOVA", result=result, design=design)
    e.stamp_sample(session.data)
    return e


def _cols(k: int) -> tuple[str, ...]:
    return tuple(f"c{i + 1}" for i in range(k))


def _stat_matrix(tests):
    """e(stat_#): rows W P L R; statistic, F, df1, df2, p and 1 when F is exact -- the columns
    mvtest_manotab.ado reads from manova's e(stat_m) (their names decided here)."""
    from mlmcli.results.matrix import Matrix

    vals = np.array([[t.statistic, t.F, t.df1, t.df2, t.p, float(t.kind == "e")] for t in tests.tests])
    return Matrix(vals, ("wilks", "pillai", "lawley", "roy"), ("statistic", "F", "df1", "df2", "p", "exact"))
