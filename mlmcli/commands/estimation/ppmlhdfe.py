"""``ppmlhdfe depvar [indepvars] [if] [in] [pw fw], [absorb(absvars) vce(robust|cluster var)
exposure(var) offset(var) eform irr d d(newvar) separation() tolerance() itolerance()
maxiterations() nolog level() display options]``: Poisson pseudo-maximum likelihood absorbing
several fixed effects (the community command by Correia, Guimaraes and Zylkin, which do-files
assume installed).

The fit is ``mlmcli.panel.poisson_absorb`` (ppmlhdfe 2.3's IRLS), the absorbed degrees of
freedom ``mlmcli.panel.absorbed_dof``, the layout ``mlmcli.render.ppml_hdfe``.  As the ado:
rows in a fixed effect's group of one row, or whose depvar sums to zero, are dropped first
("(dropped # observations that are either singletons or separated by a fixed effect)"), then
regressors collinear with the fixed effects ("note: # variables omitted because of
collinearity: ..."), the IRLS log, "Converged in # iterations and # HDFE sub-iterations", the
header, the table (z, Robust: vce(robust) is the default) and reghdfe's footnote.  absorb() takes
several factors and factor interactions (``i.a#i.b``, ``a#b``).  With one absorbed factor (or
none) the log is the ado's line for line; with more, its inner iteration counts are mlm's
alternating projections' (module docstring of poisson_absorb).

Kept out (refused, not ignored): slopes in absorb() (``c.x``), multi-way clustering, aweights
(the ado's), guess(ols), verbose() above 0, keepsingletons and the tagsep() family.  Of the
separation checks (default fe simplex ir) mlm carries fe and ReLU (``poisson_separation``: rows
it finds are dropped, "(ReLU method dropped # separated observations in # iterations)", then
new singletons and newly collinear regressors, as the ado trims); simplex is not run, so a
separation by the regressors alone, which the ado's simplex step reports first ("(simplex
method dropped ...)"), is reported by the ReLU step.  The mu check is not carried: when the fit
still drives a zero-depvar row's mean to zero and separation() asked for a check beyond fe, the
command refuses (r(459)); separation(fe) fits without them, as the ado does.
``absorb(..., savefe)`` / ``newvar=absvar`` save the fixed effect with one absorbed factor only.
"""
from __future__ import annotations

import dataclasses

from mlmcli.commands.estimation.common import display_option_specs, table_options_with_notes
from mlmcli.estimation.active import replay_results
from mlmcli.syntax.options import OptionSpec, confidence_level, resolve_options

DISPLAY_OPTIONS = [OptionSpec("noheader", 6), OptionSpec("notable", 7), OptionSpec("level", 1, takes_arg=True),
                   OptionSpec("eform", 2), OptionSpec("irr", 2), *display_option_specs()]
PPML_OPTIONS = [
    OptionSpec("absorb", 1, takes_arg=True), OptionSpec("noabsorb", 3), OptionSpec("vce", 3, takes_arg=True),
    OptionSpec("cluster", 2, takes_arg=True), OptionSpec("exposure", 3, takes_arg=True),
    OptionSpec("offset", 3, takes_arg=True), OptionSpec("d", 1, takes_arg=True, arg_optional=True),
    OptionSpec("separation", 3, takes_arg=True), OptionSpec("tolerance", 3, takes_arg=True),
    OptionSpec("itolerance", 4, takes_arg=True), OptionSpec("maxiterations", 5, takes_arg=True),
    OptionSpec("guess", 5, takes_arg=True), OptionSpec("verbose", 1, takes_arg=True), OptionSpec("nolog", 3),
    OptionSpec("log", 3), *DISPLAY_OPTIONS]


def _display(session, e, opts: dict) -> None:
    from mlmcli.render.ppml_hdfe import render_ppml

    result = e.result
    eform = bool(opts.get("eform") or opts.get("irr"))
    level = confidence_level(opts, result.level) if opts.get("level") is not None else result.level
    if eform or level != result.level:
        result = dataclasses.replace(result, coefs=e.model.coef_rows(level, eform), level=level, eform=eform)
    table = table_options_with_notes(session, opts)
    session.print(render_ppml(result, linesize=session.linesize, options=table, noheader=bool(opts.get("noheader")),
                              notable=bool(opts.get("notable"))))


def cmd_ppmlhdfe(session, cmd) -> None:
    if not cmd.args.strip():
        e = replay_results(session, ("ppmlhdfe",))
        return _display(session, e, resolve_options(cmd.options, DISPLAY_OPTIONS))
    from mlmcli.commands.estimation.ppmlhdfe_fit import fit_ppmlhdfe

    opts = resolve_options(cmd.options, PPML_OPTIONS)
    fit_ppmlhdfe(session, cmd, opts)
    _display(session, session.e, opts)
