"""``suest``: seemingly unrelated estimation of stored models (suest.ado).

    suest namelist [, vce(robust | cluster clustvar) level(#) dir eform(string) regressml
                     minus(#) display_options]
    suest [, level(#) dir eform(string) display_options]          (replay)

``namelist``: names of ``estimates store`` (wildcards, ``_all``), ``.`` for the active
results; repeated names count once.  Each model is checked and scored by ``suest_models``;
``mlmcli.postest.suest`` stacks them and computes the sandwich variance.  The results are
posted as suest.ado's: e(b), e(V) (``name_eq:coef``), e(N) (the union of the samples),
e(N_clust) and e(clustvar) with vce(cluster), e(vce) ``robust``/``cluster``, e(vcetype)
``Robust``, e(rank), e(names), e(eqnames#), e(cmd) ``suest``; the models' own results
(stored and active) are left as they were.  ``svy`` (svy results) is refused: not implemented.
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.estimation.common import display_option_specs, table_options, table_options_with_notes
from mlmcli.errors import StataError
from mlmcli.estimation.active import expand_names, lookup
from mlmcli.syntax.options import OptionSpec, confidence_level, read_vce, resolve_options, vce_option

HELP = {"suest": "suest namelist [, vce(robust|cluster clustvar) level(#) dir eform(string)] -- "
                 "one e(b) and a simultaneous robust e(V) for several stored models."}

DISPLAY = [OptionSpec("level", 1, takes_arg=True), OptionSpec("dir", 1), OptionSpec("eform", 2, takes_arg=True),
           *display_option_specs()]
ESTIMATE = DISPLAY + [OptionSpec("vce", 3, takes_arg=True), OptionSpec("cluster", 2, takes_arg=True),
                      OptionSpec("robust", 1), OptionSpec("svy", 3), OptionSpec("regressml", 9),
                      OptionSpec("minus", 5, takes_arg=True)]


def cmd_suest(session, cmd) -> None:
    body, opts_list = cmd.args, list(cmd.options)
    if not body.strip():  # replay(): suest typed alone (or with options only)
        e = session.e
        if e is None or e.cmd != "suest" or e.result is None:
            raise StataError("estimation results for suest not found", 301)
        return _display(session, e, resolve_options(opts_list, DISPLAY))
    opts = resolve_options(opts_list, ESTIMATE)
    if opts.get("svy"):
        raise StataError("suest's svy option is not implemented in mlmcli", 199)
    names = list(dict.fromkeys(expand_names(session, body.split())))
    if not names:  # _all with nothing stored: est_expand's min(1)
        raise StataError("too few names specified", 198)
    cluster_var = _cluster(session, opts)
    minus = _minus(opts)
    level = confidence_level(opts, float(getattr(session, "level", 95.0)))
    table_options(opts)  # formats checked before any work (_get_diopts)
    _eform_label(opts)
    _estimate(session, names, cluster_var, bool(opts.get("regressml")), minus)
    _display(session, session.e, opts, level)


def _cluster(session, opts) -> str | None:
    """_vce_parse, argopt(CLuster) opt(Robust) old: vce(robust), vce(cluster v), cluster(v), robust."""
    v, cl = opts.get("vce"), opts.get("cluster")
    if v is not None:
        kind, args = read_vce(v, (("robust", 1), ("cluster", 2)))
        if len(args) > 1:
            raise StataError("vce(cluster) with several variables not supported by mlmcli with suest", 198)
        if opts.get("robust"):
            raise StataError("options vce() and robust may not be combined", 198)
        if kind == "cluster":
            var = session.data.resolve(args[0])
            if cl and session.data.resolve(str(cl).strip()) != var:
                raise StataError("options cluster() and vce(cluster) are in conflict", 100)
            return var
        if cl:
            raise StataError("only one of cluster() or vce(robust) is allowed", 198)
        return None
    return session.data.resolve(str(cl).strip()) if cl else None


def _minus(opts) -> int:
    from mlmcli.syntax.options import integer_option

    return integer_option(opts, "minus", 1)  # minus(--1) is r(198), not int()'s ValueError


def _estimate(session, names, cluster_var, regressml: bool, minus: int) -> None:
    from mlmcli.commands.postestimation.suest_models import model_part, weight_values
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.postest.suest import combine
    from mlmcli.results.matrix import Matrix

    several = len(names) > 1
    parts, eqnames, wtype, weights, wexp = [], [], None, None, ""
    for name in names:
        e_i = lookup(session, name)
        part, own, w = model_part(session, name, e_i, several, regressml)
        if wtype is not None and w != wtype:
            raise StataError("inconsistent weighting types", 322)
        if w:  # CheckWeight: the same weights on every row (reldif < 1e-6)
            values = weight_values(session, e_i)
            if weights is None:
                weights, wexp = values, e_i.macros.get("wexp", "")
            else:
                with np.errstate(invalid="ignore"):
                    same = (np.abs(values - weights) / (np.abs(weights) + 1) < 1e-6) \
                        | (np.isnan(values) & np.isnan(weights))
                if not np.all(same):
                    raise StataError("weighting expression differs between models", 322)
        wtype = w
        if (e_i.macros.get("cmd") or e_i.cmd) == "clogit":  # Fix_clogit
            cluster_var = _clogit_cluster(session, e_i.macros["group"], cluster_var)
        parts.append(part)
        eqnames.append(own)
    codes = None
    if cluster_var is not None:
        touse = np.any([p.sample for p in parts], axis=0)
        values = session.data.df[cluster_var].to_numpy()
        missing = _missing(values, session.data.is_string(cluster_var))
        if np.any(missing & touse):
            raise StataError(f"cluster variable {cluster_var} is not allowed to be missing within the "
                             "estimation sample", 459)
        codes = np.unique(values.astype(str) if session.data.is_string(cluster_var) else values,
                          return_inverse=True)[1]
    frequency = wtype == "fweight"
    res = combine(parts, codes, minus=minus, fweight=weights if frequency else None,
                  weight=None if frequency else weights, normalise=wtype == "aweight")
    b = Matrix(res.b.reshape(1, -1), ("y1",), res.colnames)
    V = Matrix(res.V, res.colnames, res.colnames)
    scalars = {"N": float(res.n_obs), "rank": float(res.rank)}
    macros = {"cmd": "suest", "names": " ".join(names), "vcetype": "Robust", "properties": "b V",
              "vce": "cluster" if cluster_var else "robust"}  # (e(wtype), e(wexp): empty, so unset)
    if wtype:
        macros.update(wtype=wtype, wexp=wexp)
    if cluster_var:
        scalars["N_clust"] = float(res.n_clust)
        macros["clustvar"] = cluster_var
    for i, own in enumerate(eqnames, start=1):
        macros[f"eqnames{i}"] = " ".join(own)
    sample = np.any([p.sample for p in parts], axis=0)
    e = EstimationResults(cmd="suest", scalars=scalars, macros=macros, matrices={"b": b, "V": V},
                          result=tuple(names), sample=sample)
    e.stamp_sample(session.data)
    session.e = e


def _clogit_cluster(session, group: str, cluster_var: str | None) -> str:
    """Fix_clogit: without a cluster the groups are the clusters (for every model); with one,
    each group (over all rows, not only the sample) must lie inside one cluster."""
    if cluster_var is None or cluster_var == group:  # a second clogit on the same groups
        return group
    df = session.data.df[[group, cluster_var]]
    if (df.groupby(group, dropna=False)[cluster_var].nunique(dropna=False) > 1).any():
        raise StataError("clogit was estimated with invalid group()", 498)
    return cluster_var


def _missing(values: np.ndarray, is_string: bool) -> np.ndarray:
    if is_string:
        return np.array([v is None or str(v) == "" for v in values], bool)
    return np.isnan(np.asarray(values, float))


def _display(session, e, opts, level: float | None = None) -> None:
    """Display: the header, ``estimates dir`` of the models with ``dir``, the table."""
    import dataclasses

    from mlmcli.postest.coefficient_rows import rows_by_equation
    from mlmcli.render.suest import render_suest_header, render_suest_table
    from mlmcli.results.suest import SuestResult

    if level is None:
        level = confidence_level(opts, float(getattr(session, "level", 95.0)))
    tab = table_options_with_notes(session, opts)
    coefs = e.coefficients()
    blocks = rows_by_equation(coefs.names, coefs.b, coefs.V, level=level)
    label = _eform_label(opts)
    if label:  # as ereturn display, eform(): exponentiated rows, _cons left out
        blocks = [(eq, [dataclasses.replace(r, coef=float(np.exp(r.coef)), se=float(np.exp(r.coef) * r.se),
                                            ci_lo=float(np.exp(r.ci_lo)), ci_hi=float(np.exp(r.ci_hi)))
                        for r in rows if r.name != "_cons"]) for eq, rows in blocks]
    cluster = (int(e.scalars["N_clust"]), e.macros["clustvar"]) if e.macros.get("clustvar") else None
    names = tuple(e.macros.get("names", "").split())
    result = SuestResult(names, int(e.scalars["N"]), tuple((eq, tuple(rows)) for eq, rows in blocks), level,
                         cluster, label or "Coef.", bool(label))
    session.print(render_suest_header(result))
    if opts.get("dir"):  # estimates dir e(names), width(78), between the header and the table
        from mlmcli.commands.postestimation.estimates import show_dir
        show_dir(session, [n for n in names if n != "."], 78)
    session.print(render_suest_table(result, linesize=session.linesize, options=tab))


def _eform_label(opts) -> str | None:
    label = opts["eform"].strip().strip('"') if isinstance(opts.get("eform"), str) else None
    if label and len(label) > 11:
        raise StataError("eform() text too long", 198)
    return label


def replay(session, e) -> None:
    """estimates replay of suest results."""
    _display(session, e, {})
