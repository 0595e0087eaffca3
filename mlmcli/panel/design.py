"""The fixed part of a panel model: candidate columns of the factor-variable terms on
the estimation rows, with the columns each estimator cannot estimate omitted.

Ordinary collinearity (Stata's ``_rmcoll``) is checked on the columns themselves; the
within estimator checks it on the within-transformed columns z_it - zbar_i (a column
constant within every panel is omitted: ``note: grade omitted because of
collinearity``), the between estimator on the panel means.  A transformed column whose
sum of squares is below 1e-12 of the column's own centred sum of squares counts as zero
(the transform of a constant is zero up to rounding).
"""
from __future__ import annotations

import numpy as np

from mlmcli.collinear_columns import independent_columns
from mlmcli.factor_variables import (SampleFactors, candidate_recipes, design_layout, evaluate_recipes,
                                     finish_design)

_ZERO_TOL = 1e-12


def candidate_columns(dataset, terms, sample: np.ndarray):
    """(layout, candidate matrix C on the sample rows) of ``terms``."""
    layout = design_layout(dataset, terms, SampleFactors(dataset, sample))
    recipes = candidate_recipes(layout)
    n = int(np.count_nonzero(sample))
    C = evaluate_recipes(dataset, recipes, sample) if recipes else np.empty((n, 0))
    return layout, np.asarray(C, float).reshape(n, -1)


def estimable(transformed: np.ndarray, original: np.ndarray, constant: bool) -> np.ndarray:
    """Columns of ``transformed`` that are not (numerically) zero and not collinear with
    earlier ones (and with the constant, when ``constant``)."""
    T = np.array(transformed, float)
    if T.shape[1] == 0:
        return np.zeros(0, bool)
    ref = original - original.mean(axis=0) if original.shape[0] else original
    scale = np.einsum("ij,ij->j", ref, ref)
    if constant:
        T = T - T.mean(axis=0)
    own = np.einsum("ij,ij->j", T, T)
    T[:, own <= _ZERO_TOL * np.maximum(scale, 1e-300)] = 0.0
    return independent_columns(T.T @ T)


def design_with(dataset, terms, layout, C: np.ndarray, keep: np.ndarray, constant: bool):
    """The ``FixedDesign`` (original columns, ``_cons`` last) keeping ``keep``."""
    X = C[:, keep]
    if constant:
        X = np.column_stack([X, np.ones(C.shape[0])])
    return finish_design(layout, keep, constant, terms, np.ascontiguousarray(X))


def pooled_design(dataset, terms, sample: np.ndarray, constant: bool):
    """The ``FixedDesign`` of a pooled estimator (xtgee, xtnbreg): collinearity checked on
    the columns themselves."""
    layout, C = candidate_columns(dataset, terms, sample)
    return design_with(dataset, terms, layout, C, estimable(C, C, constant=constant), constant)


def slopes_wald(column_names, b: np.ndarray, V: np.ndarray) -> tuple[float, int, float]:
    """The model Wald test that every coefficient but ``_cons`` is zero:
    chi2 = b_s' V_ss^-1 b_s on df = #slopes, p = P(chi2_df > chi2) (NaN without slopes)."""
    from mlmcli import distributions as stats

    slopes = [j for j, name in enumerate(column_names) if name != "_cons"]
    if not slopes:
        return float("nan"), 0, float("nan")
    from mlmcli.postest.prefix_model_test import replicate_wald

    # a singular V (a replicate V from fewer replications than slopes): chi2 and p missing on
    # df = its rank, as _prefix_model_test posts them (b' V^-1 b would be rounding noise)
    chi2, df = replicate_wald(b[slopes], V[np.ix_(slopes, slopes)])
    return chi2, df, float(stats.chi2.sf(chi2, df)) if df else float("nan")


def omit_estimable_columns(design, omitted: np.ndarray):
    """``design`` with the estimable columns flagged in ``omitted`` (X's order, ``_cons``
    last) marked omitted, as regress omits a column of zeros: the coefficient shows
    ``(omitted)`` and e(b)/e(V) hold zeros for it."""
    import dataclasses

    estimable_at = [i for i, lab in enumerate(design.labels) if not (lab.base or lab.omitted)]
    labels = list(design.labels)
    for j, i in enumerate(estimable_at):
        if omitted[j]:
            name = labels[i].name
            labels[i] = dataclasses.replace(labels[i], name=name if name == "_cons" else f"o.{name}", omitted=True)
    kept = ~np.asarray(omitted, bool)
    recipes = tuple(r for r, k in zip(design.recipes, kept) if k)
    return dataclasses.replace(design, X=design.X[:, kept], labels=tuple(labels), recipes=recipes)
