"""``split`` ([D] split): separators, limit, generate, destring, messages and errors."""
from __future__ import annotations

DATA = 'input str20 s\n"a b  c"\n"x,y"\n""\n" 1-2 "\nend\n'


def test_blanks_by_default_and_the_message(do):
    rc, out, s = do(DATA + "split s")
    assert rc == 0, out
    assert out.endswith("variables created as string: \ns1  s2  s3\n")
    assert s.data.df["s1"].tolist() == ["a", "x,y", "", "1-2"]
    assert s.data.df["s3"].tolist() == ["c", "", "", ""]
    assert s.data.types["s1"] == "str3" and s.r == {"nvars": 3.0, "varlist": "s1 s2 s3"}


def test_parse_limit_generate_notrim_and_if(do):
    rc, out, s = do(DATA + "split s, parse(,) gen(p) limit(1)")
    assert s.data.df["p1"].tolist() == ["a b  c", "x", "", "1-2"] and s.r["nvars"] == 1
    rc, out, s = do(DATA + 'split s, parse("-" ",") gen(q)')
    assert s.data.df["q2"].tolist() == ["", "y", "", "2"]
    rc, out, s = do(DATA + "split s if _n == 4, parse(-) notrim gen(r)")
    assert s.data.df["r1"].tolist() == ["", "", "", " 1"] and s.data.df["r2"].tolist() == ["", "", "", "2 "]


def test_destring(do):
    rc, out, s = do('input str10 n\n"1-2"\n"3-40"\nend\nsplit n, parse(-) destring')
    assert rc == 0, out
    assert "n2: all characters numeric; replaced as byte" in out
    assert s.data.df["n2"].tolist() == [2, 40] and s.r["varlist"] == "n1 n2"


def test_errors_change_nothing(do):
    rc, out, s = do(DATA + "gen s2 = 1\nsplit s")
    assert rc == 110 and list(s.data.df.columns) == ["s", "s2"]
    assert do(DATA + "gen x = 1\nsplit x")[0] == 109
    assert do(DATA + "split s, limit(0)")[0] == 198
    assert do(DATA + "split s, force")[0] == 198
    assert do(DATA + "split s, frob")[0] == 198
