"""``svy: mean``, ``svy: total``, ``svy: ratio`` and ``svy: proportion`` ([R] mean, total, ratio,
proportion under svy): the estimates, their linearized V and e() (e(b) named by the variables,
``_ratio_#`` or the ratio's name, ``var:level`` for proportions).  over(), stdize() and the
other options of the commands are refused.

proportion (Stata 13): one block per variable, its rows the levels in ascending order; a level
with a value label is named ``_prop_#`` (# its position) and explained in the legend
("_prop_1: var = label", the label cut at 32 characters), another by its value.  The
intervals are t intervals on the proportion itself (Stata 14 made logit ones the default)."""
from __future__ import annotations

import re

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

_TITLES = {"mean": ("Mean", "Survey: Mean estimation"), "total": ("Total", "Survey: Total estimation"),
           "ratio": ("Ratio", "Survey: Ratio estimation"),
           "proportion": ("Proportion", "Survey: Proportion estimation")}
# [R] ratio: [name:] varname [/] varname (the slash may be left out)
_RATIO_RE = re.compile(r"^\s*(?:([^\W\d]\w*)\s*:)?\s*([^/\s]+)\s*(?:/\s*|\s+)([^/\s]+)\s*$")


def ratio_specs(ds, args: str) -> list[tuple[str, str, str]]:
    """``[name:] y[/]x`` or ``(name: y/x) (y2 x2) ...`` -> (name, y, x) with _ratio_# default names."""
    text = args.strip()
    groups = re.findall(r"\(([^()]*)\)", text) if text.startswith("(") else [text]
    if text.startswith("(") and re.sub(r"\([^()]*\)", "", text).strip():
        raise StataError("invalid syntax", 198)
    specs = []
    for i, g in enumerate(groups, start=1):
        m = _RATIO_RE.match(g)
        if not m:
            raise StataError("invalid syntax", 198)
        name = m.group(1) or f"_ratio_{i}"
        specs.append((name, ds.resolve(m.group(2)), ds.resolve(m.group(3))))
    if not specs:
        raise StataError("varlist required", 100)
    return specs


def run_descriptive(session, inner, name: str, settings, subpop, level: float, request=None):
    from mlmcli.commands.estimation.survey_replicate import TITLES, replicate_ereturn
    from mlmcli.commands.estimation.survey_over import over_option
    from mlmcli.commands.estimation.survey_sample import design_sample, embed, header_of, strata_matrices, survey_ereturn
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.results.matrix import Matrix
    from mlmcli.results.mixed import CoefRow
    from mlmcli.results.survey import SurveyEstimates
    from mlmcli.survey.estimators import mean_estimates, ratio_estimates, total_estimates
    from mlmcli.survey.inference import design_inference

    ds = session.data
    opts = resolve_options(inner.options, [OptionSpec("level", 1, takes_arg=True),
                                           OptionSpec("over", takes_arg=True)], allow_unknown=True)
    unknown = [k for k in opts if k not in ("level", "over", "cformat", "pformat", "sformat")
               or (k == "over" and name == "proportion")]  # the formats: svy_display_formats
    if unknown:
        raise StataError(f"svy: {name} option {unknown[0]}() is not supported by mlmcli", 198)
    if opts.get("level") is not None:
        from mlmcli.syntax.options import confidence_level

        level = confidence_level(opts, level)
    legend: tuple = ()
    if name == "ratio":
        specs = ratio_specs(ds, inner.args)
        variables = [v for _, y, x in specs for v in (y, x)]
        names = [n for n, _, _ in specs]
        legend = tuple((n, f"{y}/{x}") for n, y, x in specs)
    elif name == "proportion":
        variables, names, equations, legend, indicators = proportion_levels(ds, inner.args)
    else:
        if not inner.args.strip():
            raise StataError("varlist required", 100)
        if any(ch in inner.args for ch in ".#"):
            raise StataError("factor-variable and time-series operators not allowed", 101)
        variables = ds.expand_varlist(inner.args)
        for v in variables:
            if ds.is_string(v):
                raise StataError("string variables not allowed in varlist;", 109)
        names = variables
    over_vars = over_option(ds, opts["over"])[0] if opts.get("over") is not None else []
    over = " ".join(over_vars) or None
    sample = design_sample(session, inner, settings, list(dict.fromkeys(variables + over_vars)), subpop)
    rows = np.flatnonzero(sample.sub)
    groups = None
    if over is not None:  # each group a domain: the estimates of every group, per variable
        from mlmcli.commands.estimation.survey_over import over_groups_of

        groups = over_groups_of(ds, over_vars, rows)
        equations = [n for n in names for _ in groups]
        legend = legend + (("", ""),) * bool(legend) + tuple((g, text) for _, g, text in groups)
        names = [g for _ in names for _, g, _ in groups]

    def estimate(weights: np.ndarray):
        """(b, scores) with the sampling weights ``weights`` (over the data) on the rows."""
        w = weights[rows]
        every = np.ones(len(rows), bool)
        if groups is not None:
            columns = [(ds.numeric(y)[rows], ds.numeric(x)[rows]) for _, y, x in specs] if name == "ratio" \
                else [ds.numeric(v)[rows] for v in variables]
            return estimates_by_group(name, columns, w, [mask for mask, _, _ in groups])
        if name == "proportion":
            Y = np.column_stack([(ds.numeric(var)[rows] == value).astype(float) for var, value in indicators])
            return mean_estimates(Y, w, every)
        if name == "ratio":
            Y = np.column_stack([ds.numeric(y)[rows] for _, y, _ in specs])
            X = np.column_stack([ds.numeric(x)[rows] for _, _, x in specs])
            return ratio_estimates(Y, X, w, every)
        Y = np.column_stack([ds.numeric(v)[rows] for v in variables])
        return (mean_estimates if name == "mean" else total_estimates)(Y, w, every)

    b, scores = estimate(sample.weights)
    replication = None
    if request is not None and request.replicated:
        from mlmcli.commands.estimation.survey_replicate import run_replicates

        inf, replication = run_replicates(session, request, settings, sample, b, lambda wd: estimate(wd)[0],
                                          embed(scores, rows, sample.touse), level)
    else:
        inf = design_inference(b, embed(scores, rows, sample.touse), sample.units, level,
                               weights=sample.weights[sample.touse],
                               sub_rows=sample.sub[sample.touse] if sample.subpop_given else None)
    column, title = _TITLES[name]
    header = header_of(sample, title, narrow=True, replication=replication)
    result = SurveyEstimates(header=header, column=column, level=level, legend=legend, missing_se=inf.missing_se,
                             vce_label="Linearized" if replication is None else TITLES[request.method],
                             strata_omitted=len(sample.units.omitted),
                             equations=tuple(equations) if name == "proportion" or over else (),
                             over=over is not None,
                             rows=tuple(CoefRow(n, float(b[i]), float(inf.se[i]), float(inf.t[i]), float(inf.p[i]),
                                                float(inf.ci_lo[i]), float(inf.ci_hi[i])) for i, n in enumerate(names)))
    command_text = f"{name} {inner.text or inner.args}"
    scalars, macros = survey_ereturn(sample, settings, inf, name, title, command_text)
    scalars.update(k_eq=1.0, level=level)
    if replication is not None:
        replicate_ereturn(scalars, macros, request, replication, settings)
    macros.update(cmd=name, varlist=" ".join(variables))
    if over is not None:
        from mlmcli.commands.estimation.survey_over import over_stored_groups

        macros.update(over_stored_groups(over_vars, groups))
    if name == "ratio":
        macros.update(namelist=" ".join(names), **{f"ratio{i}": f"{y}/{x}" for i, (_, y, x) in enumerate(specs, 1)})
    cols = tuple(f"{eq}:{n}" for eq, n in zip(equations, names)) if name == "proportion" or over else tuple(names)
    matrices = {"b": Matrix(np.asarray(b, float)[None, :], ("y1",), cols),
                "V": Matrix(inf.V, cols, cols),
                "V_srs": Matrix(inf.V_srs, cols, cols)}
    if settings.stages[0].fpc:
        matrices["V_srswr"] = Matrix(inf.V_srswr, cols, cols)
    if inf.V_srssub is not None:  # subpop(): SRS within the subpopulation (estat effects, srssubpop)
        matrices["V_srssub"] = Matrix(inf.V_srssub, cols, cols)
        if settings.stages[0].fpc:
            matrices["V_srssubwr"] = Matrix(inf.V_srssubwr, cols, cols)
    matrices.update(strata_matrices(sample.units))
    # e(_N) and e(_N_subp): each estimate's (sub)population observations and weight sum (estat size)
    in_group = [mask for mask, _, _ in groups] if over is not None \
        else [np.ones(len(rows), bool)]
    repeat = len(cols) // len(in_group)
    matrices["_N"] = Matrix(np.tile([float(m.sum()) for m in in_group], repeat)[None, :], ("r1",), cols)
    matrices["_N_subp"] = Matrix(np.tile([float(sample.weights[rows][m].sum()) for m in in_group], repeat)[None, :],
                                 ("r1",), cols)
    e = EstimationResults(cmd=name, scalars=scalars, macros=macros, matrices=matrices, result=result,
                          sample=sample.touse.copy(), title=title)
    e.stamp_sample(ds)
    return e


def proportion_levels(ds, args: str, rows=None, nolabel: bool = False, missing: bool = False):
    """(variables, row names, their equations, legend, (variable, value) per row); ``rows``:
    the levels found on these rows (a mask; None: every row); ``nolabel``: value labels left
    out; ``missing``: missing values (each of ., .a, ... as the one value NaN here) a level,
    named _prop_# and shown as "."."""
    if not args.strip():
        raise StataError("varlist required", 100)
    if any(ch in args for ch in ".#"):
        raise StataError("factor-variable and time-series operators not allowed", 101)
    variables = ds.expand_varlist(args)
    names, equations, legend, indicators = [], [], [], []
    for var in variables:
        if ds.is_string(var):
            raise StataError("string variables not allowed in varlist;", 109)
        x = ds.numeric(var) if rows is None else ds.numeric(var)[rows]
        values = list(np.unique(x[~np.isnan(x)]))
        if missing and np.isnan(x).any():
            values.append(np.nan)
        for k, value in enumerate(values, start=1):
            text = None if nolabel or np.isnan(value) else ds.value_label_text(var, float(value))
            if text is not None or not float(value).is_integer() or value < 0:
                names.append(f"_prop_{k}")
                shown = text if text is not None else _value_text(value)
                legend.append((f"_prop_{k}", f"{var} = {shown[:32]}"))
            else:
                names.append(str(int(value)))
            equations.append(var)
            indicators.append((var, float(value)))
    return variables, names, equations, tuple(legend), indicators


def _value_text(value: float) -> str:
    from mlmcli.render.numfmt import format_number

    return format_number(float(value), "%9.0g").strip()


def estimates_by_group(name: str, columns: list, w: np.ndarray, in_group: list) -> tuple[np.ndarray, np.ndarray]:
    """b and scores of each column within each group, columns outermost: ``columns`` the
    values on the sample's rows (ratio: (numerator, denominator) pairs), ``name`` mean, total
    or ratio (also mean and ratio outside svy: commands/estimation/descriptive.py)."""
    from mlmcli.survey.estimators import mean_estimates, ratio_estimates, total_estimates

    bs, zs = [], []
    for col in columns:
        for mask in in_group:
            if name == "ratio":
                b, z = ratio_estimates(np.asarray(col[0], float)[:, None], np.asarray(col[1], float)[:, None], w, mask)
            else:
                b, z = (mean_estimates if name == "mean" else total_estimates)(np.asarray(col, float)[:, None], w, mask)
            bs.append(b)
            zs.append(z)
    return np.concatenate(bs), np.column_stack(zs)
