"""Seemingly unrelated regression and multivariate regression ([R] sureg, [MV] mvreg):

    sureg (depvar1 varlist1) (depvar2 varlist2) ... [if] [in] [aw fw] [, isure constraints(numlist)
          small dfk dfk2 corr level(#) iterate(#) tolerance(#) nolog noheader notable display_options]
    mvreg depvars = indepvars [if] [in] [aw fw] [, noconstant corr level(#) noheader notable display_options]

An equation is ``([eqname:] y [y2 ... =] varlist [, noconstant])``; its name is its depvar
(``.`` made ``_``; a repeated name ``#depvar``, as reg3.ado's nameEq).  The sample is every
equation's variables together.  Engine: ``multivariate.linear_systems`` (formulas there);
layout: ``render.linear_systems``; predict: ``predict_linear_systems`` (reg3_p).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.commands.estimation.common import display_option_specs, table_options_with_notes
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, integer_option, number_option, resolve_options

HELP = {"sureg": "sureg (depvar1 varlist1) (depvar2 varlist2) ... [if] [in] [weight] [, isure constraints() small "
                 "dfk dfk2 corr level(#)] : Zellner's seemingly unrelated regression",
        "mvreg": "mvreg depvars = indepvars [if] [in] [weight] [, noconstant corr level(#)] : multivariate regression"}
_REPORT = [OptionSpec("level", 1, takes_arg=True), OptionSpec("noheader", 4), OptionSpec("notable", 5),
           OptionSpec("corr", 3), OptionSpec("nocnsreport", 7), *display_option_specs()]
_SUREG = [*_REPORT, OptionSpec("isure", 1), OptionSpec("constraints", 1, takes_arg=True), OptionSpec("small", 2),
          OptionSpec("dfk", 3), OptionSpec("dfk2", 4), OptionSpec("iterate", 2, takes_arg=True),
          OptionSpec("tolerance", 3, takes_arg=True), OptionSpec("nolog", 5), OptionSpec("log", 3),
          OptionSpec("trace", 2)]
_MVREG = [*_REPORT, OptionSpec("noconstant", 6)]
# the predict macros sureg, reg3 and mvreg leave (reg3_p)
REG3_PREDICT = {"predict": "reg3_p", "marginsok": "XB default", "marginsnotok": "stdp Residuals stddp",
                "properties": "b V"}
# reg3.ado's method titles
TITLES = {"sure": "Seemingly unrelated regression", "isure": "Seemingly unrelated regression",
          "3sls": "Three-stage least-squares regression", "2sls": "Two-stage least-squares regression",
          "ols": "Multivariate regression", "mvreg": "Multivariate regression"}


@dataclass(frozen=True)
class EquationSpec:
    name: str
    depvar: str
    terms: tuple
    constant: bool


# ---------------------------------------------------------------------------- syntax
def equation_texts(text: str) -> list[str]:
    """``(a) (b)`` -> the texts inside the parentheses; anything outside them is r(198)."""
    out, depth, start = [], 0, None
    for i, ch in enumerate(text):
        if ch == "(":
            if depth == 0:
                start = i + 1
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth < 0:
                raise StataError("unmatched close parenthesis", 198)  # reg3's _eqlist
            if depth == 0:
                out.append(text[start:i])
        elif depth == 0 and not ch.isspace():
            raise StataError("invalid syntax", 198)  # sureg's basic syntax: every equation in parentheses
    if depth:
        raise StataError("unmatched open parenthesis", 198)
    if not out:
        raise StataError("equation(s) required", 198)
    return out


def equation_specs(ds, text: str, taken: list[str]) -> list[EquationSpec]:
    """``[eqname:] y [y2 ... =] varlist [, noconstant]`` -> one spec per depvar."""
    from mlmcli.commands.estimation.limited_dependent import depvar_and_terms
    from mlmcli.factor_variables import parse_terms

    body, _, options = text.partition(",")
    constant = True
    for word in options.split():
        if len(word) >= 6 and "noconstant".startswith(word):
            constant = False
        else:
            raise StataError(f"option {word} not allowed", 198)
    name = None
    words = body.split()
    if words and words[0].endswith(":") or (len(words) > 1 and words[1] == ":"):
        name = words[0].rstrip(":")
        words = words[2:] if words[1:2] == [":"] else words[1:]
    if "=" in words:
        at = words.index("=")
        depvars = [ds.resolve(v) for v in words[:at]]
        if name is not None and len(depvars) > 1:
            raise StataError("equation name may not be combined with multiple dependent variables", 198)
        terms = parse_terms(ds, " ".join(words[at + 1:])) if words[at + 1:] else []
    else:
        depvar, terms = depvar_and_terms(ds, " ".join(words))
        depvars = [depvar]
    specs = []
    for y in depvars:
        if name is not None:
            if "." in name:
                raise StataError(f"may not use periods (.) in equation names: {name}", 198)
            if name in taken:
                raise StataError(f"may not specify duplicate equation names: {name}", 198)
            eqname = name
        else:
            eqname = y.replace(".", "_")
            eqname = f"eq{len(taken) + 1}" if len(eqname) > 32 else eqname
            if eqname in taken:
                eqname = f"{len(taken) + 1}{eqname}"[:32]
        taken.append(eqname)
        specs.append(EquationSpec(eqname, y, tuple(terms), constant))
    return specs


def system_sample(session, cmd, specs, extra_variables=()):
    from mlmcli.commands.estimation.common import weighted_sample
    from mlmcli.factor_terms import term_variables

    variables = list(extra_variables)
    for s in specs:
        variables += [s.depvar] + term_variables(list(s.terms))
    sample, w, kind = weighted_sample(session, cmd, list(dict.fromkeys(variables)), ("aweight", "fweight"))
    if not sample.any():
        raise StataError("no observations", 2000)
    weights = np.ones(int(sample.sum())) if w is None else np.asarray(w, float)[sample]
    if kind == "aweight":
        weights = weights * (weights.size / weights.sum())
    return sample, weights, kind


# ---------------------------------------------------------------------------- sureg
def cmd_sureg(session, cmd) -> None:
    from mlmcli.estimation.active import replay_results

    if not cmd.args.strip() and cmd.weight is None and not cmd.if_exp and not cmd.in_range:
        e = replay_results(session, ("sureg",))
        opts = resolve_options(cmd.options, _REPORT)
        return display(session, e, opts)
    opts = resolve_options(cmd.options, _SUREG)
    if opts.get("dfk") and opts.get("dfk2"):
        raise StataError("cannot specify both dfk and dfk2", 198)
    e = _fit_sureg(session, cmd, opts)
    session.e = e
    display(session, e, opts)


@dataclass(frozen=True)
class SystemData:
    specs: list
    sample: np.ndarray
    w: np.ndarray
    kind: str | None
    designs: list
    eqs: list
    names: list


def build_system(session, cmd, extra_variables=()) -> SystemData:
    """The equations of ``cmd`` on their common sample (``extra_variables``: reg3's exog(),
    endog() and inst() variables, marked out too)."""
    from mlmcli.factor_variables import build_design
    from mlmcli.multivariate.linear_systems import SystemEquation

    ds = session.data
    taken: list[str] = []
    specs = [s for text in equation_texts(cmd.args) for s in equation_specs(ds, text, taken)]
    sample, w, kind = system_sample(session, cmd, specs, extra_variables)
    designs, eqs = [], []
    for s in specs:
        design = build_design(ds, list(s.terms), sample, constant=s.constant)
        for note in design.notes:
            session.print(note)
        if design.X.shape[1] > sample.sum():
            raise StataError("insufficient observations", 2001)
        designs.append(design)
        eqs.append(SystemEquation(s.name, s.depvar, ds.numeric(s.depvar)[sample], design.X, s.constant))
    return SystemData(specs, sample, w, kind, designs, eqs, column_names(specs, designs))


def solve_system(session, opts, system: SystemData, *, iterated: bool, small: bool, dfk: str, Xhat=None,
                 independent: bool = False):
    """constraints(), iterate(), tolerance() and the iteration log around the engine's fit ->
    (fit, constraint labels, iterated)."""
    from mlmcli.multivariate.linear_systems import fit_sure
    from mlmcli.syntax.settings import setting_value

    cns = None
    if opts.get("constraints") is not None:
        from mlmcli.postest.ml_constraints import read_constraints

        found = read_constraints(session, estimable_names(system.specs, system.designs), opts["constraints"],
                                 note=session.print)
        cns = None if found is None else (found.R, found.r, found.labels)
    maxiter = int(setting_value(session, "maxiter"))
    iterate = integer_option(opts, "iterate", maxiter, minimum=0)
    iterated = iterated or iterate != maxiter
    fit = fit_sure(system.eqs, system.w, dfk=dfk == "dfk", dfk2=dfk == "dfk2", small=small, iterate=iterate,
                   tolerance=number_option(opts, "tolerance", 1e-6), iterated=iterated,
                   constraints=None if cns is None else cns[:2], Xhat=Xhat, independent=independent)
    if iterated and not opts.get("nolog"):
        session.print("")
        for i, tol in enumerate(fit.tolerances, start=1):
            session.print(f"Iteration {i}:   tolerance = {_g10_7(tol)}")
    if iterate != 1 and not fit.converged:
        session.print("convergence not achieved")
    return fit, () if cns is None else cns[2], iterated


def exogenous_names(designs) -> list[str]:
    return list(dict.fromkeys(lab.name for d in designs for lab in d.labels
                              if lab.name != "_cons" and not (lab.base or lab.omitted)))


def _fit_sureg(session, cmd, opts):
    system = build_system(session, cmd)
    dfk = "dfk" if opts.get("dfk") else ("dfk2" if opts.get("dfk2") else "")
    fit, cns_labels, iterated = solve_system(session, opts, system, iterated=bool(opts.get("isure")),
                                             small=bool(opts.get("small")), dfk=dfk)
    settings = SystemSettings("sureg", "isure" if opts.get("isure") else "sure", bool(opts.get("small")), dfk,
                              "unstructured", " ".join(exogenous_names(system.designs)), "", iterated)
    return post_system(session, cmd, settings, system.specs, system.designs, system.names, fit, system.sample,
                       system.kind, cns_labels)


def weighted_matrices(cmd, kind, macros, b, V, names, Sigma, sigma_names) -> dict:
    """e(b), e(V) and e(Sigma); the weight macros added to ``macros``."""
    from mlmcli.results.matrix import Matrix

    if kind:
        macros["wtype"], macros["wexp"] = kind, "= " + cmd.weight.exp
    return {"b": Matrix(b[None, :], ("y1",), tuple(names)), "V": Matrix(V, tuple(names), tuple(names)),
            "Sigma": Matrix(Sigma, tuple(sigma_names), tuple(sigma_names))}


def _g10_7(x: float) -> str:
    from mlmcli.render.numfmt import format_number

    return format_number(x, "%10.7g").strip()


def column_names(specs, designs) -> list[str]:
    return [f"{s.name}:{lab.name}" for s, d in zip(specs, designs) for lab in d.labels]


def estimable_names(specs, designs) -> list[str]:
    return [f"{s.name}:{lab.name}" for s, d in zip(specs, designs) for lab in d.labels
            if not (lab.base or lab.omitted)]


def full_coefficients(names, estimable, b, V):
    """b and V over every column (base and omitted ones 0)."""
    pos = [names.index(n) for n in estimable]
    fb = np.zeros(len(names))
    fb[pos] = b
    fV = np.zeros((len(names), len(names)))
    fV[np.ix_(pos, pos)] = V
    return fb, fV


@dataclass(frozen=True)
class SystemSettings:
    """How a sureg/reg3 system was fitted, as e() records it."""

    cmd: str
    method: str  # sure isure 3sls 2sls ols mvreg
    small: bool
    dfk: str  # "", dfk, dfk2
    corr: str  # unstructured, independent
    exog: str
    endog: str
    iterated: bool


def post_system(session, cmd, settings, specs, designs, names, fit, sample, kind, cns_labels):
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.commands.postestimation.margins_linear_systems import LinearSystemFit
    from mlmcli.postest.coefficient_rows import safe_rank

    estimable = estimable_names(specs, designs)
    b, V = full_coefficients(names, estimable, fit.b, fit.V)
    small = settings.small
    eqnames = [s.name for s in specs]
    scalars = {"N": fit.nobs, "k": float(len(names)), "k_eq": float(len(specs)),
               "ic": float(fit.passes if settings.iterated else 0),
               "ll": fit.ll, "dfk2_adj": fit.dfk2_adj, "rank": float(safe_rank(V))}
    if small:
        scalars["df_r"] = float(fit.df_r)
    for i, (s, st) in enumerate(zip(specs, fit.equations), start=1):
        scalars[f"cons_{i}"] = float(s.constant)
        scalars[f"{'F' if small else 'chi2'}_{i}"] = st.stat
        scalars.update({f"p_{i}": st.p, f"df_m{i}": st.df_m, f"rss_{i}": st.rss, f"rmse_{i}": st.rmse,
                        f"mss_{i}": st.mss, f"r2_{i}": st.r2})
    macros = {"cmd": settings.cmd, "cmdline": (cmd.text or f"{settings.cmd} {cmd.args}").strip(),
              "method": settings.method, "depvar": " ".join(s.depvar for s in specs),
              "eqnames": " ".join(eqnames), "exog": settings.exog, "endog": settings.endog, "corr": settings.corr,
              "dfk": settings.dfk, "small": "small" if small else "", **REG3_PREDICT}
    matrices = weighted_matrices(cmd, kind, macros, b, V, names, fit.Sigma, eqnames)
    model = LinearSystemFit(tuple(eqnames), tuple(s.depvar for s in specs), tuple(designs), tuple(names))
    e = EstimationResults(cmd=settings.cmd, scalars=scalars, macros=macros, matrices=matrices, model=model,
                          sample=sample.copy(), title=TITLES[settings.method], design=designs[0])
    e.result = {"constraints": tuple(cns_labels)}
    e.stamp_sample(session.data)
    return e


# ---------------------------------------------------------------------------- mvreg
def cmd_mvreg(session, cmd) -> None:
    from mlmcli.estimation.active import replay_results

    if not cmd.args.strip() and cmd.weight is None and not cmd.if_exp and not cmd.in_range:
        e = replay_results(session, ("mvreg", "manova"))  # mvreg.ado replays manova's coefficients
        return display(session, e, resolve_options(cmd.options, _REPORT))
    opts = resolve_options(cmd.options, _MVREG)
    e = _fit_mvreg(session, cmd, opts)
    session.e = e
    display(session, e, opts)


def _fit_mvreg(session, cmd, opts):
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.factor_variables import build_design, parse_terms
    from mlmcli.commands.postestimation.margins_linear_systems import LinearSystemFit
    from mlmcli.multivariate.linear_systems import fit_mvreg
    from mlmcli.postest.coefficient_rows import safe_rank

    ds = session.data
    left, eq, right = cmd.args.partition("=")
    if not eq:
        raise StataError("invalid syntax", 198)
    depvars = [ds.resolve(v) for v in left.split()]
    if not depvars:
        raise StataError("invalid syntax", 198)
    if any(depvars.count(v) > 1 for v in depvars):
        raise StataError("cannot specify the same dependent variable more than once", 498)
    terms = parse_terms(ds, right) if right.strip() else []
    if not terms:
        raise StataError("varlist required", 100)
    constant = not opts.get("noconstant")
    specs = [EquationSpec(v.replace(".", "_"), v, tuple(terms), constant) for v in depvars]
    sample, w, kind = system_sample(session, cmd, specs)
    design = build_design(ds, terms, sample, constant=constant)
    for note in design.notes:
        session.print(note)
    Y = np.column_stack([ds.numeric(v)[sample] for v in depvars])
    fit = fit_mvreg(Y, design.X, w, constant)
    designs = [design] * len(specs)
    names = column_names(specs, designs)
    estimable = estimable_names(specs, designs)
    b, V = full_coefficients(names, estimable, fit.B.ravel(), fit.V)
    eqnames = [s.name for s in specs]
    k = design.X.shape[1]
    scalars = {"N": fit.nobs, "k": float(k), "k_eq": float(len(specs)), "df_r": fit.df_r, "rank": float(safe_rank(V))}

    def words(values, fmt):
        from mlmcli.render.numfmt import format_number
        return " ".join(format_number(v, fmt).strip() for v in values)

    macros = {"cmd": "mvreg", "cmdline": (cmd.text or f"mvreg {cmd.args}").strip(), "depvar": " ".join(depvars),
              "eqnames": " ".join(eqnames), "r2": words(fit.r2, "%6.4f"), "rmse": words(fit.rmse, "%9.0g"),
              "F": words(fit.F, "%9.0g"), "p_F": words(fit.p, "%6.4f"), **REG3_PREDICT,
              "estat_cmd": "mvreg_estat"}
    matrices = weighted_matrices(cmd, kind, macros, b, V, names, fit.Sigma, depvars)
    model = LinearSystemFit(tuple(eqnames), tuple(depvars), tuple(designs), tuple(names))
    e = EstimationResults(cmd="mvreg", scalars=scalars, macros=macros, matrices=matrices, model=model,
                          sample=sample.copy(), title="Multivariate regression", design=design)
    e.result = {}
    e.stamp_sample(session.data)
    return e


# ---------------------------------------------------------------------------- display
def display(session, e, opts) -> None:
    from mlmcli.multivariate.linear_systems import breusch_pagan
    from mlmcli.postest.coefficient_rows import rows_by_equation
    from mlmcli.render.linear_systems import (render_residual_correlation, render_system_header,
                                              render_system_table)
    from mlmcli.results.linear_systems import EquationLine, ResidualCorrelation, SystemResult

    level = confidence_level(opts, getattr(session, "level", 95.0))
    table = table_options_with_notes(session, opts)
    s, m = e.scalars, e.macros
    # after manova (mvreg typed alone) the rows are named by e(depvar), as mvreg.ado's domano does
    eqnames = (m["depvar"] if e.cmd == "manova" else m["eqnames"]).split()
    b, V = e.matrices["b"].values.ravel(), e.matrices["V"].values
    df_r = s.get("df_r")
    blocks = tuple((eq, tuple(rows)) for eq, rows in rows_by_equation(e.matrices["b"].colnames, b, V, df_r=df_r,
                                                                       level=level))
    if e.cmd in ("mvreg", "manova"):
        # the macros hold "." for a missing value (a constant depvar's R-sq and F)
        vals = [[float("nan") if v in (".", "") or (len(v) == 2 and v[0] == "." and v[1].isalpha()) else float(v)
                 for v in m[key].split()]
                for key in ("rmse", "r2", "F", "p_F")]
        lines = tuple(EquationLine(name, s["N"], s["k"], vals[0][i], vals[1][i], vals[2][i], vals[3][i])
                      for i, name in enumerate(eqnames))
        result = SystemResult(None, lines, blocks, "F", table_stat="t", level=level, mvreg=True)
    else:
        small = m.get("small") == "small"
        key = "F" if small else "chi2"
        lines = tuple(EquationLine(name, s["N"], s[f"df_m{i}"], s[f"rmse_{i}"], s[f"r2_{i}"], s[f"{key}_{i}"],
                                   s[f"p_{i}"]) for i, name in enumerate(eqnames, start=1))
        title = TITLES[m["method"]] + (", iterated" if s.get("ic", 0) > 0 else "")
        cns = () if opts.get("nocnsreport") else (e.result or {}).get("constraints", ())
        footer = (("Endogenous variables:  ", m.get("endog", "")), ("Exogenous variables:   ", m.get("exog", ""))) \
            if m["method"] in ("2sls", "3sls") and not opts.get("nofooter") else ()
        result = SystemResult(title, lines, blocks, "F-Stat" if small else "chi2", table_stat="t" if small else "z",
                              level=level, footer=footer, constraints=tuple(f" ({i:2d})  {c}" for i, c in
                                                             enumerate(cns, start=1)))
    if not opts.get("noheader"):
        session.print(render_system_header(result))
    if not opts.get("notable"):
        session.print("")
        session.print(render_system_table(result, linesize=session.linesize, options=table))
    if opts.get("corr"):
        R, chi2, df, p = breusch_pagan(e.matrices["E" if e.cmd == "manova" else "Sigma"].values, s["N"])
        session.print(render_residual_correlation(ResidualCorrelation(tuple(eqnames), R, chi2, df, p)))
        if e.cmd in ("mvreg", "manova"):
            e.scalars.update({"chi2": chi2, "df_chi2": df})
        else:
            e.scalars.update({"chi2_bp": chi2, "df_bp": df})
