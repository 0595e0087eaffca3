"""``gmm``'s syntax (gmm.ado, interactive version): the residual equations
``([eqname:] <sexp>) ...``, their parameters, instruments(), derivative(), from(), winitial(),
wmatrix() and vce().

Substitutable expressions: ``{b}`` / ``{b=#}`` a parameter (posted ``b:_cons``, initial value
0 unless given: the first value typed counts), ``{xb: x1 x2 [_cons]}`` the linear combination
``{xb:x1}*x1 + {xb:x2}*x2 [+ {xb:_cons}]``, ``{xb:}`` that combination again, ``{xb:_cons}``
one of its parameters.  Each parameter becomes a placeholder ``__gmm_<j>`` the expression
engine evaluates as a column.  Equations are named ``1``, ``2`` ... unless named.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from mlmcli.errors import StataError
from mlmcli.syntax.varlist import NAME_PATTERN

_NAME = NAME_PATTERN
_FREE = re.compile(rf"^\s*({_NAME})\s*(?:=\s*(\S+))?\s*$")
_LC = re.compile(rf"^\s*({_NAME})\s*:(.*)$", re.S)
_BRACE = re.compile(r"\{([^{}]*)\}")
_EQNAME = re.compile(rf"^\s*({_NAME})\s*:(?!:)(.*)$", re.S)
PLACEHOLDER = "__gmm_"


@dataclass
class Parameters:
    """Parameters in order of appearance (``b1``, ``xb:x1``) with their initial values, and the
    linear combinations defined so far."""
    names: list = field(default_factory=list)
    init: dict = field(default_factory=dict)
    combos: dict = field(default_factory=dict)  # lc name -> its variables (``_cons`` included)

    def add(self, name: str, value: str | None = None) -> str:
        if name not in self.names:
            self.names.append(name)
            self.init[name] = 0.0
            if value is not None:
                try:
                    self.init[name] = float(value)
                except ValueError:
                    raise StataError(f"invalid initial value {{{name}={value}}}", 198) from None
        return f"{PLACEHOLDER}{self.names.index(name)}"

    def colname(self, name: str) -> str:
        """e(b)'s column: ``b:_cons`` for a free parameter."""
        return name if ":" in name else f"{name}:_cons"


@dataclass
class Equation:
    name: str
    expression: str  # placeholders for the parameters
    display: str  # e(sexp_j): the parameters in braces
    params: list  # the names it uses, in order


def split_equations(args: str) -> tuple[list[str], str]:
    """``(eq1) (eq2) rest`` -> (the equations' texts, rest)."""
    from mlmcli.textscan import matching_close

    texts, rest = [], args.strip()
    while rest.startswith("("):
        end = matching_close(rest, 0)
        if end < 0:
            raise StataError("unmatched parentheses", 198)
        texts.append(rest[1:end])
        rest = rest[end + 1:].strip()
    return texts, rest


def _combination_terms(body: str, ds) -> list[str]:
    out = []
    for word in body.split():
        if word == "_cons":
            out.append("_cons")
            continue
        if any(c in word for c in ".#"):
            raise StataError(f"gmm: factor variables and time-series operators in {{lc: {body.strip()}}} are "
                             "not implemented in mlm", 198)
        out.extend(ds.expand_varlist(word))
    return list(dict.fromkeys(out))


def substitute(text: str, params: Parameters, ds, *, new: bool = True) -> tuple[str, str, list[str]]:
    """Braces -> placeholders: (expression, display text, parameters used).  ``new``: an equation
    may declare parameters; a derivative only uses declared ones."""
    used: list[str] = []

    def param(name: str, value: str | None = None) -> tuple[str, str]:
        if not new and name not in params.names:
            raise StataError(f"parameter {name} not found", 498)
        ph = params.add(name, value)
        if name not in used:
            used.append(name)
        return ph, "{" + name + "}"

    def one(m) -> tuple[str, str]:
        inner = m.group(1)
        lc = _LC.match(inner)
        if lc:
            name, body = lc.group(1), lc.group(2).strip()
            if body == "_cons":
                return param(f"{name}:_cons")
            if not body:
                if name not in params.combos:
                    raise StataError(f"linear combination {name} not defined", 198)
                terms = params.combos[name]
            else:
                terms = _combination_terms(body, ds)
                if name in params.combos and params.combos[name] != terms:
                    raise StataError(f"linear combination {name} already defined", 198)
                params.combos[name] = terms
            expr, shown = [], []
            for v in terms:
                ph, sh = param(f"{name}:{v}")
                expr.append(ph if v == "_cons" else f"{ph}*{v}")
                shown.append(sh if v == "_cons" else f"{sh}*{v}")
            return "(" + " + ".join(expr) + ")", "(" + " + ".join(shown) + ")"
        fr = _FREE.match(inner)
        if not fr:
            raise StataError(f"invalid substitutable expression {{{inner}}}", 198)
        if fr.group(1) in params.combos:
            raise StataError(f"{fr.group(1)} is a linear combination; type {{{fr.group(1)}:}}", 198)
        return param(fr.group(1), fr.group(2))

    pieces_e, pieces_d, last = [], [], 0
    for m in _BRACE.finditer(text):
        e, d = one(m)
        pieces_e += [text[last:m.start()], e]
        pieces_d += [text[last:m.start()], d]
        last = m.end()
    expr, shown = "".join(pieces_e + [text[last:]]), "".join(pieces_d + [text[last:]])
    if "{" in expr or "}" in expr:
        raise StataError("unmatched braces in the substitutable expression", 198)
    return expr.strip(), shown.strip(), used


def parse_equations(texts: list[str], ds) -> tuple[list[Equation], Parameters]:
    params = Parameters()
    equations = []
    for j, text in enumerate(texts, start=1):
        m = _EQNAME.match(text)
        name = str(j)
        if m and not text.lstrip().startswith("{"):
            name, text = m.group(1), m.group(2)
        if not text.strip():
            raise StataError("invalid syntax", 198)
        expr, shown, used = substitute(text, params, ds)
        if name in [e.name for e in equations]:
            raise StataError(f"equation name {name} specified more than once", 198)
        equations.append(Equation(name, expr, shown, used))
    return equations, params


def equation_numbers(text: str, equations: list[Equation], option: str) -> list[int]:
    """``eq1 eq2`` / ``1 2`` / ``#1`` -> 0-based equation indices (ParseInst)."""
    out = []
    names = [e.name for e in equations]
    for word in text.split():
        key = word[1:] if word.startswith("#") else word
        if key in names:
            out.append(names.index(key))
        elif key.isdecimal() and 1 <= int(key) <= len(equations):
            out.append(int(key) - 1)
        elif key.isdigit():
            raise StataError(f"invalid equation specified in {option}()", 198)
        else:
            raise StataError(f"invalid equation {word} specified in {option}()", 498)
    return out


def parse_instruments(values: list, equations: list[Equation], ds) -> list[tuple[list[str], bool]]:
    """instruments() options -> per equation (variables, constant)."""
    from mlmcli.syntax.options import suboptions
    from mlmcli.textscan import find_top

    variables: list[list[str]] = [[] for _ in equations]
    typed = [False] * len(equations)
    constant = [False] * len(equations)
    for value in values:
        body, sub = suboptions(str(value))
        nocons = False
        for o in sub:
            if len(o.name) >= 6 and "noconstant".startswith(o.name) and o.arg is None:
                nocons = True
            else:
                raise StataError(f"option {o.name} not allowed", 198)
        colon = find_top(body, ":", brackets="({")
        targets = list(range(len(equations)))
        if colon >= 0:
            targets = equation_numbers(body[:colon], equations, "instruments")
            body = body[colon + 1:]
        names = ds.expand_varlist(body, allow_empty=True) if body.strip() else []
        for v in names:
            if ds.is_string(v):
                raise StataError("type mismatch", 109)
        for j in targets:
            variables[j] += [v for v in names if v not in variables[j]]
            typed[j] = True
            constant[j] = constant[j] or not nocons
    # an equation without instruments() has the constant alone
    return [(variables[j], constant[j] if typed[j] else True) for j in range(len(equations))]


def parse_derivatives(values: list, equations: list[Equation], params: Parameters, ds) -> dict:
    """derivative([eq]/name = dexp) -> {(equation index, parameter): expression}; a linear
    combination's derivative is the typed one times each of its variables."""
    from mlmcli.textscan import find_top

    out: dict = {}
    for value in values:
        text = str(value)
        eq_at = find_top(text, "=", brackets="({[")
        slash = text.find("/")
        if eq_at < 0 or slash < 0 or slash > eq_at:
            raise StataError("invalid derivative() option", 198)
        eq_text, name, dexp = text[:slash].strip(), text[slash + 1:eq_at].strip(), text[eq_at + 1:]
        j = equation_numbers(eq_text, equations, "derivative")[0] if eq_text else 0
        expr, _, _ = substitute(dexp, params, ds, new=False)
        if name in params.combos:
            targets = [(f"{name}:{v}", expr if v == "_cons" else f"({expr})*{v}") for v in params.combos[name]]
        elif name in params.names:
            targets = [(name, expr)]
        else:
            raise StataError(f"invalid option derivatives(); parameter {name} undeclared in equation {j + 1}", 498)
        for p, e in targets:
            if (j, p) in out:
                raise StataError(f"derivative already defined for parameter {p} in equation {j + 1}", 498)
            out[(j, p)] = e
    if out:
        for j, eq in enumerate(equations):
            for p in eq.params:
                if (j, p) not in out:
                    raise StataError(f"no derivative for parameter {p} in equation {j + 1} specified", 498)
    return out


def parse_from(text: str, session, params: Parameters) -> None:
    """from(matname) or from(name # name # ...): initial values (by position for a matrix)."""
    import numpy as np

    words = text.replace(",", " ").split()
    if len(words) == 1:
        m = getattr(session, "matrices", {}).get(words[0])
        if m is None:
            raise StataError(f"matrix {words[0]} not found", 111)
        values = np.asarray(m.values, float).ravel()
        if len(values) != len(params.names):
            raise StataError(f"from(): matrix {words[0]} must have {len(params.names)} columns", 503)
        params.init.update(zip(params.names, map(float, values)))
        return
    if len(words) % 2:
        raise StataError("invalid from() option", 198)
    for name, value in zip(words[::2], words[1::2]):
        key = name[1:] if name.startswith("/") else name
        key = key[:-6] if key.endswith(":_cons") and key[:-6] in params.names else key
        if key not in params.names:
            raise StataError(f"from(): parameter {name} not found", 111)
        try:
            params.init[key] = float(value)
        except ValueError:
            raise StataError("invalid from() option", 198) from None


def parse_winitial(text: str | None, session) -> tuple[str, bool, object, str | None]:
    """winitial(unadjusted|identity|matname [, independent]) -> (kind, independent, matrix, name)."""
    import numpy as np
    from mlmcli.syntax.options import suboptions

    if text is None:
        return "unadjusted", False, None, None
    body, sub = suboptions(str(text))
    independent = False
    for o in sub:
        if "independent".startswith(o.name) and len(o.name) >= 5:
            independent = True
        else:
            raise StataError("option winitial() incorrectly specified", 198)
    word = body.strip()
    low = word.lower()
    if len(low) >= 2 and "unadjusted".startswith(low):
        return "unadjusted", independent, None, None
    if len(low) >= 1 and "identity".startswith(low):
        return "identity", independent, None, None
    if low.split()[:1] == ["xt"]:
        raise StataError("cannot specify winitial(xt ...) without XT-style instruments", 198)
    m = getattr(session, "matrices", {}).get(word)
    if m is None:
        raise StataError(f"matrix {word} not found", 111)
    return "user", independent, np.asarray(m.values, float), word


@dataclass(frozen=True)
class CovSpec:
    kind: str  # robust | cluster | unadjusted | hac
    clustvar: str | None = None
    kernel: str | None = None  # bartlett | parzen | quadraticspectral
    lags: int | None = None  # None: N - 2
    independent: bool = False


_KERNELS = (("bartlett", "bartlett", 3), ("nwest", "bartlett", 2), ("parzen", "parzen", 3),
            ("gallant", "parzen", 3), ("quadraticspectral", "quadraticspectral", 2), ("andrews", "quadraticspectral", 3))


def parse_cov(ds, text: str, which: str) -> CovSpec:
    """_parse_covmat: robust, cluster clustvar, hac kernel [#], unadjusted [, independent]."""
    from mlmcli.syntax.options import suboptions

    body, sub = suboptions(str(text))
    independent = False
    for o in sub:
        if len(o.name) >= 5 and "independent".startswith(o.name):
            independent = True
        else:
            raise StataError(f"option {which}() incorrectly specified", 198)
    words = body.split()
    if not words:
        raise StataError(f"option {which}() incorrectly specified", 198)
    key = words[0]  # the vce()/wmatrix() type with its case, as ivregress's ParseCovMat
    if len(words) == 1 and len(key) >= 2 and "unadjusted".startswith(key):
        return CovSpec("unadjusted", independent=independent)
    if len(words) == 1 and "robust".startswith(key):
        return CovSpec("robust", independent=independent)
    if len(key) >= 2 and "cluster".startswith(key):
        if len(words) != 2:
            raise StataError(f"option {which}() incorrectly specified", 198)
        return CovSpec("cluster", ds.resolve(words[1]), independent=independent)
    if key == "hac":
        if len(words) < 2 or len(words) > 3:
            raise StataError(f"option {which}() incorrectly specified", 198)
        kname = next((k for typed, k, n in _KERNELS if len(words[1]) >= n and typed.startswith(words[1].lower())),
                     None)
        if kname is None:
            raise StataError(f"invalid kernel {words[1]}", 198)
        lags = None
        if len(words) == 3:
            if words[2].lower() == "opt":
                raise StataError(f"gmm: {which}(hac {words[1]} opt) is not implemented in mlm; give the lags", 198)
            try:
                lags = int(words[2])
            except ValueError:
                raise StataError(f"option {which}() incorrectly specified", 198) from None
            if lags < 0:
                raise StataError(f"option {which}() incorrectly specified", 198)
        return CovSpec("hac", kernel=kname, lags=lags, independent=independent)
    raise StataError(f"option {which}() incorrectly specified", 198)


KERNEL_LABEL = {"bartlett": "Bartlett", "parzen": "Parzen", "quadraticspectral": "quadratic spectral"}


def kernel_lags(spec: CovSpec, nobs: int) -> int:
    """hac's lags: as typed, N - 2 when not."""
    return spec.lags if spec.lags is not None else nobs - 2
