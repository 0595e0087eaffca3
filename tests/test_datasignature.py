"""datasignature ([D] datasignature): the signature N:k(W):C1:C2 recomputed here from its
documented recipe (mlm's own checksums), set/confirm/report/clear with datasignature.ado's
messages and return codes; a signature Stata set is refused, not called changed."""
from __future__ import annotations

import re
import zlib

import numpy as np
import pandas as pd

from mlmcli.dataset import Dataset

SETUP = 'replace x = .a in 2\n'


def _data():
    df = pd.DataFrame({"x": [1.0, 2.0, 3.0, 4.0, 5.0], "s": ["a1", "a2", "a3", "a4", "a5"]})
    return Dataset(df=df, types={"x": "float", "s": "str3"})


def test_signature_follows_its_recipe(do):
    rc, out, s = do(SETUP + "datasignature", _data())
    x = np.array([1.0, 2.0, 3.0, 4.0, 5.0])
    x[1] = 1 - 1e9  # .a: missing code 1, shifted below every value
    blobs = [x.astype(">f8").tobytes(), b"".join(f"a{i}".encode() + b"\0" for i in range(1, 6))]
    crc, adler = zlib.crc32(blobs[1], zlib.crc32(blobs[0])), zlib.adler32(blobs[1], zlib.adler32(blobs[0]))
    want = f"5:2({zlib.crc32(b'x s') % 100000}):{crc}:{adler}"
    assert rc == 0 and out.endswith(f"  {want}\n") and s.r["datasignature"] == want


def test_set_confirm_added_reordered_changed(do):
    rc, out, s = do(SETUP + "datasignature set\ndatasignature confirm", _data())
    sig = s.data.chars["datasignature_si"]
    assert f"  {sig}       (data signature set)\n" in out
    assert re.search(r"\n  \(data unchanged since \d\d[a-z]{3}\d{4} \d\d:\d\d\)\n$", out)
    assert s.data.chars["datasignature_vl"] == "x s"
    rc, out, s = do("gen z = 1\ndatasignature confirm", s.data)
    assert rc == 0 and "except 1 variable has been added)" in out and s.r["k_added"] == 1
    rc, out, s = do("datasignature confirm, strict", s.data)
    assert rc == 9 and "except 1 variable has been added)\nr(9);" in out
    rc, out, s = do("drop z\norder s x\ndatasignature confirm", s.data)
    assert rc == 0 and "but order of variables has changed)" in out
    rc, out, s = do("replace x = 9 in 1\ndatasignature confirm", s.data)
    assert rc == 9 and re.search(r"\n  data have changed since \d\d[a-z]{3}\d{4} \d\d:\d\d\nr\(9\);", out)
    rc, out, s = do("datasignature set\n", s.data)
    assert rc == 110 and "data signature already set -- specify option reset" in out
    rc, out, s = do("datasignature set, reset\ndatasignature clear\ndatasignature clear", s.data)
    assert "(data signature reset)" in out and "  (data signature cleared)\n" in out
    assert out.endswith("  (no data signature was previously set)\n") and "datasignature_si" not in s.data.chars


def test_report_layout(do):
    rc, out, s = do(SETUP + "datasignature set\ngen z = 1\ndatasignature report", _data())
    body = out.split("(data signature set)\n", 1)[1]
    sig = s.data.chars["datasignature_si"]
    assert re.match(r"  \(data signature set on [A-Z][a-z]+day \d\d[a-z]{3}\d{4} \d\d:\d\d\)\n", body)
    assert body.split("\n", 1)[1] == f"""
  Data signature summary

   1. previous data signature     {sig}
   2. same data signature today   (same as 1)
   3. full data signature today   {s.r["fulldatasignature"]}

  Comparison of current data with previously set data signature

      variables                  number  notes
      ------------------------------------------------------------
      original # of variables         2  (values unchanged)
      added variables                 1  (1)
      dropped variables               0
      ------------------------------------------------------------
      resulting # of variables        3

      (1)  Added variable is z

"""
    assert (s.r["k_original"], s.r["k_added"], s.r["k_dropped"], s.r["changed"]) == (2, 1, 0, 0)
    assert s.r["varsadded"] == "z"


def test_errors(do):
    for line, want_rc, msg in (("datasignature confirm", 459, "  no data signature was previously set"),
                               ("datasignature bogus", 198, "invalid datasignature subcommand"),
                               ("datasignature set, saving(f)", 198, "not supported"),
                               ("datasignature confirm using f", 198, "not supported")):
        rc, out, s = do(line, _data())
        assert rc == want_rc and msg in out, (line, out)
    ds = _data()
    ds.chars["datasignature_si"] = "5:2(12321):2725060400:4007406597"  # as Stata sets it
    rc, out, s = do("datasignature confirm", ds)
    assert rc == 198 and "set by Stata" in out
