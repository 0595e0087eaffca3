"""Look-alike of Stata's ``union.dta`` (NLS young women 14-26 in 1968, union membership
1970-88): idcode, year, age, grade, not_smsa, south, union, black.  The file carries its
panel setting (``_dta[_TSpanel]``/``_TStvar``): the xtlogit help's examples fit it right after
``webuse union`` with no ``xtset``."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=1968)
    ids, year = d.panel("idcode", 800, [70, 71, 72, 73, 75, 77, 78, 80, 82, 83, 85, 87, 88], "year", dropout=0.4)
    age = d.group_constant(ids, d.uniform_int(14, 26)) + (year - 70)
    d.put("age", age, "byte")
    d.put("grade", d.group_constant(ids, d.uniform_int(8, 18)), "byte")
    d.put("not_smsa", d.binary(0.3), "byte")
    south = d.group_constant(ids, d.binary(0.4))
    d.put("south", south, "byte")
    d.put("black", d.group_constant(ids, d.binary(0.27)), "byte")
    d.put("union", d.bernoulli_logit(-1.5 - 0.8 * south + 0.01 * (year - 80) + d.effect(ids, 2.0)), "byte")
    ds = d.dataset("NLS Women 14-24 in 1968 (look-alike)")
    ds.chars.update({"_TSpanel": "idcode", "_TStvar": "year"})
    return ds
