"""The ``_prefix_display`` table of ``bootstrap [_b]: cmd`` / ``jackknife [_b]: cmd`` when mlm has no
replay of cmd with replicate standard errors: _coef_table_header's title (the command's e(title),
else bootstrap.ado's "Bootstrap results" / "Jackknife results"), Number of obs, Replications and
the model test (bootstrap: Wald chi2 / Prob > chi2; jackknife: F(df_m, df_r) / Prob > F), the
``command:`` legend line, then the coefficient table by equation: ``Observed Coef.``,
``Bootstrap Std. Err.``, z and ``Normal-based`` intervals, or ``Jackknife`` with t on e(df_r)."""
from __future__ import annotations

from mlmcli.render.coef_table import render_coef_table
from mlmcli.render.numfmt import format_number


def _right(left: str, label: str, value: str) -> str:
    return left.ljust(48) + label.ljust(19) + "=" + value.rjust(10)


def render_replicate_table(e, blocks, command: str, kind: str, *, title: str, model_test=(), noheader: bool = False,
                           nolegend: bool = False, notable: bool = False, linesize: int = 80,
                           formats: dict | None = None) -> str:
    """``blocks``: (equation, [CoefRow]) as postest.coefficient_rows.rows_by_equation gives them;
    ``model_test``: the header's (label, value text) pairs of the model test; ``formats``: the
    table's cformat/sformat/pformat (None: Stata's defaults)."""
    out = [""]
    if not noheader:
        block = [("Number of strata", format_number(e.scalars["N_strata"], "%10.0g"))] if "N_strata" in e.scalars else []
        block += [("Number of obs", format_number(e.scalars["N"], "%10.0g")),
                  ("Replications", format_number(e.scalars["N_reps"], "%10.0g"))]
        block += list(model_test)
        out += [_right(title if i == 0 else "", label, value) for i, (label, value) in enumerate(block)] + [""]
        if not nolegend:
            out += ["command:".rjust(14) + "  " + command, ""]
    if notable:
        return "\n".join(out[:-1] if len(out) > 1 else out)
    if "N_clust" in e.scalars:
        out.append(f"(Replications based on {format_number(e.scalars['N_clust'], '%10.0g').strip()} clusters in "
                   f"{e.macros.get('clustvar', '')})".rjust(78))
    depvar = e.macros.get("depvar", "")
    single = len(blocks) == 1
    out.append(render_coef_table(blocks[0][1] if single else None, depvar if single else "",
                                 equations=None if single else blocks,
                                 stat_label="t" if kind == "jackknife" else "z",
                                 level=e.scalars.get("level", 95.0), linesize=linesize,
                                 vce_label=e.macros.get("vcetype"), **(formats or {})))
    return "\n".join(out)
