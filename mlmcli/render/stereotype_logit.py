"""``slogit``'s output: ml's log, ml display's header (Number of obs, Wald chi2, Log likelihood
with Prob > chi2), the constraint `` ( 1)  [phi1_1]_cons = 1``, the table -- the coefficients,
then the /phi1_# and /theta# rows in blocks of their own (the constrained one ``(constrained)``,
the base outcome's ``0  (base outcome)``) -- and slogit_footnote's ``(depvar=label is the base
outcome)`` (the label in quotes when it has several words, abbreviated to 17)."""
from __future__ import annotations

from mlmcli.render.abbrev import abbrev
from mlmcli.render.numfmt import format_number
from mlmcli.results.choice_model import StereotypeResult


def render_slogit(r: StereotypeResult, *, linesize: int = 80, log: bool = False, options=None) -> str:
    from mlmcli.render.coef_table import TableOptions, render_coef_table
    from mlmcli.render.glm_table import header_pair, header_right, render_glm_iteration_log

    out: list[str] = []
    if log and r.iteration_log.phases:
        out.append(render_glm_iteration_log(r.iteration_log))
    out += ["", header_pair(r.title, header_right("Number of obs", format_number(r.nobs, "%10.0g"))),
            header_pair("", header_right(f"Wald chi2({r.df_m})", format_number(r.chi2, "%10.2f"))),
            header_pair(f"{'Log pseudolikelihood' if r.robust else 'Log likelihood'} = "
                        f"{format_number(r.loglik, '%10.0g')}",
                        header_right("Prob > chi2", format_number(r.p, "%10.4f"))),
            "", f" ( 1)  {r.constraint}"]
    opts = options or TableOptions()
    blocks = [(None, opts.rows(r.rows)), (None, list(r.phi_rows)), (None, list(r.theta_rows))]
    table = render_coef_table(None, r.depvar, equations=blocks, level=r.level, linesize=linesize, robust=r.robust,
                              cluster=r.cluster, **opts.table_kwargs())
    heads = tuple(name.rjust(12) + " |" for name in r.base_rows)
    out += [line.replace("  (constrained)", "  (base outcome)") if line.startswith(heads) else line
            for line in table.split("\n")]
    base = abbrev(r.base_label, 17)
    out.append(f"({r.depvar}={chr(34) + base + chr(34) if len(r.base_label.split()) > 1 else base} is the base "
               "outcome)")
    return "\n".join(out)
