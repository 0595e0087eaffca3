"""pgmhaz8's Display (pgmhaz8.ado 2.1.1): ``ml display, plus`` -- the header without a model test
(ml's waldtest(0): the title beside Number of obs, the log likelihood below), the hazard and
ln_varg equations -- then ``_diparm ln_varg, exp label("Gamma var.") prob`` as one more row, the
closing rule, and ``LR test of Gamma var. = 0: chibar2(01) = %8.6g  Prob.>=chibar2 = %8.6g``."""
from __future__ import annotations

from dataclasses import replace

from mlmcli.render.coef_table import render_coef_table
from mlmcli.render.glm_table import header_pair, header_right
from mlmcli.render.ml_program import render_ml_log
from mlmcli.render.numfmt import format_number


def render_pgm_header(table) -> list[str]:
    return [header_pair(table.title, header_right("Number of obs", format_number(table.nobs, "%10.0fc"))),
            "Log likelihood = " + format_number(table.loglik, "%10.0g")]


def render_pgm_hazard(table, gamma_row, lltest: float, lltest_p: float, *, log=None, shown=frozenset(),
                      linesize: int = 80) -> str:
    """``table``: ml display's MLTable; ``gamma_row``: the CoefRow of the gamma variance;
    ``log``: the MLLog shown before (None: nolog or a replay)."""
    out = ["", render_ml_log(log, shown, linesize)] if log is not None else []
    blocks = list(table.blocks) + [(None, [replace(gamma_row, name="Gamma var.")])]
    out += [""] + render_pgm_header(table) + [""]
    out.append(render_coef_table(None, table.depvar, level=table.level, linesize=linesize, equations=blocks,
                                 coef_label=table.coef_label, eform=table.eform))
    out.append("LR test of Gamma var. = 0: chibar2(01) = " + format_number(lltest, "%8.6g")
               + "  Prob.>=chibar2 = " + format_number(lltest_p, "%8.6g"))
    return "\n".join(out)
