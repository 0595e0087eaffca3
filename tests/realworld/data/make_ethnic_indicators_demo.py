"""Look-alike of the ``demo`` sheet of a workbook of indicators of China's ethnic groups in
2000 (``import excel ..., firstrow``): the group's name (``民族``), its code (``编号``, the
census's nationality code), schooling (``edu00``) and infant mortality (``imr00``)."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=3413)
    d.rows(55)
    code = np.arange(2, 57)
    d.put("民族", np.array([f"group{c:02d}" for c in code], dtype=object), "str8")
    d.put("编号", code, "byte")
    d.put("edu00", np.round(d.normal(6.5, 1.6), 2), "double")
    d.put("imr00", np.round(np.abs(d.normal(35, 12)), 1), "double")
    return d.dataset()
