"""``esttab`` / ``estout``: one cell's text -- its numbers in estout's formats (``a#``, ``#``,
a Stata format; outreg2's autodigits), their style (nolz, dmarker(), msign()), the significance
stars and the parentheses or brackets of each element (estout.ado's vFormat, Stars, and the
cells() elements)."""
from __future__ import annotations

import math

from mlmcli.render.numfmt import format_number


def estout_number(value, fmt: str) -> str:
    """A number in an estout format (``a3``, ``3``, ``%9.2f``, ``g``), leading zero kept."""
    if value is None or not math.isfinite(float(value)):  # missing (a log SD at -inf too): "."
        return format_number(float("nan"), "%9.0g").strip()
    if fmt.startswith("autodigits"):  # outreg2's default cells
        return outreg2_autodigits(float(value), int(fmt[len("autodigits"):] or 3))
    if fmt.startswith("a"):
        fmt = significant_digits(fmt, float(value))
    elif fmt.isdigit():
        fmt = f"%{int(fmt) + 9}.{int(fmt)}f"
    elif fmt in ("g", "%g"):
        fmt = "%9.0g"
    return format_number(float(value), fmt).strip()


def outreg2_autodigits(value: float, auto: int = 3) -> str:
    """outreg2's autodigits2 (its ``auto(#)``, default 3): ``auto`` significant digits, a whole
    number without decimals, 7 or more decimals (or beyond a million either way) in %e."""
    if round(value - int(round(value, 10)), 10) == 0:  # int(): toward zero, as Stata's
        decimals = 0
    else:
        times = abs(int(math.log(abs(value - int(value))) / math.log(10) - 1))
        left = int(math.log(abs(value)) / math.log(10) + 1)
        if left > 0:
            decimals = auto - left + 1 if left <= auto else 0
        else:
            decimals = times + auto - 1
    decimals = max(decimals, 0)
    spec = f"%20.{decimals}f" if decimals < 7 else f"%20.{auto - 1}e"
    if abs(value) > 1000000:
        spec = f"%20.{auto}e"
    return format_number(value, spec).strip()  # string(v, "%12.#f"): Stata's rounding


def significant_digits(fmt: str, value: float) -> str:
    """estout's ``a#`` format for one value (its SignificantDigits program)."""
    d = int(fmt[1:] or 3)
    if value - int(value) == 0:
        return "%12.0f"
    if abs(value) < 1:
        right = -int(math.log10(abs(value - int(value))))
        dec = max(1, d + right)
        return f"%12.{dec}f" if dec <= 9 else f"%12.{min(9, d - 1)}e"
    left = int(math.log10(abs(value)) + 1)
    return f"%12.{max(1, d - left + 1)}f" if left <= 9 else "%12.0e"


def star_symbols(p: float, levels) -> str:
    """estout's Stars: the symbol of the smallest level p is below (levels largest first)."""
    out = ""
    if p is None or not (0 <= p <= 1):
        return out
    for sym, _, level in levels:
        if level <= p:
            break
        out = sym
    return out


def styled_number(value, fmt: str, style: tuple = ()) -> str:
    """estout's vFormat: the number in ``fmt``, then with ``style`` = (lz, dmarker, msign) its
    leading zero dropped (nolz: 0.5 -> .5, -0.5 -> -.5), its decimal point and a leading minus
    replaced (dmarker(), msign())."""
    text = estout_number(value, fmt)
    if not style or text == ".":
        return text
    lz, dmarker, msign = style
    if not lz and (text.startswith("0.") or "-0." in text):
        text = text.replace("0.", ".", 1)
    shown = text.replace(".", dmarker, 1) if dmarker else text
    if msign and text.startswith("-"):
        shown = shown.replace("-", msign, 1)
    return shown


def _value_text(entry, el, style: tuple = ()) -> str:
    if entry is None:
        return el.vacant
    v = entry.values.get(el.name)
    if el.name == "ci":
        if v is None:  # no e(V) (estpost correlate): blank, as se and t are
            return el.vacant
        lo, hi = v
        # estout's ci par() has three parts (left, between, right); default "[" "," "]"
        left, mid, right = el.par if isinstance(el.par, tuple) and len(el.par) == 3 else ("[", ",", "]")
        return f"{left}{styled_number(lo, el.fmt, style)}{mid}{styled_number(hi, el.fmt, style)}{right}"
    if v is not None and _absent(v):  # estout: .y and .z mark an absent value: the cell's vacant() text
        return el.vacant
    if el.abs and v is not None and math.isfinite(v):  # esttab's abs: |t|, |z|
        v = abs(v)
    text = styled_number(v, el.fmt, style)
    if isinstance(el.par, tuple):
        return el.par[0] + text + el.par[1]
    if el.par == "()":
        return f"({text})"
    if el.par == "[]":
        return f"[{text}]"
    return text


def _absent(v) -> bool:
    from mlmcli.missing import code

    try:
        return code(v) >= 25
    except (TypeError, ValueError):
        return False


def cell_text(entry, parts, levels, delimiter: str, style: tuple = ()) -> tuple[str, str]:
    """(text, stars of its last element) of one cell: estout.ado writes each element with its
    stars, the in-cell delimiter between elements; only the last element's stars are padded
    to the stars' width, so they are returned apart."""
    texts, stars = [], ""
    for i, el in enumerate(parts):
        absent = entry is not None and _absent(entry.values.get(el.name))  # no stars on an empty cell
        stars = star_symbols(entry.p, levels) if (el.star and entry is not None and not absent) else ""
        texts.append(_value_text(entry, el, style) + (stars if i < len(parts) - 1 else ""))
    return delimiter.join(texts), stars  # an absent coefficient: its vacant elements, delimited


def layout_cell(template: tuple, values: tuple, fmts: tuple, style: tuple = ()) -> str:
    """A stats(, layout()) cell: each placeholder replaced by its statistic in its format, the
    other text as written; empty when one of the cell's statistics is not in the model
    (estout prints the text only if the cell's statistics are part of the model)."""
    text, pchar = template
    if not values or any(v is None for v in values):
        return ""
    pieces = text.split(pchar)
    shown = [v if isinstance(v, str) else styled_number(v, f, style) for v, f in zip(values, fmts)]
    return pieces[0] + "".join(s + rest for s, rest in zip(shown, pieces[1:]))
