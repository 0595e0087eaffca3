"""Checks of the outcome before a GLM (or the fixed part of a GLMM) is fitted.

``check_outcome``: an outcome that does not vary (r(2000), with Stata's
"remember: 0 = negative outcome ..." wording for binary models), counts below
zero (r(459)), non-integer counts (a note, as Stata's ``poisson`` gives).

``perfect_prediction`` (binary outcomes, unless ``asis``): the rules of Stata's
``_binperfect`` as its ``_binperfout`` prints them, applied to each regressor in
turn on the remaining sample:

- no value of x carries both outcomes and x separates them at a threshold:
  ``outcome = x > c predicts data perfectly`` (or ``<= c``): r(2000);
- exactly one value c carries both outcomes and every other value the same
  outcome: ``x != c predicts failure|success perfectly``, x dropped with the
  observations x != c;
- exactly one value c carries both outcomes, larger values one outcome and
  smaller values the other: ``outcome x > c predicts data perfectly except for
  x == c subsample``, x dropped, only x == c kept.
"""
from __future__ import annotations

import numpy as np

from ..errors import StataError
from ..render.numfmt import drop_leading_zero
from ..syntax.coefnames import omitted_name

NOT_VARY = ("outcome does not vary; remember:\n"
            "                                  0 = negative outcome,\n"
            "        all other nonmissing values = positive outcome")


def stata_g(v: float) -> str:
    """A number as Stata's %9.0g shows it in a note (``.5``, ``-.1``, ``3075``)."""
    s = f"{v:.9g}"
    return s if "e" in s else drop_leading_zero(s)


def check_outcome(spec) -> list[str]:
    """Raise Stata's error for an unusable outcome; return notes to print."""
    from .family import LINKS
    y = np.asarray(spec.y, float)
    fam = spec.family
    if fam not in LINKS:
        raise StataError(f"family {fam} not allowed", 198)
    if spec.link not in LINKS[fam]:
        raise StataError(f"link {spec.link} not allowed with family {fam}", 198)
    notes = []
    if fam == "bernoulli":
        pos = y != 0
        if pos.all() or (~pos).all():
            raise StataError(NOT_VARY, 2000)
    elif fam == "binomial":
        n = np.ones_like(y) if spec.trials is None else np.asarray(spec.trials, float)
        if np.any(y < 0) or np.any(n < 0):
            raise StataError(f"{spec.depvar} must be greater than or equal to zero", 459)
        if np.any(y > n):
            raise StataError(f"{spec.depvar} must be less than or equal to the number of binomial trials", 459)
        if np.any(y != np.floor(y)) or np.any(n != np.floor(n)):
            raise StataError(f"{spec.depvar} and the binomial trials must be integers", 459)
        if np.all(y == 0) or np.all(y == n):
            raise StataError("outcome does not vary", 2000)
    elif fam in ("poisson", "nbinomial"):
        if np.any(y < 0):
            raise StataError(f"{spec.depvar} must be greater than or equal to zero", 459)
        if np.all(y == 0):
            raise StataError("outcome does not vary", 2000)
        if np.any(y != np.floor(y)):
            notes.append("note: you are responsible for interpretation of noncount dep. variable")
    elif fam == "ordinal":
        if len(np.unique(y)) < 2:
            raise StataError("outcome does not vary", 2000)
    elif fam == "gamma":  # the density needs y > 0 (message and code not verified against Stata)
        if np.any(y <= 0):
            raise StataError(f"{spec.depvar} must be greater than zero", 459)
        if np.all(y == y[0]):
            raise StataError("outcome does not vary", 2000)
    elif fam == "gaussian":
        if np.all(y == y[0]):
            raise StataError("outcome does not vary", 2000)
    return notes


def _rule(x: np.ndarray, success: np.ndarray, name: str):
    """(keep mask over the given rows, note) or None when x does not (quasi-)separate."""
    vs, vf = x[success], x[~success]
    if len(vs) == 0 or len(vf) == 0:
        return None
    both = np.intersect1d(np.unique(vs), np.unique(vf))
    if len(both) == 0:
        if vs.min() > vf.max():
            raise StataError(f"outcome = {name} > {stata_g(vf.max())} predicts data perfectly", 2000)
        if vs.max() < vf.min():
            raise StataError(f"outcome = {name} <= {stata_g(vs.max())} predicts data perfectly", 2000)
        return None
    if len(both) != 1:
        return None
    c = both[0]
    other = x != c
    if not other.any():
        return None
    out_other = success[other]
    if out_other.all() or (~out_other).all():
        kind = "success" if out_other.all() else "failure"
        note = (f"note: {name} != {stata_g(c)} predicts {kind} perfectly\n"
                f"      {name} dropped and {int(other.sum())} obs not used")
        return ~other, note
    above, below = x > c, x < c
    if success[above].all() and (~success[below]).all():
        sign = ">"
    elif (~success[above]).all() and success[below].all():
        sign = "<"
    else:
        return None
    note = (f"note: outcome {name} {sign} {stata_g(c)} predicts data perfectly except for\n"
            f"      {name} == {stata_g(c)} subsample:\n"
            f"      {name} dropped and {int(other.sum())} obs not used")
    return ~other, note


def perfect_prediction(spec, X: np.ndarray, labels: tuple):
    """(used rows mask, kept estimable columns mask, labels with dropped ones omitted, notes)."""
    import dataclasses
    n = len(spec.y)
    used = np.ones(n, bool)
    est = [j for j, lab in enumerate(labels) if not (lab.base or lab.omitted)]
    keep = np.ones(X.shape[1], bool)
    new_labels = list(labels)
    notes = []
    success = np.asarray(spec.y, float) != 0
    for col, j in enumerate(est):
        lab = labels[j]
        if lab.name == "_cons":
            continue
        rows = np.flatnonzero(used)
        x = X[rows, col]
        if np.all(x == x[0]):
            continue
        r = _rule(x, success[rows], lab.name)
        if r is None:
            continue
        sub_keep, note = r
        used[rows[~sub_keep]] = False
        keep[col] = False
        new_labels[j] = dataclasses.replace(lab, name=omitted_name(lab.name), omitted=True)
        notes.append(note)
        s = success[used]
        if s.all() or (~s).all():
            raise StataError(NOT_VARY, 2000)
    if not used.all():
        notes += _collinear_on_remaining(X, used, est, keep, new_labels)
    return used, keep, tuple(new_labels), tuple(notes)


def _collinear_on_remaining(X: np.ndarray, used: np.ndarray, est: list, keep: np.ndarray, labels: list) -> list[str]:
    """logit's _rmcoll on the observations left: a regressor the dropped rows made collinear
    (constant there, say) is omitted with ``note: x omitted because of collinearity``, after the
    perfect-prediction notes (``keep`` and ``labels`` updated in place).  The constant (``_cons``,
    or a column equal on every row: fracpoly's designs name it otherwise) is kept."""
    import dataclasses
    from ..collinear_columns import independent_candidates

    constants = {col for col, j in enumerate(est)
                 if labels[j].name == "_cons" or (X[0, col] != 0 and np.all(X[:, col] == X[0, col]))}
    cols = [col for col in range(len(est)) if keep[col] and col not in constants]
    if not cols:
        return []
    independent = independent_candidates(X[np.ix_(used, cols)], bool(constants))
    notes = []
    for col, ok in zip(cols, independent):
        if not ok:
            keep[col] = False
            lab = labels[est[col]]
            labels[est[col]] = dataclasses.replace(lab, name=omitted_name(lab.name), omitted=True)
            notes.append(f"note: {lab.name} omitted because of collinearity")
    return notes
