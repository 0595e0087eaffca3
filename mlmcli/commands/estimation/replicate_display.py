"""What ``bootstrap [_b]: cmd`` / ``jackknife [_b]: cmd`` print after the replicates
(replicate_coefficients): bootstrap.ado replays the command (``cmd, diopts``) when it can, so
the command's own header and table show the replicate SEs; mlm does that for ``mixed``
(_xtmixed_display: ``Observed``/``Bootstrap``/``Normal-based`` over the fixed-effects table,
the same over the random-effects table with the variance components' SEs by the delta method
from the replicate V of the log standard deviations (e(b)'s scale), the LR test vs. linear
model kept from the full fit); every other command gets the ``_prefix_display`` table
(render.replicate_table)."""
from __future__ import annotations

# _prefix_title's titles for commands whose e(title) is empty
_TITLES = {"cnreg": "Censored normal regression", "logit": "Logistic regression",
           "mlogit": "Multinomial logistic regression", "ologit": "Ordered logistic regression",
           "oprobit": "Ordered probit regression", "probit": "Probit regression", "regress": "Linear regression",
           "tobit": "Tobit regression"}


# commands whose own table mlm replays with the replicate SEs (replicate_results)
REPLAYED = ("mixed", "xtmixed", "meqrlogit", "meqrpoisson", "tobit", "intreg")


def show_replicates(session, e, command: str, kind: str, settings: dict) -> None:
    """The command's own table (bootstrap.ado's replay; notable/noheader/nolegend not handed
    to it, as Display does), else the _prefix_display table."""
    if _replayed(session, e, kind, settings, dry=True):
        _with_replications_line(session, e, lambda: _replayed(session, e, kind, settings))
        return
    from mlmcli.commands.estimation.common import display_formats
    from mlmcli.postest.coefficient_rows import rows_by_equation
    from mlmcli.render.replicate_table import render_replicate_table

    b, V = e.matrices["b"], e.matrices["V"]
    blocks = rows_by_equation(b.colnames, b.values[0], V.values, df_r=e.scalars.get("df_r"),
                              level=e.scalars.get("level", 95.0))
    title = (settings.get("title") or e.macros.get("title") or getattr(e, "title", "")
             or _TITLES.get(e.macros.get("cmdname", ""), f"{kind.capitalize()} results"))
    session.print(render_replicate_table(e, blocks, command, kind, title=title, model_test=_model_test(e, kind),
                                         noheader=bool(settings.get("noheader")),
                                         nolegend=bool(settings.get("nolegend")),
                                         notable=bool(settings.get("notable")), linesize=session.linesize,
                                         formats=display_formats({})))  # set cformat ...


def _replayed(session, e, kind: str, settings: dict, dry: bool = False) -> bool:
    """The command's own display with the replicate SEs, when mlm has one (``dry``: only say so)."""
    from mlmcli.mixed.fit import MixedFit
    from mlmcli.results.censored_regression import CensoredRegressionResult
    from mlmcli.results.glmm import GLMMResult

    if e.cmd in ("mean", "total", "ratio", "proportion") and e.result is not None:  # (descriptive.py)
        if not dry:
            from mlmcli.commands.estimation.descriptive import show_replicated

            show_replicated(session, e, settings)
        return True
    if e.macros.get("cmdname") in ("mixed", "xtmixed") and isinstance(e.model, MixedFit):
        if not dry:
            _show_mixed(session, e, kind, settings)
        return True
    if isinstance(e.result, CensoredRegressionResult) and e.result.vce_label is not None:
        if not dry:
            from mlmcli.commands.estimation.censored import replay

            replay(session, e)
        return True
    if isinstance(e.result, GLMMResult) and e.result.vce == kind and e.cmd in ("meqrlogit", "meqrpoisson"):
        if not dry:
            from mlmcli.commands.estimation.meqr import display as meqr_display

            meqr_display(session, e, {})
        return True
    if isinstance(e.result, GLMMResult) and e.result.vce == kind:
        if not dry:
            from mlmcli.commands.estimation.me import display

            display(session, e.result.command, e.result, {})
        return True
    return False


def _with_replications_line(session, e, show) -> None:
    """The command's display, with the prefix's cluster(): ``(Replications based on G clusters
    in v)`` right-aligned over its (first) coefficient table, as _coef_table's legend stands in
    bootstrap.ado's replay (Stata 12's xtmixed under ``bootstrap, cluster(id)``)."""
    from mlmcli.render.abbrev import abbrev
    from mlmcli.render.numfmt import format_number

    if "N_clust" not in e.scalars or not e.macros.get("clustvar"):
        show()
        return
    lines: list[str] = []
    session.print = lambda text="": lines.append(text)  # the display's lines, kept to place the legend
    try:
        show()
    finally:
        del session.print
    text = "\n".join(lines).split("\n")
    at = next((i for i, line in enumerate(text) if line.startswith("---")), None)
    if at is not None:
        legend = (f"(Replications based on {format_number(e.scalars['N_clust'], '%10.0g').strip()} clusters in "
                  f"{abbrev(e.macros['clustvar'], 12)})")
        text.insert(at, legend.rjust(len(text[at])))
    for line in text:
        session.print(line)


def _model_test(e, kind: str) -> list[tuple[str, str]]:
    """_prefix_model_test as _coef_table_header shows it: Wald chi2 (bootstrap) or, on the
    jackknife's e(df_r), F = chi2 / df_m."""
    from mlmcli.render.numfmt import format_number

    df_m = e.scalars.get("df_m")
    if not df_m or "chi2" not in e.scalars:
        return []
    chi2 = e.scalars["chi2"]
    if kind == "jackknife":
        from mlmcli.distributions import f as f_dist

        df_r = e.scalars["df_r"]
        F = chi2 / df_m
        return [(f"F({df_m:4.0f},{df_r:6.0f})", format_number(F, "%10.2f")),
                ("Prob > F", format_number(float(f_dist.sf(F, df_m, df_r)), "%10.4f"))]
    return [(f"Wald chi2({df_m:.0f})", format_number(chi2, "%10.2f")),
            ("Prob > chi2", format_number(e.scalars["p"], "%10.4f"))]


def _show_mixed(session, e, kind: str, settings: dict) -> None:
    """bootstrap.ado's Display replays ``e(cmd), diopts``: notable, noheader and nolegend are
    not handed to it (with both notable and noheader nothing is shown: the caller returns)."""
    from mlmcli.commands.estimation.mixed import display_mixed

    display_mixed(session, e, {})
