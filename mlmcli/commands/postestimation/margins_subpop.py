"""``margins ..., subpop([varname] [if exp] [in range])`` after non-svy estimation results.

What Stata 16's _marg_work.class does without svy (read at opensafely-core/cohort-extractor
``bin/ado/base/_/_marg_work.class``, 1b3e58ab): the margins sample (e(sample), if/in, weights)
is ``t_touse``; ``_svy_subpop touse t_sub, subpop()`` marks the subpopulation ``t_sub`` in it,
and every margin, at() statistic and r(_N) is computed over ``t_sub`` while ``Number of obs``
and r(N) stay the count of ``t_touse`` (the marginlist's factor levels come from ``t_touse``).
r(subpop) is the specification and r(N_sub) the subpopulation's count (sum of fweights).

_svy_subpop (``SubpopSetup``): a row is in the subpopulation when it is in range, the if
expression is neither 0 nor missing, and the variable is neither 0 nor missing.  Its messages:
a syntax error of the specification is ``invalid subpop() option`` with the error's own return
code (ParseSubpopOption runs under ``capture``), an empty subpopulation r(461), and the note
``subpop() takes on values other than 0 and 1``.  (Its ``same as full population`` note tests a
local SubNotes never receives, so Stata never prints it; neither does mlm.)
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from mlmcli.errors import StataError

EMPTY = ("no observations in subpop() subpopulation\n"
         "subpop() = 1 indicates observation in subpopulation\n"
         "subpop() = 0 indicates observation not in subpopulation")
NOT_ZERO_ONE = ("\nNote: subpop() takes on values other than 0 and 1\n"
                "      subpop() != 0 indicates subpopulation")


@dataclass(frozen=True)
class Subpop:
    text: str  # r(subpop): ``varname if exp in range`` as typed
    n_sub: float  # r(N_sub)


def _invalid(rc: int) -> StataError:
    return StataError("invalid subpop() option", rc)


def _parse(session, spec: str):
    """ParseSubpopOption: ``syntax [varname(default=none numeric)] [if] [in] [, SRSsubpop]``
    -> (variable or None, if text or None, in range or None, the text r(subpop) shows)."""
    from mlmcli.parser import parse_arguments

    body, comma, options = spec.partition(",")
    words = options.split()
    if comma and (len(words) != 1 or not "srssubpop".startswith(words[0]) or len(words[0]) < 3):
        raise _invalid(198)  # srssubpop only changes svy variances: nothing to do without svy
    try:
        cmd = parse_arguments(body)
    except StataError as err:
        raise _invalid(err.rc) from None
    if cmd.weight is not None or cmd.options:
        raise _invalid(198)
    names = cmd.args.split()
    if len(names) > 1:
        raise _invalid(103)
    var = None
    if names:
        try:
            var = session.data.resolve(names[0])
        except StataError as err:
            raise _invalid(err.rc) from None
        if session.data.is_string(var):
            raise _invalid(109)
    text = " ".join(p for p in (var, f"if {cmd.if_exp}" if cmd.if_exp else None, _in_text(body)) if p)
    return var, cmd.if_exp, cmd.in_range, text


def _in_text(body: str) -> str | None:
    m = re.search(r"(?:^|\s)(in\s+\S+)\s*$", body)
    return m.group(1) if m else None


def subpop_mask(session, spec: str, rows: np.ndarray) -> tuple[np.ndarray, str, bool]:
    """SubpopSetup over the margins sample ``rows``: (in the subpopulation, r(subpop), whether
    the variable takes values other than 0 and 1 there)."""
    from mlmcli.expr import evaluate
    from mlmcli.sample import in_range_mask

    var, if_exp, in_range, text = _parse(session, spec)
    n = session.data.nobs
    inside = in_range_mask(session, in_range) if in_range is not None else np.ones(n, bool)
    marked = np.ones(n, bool)  # markout's touse: the if expression and the variable not missing
    if if_exp:
        values = np.asarray(evaluate(session, if_exp))
        if values.dtype.kind not in "fiub":
            raise StataError("type mismatch", 109)
        values = values.astype(float)
        marked &= ~np.isnan(values)
        inside &= values != 0
    other_values = False
    if var is not None:
        x = session.data.numeric(var)
        marked &= ~np.isnan(x)
        inside &= x != 0
        seen = x[rows][marked[rows]]
        other_values = bool(np.any((seen != 0) & (seen != 1)))
    inside &= marked
    return inside[rows], text, other_values


def restrict_to_subpop(session, s, spec: str) -> Subpop:
    """Keep only the subpopulation's rows in the margins setup ``s`` (``MarginsSetup``);
    ``s.n_obs`` stays the margins sample's count (Number of obs, r(N))."""
    from mlmcli.margins.covariates import SampleValues

    keep, text, other_values = subpop_mask(session, spec, s.rows)
    if not keep.any():
        raise StataError(EMPTY, 461)
    if other_values:
        session.print(NOT_ZERO_ONE)
    w = s.sample.weights[keep]
    n_sub = float(w.sum()) if s.wtype == "fweight" else float(keep.sum())
    s.rows = s.rows[keep]
    s.sample = SampleValues({v: col[keep] for v, col in s.sample.values.items()}, w)
    return Subpop(text, n_sub)
