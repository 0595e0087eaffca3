"""``testnl``'s output after its ``(1)  exp = exp`` listing (testnl.ado): the joint statistic
right-aligned in 22 columns, `` =  `` and %10.2f, then ``Prob > chi2`` (or ``Prob > F``) and
%12.4f; with mtest the _mtest table (``mlmcli.render.hypotheses``)."""
from __future__ import annotations

from mlmcli.render.numfmt import format_number
from mlmcli.results.postestimation import WaldTestResult


def render_testnl(result: WaldTestResult) -> str:
    from mlmcli.render.hypotheses import mtest_table

    if result.mtest is not None:
        return "\n" + mtest_table(result)
    if result.F is None:
        head, stat, kind = f"chi2({result.df})", result.chi2, "chi2"
    else:
        head, stat, kind = f"F({result.df}, {format_number(result.df_r, '%9.0g').strip()})", result.F, "F"
    return "\n".join(["", head.rjust(22) + " =  " + format_number(stat, "%10.2f"),
                      f"Prob > {kind}".rjust(22) + " =  " + format_number(result.p, "%12.4f")])
