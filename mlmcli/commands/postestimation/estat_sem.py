"""estat gof, eqgof and residuals after sem with latent variables ([SEM] estat gof): ``stats(chi2 rmsea ic indices
residuals all)`` (default chi2) and ``nodescribe``; r() holds every statistic computed
(mlmcli/sem/latent_gof.py).  After sem without latent variables it is refused (r(321))."""
from __future__ import annotations

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

_SPECS = [OptionSpec("stats", 4, takes_arg=True), OptionSpec("nodescribe", 5)]
_STATS = ("chi2", "rmsea", "ic", "indices", "residuals")
_ABBREV = (("chi2", 4), ("rmsea", 3), ("indices", 3), ("residuals", 3), ("ic", 2))


def estat_gof_sem(session, cmd, e) -> None:
    from mlmcli.render.sem_gof import render_sem_gof
    from mlmcli.sem.latent_estimate import LatentSEMFit
    from mlmcli.sem.latent_gof import fit_statistics

    if not isinstance(e.model, LatentSEMFit):
        raise StataError("estat gof after sem without latent variables is not available in mlm", 321)
    if len(cmd.args.split()) > 1 or cmd.if_exp or cmd.in_range:
        raise StataError("invalid syntax", 198)
    from mlmcli.syntax.abbreviation import abbreviates

    opts = resolve_options(cmd.options, _SPECS)
    wanted = str(opts.get("stats") or "chi2").split()
    blocks = set()
    for word in wanted:  # GOF_parse_stats: chi2 RMSea INDices RESiduals IC, or all alone
        if word == "all" and len(wanted) == 1:
            blocks |= set(_STATS)
            continue
        full = next((name for name, least in _ABBREV if abbreviates(word, name, least)), None)
        if full is None:
            raise StataError(f"option {word} not allowed\nin option stats()", 198)
        blocks.add(full)
    from mlmcli.sem.group_estimate import GroupSEMFit

    if isinstance(e.model, GroupSEMFit):  # overall statistics over the groups (mlmcli/sem/group_gof.py)
        from mlmcli.sem.group_gof import fit_statistics_groups

        stats = fit_statistics_groups(e.model)
    else:
        stats = fit_statistics(e.model)
    notes = []
    robust = e.macros.get("vcetype") == "Robust"
    if robust:  # sem_estat_gof: after vce(robust) only the residuals' statistics
        if blocks != {"residuals"}:
            notes.append(f"Note: model was fit with vce({e.macros.get('vce')}); only stats(residuals) valid.")
        blocks &= {"residuals"}
    moments = e.model.extra["moments"]
    missing = e.macros.get("method") == "mlmv" and any(
        m.patterns is not None and len(m.patterns) > 1 for m in getattr(moments, "groups", (moments,)))
    if missing:
        stats.pop("srmr", None)
        if "residuals" in blocks:
            notes.append("Note: SRMR is not reported because of missing values.")
    session.set_r(stats)
    session.print(render_sem_gof(stats, tuple(blocks), describe=not opts.get("nodescribe"), notes=tuple(notes)))


def estat_eqgof_sem(session, cmd) -> None:
    """estat eqgof [, format(%fmt)]: each endogenous variable's fitted, predicted and residual
    variance, R2, mc and mc2; r(eqfit) holds the rows, r(CD) the overall R2."""
    import numpy as np

    from mlmcli.render.sem_gof import render_sem_eqgof
    from mlmcli.results.matrix import Matrix
    from mlmcli.sem.latent_gof import coefficient_of_determination, equation_fit

    e = _latent_results(session, cmd, "eqgof")
    opts = resolve_options(cmd.options, [OptionSpec("format", 3, takes_arg=True)])
    fmt = "%9.0g"
    if opts.get("format"):  # sem_estat_eqgof: a format wider than 9 is refused
        from mlmcli.render.numfmt import format_number

        try:
            shown = format_number(1.0, str(opts["format"]).strip())
        except Exception:
            raise StataError(f"invalid format {opts['format']}", 198) from None
        if len(shown) > 9:
            raise StataError("invalid format;\nwidth too large", 198)
        fmt = str(opts["format"]).strip()
    from mlmcli.commands.postestimation.estat_sem_group import group_views

    views = group_views(e)
    if not equation_fit(views[0][1]):
        session.print("(model has no endogenous variables)")
        return
    results, text = {"N_groups": float(len(views))}, []
    for g, (header, fit) in enumerate(views):  # sem, group(): sem_groupheader, then the group's table
        rows = equation_fit(fit)
        cd = coefficient_of_determination(fit)
        suffix = f"_{g + 1}" if header is not None else ""
        results[f"CD{suffix}"] = cd
        results[f"eqfit{suffix}"] = Matrix(np.array([r[2:] for r in rows], float), tuple(r[0] for r in rows),
                                           ("fitted", "predicted", "residual", "rsquared", "mc", "mc2"))
        if header is not None:
            text += ([""] if g else []) + [header, ""]
        text.append(render_sem_eqgof(rows, cd, fmt))
    if "nobs" in e.matrices:
        results["nobs"] = e.matrices["nobs"]
    session.set_r(results)
    session.print("\n".join(text))


def estat_residuals_sem(session, cmd) -> None:
    """estat residuals [, format(%fmt)]: the mean and covariance residuals of the observed
    variables; r(res_mean), r(res_cov).  normalized and standardized are refused (r(198))."""
    from mlmcli.render.sem_gof import render_sem_residuals
    from mlmcli.results.matrix import Matrix
    from mlmcli.sem.latent_gof import residuals

    from mlmcli.commands.postestimation.estat_sem_group import group_views

    e = _latent_results(session, cmd, "residuals")
    views = group_views(e)
    if any(v.extra["moments"].patterns is not None and len(v.extra["moments"].patterns) > 1
           for _, v in views):  # sem_estat_residuals
        raise StataError("multiple missing-value patterns present;\nresidual calculations cannot be computed", 322)
    for o in cmd.options:
        if o.arg is None and any(len(o.name) >= 4 and full.startswith(o.name) for full in ("normalized", "standardized")):
            raise StataError(f"option {o.name} not available in mlm's estat residuals", 198)
    opts = resolve_options(cmd.options, [OptionSpec("format", 3, takes_arg=True)])
    fmt = "%9.3f"
    if opts.get("format"):
        from mlmcli.commands.estimation.common import display_formats

        fmt = display_formats({"cformat": opts["format"]}).get("cformat") or fmt
    names = e.model.built.observed
    results, blocks = {"N_groups": float(len(views))}, []
    for g, (header, fit) in enumerate(views):
        mean_res, cov_res = residuals(fit)
        suffix = f"_{g + 1}" if header is not None else ""
        results[f"res_mean{suffix}"] = Matrix(mean_res[None, :], ("mean",), names)
        results[f"res_cov{suffix}"] = Matrix(cov_res, names, names)
        blocks.append((header, mean_res, cov_res))
    if "nobs" in e.matrices:
        results["nobs"] = e.matrices["nobs"]
    session.set_r(results)
    session.print(render_sem_residuals(names, blocks, fmt))


def _latent_results(session, cmd, sub: str):
    """The active sem results with latent variables, the subcommand typed without arguments."""
    from mlmcli.estimation.active import active
    from mlmcli.sem.latent_estimate import LatentSEMFit

    e = active(session)
    if e.cmd != "sem":
        raise StataError(f"estat {sub} not valid after {e.cmd}", 321)
    if not isinstance(e.model, LatentSEMFit):
        raise StataError(f"estat {sub} after sem without latent variables is not available in mlm", 321)
    if len(cmd.args.split()) > 1 or cmd.if_exp or cmd.in_range:
        raise StataError("invalid syntax", 198)
    return e
