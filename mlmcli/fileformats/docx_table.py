"""A Word document (.docx, Office Open XML) holding one table of text cells: the smallest
package Word reads -- ``[Content_Types].xml``, ``_rels/.rels`` and ``word/document.xml`` with
a ``w:tbl`` (single borders) -- for ``collect export file.docx``.  Stata's own documents add
styles this does not copy (inferred; no Stata-written .docx was read)."""
from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '</Types>')
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>')
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_BORDERS = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
                   for side in ("top", "left", "bottom", "right", "insideH", "insideV"))


def _paragraph(text: str, right: bool = False) -> str:
    align = '<w:pPr><w:jc w:val="right"/></w:pPr>' if right else ""
    return f'<w:p>{align}<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def docx_bytes(rows: list[list[str]], title: str = "", notes: tuple[str, ...] = ()) -> bytes:
    """The document: ``title`` above, ``rows`` as the table (first column left-aligned, the
    others right-aligned), ``notes`` below."""
    body = [_paragraph(title)] if title else []
    table = [f"<w:tbl><w:tblPr><w:tblBorders>{_BORDERS}</w:tblBorders></w:tblPr>"]
    for row in rows:
        cells = "".join(f"<w:tc>{_paragraph(text, right=k > 0)}</w:tc>" for k, text in enumerate(row))
        table.append(f"<w:tr>{cells}</w:tr>")
    table.append("</w:tbl>")
    body.append("".join(table))
    body += [_paragraph(note) for note in notes]
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{_W}">'
                f'<w:body>{"".join(body)}<w:p/></w:body></w:document>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", _CONTENT_TYPES)
        package.writestr("_rels/.rels", _RELS)
        package.writestr("word/document.xml", document)
    return out.getvalue()
