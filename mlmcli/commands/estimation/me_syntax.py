"""The ``me`` commands' syntax ([ME] meglm and its siblings, Stata 13):

    melogit depvar [fe_indepvars] [if] [in] [weight] [, fe_options]
            || re_equation [|| re_equation ...] [, options]

with ``mixed``'s equation syntax (``levelvar: [varlist] [, covariance() noconstant
fweight() pweight()]``, ``_all: R.x``; read by ``mixed_syntax.parse_mixed`` with the
option tables below).  ``fe_options``: ``noconstant``, ``offset()``, ``exposure()``
(count models), ``asis``.  What each command fixes: family and link (``meglm`` takes
``family()``/``link()``), which of ``binomial()``, ``dispersion()``, ``or``/``irr``/
``eform`` it accepts.
"""
from __future__ import annotations

from dataclasses import dataclass

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, choice_option

# command -> (family, link); meglm's come from family()/link()
FAMILY_LINK = {
    "melogit": ("bernoulli", "logit"), "meprobit": ("bernoulli", "probit"),
    "mecloglog": ("bernoulli", "cloglog"), "mepoisson": ("poisson", "log"),
    "menbreg": ("nbinomial", "log"), "meologit": ("ordinal", "logit"),
    "meoprobit": ("ordinal", "probit"), "meglm": (None, None),
    "metobit": ("gaussian", "identity"), "meintreg": ("gaussian", "identity"),
}
# the eform option each command has (``or`` for the logit models, ``irr`` for counts)
EFORM_OPTION = {"melogit": "or", "meologit": "or", "mepoisson": "irr", "menbreg": "irr",
                "mecloglog": "eform", "meglm": "eform"}
# meglm takes the others' too ([ME] meglm's quick start: ``meglm y x1 || lev2:, family(binomial)
# or``), each with its own heading of the exponentiated column
MEGLM_EFORMS = (("eform", "exp(b)"), ("or", "Odds Ratio"), ("irr", "IRR"))


def eform_heading(command: str, opts: dict) -> str | None:
    """The heading of the exponentiated coefficients when an eform option was typed, else None."""
    if command == "meglm":
        return next((label for name, label in MEGLM_EFORMS if opts.get(name)), None)
    eform = EFORM_OPTION.get(command)
    if not (eform and opts.get(eform)):
        return None
    return {"or": "Odds Ratio", "irr": "IRR"}.get(eform, "exp(b)")

FAMILIES = (("gaussian", 3), ("bernoulli", 4), ("binomial", 3), ("poisson", 3), ("nbinomial", 2),
            ("ordinal", 1), ("gamma", 3))
LINKS = (("identity", 1), ("log", 3), ("logit", 4), ("probit", 1), ("cloglog", 1))
CANONICAL_LINK = {"gaussian": "identity", "bernoulli": "logit", "binomial": "logit", "poisson": "log",
                  "nbinomial": "log", "ordinal": "logit", "gamma": "log"}
ALLOWED_LINKS = {"gaussian": ("identity",), "bernoulli": ("logit", "probit", "cloglog"),
                 "binomial": ("logit", "probit", "cloglog"), "poisson": ("log",),
                 "nbinomial": ("log",), "ordinal": ("logit", "probit", "cloglog"), "gamma": ("log",)}

FE_OPTIONS = [OptionSpec("noconstant", 6), OptionSpec("offset", 3, takes_arg=True),
              OptionSpec("exposure", 3, takes_arg=True), OptionSpec("asis", 4)]

# options honoured by every me command (abbreviations as the help files' syntax tables give
# them: {opth intm:ethod()}, {opt intp:oints(#)})
COMMON = [
    OptionSpec("intmethod", 4, takes_arg=True), OptionSpec("intpoints", 4, takes_arg=True),
    OptionSpec("vce", 3, takes_arg=True), OptionSpec("level", 1, takes_arg=True),
    OptionSpec("notable", 5), OptionSpec("noheader", 6), OptionSpec("nogroup", 6), OptionSpec("nolrtest", 6),
    OptionSpec("nolog", 5), OptionSpec("log", 3), OptionSpec("variance", 3), OptionSpec("stddeviations", 6),
    OptionSpec("iterate", 4, takes_arg=True), OptionSpec("tolerance", 3, takes_arg=True),
    OptionSpec("ltolerance", 4, takes_arg=True), OptionSpec("nrtolerance", 5, takes_arg=True),
    OptionSpec("cformat", 7, takes_arg=True), OptionSpec("pformat", 7, takes_arg=True),
    OptionSpec("sformat", 7, takes_arg=True), OptionSpec("baselevels", 4), OptionSpec("allbaselevels", 7),
    OptionSpec("nocnsreport", 6), OptionSpec("noomitted", 6), OptionSpec("vsquish", 7),
    OptionSpec("noemptycells", 7), OptionSpec("nofvlabel", 9), OptionSpec("fvlabel", 5), OptionSpec("nolstretch", 10),
    # [R] maximize's options (REFUSED, PATH_OPTIONS) and gsem's start and derivative options
    OptionSpec("technique", 4, takes_arg=True), OptionSpec("difficult", 4), OptionSpec("trace", 3),
    OptionSpec("gradient", 4), OptionSpec("hessian", 4), OptionSpec("showstep", 8),
    OptionSpec("showtolerance", 8), OptionSpec("nonrtolerance", 7), OptionSpec("from", 4, takes_arg=True),
    OptionSpec("startvalues", 6, takes_arg=True),  # gsem_parse.ado: STARTValues, STARTGrid
    OptionSpec("startgrid", 6, takes_arg=True, arg_optional=True, repeatable=True),
    OptionSpec("noestimate", 5), OptionSpec("dnumerical", 10), OptionSpec("coeflegend", 5),
    OptionSpec("collinear", 3), OptionSpec("constraints", 6, takes_arg=True),
    OptionSpec("fvwrap", 6, takes_arg=True), OptionSpec("fvwrapon", 8, takes_arg=True),  # display options
    # gsem's undocumented evaluator choice, which meglm passes on: how ml gets the derivatives
    # (gf0 numerical, gf1/gf2 analytical), not what it maximizes -- the estimates are the same,
    # so it is honoured by fitting as usual (real do-files type evaltype(gf0) with meglm/meologit)
    OptionSpec("evaltype", 8, takes_arg=True),
]
EVALTYPES = ("gf0", "gf1", "gf2")
# technique() is honoured when its algorithms are nr, dfp or bfgs (``check_technique``): [R] maximize's
# techniques change the path to the maximum of the same likelihood, not the maximum, and
# mlmcli's maximiser reaches it by its own steps.  bhhh is refused: under ml it also makes
# the default variance the outer product of the gradients, which the me fit does not compute.
# difficult, nonrtolerance and dnumerical are honoured (``PATH_OPTIONS``); the display options
# of the iteration log are refused: mlmcli's iterations are not ml's (BFGS in its own
# parametrization), so their parameter vectors, gradients and Hessians would not be Stata's
REFUSED = ("trace", "gradient", "hessian", "showstep", "showtolerance")
# option -> the GLMMSpec field it sets ([R] maximize, [SEM] gsem estimation options)
PATH_OPTIONS = (("difficult", "difficult"), ("nonrtolerance", "nonrtolerance"), ("dnumerical", "dnumerical"))

def check_technique(typed) -> None:
    """``technique()``'s words read as ml reads them ("option technique() invalid" r(198) for a
    word that is neither a technique nor a count); bhhh refused (above)."""
    from mlmcli.conditional_techniques import technique_schedule

    if any(name == "bhhh" for name, _count in technique_schedule(typed)):
        raise StataError("option technique(bhhh) not allowed: not supported by mlmcli (its variance "
                         "would be the outer product of the gradients)", 198)


DISPLAY_OPTIONS = ("level", "notable", "noheader", "nogroup", "nolrtest", "variance", "stddeviations",
                   "cformat", "pformat", "sformat", "baselevels", "allbaselevels", "or", "irr", "eform",
                   "nocnsreport", "noomitted", "vsquish", "noemptycells", "nofvlabel", "fvlabel", "nolstretch", "coeflegend",
                   "fvwrap", "fvwrapon")


def global_options(command: str) -> list[OptionSpec]:
    """The option table of ``command`` (the common options plus its own)."""
    own = []
    if command in ("melogit", "meprobit", "mecloglog"):
        own.append(OptionSpec("binomial", 3, takes_arg=True))
    if command in ("melogit", "meprobit", "mecloglog", "meglm"):
        # gsem's global noASIS (gsem_parse.ado), which _me_estimate.ado hands on to gsem
        own.append(OptionSpec("noasis", 6))
    if command == "menbreg":
        own.append(OptionSpec("dispersion", 4, takes_arg=True))
    if command == "meglm":
        own += [OptionSpec("family", 3, takes_arg=True), OptionSpec("link", 4, takes_arg=True)]
    if command == "metobit":  # ll[(varname|#)] ul[(varname|#)]
        own += [OptionSpec("ll", 2, takes_arg=True, arg_optional=True),
                OptionSpec("ul", 2, takes_arg=True, arg_optional=True)]
    if command == "meglm":
        own += [OptionSpec(name, len(name)) for name, _label in MEGLM_EFORMS]
    elif command in EFORM_OPTION:
        own.append(OptionSpec(EFORM_OPTION[command], len(EFORM_OPTION[command])))
    return COMMON + own


@dataclass(frozen=True)
class FamilyChoice:
    """Family, link and their arguments: binomial trials (variable name or number, as typed)
    and the negative binomial's dispersion."""

    family: str
    link: str
    trials: str | None = None
    dispersion: str = "mean"


def _dispersion(typed: str | None) -> str:
    if typed is None or not str(typed).strip():
        return "mean"
    return choice_option(typed, (("mean", 1), ("constant", 1)), "dispersion", fold_case=True)


def family_choice(command: str, opts: dict) -> FamilyChoice:
    """The model's family and link from the command and ``family()``/``link()``/
    ``binomial()``/``dispersion()``."""
    fam, link = FAMILY_LINK[command]
    trials = opts.get("binomial")
    dispersion = _dispersion(opts.get("dispersion"))
    if command == "meglm":
        from mlmcli.commands.program.tokens import strip_quotes

        # the family's words are tokens, quoted or not: xthybrid.ado types family("gaussian")
        words = [strip_quotes(w) for w in str(opts.get("family", "gaussian")).split()]
        if not words:
            raise StataError("family() invalid", 198)
        fam = choice_option(words[0], FAMILIES, "family", fold_case=True)
        if fam == "binomial":
            trials = " ".join(words[1:]) or "1"
        elif fam == "nbinomial":
            dispersion = _dispersion(" ".join(words[1:]) or None)
        elif len(words) > 1:
            raise StataError(f"family({' '.join(words)}) invalid", 198)
        link = CANONICAL_LINK[fam]
        if "link" in opts:
            link = choice_option(strip_quotes(str(opts["link"]).strip()), LINKS, "link", fold_case=True)
        if link not in ALLOWED_LINKS[fam]:
            raise StataError(f"link {link} not allowed with family {fam}", 198)
    if trials is not None:
        if not str(trials).strip():
            raise StataError("binomial() invalid", 198)
        fam = "binomial"
    return FamilyChoice(fam, link, None if trials is None else str(trials).strip(), dispersion)
