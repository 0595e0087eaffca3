"""``mi xeq numlist:`` with commands that change the data on some imputations: each completed
dataset m keeps what the commands did to it (the m's the numlist leaves out as they were), then
the datasets are made consistent with m = 0 as mi update makes flongsep data consistent
([MI] mi update; mi_cmd_xeq.ado runs on a temporary flongsep copy, u_mi_xeq_on_tmp_flongsep):

- variables: m = 0's, in its order -- a variable m = 0 has and an m > 0 lacks is added there
  with m = 0's values; one only an m > 0 has is dropped;
- observations: m = 0's (rows matched by their observation number, ``styles.completed``'s row
  identity) -- an observation m = 0 dropped is dropped from every m > 0 ("(# m>0 obs dropped
  because of dropped obs in m=0)", [MI] mi update's note); one dropped in an m > 0 but kept in
  m = 0 is refused (r(198), the data unchanged: what mi update does then was not seen);
- values: regular variables take m = 0's values in every m, imputed and passive variables
  m = 0's where m = 0's value is not missing; unregistered variables keep each m's values.

Uncertain (no Stata log read): the notes mi update prints for the variables it adds or drops
(none printed)."""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError


def consistent_parts(parts: list, registration: dict[str, list[str]], lineage, session) -> list:
    """``parts`` (m = 0 ... M, each with ``lineage`` as its rows' identity) aligned on m = 0."""
    base = parts[0]
    token, ids0 = base.row_identity()
    if token is not lineage or len(set(ids0.tolist())) != len(ids0):
        raise StataError("mi xeq: the commands left m=0 with observations mlm cannot match to the other "
                         "imputations", 459)
    names = base.varnames
    fixed = set(registration.get("rvars", ()))
    imputed = set(registration.get("ivars", ())) | set(registration.get("pvars", ()))
    out, dropped = [base], 0
    for m, part in enumerate(parts[1:], 1):
        token, ids = part.row_identity()
        if token is not lineage or len(set(ids.tolist())) != len(ids):
            raise StataError(f"mi xeq: the commands left m={m} with observations mlm cannot match to m=0", 459)
        at = {int(i): k for k, i in enumerate(ids)}
        present = set(ids0.tolist())
        if any(int(i) not in at for i in present):  # mi update's handling of these not seen: refused
            raise StataError(f"mi xeq: observations dropped in m={m} but not in m=0 are not supported by mlmcli; "
                             "drop them in m=0 too (mi xeq 0: ...)", 198)
        dropped += sum(1 for i in ids if int(i) not in present)
        lost = [name for name in names if name in imputed and name not in part.df.columns]
        if lost:  # its imputations would be lost: refused as the observations above
            raise StataError(f"mi xeq: variable {lost[0]} dropped in m={m} but not in m=0 is not supported by mlmcli",
                             198)
        rows = np.array([at.get(int(i), -1) for i in ids0], np.int64)
        aligned = base.copy()
        for name in names:
            if name not in part.df.columns or name in fixed:
                continue
            theirs = part.df[name].to_numpy()
            mine = base.df[name].to_numpy()
            if theirs.dtype.kind != mine.dtype.kind and not (theirs.dtype.kind in "fiu" and mine.dtype.kind in "fiu"):
                continue  # a variable made string in one m only: m = 0's
            values = np.where(rows >= 0, theirs[np.maximum(rows, 0)], mine)
            if name in imputed and mine.dtype.kind in "fiu":
                values = np.where(np.isnan(mine.astype(float)), values, mine)
            aligned.df[name] = values
            if name in part.types:
                aligned.types[name] = part.types[name]
        out.append(aligned)
    if dropped:
        session.print(f"({dropped} m>0 obs dropped because of dropped obs in m=0)")
    return out


def rows_in_m0_order(parts: list, lineage) -> list:
    """``parts`` with each m > 0's rows put in m = 0's observation order where both hold the
    same observations (``mi xeq: sort y`` sorts each m by its own values; the observations are
    matched by their identity, as mi update matches flongsep's _mi_id); others as they are."""
    token0, ids0 = parts[0].row_identity()
    if token0 is not lineage:
        return parts
    out = [parts[0]]
    for part in parts[1:]:
        token, ids = part.row_identity()
        if token is lineage and len(ids) == len(ids0) and not np.array_equal(ids, ids0) \
                and np.array_equal(np.sort(ids), np.sort(ids0)):
            where = {int(i): k for k, i in enumerate(ids)}
            part = part.copy()
            part.take_rows(np.array([where[int(i)] for i in ids0], np.int64))
        out.append(part)
    return out
