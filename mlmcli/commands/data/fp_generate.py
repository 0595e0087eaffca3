"""``fp generate`` (Stata 13's fp.ado, its Mata fp_generate; the ``fp`` command:
``commands.data.fp_command``).

    fp generate [type] [stub =] varname^(numlist) [if] [in] [, replace scale scale(#a #b)
        noscale center center(#) nocenter]

Creates stub_1, stub_2, ... (stub: varname by default; type float by default) over the if/in
observations where varname is not missing (missing elsewhere), as fp.ado's Mata does:

- x = (varname + a) / b: ``scale`` chooses a = (the smallest gap between distinct values) -
  min when min <= 0 (else 0) and b = 10^(sign(l) floor(|l|)), l = log10 of the range of
  varname + a; ``scale(#a #b)`` takes them; by default a = 0, b = 1.
- each term is x^p (ln x for p = 0); a repeated power multiplies by ln x once more
  (x^p ln(x)^k); ``center`` subtracts each term's value at the mean of x (over x >= 0),
  ``center(#)`` at (# + a) / b; by default nothing.
- x must be positive (the error "varname incorrectly scaled", r(498), otherwise).
- labels "term # varname^(powers)" (fp.ado's label_terms), notes on each variable, and r():
  r(fp_fp) (the powers, columns the variables), r(fp_terms), r(fp_variable), r(fp_cmdline),
  r(fp_scale_a), r(fp_scale_b), r(fp_center_mean).

Refused by name: fp generate's ``zero`` and ``catzero`` and the storage types byte, int, long.

Decision (no Stata log found): fp.ado's replace drops stub_0 ... stub_9 before it checks x > 0;
mlm checks first, so a failing fp generate leaves the data as it was.  scale(#a #b) and
center(#) are read as the manual writes them (fp.ado parses them as scalev() and centerv()).
"""
from __future__ import annotations

import re

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec
from mlmcli.syntax.varlist import is_name

TYPES = ("byte", "int", "long", "float", "double")
GENERATE_OPTIONS = [OptionSpec("replace", 7), OptionSpec("noscale", 5), OptionSpec("scale", 3, takes_arg=True, arg_optional=True),
                    OptionSpec("nocenter", 6), OptionSpec("center", 4, takes_arg=True, arg_optional=True)]
REFUSED = [OptionSpec("zero", 4), OptionSpec("catzero", 4)]
MAX_TERMS = 9  # fp.ado's MaxTerms: stub_0 ... stub_9 are dropped by replace


def _type_and_stub(session, text: str):
    """fp_generate's [type] [stub =] before the fractional-power expression."""
    ds = session.data
    head, eq, rest = text.partition("=")
    if eq and "^" not in head:
        words = head.split()
        if len(words) == 1:
            return "float", words[0], rest
        if len(words) == 2:
            if words[0] not in TYPES:
                raise StataError(f"{words[0]} invalid type", 198)
            return words[0], words[1], rest
        raise StataError("fractional-power expression invalid", 198)
    first = text.split(None, 1)[0] if text.split() else ""
    name = first.split("^")[0]
    if name and name not in TYPES and not _is_variable(ds, name):
        raise StataError(f"variable {name} not found", 111)
    if name in TYPES and not _is_variable(ds, name):
        return first, None, text.split(None, 1)[1] if len(text.split(None, 1)) > 1 else ""
    return "float", None, text


def _is_variable(ds, name: str) -> bool:
    try:
        ds.resolve(name)
    except StataError:
        return False
    return True


def _expression(session, text: str):
    """varname^(numlist) -> (varname, sorted powers)."""
    from mlmcli.syntax.numlist import numlist

    m = re.fullmatch(r"\s*([^\s^]+)\s*\^\s*\(([^)]*)\)\s*", text)
    if not m:
        raise StataError("fractional-power expression invalid", 198)
    name = session.data.resolve(m.group(1))
    try:
        powers = sorted(float(v) for v in numlist(m.group(2)))
    except StataError:
        raise StataError("fractional-power expression invalid", 198) from None
    if not powers:
        raise StataError("fractional-power expression invalid", 198)
    return name, powers


def fp_generate(session, args: str, full_command: str) -> None:
    from mlmcli.parser import parse_arguments
    from mlmcli.sample import mark_sample
    from mlmcli.syntax.options import resolve_options

    line = parse_arguments(args, "fp")
    if line.weight is not None:
        raise StataError("weights not allowed", 101)
    for o in line.options:
        if any(s.matches(o.name) for s in REFUSED):
            raise StataError(f"fp generate's option {o.name} is not implemented in mlm", 198)
    opts = resolve_options(line.options, GENERATE_OPTIONS)
    vtype, stub, expression = _type_and_stub(session, line.args)
    if vtype in ("byte", "int", "long"):
        raise StataError(f"fp generate into storage type {vtype} is not implemented in mlm (float or double)", 198)
    x, powers = _expression(session, expression)
    ds = session.data
    if ds.is_string(x):
        raise StataError("type mismatch", 109)
    stub = stub or x
    if not is_name(stub):
        raise StataError(f"{stub} invalid name", 198)
    scale_a, scale_b, auto_scale = scale_option(opts)
    center, auto_center, is_center = center_option(opts)
    if len(powers) > MAX_TERMS:
        raise StataError("fractional-power expression invalid", 198)
    names = [_term_name(stub, i) for i in range(1, len(powers) + 1)]
    existing = [n for n in [_term_name(stub, 0)] + [_term_name(stub, i) for i in range(1, MAX_TERMS + 1)]
                if n in ds.varnames]
    if existing and not opts.get("replace"):
        raise terms_exist(existing)
    touse = np.asarray(mark_sample(session, line), bool)
    xv = ds.numeric(x)
    touse &= np.isfinite(xv)
    v = xv[touse]
    if auto_scale:
        scale_a, scale_b = automatic_scale(v)
    z = scaled(v, scale_a, scale_b)
    if auto_center:
        center = float(np.mean(z[z >= 0])) if np.any(z >= 0) else float("nan")
    elif is_center:
        center = (center + scale_a) / scale_b
    if np.any(~(z > 0)):
        raise incorrectly_scaled(x)
    terms = fp_terms_at(z, powers, center)
    if existing:
        ds.drop_variables(existing)
    text_powers = "(" + " ".join(_g(p) for p in powers) + ")"
    for i, (name, term) in enumerate(zip(names, terms), start=1):
        column = np.full(ds.nobs, np.nan)
        column[touse] = term
        if vtype == "float":
            column = column.astype(np.float32).astype(float)
        ds.set_variable(name, column, vtype)
        ds.var_labels[name] = f"term {i} {x}^{text_powers}"
    _notes(session, names, x, text_powers, full_command, scale_a, scale_b, auto_scale, center, auto_center,
           is_center or auto_center, not (scale_a == 0 and scale_b == 1) or auto_scale)
    from mlmcli.results.matrix import Matrix

    session.set_r({"fp_fp": Matrix(np.array([powers], float), ("fp",), tuple(names)),
                   "fp_cmdline": full_command, "fp_variable": x, "fp_center_mean": center,
                   "fp_scale_b": scale_b, "fp_scale_a": scale_a, "fp_terms": " ".join(names)})


def terms_exist(existing) -> StataError:
    """fp.ado's error_varnames_exist (with the replace hint)."""
    noun, verb = ("variable", "exists") if len(existing) == 1 else ("variables", "exist")
    return StataError(f"{noun} {' '.join(existing)} already {verb}\n"
                      "    Specify option replace to allow dropping these variables.", 110)


def incorrectly_scaled(x: str) -> StataError:
    """fp.ado's error_V_contains_0orneg."""
    return StataError(f"{x} incorrectly scaled\n"
                      "    The variable on which fractional polynomial terms are to be calculated contains\n"
                      "    nonpositive values.  You must rescale the variable by specifying option scale,\n"
                      "    or specify option zero or catzero.", 498)


def _typed(opts, name: str, negation: str, usage: str):
    """None (neither typed nor the negation), True (the flag) or the argument as typed;
    process_scale's and process_center's "only one of" error."""
    value, negated = opts.get(name), opts.get(negation)
    if value not in (None, False) and negated not in (None, False):
        raise StataError(f"may only specify one of {negation}, {name}, or {usage}", 198)
    if value in (None, False):
        return None
    return True if value is True or not str(value).strip() else str(value)


def scale_option(opts):
    """(a, b, automatic) from noscale, scale and scale(#a #b) (fp.ado's process_scale)."""
    scale = _typed(opts, "scale", "noscale", "scale(#_a #_b)")
    if scale is None:
        return 0.0, 1.0, False
    if scale is True:
        return float("nan"), float("nan"), True
    try:
        a, b = (float(w) for w in scale.split())
    except ValueError:
        raise StataError(f"scale({scale}) invalid", 198) from None
    return a, b, False


def center_option(opts):
    """(mean, automatic, given) from nocenter, center and center(#) (process_center)."""
    center = _typed(opts, "center", "nocenter", "center(#_mean)")
    if center is None:
        return 0.0, False, False
    if center is True:
        return float("nan"), True, False
    try:
        return float(center.strip()), False, True
    except ValueError:
        raise StataError("option center() incorrectly specified", 198) from None


def scaled(v: np.ndarray, a: float, b: float) -> np.ndarray:
    """(v + a) / b; scale(#a 0) or a value past the largest double: Stata's missing."""
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        z = (v + a) / b
    return np.where(np.isfinite(z), z, np.nan)


def automatic_scale(v: np.ndarray) -> tuple[float, float]:
    """fp_perform_scaling's (a, b) over the sample values v."""
    if v.size == 0:
        raise StataError("no observations", 2000)
    a = _adjustment(v)
    span = float((v + a).max() - (v + a).min())
    with np.errstate(divide="ignore"):
        lrange = np.log10(span)
    return a, (float(10.0 ** (np.sign(lrange) * np.floor(abs(lrange)))) if np.isfinite(lrange) else float("nan"))


def _adjustment(v: np.ndarray) -> float:
    """fp.ado's getadjustment: the smallest gap between distinct values minus the minimum when
    the minimum is <= 0."""
    distinct = np.unique(v)
    delta = float(np.min(np.diff(distinct))) if distinct.size > 1 else float("nan")
    return delta - float(v.min()) if v.min() <= 0 else 0.0


def fp_terms_at(z: np.ndarray, powers, c: float) -> list[np.ndarray]:
    """fill_in_fracpoly: x^p (ln x for 0), a repeated power times ln(x)^k; centred at c unless c
    is 0 or missing."""
    centred = np.isfinite(c) and c != 0
    c = np.float64(c)
    out, last, base, rep = [], None, None, 0
    # a power past the double range (center(1e300), x near 1e300) is Stata's missing, not an error
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        ln_z = np.log(z)
        for p in powers:
            raw = ln_z if p == 0 else z ** p
            if p != last:
                rep, base = 0, raw
                out.append(raw - ((np.log(c) if p == 0 else c ** p) if centred else 0.0))
            else:
                rep += 1
                shift = ((c ** p if p else np.log(c)) * np.log(c) ** rep) if centred else 0.0
                out.append(base * ln_z ** rep - shift)
            last = p
    return [np.where(np.isfinite(term), term, np.nan) for term in out]


def _term_name(stub: str, i: int) -> str:
    suffix = f"_{i}"
    return stub[:32 - len(suffix)] + suffix


def _g(value: float) -> str:
    from mlmcli.render.numfmt import fmt

    return fmt(value, "%9.0g").strip()


def _notes(session, names, x, text_powers, full_command, a, b, auto_scale, c, auto_center, has_c, has_s) -> None:
    """label_terms's notes: what each term holds, the scaling and centring, the command."""
    from mlmcli.characteristics import char_key

    chars = session.data.chars

    def _add(_, name, text):  # notes name: text (the variable is new: its notes start at 1)
        n = int(chars.get(char_key(name, "note0"), "0") or 0) + 1
        chars[char_key(name, "note0")] = str(n)
        chars[char_key(name, f"note{n}")] = text

    count = int(has_s) + int(has_c) + 1 + 1  # fp generate: no re-create note
    for i, name in enumerate(names, start=1):
        text = f"fp term {i} of " + ("x" if has_s or has_c else x) + "^" + text_powers
        if has_s or has_c:
            how = "scaled and centered" if has_s and has_c else ("scaled" if has_s else "centered")
            text += f", where x is {x} {how}"
        _add(session, name, text + ".")
        if i == 1:
            if has_s:
                _add(session, name, f"Scaling was {'automatic' if auto_scale else 'user specified'}: x = ({x}+a)/b "
                                    f"where a={_g(a)} and b={_g(b)}")
            if has_c:
                text = f"Centering was {'automatic' if auto_center else 'user specified'} with mean = {_g(c)}."
                if has_s:
                    text += f"  In the original scale of the variable, the centering mean={_g(b * c - a)}"
                _add(session, name, text)
            _add(session, name, f"Fractional polynomial variables created by {full_command}")
        else:
            _add(session, name, f"See notes 2-{count} on variable {names[0]}.")
