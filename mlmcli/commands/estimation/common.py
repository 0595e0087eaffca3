"""What estimation commands share: weight expressions and group codes.

``evaluate_weight`` gives a ``[weight = exp]`` on every row; ``weight_vars`` the variables
it names (for listwise deletion); ``check_weights`` Stata's refusals (negative weights
r(402), non-integer frequency weights r(401)), ``check_marked_weights`` them over the rows
[P] mark checks; ``group_codes`` numbers a grouping
variable's values 0..G-1 in sorted order.
"""
from __future__ import annotations

import re

import numpy as np

from mlmcli.panel.groups import group_codes  # noqa: F401  (the handlers' import path)

from mlmcli.errors import StataError, option_not_allowed


def evaluate_weight(session, exp: str) -> np.ndarray:
    """A weight expression over every row (NaN = missing)."""
    ds = session.data
    if re.fullmatch(r"[^\W\d]\w*", exp.strip()):
        return ds.numeric(exp.strip())
    from mlmcli.expr import evaluate

    val = evaluate(session, exp)
    arr = np.asarray(val, dtype=float)
    return np.full(ds.nobs, float(arr)) if arr.ndim == 0 else arr


def weight_vars(dataset, exp: str | None) -> list[str]:
    """Variables named in a weight expression (for listwise deletion)."""
    if not exp:
        return []
    names = re.findall(r"[^\W\d]\w*", exp)
    return [n for n in names if n in dataset.varnames]


def check_weights(w: np.ndarray, kind: str) -> None:
    """Weights of the estimation sample: none negative, frequency weights whole numbers."""
    if np.any(w < 0):
        raise StataError("negative weights encountered", 402)
    if kind == "fweight" and np.any(w != np.floor(w)):
        raise StataError("may not use noninteger frequency weights", 401)


def check_marked_weights(session, cmd, w: np.ndarray, kind: str) -> None:
    """``check_weights`` over the rows ``mark`` checks: every if/in (and by-group) row with a
    weight, also one that ``markout`` then drops for a missing value in the varlist ([P] mark's
    rules hold "regardless of whether you use mark or marksample, followed or not by markout":
    an invalid weight stops everything)."""
    from mlmcli.sample import mark_sample

    marked = np.asarray(mark_sample(session, cmd, ()), bool) & ~np.isnan(w)
    check_weights(w[marked], kind)


def weighted_sample(session, cmd, variables: list[str], allowed: tuple[str, ...]):
    """(sample, weights over all rows or None, weight kind) of an estimation command: if/in,
    listwise over ``variables`` and the weight's variables, rows with missing or zero weight
    dropped; a weight kind outside ``allowed`` is Stata's ``<kind>s not allowed`` r(101)."""
    from mlmcli.parser import weight_kind
    from mlmcli.sample import mark_sample

    ds = session.data
    w = kind = None
    if cmd.weight is not None:
        kind = {"weight": "aweight"}.get(weight_kind(cmd.weight), weight_kind(cmd.weight))
        if kind not in allowed:
            raise StataError(f"{kind}s not allowed", 101)
        w = evaluate_weight(session, cmd.weight.exp)
    wexp = cmd.weight.exp if cmd.weight is not None else None
    sample = np.asarray(mark_sample(session, cmd, list(dict.fromkeys(variables + weight_vars(ds, wexp)))), bool)
    if w is not None:
        sample &= ~np.isnan(w)
        check_marked_weights(session, cmd, w, kind)
        sample &= w != 0
    return sample, w, kind


def values_and_missing(ds, name: str, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A variable's values on ``rows`` and which of them are missing (an empty string, or
    . and .a-.z)."""
    values = ds.df[name].to_numpy()[rows]
    return values, (values.astype(str) == "") if ds.is_string(name) else ~np.isfinite(values.astype(float))


def depvar_and_terms(session, args: str):
    """(depvar, factor-variable terms) of ``depvar [indepvars]``: Stata's refusals of an
    empty varlist (r(100)) and of a factor-variable depvar (r(198))."""
    from mlmcli.factor_variables import parse_terms

    from mlmcli.factor_terms import close_operator_gaps

    ds = session.data
    words = close_operator_gaps(args).split()
    if not words:
        raise StataError("varlist required", 100)
    return operated_depvar(ds, words[0]), (parse_terms(ds, " ".join(words[1:])) if len(words) > 1 else [])


def iv_equation_terms(ds, dep: str, exog_text: str, endog_text: str, inst_text: str):
    """(depvar, exogenous, endogenous, instrument terms) of an IV equation's parts
    (ivregress, xtivreg); a time-series operated depvar (``D.n``) is allowed, a factor-variable
    one is r(198)."""
    from mlmcli.factor_variables import parse_terms

    return (operated_depvar(ds, dep), *(parse_terms(ds, text) if text else [] for text in (exog_text, endog_text, inst_text)))


def operated_depvar(ds, word: str) -> str:
    """The dependent variable's name: a variable or a time-series operated one (``D.y``,
    ``L2.y``: Stata's tsrevar makes it a temporary series; here the dataset reads it as a
    virtual column); a factor-variable operator is r(198)."""
    from mlmcli.time_series_ops import split_operated

    if "(" in word or ("." in word and split_operated(word) is None):
        raise StataError("depvar may not be a factor variable", 198)
    return ds.resolve(word)


def sandwich_vce(dataset, opts: dict, default: str, robustok: bool = False,
                 opgok: bool = False) -> tuple[str, str | None]:
    """(default|robust|cluster, cluster variable) from ``vce()`` or the old ``robust``/
    ``cluster()`` options of a single-level model (``default``: ols after regress, oim after
    the ML commands), as _vce_parserun and ``_vce_parse, ... old`` read them together
    (docs/vce_old_options.md):

    - ``robust`` beside any vce(): "options vce() and robust may not be combined" r(198)
      (_vce_parserun without ``robustok``); with ``robustok`` (glm) _vce_parse takes it beside
      vce(robust|cluster|oim|eim) and refuses it beside any other vce() (opts_exclusive:
      "only one of robust or vce(X) is allowed" r(198));
    - ``cluster(v)`` beside vce(cluster w): w must be v ("options cluster() and vce(cluster) are
      in conflict" r(100)); beside vce(oim|eim) _vce_parse keeps the vce() typed; beside any
      other vce(): "only one of cluster() or vce(X) is allowed" r(198);
    - vce(oim|eim) with robust or cluster(): _vce_parse returns the vce() alone, so the
      commands that read only its returns (logit, regress, ...) fit with it; glm's GetVCE keeps
      the robust/cluster() typed (``robustok``);
    - vce(opg) is returned when ``opgok`` (logit, probit: ml's outer product of the scores)."""
    from mlmcli.syntax.options import read_vce, vce_option

    v = opts.get("vce")
    robust, cluster = bool(opts.get("robust")), opts.get("cluster")
    if v is None:
        if cluster:  # _vce_parse's CLuster(varname)
            from mlmcli.syntax.varlist import counted_varlist
            return "cluster", counted_varlist(dataset, str(cluster), 1, 1)[0]
        return ("robust" if robust else default), None
    if robust and not robustok:
        raise StataError("options vce() and robust may not be combined", 198)
    kinds = ((default, 1), ("robust", 1), ("cluster", 2), ("opg", 3))
    if vce_option(v, kinds)[0] == "opg" and not (robust or cluster) and default != "opg" and not opgok:
        kinds = kinds[:3]  # callers' own opg paths first
    kind, args = read_vce(v, kinds)
    if len(args) > 1:
        for name in args:
            dataset.resolve(name)  # _vce_parse's confirm var first
        raise StataError(f"vce(cluster {' '.join(args)}): several cluster variables not supported by mlmcli", 198)
    if robust and kind not in ("robust", "cluster", "oim", "eim"):
        raise StataError(f"only one of robust or vce({kind}) is allowed", 198)
    if kind == "cluster":
        var = dataset.resolve(args[0])
        if cluster and dataset.resolve(str(cluster).strip()) != var:
            raise StataError("options cluster() and vce(cluster) are in conflict", 100)
        return "cluster", var
    if cluster and kind not in ("oim", "eim"):
        raise StataError(f"only one of cluster() or vce({kind}) is allowed", 198)
    if robustok and kind in ("oim", "eim") and (cluster or robust):
        return ("cluster", dataset.resolve(str(cluster).strip())) if cluster else ("robust", None)
    return kind, None


def maximize_display_specs():
    """[R] maximize's display options in the iteration log (render/ml_iteration_detail.py)."""
    from mlmcli.syntax.options import OptionSpec

    return [OptionSpec("trace", 2), OptionSpec("gradient", 4), OptionSpec("hessian", 4),
            OptionSpec("showstep", 8), OptionSpec("showtolerance", 7)]


def display_option_specs():
    """The display options every estimation table takes ([R] estimation options; abbreviations
    as _get_diopts' syntax line (Stata 16's base ado): COEFLegend, BASElevels, ALLBASElevels,
    NOOMITted, NOEMPTYcells, NOLSTRETCH, NOFVLABel, FVWRAP(), FVWRAPON())."""
    from mlmcli.syntax.options import OptionSpec

    return [OptionSpec("coeflegend", 5), OptionSpec("baselevels", 4), OptionSpec("allbaselevels", 7),
            OptionSpec("noomitted", 6), OptionSpec("vsquish", 7), OptionSpec("noemptycells", 7),
            OptionSpec("nolstretch", 10), *format_option_specs(), *label_option_specs()]


def format_option_specs():
    """cformat(), pformat(), sformat(): the column formats (_get_diopts' CFORMAT(string) ...)."""
    from mlmcli.syntax.options import OptionSpec

    return [OptionSpec("cformat", 7, takes_arg=True), OptionSpec("pformat", 7, takes_arg=True),
            OptionSpec("sformat", 7, takes_arg=True)]


def label_option_specs():
    """nofvlabel, fvlabel, fvwrap(#), fvwrapon(word|width): how factor levels are labelled."""
    from mlmcli.syntax.options import OptionSpec

    return [OptionSpec("nofvlabel", 9), OptionSpec("fvlabel", 5), OptionSpec("fvwrap", 6, takes_arg=True),
            OptionSpec("fvwrapon", 8, takes_arg=True)]


def label_options(opts: dict) -> dict:
    """``fvwrap``/``fvwrapon`` of resolved options as _get_diopts checks them (its FVWrap and
    Wrapon): fvwrap() a nonnegative integer, fvwrapon() word or width (abbreviated ``wo``,
    ``wi``), each absent one ``set fvwrap``/``set fvwrapon``'s value ([R] estimation options:
    the options override the settings); fvlabel and nofvlabel exclude each other."""
    from mlmcli.syntax.options import integer_option
    from mlmcli.syntax.settings import setting_in_effect

    if opts.get("fvlabel") and opts.get("nofvlabel"):
        raise StataError("only one of fvlabel or nofvlabel is allowed", 198)  # opts_exclusive
    wrap = integer_option(opts, "fvwrap", int(setting_in_effect("fvwrap")))
    if wrap < 0:
        raise StataError(f"invalid option fvwrap({wrap}); nonnegative integer required", 198)
    words = str(opts.get("fvwrapon") or "").lower().split()
    styles = []
    for word in words:
        style = next((s for s, n in (("word", 2), ("width", 2)) if len(word) >= n and s.startswith(word)), None)
        if style is None:
            raise StataError(f"invalid fvwrapon() option;\noption {word} not allowed", 198)
        styles.append(style)
    if len(set(styles)) > 1:
        raise StataError("option fvwrapon() invalid; only one of word or width is allowed", 198)
    return {"fvwrap": max(wrap, 1), "fvwrapon": styles[0] if styles else str(setting_in_effect("fvwrapon"))}


def shows_level_values(opts: dict) -> bool:
    """Whether factor levels show their values rather than their value labels: ``nofvlabel``,
    or ``set fvlabel off`` unless ``fvlabel`` is typed."""
    from mlmcli.syntax.settings import setting_in_effect

    if opts.get("nofvlabel"):
        return True
    return not opts.get("fvlabel") and setting_in_effect("fvlabel") == "off"


def factor_display_defaults(opts: dict) -> dict:
    """The base/omitted/empty-cell rows a coefficient table shows, as _get_diopts reads them:
    ``baselevels``/``allbaselevels``, ``noomitted``, ``noemptycells`` when typed, else the
    defaults ``set showbaselevels on|all``, ``set showomitted off``, ``set showemptycells off``
    ([R] set showbaselevels).  ``table_options`` and every command that draws its table
    without it read them here, so a setting acts the same in all tables."""
    from mlmcli.syntax.settings import setting_in_effect

    base = bool(opts.get("baselevels") or opts.get("allbaselevels"))
    return {"baselevels": base or str(setting_in_effect("showbaselevels") or "") in ("on", "all"),
            "noomitted": bool(opts.get("noomitted")) or setting_in_effect("showomitted") == "off",
            "noemptycells": bool(opts.get("noemptycells")) or setting_in_effect("showemptycells") == "off"}


def rows_shown(rows, shown: dict) -> tuple:
    """Coefficient rows without those ``factor_display_defaults`` (``shown``) hides: omitted
    rows under noomitted, empty cells under noemptycells."""
    return tuple(r for r in rows if not (shown["noomitted"] and r.omitted or shown["noemptycells"] and r.empty))


def table_options(opts: dict, notes: list | None = None):
    """The ``TableOptions`` of resolved options, as Stata's ``_get_diopts`` reads them:
    ``allbaselevels`` shows base levels as ``baselevels`` does; the column formats are
    ``display_formats``' (the options, else ``set cformat``/``sformat``/``pformat``)."""
    from mlmcli.commands.estimation.level_labels import command_level_texts
    from mlmcli.render.coef_table import TableOptions

    return TableOptions(**factor_display_defaults(opts), vsquish=bool(opts.get("vsquish")), nolstretch=bool(opts.get("nolstretch")),
                        coeflegend=bool(opts.get("coeflegend")), nofvlabel=shows_level_values(opts),
                        level_text=command_level_texts(), **label_options(opts), **display_formats(opts, notes),
                        typed_cformat=typed_cformat(opts))


def numeric_display_format(text: str):
    """``text`` as a numeric %fmt (``confirm numeric format``: anything else is r(7))."""
    from mlmcli.render.numfmt import parse_format

    try:
        fmt = parse_format(text)
    except ValueError:
        raise StataError(f"'{text}' found where numeric format expected", 7) from None
    if fmt.kind == "s":
        raise StataError(f"'{text}' found where numeric format expected", 7)
    return fmt


def display_formats(opts: dict, notes: list | None = None) -> dict:
    """The ``cformat``/``sformat``/``pformat`` of a coefficient table, as _get_diopts and
    _coef_table read them: the option when typed (a numeric %fmt, else r(7); one wider than
    its column, 9, 8 or 5, gives ``note: invalid cformat(), using default``, appended to
    ``notes``, and Stata's default, %9.0g, %8.2f or %5.3f, whatever the setting: _get_diopts
    1.7.0 hands ``cformat(%9.0g)`` on), else the session's ``set cformat``/``sformat``/
    ``pformat`` ([R] set cformat: the options override the settings).  A format neither sets is
    left out: the renderer's Stata default.  Every table reads its formats here, so a setting
    acts the same in all of them."""
    from mlmcli.syntax.settings import DISPLAY_FORMAT_WIDTHS, setting_in_effect

    fmts = {}
    for key, limit in DISPLAY_FORMAT_WIDTHS.items():
        text = str(opts.get(key) or "").strip()
        if text:
            if numeric_display_format(text).width > limit:
                if notes is not None:
                    notes.append(f"note: invalid {key}(), using default")
                text = _DEFAULT_FORMATS[key]
            fmts[key] = text
            continue
        setting = str(setting_in_effect(key) or "")
        if setting:
            fmts[key] = setting
    return fmts


_DEFAULT_FORMATS = {"cformat": "%9.0g", "sformat": "%8.2f", "pformat": "%5.3f"}  # _get_diopts' "default"


def typed_cformat(opts: dict) -> str | None:
    """The cformat() typed as _get_diopts hands it on (numeric; %9.0g when wider than 9), else
    None: the s(cformat) that some ados read alone, without c(cformat) -- the sigma_u/sigma_e/rho
    lines of xtreg and xtivreg (xtreg_re.ado, xtivreg.ado: ``display `cfmt'``, else %10.0g) and
    menl's random-effects table (menl.ado: DiVarComp, else %9.0g)."""
    text = str(opts.get("cformat") or "").strip()
    if not text:
        return None
    return text if numeric_display_format(text).width <= 9 else _DEFAULT_FORMATS["cformat"]


def margins_formats(opts: dict) -> tuple:
    """``display_formats``' (cformat, pformat, sformat), in the order margins', contrast's and
    pwcompare's results keep them (None: Stata's default)."""
    fmts = display_formats(opts)
    return fmts.get("cformat"), fmts.get("pformat"), fmts.get("sformat")


def display_formats_with_notes(session, opts: dict) -> dict:
    """``display_formats`` with its notes printed at once, before the table."""
    notes: list[str] = []
    fmts = display_formats(opts, notes)
    for note in notes:
        session.print(note)
    return fmts


def robust_macros(macros: dict, robust: bool, clustvar: str | None) -> None:
    """e(vcetype) ``Robust`` for a sandwich VCE and e(clustvar) for a clustered one, added to
    ``macros`` in that order."""
    if robust:
        macros["vcetype"] = "Robust"
    if clustvar:
        macros["clustvar"] = clustvar


def table_options_with_notes(session, opts: dict):
    """``table_options`` with its notes (a format too wide for its column) printed at once,
    as _get_diopts prints them before the table (or the fit)."""
    notes: list[str] = []
    table = table_options(opts, notes)
    for note in notes:
        session.print(note)
    return table


# The options an estimation command takes when typed alone to replay its results ([R] estimation
# options: the reporting ones); any other (vce(), noconstant, iterate() ...) is the replay syntax's
# "option X not allowed" r(198), never silently ignored.
REPLAY_OPTIONS = frozenset({
    "level", "or", "irr", "rrr", "coef", "eform", "hr", "nohr", "shr", "noshr", "tr", "noshow", "nolrtest", "noheader",
    "notable", "nocnsreport", "baselevels", "allbaselevels", "noomitted", "vsquish", "noemptycells",
    "nolstretch", "coeflegend", "cformat", "pformat", "sformat", "theta", "nofvlabel", "fvlabel", "fvwrap",
    "fvwrapon"})


def replay_option_specs(specs):
    """Of an estimation command's option specs, those its replay accepts (``REPLAY_OPTIONS``)."""
    return [s for s in specs if s.name in REPLAY_OPTIONS]


def refuse_replay_options(options, command: str) -> None:
    """A replay that shows the stored results only: a reporting option is refused as mlm's
    (``not supported by mlmcli``), any other as the replay syntax's ``option X not allowed``."""
    from mlmcli.syntax.options import OptionSpec

    for opt in options:
        if any(OptionSpec(name).matches(opt.name) for name in REPLAY_OPTIONS):
            typed = opt.name + ("()" if opt.arg is not None else "")
            raise StataError(f"option {typed} not supported by mlmcli when {command} replays", 198)
        raise option_not_allowed(opt.name, opt.arg)


def check_collinear_option(opts: dict, design, command: str) -> None:
    """``collinear`` ([R] logit, probit, poisson, nbreg, cloglog, ologit, oprobit, glm, mlogit:
    "keep collinear variables"): _rmcoll and ml flag nothing.  Without collinear regressors the
    fit is the usual one; with them ml would maximise over a singular Hessian, whose iterations
    and outcome no source we have shows (docs/mlogit.md), so that case is refused."""
    if opts.get("collinear") and any(n.endswith("omitted because of collinearity") for n in design.notes):
        raise StataError(f"{command} option collinear with collinear regressors not supported by mlmcli: "
                         "Stata's ml would iterate on a singular Hessian", 198)


def estimable_rows_and_model_p(e, level):
    """(coefficient rows of e(b)'s estimable columns -- not base or omitted -- with t statistics on
    e(df_r), the p of e(F) on (e(df_m), e(df_r)); missing when df_m is 0 or F is missing): the
    regress-like tables of newey and eivreg."""
    from mlmcli.distributions import f as f_dist
    from mlmcli.postest.coefficient_rows import rows_from_estimates

    s = e.scalars
    idx = [j for j, lab in enumerate(e.design.labels) if not (lab.base or lab.omitted)]
    bv, V = e.matrices["b"].values.ravel(), e.matrices["V"].values
    rows = rows_from_estimates(e.design.labels, bv[idx], V[np.ix_(idx, idx)], level, s["df_r"])
    p = float(f_dist.sf(s["F"], s["df_m"], s["df_r"])) if s["df_m"] > 0 and np.isfinite(s["F"]) else float("nan")
    return rows, p


def typed_command(cmd, name: str) -> str:
    """e(cmdline): the command as typed without its prefixes (quietly, capture, by)."""
    from lark.exceptions import LarkError

    from mlmcli.parser import split_head

    if not cmd.text:
        return f"{name} {cmd.args}".strip()
    try:
        _, word, rest = split_head(cmd.text)
    except (LarkError, StataError):
        return cmd.text
    return f"{word} {rest}".strip()


def ereturn_post(session, depvar: str, names, b: np.ndarray, V: np.ndarray, touse: np.ndarray, options: str = ""):
    """A community command's ``ereturn post b V, esample(touse) depname(depvar) options`` from
    arrays (temporary matrices and marker variable, removed after); the runner, for the lines
    the ado-file runs next."""
    from mlmcli.results.matrix import Matrix
    from mlmcli.runner import Runner, current_runner
    from mlmcli.temp_names import fresh_names

    bname, vname, tname = fresh_names(session, 3)
    cols = tuple(names)
    session.matrices[bname] = Matrix(np.asarray(b, float)[None, :], ("y1",), cols)
    session.matrices[vname] = Matrix(np.asarray(V, float), cols, cols)
    session.data.set_variable(tname, touse.astype(float), vtype="byte")
    runner = current_runner(session) or Runner(session)
    try:
        runner.execute(f"ereturn post {bname} {vname}, esample({tname}) depname({depvar}) {options}".rstrip())
    finally:
        session.matrices.pop(bname, None)
        session.matrices.pop(vname, None)
        if tname in session.data.varnames:
            session.data.drop_variables([tname])
    return runner
