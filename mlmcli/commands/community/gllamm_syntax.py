"""``gllamm``'s syntax (gllamm 2.3.20, Rabe-Hesketh, Skrondal & Pickles; ``help gllamm``) and
the ``eq`` command its random slopes are declared with.

    gllamm depvar [varlist] [if] [in], i(varlist) [nrf(#,...,#) eqs(eqnames) nocorrel
        noconstant family(gaussian|binomial|poisson) link(identity|logit|probit|cll|log|
        ologit|oprobit|ocll|mlogit) denom(varname) offset(varname) weight(stub) nip(#) adapt
        thresh(eqname) expanded(varname varname o) init
        iterate(#) level(#) eform nolog nodisplay]
    eq name: varlist

Option abbreviations are gllamm's own (``Estimate``'s two ``syntax`` statements: ``f()``
is family, ``l()`` link, ``le()`` level, ``w()`` weight, ``ad`` adapt, ``ni()`` nip).
gllamm's other options (factor loadings, latent classes ``ip(f)``, ``from()``, constraints,
robust and probability-weighted standard errors, ...) are recognised and refused with r(198)
rather than ignored: the glmm engine fits the generalized linear mixed models above, and
``gllamm_thresh_mlogit`` thresh(), link(mlogit) on expanded data and init.
"""
from __future__ import annotations

from dataclasses import dataclass

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec

SUPPORTED = [
    OptionSpec("i", 1, takes_arg=True), OptionSpec("nrf", 2, takes_arg=True), OptionSpec("eqs", 1, takes_arg=True),
    OptionSpec("nocorrel", 5), OptionSpec("noconstant", 4), OptionSpec("family", 1, takes_arg=True),
    OptionSpec("denom", 2, takes_arg=True), OptionSpec("link", 1, takes_arg=True),
    OptionSpec("offset", 1, takes_arg=True), OptionSpec("weightf", 1, takes_arg=True),
    OptionSpec("ip", 2, takes_arg=True), OptionSpec("nip", 2, takes_arg=True), OptionSpec("adapt", 2),
    OptionSpec("iterate", 2, takes_arg=True), OptionSpec("level", 2, takes_arg=True), OptionSpec("eform", 5),
    OptionSpec("nolog", 4), OptionSpec("nodisplay", 5),
    OptionSpec("from", 2, takes_arg=True), OptionSpec("skip", 4), OptionSpec("copy", 4),  # gllamm_start
    OptionSpec("thresh", 2, takes_arg=True), OptionSpec("expanded", 2, takes_arg=True),  # gllamm_thresh_mlogit
    OptionSpec("init", 2), OptionSpec("dots", 2),
]
REFUSED = [
    OptionSpec("geqs", 2, takes_arg=True), OptionSpec("peqs", 2, takes_arg=True),
    OptionSpec("bmatrix", 4, takes_arg=True), OptionSpec("inter", 5, takes_arg=True),
    OptionSpec("frload", 3, takes_arg=True),
    OptionSpec("basecategory", 1, takes_arg=True),
    OptionSpec("ethresh", 3, takes_arg=True), OptionSpec("composite", 4, takes_arg=True),
    OptionSpec("lv", 2, takes_arg=True), OptionSpec("fv", 2, takes_arg=True), OptionSpec("s", 1, takes_arg=True),
    OptionSpec("nats", 4), OptionSpec("constraints", 1, takes_arg=True),
    OptionSpec("long", 4), OptionSpec("gateaux", 1, takes_arg=True), OptionSpec("lf0", 3, takes_arg=True),
    OptionSpec("search", 2, takes_arg=True), OptionSpec("robust", 3), OptionSpec("cluster", 2, takes_arg=True),
    OptionSpec("pweight", 2, takes_arg=True), OptionSpec("trace", 2),
    OptionSpec("noestimate", 4), OptionSpec("eval", 2), OptionSpec("nodifficult", 6),
    OptionSpec("allc", 4), OptionSpec("adoonly", 5),
    OptionSpec("prior", 2, takes_arg=True),
]
OPTIONS = SUPPORTED + REFUSED
REPLAY_OPTIONS = [OptionSpec("level", 1, takes_arg=True), OptionSpec("eform", 5), OptionSpec("allc", 4),
                  OptionSpec("robust", 3), OptionSpec("cluster", 2, takes_arg=True), OptionSpec("dots", 2),
                  OptionSpec("scorefil", 2, takes_arg=True), OptionSpec("norob", 5), OptionSpec("nodisplay", 5),
                  OptionSpec("eval", 2)]

WHY_REFUSED = {
    "robust": "robust standard errors", "cluster": "cluster-robust standard errors",
    "pweight": "probability weights", "long": "from() with long", "trace": "option trace",
    "constraints": "constraints", "frload": "factor loadings", "geqs": "regressions of random effects",
    "bmatrix": "structural equations (bmatrix())", "s": "heteroscedastic level-1 variances (s())",
    "ethresh": "threshold equations (ethresh())",
    "composite": "composite links", "lv": "several links", "fv": "several families", "allc": "option allc",
}


def refuse(name: str) -> StataError:
    what = WHY_REFUSED.get(name, f"option {name}")
    return StataError(f"gllamm: {what} not available in mlmcli", 198)


# ====================================================================== family and link
# gllamm's names (programs fm and lnk: a word matches when it abbreviates the name to at
# least the given length) -> the engine's family / link
FAMILIES = (("gaussian", 3, "gaussian"), ("normal", 3, "gaussian"), ("poisson", 3, "poisson"),
            ("binomial", 3, "binomial"), ("gamma", 3, "gamma"))
LINKS = (("identity", 2, "identity"), ("log", 3, "log"), ("logit", 4, "logit"), ("mlogit", 3, "mlogit"),
         ("smlogit", 3, "smlogit"), ("ologit", 3, "ologit"), ("oprobit", 3, "oprobit"),
         ("probit", 3, "probit"), ("ocll", 3, "ocll"), ("cll", 3, "cll"), ("ll", 2, "ll"),
         ("sprobit", 3, "sprobit"), ("soprobit", 3, "soprobit"), ("reciprocal", 3, "reciprocal"))
DEFAULT_LINK = {"gaussian": "identity", "poisson": "log", "binomial": "logit", "gamma": "reciprocal"}
ENGINE_LINK = {"identity": "identity", "log": "log", "logit": "logit", "probit": "probit", "cll": "cloglog",
               "ologit": "logit", "oprobit": "probit", "ocll": "cloglog"}
# e(famil) / e(link) as gllamm stores them
FAMILY_WORD = {"gaussian": "gauss", "poisson": "poiss", "binomial": "binom", "gamma": "gamma"}
LINK_WORD = {"identity": "ident", "log": "log", "logit": "logit", "probit": "probit", "cll": "cll",
             "ologit": "ologit", "oprobit": "oprobit", "ocll": "ocll"}


def _match(typed: str, table, what: str) -> str:
    word = typed.strip().lower()
    for name, least, value in table:
        if name.startswith(word) and len(word) >= least:
            return value
    raise StataError(f"unknown {what}() {typed.strip()}", 198)


def link_word(typed: str) -> str:
    """The gllamm link ``link(typed)`` names (``mlogit``, ``ologit`` ...), abbreviations as gllamm reads them."""
    return _match(typed, LINKS, "link")


@dataclass(frozen=True)
class FamilyLink:
    family: str  # gaussian | poisson | binomial | ordinal (engine's words, binomial before denom())
    link: str  # engine's link
    gllamm_family: str  # e(famil)
    gllamm_link: str  # e(link)


def family_link(opts: dict) -> FamilyLink:
    """family() and link() as gllamm reads them (lnkfm): no family means gaussian; no link the
    family's default; an ordinal link makes the model ordinal whatever the family."""
    if len(str(opts.get("family", "")).split()) > 1 or len(str(opts.get("link", "")).split()) > 1:
        raise StataError("gllamm: several families or links (fv(), lv()) not available in mlmcli", 198)
    fam = _match(opts["family"], FAMILIES, "family") if str(opts.get("family", "")).strip() else "gaussian"
    link = (_match(opts["link"], LINKS, "link") if str(opts.get("link", "")).strip() else DEFAULT_LINK[fam])
    if link in ("ologit", "oprobit", "ocll"):
        return FamilyLink("ordinal", ENGINE_LINK[link], "", LINK_WORD[link])
    if fam == "gamma":
        raise StataError("gllamm: family(gamma) not available in mlmcli (the glmm engine has no gamma family)", 198)
    if link not in ENGINE_LINK:
        raise StataError(f"gllamm: link({link}) not available in mlmcli", 198)
    allowed = {"gaussian": ("identity",), "poisson": ("log",), "binomial": ("logit", "probit", "cll")}
    if link not in allowed[fam]:
        raise StataError(f"gllamm: link({link}) with family({fam}) not available in mlmcli", 198)
    return FamilyLink(fam, ENGINE_LINK[link], FAMILY_WORD[fam], LINK_WORD[link])


# ====================================================================== eq
def equation_store(session) -> dict:
    """``eq`` definitions of this session (name -> variable names as typed)."""
    return session.settings.setdefault("gllamm_equations", {})


def cmd_eq(session, cmd) -> None:
    """``eq [name:] varlist``: define an equation (Stata's old ``equation`` command, which
    gllamm reads for ``eqs()``).  Without ``name:`` the first variable names it."""
    text = cmd.args.strip()
    if not text:
        raise StataError("invalid syntax", 198)
    name, sep, rest = text.partition(":")
    if sep:
        name = name.strip()
        if not name or len(name.split()) != 1:
            raise StataError("invalid syntax", 198)
        words = rest.split()
    else:
        words = text.split()
        name = words[0]
    if not name.replace("_", "a").isalnum() or name[0].isdigit():
        raise StataError(f"{name} invalid name", 198)
    variables = session.data.expand_varlist(words, allow_empty=True) if words else []
    equation_store(session)[name] = tuple(variables)


def equation_variables(session, name: str) -> tuple[str, ...]:
    store = equation_store(session)
    if name not in store:
        raise StataError(f"equation {name} not found", 111)
    return store[name]


def integer_list(text: str, option: str) -> list[int]:
    words = str(text).replace(",", " ").split()
    try:
        nums = [int(w) for w in words]
    except ValueError:
        raise StataError(f"{option}() invalid", 198) from None
    if not nums or any(n < 1 for n in nums):
        raise StataError(f"{option}() invalid", 198)
    return nums
