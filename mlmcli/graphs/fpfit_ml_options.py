"""fpfit's ``estopts()`` after ``estcmd(logit|logistic|probit|poisson|nbreg|ologit|oprobit|glm)``:
the commands' own options, read into ``MLSettings`` (what the fit takes from them), the options
that only change what the captured fracpoly would print dropped, and the options a command does
not have making it fail inside fracpoly (``fpfit_models.FracpolyFailed``: Stata's note).

Honoured (the engines' paths: ``mlmcli.glm.fit`` for the ML commands, ``mlmcli.glm.
generalized_linear`` for glm):

- ``offset(v)``, ``exposure(v)`` (poisson, nbreg, glm): added to x b in every fit; fracpred's
  x b (``_predict, xb``; glm's ``predict, xb``) includes it, so the curve is x b + offset of the
  observation twoway keeps at each x;
- ``iterate(#)``, ``tolerance(#)``, ``ltolerance(#)``, ``nrtolerance(#)``, ``nonrtolerance``:
  the maximiser's; ``iterate()`` reached: ml's warning, the results kept (fracpoly goes on);
- ``asis`` (logit, logistic, probit; glm's binomial with a denominator of 1): perfect
  predictors kept;
- ``dispersion(mean|constant)`` (nbreg): NB2 or NB1;
- ``vce(opg)``, and ``technique(bhhh)`` without vce() (ml's default then): V the inverse of the
  outer product of the scores;
- glm's ``scale(x2|#)`` (V = phi (-H)^-1 with phi Pearson's X2/(N - k) or #), ``vfactor(#)``
  (V times #), ``ml``;
- options that change only the maximiser's path, never its optimum: ``technique()``,
  ``difficult``, glm's ``fisher(#)``, ``mu()``/``init()``;
- display options (twoway captures fracpoly's output): ``log``/``nolog``, ``trace``,
  ``gradient``, ``hessian``, ``showstep``, ``showtolerance``, ``nocoef`` (logit, probit),
  ``noheader``/``notable`` (logit, logistic, probit, glm), ``nodisplay`` (poisson, nbreg, glm) and the reporting
  options (``or``, ``irr``, ``eform``, ``coef``, ``nolrtest``).

``constraints()``, ``from()`` and ``collinear`` (logit, logistic, probit, poisson, nbreg, ologit,
oprobit, glm): ml's constraints and starting values in each of fracpoly's fits (``fpfit_ml_start``);
cnreg has none of them: it fails (``graphs.fpfit_censored``), and so does fracpoly (the note).
glm's ``irls`` makes fracpoly fail (the note, nothing drawn), as in Stata: glm
with irls posts no e(ll) (glm.ado: IRLS's results are a quasi-likelihood's), so frac_dv's deviance
-2 e(ll) is missing for every candidate, frac_154 keeps no powers and its fracgen stops with
"powers required"; glm.ado's own rules (``disp()`` or ``scale(dev)`` without irls) too.
"""
from __future__ import annotations

from dataclasses import dataclass

from mlmcli.syntax.options import OptionSpec


@dataclass(frozen=True)
class MLSettings:
    """What the ML fits of fpfit take from estopts() (module docstring)."""

    offset: str | None = None
    exposure: str | None = None
    iterate: int = 300
    iterate_typed: bool = False
    tolerance: float = 1e-6
    ltolerance: float = 1e-7
    nrtolerance: float = 1e-5
    asis: bool = False
    dispersion: str = "mean"
    opg: bool = False
    scale: object = None  # glm: None (its default), "x2" or a number
    vfactor: float = 1.0
    constraint_numbers: tuple = ()  # constraints(numlist) (graphs.fpfit_ml_start)
    start_text: str | None = None  # from()'s init_specs as typed
    model_options: object = None  # both resolved against the session: fpfit_ml_start.ModelOptions


_MAXIMIZE = [OptionSpec(*row) for row in (
    ("iterate", 4, True), ("tolerance", 3, True), ("ltolerance", 4, True), ("nrtolerance", 5, True),
    ("nonrtolerance", 7), ("technique", 4, True), ("difficult", 4), ("from", None, True), ("trace", None),
    ("gradient", 4), ("hessian", 4), ("showstep", None), ("showtolerance", 8), ("log", None), ("nolog", 5),
    ("constraints", 6, True), ("collinear", 4))]
_OWN = {
    "logit": ("offset", "asis", "nocoef", "noheader", "notable", "or"),
    "logistic": ("offset", "asis", "noheader", "notable", "coef"),
    "probit": ("offset", "asis", "nocoef", "noheader", "notable"),
    "poisson": ("offset", "exposure", "irr", "nodisplay"),
    "nbreg": ("offset", "exposure", "dispersion", "irr", "nolrtest", "nodisplay"),
    "ologit": ("offset", "or"), "oprobit": ("offset",),
    "glm": ("offset", "exposure", "asis", "irls", "ml", "scale", "disp", "vfactor", "fisher", "mu", "init",
            "nodisplay", "noheader", "notable", "eform", "search"),
    "cnreg": ("offset",),  # graphs.fpfit_censored fits with the defaults: fit_options refuses the rest
}
_SPECS = {spec.name: spec for spec in [OptionSpec(*row) for row in (
    ("offset", 3, True), ("exposure", 3, True), ("asis", None), ("nocoef", None), ("noheader", 5),
    ("notable", 5), ("or", None), ("coef", None), ("irr", 2), ("dispersion", 1, True), ("nolrtest", 4),
    ("irls", 4), ("ml", None), ("scale", 2, True), ("disp", 4, True), ("vfactor", 7, True),
    ("fisher", 6, True), ("mu", None, True), ("init", None, True), ("nodisplay", 6), ("eform", 2),
    ("search", None))]}
_DISPLAY = ("trace", "gradient", "hessian", "showstep", "showtolerance", "log", "nolog", "nocoef", "noheader",
            "notable", "or", "coef", "irr", "nolrtest", "nodisplay", "eform", "difficult", "search")
_TECHNIQUES = ("nr", "bhhh", "dfp", "bfgs")


def read_ml_options(typed: list, command: str, failed) -> tuple[list, MLSettings]:
    """(the options left for regress's reading -- vce(), robust, cluster(), level() --, the
    settings); ``failed(message)``: the exception of the command failing inside fracpoly."""
    settings: dict = {}
    kept = []
    for option in typed:
        spec = next((s for s in _MAXIMIZE if s.matches(option.name)), None)
        if spec is None:
            spec = next((_SPECS[name] for name in _OWN[command] if _SPECS[name].matches(option.name)), None)
        if spec is None:
            if option.name == "vce" and str(option.arg or "").strip() in ("oim", "opg"):
                settings["opg"] = str(option.arg).strip() == "opg"
                continue
            kept.append(option)
            continue
        if spec.takes_arg != (option.arg is not None):
            raise failed(f"option {option.name} incorrectly specified")
        _setting(spec.name, option.arg, command, settings, failed)
    _irls_checks(settings, failed)
    if settings.pop("technique_bhhh", False) and "opg" not in settings and not any(
            o.name in ("vce", "robust") or o.name.startswith("cl") for o in kept):
        settings["opg"] = True  # ml: technique(bhhh) makes vce(opg) the default
    return kept, MLSettings(**settings)


def _irls_checks(settings: dict, failed) -> None:
    """glm.ado's rules for irls, ml, scale(dev) and disp(), and irls itself (module docstring)."""
    if settings.pop("irls", False):
        raise failed("glm, irls posts no e(ll): fracpoly's deviance is missing for every model")
    settings.pop("ml", None)
    if settings.get("scale") == "dev":
        raise failed("option scale(dev) allowed only with option irls")
    if settings.pop("disp", None) is not None:
        raise failed("disp() allowed only with irls option")


def _number(name: str, arg: str, failed, integer: bool = False) -> float:
    try:
        value = float(arg.strip())
    except ValueError:
        raise failed(f"option {name}() incorrectly specified") from None
    if integer and value != int(value):
        raise failed(f"option {name}() incorrectly specified")
    return value


def _setting(name: str, arg, command: str, settings: dict, failed) -> None:
    """One option's effect on ``settings`` (module docstring)."""
    if name in _DISPLAY:
        return
    if name in ("offset", "exposure", "mu", "init"):
        words = str(arg).split()
        if len(words) != 1:
            raise failed(f"option {name}() incorrectly specified")
        if name in ("offset", "exposure"):
            settings[name] = words[0]
        return
    if name == "iterate":
        value = _number(name, arg, failed, integer=True)
        if value < 0:
            raise failed("iterate() must be positive")
        settings["iterate"], settings["iterate_typed"] = int(value), True
    elif name in ("tolerance", "ltolerance", "nrtolerance"):
        settings[name] = _number(name, arg, failed)
    elif name == "nonrtolerance":
        settings["nrtolerance"] = float("inf")
    elif name == "asis":
        settings["asis"] = True
    elif name == "dispersion":
        from mlmcli.syntax.options import choice_option

        settings["dispersion"] = choice_option(str(arg), (("mean", 1), ("constant", 1)), "dispersion", fold_case=True)
    elif name == "technique":
        words = str(arg).lower().split()
        if not words or any(w not in _TECHNIQUES and not w.isdigit() for w in words) or words[0].isdigit():
            raise failed(f"option technique() invalid: {arg}")
        if all(w == "bhhh" for w in words if not w.isdigit()):
            settings["technique_bhhh"] = True
    elif name == "fisher":
        if _number(name, arg, failed, integer=True) <= 0:
            raise failed("fisher() must be positive")

    elif name == "vfactor":
        settings["vfactor"] = _number(name, arg, failed)
        if settings["vfactor"] <= 0:
            raise failed("vfactor() must be positive")
    elif name == "scale":
        word = str(arg).strip().lower()
        if word not in ("x2", "dev"):
            word = _number(name, arg, failed)
            if word <= 0:
                raise failed("scale(#) must be positive")
        settings["scale"] = word
    elif name == "irls":
        settings["irls"] = True
    elif name == "ml":
        settings["ml"] = True
    elif name == "disp":
        value = _number(name, arg, failed)
        if value < 0:
            raise failed("disp() must be positive")
        if value != 1:
            settings["disp"] = value
    elif name == "constraints":  # graphs.fpfit_ml_start
        from mlmcli.postest.ml_constraints import constraint_numbers

        settings["constraint_numbers"] = constraint_numbers(arg)
    elif name == "from":
        settings["start_text"] = str(arg)
    # collinear: fracpoly's terms are never collinear where mlm fits them (fpfit_ml_start)
