"""esttab's md/mmd mode, longtable and standalone (esttab help "Document format"; the layout
read in esttab.ado's mmd_* and tex_* settings and estout.ado's style(mmd) and MakeMMDdef):
``| `` ``" | "`` `` |`` around fixed-width cells, no rules or gaps, the divider line after the
header, notes after an empty line joined by ``<br>``; longtable's environment, caption inside it
and head/foot markers after the top rule; standalone's document class."""
from __future__ import annotations

MODELS = """clear
input y x w
1 2 3
2 3 1
4 5 2
3 3 5
6 7 4
5 4 4
end
quietly regress y x
eststo m1
quietly regress y x w
eststo m2
"""


def _table(out: str, first: str) -> list[str]:
    lines = out.splitlines()
    return lines[next(i for i, line in enumerate(lines) if line.startswith(first)):]


def test_markdown_layout(do):
    rc, out, _ = do(MODELS + "esttab, md")
    assert rc == 0, out
    lines = _table(out, "|              |")
    assert lines[0] == "|              |          (1)                  |          (2)                  |"
    assert lines[1] == "|              |            y                  |            y                  |"
    # MakeMMDdef: 12 dashes; per column ':' (12 - 2) + 17 (the widest star symbol) dashes ':'
    assert lines[2] == "| " + "-" * 12 + (" | :" + "-" * 27 + ":") * 2 + " |"
    assert lines[3] == "| x            |        0.937<sup>\\*</sup>     |        0.895<sup>\\*</sup>     |"
    assert lines[4] == "|              |       (4.05)                  |       (4.13)                  |"
    assert lines[5].startswith("| w            |                               |        0.343")  # no gap rows
    assert lines[7].startswith("| \\_cons       |")  # substitute(_ \_ ...) as in LaTeX
    assert lines[9].startswith("| *N*          |            6")
    assert lines[10:13] == ["", "*t* statistics in parentheses<br>",
                            "<sup>\\*</sup> *p* < 0.05, <sup>\\*\\*</sup> *p* < 0.01, <sup>\\*\\*\\*</sup> *p* < 0.001"]


def test_markdown_title_labels_and_star_symbols_typed(do):
    rc, out, _ = do(MODELS + "esttab, md label r2 title(My table) star(+ 0.1) nonumbers")
    assert rc == 0, out
    assert "\n\nMy table\n\n|" in out
    assert "| Observations         |" in out and "| *R*<sup>2</sup>      |" in out
    assert "0.937+" in out and "+ *p* < 0.1" in out  # star()'s own symbols are not formatted (FormatStarSym)


def test_markdown_files_and_suffixes(do, tmp_path):
    rc, out, _ = do(MODELS + f'esttab using "{tmp_path / "a"}", md\nesttab using "{tmp_path / "b"}", mmd\n'
                    f'esttab using "{tmp_path / "c.md"}", nostar')
    assert rc == 0, out
    assert (tmp_path / "a.md").exists() and (tmp_path / "b.mmd").exists()
    text = (tmp_path / "c.md").read_text()  # .md chooses the mode
    assert text.splitlines()[0] == "" and text.splitlines()[1].startswith("|              |          (1) |")
    assert text.splitlines()[3] == "| ------------ | :----------: | :----------: |"
    assert do(MODELS + "esttab, md tex")[0] == 198


def test_longtable(do, tmp_path):
    f = tmp_path / "t.tex"
    rc, out, _ = do(MODELS + f'esttab using "{f}", longtable title(T)')
    assert rc == 0, out
    lines = f.read_text().splitlines()
    assert lines[:5] == ["{", "\\def\\sym#1{\\ifmmode^{#1}\\else\\(^{#1}\\)\\fi}", "\\begin{longtable}{l*{2}{c}}",
                         "\\caption{T}\\\\", "\\hline\\hline\\endfirsthead\\hline\\endhead\\hline\\endfoot\\endlastfoot"]
    assert lines[-2:] == ["\\end{longtable}", "}"] and "\\begin{table}" not in f.read_text()
    rc, out, _ = do(MODELS + f'esttab using "{f}", booktabs longtable page replace')
    text = f.read_text()
    assert "\\usepackage{booktabs}\n\\usepackage{longtable}\n\\begin{document}" in text
    assert "\\toprule\\endfirsthead\\midrule\\endhead\\midrule\\endfoot\\endlastfoot" in text
    assert do(MODELS + "estout, longtable")[0] == 198  # esttab's own option


def test_standalone_document_class(do, tmp_path):
    f = tmp_path / "s.tex"
    for option, cls in (("standalone", "[varwidth]{standalone}"), ("standalone(border=1pt)", "[border=1pt]{standalone}"),
                        ('standalone("")', "{standalone}")):
        rc, out, _ = do(MODELS + f'esttab using "{f}", {option} replace')
        assert rc == 0, out
        text = f.read_text()
        assert f"\\documentclass{cls}\n\\begin{{document}}" in text and text.rstrip().endswith("\\end{document}")
    assert do(MODELS + "esttab, standalone fragment")[0] == 198
    assert do(MODELS + "esttab, csv standalone")[0] == 198
