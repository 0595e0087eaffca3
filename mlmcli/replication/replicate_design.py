"""A replicate's regress design: the full sample's columns on a replicate's rows, with the columns
mlm's _rmcoll drops there omitted -- what each printed replicate of ``noisily`` shows (regress's
vce(jackknife|bootstrap, noisily) and the twoway fits' ``graphs.fit_bootstrap_noisily``)."""
from __future__ import annotations

import dataclasses

import numpy as np


def replicate_design(X: np.ndarray, labels: tuple, constant: bool) -> tuple[np.ndarray, tuple, list[str]]:
    """A replicate's regress on rows ``X`` of the full sample's columns (``labels``: e(b)'s):
    the columns mlm's _rmcoll keeps there, the labels with the others omitted (``2o.g``,
    ``o.d``) and regress's ``note: d omitted because of collinearity`` for each."""
    from mlmcli.collinear_columns import independent_candidates
    from mlmcli.syntax.coefnames import omitted_name

    free = X[:, :-1] if constant else X
    keep = independent_candidates(free, constant)
    if keep.all():
        return X, labels, []
    columns = iter(keep)
    out, notes = [], []
    for lab in labels:
        if lab.base or lab.omitted or lab.name == "_cons":
            out.append(lab)
        elif next(columns):
            out.append(lab)
        else:
            out.append(dataclasses.replace(lab, name=omitted_name(lab.name), omitted=True))
            notes.append(f"note: {lab.name} omitted because of collinearity")
    X = np.column_stack([free[:, keep], X[:, -1]]) if constant else free[:, keep]
    return X, tuple(out), notes
