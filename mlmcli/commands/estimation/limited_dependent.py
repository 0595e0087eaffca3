"""What zip/zinb, heckman, truncreg, tpoisson/tnbreg/ztp/ztnb and cnsreg share: their weights,
ml's maximisation options and an equation option's ``[depvar =] varlist [, noconstant
offset(v)]`` (zip's inflate(), heckman's select())."""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, integer_option, number_option, resolve_options
from mlmcli.syntax.settings import setting_value


def model_weights(session, cmd, sample: np.ndarray, *, aweights: bool = True):
    """The weights on every row and their kind (None, None without); ``sample`` loses the rows
    with a missing or zero weight.  A bare ``weight`` is aweights; without ``aweights``: r(101)."""
    from mlmcli.commands.estimation.common import check_marked_weights, evaluate_weight
    from mlmcli.parser import weight_kind

    if cmd.weight is None:
        return None, None
    kind = weight_kind(cmd.weight)
    kind = "aweight" if kind == "weight" else kind
    if kind == "aweight" and not aweights:
        raise StataError("aweights not allowed", 101)
    w = np.asarray(evaluate_weight(session, cmd.weight.exp), float)
    sample &= ~np.isnan(w)
    check_marked_weights(session, cmd, w, kind)
    sample &= w != 0
    return w, kind


def ml_settings(session, opts: dict) -> dict:
    """iterate(), tolerance(), ltolerance(), nrtolerance() with ml's defaults."""
    return dict(iterate=integer_option(opts, "iterate", int(setting_value(session, "maxiter")), minimum=0),
                tolerance=number_option(opts, "tolerance", 1e-6), ltolerance=number_option(opts, "ltolerance", 1e-7),
                nrtolerance=number_option(opts, "nrtolerance", 1e-5))


def equation_option(ds, text, *, depvar: bool):
    """``[depvar =] varlist [, noconstant offset(v)]`` -> (depvar or None, terms, constant, offset
    variable or None); ``_cons`` words are dropped (zip's inflate(_cons))."""
    from mlmcli.commands.estimation.glm import variable_option
    from mlmcli.factor_variables import parse_terms
    from mlmcli.syntax.options import split_options

    body, options, _ = split_options(str(text))
    extra = resolve_options(options, [OptionSpec("noconstant", 5), OptionSpec("offset", 3, takes_arg=True)])
    dep = None
    if depvar and "=" in body:
        left, body = body.split("=", 1)
        if len(left.split()) != 1:
            raise StataError("invalid syntax", 198)
        dep = ds.resolve(left.strip())
    words = [w for w in body.split() if w != "_cons"]
    terms = parse_terms(ds, " ".join(words)) if words else []
    return dep, terms, not extra.get("noconstant"), variable_option(ds, extra, "offset")


def depvar_and_terms(ds, args: str, *, equals: bool = False):
    """``depvar [indepvars]`` (``equals``: heckman's ``depvar = indepvars`` too) -> (depvar, terms)."""
    from mlmcli.factor_variables import parse_terms

    words = args.split()
    if equals and len(words) > 1 and words[1] == "=":
        del words[1]
    if not words:
        raise StataError("varlist required", 100)
    if "." in words[0] or "(" in words[0]:
        raise StataError("depvar may not be a factor variable", 198)
    return ds.resolve(words[0]), (parse_terms(ds, " ".join(words[1:])) if len(words) > 1 else [])
