"""``mixed`` on lazy data: the engine's input from per-group sums computed in DuckDB (or Dask).

For a nested, unweighted model with the default VCE, ``lazy_spec`` marks the sample as
an SQL condition (``if``/``in`` and no missing value in any variable the model uses, as
``mixed.build_spec`` does in memory), builds the fixed design from what the sample holds
(``lazydata.design``: factor levels and present cells), and reduces the rows to
``GroupSums`` in one ``GROUP BY`` pass over every candidate column (``lazydata.nested_sums``;
on Dask when ``set dask`` says so: ``mlmcli.distributed``); the collinearity sweep runs on
the cross-products of those sums and the omitted columns are dropped from them.
The ``MixedSpec`` it returns has no rows: the engine fits from the sums, and the numbers
equal the in-memory fit's to rounding.  Anything else (weights, vce(), crossed or ``R.``
terms) needs the rows: ``lazy_spec`` then loads the data when small enough (``set
lazymax``) and returns None, else stops with r(909).

e(sample) is a ``LazySample``: the sample's SQL over the fit's relation (kept alive by
it), evaluated in observation order when first asked for, while the data are still those
of the fit (``EstimationResults.sample_positions``); after a lazy command has made new
data, ``e(sample)`` says so (r(459)) instead of being 0.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import confidence_level, number_option
from mlmcli.syntax.settings import default_iterate


class LazySample:
    """e(sample) of a fit on lazy data: ``mask()`` runs ``query`` (one boolean per row, in
    observation order) over ``relation``, which this object keeps alive."""

    def __init__(self, query: str, relation):
        self.query, self.relation = query, relation

    def mask(self) -> np.ndarray:
        from mlmcli.lazydata.store import query

        column = query(self.query).fetchnumpy()["in_sample"]
        return np.asarray(column, dtype=bool)


def lazy_spec(session, mc):
    """(spec, design, LazySample) from group sums, or None once the data are in memory."""
    from mlmcli.lazydata.store import NeedsRows

    try:
        return _reduced_spec(session, mc)
    except NeedsRows as why:
        session.data.materialise(f"mixed with {why}")
        return None


def _reduced_spec(session, mc):
    from mlmcli.collinear_columns import independent_columns
    from mlmcli.commands.estimation.mixed_equations import continuous_tokens
    from mlmcli.factor_variables import (FixedDesign, candidate_recipes, design_layout, finish_design,
                                         parse_terms, term_variables)
    from mlmcli.lazydata.design import SqlFactors, recipe_sql
    from mlmcli.lazydata.nested_sums import NestedReduction, fixed_cross_products, keep_fixed_columns
    from mlmcli.lazydata.operations import selection
    from mlmcli.lazydata.store import ROW, NeedsRows, quote
    from mlmcli.mixed.spec import MixedSpec, RandomTerm

    ds = session.data
    opts = mc.options
    if mc.weight is not None or any(eq.fweight or eq.pweight for eq in mc.equations):
        raise NeedsRows("weights")
    for name in ("vce", "pwscale"):
        if opts.get(name) is not None:
            raise NeedsRows(f"{name}()")
    depvar = ds.resolve(mc.depvar)
    terms = parse_terms(ds, mc.fixed) if mc.fixed.strip() else []
    used = [depvar] + term_variables(terms)
    eq_info, levels = [], []
    for eq in mc.equations:
        if eq.levelvar == "_all" or eq.factor_var is not None:
            raise NeedsRows("crossed random effects (_all: or R.)")
        level = ds.resolve(eq.levelvar)
        toks = continuous_tokens(eq.varlist.split())
        if any("." in t or "#" in t for t in toks):
            raise NeedsRows("factor variables in a random-effects equation")
        rvars = ds.expand_varlist(toks, allow_empty=True)
        eq_info.append((eq, level, rvars))
        used += [level] + rvars
        if level not in levels:
            levels.append(level)
    used = list(dict.fromkeys(used))
    if any(ds.is_string(v) for v in used if v not in levels):
        raise StataError("no observations", 2000)  # marksample: a string variable empties the sample
    sel = selection(ds, session, mc.if_exp, mc.in_range)
    tests = [f"{quote(v)} <> ''" if ds.is_string(v) else f"{quote(v)} IS NOT NULL" for v in used]
    source = f"(SELECT *, {sel.column()} AS __s FROM {ds.from_sql()})"
    sample = " AND ".join(["__s"] + tests)
    constant = not mc.noconstant
    layout = design_layout(ds, terms, SqlFactors(source, sample))
    candidates = [recipe_sql(r) for r in candidate_recipes(layout)]
    rterms, z_by_term, depth = [], [], []
    for eq, level, rvars in eq_info:
        names = tuple(rvars) + (() if eq.noconstant else ("_cons",))
        if not names:
            raise StataError("invalid random-effects specification", 198)
        cov = eq.covariance or ("independent" if len(names) > 1 else "identity")
        if len(names) == 1 and cov in ("unstructured", "exchangeable"):
            cov = "identity"
        z_by_term.append([quote(v) for v in rvars] + ([] if eq.noconstant else ["1"]))
        depth.append(levels.index(level) + 1)
        rterms.append((level, names, cov))
    # one pass over the rows: the sums of every candidate column; the collinearity sweep
    # then runs on their cross-products and the omitted columns' sums are left out
    x_all = candidates + (["1"] if constant else [])
    z_columns = [c for cols in reversed(z_by_term) for c in cols]  # innermost term first
    reduction = NestedReduction(keys=tuple(levels), depth=tuple(depth), qs=tuple(len(z) for z in z_by_term),
                                columns=tuple(z_columns + x_all + [quote(depvar)]), p=len(x_all),
                                sample=sample)
    all_sums = _reduce(session, ds, reduction, source, sel)
    n = all_sums.nobs
    if n == 0:
        raise StataError("no observations", 2000)
    k = len(candidates)
    keep = independent_columns(fixed_cross_products(all_sums, k, constant)) if k else np.zeros(0, bool)
    sums = keep_fixed_columns(all_sums, [j for j in range(k) if keep[j]] + ([k] if constant else []))
    p = sums.p
    design = finish_design(layout, keep, constant, terms, np.empty((0, p)))
    if n <= p:
        raise StataError("insufficient observations", 2001)
    spec_terms = tuple(RandomTerm(levelvar=level, group=np.zeros(0, np.int64), Z=np.zeros((0, len(names))),
                                  names=names, covariance=cov, n_groups=sums.n_groups[k])
                       for k, (level, names, cov) in enumerate(rterms))
    spec = MixedSpec(
        depvar=depvar, y=np.zeros(0), X=np.zeros((0, p)), coef_labels=design.labels, terms=spec_terms,
        method="REML" if opts.get("reml") else "ML", level=confidence_level(opts, getattr(session, "level", 95.0)),
        iterate=number_option(opts, "iterate", default_iterate(session), int), tolerance=number_option(opts, "tolerance", 1e-6),
        ltolerance=number_option(opts, "ltolerance", 1e-7), group_sums=sums)
    in_sample = f"SELECT coalesce({sample}, false) AS in_sample FROM {source} ORDER BY {quote(ROW)}"
    return spec, FixedDesign(X=design.X, labels=design.labels, notes=design.notes, recipes=design.recipes,
                             terms=design.terms), LazySample(in_sample, ds.relation)


def _reduce(session, ds, reduction, source, sel):
    """The group sums: in DuckDB, or on Dask (``set dask``)."""
    where, workers = session.settings.get("dask", ("off", None))
    if where == "off":
        from mlmcli.lazydata.nested_sums import reduce_in_duckdb

        return reduce_in_duckdb(reduction, source)
    from mlmcli.distributed.dask_sums import reduce_on_dask

    return reduce_on_dask(reduction, ds, sel, where, workers)
