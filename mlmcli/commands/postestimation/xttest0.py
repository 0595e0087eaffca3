"""``xttest0``: Breusch and Pagan LM test for random effects after ``xtreg, re``
(``mlmcli.panel.lm_test``); r(lm), r(df), r(p)."""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.estimation.active import require


def cmd_xttest0(session, cmd) -> None:
    from mlmcli.estimation.rows import PredictionRows
    from mlmcli.panel.groups import Panels
    from mlmcli.panel.lm_test import breusch_pagan
    from mlmcli.render.panel_tests import render_xttest0
    from mlmcli.results.panel import BreuschPaganResult

    e = require(session)
    if e.cmd != "xtreg":
        raise StataError("last estimates not found", 301)
    if e.macros.get("model") != "re":
        raise StataError("last estimates not xtreg, re", 301)
    if cmd.args.strip() or cmd.options or cmd.if_exp or cmd.in_range:
        raise StataError("invalid syntax", 198)
    rows = PredictionRows(session, e)
    groups = rows.groups()
    sample = groups.sample
    X = rows.fixed_design()[sample]
    y = rows.depvar()[sample]
    panels = Panels(np.unique(groups.codes[0][sample], return_inverse=True)[1])
    lm, p = breusch_pagan(y, X, panels, e.scalars["sigma_u"])
    result = BreuschPaganResult(depvar=e.macros["depvar"], ivar=e.macros["ivar"], var_y=float(np.var(y, ddof=1)),
                                var_e=e.scalars["sigma_e"] ** 2, var_u=e.scalars["sigma_u"] ** 2, lm=lm, p=p)
    session.print(render_xttest0(result))
    session.set_r({"lm": lm, "df": 1.0, "p": p})
