"""Column helpers shared by ivreg2's renderers (ivreg2.ado's _col() and the kernel lines)."""
from __future__ import annotations

from mlmcli.render.numfmt import format_number as num


def col(text: str, column: int) -> str:
    """Stata's _col(#): pad ``text`` so the next character lands at 1-based ``column``."""
    return text + " " * max(0, column - 1 - len(text))


def whole(value: float) -> str:
    """A number as ``display`` shows a scalar (%9.0g, trimmed)."""
    return num(value, "%9.0g").strip()


def kernel_lines(r) -> list[str]:
    """DispMain's lines under the subtitles after bw()/kernel()."""
    if r.kernel is None:
        return []
    name, bw, tvar, ivar = r.kernel
    out = [f"  kernel={name}; bandwidth={whole(bw)}", f"  time variable (t):  {tvar}"]
    return out + ([f"  group variable (i): {ivar}"] if ivar else [])
