"""SMCL in a drawn graph's texts ([G-4] text): the runs ``graph_text_markup`` reads, drawn by
matplotlib without TeX.

A text of one look throughout ({bf:Title}, {it:x} alone, Greek letters) keeps its string
(letters as Unicode) and takes the look as the Text's weight, style and family; a text mixing
looks or with super- and subscripts becomes mathtext, a run each: ``\\mathbf{}``,
``\\mathit{}``, ``\\mathtt{}``, ``^{}``, ``_{}``, plain runs ``\\mathdefault{}``.  Tick labels come
from formatters at draw time, so their formatters are wrapped and give mathtext.
"""
from __future__ import annotations

from mlmcli.graphs.graph_text_markup import Look, parse_graph_text

_WEIGHT = {True: "bold", False: "normal"}
_STYLE = {True: "italic", False: "normal"}
# characters mathtext reads as commands, spacing or operators, and how to write them as text
_MATH_ESCAPES = {"\\": r"\backslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "#": r"\#{}", "%": r"\%",
                 "_": r"\_", "^": r"\^{}", "~": r"\sim{}", " ": r"\ ", "-": r"\text{-}", "'": r"\text{'}",
                 "*": r"\ast{}"}
# punctuation mathtext spaces as an operator or relation (a:b, x = 0): set as text instead
_MATH_ESCAPES.update({ch: "\\text{" + ch + "}" for ch in ':;,.=+<>!?|/()[]@"`&'})


def _math_run(piece: str, look: Look) -> str:
    body = "".join(_MATH_ESCAPES.get(ch, ch) for ch in piece)
    if look.family == "monospace":
        font = "mathtt"
    elif look.bold and look.italic:
        font = "mathbfit"
    elif look.bold:
        font = "mathbf"
    elif look.italic:
        font = "mathit"
    else:
        font = "mathdefault"
    body = f"\\{font}{{{body}}}"
    if look.script == "sup":
        return "^{" + body + "}"
    if look.script == "sub":
        return "_{" + body + "}"
    return body


def _valid_math(line: str) -> bool:
    from matplotlib.mathtext import MathTextParser

    try:
        MathTextParser("path").parse(line)
    except Exception:  # noqa: BLE001 - a run mathtext cannot read: the line is drawn as plain text
        return False
    return True


def graph_text(text: str, math: bool = False) -> tuple[str, dict] | None:
    """``text`` (lines split at newlines) as drawn: (string, Text properties), None when it has
    no SMCL tag.  ``math``: always mathtext (a tick label's look cannot be the Text's)."""
    if not isinstance(text, str) or "{" not in text:
        return None
    lines = text.split("\n")
    parsed = [parse_graph_text(line) for line in lines]
    if all(runs is None for runs in parsed):
        return None
    looks = {look for runs in parsed if runs for piece, look in runs if piece.strip()}
    if any(runs is None and line.strip() for line, runs in zip(lines, parsed)):  # an untagged line keeps the plain look
        looks.add(Look())
    if not math and len(looks) <= 1 and not any(look.script for look in looks):
        look = next(iter(looks), Look())
        shown = "\n".join(line if runs is None else "".join(p for p, _ in runs) for line, runs in zip(lines, parsed))
        props = {}
        if look.bold is not None:
            props["fontweight"] = _WEIGHT[look.bold]
        if look.italic is not None:
            props["fontstyle"] = _STYLE[look.italic]
        if look.family is not None:
            props["family"] = look.family
        return shown, props
    shown = []
    for line, runs in zip(lines, parsed):
        if runs is None:
            shown.append(line)
            continue
        math_runs = [_math_run(piece, look) for piece, look in runs]
        for k in range(1, len(runs)):  # x{sup:a}{sup:{it:b}}: a script after a script needs a nucleus
            if runs[k][1].script and runs[k - 1][1].script:
                math_runs[k] = "{}" + math_runs[k]
        math_line = "$" + "".join(math_runs) + "$"
        plain = "".join(p for p, _ in runs).replace("$", r"\$")  # a literal $, not a math delimiter
        shown.append(math_line if runs and _valid_math(math_line) else plain)
    return "\n".join(shown), {}


def _tick_texts(fig) -> set:
    """The Text objects of the axes' ticks: their strings come from the formatters."""
    ids = set()
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            for tick in list(axis.majorTicks) + list(axis.minorTicks):
                ids.update((id(tick.label1), id(tick.label2)))
    return ids


def _wrap_formatter(formatter) -> None:
    from matplotlib.ticker import FixedFormatter, FuncFormatter

    if isinstance(formatter, FuncFormatter) and not getattr(formatter.func, "smcl_wrapped", False):
        inner = formatter.func

        def shown(value, position, inner=inner):
            label = inner(value, position)
            converted = graph_text(label, math=True)
            return label if converted is None else converted[0]

        shown.smcl_wrapped = True
        formatter.func = shown
    elif isinstance(formatter, FixedFormatter):
        formatter.seq = [s if (c := graph_text(s, math=True)) is None else c[0] for s in formatter.seq]


def apply_graph_text_markup(fig) -> None:
    """Draw the SMCL tags of every text of ``fig`` (titles, notes, axis titles, legend keys,
    added text, marker labels, tick labels) as [G-4] text describes."""
    from matplotlib.text import Text

    ticks = _tick_texts(fig)
    for text in fig.findobj(Text):
        if id(text) in ticks:
            continue
        converted = graph_text(text.get_text())
        if converted is not None:
            text.set_text(converted[0])
            text.update(converted[1])
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            _wrap_formatter(axis.get_major_formatter())
            _wrap_formatter(axis.get_minor_formatter())
