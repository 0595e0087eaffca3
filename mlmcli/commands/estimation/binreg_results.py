"""binreg's e() (glm's, as binreg.ado leaves them: e(cmd) binreg, e(eform), e(title_fl)) and display."""
from __future__ import annotations

from mlmcli.syntax.options import confidence_level

_DIST_LINK = {"logit": "logit link", "log": "log link", "identity": "identity link", "logc": "log-complement link"}


def post(session, cmd, fit, design, sample, kind, measure, irls, heading):
    from mlmcli.commands.estimation.ml_binary_common import posted, weight_macros
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.glm.stored_results import glm_scalars

    _, b, V = posted(((fit.depvar, fit.labels),), fit.beta, fit.V)
    has_cons = any(lab.name == "_cons" for lab in fit.labels)
    scalars = {**glm_scalars(fit, has_cons), "level": fit.level}
    varf, vart = fit.family.strings()
    linkf, linkt = fit.link.strings(fit.family)
    robust = fit.vce in ("robust", "cluster")
    macros = {"cmd": "binreg", "cmdline": (cmd.text or f"binreg {cmd.args}").strip(), "depvar": fit.depvar,
              "title": "Generalized linear models", "varfunct": vart, "varfuncf": varf, "linkt": linkt,
              "linkf": linkf, "vce": fit.vce, "properties": "b V", "predict": "glim_p",
              "vcetype": fit.vce_label or ("Robust" if robust else fit.vce.upper())}
    if irls is None:
        macros.update({"opt": "ml", "opt1": "ML", "which": "max", "ml_method": "d2", "technique": "nr",
                       "crittype": "log pseudolikelihood" if robust else "log likelihood"})
    else:  # glm.ado's IRLS: no log likelihood, AIC or model df; its iterations
        macros.update({"opt": "irls", "opt1": "MQL Fisher scoring", "opt2": "(IRLS EIM)", "crittype": "deviance"})
        for name in ("ll", "aic"):
            scalars.pop(name, None)
        scalars["ic"] = float(len(irls.deviances))
        scalars["disp"] = 1.0
    bernoulli = fit.family.bernoulli
    dist = "Bernoulli distribution" if bernoulli else f"Binomial (N={fit.family.m_label}) distribution"
    macros["title_fl"] = f"{dist}, {_DIST_LINK[fit.link.name]}" + (f", offset {fit.offset_name}"
                                                                    if fit.offset_name else "")
    if heading:
        macros["eform"] = f"coeftitle({heading})" if measure == "rd" else f"eform({heading})"
    if not has_cons:
        macros["cons"] = "noconstant"
    if fit.family.name == "binomial":
        macros["m"] = fit.family.m_label or "1"
    if fit.cluster_var:
        macros["clustvar"] = fit.cluster_var
    weight_macros(macros, cmd, kind)
    if fit.offset_name:
        macros["offset"] = fit.offset_name
    e = EstimationResults(cmd="binreg", scalars=scalars, macros=macros,
                          matrices={"b": b, "V": V},
                          result=fit, model=fit, sample=sample, title="Generalized linear models", design=design)
    return e


def show(session, e, opts, *, log: bool = False, deviances=None, table=None) -> None:
    """The log (``deviances``: IRLS's, shown when given; ML's from the fit), glm's header and the
    table headed as e(eform) says."""
    from mlmcli.commands.estimation.common import table_options_with_notes
    from mlmcli.render.binomial_regression import render_binreg

    fit = e.model
    eform = e.macros.get("eform", "")
    heading = eform[eform.index("(") + 1:-1] if eform else None
    level = confidence_level(opts, fit.level) if opts.get("level") is not None else None
    table = table if table is not None else table_options_with_notes(session, opts)
    session.print(render_binreg(fit, heading=heading, exponentiated=eform.startswith("eform"),
                                log=log, deviances=deviances, irls=e.macros.get("opt") == "irls",
                                linesize=session.linesize, level=level, options=table))
