"""The random-effects equations of ``mixed`` and the me commands with their names resolved
(``Equation``) and the model's and the equations' weights evaluated (``Weights``): what
``mixed_design``'s sample and ``random_terms`` read.

Stata's rules implemented here (``xtmixed.ado``, Stata 12, which Stata 13's ``mixed``
kept; ``help mixed``): level variables and random-effects variables accept abbreviations,
``~`` included (``|| hospital_type~w:``), and must name one variable; rows with a missing or
zero weight leave the sample.
"""
from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field

import numpy as np

from mlmcli.commands.estimation.common import check_weights, evaluate_weight
from mlmcli.commands.estimation.mixed_syntax import MixedCommand, REEquation
from mlmcli.errors import StataError
from mlmcli.factor_terms import close_operator_gaps
from mlmcli.mixed.re_products import expand_term
from mlmcli.textscan import split_words

def resolve_one(ds, typed: str) -> str:
    """One variable from a name, an abbreviation or a ``~``/``*``/``?`` pattern that matches
    exactly one variable (Stata: ``x~y ambiguous abbreviation`` r(111) otherwise)."""
    if any(ch in typed for ch in "~*?"):
        hits = [c for c in ds.varnames if fnmatch.fnmatchcase(c, typed.replace("~", "*"))]
        if len(hits) > 1:
            raise StataError(f"{typed} ambiguous abbreviation", 111)
        if not hits:
            raise StataError(f"variable {typed} not found", 111)
        return hits[0]
    return ds.resolve(typed)


@dataclass(frozen=True)
class Equation:
    """A random-effects equation with its names resolved: the level variable (or ``_all``)
    and the variables of its design (the ``R.`` factor for a crossed term)."""

    typed: REEquation
    level: str
    rvars: list[str]


@dataclass
class Weights:
    """The model's ``[fw|pw = exp]`` and each equation's ``fweight()``/``pweight()``, evaluated
    on every row (NaN: missing)."""

    model_kind: str | None = None
    model: np.ndarray | None = None
    equations: list[dict[str, np.ndarray]] = field(default_factory=list)  # per equation: kind -> values

    def arrays(self) -> list[np.ndarray]:
        return ([self.model] if self.model is not None else []) + [w for eq in self.equations for w in eq.values()]

    def has(self, kind: str) -> bool:
        return self.model_kind == kind or any(kind in eq for eq in self.equations)

    def any(self) -> bool:
        return self.model is not None or any(self.equations)

    def model_part(self, kind: str, sample: np.ndarray) -> np.ndarray | None:
        if self.model_kind != kind:
            return None
        w = self.model[sample]
        check_weights(w, kind)
        return w


# _mixed_parsecmd's refusal of a factor-variable term in the equations of the commands that
# read them as varlist(ts numeric) (1.4.0: xtmelogit, xtmepoisson, meqrlogit, meqrpoisson)
def factor_re_error() -> StataError:
    return StataError("must use R. when specifying factor variables in random-effects equations", 198)


def continuous_tokens(toks: list[str]) -> list[str]:
    """``c.x`` in a random-effects varlist is ``x`` (fvexpand writes the plain name)."""
    return [t[2:] if t[:2].lower() == "c." and "." not in t[2:] and "#" not in t else t for t in toks]


def resolve_equation(ds, eq: REEquation, rows: np.ndarray | None = None, factors: bool = True,
                     me: bool = False) -> Equation:
    """The level variable and the equation's variables, names resolved (r(111)): plain
    variables, ``c.x`` as ``x``, and any factor-variable or time-series-operated term as the
    Z columns ``re_products.expand_term`` names (``i.g`` -> ``2.g 3.g``, ``L(1/2).x`` -> ``L.x
    L2.x``), its levels read on ``rows`` (mixed: every row, as _xtmixed_estimate's fvexpand;
    the me commands: the if/in rows, as _me_estimate's ``fvexpand ... if touse``).
    ``factors`` False: the me commands under ``version`` < 16, whose _parse_re (1.2.6,
    08jan2020) refuses factor-variable notation with r(198) (time-series operators pass).
    A name that is no numeric variable: ``me``, _parse_re's "invalid <list>"; else
    _mixed_parsecmd's ChkNonNumeric "invalid syntax" (both r(198))."""
    from mlmcli.factor_terms import uses_factor_variables

    level = "_all" if eq.levelvar == "_all" else resolve_one(ds, eq.levelvar)
    if eq.factor_var is not None:
        return Equation(eq, level, [resolve_one(ds, eq.factor_var)])
    tokens = continuous_tokens(split_words(close_operator_gaps(eq.varlist)))  # i.(a b): one word
    try:
        parts = [expand_term(ds, tok, rows) if "." in tok or "#" in tok
                 else ds.expand_varlist([tok], allow_empty=True) for tok in tokens]
        if any(ds.is_string(v) for part in parts for v in part if "." not in v and "#" not in v):
            raise StataError("string variables not allowed in varlist", 109)
    except StataError as exc:
        if not _syntax_refusal(exc):
            raise
        raise StataError(f"invalid {' '.join(eq.varlist.split())}" if me else "invalid syntax", 198) from None
    if not factors and any(uses_factor_variables(tok) for tok in tokens):
        raise StataError("factor variables not allowed in random effects equations", 198)
    return Equation(eq, level, list(dict.fromkeys(v for part in parts for v in part)))


def _syntax_refusal(exc: StataError) -> bool:
    """An error ``syntax varlist(numeric)`` itself gives: an unknown or ambiguous name (r(111),
    not the operators' "time variable not set"), a string variable (r(109))."""
    return exc.rc == 109 or (exc.rc == 111 and not exc.message.startswith("time variable"))


def factor_token_variables(ds, eq: Equation) -> list[str]:
    """The variables of an equation's factor-variable terms, which mark the sample out as
    marksample does with the fv varlist even when every cell of a term is a base or empty one
    and the term has no Z column (``|| g: i.z`` with z all missing leaves no observations)."""
    from mlmcli.factor_variables import parse_terms

    if eq.typed.factor_var is not None or not eq.typed.varlist.strip():
        return []
    out: list[str] = []
    for tok in continuous_tokens(split_words(close_operator_gaps(eq.typed.varlist))):
        if "." in tok or "#" in tok:
            out += [c.var for t in parse_terms(ds, tok) for c in t.components if "." not in c.var]
    return out


def evaluate_weights(session, mc: MixedCommand, sample: np.ndarray) -> Weights:
    """Evaluate every weight expression; rows with a missing or zero weight leave ``sample``."""
    weights = Weights()
    if mc.weight is not None:
        weights.model_kind = mc.weight.kind
        weights.model = evaluate_weight(session, mc.weight.exp)
    for eq in mc.equations:
        weights.equations.append({kind: evaluate_weight(session, exp)
                                  for kind, exp in (("fweight", eq.fweight), ("pweight", eq.pweight),
                                                    ("iweight", eq.iweight)) if exp})
    for w in weights.arrays():
        sample &= ~np.isnan(w)
    for w in weights.arrays():
        sample &= w != 0
    return weights
