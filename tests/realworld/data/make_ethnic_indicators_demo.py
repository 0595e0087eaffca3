"""Look-alike of the ``demo`` sheet of a workbook of indicators of China's ethnic groups in
2000 (``import excel ..., firstrow``): the group's name (``民族``), its code (``编号``, the
census's nationality code), schooling (``edu00``) and infant mortality (``imr00``).
``group_sheet`` starts each sheet of the workbook: one row per group, named as in the others."""
import numpy as np

from lookalike import LookAlike


def group_sheet(seed: int, first: int, last: int):
    """(the sheet under construction, the groups' codes first..last) with the name column."""
    d = LookAlike(seed=seed)
    code = np.arange(first, last + 1)
    d.rows(len(code))
    d.put("民族", np.array([f"group{c:02d}" for c in code], dtype=object), "str8")
    return d, code


def make():
    d, code = group_sheet(3413, 2, 56)
    d.put("编号", code, "byte")
    d.put("edu00", np.round(d.normal(6.5, 1.6), 2), "double")
    d.put("imr00", np.round(np.abs(d.normal(35, 12)), 1), "double")
    return d.dataset()
