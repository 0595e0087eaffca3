"""``mixed``'s syntax: the command text -> ``MixedCommand`` (names still as typed).

    mixed depvar [fe_indepvars] [if] [in] [weight] [, fe_options]
          || re_equation [|| re_equation ...] [, options]
    re_equation := levelvar: [varlist | R.varname] [, re_options]

The text is split at the top-level ``||``; each piece is then read by the command
parser's general form (``parser.parse_arguments``).  ``mixed``/``xtmixed`` take ``if``,
``in`` and ``[pw|fw=...]`` in any piece, fixed part or equation, each at most once
(Stata's _mixed_parseifin: "allow if/in anywhere"; a second one is r(198)); they define the
one estimation sample and observation weight wherever typed.  The me commands' pieces
other than the fixed part take none (_me_estimate: ``if not allowed`` r(101) and its kin).  Global options may follow the fixed part or the last
equation.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from mlmcli.ast import Command, Weight
from mlmcli.errors import StataError, invalid_syntax, option_not_allowed
from mlmcli.syntax.options import OptionSpec, choice_option, resolve_options
from mlmcli.parser import parse_arguments, weight_kind
from mlmcli.sample import refuse_sample_qualifiers
from mlmcli.textscan import find_top, split_top

COVARIANCES = {  # canonical name -> minimal abbreviation
    "independent": 3, "exchangeable": 2, "identity": 2, "unstructured": 2,
}

RE_OPTIONS = [
    OptionSpec("covariance", 3, takes_arg=True),
    OptionSpec("noconstant", 5),
    OptionSpec("collinear", 3),
    OptionSpec("fweight", 2, takes_arg=True),
    OptionSpec("pweight", 2, takes_arg=True),
]

# Every option of Stata 13's mixed (help mixed; Stata 14's dfmethod()/dftable()/small added).
# What each does here -- honoured, or refused with r(198) -- is tested option by option in
# tests/test_mixed_option_walk.py.
GLOBAL_OPTIONS = [
    OptionSpec("mle", 2), OptionSpec("reml", 4),
    OptionSpec("dfmethod", 3, takes_arg=True),
    OptionSpec("pwscale", 7, takes_arg=True),
    OptionSpec("residuals", 3, takes_arg=True),
    OptionSpec("vce", 3, takes_arg=True),
    OptionSpec("cluster", 2, takes_arg=True),  # Stata's old synonym of vce(cluster varname)
    OptionSpec("robust", 1),  # and of vce(robust): _xtmixed_estimate's Robust CLuster(passthru)
    OptionSpec("level", 1, takes_arg=True),
    OptionSpec("variance", 3), OptionSpec("stddeviations", 6),
    OptionSpec("dftable", 5, takes_arg=True), OptionSpec("small", 5),
    OptionSpec("noretable", 5), OptionSpec("nofetable", 5), OptionSpec("estmetric", 4),
    OptionSpec("noheader", 6), OptionSpec("nogroup", 4), OptionSpec("nostderr", 5),
    OptionSpec("nolrtest", 4),
    OptionSpec("nolog", 4), OptionSpec("log", 2),
    OptionSpec("iterate", 4, takes_arg=True), OptionSpec("tolerance", 3, takes_arg=True),
    OptionSpec("ltolerance", 4, takes_arg=True), OptionSpec("nrtolerance", 5, takes_arg=True),
    OptionSpec("nonrtolerance", 7), OptionSpec("gtolerance", 4, takes_arg=True),
    OptionSpec("emiterate", 6, takes_arg=True),
    OptionSpec("emtolerance", 5, takes_arg=True), OptionSpec("emonly", 6), OptionSpec("emlog", 5),
    OptionSpec("emdots", 5), OptionSpec("matsqrt", 7), OptionSpec("matlog", 6),
    OptionSpec("technique", 4, takes_arg=True), OptionSpec("difficult", 3), OptionSpec("trace", 2),
    OptionSpec("gradient", 4), OptionSpec("hessian", 4), OptionSpec("showstep", 8),
    OptionSpec("showtolerance", 7), OptionSpec("shownrtolerance", 6), OptionSpec("dots", 4),
    OptionSpec("cformat", 7, takes_arg=True), OptionSpec("pformat", 7, takes_arg=True),
    OptionSpec("sformat", 7, takes_arg=True), OptionSpec("nolstretch", 10),
    OptionSpec("noomitted", 6), OptionSpec("vsquish", 7), OptionSpec("noemptycells", 7),
    OptionSpec("baselevels", 4), OptionSpec("allbaselevels", 7), OptionSpec("nofvlabel", 9), OptionSpec("fvlabel", 5),
    OptionSpec("fvwrap", 6, takes_arg=True), OptionSpec("fvwrapon", 8, takes_arg=True),
    OptionSpec("coeflegend", 5),
]

# Options of Stata's optimizer mlmcli cannot honour: its fits have no EM phase, no
# Newton-Raphson iterations to trace, and one algorithm (profiled deviance, quasi-Newton);
# they are refused (Stata's wording for a refused option, r(198)), never ignored.
# ``technique(nr)`` -- Stata's default -- names the default and is accepted; bhhh is
# refused with Stata's own message (help mixed: "The bhhh algorithm may not be specified").
# ``difficult`` is accepted: [R] maximize says it makes ml use "a different stepping
# algorithm ... in nonconcave regions" (where ml's Newton step would follow a Hessian that is
# not negative definite).  mlmcli's optimizer takes quasi-Newton steps whose BFGS matrix is
# positive definite by construction, so it never steps on a nonconcave Hessian: the option
# asks for what it already does, and the estimates are the same with or without it.
# ``emiterate(#)`` and ``emtolerance(#)`` are accepted: Stata's EM iterations only move the start
# of the gradient-based fit (emonly aside, refused), and mlmcli's estimates do not depend on
# the start; ``emiterate(0)`` runs none, so the log has no ``Performing EM optimization:``
# heading (_xtmixed_estimate prints it in IterateEM, called only for a nonzero emiterate()).
# ``emlog``/``emdots`` would show EM iterations mlmcli does not run: refused.
REFUSED_OPTIONS = ("nrtolerance", "nonrtolerance", "gtolerance",
                   "emonly", "emlog", "emdots", "trace", "gradient",
                   "hessian", "showstep", "showtolerance", "shownrtolerance", "dots")

FE_OPTIONS = [OptionSpec("noconstant", 5)]

DISPLAY_OPTIONS = ("variance", "stddeviations", "estmetric", "noretable", "nofetable",
                   "noheader", "nogroup", "nolrtest", "level", "baselevels", "allbaselevels",
                   "cformat", "sformat", "pformat", "dftable", "small", "coeflegend", "noomitted",
                   "vsquish", "noemptycells", "nofvlabel", "fvlabel", "fvwrap", "fvwrapon", "nolstretch")

# xtmixed (the archived help of Stata 12's xtmixed, which Stata 13 keeps as "the original
# help file"): no stddeviations (its default metric), no dfmethod()/dftable()/small
# (Stata 14).
XTMIXED_ONLY_NOT = ("stddeviations", "dfmethod", "dftable", "small")


_NO_NR = "its optimizer runs no Newton-Raphson iterations"
_WHY = {"emonly": "its fit has no EM phase; its estimates are the ML or REML optimum",
        "emlog": "it runs no EM iterations to show", "emdots": "it runs no EM iterations to show",
        "nrtolerance": _NO_NR, "nonrtolerance": _NO_NR, "gtolerance": _NO_NR, "trace": _NO_NR,
        "gradient": _NO_NR, "hessian": _NO_NR, "showstep": _NO_NR, "showtolerance": _NO_NR,
        "shownrtolerance": _NO_NR, "dots": _NO_NR}


def em_iterations(options: dict) -> int:
    """``emiterate(#)`` (Stata's default 20), ``emtolerance(#)`` checked as a number: syntax's
    ``integer``/``real`` arguments."""
    if "emtolerance" in options:
        try:
            float(str(options["emtolerance"]).strip())
        except ValueError:
            raise StataError("option emtolerance() incorrectly specified", 198) from None
    if "emiterate" not in options:
        return 20
    try:
        return int(str(options["emiterate"]).strip())
    except ValueError:
        raise StataError("option emiterate() incorrectly specified", 198) from None


def refuse_unsupported(options: dict) -> None:
    """r(198) for the options mlmcli's optimizer cannot honour (``REFUSED_OPTIONS``)."""
    for name in REFUSED_OPTIONS:
        if name in options:
            arg = "()" if next(s for s in GLOBAL_OPTIONS if s.name == name).takes_arg else ""
            raise StataError(f"option {name}{arg} not allowed: not supported by mlmcli ({_WHY[name]})", 198)
    em_iterations(options)
    tech = options.get("technique")
    if tech is not None:
        words = str(tech).lower().split()
        if "bhhh" in words:
            raise StataError("option technique(bhhh) not allowed", 198)
        if any(w not in ("nr",) and not w.isdigit() for w in words) or not words:
            raise StataError(f"option technique({tech}) not allowed", 198)


@dataclass(frozen=True)
class REEquation:
    """``levelvar: [varlist | R.var] [, covariance() noconstant fweight() pweight()]`` as typed."""

    levelvar: str  # as typed; ``_all`` for one group of all observations
    varlist: str = ""
    factor_var: str | None = None  # ``R.varname``
    covariance: str | None = None  # canonical, None = default
    noconstant: bool = False
    fweight: str | None = None
    pweight: str | None = None
    collinear: bool = False  # keep collinear random-effects variables
    iweight: str | None = None  # the panels' iweight of xtlogit/xtprobit/xtpoisson, re (not typed to mixed/me)


@dataclass(frozen=True)
class MixedCommand:
    """A parsed ``mixed`` command line (names still as typed)."""

    depvar: str
    fixed: str  # the fixed-effects term list text
    if_exp: str | None = None
    in_range: object = None
    weight: object = None
    noconstant: bool = False
    equations: tuple[REEquation, ...] = ()
    options: dict = field(default_factory=dict)  # canonical global option -> value
    fe_options: dict = field(default_factory=dict)  # the fixed part's options (noconstant, offset() ...)


def canonical_covariance(typed: str, parsecmd: bool = False) -> str:
    """covariance()'s structure, read with its case.  ``parsecmd``: _mixed_parsecmd.ado's ParseCov
    (mixed, xtmixed, xtmelogit ...) reads it with ``syntax [, INDependent EXchangeable IDentity
    UNstructured *]`` and refuses the rest as "UN invalid covariance structure" r(198)."""
    if not parsecmd:  # the me commands: their reader was not found, so the case is folded as before
        return choice_option(typed, COVARIANCES.items(), "covariance", fold_case=True)
    try:
        return choice_option(typed, COVARIANCES.items(), "covariance")
    except StataError:
        raise StataError(f"{str(typed).strip()} invalid covariance structure", 198) from None


def read_piece(text: str) -> Command:
    """One ``||`` piece in the general command form; option names as typed (``NOLOG`` is not
    ``nolog``: r(198)); a second comma, ``|| id:, reml dfmethod(satterthwaite),``, is the
    general parser's [U] 11 return to the command line."""
    piece = parse_arguments(text, "mixed")
    return replace(piece, args=piece.args or "")


def display_options(text: str) -> dict:
    """``mixed, level(90) stddev`` (replay): the typed options resolved against mixed's."""
    return resolve_options(read_piece(text).options, GLOBAL_OPTIONS)


def _split_options(options, specs, other_specs):
    """Options matching ``specs`` vs the rest (which must match ``other_specs``)."""
    mine, rest = [], []
    for o in options:
        (mine if any(s.matches(o.name) for s in specs) else rest).append(o)
    return resolve_options(mine, specs), resolve_options(rest, other_specs)


def _random_factor(body: str, words: list[str]) -> str:
    """The variable of ``R.varname`` as _mixed_parsecmd reads it: one word (else "... invalid
    level specification"), ``R.`` and a name with no further dot (else "... invalid random
    factor"); ``R.a*R.b`` (the ado's product of random factors) is not implemented here."""
    if len(words) != 1:
        raise StataError(f"{body} invalid level specification", 198)
    word = words[0]
    if "*" in word:
        raise StataError(f"{word}: products of random factors (R.a*R.b) are not implemented in mlm", 198)
    head, _, name = word.partition(".")
    if head.upper() != "R" or not name:
        raise invalid_syntax()
    if "." in name:
        raise StataError(f"{word} invalid random factor", 198)
    return name


def _parse_equation(text: str, options, global_options=GLOBAL_OPTIONS,
                    parsecmd: bool = False) -> tuple[REEquation, dict]:
    """One ``levelvar: ...`` equation; returns the equation and any global options in it
    (``parsecmd``: _mixed_parsecmd's messages, canonical_covariance)."""
    colon = find_top(text, ":")
    if colon < 0:
        raise StataError("invalid random-effects specification" if text.strip() else "invalid syntax", 198)
    level = text[:colon].strip()
    if not level or len(level.split()) != 1:
        raise invalid_syntax()
    body = text[colon + 1:].strip()
    re_opts, glob = _split_options(options, RE_OPTIONS, global_options)
    factor_var = None
    rvars = body.split()
    rs = [w for w in rvars if w[:2] in ("R.", "r.")]
    if rs:
        factor_var = _random_factor(body, rvars)
        body = ""
    cov = re_opts.get("covariance")
    cov = canonical_covariance(cov, parsecmd) if cov else None
    if factor_var is not None:
        # _mixed_parsecmd.ado (ParseCov): independent and unstructured are refused for a
        # factor; noconstant is accepted and has no effect (an R. term has no constant)
        if cov not in (None, "identity", "exchangeable"):
            raise StataError(f"{cov} covariance structure not allowed for factor variables", 198)
    return REEquation(
        levelvar=level, varlist=body, factor_var=factor_var, covariance=cov,
        noconstant=bool(re_opts.get("noconstant")) and factor_var is None,
        fweight=re_opts.get("fweight"), pweight=re_opts.get("pweight"),
        collinear=bool(re_opts.get("collinear")),
    ), glob


def _sample_anywhere(pieces) -> tuple:
    """The one ``if``, ``in`` and ``[weight]`` of all pieces, as _mixed_parseifin gathers
    them: a second of any is r(198) with its message, checked piece by piece."""
    found = {"if": None, "in": None, "weight": None}
    messages = {"if": "multiple if conditions not allowed", "in": "multiple in ranges not allowed",
                "weight": "multiple observation weights not allowed"}
    for piece in pieces:
        for key, value in (("if", piece.if_exp), ("in", piece.in_range), ("weight", piece.weight)):
            if value is None:
                continue
            if found[key] is not None:
                raise StataError(messages[key], 198)
            found[key] = value
    return found["if"], found["in"], found["weight"]


def _refuse_aweights(pieces) -> None:
    """The me commands (_me_parse.ado): every piece is first read with ``[fw pw iw]``."""
    for piece in pieces:
        if piece.weight is not None and weight_kind(piece.weight) in ("aweight", "weight"):
            raise StataError("aweights not allowed", 101)


def _refuse_sample_in_equation(piece) -> None:
    """The me commands (_me_estimate.ado): a random-effects equation is read with
    ``syntax [anything] [, noCONstant *]``, so an if, in or weight typed in it is refused as
    syntax refuses them (the first equation holding one, if before in before weight)."""
    refuse_sample_qualifiers(piece)


def parse_mixed(text: str, global_options=GLOBAL_OPTIONS, fe_options=FE_OPTIONS,
                sample_anywhere: bool = False) -> MixedCommand:
    """Split ``mixed``'s raw arguments into the fixed part, equations and options (the
    ``me`` commands pass their own global and fixed-part option tables).
    ``sample_anywhere``: if/in/[weight] may be typed in an equation (mixed, xtmixed)."""
    parts = split_top(text, "||")
    if len(parts) > 2 and not parts[-1].strip():
        # a trailing || after the last equation (``|| id: ||``) adds nothing: a public do-file
        # fits thirteen xtmixed models written so and reports them (tests/realworld heldout
        # anon-ptv-welfare-support); Stata's _parse expand was not read, so a lone ``y x ||``
        # stays refused
        parts = parts[:-1]
    fe = read_piece(parts[0])
    pieces = [read_piece(eq_text) for eq_text in parts[1:]]
    if sample_anywhere:
        if_exp, in_range, typed_weight = _sample_anywhere([fe, *pieces])
        fe = replace(fe, if_exp=if_exp, in_range=in_range, weight=typed_weight)
        pieces = [replace(p, if_exp=None, in_range=None, weight=None) for p in pieces]
    words = fe.args.split()
    if not words:
        raise StataError("varlist required", 100)
    fe_opts, glob = _split_options(fe.options, fe_options, global_options)
    options = dict(glob)
    equations = []
    last = len(parts) - 2
    if not sample_anywhere:
        _refuse_aweights(pieces)
    for k, piece in enumerate(pieces):
        if not sample_anywhere:
            _refuse_sample_in_equation(piece)
        if not piece.args.strip() and k == last and not piece.has_comma:
            raise invalid_syntax()
        if k < last:  # only the last equation may carry global options
            bad = [o for o in piece.options if not any(s.matches(o.name) for s in RE_OPTIONS)]
            if bad:
                raise option_not_allowed(bad[0].name, bad[0].arg)
        # the commands that take if/in/weights in an equation (mixed, xtmixed, meqr's xtmelogit
        # ...) are the ones whose equations _mixed_parsecmd.ado reads
        eq, g = _parse_equation(piece.args, piece.options, global_options, parsecmd=sample_anywhere)
        equations.append(eq)
        options.update(g)
    if "mle" in options and "reml" in options:
        raise StataError("options mle and reml may not be specified together", 198)
    if "variance" in options and "stddeviations" in options:
        raise StataError("variance and stddeviations may not be specified together", 198)
    if "cluster" in options:  # cluster(varname): vce(cluster varname), as Stata's _vce_parse reads it
        if "vce" in options:
            raise StataError("options vce() and cluster() may not be combined", 198)
        options["vce"] = f"cluster {str(options.pop('cluster')).strip()}"
        options.pop("robust", None)  # _vce_parse ..., old: robust with cluster() is the cluster vce
    if "robust" in options:  # robust: vce(robust) (_vce_parse, opt(OIM Robust) old)
        if "vce" in options:
            raise StataError("options vce() and robust may not be combined", 198)
        options.pop("robust")
        options["vce"] = "robust"
    weight = Weight(weight_kind(fe.weight), fe.weight.exp) if fe.weight is not None else None
    return MixedCommand(depvar=words[0], fixed=" ".join(words[1:]), if_exp=fe.if_exp, in_range=fe.in_range,
                        weight=weight, noconstant=bool(fe_opts.get("noconstant")),
                        equations=tuple(equations), options=options, fe_options=fe_opts)
