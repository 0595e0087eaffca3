"""``mean``, ``total``, ``ratio`` and ``proportion`` as estimation commands outside svy
([R] mean, total, ratio, proportion; Stata 13's _svy_summarize).

The estimates and their scores are svy:'s (survey.estimators, through survey_descriptive's
variable, ratio and proportion parsing and over()'s groups); the variance is the analytic
(SRS) one by default and the linearized one with pweights or vce(cluster)
(survey.descriptive_variance).  ratio's default vce is "linearized" (e(vcetype) Linearized)
while its numbers without pweights are the SRS ones, as _svy_summarize keeps them.

Weights: mean fw/aw/pw/iw; total fw/aw/pw/iw (Stata 13 takes aweights; 16 does not); ratio and
proportion fw/pw/iw.  fweights reach Stata's _svy2 as iweights, so e(N) (and the df n - 1)
count observations, not the weights' sum (read from _svy_summarize.ado: no adjustment of
r(N); not checked against a Stata log).  vce(bootstrap|jackknife) run the prefix on the
command (vce_through_prefix).
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.estimation.common import typed_command
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, resolve_options

TITLES = {"mean": ("Mean", "Mean estimation"), "total": ("Total", "Total estimation"),
          "ratio": ("Ratio", "Ratio estimation"), "proportion": ("Proportion", "Proportion estimation")}
WEIGHTS = {"mean": ("fweight", "aweight", "pweight", "iweight"), "total": ("fweight", "aweight", "pweight", "iweight"),
           "ratio": ("fweight", "pweight", "iweight"), "proportion": ("fweight", "pweight", "iweight")}
OPTIONS = [OptionSpec("level", 1, takes_arg=True), OptionSpec("over", takes_arg=True),
           OptionSpec("vce", takes_arg=True), OptionSpec("cluster", 2, takes_arg=True),
           OptionSpec("noheader", 5), OptionSpec("nolegend", 5), OptionSpec("coeflegend", 5),
           OptionSpec("missing", 4), OptionSpec("nolabel", 5), OptionSpec("cformat", takes_arg=True),
           OptionSpec("stdize", 3, takes_arg=True), OptionSpec("stdweight", 4, takes_arg=True),
           OptionSpec("nostdrescale", 7)]


def cmd_mean(session, cmd) -> None:
    _command(session, cmd, "mean")


def cmd_total(session, cmd) -> None:
    _command(session, cmd, "total")


def cmd_ratio(session, cmd) -> None:
    _command(session, cmd, "ratio")


def cmd_proportion(session, cmd) -> None:
    _command(session, cmd, "proportion")


def _command(session, cmd, name: str) -> None:
    if not cmd.args.strip() and cmd.if_exp is None and cmd.in_range is None and cmd.weight is None:
        e = session.e
        if e is None or e.cmd != name:
            raise StataError("last estimates not found", 301)
        if e.macros.get("prefix") == "svy":  # svy: mean's results shown again by mean alone
            from mlmcli.commands.estimation.survey_replay import replay_svy

            return replay_svy(session, e, cmd.options)
        return replay(session, e, cmd.options)
    # (vce(bootstrap|jackknife) ran as the prefix before: the registry's vce_through_prefix.cmd_mean)
    opts = resolve_options(cmd.options, OPTIONS)
    for option in ("stdize", "stdweight", "nostdrescale"):  # direct standardization: not written
        if opts.get(option):
            raise StataError(f"option {option}{'' if option == 'nostdrescale' else '()'} is not supported by mlmcli",
                             198)
    if name != "proportion" and (opts.get("missing") or opts.get("nolabel")):
        raise StataError(f"option {'missing' if opts.get('missing') else 'nolabel'} not allowed", 198)
    fmt = _cformat(session, opts.get("cformat"))  # (a display option refused before the fit)
    e = estimate(session, cmd, name, opts)
    session.e = e
    _show(session, e, opts, fmt)


def replay(session, e, options=()) -> None:
    opts = resolve_options(options, [OptionSpec("level", 1, takes_arg=True), OptionSpec("noheader", 5),
                                     OptionSpec("nolegend", 5), OptionSpec("coeflegend", 5),
                                     OptionSpec("cformat", takes_arg=True)])
    _show(session, e, opts)


def _show(session, e, opts: dict, fmt: str | None = None) -> None:
    import dataclasses

    from mlmcli.render.descriptive import render_descriptive

    result = e.result
    if e.macros.get("prefix") in ("bootstrap", "jackknife"):
        result = replicated(e, result)
    if opts.get("level") is not None:
        result = dataclasses.replace(result, table=_at_level(result.table, e, confidence_level(opts, 95.0)))
    session.print(render_descriptive(result, session.linesize, header=not opts.get("noheader"),
                                     legend=not opts.get("nolegend"), coeflegend=bool(opts.get("coeflegend")),
                                     cformat=fmt or _cformat(session, opts.get("cformat"))))


def _cformat(session, text) -> str:
    """cformat(%fmt) read as _get_diopts reads it (estimation.common.display_formats: a
    nonnumeric format r(7), one wider than 9 a note and the default; absent, set cformat's)."""
    from mlmcli.commands.estimation.common import display_formats_with_notes

    return display_formats_with_notes(session, {"cformat": text}).get("cformat") or "%9.0g"


def show_replicated(session, e, settings: dict | None = None) -> None:
    """vce(bootstrap|jackknife)'s (and the prefixes') display of mean & co.: the command's
    table with the replicate SEs (bootstrap.ado replays the command with its display options;
    the narrow table of a published log of bootstrap's mean, its header in Stata 13's layout of
    mean's); the prefix's noheader/nolegend count too."""
    from mlmcli.parser import parse_arguments

    command = e.macros.get("command", "")
    word, _, rest = command.partition(" ")
    opts = {}
    if rest.strip():
        typed = parse_arguments(rest, word).options
        display = {"noheader", "nolegend", "coeflegend", "cformat"}
        opts = {k: v for k, v in resolve_options(typed, OPTIONS).items() if k in display}
    for key in ("noheader", "nolegend"):
        if (settings or {}).get(key):
            opts[key] = True
    _show(session, e, opts)


def replicated(e, result):
    """``result`` with e(b), e(V)'s SEs and intervals (normal for bootstrap, t on e(df_r) for
    the jackknife), the Replications line and the vcetype heading."""
    import dataclasses

    from mlmcli.postest.coefficient_rows import normal_or_t

    b = e.matrices["b"].values[0]
    se = np.sqrt(np.clip(np.diag(e.matrices["V"].values), 0, None))
    level = float(e.scalars.get("level", result.table.level))
    df = e.scalars.get("df_r")  # (bootstrap posts none: normal intervals)
    _, _, lo, hi = normal_or_t(b, se, level, None if df is None else float(df))
    rows = tuple(dataclasses.replace(r, coef=float(b[i]), se=float(se[i]), ci_lo=float(lo[i]), ci_hi=float(hi[i]))
                 for i, r in enumerate(result.table.rows))
    kind = e.macros["prefix"]
    table = dataclasses.replace(result.table, rows=rows, level=level, vce_label=kind.capitalize())
    heading = "   Observed   Bootstrap         Normal-based" if kind == "bootstrap" else ""
    return dataclasses.replace(result, table=table, heading=heading, clusters=None,
                               replications=int(e.scalars.get("N_reps", 0)))


def _at_level(table, e, level: float):
    import dataclasses

    from mlmcli.postest.coefficient_rows import normal_or_t

    b = np.array([r.coef for r in table.rows])
    se = np.array([r.se for r in table.rows])
    df = e.scalars.get("df_r")
    t, p, lo, hi = normal_or_t(b, se, level, None if df is None else float(df))
    rows = tuple(dataclasses.replace(r, ci_lo=float(lo[i]), ci_hi=float(hi[i])) for i, r in enumerate(table.rows))
    return dataclasses.replace(table, rows=rows, level=level)


def _vce(session, opts: dict, name: str) -> tuple[str, str | None]:
    """(analytic|linearized|cluster, cluster variable)."""
    ds = session.data
    cluster = opts.get("cluster")
    vce = opts.get("vce")
    if vce is not None:
        words = str(vce).replace(",", " ").split()
        if not words:
            raise StataError("invalid vce() option", 198)
        head = words[0].lower()
        if "analytic".startswith(head) and len(head) >= 1 and head[0] == "a" and len(words) == 1:
            if name == "ratio":
                raise StataError("vcetype 'analytic' not allowed", 198)
            return "analytic", None
        if "linearized".startswith(head) and len(head) >= 3 and len(words) == 1 and name == "ratio":
            return "linearized", None
        if "cluster".startswith(head) and len(head) >= 2:
            if len(words) != 2:
                raise StataError("invalid vce() option", 198)
            cluster = words[1]
        else:
            raise StataError(f"vcetype '{words[0]}' not allowed", 198)
    if cluster is not None:
        return "cluster", ds.resolve(str(cluster).strip())
    return ("linearized" if name == "ratio" else "analytic"), None


def _variables(ds, name: str, args: str, missing: bool, rows=None, nolabel: bool = False):
    """(variables marked out, estimate names, equations, legend, indicator (var, value) per
    proportion row, ratio specs)."""
    from mlmcli.commands.estimation import survey_descriptive as sd

    if name == "ratio":
        text = args.strip()
        spec = text.split(":", 1)[-1]
        if not text.startswith("(") and ("(" in text or len(spec.replace("/", " ").split()) > 2):
            raise StataError("parentheses are required for multiple ratio specifications", 198)
        specs = sd.ratio_specs(ds, args)
        return ([v for _, y, x in specs for v in (y, x)], [n for n, _, _ in specs], [],
                tuple((n, f"{y}/{x}") for n, y, x in specs), None, specs)
    if name == "proportion":
        variables, names, equations, legend, indicators = sd.proportion_levels(ds, args, rows, nolabel, missing)
        return variables, names, equations, legend, indicators, None
    if not args.strip():
        raise StataError("varlist required", 100)
    if any(ch in args for ch in ".#"):
        raise StataError("factor-variable and time-series operators not allowed", 101)
    variables = ds.expand_varlist(args)
    for v in variables:
        if ds.is_string(v):
            raise StataError("string variables not allowed in varlist;", 109)
    return variables, list(variables), [], (), None, None


def _sample(session, cmd, name: str, variables, extra, missing: bool):
    """(rows of the sample, weights on them, weight kind): listwise over the variables (not
    with proportion's missing), missing weights dropped, iweights keep zeros."""
    from mlmcli.commands.data.common import weights
    from mlmcli.parser import weight_kind
    from mlmcli.sample import mark_sample

    numeric = [v for v in extra if not session.data.is_string(v)]
    mask = mark_sample(session, cmd, ([] if missing else list(variables)) + numeric)
    if len(numeric) < len(extra):  # a string cluster variable: only "" is missing (markout, strok)
        mask &= mark_sample(session, cmd, [v for v in extra if v not in numeric], strok=True)
    kind = None
    if cmd.weight is not None:
        kind = weight_kind(cmd.weight)
        if kind == "weight":
            kind = "fweight"
        if kind not in WEIGHTS[name]:
            raise StataError(f"{kind}s not allowed", 101)
    if kind == "iweight":
        from mlmcli.sample import mark_weight

        mask, w = mark_weight(session, cmd, mask)
        w = np.asarray(w, float)
    else:
        mask, w, kind = weights(session, cmd, mask, WEIGHTS[name], default="fweight")
    rows = np.flatnonzero(mask)
    if len(rows) == 0:
        raise StataError("no observations", 2000)
    return mask, (np.ones(len(rows)) if w is None else w[rows]), kind


def _cluster_codes(ds, clustvar: str) -> np.ndarray:
    """The cluster variable's values, a string one's as codes."""
    if not ds.is_string(clustvar):
        return ds.numeric(clustvar)
    import pandas as pd

    return pd.factorize(ds.df[clustvar].astype(str))[0].astype(float)


def estimate(session, cmd, name: str, opts: dict):
    from mlmcli.commands.estimation.survey_descriptive import estimates_by_group
    from mlmcli.commands.estimation.survey_over import over_groups_of, over_option
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.postest.coefficient_rows import normal_or_t
    from mlmcli.results.descriptive import DescriptiveEstimates
    from mlmcli.results.matrix import Matrix
    from mlmcli.results.mixed import CoefRow
    from mlmcli.results.survey import SurveyEstimates
    from mlmcli.survey import descriptive_variance as dv

    ds = session.data
    level = confidence_level(opts, 95.0) if opts.get("level") is not None else float(getattr(session, "level", 95.0))
    vce, clustvar = _vce(session, opts, name)
    missing = bool(opts.get("missing"))
    variables, names, equations, legend, indicators, specs = _variables(ds, name, cmd.args, missing)
    over_text = opts.get("over")
    over_vars, over_nolabel = over_option(ds, over_text, True) if over_text is not None else ([], False)
    extra = over_vars + ([clustvar] if clustvar else [])
    mask, w, kind = _sample(session, cmd, name, variables, extra, missing)
    if name == "proportion":  # the levels found in the sample (proportion.ado tabulates on it)
        variables, names, equations, legend, indicators, specs = _variables(
            ds, name, cmd.args, missing, mask, bool(opts.get("nolabel")))
    if kind == "pweight" and vce == "analytic" and opts.get("vce") is not None:
        # (_vce_parse's pw(linearized): pweights take the linearized variance; message not verified)
        raise StataError("vce(analytic) not allowed with pweights", 198)
    rows = np.flatnonzero(mask)
    n = len(rows)
    groups = [(np.ones(n, bool), "", "")]
    if over_vars:
        groups = over_groups_of(ds, over_vars, rows, nolabel=over_nolabel)
    masks = [g for g, _, _ in groups]
    if name == "ratio":
        columns = [(ds.numeric(y)[rows], ds.numeric(x)[rows]) for _, y, x in specs]
    elif name == "proportion":
        columns = [_indicator(ds.numeric(var)[rows], value) for var, value in indicators]
    else:
        columns = [ds.numeric(v)[rows] for v in variables]
    b, Z = estimates_by_group("ratio" if name == "ratio" else "mean", columns, w, masks)
    col_groups = masks * len(columns)
    if vce == "cluster" or kind == "pweight":
        V, n_clusters = dv.linearized(Z, _cluster_codes(ds, clustvar)[rows] if clustvar else None)
        df = n_clusters - 1
    else:
        V = dv.srs_variance(Z, w, col_groups, frequency=kind in ("fweight", "iweight"))
        n_clusters, df = None, n - 1
    if name == "total":  # the mean times the group's weight sum (n with aweights)
        sizes = np.array([float(g.sum()) if kind == "aweight" else float(w[g].sum()) for g in col_groups])
        b = b * sizes
        V = V * np.outer(sizes, sizes)
    se = np.sqrt(np.clip(np.diag(V), 0, None))
    t, p, lo, hi = normal_or_t(b, se, level, float(df) if df > 0 else np.nan)
    if over_vars and name == "proportion":  # every level a _prop_# equation (Stata 13's noint)
        names, legend = _proportion_names(ds, indicators)
    if over_vars:
        from mlmcli.commands.estimation.survey_over import over_stored_groups

        equations = [nm for nm in names for _ in groups]
        legend = legend + (("", ""),) * bool(legend) + tuple((g, text) for _, g, text in groups)
        names = [g for _ in names for _, g, _ in groups]
    column, title = TITLES[name]
    vce_label = "Robust" if vce == "cluster" else ("Linearized" if name == "ratio" or kind == "pweight" else "")
    table = SurveyEstimates(header=None, column=column, level=level, legend=legend, vce_label=vce_label,
                            equations=tuple(equations), over=bool(over_vars),
                            rows=tuple(CoefRow(nm, float(b[i]), float(se[i]), float(t[i]), float(p[i]),
                                               float(lo[i]), float(hi[i])) for i, nm in enumerate(names)))
    result = DescriptiveEstimates(title=title, n_obs=n, table=table,
                                  clusters=(n_clusters, clustvar) if vce == "cluster" else None)
    cols = tuple(f"{eq}:{nm}" for eq, nm in zip(equations, names)) if equations else tuple(names)
    matrices = {"b": Matrix(b[None, :], ("y1",), cols), "V": Matrix(V, cols, cols),
                "_N": Matrix(np.array([[float(g.sum()) for g in col_groups]]), ("r1",), cols),
                "error": Matrix(np.zeros((1, len(cols))), ("r1",), cols)}
    if name == "mean" and kind in ("fweight", "iweight"):
        matrices["_N_subp"] = Matrix(np.array([[float(w[g].sum()) for g in col_groups]]), ("r1",), cols)
    # (the order of a published Stata 13 ereturn list after mean)
    scalars = {"df_r": float(df), "N_over": float(len(groups)), "N": float(n), "k_eq": 1.0,
               "rank": float(np.linalg.matrix_rank(V)) if np.all(np.isfinite(V)) else 0.0}
    macros = {"cmdline": typed_command(cmd, name), "cmd": name, "vce": vce, "title": title,
              "estat_cmd": "estat_vce_only", "varlist": " ".join(dict.fromkeys(variables)),
              "marginsnotok": "_ALL", "properties": "b V", "depvar": column}
    if vce == "cluster":
        macros.update(clustvar=clustvar, vcetype="Robust")
        scalars["N_clust"] = float(n_clusters)
    elif vce_label:
        macros["vcetype"] = "Linearized"
    if kind is not None:
        macros.update(wtype=kind, wexp=f"= {cmd.weight.exp}")
    if over_vars:
        macros.update(over_stored_groups(over_vars, groups))
    if name == "ratio":
        macros["namelist"] = " ".join(nm for nm, _, _ in specs)
    if name == "proportion":
        macros["namelist"] = " ".join(dict.fromkeys(equations if over_vars else names))
    e = EstimationResults(cmd=name, scalars=scalars, macros=macros, matrices=matrices, result=result,
                          sample=mask.copy(), title=title)
    e.stamp_sample(ds)
    return e


def _proportion_names(ds, indicators) -> tuple[list[str], tuple]:
    """proportion with over(): each level named _prop_#, numbered on across the variables (the
    names are equations, so they must differ), and its legend line "var = label or value"."""
    from mlmcli.render.numfmt import format_number

    names, legend = [], []
    for k, (var, value) in enumerate(indicators, start=1):
        text = None if np.isnan(value) else ds.value_label_text(var, float(value))
        shown = text if text is not None else format_number(float(value), "%9.0g").strip()
        names.append(f"_prop_{k}")
        legend.append((f"_prop_{k}", f"{var} = {shown[:32]}"))
    return names, tuple(legend)


def _indicator(x: np.ndarray, value: float) -> np.ndarray:
    """1 where ``x`` is ``value`` (missing: where ``x`` is missing), else 0."""
    return (np.isnan(x) if np.isnan(value) else x == value).astype(float)
