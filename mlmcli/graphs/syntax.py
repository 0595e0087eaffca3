"""Reading the text of ``twoway`` commands (pure string work, no data).

    [graph] twoway (plot) (plot) ... [if] [in] [, twoway_options]
    [graph] twoway plot [|| plot ...] [, twoway_options]
    plot := plottype varlist [if] [in] [, options]

Options are read by ``mlmcli.syntax.options`` (``name (arg)`` typed with a space,
``by (cntryid)``, is the same option as ``name(arg)``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from mlmcli.ast import InRange, Option, Weight
from mlmcli import textscan
from mlmcli.errors import StataError
from mlmcli.syntax.abbreviation import resolve_choice
from mlmcli.syntax.options import read_options, split_options
from mlmcli.syntax.varlist import NAME_PATTERN
from mlmcli.textscan import find_top, has_unclosed_quote, matching_close, quote_end

_NAME = re.compile(NAME_PATTERN)

# plot type -> minimal abbreviation (None: the full name)
# minimal abbreviations: twowaygraph_g.class's _unab_cmd (`syntax [, SCatter LIne CONnected
# HISTogram RSCatter RLine RCONnected MBANDs FN FUNction *]`, FN read as function); the other
# plot types are typed in full
PLOT_TYPES: dict[str, int | None] = {
    "scatter": 2, "line": 2, "connected": 3, "area": None, "bar": None, "spike": None,
    "dropline": None, "rarea": None, "rbar": None, "rbarm": None, "rspike": None, "rcap": None,
    "rcapsym": None, "rscatter": 3, "rline": 2, "rconnected": 4,
    "function": 3, "histogram": 4, "kdensity": None, "lowess": None, "lfit": None,
    "qfit": None, "lfitci": None, "qfitci": None, "lpoly": None, "lpolyci": None, "scatteri": None,
    "tsline": None, "tsrline": None,  # drawn as line/rline against tsset's time (time_series)
    "mband": None, "mspline": None, "fpfit": None, "fpfitci": None, "dot": None,  # smooth_plots
    "pcspike": None, "pccapsym": None, "pcarrow": None, "pcbarrow": None, "pcscatter": None,
    "pci": None, "pcarrowi": None,  # paired_plots
    "contour": None, "contourline": None,  # contour
}
# Stata's plot types that mlmcli does not draw: refused by name, not as unknown words
UNSUPPORTED_PLOT_TYPES = ()


@dataclass(frozen=True)
class PlotCall:
    """One plot of a twoway graph as typed: ``lfitci pbw EDUCM2 if cntryid==2, level(90)``.
    ``immediate``: ``scatteri``'s values (``#y #x [(#clock)] ["label"] ...``) in ``varlist``,
    drawn as a scatter (or as ``recast()`` says)."""

    kind: str
    varlist: str
    if_exp: str | None = None
    in_range: InRange | None = None
    options: tuple[Option, ...] = ()
    weight: Weight | None = None
    immediate: bool = False


@dataclass(frozen=True)
class TwowayCall:
    """All plots plus the if/in and options that apply to the whole graph."""

    plots: tuple[PlotCall, ...]
    if_exp: str | None = None
    in_range: InRange | None = None
    options: tuple[Option, ...] = ()


# ---------------------------------------------------------------- scanning
# Only parentheses nest here; an unclosed quote is Stata's "too few quotes" r(132).
_PARENS = "("


def _check_quotes(text: str) -> None:
    if has_unclosed_quote(text):
        raise StataError("too few quotes", 132)


def matching_paren(text: str, i: int) -> int:
    """Index of the ``)`` closing the ``(`` at ``text[i]``, skipping quoted strings."""
    close = matching_close(text, i, _PARENS)
    if close < 0:
        _check_quotes(text[i:])
        raise StataError("invalid syntax", 198)
    return close


def top_level_find(text: str, target: str, start: int = 0) -> int:
    """First index of ``target`` outside parentheses and quotes, or -1."""
    k = find_top(text, target, start, _PARENS)
    if k < 0:
        _check_quotes(text[start:])
    return k


def split_top(text: str, sep: str) -> list[str]:
    """Split at every top-level ``sep``."""
    _check_quotes(text)
    return textscan.split_top(text, sep, _PARENS)


def _keyword_positions(text: str, word: str) -> list[int]:
    """Top-level positions of the whole word ``word`` (``if``/``in``)."""
    out, start = [], 0
    while True:
        k = top_level_find(text, word, start)
        if k < 0:
            return out
        before = text[k - 1] if k > 0 else " "
        after = text[k + len(word)] if k + len(word) < len(text) else " "
        if before.isspace() and (after.isspace() or after in '(!-~"'):
            out.append(k)
        start = k + len(word)


def parse_in_range(text: str) -> InRange:
    """``first[/last]`` as typed after ``in``."""
    text = text.strip()
    if not text:
        raise StataError("invalid syntax", 198)
    if "/" in text:
        first, last = (t.strip() for t in text.split("/", 1))
        if not first or not last:
            raise StataError("invalid syntax", 198)
        return InRange(first, last)
    return InRange(text)


def split_if_in(text: str) -> tuple[str, str | None, InRange | None]:
    """``head [if exp] [in range]`` (either order) -> (head, if_exp, in_range)."""
    marks = sorted([(k, "if") for k in _keyword_positions(" " + text, "if")[:1]]
                   + [(k, "in") for k in _keyword_positions(" " + text, "in")[:1]])
    padded = " " + text
    if not marks:
        return text.strip(), None, None
    head = padded[:marks[0][0]].strip()
    if_exp, in_range = None, None
    for idx, (k, word) in enumerate(marks):
        end = marks[idx + 1][0] if idx + 1 < len(marks) else len(padded)
        body = padded[k + len(word):end].strip()
        if word == "if":
            if not body:
                raise StataError("invalid syntax", 198)
            if_exp = body
        else:
            in_range = parse_in_range(body)
    return head, if_exp, in_range


def plot_kind(word: str) -> str:
    """The plot type a typed word names (``sc`` -> ``scatter``)."""
    word = {"fn": "function", "mbands": "mband"}.get(word.lower(), word)  # _unab_cmd's FN, MBANDs
    name = resolve_choice(word, PLOT_TYPES.items())
    if name is not None:
        return name
    if word == "twoway":
        raise StataError("invalid syntax", 198)
    if word in UNSUPPORTED_PLOT_TYPES:
        raise StataError(f"twoway {word} is not supported by mlmcli", 199)
    raise StataError(f"{word} is not a twoway plot type", 198)


def split_graph_options(text: str) -> tuple[str, tuple[Option, ...], bool]:
    """``body [, options]`` as ``split_options`` reads it, except that further top-level
    commas among the options are spaces: Stata's graph commands accept
    ``range(-1 1) ,title(T)``."""
    i = find_top(text, ",", brackets="([")  # `_b[x]`, `M[1,2]` hold no option comma
    if i < 0:
        if has_unclosed_quote(text):
            raise StataError("too few quotes", 132)
        return text, (), False
    rest = " ".join(textscan.split_top(text[i + 1:], ",", "(["))
    return text[:i], read_options(rest), True


def parse_plot(text: str) -> PlotCall:
    """``plottype varlist [if] [in] [weight] [, options]`` (``function``'s expression may hold
    ``_b[x]`` and ``M[1,2]``: no weight there)."""
    text = text.strip()
    m = _NAME.match(text)
    if not m:
        raise StataError("invalid syntax", 198)
    kind = plot_kind(m.group(0))
    body, options, _ = split_graph_options(text[m.end():])
    if kind == "scatteri":  # values, no varlist, if, in or weight
        return PlotCall("scatter", body.strip(), None, None, options, None, immediate=True)
    if kind in ("pci", "pcarrowi"):  # #y1 #x1 #y2 #x2 [(#clock)] ["text"] ...
        return PlotCall("pcspike" if kind == "pci" else "pcarrow", body.strip(), None, None, options, None,
                        immediate=True)
    weight = None
    if kind != "function":
        body, weight = split_weight(body)
    varlist, if_exp, in_range = split_if_in(body)
    return PlotCall(kind, varlist, if_exp, in_range, options, weight)


def parse_twoway(text: str) -> TwowayCall:
    """The text after ``twoway`` (or after ``graph twoway``): plots in parentheses,
    separated by ``||``, or both mixed (``(scatter y x) (lfit y x) || lowess y x``).
    ``if``/``in`` and options after the last parenthesised plot apply to the whole graph;
    ``|| , options`` are whole-graph options too."""
    text = text.strip()
    if not text:
        raise StataError("invalid syntax", 198)
    plots: list[PlotCall] = []
    options: list[Option] = []
    if_exp, in_range = None, None
    for segment in split_top(text, "||"):
        segment = segment.strip()
        if not segment:
            continue
        if segment.startswith(","):  # `|| , options`: options for the whole graph
            options.extend(read_options(segment[1:]))
            continue
        # `|| if exp [in range] [, options]`: a piece with no plot is the whole graph's, as the
        # if/in after the last parenthesised plot are (Kohler's `tw || ... || if ctr != "LU"`)
        whole_graph = re.match(r"(if|in)\b", segment) is not None
        if not segment.startswith("(") and not whole_graph:
            plots.append(parse_plot(segment))
            continue
        i = 0
        while i < len(segment) and segment[i] == "(":
            close = matching_paren(segment, i)
            plots.append(parse_plot(segment[i + 1:close]))
            i = close + 1
            while i < len(segment) and segment[i].isspace():
                i += 1
        tail, tail_options, _ = split_graph_options(segment[i:])
        rest, seg_if, seg_in = split_if_in(" " + tail if whole_graph else tail)
        if rest:
            raise StataError("invalid syntax", 198)
        if_exp = seg_if if seg_if is not None else if_exp
        in_range = seg_in if seg_in is not None else in_range
        options.extend(tail_options)
    if not plots:
        raise StataError("invalid syntax", 198)
    return TwowayCall(tuple(plots), if_exp, in_range, tuple(options))


def items(text: str) -> list[tuple[bool, str]]:
    """Words and quoted strings of ``text`` in order: (quoted, text)."""
    out: list[tuple[bool, str]] = []
    i, n = 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        if text[i] == '"' or text.startswith('`"', i):
            end = quote_end(text, i)
            if end < 0:
                raise StataError("too few quotes", 132)
            inner = text[i + 2:end - 2] if text[i] == "`" else text[i + 1:end - 1]
            out.append((True, inner))
            i = end
            continue
        j = i
        depth = 0
        while j < n and (depth or not text[j].isspace()) and not (depth == 0 and text[j] == '"'):
            depth += text[j] == "("
            depth -= text[j] == ")"
            j += 1
        out.append((False, text[i:j]))
        i = j
    return out


def title_text(arg: str | None) -> str:
    """The text of ``title("line 1" "line 2", size(small))``: lines joined by newlines.

    Unquoted text is taken as typed; the suboptions after a top-level comma are read by
    ``graph_options.text_style``.
    """
    if arg is None:
        return ""
    text = split_options(arg)[0].strip()
    if not text.startswith('"') and not text.startswith('`"'):
        return text
    return "\n".join(text_lines(word) for _, word in items(text))


def text_lines(text: str) -> str:
    """A label whose text is itself quoted strings -- ``xlabel(1 `""Line one" "line two""')``, a
    value label defined as `"a" "b"' -- as its lines (joined by newlines), as a title's
    ``"line 1" "line 2"``; any other text as it is."""
    head = text.lstrip()
    if not (head.startswith('"') or head.startswith('`"')):
        return text
    try:
        parts = items(head)
    except StataError:
        return text
    if not parts or not all(quoted for quoted, _ in parts):
        return text
    return "\n".join(word for _, word in parts)


def split_weight(text: str):
    """``varlist [if] [in] [weight]`` -> (text without the weight, ``ast.Weight`` or None)."""
    start = top_level_find(text, "[")
    if start < 0:
        return text, None
    close = matching_close(text, start, "([")
    if close < 0:
        raise StataError("invalid syntax", 198)
    inner = text[start + 1:close]
    kind, eq, exp = inner.partition("=")
    if not eq or not kind.strip() or not exp.strip():
        raise StataError("invalid syntax", 198)
    return text[:start] + " " + text[close + 1:], Weight(kind.strip(), exp.strip())
