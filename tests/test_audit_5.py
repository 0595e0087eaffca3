"""Audit of issue 5: the printed `estat group` and `estat icc` tables against the references.

test_postest_commands checks r() against the references and only the row labels of the
printed group table; here every printed number of both tables is read back and compared with
the reference within its printed rounding (what ../shared/tools/refcheck.py does, including
the three-level `sample|batch` row its parser cannot split).
"""
from __future__ import annotations

import re

import pytest

from test_postest_commands import _fit_reference, run, take

NUM = r"-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?"


def _rows(text: str, after: str) -> dict[str, list[float]]:
    """label -> numbers of the table rows that follow the header line containing ``after``."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if after in line)
    out = {}
    for line in lines[start + 1:]:
        if "|" not in line or set(line.replace("|", "").replace("+", "").strip()) <= {"-"}:
            continue
        label, _, rest = line.rpartition(" |")
        nums = re.findall(NUM, rest)
        if label.strip() and nums:
            out[label.strip()] = [float(v) for v in nums]
    return out


def _close(printed: float, want: float, digits: int = 7) -> bool:
    """Equal within the rounding of a number printed with ``digits`` significant digits."""
    if want == 0:
        return printed == 0
    return abs(printed - want) <= 0.6 * 10 ** (int(f"{abs(want):e}".split("e")[1]) - digits + 1) + 2e-5 * abs(want)


@pytest.mark.parametrize("key", ["pastes__nested__ml", "hsb__cses_unstructured__reml", "sleepstudy__ri__ml"])
def test_printed_estat_group_and_icc_tables_match_the_reference(shared_dir, key):
    ref, s, buf = _fit_reference(shared_dir, key)
    run(s, "estat", "group")
    rows = _rows(take(buf), "Group Variable")
    assert list(rows) == [g["level"] for g in ref["groups"]]
    for g in ref["groups"]:
        n, lo, avg, hi = rows[g["level"]]
        assert (n, lo, hi) == (g["n_groups"], g["min"], g["max"])
        assert avg == pytest.approx(round(g["avg"], 1), abs=1e-9)
    run(s, "estat", "icc")
    text = take(buf)
    title = text.splitlines()[1]
    if len(ref["fixed"]) == 1:        # constant-only model
        assert title == "Intraclass correlation"
    else:                             # covariates: Residual (Conditional with random slopes)
        assert title in ("Residual intraclass correlation", "Conditional intraclass correlation")
    rows = _rows(text, "ICC")
    assert list(rows) == [r["level"] for r in ref["icc"]]
    for r in ref["icc"]:
        printed = rows[r["level"]]
        for got, field in zip(printed, ("icc", "se", "ci_lo", "ci_hi")):
            assert _close(got, r[field]), (r["level"], field, got, r[field])


def test_fitted_adds_the_random_effects_of_every_level_and_relevel_stops_at_one():
    import numpy as np
    import pandas as pd

    from test_postest_commands import new_session

    rng = np.random.default_rng(5)
    school = np.repeat(np.arange(1.0, 9.0), 30)
    cls = np.tile(np.repeat(np.arange(1.0, 4.0), 10), 8)
    x = rng.normal(size=240)
    y = (0.5 * x + rng.normal(size=8)[(school - 1).astype(int)]
         + 0.7 * rng.normal(size=24)[((school - 1) * 3 + cls - 1).astype(int)] + rng.normal(size=240))
    s, buf = new_session(pd.DataFrame({"y": y, "x": x, "school": school, "cls": cls}))
    run(s, "mixed", "y x || school: || cls:")
    run(s, "predict", "xb", ("xb",))
    run(s, "predict", "u*", ("reffects",))
    run(s, "predict", "f", ("fitted",))
    run(s, "predict", "f1", ("fitted", "relevel(school)"))
    run(s, "predict", "r", ("residuals",))
    df = s.data.df
    assert list(df.columns[-6:]) == ["xb", "u1", "u2", "f", "f1", "r"]
    assert s.data.var_labels["u1"] == "BLUP r.e. for school: _cons"
    assert s.data.var_labels["u2"] == "BLUP r.e. for cls: _cons"
    np.testing.assert_allclose(df.f, df.xb + df.u1 + df.u2, atol=1e-5)
    np.testing.assert_allclose(df.f1, df.xb + df.u1, atol=1e-5)
    np.testing.assert_allclose(df.r, df.y - df.f, atol=1e-5)
    assert df.groupby("school").u1.nunique().max() == 1              # one effect per school
    assert df.groupby(["school", "cls"]).u2.nunique().max() == 1     # and per class within school
