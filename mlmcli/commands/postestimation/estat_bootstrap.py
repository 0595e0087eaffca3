"""``estat bootstrap [, normal percentile bc bca all noheader nolegend verbose]`` after
bootstrap results ([R] bootstrap postestimation): the intervals e() holds (``vce(bootstrap)``
of any command, ``mlmcli.replication.ereturn``), by default the bias-corrected one (bc);
``all`` every interval there is (BCa only when the bootstrap ran with bca).  Without bootstrap
results in e(): "last estimates not found" r(301); ``bca`` when the bootstrap ran without its
bca option: r(198) (the message is mlm's, see docs/bootstrap_options.md)."""
from __future__ import annotations

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

OPTIONS = [OptionSpec("normal", 1), OptionSpec("percentile", 1), OptionSpec("bc", 2), OptionSpec("bca", 3),
           OptionSpec("all", 3), OptionSpec("noheader", 3), OptionSpec("nolegend", 3), OptionSpec("verbose", 1)]


def estat_bootstrap(session, cmd) -> None:
    from mlmcli.commands.postestimation.estat import no_arguments
    from mlmcli.render.estat_bootstrap import EstatBootstrapTable, render_estat_bootstrap
    from mlmcli.replication.ereturn import has_bootstrap_results, statistics_from_e

    e = session.e
    if not has_bootstrap_results(e):
        raise StataError("last estimates not found", 301)
    no_arguments(cmd)
    opts = resolve_options(cmd.options, OPTIONS)
    stats, colnames = statistics_from_e(e)
    if opts.get("bca") and stats.ci_bca is None:
        raise StataError("bca option requires that bootstrap was run with the bca option", 198)
    if opts.get("all"):
        kinds = ("normal", "percentile", "bc") + (("bca",) if stats.ci_bca is not None else ())
    else:
        kinds = tuple(k for k in ("normal", "percentile", "bc", "bca") if opts.get(k)) or ("bc",)
    scalars, macros = e.scalars, e.macros
    table = EstatBootstrapTable(
        stats=stats, colnames=colnames, intervals=kinds, title=macros.get("title") or e.title or "Bootstrap results",
        depvar=(macros.get("depvar") or "").split()[0] if macros.get("depvar") and len(macros["depvar"].split()) == 1
        else "", n_obs=scalars.get("N", float("nan")), n_strata=scalars.get("N_strata"),
        n_clusters=scalars.get("N_clust"), clustvar=macros.get("clustvar", ""),
        header=not opts.get("noheader"), legend=not opts.get("nolegend"))
    session.print(render_estat_bootstrap(table))
