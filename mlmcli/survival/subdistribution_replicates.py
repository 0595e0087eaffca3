"""One replicate of Fine and Gray's model (stcrreg's vce(bootstrap|jackknife) and fpfit's
estcmd(stcrreg) estopts(vce(...))): the same fit on the records kept or drawn, the censoring
Kaplan-Meier re-estimated on them (``subdistribution_hazard``), with stset's id() a drawn subject
a subject of its own (``subdistribution_grid``), Newton-Raphson from the full-sample estimates;
tvc()'s columns ``Z`` times g(_t) and ml's constraints (R, r) kept in every replicate."""
from __future__ import annotations

from functools import partial

import numpy as np

from mlmcli.errors import StataError
from mlmcli.sorted_codes import matrix_row_codes, unique_rows


def replicate_refit(data, t0, ids, b, control, Z=None, g=None, constraints=None, renumbered=None,
                    shared_ids=False):
    """``refit(rows, new_codes[, row_frequencies])``: the Fine and Gray estimates on those
    records (``new_codes`` each kept or drawn unit's own number: with id() a subject is its
    (unit, id) pair, so a subject drawn twice is two subjects); ``Z``, ``g``: tvc()'s variables
    and texp()'s values on the records; ``constraints`` (R, r) as the full-sample fit's;
    ``renumbered``: bootstrap's idcluster()/group() over what stcrreg reads (its ``apply``
    rebuilds the replicate: survival/stcrreg_renumbering.py); ``shared_ids``: the drawn copies keep
    their subject's id (the bootstrap prefix typed without the id renumbered), so a replicate
    drawing a subject twice fails as stcrreg.ado fails it (``shared_subjects``)."""
    from dataclasses import replace

    from mlmcli.survival.subdistribution_grid import GridSubdistribution, subject_records
    from mlmcli.survival.subdistribution_hazard import fit_subdistribution

    def refit(rows, new_codes, row_frequencies=None, details=False, renumber=True):
        w = (data.w[rows] if data.w is not None else None) if row_frequencies is None else row_frequencies
        sub = replace(data, t=data.t[rows], status=data.status[rows], X=data.X[rows], offset=data.offset[rows], w=w)
        Z_rows, t0_rows = None if Z is None else Z[rows], t0[rows]
        if shared_ids and (renumbered is None or getattr(renumbered, "rerun", None) is None):
            shared_subjects(ids[rows], new_codes, sub.status)  # the rerun path follows the shared ids itself
        if renumbered is not None and renumber:  # stset's rerun may move _t0 (enter())
            sub, Z_rows, t0_rows = renumbered.apply(rows, new_codes, sub, Z_rows, t0_rows)
        subjects = None
        if ids is not None:
            pairs = np.column_stack([np.asarray(new_codes, float), ids[rows]])
            subjects = matrix_row_codes(pairs)
        try:
            records = subject_records(subjects, t0_rows, sub.t)
            likelihood = None
            if records is not None or Z is not None:
                last, first = records if records is not None else (None, None)
                likelihood = GridSubdistribution(sub, Z_rows, None if g is None else g[rows],
                                                 t0=t0_rows if records is not None else None, last=last, first=first)
            _, res, V = fit_subdistribution(sub, b, likelihood=likelihood, constraints=constraints, **control)
        except StataError as err:
            raise ValueError(err.message) from None
        if not res.converged:
            raise ValueError("replicate did not converge")
        return (res.x, V, float(res.f)) if details else res.x  # details: fpfit's prefix (e(V), e(ll))

    if renumbered is not None:  # bca's JKAccel jackknife takes no idcluster(): the data as they are
        refit.unrenumbered = partial(refit, renumber=False)
    return refit


def shared_subjects(ids, codes, status) -> None:
    """stcrreg.ado on a replicate whose copies of a subject share its stset id(): ``sort id touse
    _t`` ties the copies' records, so one copy's last record is not lastrec and "data with multiple
    failures per subject" r(459) stops a failed subject; else ParseCompete's stset rerun leaves
    the copies out ("multiple records at same instant") and ``_d & lastrec`` reads the missing _d:
    "competing risks events must be stset as censored" r(459).  A ValueError with Stata's message
    (the replicate missing) when some subject is in more than one copy."""
    from mlmcli.survival.stcrreg_renumbering import BOTH, MULTIPLE

    pairs = unique_rows(np.column_stack([np.asarray(ids, float), np.asarray(codes, float)]))
    subjects, copies = np.unique(pairs[:, 0], return_counts=True)
    twice = np.isin(ids, subjects[copies > 1])
    if twice.any():
        raise ValueError(MULTIPLE if np.any(twice & (np.asarray(status) == 1)) else BOTH)


def constrained_variance(V, R):
    """V on the constraints' null space (the replicates satisfy R b = r; what the sums leave of
    roundoff is projected out), a coefficient they fix exactly 0: ml's b = T a + a0 holds it at
    its value in every replicate, so Stata's V row is 0 (``(constrained)`` in the table)."""
    from mlmcli.glm.inference import ConstraintMap

    N = ConstraintMap(V.shape[0], R, np.zeros(len(R))).N
    P = N @ N.T
    V = P @ V @ P
    fixed = np.linalg.norm(P, axis=0) < 1e-10
    V[fixed, :] = 0.0
    V[:, fixed] = 0.0
    return (V + V.T) / 2
