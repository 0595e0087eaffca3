"""``tin(d1,d2)`` and ``twithin(d1,d2)`` ([FN] Time-series functions): true when the time
variable ``tsset`` recorded lies in [d1, d2] (``tin``) or (d1, d2) (``twithin``), d1 and d2
typed in that variable's ``%t`` format (``tin(01jan2001,31mar2001)``, ``tin(2001m1,)``); a
blank end is open.  The dates are no expression, so the compiler first writes the call as
``_trange("tin", "01jan2001", "31mar2001")`` (``rewrite_time_ranges``)."""
from __future__ import annotations

import re

import numpy as np

from mlmcli.errors import StataError
from mlmcli.render.old_date_format import date_unit

_CALL = re.compile(r'"[^"]*"|(?<![\w.])(tin|twithin)\(\s*([^()",]*?)\s*,\s*([^()",]*?)\s*\)')


def rewrite_time_ranges(text: str) -> str:
    """``tin(a,b)`` / ``twithin(a,b)`` outside quotes as ``_trange("tin", "a", "b")``."""
    if "tin(" not in text and "twithin(" not in text:
        return text
    return _CALL.sub(lambda m: m.group(0) if m.group(1) is None
                     else f'_trange("{m.group(1)}", "{m.group(2)}", "{m.group(3)}")', text)


def _bound(text: str, kind: str | None, default: float) -> float:
    from mlmcli.expr.dates import literal_value

    text = text.strip()
    if not text:
        return default
    value = literal_value(kind, text) if kind else None
    if value is None:
        try:
            value = float(text)
        except ValueError:
            raise StataError(f"{text} invalid date", 198) from None
    return float(value)


def time_range(ctx, which, low, high):
    from mlmcli.panel.time_settings import time_setting

    ds = ctx.session.data
    tvar = time_setting(ds) if ds is not None else None
    if tvar is None:
        raise StataError("time variable not set, use tsset varname ...", 111)
    unit = date_unit(ds.format_of(tvar))
    kind = "t" + unit if unit else None
    lo, hi = _bound(str(low), kind, -np.inf), _bound(str(high), kind, np.inf)
    t = ds.numeric(tvar)
    with np.errstate(invalid="ignore"):
        inside = (t >= lo) & (t <= hi) if which == "tin" else (t > lo) & (t < hi)
    inside = inside.astype(float)
    if ctx.scalar:
        return float(inside[0]) if len(inside) else 0.0
    return inside
