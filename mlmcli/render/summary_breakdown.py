"""``tabulate ..., summarize()`` (tabsum) in Stata's layout; the one-way table is also
oneway's ``tabulate`` option and robvar's summary.

One-way: the title ``Summary of <label>`` wrapped at 35 columns and each line centred
(rounding up) over the 12-column figures; the row variable's label wrapped into the
11-column stub, bottom-aligned.  Two-way: the title line ``Means, Standard Deviations and
Frequencies of <label>``, then tabulate's two-way frame with one line per figure in each
cell.  Figures: means and standard deviations in %10.0g, frequencies and observations in
%10.0gc.  (Layouts read from published logs of Stata 13-16: tabsum, robvar, oneway.)
"""
from __future__ import annotations

import math

from mlmcli.render.data_tables import wrap_label
from mlmcli.render.numfmt import format_number
from mlmcli.results.data import SummaryBreakdown, SummaryCell

_HEADS = {"means": "Mean", "standard": "Std. Dev.", "freq": "Freq.", "obs": "Obs."}
_TITLE_WORDS = {"means": "Means", "standard": "Standard Deviations", "freq": "Frequencies",
                "obs": "Number of Observations"}


def figure(cell: SummaryCell, kind: str, width: int) -> str:
    value = {"means": cell.mean, "standard": cell.sd, "freq": cell.freq, "obs": cell.obs}[kind]
    text = format_number(value, "%10.0gc" if kind in ("freq", "obs") else "%10.0g").strip()
    return text.rjust(width)


def oneway_header(variable_label: str, row_title: str, heads: list[str], stub: int = 11) -> list[str]:
    """The stub and title lines above the rule: ``Summary of`` lines centred over the
    figures' columns, the row title bottom-aligned in the stub."""
    width = 12 * len(heads)
    titles = wrap_label(f"Summary of {variable_label}", 35)
    stubs = wrap_label(row_title, stub)
    n = max(len(titles) + 1, len(stubs))
    titles = [""] * (n - 1 - len(titles)) + titles
    stubs = [""] * (n - len(stubs)) + stubs
    out = []
    for k in range(n - 1):
        text = titles[k]
        out.append((f"{stubs[k]:>{stub}} |" + " " * math.ceil((width - len(text)) / 2) + text).rstrip()
                   if text else f"{stubs[k]:>{stub}} |")
    out.append(f"{stubs[-1]:>{stub}} |" + "".join(h.rjust(12) for h in heads))
    return out


def _oneway(t: SummaryBreakdown) -> list[str]:
    labels = [_stub_text(s) for s in t.row_labels]
    stub = max([11] + [len(s) for s in labels])
    rule = "-" * (stub + 1) + "+" + "-" * (12 * len(t.show))
    out = oneway_header(t.variable_label, t.row_title, [_HEADS[k] for k in t.show], stub)
    out.append(rule)
    for lab, row in zip(labels, t.cells):
        out.append(f"{lab:>{stub}} |" + "".join(figure(row[0], k, 12) for k in t.show))
    out.append(rule)
    out.append(f"{'Total':>{stub}} |" + "".join(figure(t.total, k, 12) for k in t.show))
    return out


def _stub_text(text: str) -> str:
    """A long category text shortened as tabsum shows it (``LCF_2001-2..``)."""
    return text if len(text) <= 12 else text[:10] + ".."


def _title(t: SummaryBreakdown) -> str:
    words = [_TITLE_WORDS[k] for k in t.show]
    joined = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
    return f"{joined} of {t.variable_label}"


def _twoway(t: SummaryBreakdown, linesize: int, wrap: bool) -> list[str]:
    stub = max([10] + [len(s) for s in t.row_labels])
    ncol = len(t.col_labels)
    per_panel = ncol if wrap else max(1, (linesize - (stub + 2) - 13) // 11)
    title = _title(t)
    out = [" " * max(0, (75 - len(title)) // 2) + title]
    stubs = wrap_label(t.row_title, stub)
    for start in range(0, ncol, per_panel):
        cols = list(range(start, min(start + per_panel, ncol)))
        span = 11 * len(cols)
        centre = 10 * len(cols) + 1
        ctitles = wrap_label(t.col_title or "", centre)
        n = max(len(ctitles) + 1, len(stubs))
        ctitles = [""] * (n - 1 - len(ctitles)) + ctitles
        stub_lines = [""] * (n - len(stubs)) + stubs
        lines = [""]
        for k in range(n - 1):
            lines.append((f"{stub_lines[k]:>{stub}} |" + " " * ((centre - len(ctitles[k])) // 2) + ctitles[k]).rstrip())
        lines.append(f"{stub_lines[-1]:>{stub}} |" + " ".join(f"{t.col_labels[j][:10]:>10}" for j in cols)
                     + " |     Total")
        rule = "-" * (stub + 1) + "+" + "-" * span + "+" + "-" * 10
        lines.append(rule)
        body = [(lab, t.cells[i], t.row_totals[i]) for i, lab in enumerate(t.row_labels)]
        body.append(("Total", t.col_totals, t.total))
        for k, (lab, cells, total) in enumerate(body):
            if k:
                lines.append(rule)
            for m, kind in enumerate(t.show):
                lines.append(f"{lab if m == 0 else '':>{stub}} |" + " ".join(figure(cells[j], kind, 10) for j in cols)
                             + " |" + figure(total, kind, 10))
        out += lines
    return out


def render_summary_breakdown(t: SummaryBreakdown, *, linesize: int = 80, wrap: bool = False) -> str:
    if not t.show:
        return ""
    lines = _oneway(t) if t.col_title is None else _twoway(t, linesize, wrap)
    return "\n" + "\n".join(lines)
