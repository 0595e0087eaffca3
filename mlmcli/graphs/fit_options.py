"""What the twoway fits (lfit, qfit and their bands, fpfit) read of ``estopts()`` -- regress's
options -- and where predict's statistics are evaluated.

``estimation_options``: ``noconstant`` (or ``hascons``: with one regressor the same fit) drops
the constant; the reporting options change nothing drawn; ``vce()`` (``robust``,
``cluster()``, ``hc2``, ``hc3``, ``bootstrap [, reps() seed()]``, ``jackknife [, mse cluster()
idcluster() saving() keep ...]``) changes the band (``fit_predictions``); jackknife's ``saving()`` and
``keep`` write the replicates and the pseudovalues (``fit_jackknife``), ``idcluster()`` needs
``cluster()`` and, as in Stata without ``keep``, creates nothing.

``point_rows``: Stata's fit plots predict in observations 1..n of the data after putting the
n evaluation points of x there (``fit_diagnostics``); with ``atobs``, in the estimation
sample's observations, sorted by x as the plot draws them.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError, not_allowed_text
from mlmcli.graphs.fit_predictions import PointRows, VCEChoice
from mlmcli.graphs.series_parts import last_option
from mlmcli.syntax.options import OptionSpec, read_options, resolve_options

# regress's options that change neither its coefficients nor predict's stdp/stdf/stdr
_REPORTING = [OptionSpec(*row) for row in (
    ("level", 1, True), ("beta", None), ("noheader", 5), ("notable", 5), ("plus", None),
    ("depname", 3, True), ("eform", None, True), ("cformat", None, True), ("pformat", None, True),
    ("sformat", None, True), ("nocnsreport", 6), ("noomitted", 6), ("vsquish", None),
    ("noemptycells", 6), ("baselevels", None), ("allbaselevels", None), ("nofvlabel", None),
    ("fvwrap", None, True), ("fvwrapon", None, True), ("nolstretch", None), ("coeflegend", 5),
    ("tsscons", None), ("mse1", None), ("noci", None), ("nopvalues", None),
)]
_FIT_SPECS = [OptionSpec("noconstant", 3), OptionSpec("hascons", None), OptionSpec("vce", None, True),
              OptionSpec("robust", 1), OptionSpec("cluster", 2, True)]


def estimation_options(ctx, opts: dict, typed=None) -> tuple[bool, VCEChoice, str | None]:
    """``estopts()`` (or the options ``typed``) -> (a constant is added, the VCE, the
    cluster variable); vce(bootstrap, noisily|trace) is read (its runs printed by the callers)."""
    from mlmcli.syntax.options import vce_option
    from mlmcli.syntax.replicate_vce import leverage_settings

    text = last_option(opts, "estopts")
    if typed is None and not isinstance(text, str):
        return True, VCEChoice(), None
    typed = read_options(text) if typed is None else typed
    for option in typed:
        if not any(spec.matches(option.name) for spec in _REPORTING + _FIT_SPECS):
            raise StataError(f"estopts(): {not_allowed_text(option.name, option.arg)}", 198)
    found = resolve_options(typed, _FIT_SPECS + _REPORTING)
    constant = not (found.get("noconstant") or found.get("hascons"))
    if found.get("vce") is not None and found.get("robust"):  # regress's _vce_parserun
        raise StataError("estopts(): options vce() and robust may not be combined", 198)
    command_cluster = ctx.data.resolve(str(found["cluster"]).strip()) if found.get("cluster") else None
    if found.get("vce") is not None and command_cluster:
        return _vce_with_cluster(ctx, constant, str(found["vce"]).strip(), command_cluster)
    if found.get("cluster"):
        return constant, VCEChoice("cluster"), ctx.data.resolve(str(found["cluster"]).strip())
    if found.get("robust"):
        return constant, VCEChoice("robust"), None
    if found.get("vce") is None:
        return constant, VCEChoice(), None
    typed_vce = str(found["vce"]).strip()
    leverage = leverage_settings(typed_vce)
    if leverage is not None:
        clustvar = ctx.data.resolve(leverage["cluster"]) if leverage.get("cluster") else None
        return constant, VCEChoice(leverage["vce"], mse=leverage["mse"], saving=leverage["saving"],
                                   jackknife=leverage), clustvar
    kind, args = vce_option(typed_vce.split(",")[0], (("ols", 1), ("robust", 1), ("cluster", 2),
                                                        ("bootstrap", 4)))
    if kind == "bootstrap" and not args:
        return constant, _bootstrap_choice(ctx, typed_vce), None
    if "," not in typed_vce:
        if kind in ("ols", "robust") and not args:
            return constant, VCEChoice(kind), None
        if kind == "cluster" and len(args) == 1:
            return constant, VCEChoice("cluster"), ctx.data.resolve(args[0])
    raise StataError(f"estopts(): vcetype '{typed_vce}' not allowed", 198)


def _vce_with_cluster(ctx, constant: bool, typed_vce: str, clustvar: str):
    """regress's vce() beside its cluster(v) (docs/vce_old_options.md): vce(cluster v) agreeing,
    else _vce_parse's r(100); vce(jackknife [, cluster(v)]) leaves out v's clusters (jackknife's
    checkcluster); any other vce() is opts_exclusive's "only one of cluster() or vce(X)"."""
    from mlmcli.syntax.options import vce_option
    from mlmcli.syntax.replicate_vce import leverage_settings

    leverage = leverage_settings(typed_vce)
    if leverage is not None and leverage["vce"] == "jackknife":
        if leverage.get("cluster") and ctx.data.resolve(leverage["cluster"]) != clustvar:
            raise StataError("estopts(): option cluster() of jackknife conflicts with option cluster() of regress",
                             198)
        leverage["cluster"] = clustvar
        return constant, VCEChoice("jackknife", mse=leverage["mse"], saving=leverage["saving"],
                                   jackknife=leverage), clustvar
    if leverage is not None:
        raise StataError(f"estopts(): only one of cluster() or vce({leverage['vce']}) is allowed", 198)
    kind, args = vce_option(typed_vce.split(",")[0], (("ols", 1), ("robust", 1), ("cluster", 2), ("bootstrap", 4)))
    if kind == "cluster" and len(args) == 1 and "," not in typed_vce:
        if ctx.data.resolve(args[0]) != clustvar:
            raise StataError("estopts(): options cluster() and vce(cluster) are in conflict", 100)
        return constant, VCEChoice("cluster"), clustvar
    if kind == "bootstrap" and not args:  # _vce_parserun: the command's cluster() is the prefix's
        return constant, _bootstrap_choice(ctx, typed_vce, clustvar), None
    if kind in ("ols", "robust") and not args and "," not in typed_vce:
        raise StataError(f"estopts(): only one of cluster() or vce({kind}) is allowed", 198)
    raise StataError(f"estopts(): vcetype '{typed_vce}' not allowed", 198)


def _bootstrap_choice(ctx, typed_vce: str, command_cluster: str | None = None) -> VCEChoice:
    """vce(bootstrap [, bootstrap.ado's options]) (``graphs.fpfit_bootstrap.read_bootstrap``)."""
    from mlmcli.graphs.fpfit_bootstrap import read_bootstrap

    settings = read_bootstrap(typed_vce, command_cluster, ctx.data.resolve)
    return VCEChoice("bootstrap", reps=settings["reps"], seed=settings["seed"], bootstrap=settings)


# fracpoly's own options in fpfit's estopts() ([G-2] graph twoway fpfit: est_opts)
FRACPOLY_OPTIONS = [OptionSpec("degree", 3, True), OptionSpec("powers", 2, True), OptionSpec("center", 4, True),
             OptionSpec("adjust", 2, True), OptionSpec("noscaling", 5), OptionSpec("all", None),
             OptionSpec("log", 2), OptionSpec("compare", 3)]


def fracpoly_options(ctx, opts: dict, command: str = "regress") -> tuple[dict, bool, VCEChoice, str | None]:
    """fpfit's ``estopts()``: fracpoly's options -> {degree, powers, center, scaling} (``log``,
    ``compare``: what fracpoly prints, which the graph does not show; ``all``: the fit's
    points are the estimation sample's anyway) and regress's (``estimation_options``); after
    estcmd(logit|logistic|probit|poisson|nbreg|ologit|oprobit|glm) (``command``) their own
    (``_maximum_likelihood_options``; ``settings["ml"]``: ``fpfit_ml_options.MLSettings``)."""
    from mlmcli.syntax.numlist import numlist

    text = last_option(opts, "estopts")
    typed = read_options(text) if isinstance(text, str) else ()
    mine = [o for o in typed if any(spec.matches(o.name) for spec in FRACPOLY_OPTIONS)]
    found = resolve_options(mine, FRACPOLY_OPTIONS)
    settings: dict = {"degree": 2, "powers": None, "center": "mean", "scaling": not found.get("noscaling")}
    if found.get("degree") is not None:
        try:
            degree = int(str(found["degree"]).strip())
        except ValueError:
            raise StataError("invalid option degree()", 198) from None
        if not 1 <= degree <= 9:
            raise StataError("invalid option degree()", 198)
        settings["degree"] = degree
    if found.get("powers") is not None:
        settings["powers"] = tuple(float(v) for v in numlist(str(found["powers"]).replace(",", " ")))
        if not settings["powers"]:
            raise StataError("no powers given", 2002)
    if found.get("center") is not None and found.get("adjust") is not None:
        raise StataError("options adjust() and center() may not be specified together", 198)
    centre = found.get("center") or found.get("adjust")
    if centre is not None:
        word = str(centre).strip().lower()
        if word not in ("mean", "no"):
            try:
                word = float(word)
            except ValueError:
                raise StataError(f"invalid center({str(centre).strip()})", 198) from None
        settings["center"] = word
    rest = [o for o in typed if o not in mine]
    if command == "glm":  # family() and link() are estcmd(glm)'s model (fpfit_models.glm_model)
        model = [o for o in rest if _GLM_MODEL[0].matches(o.name) or _GLM_MODEL[1].matches(o.name)]
        found_model = resolve_options(model, _GLM_MODEL)
        settings["family"], settings["link"] = found_model.get("family"), found_model.get("link")
        rest = [o for o in rest if o not in model]
    from mlmcli.graphs.fpfit_grouped_models import COMMANDS as GROUPED_COMMANDS, read_options as grouped_options

    if command in GROUPED_COMMANDS:
        rest = grouped_options(rest, command, settings, ctx)
    elif command in ("xtreg", "xtlogit", "cox"):  # their own options (graphs.fpfit_xtreg, _xtlogit, _cox)
        from mlmcli.graphs.fpfit_cox import cox_estopts
        from mlmcli.graphs.fpfit_xtlogit import xtlogit_estopts
        from mlmcli.graphs.fpfit_xtreg import xtreg_estopts

        read = {"xtreg": xtreg_estopts, "xtlogit": xtlogit_estopts, "cox": cox_estopts}[command]
        settings[command], rest = read(rest), []
    elif command in ("weibull", "ereg"):  # their own options (graphs.fpfit_weibull_ereg)
        from mlmcli.graphs.fpfit_weibull_ereg import survival_estopts

        settings["survival"], rest = survival_estopts(command, rest), []
    elif command in ("qreg", "rreg"):  # their own options (graphs.fpfit_robust); no vce() of regress's
        from mlmcli.graphs.fpfit_robust import robust_estopts

        settings["robust"], rest = robust_estopts(rest, command), []
    elif command != "regress":
        rest, settings["ml"] = _maximum_likelihood_options(rest, command)
    # noisily: every fit's runs printed (regress: graphs.fit_bootstrap_noisily; graphs.fpfit_printed_runs)
    constant, vce, cluster = estimation_options(ctx, opts, rest)
    return settings, constant, vce, cluster


# regress's options that the ML commands do not have (their fit fails with them)
_REGRESS_ONLY = [OptionSpec(*row) for row in (
    ("hascons", None), ("tsscons", None), ("beta", None), ("eform", None, True), ("depname", 3, True),
    ("noheader", 5), ("notable", 5), ("plus", None), ("mse1", None))]
_NOCONSTANT = OptionSpec("noconstant", 3)
_GLM_MODEL = [OptionSpec("family", 1, True), OptionSpec("link", 1, True)]


def _maximum_likelihood_options(typed: list, command: str) -> tuple[list, object]:
    """estopts() after estcmd(logit|logistic|probit|poisson|nbreg|ologit|oprobit|glm): their own
    options read by ``fpfit_ml_options.read_ml_options`` (-> its ``MLSettings``); regress's own
    options make the command fail inside fracpoly (``fpfit_models.FracpolyFailed``: Stata's
    note), and so does a word neither they nor regress know; the rest is read as regress's."""
    from mlmcli.graphs.fpfit_ml_options import read_ml_options
    from mlmcli.graphs.fpfit_models import FracpolyFailed

    if command == "cnreg":  # _cnreg's maximize options only (graphs.fpfit_censored)
        from mlmcli.graphs.fpfit_censored import check_cnreg_options

        check_cnreg_options(typed, FracpolyFailed)
    rest, settings = read_ml_options(typed, command, FracpolyFailed)
    if command == "cnreg" and settings.opg:  # cnreg's vce(): oim, robust, cluster
        raise FracpolyFailed("vcetype 'opg' not allowed")
    kept = []
    for option in rest:
        if any(spec.matches(option.name) for spec in _REGRESS_ONLY):
            raise FracpolyFailed(not_allowed_text(option.name, option.arg))
        if command in ("ologit", "oprobit") and _NOCONSTANT.matches(option.name):  # no constant to drop
            raise FracpolyFailed(not_allowed_text(option.name, option.arg))
        if command == "logistic" and _NOCONSTANT.matches(option.name):  # frac_154's own check
            raise FracpolyFailed("option noconstant invalid with command logistic")
        if not any(spec.matches(option.name) for spec in _REPORTING + _FIT_SPECS):
            raise FracpolyFailed(not_allowed_text(option.name, option.arg))
        kept.append(option)
    return kept, settings


def point_rows(sample: np.ndarray, y_all: np.ndarray, x_all: np.ndarray, n_points: int, atobs: bool
               ) -> tuple[PointRows, np.ndarray]:
    """(the points' observations, their row numbers, -1 past the data's end) (module docstring)."""
    if atobs:
        rows = np.flatnonzero(sample)
        rows = rows[np.argsort(x_all[rows], kind="stable")]
    else:
        rows = np.arange(n_points)
        rows = np.where(rows < len(y_all), rows, -1)
    inside = rows >= 0
    y = np.where(inside, y_all[np.maximum(rows, 0)], np.nan)
    return PointRows(y=y, in_sample=inside & sample[np.maximum(rows, 0)]), rows


def resolver(ctx, rows: np.ndarray):
    """pr()/e()/ystar()'s bound as regre_p2 reads it: a numeric variable (its value in each
    point's observation, missing past the data's end), a number, or a scalar expression."""
    def resolve(text: str):
        try:
            name = ctx.data.resolve(text)
        except StataError:
            name = None
        if name is not None and not ctx.data.is_string(name):
            values = ctx.data.numeric(name)
            return np.where(rows >= 0, values[np.maximum(rows, 0)], np.nan)
        try:
            return float(text)
        except ValueError:
            pass
        if ctx.evaluate is None:
            raise StataError(f"variable {text} not found", 111)
        value = np.asarray(ctx.evaluate(text, np.zeros(1), "_fit_point"), float)
        return float(value.ravel()[0])
    return resolve


def dfbeta_variable(ctx, typed: str, xname: str) -> None:
    """dfbeta(varname) must name a coefficient of the fit: the plot's x (qfit's x^2 is a
    temporary variable)."""
    from mlmcli.graphs.fit_diagnostics import check_dfbeta

    check_dfbeta(ctx.data.resolve(typed.strip()), xname)
