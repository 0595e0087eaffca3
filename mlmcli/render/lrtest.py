"""``lrtest`` output (golden 10, LAYOUT.md section 8).

```
(blank)
Likelihood-ratio test                                 LR chi2(2)  =    366.86
(Assumption: rie nested in rce)                       Prob > chi2 =    0.0000
[(blank)
Note: The reported degrees of freedom assumes the null hypothesis is not on the boundary of the parameter
      space.  If this is not true, then the reported test is conservative.]
```
The note is Stata's SMCL paragraph ``{p 0 6 2}``: hanging indent 6, lines at
most linesize - 2 long, the double space after ``space.`` kept.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from mlmcli.render.abbrev import abbrev
from mlmcli.render.numfmt import format_number

if TYPE_CHECKING:  # an annotation only: mixed's display, which uses wrap_paragraph, need not load it
    from mlmcli.results.postestimation import LRTestResult

BOUNDARY_NOTE = ("Note: The reported degrees of freedom assumes the null hypothesis is not on the "
                 "boundary of the parameter space.  If this is not true, then the reported test is "
                 "conservative.")


def wrap_paragraph(text: str, linesize: int, *, first: int = 0, hanging: int = 6, right: int = 2) -> list[str]:
    """SMCL ``{p first hanging right}`` wrapping; runs of spaces inside the text are kept."""
    width = max(linesize - right, 20)
    words: list[str] = []
    for chunk in text.split(" "):
        if chunk == "" and words:
            words[-1] += " "  # a second space stays with the word before it
        elif chunk:
            words.append(chunk)
    lines: list[str] = []
    cur = " " * first
    fresh = True
    for w in words:
        word = w.rstrip(" ")
        trail = w[len(word):]
        cand = cur + ("" if fresh else " ") + word
        if not fresh and len(cand) > width:
            lines.append(cur.rstrip(" "))
            cur = " " * hanging + word
        else:
            cur = cand
        cur += trail
        fresh = False
    lines.append(cur.rstrip(" "))
    return lines


REML_NOTE = ("Note: LR tests based on REML are valid only when the fixed-effects specification is "
             "identical for both models.")


def render_lrtest(result: LRTestResult, *, linesize: int = 110) -> str:
    """Text of ``lrtest a b``: the test, its nesting assumption and Stata's note(s): the
    boundary note for variance components, the REML note (lrtest.ado; a blank line before
    it only when no boundary note precedes it)."""
    df = f"LR chi2({format_number(result.df, '%9.0g').strip()})"
    line1 = "Likelihood-ratio test".ljust(54) + df.ljust(12) + "=" + format_number(result.chi2, "%10.2f")
    assume = f"(Assumption: {abbrev(result.restricted, 14)} nested in {abbrev(result.unrestricted, 14)})"
    line2 = (assume.ljust(54) if len(assume) < 54 else assume + " ") + "Prob > chi2 = " + format_number(result.p, "%9.4f")
    out = ["", line1, line2]
    if result.conservative:
        out.append("")
        out += wrap_paragraph(BOUNDARY_NOTE, linesize)
    if result.reml_note:
        if not result.conservative:
            out.append("")
        out += wrap_paragraph(REML_NOTE, linesize)
    return "\n".join(out)
