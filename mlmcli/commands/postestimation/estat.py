"""``estat`` after an estimation command: the subcommand table and Stata's subcommands.

Stata's ``group``, ``icc``, ``ic``, ``recovariance`` and ``sd`` are here; mlmcli's own
``reliability``, ``pve`` and ``hlmchi2`` are in ``estat_multilevel`` (formulas and
references there, in ``mlmcli.postest`` and in ``HELP``); ``caterpillar`` draws a graph
(``mlmcli.commands.graphs.caterpillar``).  The numbers come from ``e()`` and from the
fit object's methods (``mlmcli.estimation.interface``).
"""
from __future__ import annotations

import dataclasses
import re

import numpy as np

from mlmcli.errors import StataError
from mlmcli.estimation.active import active, require
from mlmcli.estimation.results import MULTILEVEL_COMMANDS, QR_COMMANDS
from mlmcli.syntax.abbreviation import NameTable
from mlmcli.syntax.options import OptionSpec, confidence_level, resolve_options

# ``help`` entries (command -> text) for the interpreter's help command: syntax,
# and for mlmcli's own statistics the formula and its reference.
HELP = {
    "estat": (
        "estat group | icc [, level(#)] | ic [, n(#)] | recovariance [, level(levelvar) correlation]"
        " | sd -- Stata's postestimation statistics after mixed.\n"
        "estat reliability [, generate(newvar) nogroups] -- mlmcli: reliability of each group's OLS "
        "estimate, lambda_j = tau00 / (tau00 + sigma^2/n_j) for a random intercept, lambda_qj = tau_qq / "
        "(tau_qq + sigma^2 [(Z_j'Z_j)^-1]_qq) for random coefficients (Raudenbush & Bryk 2002, "
        "Hierarchical Linear Models, eq. 3.53), by group and averaged.\n"
        "estat pve A [B] -- mlmcli: proportional reduction in each variance component from stored "
        "model A to B (default: active results), (var_A - var_B) / var_A (Raudenbush & Bryk 2002, "
        "eq. 4.12; Snijders & Bosker 2012, sect. 7.1).\n"
        "estat hlmchi2 -- mlmcli: HLM's test of H0: tau_qq = 0, chi2 = sum_j (betahat_qj - fixed "
        "prediction)^2 / Vhat_qqj over groups allowing a separate OLS fit, df = J - S_q - 1 "
        "(Raudenbush & Bryk 2002, eq. 3.103)."),
}



def _regression_kind(e) -> str:
    """The word in Stata's "model is ... regression" messages for a fit without random
    effects: ``linear`` after mixed/xtmixed (_xtmixed_display, _xtme_estat), else e(model)."""
    return "linear" if e.cmd in ("mixed", "xtmixed") else e.macros.get("model", "linear")


def no_arguments(cmd) -> None:
    """A subcommand that takes nothing but options: no words after it, no if/in."""
    if len(cmd.args.split()) > 1:
        raise StataError("invalid syntax", 198)
    if cmd.if_exp or cmd.in_range:
        raise StataError(f"{'if' if cmd.if_exp else 'in'} not allowed", 101)


def cmd_estat(session, cmd) -> None:
    """``estat subcommand [, options]`` after an estimation command."""
    words = cmd.args.split()
    if not words:
        raise StataError("subcommand required", 321)
    if session.e is not None and session.e.cmd == "pca":  # pca_estat's own subcommands
        from mlmcli.commands.statistics.pca_postestimation import estat_pca
        if estat_pca(session, cmd):
            return
    if session.e is not None and session.e.cmd == "factor":  # factor_estat's own subcommands
        from mlmcli.commands.statistics.factor_postestimation import estat_factor
        if estat_factor(session, cmd):
            return
    if session.e is not None and session.e.cmd == "asclogit":  # asclogit_estat: alternatives, mfx
        from mlmcli.commands.postestimation.predict_asclogit import estat_asclogit
        if estat_asclogit(session, cmd):
            return
    if session.e is not None and session.e.cmd in ("meta regress", "meta meregress"):  # [META] postestimation
        from mlmcli.syntax.abbreviation import abbreviates
        if abbreviates(words[0], "heterogeneity", 4):
            if session.e.cmd == "meta regress":
                from mlmcli.commands.meta.regress import estat_heterogeneity
            else:
                from mlmcli.commands.meta.meregress import estat_heterogeneity
            return estat_heterogeneity(session, cmd)
    if session.e is not None and session.e.cmd == "teffects":  # teffects_estat.ado: vce and summarize only
        sub = words[0].split(",")[0]
        if sub != "vce" and not (len(sub) >= 2 and "summarize".startswith(sub)):
            raise StataError(f"estat {sub} is not allowed", 321)
    ESTAT_SUBCOMMANDS.handler(words[0])(session, cmd)  # case counts: estat ICC is r(321)


# ---------------------------------------------------------------------- group
def estat_group(session, cmd) -> None:
    """``estat group``: the No. of / Observations per Group table (Stata [ME] mixed postestimation;
    [ME] mestreg postestimation lists it too)."""
    e = require(session, MULTILEVEL_COMMANDS + ("mestreg",))
    no_arguments(cmd)
    resolve_options(cmd.options, [])
    from mlmcli.render.estat_tables import render_estat_group
    from mlmcli.results.postestimation import EstatGroupResult
    groups = tuple(getattr(g, "summary", g) for g in e.result.groups)  # me results: GroupInfo rows
    if not groups and not e.level_variables():  # grouponly on an empty e(ivars): _me_display,
        # _xtmixed_display's DiHeader ("linear" after mixed)
        raise StataError(f"model is {_regression_kind(e)} regression; no group information available", 459)
    session.print(render_estat_group(EstatGroupResult(groups)))
    session.set_r({})


# ---------------------------------------------------------------------- icc
def estat_icc(session, cmd) -> None:
    """``estat icc [, level(#)]``: intraclass correlations; r(icc#) r(se#) r(ci#) r(label#) r(level)."""
    e = require(session, MULTILEVEL_COMMANDS)
    no_arguments(cmd)
    opts = resolve_options(cmd.options, [OptionSpec("level", 1, takes_arg=True)])
    level = confidence_level(opts, getattr(session, "level", 95.0))
    from mlmcli.postest.icc import mixed_icc
    from mlmcli.render.estat_tables import render_estat_icc
    from mlmcli.results.matrix import Matrix
    from mlmcli.results.postestimation import EstatIccResult, IccRow

    coefs = e.coefficients()
    m = e.macros
    if hasattr(e.model, "icc"):  # the me commands: latent-response ICCs from the fit
        rows, kind = e.model.icc(level), e.model.icc_kind()
    else:
        rows, kind = mixed_icc(coefs.names, coefs.b, coefs.V, ivars=m.get("ivars", "").split(),
                               revars=m.get("revars", "").split(),
                               redim=[int(x) for x in m.get("redim", "").split()],
                               rstructure=m.get("rstructure", "independent"), depvar=m.get("depvar"),
                               level=level, resopt=m.get("resopt", ""))
    result = EstatIccResult(rows=tuple(IccRow(r.label, r.icc, r.se, r.ci_lo, r.ci_hi) for r in rows),
                            residual=kind != "plain", level=level, conditional=kind == "conditional")
    session.print(render_estat_icc(result))
    r: dict = {"level": level}
    for i, row in enumerate(rows, start=1):
        k = len(rows) - i + 2  # Stata numbers the innermost row 2, the outermost G
        r[f"icc{k}"] = row.icc
        r[f"se{k}"] = row.se
        r[f"label{k}"] = row.label
        r[f"ci{k}"] = Matrix(np.array([[row.ci_lo, row.ci_hi]]), ("icc",), ("ll", "ul"))
    session.set_r(r)


# ---------------------------------------------------------------------- ic
def estat_ic(session, cmd) -> None:
    """``estat ic [, n(#)]``: AIC = -2ll + 2df, BIC = -2ll + ln(N) df; r(S) holds the row."""
    from mlmcli.estimation.criteria import ic_row, ic_table
    from mlmcli.postest.criteria import with_sample_size
    from mlmcli.render.estat_tables import render_estat_ic
    from mlmcli.syntax.options import positive_number_option

    e = active(session)
    if e.macros.get("prefix") == "svy":  # svy_estat.ado has no ic: its "invalid subcommand"
        raise StataError("invalid subcommand ic", 321)
    no_arguments(cmd)
    opts = resolve_options(cmd.options, [OptionSpec("n", 1, takes_arg=True)])
    row = ic_row(e)
    if "n" in opts:
        row = with_sample_size(row, positive_number_option(opts, "n"))
    result, r = ic_table([row])
    session.print(render_estat_ic(result))
    session.set_r(r)


# ---------------------------------------------------------------------- recovariance / sd
def estat_recovariance(session, cmd) -> None:
    """``estat recovariance [, level(levelvar) correlation format(%fmt)]``: each level's
    random-effects covariance (or correlation) matrix; r(cov#) / r(corr#) matrices, and
    r(cov) / r(corr) when one level is shown.  ``format()`` is the matlist option the manual
    lists among its matlist_options ([ME] estat recovariance); the other matlist options are
    refused."""
    e = require(session, MULTILEVEL_COMMANDS)
    no_arguments(cmd)
    opts = resolve_options(cmd.options, [OptionSpec("relevel", 3, takes_arg=True),
                                         OptionSpec("level", 3, takes_arg=True),
                                         OptionSpec("correlation", 4),
                                         OptionSpec("format", 3, takes_arg=True)])
    fmt = str(opts.get("format") or "%9.0g").strip()
    if not re.fullmatch(r"%-?0?\d+(\.\d+)?[fgeFGE]c?", fmt):
        raise StataError(f"invalid %format {fmt}", 120)  # as estat wcorrelation's format()
    want = opts.get("level") or opts.get("relevel")
    if not e.level_variables():  # _xtme_estat's Covariance: checked after the options parse
        raise StataError(f"model is {_regression_kind(e)} regression; no random effects", 459)
    fit = e.model
    blocks = [("_all" if t.crossed_factor else t.levelvar, tuple(t.names), fit.re_covariance(k))
              for k, t in enumerate(fit.re_terms())]
    if want:
        levels = [lv for lv, _, _ in blocks]
        try:
            want = session.data.resolve(want) if want not in levels else want
        except StataError:
            pass
        if want not in levels:
            raise StataError(f"level {want} not found among random levels", 198)
    from mlmcli.render.estat_tables import render_estat_recovariance
    from mlmcli.results.matrix import Matrix
    from mlmcli.results.postestimation import EstatRecovResult, ReCovMatrix
    corr = bool(opts.get("correlation"))
    shown = []
    r: dict = {}
    levnum = {lv: i + 1 for i, lv in enumerate(e.level_variables())}
    for lv, names, M in blocks:
        if want and lv != want:
            continue
        if corr:
            d = np.sqrt(np.diag(M))
            with np.errstate(invalid="ignore", divide="ignore"):
                M = M / np.outer(d, d)
        shown.append(ReCovMatrix(lv, names, tuple(tuple(float(x) for x in row) for row in M), corr, fmt))
        r[f"{'corr' if corr else 'cov'}{levnum.get(lv, len(r) + 1)}"] = Matrix(M, names, names)
    session.print(render_estat_recovariance(EstatRecovResult(tuple(shown))))
    if len(shown) == 1:  # one level shown (one in the model, or relevel()): also r(cov) / r(corr),
        # the name do-files read after it (st_matrix("r(cov)"), matrix C = r(cov))
        r["corr" if corr else "cov"] = next(iter(r.values()))
    r["relevels"] = " ".join(lv for lv, _, _ in blocks)
    session.set_r(r)


def estat_sd(session, cmd) -> None:
    """``estat sd [, variance verbose post coeflegend]``: the random-effects table in the
    standard-deviation metric (``variance``: variances; ``verbose``: with the fixed-effects
    table); ``post`` puts the estimates in that metric in e() (names ``id:sd(_cons)``,
    ``Residual:sd(e)``, Stata 15's ``_xtme_estatsd.ado``), ``coeflegend`` then shows the
    ``_b[]`` names."""
    e = active(session)  # no results: r(301)
    if e.cmd not in MULTILEVEL_COMMANDS + ("mestreg",):  # mestreg_estat is meglm_estat's; Stata 15's
        raise StataError("estat sd not valid", 321)  # estat_default on a subcommand it lacks
    no_arguments(cmd)
    opts = resolve_options(cmd.options, [OptionSpec("variance", 3), OptionSpec("post", 4),
                                         OptionSpec("verbose", 4), OptionSpec("coeflegend", 5)])
    if e.cmd in QR_COMMANDS:  # _xtme_estat's SD: the command's own table, stddev
        from mlmcli.commands.postestimation.estat_qr_sd import qr_estat_sd

        return qr_estat_sd(session, e, opts)
    if hasattr(e.result, "random_labels"):  # the me commands: gsem_estat's SD
        return _me_estat_sd(session, e, opts)
    from mlmcli.render.mixed_display import render_mixed
    if opts.get("coeflegend") and not opts.get("post"):
        raise StataError("option coeflegend requires option post", 198)
    if opts.get("post"):
        if opts.get("variance") and e.cmd not in ("mixed", "xtmixed"):
            raise StataError(f"option variance not allowed after {e.cmd}", 198)  # [ME] estat sd
        posted = _post_sd(session, e, variance=bool(opts.get("variance")))
        if opts.get("coeflegend"):
            from mlmcli.render.coef_table import render_coef_table
            from mlmcli.results.mixed import CoefRow
            names = posted.matrices["b"].colnames
            vals = posted.matrices["b"].values.ravel()
            eqs: list = []
            for name, v in zip(names, vals):
                eq, nm = name.split(":", 1)
                if not eqs or eqs[-1][0] != eq:
                    eqs.append((eq, []))
                eqs[-1][1].append(CoefRow(nm, float(v), float("nan"), float("nan"), float("nan"),
                                          float("nan"), float("nan")))
            session.print("\n" + render_coef_table(None, e.macros.get("depvar", ""), equations=eqs,
                                                    mode="legend", legend_eqs=[q for q, _ in eqs],
                                                    linesize=session.linesize))
            return
    metric = "variance" if opts.get("variance") else "sd"
    text = render_mixed(e.result, metric=metric, noheader=True, nogroup=True,
                        nofetable=not opts.get("verbose"), nolrtest=True, linesize=session.linesize)
    session.print(text)


def _me_estat_sd(session, e, opts) -> None:
    """``estat sd [, verbose post coeflegend]`` after an me command (Stata 15's gsem_estat SD ->
    gsem_display, disd): the random-effects rows as sd(...) and corr(...) (``verbose``, implied
    by ``post``: the whole table); r(b), r(V), r(table), r(level); ``post`` puts b and V in e()
    with e(cmd) ``estat sd``.  ``variance`` is for mixed and menl only ([ME] estat sd);
    coeflegend without post is gsem_display's ``syntax [, NULLOP]`` on it."""
    from mlmcli.postest.me_sd_metric import sd_metric, table_rows
    from mlmcli.render.glmm_display import render_glmm_table
    from mlmcli.results.matrix import Matrix

    if opts.get("variance"):
        raise StataError("option variance not allowed", 198)
    post = bool(opts.get("post"))
    if opts.get("coeflegend") and not post:
        raise StataError("option coeflegend not allowed", 198)
    b, V = e.matrices["b"], e.matrices["V"]
    names, nb, nV, kinds = sd_metric(tuple(b.colnames), b.values, V.values)
    if "sd" not in kinds and not (post or opts.get("verbose")):
        raise StataError("no variance components to transform", 322)
    verbose = post or bool(opts.get("verbose"))
    legend = names if opts.get("coeflegend") else None
    level = float(e.result.level)
    T = table_rows(nb, nV, kinds, level)
    result = e.result
    if result.residual is not None and result.residual.label.startswith("var(e."):
        # meglm's gaussian residual: sd(e.y), from the column that was var(e.y)
        from mlmcli.results.mixed import VarianceRow
        j = list(b.colnames).index(f"{result.residual.label}:_cons")
        result = dataclasses.replace(result, residual=VarianceRow("sd(" + result.residual.label[4:], *T[[0, 1, 4, 5], j]))
    if "sd" not in result.random:  # mestreg keeps the variance blocks only
        from mlmcli.postest.me_sd_metric import sd_blocks

        result = dataclasses.replace(result, random={**result.random, "sd": sd_blocks(result, names, T)})
    if not verbose:  # SdSel: the variance components only (no cutpoints, ln alpha)
        result = dataclasses.replace(result, ancillary=())
    session.print("\n" + render_glmm_table(result, metric="sd", nofetable=not verbose, legend=legend,
                                            linesize=session.linesize))
    r = {"b": Matrix(nb[None, :], ("y1",), names), "V": Matrix(nV, names, names),
         "table": Matrix(T, ("b", "se", "z", "pvalue", "ll", "ul", "df", "crit", "eform"), names),
         "level": level}
    if not verbose:  # the random-effects columns only (gsem_display's SdSel)
        keep = [i for i, k in enumerate(kinds) if k != "fixed"]
        sub = tuple(names[i] for i in keep)
        r["b"] = Matrix(nb[None, keep], ("y1",), sub)
        r["V"] = Matrix(nV[np.ix_(keep, keep)], sub, sub)
        r["table"] = Matrix(T[:, keep], r["table"].rownames, sub)
    if not post:
        session.set_r(r)
        return
    mats = {"b": Matrix(nb[None, :], b.rownames, names), "V": Matrix(nV, names, names)}
    macros = {"cmd": "estat sd", "cmd2": "meglm", "properties": "b V", "family": e.macros.get("family", "")}
    session.e = dataclasses.replace(e, cmd="estat sd", matrices=mats, macros=macros,
                                    scalars={"mecmd": 1.0})
    session.set_r(r)


def _post_sd(session, e, variance: bool = False):
    """e() with b and V in the sd metric (``estat sd, post``) or, with ``variance``, the
    variance metric (names ``id:var(_cons)``, ``id:cov(x,_cons)``, ``Residual:var(e)``)."""
    from mlmcli.estimation.variance_metric import posted_metric

    posted = posted_metric(e, variance)
    session.e = posted
    return posted


def estat_overid(session, cmd) -> None:
    """ivregress's overid tests, or gmm_estat's Hansen J after ivpoisson and gmm."""
    import importlib

    module = "ivpoisson" if active(session).cmd in ("ivpoisson", "gmm") else "ivregress_estat"
    importlib.import_module(f"mlmcli.commands.estimation.{module}").estat_overid(session, cmd)


_M = "mlmcli.commands.postestimation.estat_multilevel:"
_IV = "mlmcli.commands.estimation.ivregress_estat:"
ESTAT_SUBCOMMANDS = NameTable([  # name, minimal abbreviation, handler(session, cmd)
    ("group", 2, estat_group),
    ("icc", 3, estat_icc),
    ("ic", 2, estat_ic),
    ("recovariance", 5, estat_recovariance),
    ("sd", 2, estat_sd),
    ("reliability", 3, _M + "estat_reliability"),
    ("pve", 3, _M + "estat_pve"),
    ("hlmchi2", 3, _M + "estat_hlmchi2"),
    ("caterpillar", 3, "mlmcli.commands.graphs.caterpillar:estat_caterpillar"),
    ("summarize", 2, "mlmcli.commands.postestimation.estat_common:estat_summarize"),
    ("vce", 3, "mlmcli.commands.postestimation.estat_common:estat_vce"),
    ("wcorrelation", 4, "mlmcli.commands.postestimation.estat_wcorrelation:estat_wcorrelation"),
    ("df", 2, "mlmcli.commands.postestimation.estat_df:estat_df"),
    ("bootstrap", 4, "mlmcli.commands.postestimation.estat_bootstrap:estat_bootstrap"),
    ("classification", 4, "mlmcli.commands.postestimation.binary_fit:estat_classification"),
    ("gof", 3, "mlmcli.commands.postestimation.binary_fit:estat_gof"),
    ("eqgof", 3, "mlmcli.commands.postestimation.estat_sem:estat_eqgof_sem"),  # after sem
    ("teffects", 3, "mlmcli.commands.postestimation.estat_teffects:estat_teffects"),  # after sem
    ("ginvariant", 3, "mlmcli.commands.postestimation.estat_sem_group:estat_ginvariant"),  # after sem, group()
    ("ggof", 4, "mlmcli.commands.postestimation.estat_sem_group:estat_ggof"),
    ("residuals", 3, "mlmcli.commands.postestimation.estat_sem:estat_residuals_sem"),
    ("effects", 3, "mlmcli.commands.postestimation.estat_survey:estat_effects"),  # after svy
    ("svyset", 6, "mlmcli.commands.postestimation.estat_survey:estat_svyset"),
    ("strata", 6, "mlmcli.commands.postestimation.estat_survey:estat_strata"),
    ("size", 4, "mlmcli.commands.postestimation.estat_survey:estat_size"),
    ("cv", 2, "mlmcli.commands.postestimation.estat_survey:estat_cv"),
    ("vif", 3, "mlmcli.commands.postestimation.regress_diagnostics:estat_vif"),  # after regress, anova
    ("hettest", 4, "mlmcli.commands.postestimation.regress_diagnostics:estat_hettest"),
    ("ovtest", 3, "mlmcli.commands.postestimation.regress_diagnostics:estat_ovtest"),
    ("imtest", 3, "mlmcli.commands.postestimation.regress_diagnostics:estat_imtest"),
    ("szroeter", 3, "mlmcli.commands.postestimation.regress_diagnostics:estat_szroeter"),
    ("esize", 3, "mlmcli.commands.postestimation.estat_esize:estat_esize"),
    ("dwatson", 3, "mlmcli.commands.postestimation.regress_serial_correlation:estat_dwatson"),
    ("bgodfrey", 3, "mlmcli.commands.postestimation.regress_serial_correlation:estat_bgodfrey"),
    ("durbinalt", 3, "mlmcli.commands.postestimation.regress_serial_correlation:estat_durbinalt"),
    ("firststage", 5, _IV + "estat_firststage"),  # after ivregress
    ("endogenous", 5, _IV + "estat_endogenous"),
    ("overid", 4, estat_overid),
    ("abond", 2, "mlmcli.commands.postestimation.estat_dynamic_panel:estat_abond"),  # after xtabond, xtdpdsys
    ("sargan", 3, "mlmcli.commands.postestimation.estat_dynamic_panel:estat_sargan"),
    ("phtest", 3, "mlmcli.commands.postestimation.estat_stcox:estat_phtest"),  # after stcox
    ("concordance", 3, "mlmcli.commands.postestimation.estat_stcox:estat_concordance"),
], unknown=lambda word: StataError(f"invalid subcommand {word}", 321),
   not_implemented=lambda name: StataError(f"estat {name} is not implemented in mlmcli", 199))
