"""``runmlwin`` (George Leckie and Chris Charlton, SSC: Stata's interface to MLwiN) for
normal-response multilevel models, fitted by mlm's linear mixed-model engine instead of MLwiN:

    runmlwin depvar indepvars [if] [in], [levelN(id: [varlist] [, diagonal elements(mat)]) ...]
        level1(id: cons) [igls rigls maxiterations(#) tolerance(#) initsprevious nopause
        forcesort nosort level(#) sd noheader nogroup nofetable noretable ...]

The fixed part is the varlist as typed (``cons``, a variable of ones, is the intercept; no
constant is added); ``levelN(id: varlist)`` lists the variables with random coefficients at
level N (covariances among them unless ``diagonal``).  IGLS converges to maximum likelihood
and RIGLS to REML, so the model is ``mixed depvar indepvars, noconstant || idN: varlist,
noconstant cov(unstructured) ... [reml]``; its estimates are posted in runmlwin's e() names
(``FP1:x``, ``RP2:var(cons)``, ``RP2:cov(cons\\x)``, ``RP1:var(cons)``) and shown in
runmlwin's layout (``mlmcli.render.runmlwin``).  Read from runmlwin.ado (17Jun2019), not
copied.  What is refused and why: docs/runmlwin.md.
"""
from __future__ import annotations

import math
import time

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, read_options, resolve_options

HELP = {"runmlwin": "runmlwin depvar indepvars [if] [in], level2(id: varlist) level1(id: cons) "
                    "[rigls maxiterations(#) ...]"}

MAX_LEVELS = 9
LEVEL_SPECS = [OptionSpec(f"level{k}", None, takes_arg=True) for k in range(1, MAX_LEVELS + 1)]
OPTIONS = LEVEL_SPECS + [
    OptionSpec("igls"), OptionSpec("rigls"),
    OptionSpec("tolerance", 3, takes_arg=True), OptionSpec("maxiterations", 5, takes_arg=True),
    OptionSpec("initsprevious", 6), OptionSpec("initsb", 6, takes_arg=True),
    OptionSpec("initsv", 6, takes_arg=True), OptionSpec("initsmodel", 6, takes_arg=True),
    OptionSpec("discrete", None, takes_arg=True), OptionSpec("mcmc", None, takes_arg=True),
    OptionSpec("weights", 1, takes_arg=True), OptionSpec("constraints", 1, takes_arg=True),
    OptionSpec("fpsandwich", 3), OptionSpec("rpsandwich", 3),
    OptionSpec("seed", None, takes_arg=True), OptionSpec("simulate", 3, takes_arg=True),
    OptionSpec("mlwinpath", None, takes_arg=True), OptionSpec("mlwinscriptpath", None, takes_arg=True),
    OptionSpec("mlwinsettings", None, takes_arg=True),
    OptionSpec("viewmacro", 5), OptionSpec("savemacro", 5, takes_arg=True),
    OptionSpec("saveworksheet", 5, takes_arg=True), OptionSpec("savestata", 5, takes_arg=True),
    OptionSpec("useworksheet", 4, takes_arg=True), OptionSpec("viewfullmacro", None),
    OptionSpec("savefullmacro", None, takes_arg=True), OptionSpec("saveequation", 6, takes_arg=True),
    OptionSpec("level", 1, takes_arg=True), OptionSpec("cformat", None, takes_arg=True),
    OptionSpec("pformat", None, takes_arg=True), OptionSpec("sformat", None, takes_arg=True),
    OptionSpec("or"), OptionSpec("irr", 2), OptionSpec("rrr", 2), OptionSpec("sd"),
    OptionSpec("correlations", 3), OptionSpec("mode", 2), OptionSpec("median", 2), OptionSpec("zratio", 1),
    OptionSpec("noheader", 6), OptionSpec("nogroup", 4), OptionSpec("nocontrast", 6),
    OptionSpec("nofetable", None), OptionSpec("noretable", None),
    OptionSpec("nodrop"), OptionSpec("forcesort", 6), OptionSpec("forcerecast", 6), OptionSpec("nomlwin"),
    OptionSpec("nopause"), OptionSpec("noversioncheck"), OptionSpec("batch", 4), OptionSpec("nosort"),
    OptionSpec("plugin"), OptionSpec("verbose", 1),
]
# options about driving the MLwiN program itself: nothing to do when mlm fits the model
MLWIN_ONLY = ("nopause", "batch", "noversioncheck", "plugin", "forcerecast", "nodrop", "mlwinpath",
              "mlwinscriptpath", "mlwinsettings")
REFUSED = {  # option -> why (r(198))
    "weights": "MLwiN's (R)IGLS sampling weights are not available in mlm",
    "constraints": "constraints on MLwiN's parameters are not available in mlm",
    "fpsandwich": "MLwiN's sandwich standard errors are not available in mlm",
    "rpsandwich": "MLwiN's sandwich standard errors are not available in mlm",
    "initsb": "initial values other than initsprevious are not available in mlm",
    "initsv": "initial values other than initsprevious are not available in mlm",
    "initsmodel": "initial values other than initsprevious are not available in mlm",
    "seed": "seed() is an MCMC option; MLwiN's MCMC is not available",
    "simulate": "simulated responses are not available in mlm",
    "viewmacro": "there is no MLwiN macro: mlm fits the model without MLwiN",
    "savemacro": "there is no MLwiN macro: mlm fits the model without MLwiN",
    "viewfullmacro": "there is no MLwiN macro: mlm fits the model without MLwiN",
    "savefullmacro": "there is no MLwiN macro: mlm fits the model without MLwiN",
    "saveworksheet": "there is no MLwiN worksheet: mlm fits the model without MLwiN",
    "useworksheet": "there is no MLwiN worksheet: mlm fits the model without MLwiN",
    "savestata": "savestata() is not available in mlm",
    "saveequation": "there is no MLwiN equation window: mlm fits the model without MLwiN",
    "nomlwin": "nomlwin is not available in mlm",
    "verbose": "verbose (MLwiN's macro trace) is not available in mlm",
    "correlations": "correlations is not available in mlm; the random part is shown as (co)variances or, "
                    "with sd, standard deviations",
}
LEVEL_OPTIONS = [OptionSpec("diagonal", 1), OptionSpec("elements", 2, takes_arg=True),
                 OptionSpec("design", None, takes_arg=True), OptionSpec("reset", None, takes_arg=True),
                 OptionSpec("residuals", 1, takes_arg=True), OptionSpec("weightvar", 1, takes_arg=True),
                 OptionSpec("mmids", 3, takes_arg=True), OptionSpec("mmweights", 3, takes_arg=True),
                 OptionSpec("carids", 4, takes_arg=True), OptionSpec("carweights", 4, takes_arg=True),
                 OptionSpec("parexpansion", 5), OptionSpec("flinits", 3, takes_arg=True),
                 OptionSpec("flconstraints", 3, takes_arg=True), OptionSpec("fvinits", 3, takes_arg=True),
                 OptionSpec("fvconstraints", 3, takes_arg=True), OptionSpec("fscores", 2, takes_arg=True)]
NOT_DISCRETE = ("runmlwin's discrete() models are fitted by MLwiN's MQL/PQL quasi-likelihood, which mlm does "
                "not implement; melogit, meprobit, mecloglog, mepoisson and menbreg fit these multilevel "
                "models by maximum likelihood")


class Level:
    """One ``levelN(id: varlist [, options])``: its number, id, random variables, and the
    (co)variances kept (``None``: all of them; else the flags of runmlwin's lower-triangle order)."""

    def __init__(self, number: int, idvar: str, variables: list[str], kept):
        self.number, self.idvar, self.variables, self.kept = number, idvar, variables, kept

    def parameters(self) -> list[tuple[str, int, int]]:
        """(kind, i, j) in runmlwin's order: by rows of the lower triangle, covariances
        (j < i) before the variance (runmlwin_rplpars)."""
        pairs = [("cov" if j < i else "var", i, j) for i in range(len(self.variables)) for j in range(i + 1)]
        return [p for p, keep in zip(pairs, self.kept or [1] * len(pairs)) if keep]


def _level(session, number: int, text: str) -> Level:
    head, colon, rest = text.partition(":")
    ids = head.split()
    if not colon or len(ids) != 1:
        raise StataError(f"Only one level {number} ID is allowed; a colon should appear after the level "
                         f"{number} ID and before the variable list", 198)
    idvar = session.data.resolve(ids[0])
    body, _, optext = rest.partition(",")
    variables = session.data.expand_varlist(body) if body.strip() else []
    lopts = resolve_options(read_options(optext), LEVEL_OPTIONS)
    for name in lopts:
        if name not in ("diagonal", "elements"):
            raise StataError(f"runmlwin's level{number}() option {name}() is not available in mlm", 198)
    if not variables and lopts:
        raise StataError(f"Cannot specify random part options at level {number} unless random part predictor "
                         "variables are specified", 198)
    dups = sorted({v for v in variables if variables.count(v) > 1})
    if dups:
        raise StataError(f"{' '.join(dups)} are duplicated in the random part level {number} equation 1", 198)
    if "diagonal" in lopts and "elements" in lopts:
        raise StataError("Specify either diagonal or elements(), but not both options.", 198)
    n = len(variables)
    pairs = n * (n + 1) // 2
    kept = None
    if "diagonal" in lopts:
        kept = [1 if i == j else 0 for i in range(n) for j in range(i + 1)]
    elif "elements" in lopts:
        kept = _elements(session, str(lopts["elements"]).strip(), pairs)
    return Level(number, idvar, variables, kept)


def _elements(session, name: str, pairs: int) -> list[int]:
    matrix = session.matrices.get(name) if hasattr(session, "matrices") else None
    if matrix is None:
        raise StataError(f"matrix {name} not found", 111)
    import numpy as np

    values = np.asarray(matrix.values, float).ravel()
    if values.size != pairs:
        raise StataError(f"The matrix {name} should contain {pairs} elements (i.e. one for each parameter in "
                         "the level var-cov matrix)", 198)
    if not np.isin(values, (0, 1)).all():
        raise StataError(f"All elements in matrix {name} should be 0 (= remove parameter from model) or 1 "
                         "(= retain parameter in model)", 198)
    return [int(v) for v in values]


def _covariance(level: Level) -> str | None:
    """mixed's covariance() for the level's kept (co)variances; None for one variable kept
    whole; False when mixed has no such structure (the model goes to runmlwin_complex)."""
    n = len(level.variables)
    flags = level.kept or [1] * (n * (n + 1) // 2)
    if all(flags):
        return "unstructured" if n > 1 else None
    if n > 1 and list(flags) == [1 if i == j else 0 for i in range(n) for j in range(i + 1)]:
        return "independent"
    return False


def _simple_level1(session, level: Level, sample) -> bool:
    """level1(id: cons): one variable of ones, its variance estimated -- mixed's residual."""
    import numpy as np

    if not level.variables:
        raise StataError("runmlwin: a normal response model without a level-1 variance (level1() lists no "
                         "variable) is not available in mlm", 198)
    if len(level.variables) > 1 or (level.kept is not None and not all(level.kept)):
        return False
    values = np.asarray(session.data.numeric(level.variables[0]), float)[sample]
    return bool(np.all(values[~np.isnan(values)] == 1))


# ====================================================================== the command
def cmd_runmlwin(session, cmd) -> None:
    from mlmcli.commands.estimation.mixed_syntax import read_piece

    text = cmd.args.strip()
    if not text or text.startswith(","):
        return _replay(session, text)
    body = read_piece(text)
    if body.weight is not None:
        raise StataError("weights not allowed", 101)
    opts = resolve_options(body.options, OPTIONS)
    if "mcmc" in opts:
        raise StataError("MLwiN's MCMC is not available; mlm fits IGLS/RIGLS", 198)
    if "discrete" in opts:
        _discrete(opts["discrete"])
    for name, why in REFUSED.items():
        if name in opts:
            raise StataError(f"runmlwin's option {name} is not available: {why}", 198)
    if "level1" not in opts:
        raise StataError("option level1() required", 198)
    if opts.get("igls") and opts.get("rigls"):
        raise StataError("options igls and rigls may not be combined", 198)
    for name in ("maxiterations", "tolerance"):
        if name in opts:
            _positive_integer(opts[name], name)
    if opts.get("mode") and opts.get("median"):
        raise StataError("Only specify one of mode or median", 198)
    if opts.get("initsprevious") and (session.e is None or session.e.cmd != "runmlwin"):
        raise StataError("initsprevious: no previous runmlwin estimates", 301)
    words = _fixed_words(session, body.args)
    if not words:
        raise StataError("varlist required", 100)
    depvar, fixed = words[0], words[1:]
    dups = sorted({v for v in fixed if fixed.count(v) > 1})
    if dups:
        raise StataError(f"{' '.join(dups)} are duplicated in the fixed part", 198)
    top = max(k for k in range(1, MAX_LEVELS + 1) if f"level{k}" in opts)
    for k in range(2, top):
        if f"level{k}" not in opts:
            raise StataError(f"runmlwin: level{k}() is missing between level{top}() and level1(); "
                             "empty levels are not available in mlm", 198)
    levels = [_level(session, k, str(opts[f"level{k}"])) for k in range(top, 0, -1)]
    level1 = levels[-1]
    higher = levels[:-1]
    covs = [_covariance(lv) for lv in higher]
    rows = _if_in_rows(session, body)
    fixed = _independent(session, fixed, rows)
    _check_sorted(session, higher, level1, rows, opts)
    reml = bool(opts.get("rigls"))
    if not _simple_level1(session, level1, rows) or any(c is False for c in covs):
        from mlmcli.commands.community.runmlwin_complex import fit_complex

        session.e = fit_complex(session, body=body, text=text, depvar=depvar, fixed=fixed, higher=higher,
                                level1=level1, rows=rows, reml=reml, opts=opts)
        return _display(session, session.e, opts)
    line = _mixed_line(body, depvar, fixed, higher, covs, reml, opts)
    from mlmcli.runner import Runner, current_runner

    from mlmcli.commands.community.runmlwin_results import from_mixed

    runner = current_runner(session) or Runner(session)
    start = time.perf_counter()
    runner.execute(line)
    seconds = time.perf_counter() - start
    fit = session.e
    session.e = from_mixed(session, fit, text, depvar, higher, level1, reml, seconds)
    _display(session, session.e, opts)


def _fixed_words(session, text: str) -> list[str]:
    """The depvar and fixed-part terms: plain names expanded, factor-variable terms as typed
    (mixed reads them)."""
    out: list[str] = []
    for token in text.split():
        out += [token] if ("." in token or "#" in token) else session.data.expand_varlist(token)
    return out


def _independent(session, fixed: list[str], rows) -> list[str]:
    """runmlwin's ``_rmcoll fp, noconstant``: a fixed-part variable collinear with those before
    it leaves the model with a note (factor-variable terms: mixed's own check)."""
    import numpy as np

    from mlmcli.collinear_columns import independent_candidates

    if not fixed or any(("." in t or "#" in t) for t in fixed):
        return fixed
    X = np.column_stack([np.asarray(session.data.numeric(v), float) for v in fixed])
    ok = rows & ~np.isnan(X).any(axis=1)
    keep = independent_candidates(X[ok], constant=False)
    for name, kept in zip(fixed, keep):
        if not kept:
            session.print(f"note: {name} omitted because of collinearity")
    return [name for name, kept in zip(fixed, keep) if kept]


def _discrete(arg) -> None:
    from mlmcli.syntax.options import OptionSpec as Spec

    sub = resolve_options(read_options(str(arg)), [
        Spec("distribution", 1, takes_arg=True), Spec("link", 1, takes_arg=True),
        Spec("denominator", 2, takes_arg=True), Spec("extra", 1), Spec("offset", 1, takes_arg=True),
        Spec("proportion", 1, takes_arg=True), Spec("basecategory", 1, takes_arg=True),
        Spec("mql1"), Spec("mql2"), Spec("pql1"), Spec("pql2")])
    dist = str(sub.get("distribution") or "").split()
    if not dist:
        raise StataError("option distribution() required", 198)
    valid = ("normal", "binomial", "poisson", "nbinomial", "multinomial")
    if any(d not in valid for d in dist):
        raise StataError("Invalid distribution(). Valid distributions are: normal, binomial, poisson, "
                         "nbinomial, multinomial", 198)
    if dist == ["normal"]:
        raise StataError("The discrete option is unnecessary for univariate normal models", 198)
    raise StataError(NOT_DISCRETE, 198)


def _positive_integer(value, name: str) -> int:
    try:
        number = int(str(value).strip())
    except ValueError:
        raise StataError(f"option {name}() incorrectly specified", 198) from None
    if number <= 0:
        raise StataError(f"option {name}() incorrectly specified", 198)
    return number


def _if_in_rows(session, body):
    import numpy as np

    from mlmcli.sample import mark_sample

    return np.asarray(mark_sample(session, body, []), bool)


def _check_sorted(session, higher: list[Level], level1: Level, rows, opts) -> None:
    """runmlwin sends MLwiN data sorted by the level ids (highest first, from the highest level
    with random variables down); unsorted data are r(198) unless forcesort (then MLwiN gets a
    sorted copy: the data in memory keep their order)."""
    import numpy as np

    ids, used = [], False
    for lv in higher:
        used = used or bool(lv.variables)
        if used:
            ids.append(lv.idvar)
    if not ids or opts.get("nosort"):
        return
    keys = [np.nan_to_num(np.asarray(session.data.numeric(v), float)[rows], nan=np.inf) for v in ids]
    order = np.lexsort(tuple(reversed(keys)))
    if np.array_equal(order, np.arange(order.size)):
        return
    hierarchy = " ".join(ids + [level1.idvar])
    if opts.get("forcesort"):
        session.print(f"Warning: The data have been resorted in the order of the model hierarchy: {hierarchy}.\n")
        return
    raise StataError(f"The data must be sorted according to the order of the model hierarchy: {hierarchy}.\n", 198)


def _mixed_line(body, depvar, fixed, higher, covs, reml, opts) -> str:
    qualifiers = ""
    if body.if_exp:
        qualifiers += f" if {body.if_exp}"
    if body.in_range:
        qualifiers += f" in {body.in_range}"
    parts = [f"quietly mixed {depvar} {' '.join(fixed)}{qualifiers}, noconstant"]
    for lv, cov in zip(higher, covs):
        if lv.variables:
            parts.append(f"{lv.idvar}: {' '.join(lv.variables)}, noconstant" + (f" cov({cov})" if cov else ""))
    line = " || ".join(parts)
    tail = (" reml" if reml else " mle") + (f" iterate({int(str(opts['maxiterations']).strip())})"
                                            if "maxiterations" in opts else "")
    return line + tail  # the global options after the last equation's (or the fixed part's) comma


def _display(session, e, opts: dict) -> None:
    from mlmcli.commands.community.runmlwin_results import table_data
    from mlmcli.render.runmlwin import render_runmlwin
    from mlmcli.syntax.options import confidence_level

    for name, message in (("or", "Odds ratio options is only valid for univariate logit models"),
                          ("rrr", "Relative-rate ratio options is only valid for univariate unordered multinomial "
                                  "logit models"),
                          ("irr", "Incidence-rate ratio options is only valid for univariate poisson or negative "
                                  "binomial models")):
        if opts.get(name):
            raise StataError(message, 198)
    for name in ("cformat", "pformat", "sformat"):
        if opts.get(name):
            raise StataError(f"runmlwin's option {name}() is not available in mlm", 198)
    level = confidence_level(opts, 95.0)
    res = table_data(e, e.macros["depvars"], level, bool(opts.get("sd")))
    session.print("")
    if opts.get("nosort"):  # runmlwin computes no group sizes without its sort
        import dataclasses

        res = dataclasses.replace(res, groups=(), groups_unavailable=bool(res.groups))
    text = render_runmlwin(res, noheader=bool(opts.get("noheader")), nogroup=bool(opts.get("nogroup")),
                           nofetable=bool(opts.get("nofetable")), noretable=bool(opts.get("noretable")))
    if text:
        session.print(text)


def _replay(session, text: str) -> None:
    e = session.e
    if e is None or e.cmd != "runmlwin":
        raise StataError("last estimates not found", 301)
    opts = resolve_options(read_options(text.lstrip(",")), [
        OptionSpec("level", 1, takes_arg=True), OptionSpec("cformat", None, takes_arg=True),
        OptionSpec("pformat", None, takes_arg=True), OptionSpec("sformat", None, takes_arg=True),
        OptionSpec("noheader", 6), OptionSpec("nogroup", 4), OptionSpec("nocontrast", 6),
        OptionSpec("nofetable", None), OptionSpec("noretable", None), OptionSpec("sd"),
        OptionSpec("correlations", 3), OptionSpec("or"), OptionSpec("irr", 2), OptionSpec("rrr", 2),
        OptionSpec("mode", 2), OptionSpec("median", 2), OptionSpec("zratio", 1)])
    if opts.get("correlations"):
        raise StataError(f"runmlwin's option correlations is not available: {REFUSED['correlations']}", 198)
    if opts.get("mode") and opts.get("median"):
        raise StataError("Only specify one of mode or median", 198)
    _display(session, e, opts)
