"""An Excel 97-2003 workbook (.xls: a BIFF8 ``Workbook`` stream in a Compound File) holding
one sheet of text cells, for ``collect export file.xls``.  Written from the published format
specifications ([MS-XLS] records BOF, CODEPAGE, FONT, XF, STYLE, BOUNDSHEET, DIMENSIONS,
LABEL, WINDOW2, EOF; [MS-CFB] version 3, 512-byte sectors); no third-party writer is used
(xlwt, the one Python writer, is unmaintained).  Text only: the cells hold the formatted
texts the other exports write.  :func:`xls_workbook_bytes` writes several sheets of text and
number cells (NUMBER records), for ``putexcel set file.xls``."""
from __future__ import annotations

import struct

_END, _FREE, _FATSECT, _NOSTREAM = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF


def _record(kind: int, data: bytes) -> bytes:
    return struct.pack("<HH", kind, len(data)) + data


def _text(text: str, length_bytes: int) -> bytes:
    """An XLUnicodeString: the character count, a flag byte (1: UTF-16LE), the characters."""
    raw = text.encode("utf-16-le")
    return struct.pack("<H" if length_bytes == 2 else "<B", len(raw) // 2) + b"\x01" + raw


def _bof(kind: int) -> bytes:
    return _record(0x0809, struct.pack("<HHHHII", 0x0600, kind, 0x0DBB, 0x07CC, 0, 0x06))


def _globals(sheets: list[tuple[str, int]]) -> bytes:
    """The workbook globals; ``sheets``: (name, offset of its BOF in the stream)."""
    out = _bof(0x0005) + _record(0x0042, struct.pack("<H", 1200))  # CODEPAGE: UTF-16
    out += _record(0x003D, struct.pack("<HHHHHHHHH", 0, 0, 0x4000, 0x2000, 0x38, 0, 0, 1, 0x258))  # WINDOW1
    font = struct.pack("<HHHHHBBBB", 200, 0, 0x7FFF, 400, 0, 0, 0, 0, 0) + _text("Arial", 1)
    out += _record(0x0031, font) * 4  # FONT: Excel expects four (index 4 is never used)
    style_xf = struct.pack("<HHHBBBBIIH", 0, 0, 0xFFF5, 0x20, 0, 0, 0, 0, 0, 0x20C0)
    cell_xf = struct.pack("<HHHBBBBIIH", 0, 0, 0x0001, 0x20, 0, 0, 0, 0, 0, 0x20C0)
    out += _record(0x00E0, style_xf) * 15 + _record(0x00E0, cell_xf)  # XF 0-14 styles, 15 the cells'
    out += _record(0x0293, struct.pack("<HBB", 0x8000, 0, 0xFF))  # STYLE: Normal, built in
    for name, offset in sheets:
        out += _record(0x0085, struct.pack("<IBB", offset, 0, 0) + _text(name, 1))  # BOUNDSHEET
    return out + _record(0x000A, b"")


def _sheet(cells: dict[tuple[int, int], object]) -> bytes:
    """One worksheet: ``cells`` maps (row, column), 0-based, to a text (LABEL) or a number (NUMBER)."""
    nrows = max([r for r, _ in cells] + [-1]) + 1
    ncols = max([c for _, c in cells] + [0]) + 1
    out = _bof(0x0010) + _record(0x0200, struct.pack("<IIHHH", 0, nrows, 0, ncols, 0))  # DIMENSIONS
    for (i, j), value in sorted(cells.items()):
        if isinstance(value, str):
            if value:
                out += _record(0x0204, struct.pack("<HHH", i, j, 15) + _text(value[:255], 2))  # LABEL
        elif value is not None:
            out += _record(0x0203, struct.pack("<HHHd", i, j, 15, float(value)))  # NUMBER
    out += _record(0x023E, struct.pack("<HHHHHHHHI", 0x06B6, 0, 0, 0x40, 0, 0, 0, 0, 0))  # WINDOW2
    return out + _record(0x000A, b"")


def _workbook(sheets: list[tuple[str, dict]]) -> bytes:
    size = len(_globals([(name, 0) for name, _ in sheets]))
    bodies = [_sheet(cells) for _, cells in sheets]
    offsets = [size + sum(len(b) for b in bodies[:k]) for k in range(len(bodies))]
    return _globals([(name, off) for (name, _), off in zip(sheets, offsets)]) + b"".join(bodies)


def _compound(stream: bytes) -> bytes:
    """The stream as ``Workbook`` in a version-3 compound file (no mini stream: it is padded
    to 4096 bytes, the cutoff under which a stream would live in the mini stream)."""
    stream = stream + b"\0" * (max(4096, -(-len(stream) // 512) * 512) - len(stream))
    n_data = len(stream) // 512
    n_fat = 1
    while (n_data + 1 + n_fat) > 128 * n_fat:
        n_fat += 1
    if n_fat > 109:
        raise ValueError("table too large for an .xls without DIFAT sectors")
    dir_sector = n_data
    fat = list(range(1, n_data)) + [_END, _END] + [_FATSECT] * n_fat
    fat += [_FREE] * (128 * n_fat - len(fat))
    difat = list(range(n_data + 1, n_data + 1 + n_fat)) + [_FREE] * (109 - n_fat)
    header = struct.pack("<8s16sHHHHH6sIIIIIIIII", bytes.fromhex("D0CF11E0A1B11AE1"), b"\0" * 16, 0x003E, 0x0003,
                         0xFFFE, 9, 6, b"\0" * 6, 0, n_fat, dir_sector, 0, 4096, _END, 0, _END, 0)
    header += struct.pack("<109I", *difat)

    def entry(name: str, kind: int, child: int, start: int, size: int) -> bytes:
        raw = (name + "\0").encode("utf-16-le") if name else b""
        return struct.pack("<64sHBBIII16sIQQIQ", raw, len(raw), kind, 1, _NOSTREAM, _NOSTREAM, child, b"\0" * 16,
                           0, 0, 0, start, size)

    directory = entry("Root Entry", 5, 1, _END, 0) + entry("Workbook", 2, _NOSTREAM, 0, len(stream))
    directory += entry("", 0, _NOSTREAM, 0, 0) * 2
    return header + stream + directory + struct.pack(f"<{len(fat)}I", *fat)


def xls_bytes(rows: list[list[str]]) -> bytes:
    """One sheet, ``Table``, of text rows."""
    cells = {(i, j): text for i, row in enumerate(rows) for j, text in enumerate(row) if text}
    return _compound(_workbook([("Table", cells)]))


def xls_workbook_bytes(sheets: list[tuple[str, dict[tuple[int, int], object]]]) -> bytes:
    """Several sheets, in order: (name, {(row, column) 0-based: text or number})."""
    return _compound(_workbook(sheets))
