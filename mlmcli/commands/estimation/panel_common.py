"""What the panel-data commands share: the panel variable (``i()`` or ``xtset``, read from
the characteristics Stata keeps it in), the time variable, and the check that panels are nested within clusters."""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError


def panel_variable(session, i_option: str | None = None) -> str:
    """The panel variable: ``i(varname)`` when given, else the one ``xtset`` recorded
    (Stata: ``panel variable not set; use xtset varname ...`` r(459))."""
    ds = session.data
    if i_option is not None:
        words = str(i_option).split()
        if len(words) != 1:
            raise StataError("i() invalid", 198)
        return ds.resolve(words[0])
    from mlmcli.commands.data.panel_settings import panel_setting

    name = panel_setting(ds)
    if not name:
        raise StataError("panel variable not set; use xtset varname ...", 459)
    return name


def time_variable(session) -> str | None:
    from mlmcli.commands.data.panel_settings import time_setting

    return time_setting(session.data)


def check_nested(panel_codes: np.ndarray, cluster_codes: np.ndarray) -> None:
    """Panels must lie within clusters (Stata's ``_xtreg_chk_cl2``)."""
    from mlmcli.panel.groups import nested_in

    if not nested_in(panel_codes, cluster_codes):
        raise StataError("panels are not nested within clusters", 498)
