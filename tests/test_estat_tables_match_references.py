"""The printed ``estat group`` and ``estat icc`` tables against the shared references.

test_postest_commands checks r() against the references and only the row labels of the
printed group table; here every printed number of both tables is read back and compared with
the reference within its printed rounding (what ../shared/tools/refcheck.py does, including
the three-level ``sample|batch`` row its parser cannot split).
"""
from __future__ import annotations

import re

import pytest


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


def _take(buf) -> str:
    """What was printed since the last call (the buffer is emptied)."""
    text = buf.getvalue()
    buf.seek(0)
    buf.truncate()
    return text


def _close(printed: float, want: float, digits: int = 7) -> bool:
    """Equal within the rounding of a number printed with ``digits`` significant digits."""
    if want == 0:
        return printed == 0
    return abs(printed - want) <= 0.6 * 10 ** (int(f"{abs(want):e}".split("e")[1]) - digits + 1) + 2e-5 * abs(want)


@pytest.mark.parametrize("key", ["pastes__nested__ml", "hsb__cses_unstructured__reml", "sleepstudy__ri__ml"])
def test_printed_estat_group_and_icc_tables_match_the_reference(fit_reference, command, key):
    ref, s, buf = fit_reference(key)
    command(s, "estat", "group")
    rows = _rows(_take(buf), "Group Variable")
    assert list(rows) == [g["level"] for g in ref["groups"]]
    for g in ref["groups"]:
        n, lo, avg, hi = rows[g["level"]]
        assert (n, lo, hi) == (g["n_groups"], g["min"], g["max"])
        assert avg == pytest.approx(round(g["avg"], 1), abs=1e-9)
    command(s, "estat", "icc")
    text = _take(buf)
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
