"""What ``esttab`` / ``estout`` tabulate: pure data filled by ``mlmcli.estimation.estout``
and written by ``mlmcli.render.estout`` in one of esttab's modes (screen, fixed text, tab,
csv, rtf, html, tex, markdown)."""
from __future__ import annotations

from dataclasses import dataclass, field


DEFAULT_STARS = (("*", "0.05", 0.05), ("**", "0.01", 0.01), ("***", "0.001", 0.001))


@dataclass(frozen=True)
class CellElement:
    """One statistic shown for every coefficient: ``b``, ``se``, ``t``, ``z``, ``p``, ``ci``
    (its ``fmt`` an estout format: ``a3``, ``3`` (= %12.3f), ``%9.2f``), in parentheses or
    brackets, with significance stars attached."""

    name: str
    fmt: str = "a3"
    par: str | tuple = ""  # "" | "()" | "[]" | (left, right) of cells()'s par(l r)
    star: bool = False
    label: str = ""  # its column label (cells()'s label() sub-option); "": estout's default
    abs: bool = False  # absolute values (esttab's abs, for t and z)
    vacant: str = ""  # shown where the model has no such coefficient (cells()'s vacant())


def cell_parts(item) -> tuple:
    """The elements of one table cell: a CellElement alone, or a tuple of them shown in the same
    cell (estout's ``&``, esttab's ``onecell``), joined by the table's in-cell delimiter."""
    return item if isinstance(item, tuple) else (item,)


def all_elements(cells) -> list:
    """Every CellElement of a ``cells`` specification, in order."""
    return [el for row in cells for item in row for el in cell_parts(item)]


@dataclass(frozen=True)
class CoefEntry:
    """A model's numbers for one coefficient: statistic -> value (``ci`` -> (lo, hi)) and the
    p-value the stars come from."""

    values: dict
    p: float


@dataclass(frozen=True)
class EstoutRow:
    label: str
    entries: tuple  # per model: CoefEntry or None
    refcat: tuple | None = None  # refcat(): (label, text per model, below) of the row it adds


@dataclass(frozen=True)
class EstoutEquation:
    label: str | None  # None: not labelled (one equation in the table)
    rows: tuple[EstoutRow, ...]


@dataclass(frozen=True)
class EstoutStat:
    label: str
    values: tuple  # per model: float, None, or text shown as is (outreg2's addstat/addtext)
    fmt: str = "a3"  # a tuple of formats for a layout() cell
    template: tuple | None = None  # stats(, layout()): (cell text, placeholder); values per model are tuples
    p: tuple | None = None  # stats(, star): the model p-value per model, whose stars the row carries
    # a layout() row of several cells: per column of a model ((cell text, placeholder), number of
    # statistics, starred); the values per model are all the row's statistics one after another
    columns: tuple | None = None


@dataclass(frozen=True)
class EstoutTable:
    cells: tuple[tuple, ...]  # rows of cells, a cell per model column: a CellElement or a tuple of them
    equations: tuple[EstoutEquation, ...]
    stats: tuple[EstoutStat, ...] = ()
    numbers: tuple[str, ...] | None = None  # "(1)" "(2)" ...
    mlabels: tuple[str, ...] | None = None  # depvars or model titles
    collabels: tuple[str, ...] | None = None  # a label per column of a model, repeated for each model
    star_levels: tuple[tuple[str, str, float], ...] = DEFAULT_STARS
    notes: tuple[str, ...] = ()
    star_legend: bool = True
    title: str = ""
    gaps: bool = True
    lines: bool = True
    varwidth: int = 12
    modelwidth: int | tuple[int, ...] = 12  # several: one per column of a model in turn (esttab's wide ci)
    abbreviate: bool = True
    padded: bool = False  # tab with a typed varwidth()/modelwidth(): cells padded (estout.hlp)
    nmodels: int = 1
    extra: dict = field(default_factory=dict)
    incell_delimiter: str = " "  # between the elements of one cell (esttab's onecell: mode's own)
    fragment: bool = False  # esttab's fragment: the rows alone, no opening, closing, outer rules or notes
    alignment: str = ""  # esttab's alignment(): tex column type / html align / rtf \\q
    page: str | None = None  # esttab's page[(packages)]: a whole LaTeX/HTML document; the packages
    mgroups: dict | None = None  # estout's mgroups(): labels, pattern (per model "1"/"0"), span, prefix, suffix, erepeat, lhs
    stamp: tuple = ("", "")
    framing: dict = field(default_factory=dict)  # prehead/posthead/prefoot/postfoot(): the user's lines
    framing_replaces: bool = False  # esttab: prehead() and postfoot() replace its opening and closing
    eqlines: bool = True  # rules between equations (esttab's noeqlines: none)
    number_style: tuple = ()  # nolz / dmarker() / msign(): (lz, dmarker, msign); (): estout's plain numbers
    row_parts: tuple = (None, None, None)  # begin() delimiter() end(): the mode's own where None
    hlinechar: str = ""  # hlinechar(): the rules' character in smcl/fixed ("" : -)
    float_table: bool | None = None  # float / nofloat: LaTeX table environment with(out) a title
    longtable: bool = False  # esttab's longtable: LaTeX's longtable environment instead of tabular
    fonttbl: str = "\\f0\\fnil Times New Roman;"  # esttab's fonttbl(): the rtf font table's body
    document_class: str = "{article}"  # page's \\documentclass: standalone[(opts)] makes it [opts]{standalone}
    substitute: tuple | None = None  # substitute(): (from, to) pairs; None: the mode's (tex: _ -> \\_)  # page's "% date time" line: (c(current_date), c(current_time))
