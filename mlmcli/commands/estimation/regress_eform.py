"""regress's ``eform(string)`` ([R] regress, reporting options: the coefficient table displayed
exponentiated, ``string`` heading the coefficient column) and the jackknife prefix's eform options,
which share the table.

- The table: each coefficient exp(b), its standard error exp(b) se (the delta method), t and P as
  they were, the interval's ends exponentiated, and no ``_cons`` row (Stata 13's eform tables omit
  the constant); e(b) and e(V) stay the linear coefficients.
- Under ``vce(bootstrap)`` the bootstrap table is exponentiated the same way (its normal-based
  interval's ends exponentiated).
- Under ``vce(jackknife)`` regress's eform() is the prefix's (_prefix_command reads the command's
  eform option into s(efopt)); typed in both with different headings it is _prefix_command's
  "option X of jackknife conflicts with option eform() of regress" r(198).
- The heading must fit the coefficient column (11 characters); a longer one is refused, as mlm
  does not know how Stata's table shortens it.
"""
from __future__ import annotations

import dataclasses

import numpy as np

from mlmcli.errors import StataError


def eform_heading(typed) -> str:
    """``eform(string)``'s heading: the string without its quotes."""
    heading = str(typed).strip()
    if len(heading) >= 2 and heading[0] == heading[-1] == '"':
        heading = heading[1:-1]
    if len(heading) > 11:
        raise StataError(f"eform({heading}) not supported by mlmcli: a heading longer than 11 characters "
                         "does not fit the coefficient column", 198)
    return heading


def merge_prefix_eform(leverage: dict, heading: str) -> None:
    """regress's eform() under vce(jackknife): the prefix's table heading, unless the prefix's
    own eform option asks for another (module docstring)."""
    from mlmcli.syntax.replicate_vce import eform_option_name

    typed = leverage.get("eform")
    if typed and typed != heading:
        raise StataError(f"option {eform_option_name(typed)} of jackknife conflicts with option eform() of "
                         "regress", 198)
    leverage["eform"] = heading


def exponentiated(result, label: str):
    """The exponentiated table (module docstring); base and omitted rows print no numbers."""
    return dataclasses.replace(result, coefs=exponentiated_rows(result.coefs), eform_label=label)


def exponentiated_rows(coefs) -> tuple:
    """The coefficient rows exponentiated, without ``_cons`` (module docstring)."""
    rows = []
    for r in coefs:
        if r.name == "_cons":
            continue
        if not (r.base or r.omitted):
            e = float(np.exp(r.coef))
            r = dataclasses.replace(r, coef=e, se=e * r.se, ci_lo=float(np.exp(r.ci_lo)), ci_hi=float(np.exp(r.ci_hi)))
        rows.append(r)
    return tuple(rows)
