"""``xlabel(..., labjustification() labalignment())``: _gs_parse_and_log_tickset.ado reads
``LABJustification(string) LABAlignment(string)`` and edits the labels' textstyle
``horizontal()`` and ``vertical()`` ([G-4] justificationstyle: left, center, right;
alignmentstyle: baseline, bottom, middle, top).

How mlm draws them: a label's box is as wide as its longest line, so justification shows in the
lines of a label of several lines (compound quotes, docs/graphs_natural_scale.md): they are
justified left, centred or right.  The x axis' labels share a row as tall as its tallest label
(tickset_g.class ``_max_multi_height``): alignment places a shorter label at the top of that row
(next to a bottom axis: mlm's default), its middle or its bottom (``baseline``: its bottom too).
A y axis' label is placed about its tick: ``top`` its top there, ``bottom``/``baseline`` its
bottom, ``middle`` centred (the default).  Decided without a Stata-drawn picture.
"""
from __future__ import annotations

from matplotlib.ticker import Formatter

_JUSTIFY = (("left", 1), ("center", 1), ("right", 1))
_ALIGN = (("baseline", 4), ("bottom", 3), ("middle", 1), ("top", 1))
_Y_ANCHOR = {"top": "top", "bottom": "bottom", "baseline": "baseline", "middle": "center"}


def label_place_fields(opts: dict, notes: list[str]) -> dict:
    """Axis fields of ``labjustification()``/``labalignment()``; an unknown word draws the
    default with Stata's note of a named style its class does not have."""
    from mlmcli.graphs.named_styles import style_note
    from mlmcli.syntax.abbreviation import resolve_choice

    out: dict = {}
    for option, field, choices, klass in (("labjustification", "label_justification", _JUSTIFY, "justificationstyle"),
                                          ("labalignment", "label_alignment", _ALIGN, "alignmentstyle")):
        if option not in opts:
            continue
        word = str(opts[option]).strip().strip('"')
        found = resolve_choice(word.lower(), choices)
        if found is None:
            style_note(notes, word, klass)
        else:
            out[field] = found
    return out


class PlacedLabels(Formatter):
    """The axis' own formatter, its labels' lines justified and the labels aligned in their
    row (x) or about their ticks (y) as the axis' ``label_justification``/``label_alignment``
    ask; ``matplotlib`` asks ``format_ticks`` for every label at once, so the row's height is
    known."""

    def __init__(self, inner: Formatter, which: str, justification, alignment, top_axis: bool):
        self.inner, self.which = inner, which
        self.justification, self.alignment, self.top_axis = justification, alignment, top_axis

    def set_axis(self, axis):
        super().set_axis(axis)
        self.inner.set_axis(axis)

    def __call__(self, x, pos=None):
        return self.inner(x, pos)

    def format_ticks(self, values):
        texts = list(self.inner.format_ticks(values))
        if self.alignment and self.which == "x":
            texts = _in_row(texts, self.alignment, self.top_axis)
        if self.axis is not None:
            for tick in self.axis.get_major_ticks(len(values)):
                for label in (tick.label1, tick.label2):
                    if self.justification:
                        label.set_multialignment(self.justification)
                    if self.alignment and self.which == "y":
                        label.set_verticalalignment(_Y_ANCHOR[self.alignment])
        return texts


def _in_row(texts: list[str], alignment: str, top_axis: bool) -> list[str]:
    """Blank lines that put each label at the top, middle or bottom of a row as tall as the
    tallest label (a bottom axis' labels hang from their top, a top axis' stand on their
    bottom: the blank lines go on the other side)."""
    tallest = max((t.count("\n") + 1 for t in texts if t), default=1)
    out = []
    for text in texts:
        spare = tallest - (text.count("\n") + 1) if text else 0
        above = {"top": 0, "middle": spare // 2}.get(alignment, spare)  # bottom, baseline: all
        below = spare - above
        out.append(text + "\n" * below if top_axis else "\n" * above + text)
    return out


def place_labels(axis, spec, which: str) -> None:
    """Wrap ``axis``' major formatter when the axis has ``labjustification()`` or
    ``labalignment()`` (after every other change of its formatter: finish_ticks)."""
    if not (spec.label_justification or spec.label_alignment):
        return
    current = axis.get_major_formatter()
    if isinstance(current, PlacedLabels):
        current = current.inner
    axis.set_major_formatter(PlacedLabels(current, which, spec.label_justification, spec.label_alignment,
                                          which == "x" and bool(spec.alt)))
