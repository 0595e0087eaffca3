"""outfile ([D] outfile): values in their display formats, labels and strings quoted, comma,
wide (lines of at most 80 characters otherwise), nolabel, noquote; the file read back with
infile/import; never written over without replace."""
from __future__ import annotations

import numpy as np
import pandas as pd

from mlmcli.dataset import Dataset


def _data():
    df = pd.DataFrame({"make": ["AMC Concord", "Buick"], "mpg": [22.0, np.nan], "weight": [2930.0, 3350.0],
                       "foreign": [0.0, 1.0]})
    return Dataset(df=df, types={"make": "str12", "mpg": "float", "weight": "float", "foreign": "byte"},
                   formats={"weight": "%8.0gc"}, value_labels={"orig": {0.0: "Domestic", 1.0: "Foreign"}},
                   value_label_of={"foreign": "orig"})


def test_default_layout_and_comma(do, tmp_path):
    path = tmp_path / "auto.raw"
    rc, out, s = do(f'outfile using "{tmp_path / "auto"}"', _data())
    assert rc == 0 and out == ""
    assert path.read_text() == ('"AMC Concord"         22    2,930 "Domestic"\n'
                                '"Buick"                .    3,350 "Foreign"\n')
    rc, out, s = do(f'outfile using "{path}", comma nolabel replace', _data())
    assert path.read_text() == '"AMC Concord",22,2930,0\n"Buick",,3350,1\n'
    rc, out, s = do(f'outfile make mpg using "{path}" in 1, noquote replace', _data())
    assert path.read_text() == "AMC Concord         22\n"


def test_lines_of_80_unless_wide(do, tmp_path):
    df = pd.DataFrame({f"v{i}": [float(i)] for i in range(1, 13)})
    path = tmp_path / "w.raw"
    rc, out, s = do(f'outfile using "{path}"', df)
    lines = path.read_text().splitlines()
    assert len(lines) == 2 and all(len(ln) <= 80 for ln in lines)
    assert " ".join(lines).split() == [str(i) for i in range(1, 13)]
    rc, out, s = do(f'outfile using "{path}", wide replace', df)
    assert len(path.read_text().splitlines()) == 1
    names = " ".join(f"v{i}" for i in range(1, 13))
    rc, out, s = do(f'clear\ninfile {names} using "{path}"', df)
    assert rc == 0 and list(s.data.df.iloc[0]) == [float(i) for i in range(1, 13)]


def test_never_overwrites_and_refuses(do, tmp_path):
    path = tmp_path / "keep.raw"
    path.write_text("keep")
    for line, want_rc, msg in ((f'outfile using "{path}"', 602, "already exists"),
                               (f'outfile using "{path}", dictionary replace', 198, "not supported"),
                               (f'outfile using "{path}", rjs replace', 198, "not supported"),
                               ('outfile make', 100, "using required")):
        rc, out, s = do(line, _data())
        assert rc == want_rc and msg in out, (line, out)
        assert path.read_text() == "keep"
