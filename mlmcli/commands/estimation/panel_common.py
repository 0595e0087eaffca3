"""What the panel-data commands share: the panel variable (``i()`` or ``xtset``, read from
the characteristics Stata keeps it in), the time variable, the check that panels are nested
within clusters, and ``offset()``/``exposure()`` (xtgee, xtnbreg, xtpoisson fe)."""
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


def offset_option(ds, opts: dict) -> tuple[str, str] | None:
    """("offset" | "exposure", variable) of ``offset(v)`` / ``exposure(v)``, or None."""
    chosen = [(name, ds.resolve(str(opts[name]).strip())) for name in ("offset", "exposure") if opts.get(name)]
    if len(chosen) > 1:
        raise StataError("only one of offset() or exposure() can be specified", 198)
    return chosen[0] if chosen else None


def check_exposure(ds, offset: tuple[str, str] | None, sample: np.ndarray) -> None:
    """An exposure must be positive on the sample (Stata: r(459))."""
    if offset is not None and offset[0] == "exposure" and np.any(ds.numeric(offset[1])[sample] <= 0):
        raise StataError(f"{offset[1]} has nonpositive values", 459)


def offset_values(ds, offset: tuple[str, str] | None, sample: np.ndarray) -> np.ndarray | None:
    """The offset on the sample rows: the variable itself, or ln(exposure)."""
    if offset is None:
        return None
    values = ds.numeric(offset[1])[sample]
    return np.log(values) if offset[0] == "exposure" else values
