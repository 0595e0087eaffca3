"""tests/realworld/rewrite.py's rule 4 for ``filefilter oldfile newfile`` (tenth held-out batch:
heldout/aiyenggar writes an esttab table to ``temp.tex`` and filefilters it into the author's
report folder): both files are paths of the author's, and each with folders becomes its last
component in the per-file working folder."""
from __future__ import annotations

from test_realworld_rewrite import _rewriter


def test_filefilter_writes_into_the_working_folder(tmp_path):
    rw = _rewriter(tmp_path)
    assert (rw.rewrite('filefilter temp.tex /Users/x/results/model.tex, from("{table}") to("{s}") replace')
            == 'filefilter temp.tex "model.tex", from("{table}") to("{s}") replace')
    assert (rw.rewrite('filefilter "C:/a b/in.txt" "C:/a b/out.txt", from(a) to(b)')
            == 'filefilter "in.txt" "out.txt", from(a) to(b)')
    assert rw.rewrite("filefilter in.txt out.txt, from(a) to(b)") == "filefilter in.txt out.txt, from(a) to(b)"
