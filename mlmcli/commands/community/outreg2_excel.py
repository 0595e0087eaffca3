"""outreg2's Excel file: the Excel 2003 SpreadsheetML that outreg2's ``_xmlout`` writes (outreg2
2.3.2, 17aug2014, read for its rules), from the cells of the tab-separated table.

Its rules, kept byte for byte: the whole workbook on one line (``_xmlout`` writes without ``_n``
unless ``legible``), US-ASCII declaration, Calibri 10 styles, every cell ``ss:Type="String"`` (the
``excel(numeric)`` sub-option not taken), only ``<`` and ``>`` escaped, an empty first row, a
top border on the first row and below the header rows, a bottom border on the last table row,
then the notes (first column only, style ``s24``) -- all but the first note only when there are
two or more (outreg2's ``if N > total``).  Column widths: the first ``int(6 * w)`` (``w`` the
longest first-column text from the last header row to the last table row; 100 when ``w`` is 10
or less, less ``int(0.2 * w)`` above 40, 220 above 60), every other 58.
"""
from __future__ import annotations

EXCEL_EXTENSIONS = (".xls", ".xlsx", ".xml", ".xlm", ".csv")

_STYLE_FONT = '<Font ss:FontName="Calibri" ss:Size="10"/>'
_TOP = '<Borders><Border ss:Position="Top" ss:LineStyle="Continuous" ss:Weight="1"/></Borders>'
_BOTTOM = '<Borders><Border ss:Position="Bottom" ss:LineStyle="Continuous" ss:Weight="1"/></Borders>'
_CENTER = '<Alignment ss:Horizontal="Center" ss:Vertical="Bottom"/>'

_HEAD = (
    '<?xml version="1.0" encoding="US-ASCII" standalone="yes"?>'
    '<?mso-application progid="Excel.Sheet"?>'
    '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"'
    ' xmlns:o="urn:schemas-microsoft-com:office:office"'
    ' xmlns:x="urn:schemas-microsoft-com:office:excel"'
    ' xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"'
    ' xmlns:html="http://www.w3.org/TR/REC-html40">'
    '<DocumentProperties xmlns="urn:schemas-microsoft-com:office:office">'
    '<Author></Author><LastAuthor></LastAuthor><Created></Created><LastSaved></LastSaved>'
    '<Company></Company><Version></Version></DocumentProperties>'
    '<ExcelWorkbook  xmlns="urn:schemas-microsoft-com:office:excel">'
    '<ProtectStructure>False</ProtectStructure><ProtectWindows>False</ProtectWindows></ExcelWorkbook>'
    '<Styles>'
    '<Style ss:ID="Default" ss:Name="Normal"><Alignment ss:Vertical="Bottom"/><Borders/>'
    + _STYLE_FONT + '<Interior/><NumberFormat/><Protection/></Style>'
    '<Style ss:ID="s1"><Font ss:FontName="Calibri" ss:Bold="1" ss:Size="12"/><NumberFormat/></Style>'
    '<Style ss:ID="s21">' + _CENTER + '<NumberFormat/>' + _STYLE_FONT + _TOP + '</Style>'
    '<Style ss:ID="s22">' + _CENTER + _STYLE_FONT + '<NumberFormat/></Style>'
    '<Style ss:ID="s23">' + _CENTER + '<NumberFormat/>' + _STYLE_FONT + _BOTTOM + '</Style>'
    '<Style ss:ID="s24">' + _STYLE_FONT + '<NumberFormat/></Style>'
    '<Style ss:ID="s31">' + _STYLE_FONT + _TOP + '</Style>'
    '<Style ss:ID="s32">' + _STYLE_FONT + '<Borders/></Style>'
    '<Style ss:ID="s33">' + _STYLE_FONT + _BOTTOM + '</Style>'
    '</Styles><Names></Names><Worksheet ss:Name="Sheet1">'
)
_TAIL = ('</Table><WorksheetOptions xmlns="urn:schemas-microsoft-com:office:excel">'
         '<ProtectedObjects>False</ProtectedObjects><ProtectedScenarios>False</ProtectedScenarios>'
         '</WorksheetOptions></Worksheet></Workbook>')


def _first_width(texts: list[str]) -> int:
    w = max([len(t) for t in texts] + [1])  # a Stata string variable is at least str1
    width = int(w * 6) if w > 10 else 100
    if w > 40:
        width -= int(w * .2)
    return 220 if w > 60 else width


def _row(cells: list[str], style: str, first_style: str) -> str:
    parts = []
    for k, text in enumerate(cells):
        text = text.replace("<", "&lt;").replace(">", "&gt;")
        parts.append(f'<Cell ss:StyleID="{first_style if k == 0 else style}"><Data ss:Type="String">{text}</Data></Cell>')
    return "<Row>" + "".join(parts) + "</Row>"


def spreadsheetml(lines: list[str], head_rows: int) -> str:
    """The workbook for the tab-separated ``lines``: ``head_rows`` header rows, then the table
    down to its last row with other than one filled cell, then the notes."""
    grid = [ln.split("\t") for ln in lines]
    ncol = max(len(r) for r in grid)
    grid = [r + [""] * (ncol - len(r)) for r in grid]
    n = len(grid)
    bottom = n
    while bottom > 1 and sum(c != "" for c in grid[bottom - 1]) == 1:  # notes fill one cell
        bottom -= 1
    head = head_rows
    widths = [_first_width([r[0] for r in grid[head - 1:bottom]]), 58] + [58] * (ncol - 2)
    out = [_HEAD, f'<Table ss:ExpandedColumnCount="{ncol}" ss:ExpandedRowCount="{n + 1}"'
                  ' x:FullColumns="1" x:FullRows="1">']
    out += [f'<Column ss:AutoFitWidth="0" ss:Width="{w}"/>' for w in widths[:ncol]]
    def row(i: int, style: str, first_style: str, first_only: bool = False) -> str:
        cells = grid[i - 1] if i <= n else [""] * ncol  # rows 1..n, as Stata's observations
        return _row(cells[:1] if first_only else cells, style, first_style)

    out.append("<Row></Row>")
    out.append(row(1, "s21", "s31"))
    out += [row(i, "s22", "s32") for i in range(2, head + 1)]
    out.append(row(head + 1, "s21", "s31"))
    out += [row(i, "s22", "s32") for i in range(head + 2, bottom)]
    last = max(bottom, head + 2)  # the row after the body loop, as _xmlout counts
    out.append(row(last, "s23", "s33"))
    if n > last + 1:
        out += [row(i, "s24", "s24", first_only=True) for i in range(last + 1, n + 1)]
    out.append(_TAIL)
    return "".join(out)
