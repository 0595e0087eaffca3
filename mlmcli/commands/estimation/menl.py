"""``menl``: nonlinear mixed-effects regression (Stata 15's [ME] menl), Gaussian errors,
random effects of one grouping variable, ML (default) or REML by the Lindstrom-Bates
algorithm (engine: ``mlmcli.nlme``; syntax: ``menl_syntax``; layout: ``render.nlme_display``).

The mean function is the typed expression with each brace replaced by a placeholder
(``menl_syntax``), compiled once by the expression engine and evaluated over the estimation
sample with the placeholders bound to the current inputs (``_InputContext``).
"""
from __future__ import annotations

import re

import numpy as np

from mlmcli.commands.estimation.menl_syntax import DISPLAY, OPTIONS, parse_menl, refuse_display, refuse_unsupported
from mlmcli.errors import StataError
from mlmcli.expr.context import EvalContext
from mlmcli.syntax.options import confidence_level, number_option, resolve_options

_IDENT = re.compile(r"(?<![\w.])([^\W\d]\w*)\b(?!\s*\()")


class _InputContext(EvalContext):
    """Column-mode evaluation over the estimation-sample rows, with the placeholders bound."""

    def __init__(self, session, rows: np.ndarray, inputs: dict, cache: dict):
        super().__init__(session, scalar=False)
        self._nobs = len(rows)
        self._sample_rows = rows
        self._inputs = inputs
        self._cache = cache

    def column(self, name: str) -> np.ndarray:
        if name in self._inputs:
            return self._inputs[name]
        if name not in self._cache:
            self._cache[name] = super().column(name)[self._sample_rows]
        return self._cache[name]

    def has_variable(self, name: str) -> bool:
        if name in self._inputs:
            return True
        # the answer kept with the columns (the data do not change during a fit: an expression
        # evaluated thousands of times asked the dataset's index each time)
        key = ("has_variable", name)
        known = self._cache.get(key)
        if known is None:
            known = self._cache[key] = super().has_variable(name)
        return known


def mean_function(session, expression: str, rows: np.ndarray, binding: dict):
    """inputs by model name -> the expression over the sample (binding: name -> placeholder)."""
    from mlmcli.expr.compiler import compile_expression
    from mlmcli.expr.values import broadcast

    node = compile_expression(expression)
    cache: dict = {}
    n = len(rows)

    def mean(inputs):
        bound = {binding[k]: np.asarray(v, float) for k, v in inputs.items() if k in binding}
        value = node(_InputContext(session, rows, bound, cache))
        out = broadcast(value, n)
        if out.dtype == object:
            raise StataError("type mismatch", 109)
        return out.astype(float)
    return mean


def expression_variables(ds, expression: str) -> list[str]:
    """Variables named in the expression (names that are not placeholders, functions or c())."""
    out = []
    text = re.sub(r"\bc\(\s*\w+\s*\)", " ", expression)
    text = re.sub(r'"[^"]*"', " ", text)
    for name in _IDENT.findall(text):
        if name.startswith("__menl_") or name in out:
            continue
        try:
            out.append(ds.resolve(name))
        except StataError:
            continue  # a scalar, or an error the expression engine reports
    return out


def _build(session, cmd, model, opts):
    from mlmcli.factor_variables import build_design, parse_terms, term_variables
    from mlmcli.nlme.spec import LinearCombination, NLMESpec
    from mlmcli.sample import mark_sample

    ds = session.data
    if ds is None or not ds.varnames:
        raise StataError("no variables defined", 111)
    depvar = ds.resolve(model.depvar)
    if ds.is_string(depvar):
        raise StataError("type mismatch", 109)
    groups = {g for g in model.random.values()}
    if len(groups) > 1:
        raise StataError("menl: random effects at more than one level are not implemented in mlm", 198)
    group_var = ds.resolve(next(iter(groups))) if groups else None
    if group_var is None:
        raise StataError("menl: a model without random effects is not implemented in mlm (use nl)", 198)
    terms = {name: parse_terms(ds, c.varlist) if c.varlist.strip() else [] for name, c in model.combinations.items()}
    varlist = [depvar, group_var] + expression_variables(ds, model.expression)
    for t in terms.values():
        varlist += term_variables(t)
    sample = mark_sample(session, cmd, varlist=list(dict.fromkeys(varlist)), strok=True)
    n = int(sample.sum())
    if n == 0:
        raise StataError("no observations", 2000)
    rows = np.flatnonzero(sample)
    random = tuple(model.random)
    combos = []
    for name, c in model.combinations.items():
        design = build_design(ds, terms[name], sample, constant=c.constant)
        combos.append(LinearCombination(name, design.X, design.column_names, tuple(random.index(e) for e, _ in c.random),
                                        labels=design.labels))
    gvals = ds.df[group_var].to_numpy()[rows]
    _, group = np.unique(gvals.astype(str) if gvals.dtype == object else gvals, return_inverse=True)
    binding = {name: ph for ph, (kind, name) in model.placeholders.items()}
    spec = NLMESpec(
        y=ds.df[depvar].to_numpy(dtype=float)[rows], mean=mean_function(session, model.expression, rows, binding),
        combinations=tuple(combos), free=tuple(model.free), free_start=tuple(model.free.values()),
        random=random, direct=tuple(e in model.direct for e in random), group=group.astype(np.int64),
        n_groups=int(group.max()) + 1, reml="reml" in opts, iterate=number_option(opts, "iterate", 300, int),
        tolerance=number_option(opts, "tolerance", 1e-6), ltolerance=number_option(opts, "ltolerance", 1e-7))
    return spec, depvar, group_var, sample


def display(session, result, opts: dict) -> None:
    """The header and tables; the display options (menl's display_options and coeflegend) as
    _get_diopts reads them (formats checked: r(7), a too wide one noted)."""
    import dataclasses

    from mlmcli.commands.estimation.common import table_options
    from mlmcli.render.nlme_display import render_nlme

    notes: list[str] = []
    table = table_options(opts, notes)
    for note in notes:
        session.print(note)
    from mlmcli.commands.estimation.me_display import filter_fixed_rows

    # noomitted, noemptycells, nofvlabel; the level texts of the data in memory as drawn
    result = dataclasses.replace(result, equations=tuple(
        (eq, tuple(filter_fixed_rows(rows, opts))) for eq, rows in result.equations))
    session.print(render_nlme(result, noheader=bool(opts.get("noheader")), nogroup=bool(opts.get("nogroup")),
                              nofetable=bool(opts.get("nofetable")),
                              noretable=bool(opts.get("noretable")),
                              stddeviations=bool(opts.get("stddeviations")), table_kwargs=table.table_kwargs(),
                              re_cformat=table.typed_cformat))  # menl.ado: s(cformat), never c(cformat)


def _replay(session, cmd) -> None:
    from mlmcli.estimation.active import replay_results
    from mlmcli.nlme.report import nlme_result

    e = replay_results(session, ("menl",))
    opts = resolve_options(cmd.options, OPTIONS)
    refuse_display(opts)
    bad = [k for k in opts if k not in DISPLAY]
    if bad:
        raise StataError(f"option {bad[0]} not allowed", 198)
    result = e.result
    level = confidence_level(opts, result.level)
    if level != result.level:
        result = nlme_result(e.model, depvar=result.depvar, group_var=e.macros.get("ivars", ""), level=level)
    display(session, result, opts)


def cmd_menl(session, cmd) -> None:
    """``menl depvar = <menlexpr> [if] [in] [, options]``."""
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.nlme.fit import fit_nlme
    from mlmcli.nlme.report import e_matrices, nlme_result, scalars
    from mlmcli.render.nlme_display import render_nlme_log

    if not cmd.args.strip():
        return _replay(session, cmd)
    if cmd.weight is not None:
        raise StataError("weights not allowed", 101)
    opts = resolve_options(cmd.options, OPTIONS)
    refuse_unsupported(opts)
    model = parse_menl(cmd.args, opts)
    spec, depvar, group_var, sample = _build(session, cmd, model, opts)
    level = confidence_level(opts, getattr(session, "level", 95.0))
    with np.errstate(all="ignore"):
        fit = fit_nlme(spec)
        result = nlme_result(fit, depvar=depvar, group_var=group_var, level=level)
    if not opts.get("nolog"):
        session.print(render_nlme_log(result))
    b, V = e_matrices(fit, group_var)
    macros = {"cmd": "menl", "cmdline": f"menl {cmd.text}".strip(), "depvar": depvar, "title": result.title,
              "ivars": group_var, "revars": " ".join(spec.random), "method": result.method,
              "crittype": result.crit_label.lower(), "vce": "conventional",
              "opt": "lbates", "predict": "menl_p", "estat_cmd": "menl_estat", "properties": "b V"}
    if result.wald is not None:
        macros["chi2type"] = "Wald"
    e = EstimationResults(cmd="menl", scalars=scalars(fit, result), macros=macros, matrices={"b": b, "V": V},
                          result=result, model=fit, sample=sample, title=result.title)
    e.stamp_sample(session.data)
    session.e = e
    display(session, result, opts)
